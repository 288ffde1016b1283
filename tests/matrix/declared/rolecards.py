"""Role cards: the library, a role's card, its sections, versions and PDF; and their API.

A card is read by owners and admins, the people who hold the role and the managers of
seats that hold it (403 for the rest of the practice): of the cast, the manager persona
runs the practice-manager seat the scrub tech reports to; the member holds no seat and the
other chain's manager runs front office. Cards are edited with EDIT_STRUCTURE.
"""

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

STRUCTURE = Action.EDIT_STRUCTURE
#: Reading the scrub tech's card: not the member (no seat) nor front office's manager.
READ = Rule(Action.VIEW, denied=("member", "manager_other"))
CARD = {"purpose": "Keeps the sterile field and the instruments ready."}


def _tech(w):
    return {"pk": w.chart.tech_role.pk}


def _tech_id(w):
    return {"role_id": w.chart.tech_role.pk}


PAGES = [
    page(
        "rolecards:library",
        post=Rule(
            STRUCTURE,
            data=lambda w: {"template": "Dental Assistant", "title": "DA"},
            ok=frozenset({302}),
        ),
    ),
    page("rolecards:card", args=_tech, get=READ),
    page(
        "rolecards:section",
        args=lambda w: {"pk": w.chart.tech_role.pk, "name": "purpose"},
        get=READ,
        post=Rule(STRUCTURE, data=lambda w: CARD, ok=frozenset({302})),
    ),
    page(
        "rolecards:adopt",
        args=_tech,
        get=None,
        post=Rule(
            STRUCTURE, data=lambda w: {"template": "Surgical Technologist"}, ok=frozenset({302})
        ),
    ),
    page("rolecards:versions", args=_tech, get=READ),
    page("rolecards:pdf", args=_tech, get=READ),
]

OPERATIONS = [
    op("GET /api/roles/{role_id}/card", READ, params=_tech_id),
    op("GET /api/roles/{role_id}/card/versions", READ, params=_tech_id),
    op(
        "PATCH /api/roles/{role_id}/card",
        Rule(STRUCTURE, data=lambda w: CARD, ok=frozenset({200})),
        params=_tech_id,
    ),
    op(
        "POST /api/roles/{role_id}/card/adopt",
        Rule(STRUCTURE, data=lambda w: {"template": "Surgical Technologist"}, ok=frozenset({200})),
        params=_tech_id,
    ),
    op("GET /api/role-library", Action.VIEW),
    # The title names a library card, not an object of acme: the other practice's owner
    # adopts it into its own practice (201).
    op(
        "POST /api/role-library/{title}/adopt",
        Rule(STRUCTURE, data=lambda w: {"title": "DA"}, ok=frozenset({201}), outsider="allowed"),
        params=lambda w: {"title": "Dental Assistant"},
    ),
]
