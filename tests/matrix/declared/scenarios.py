"""Scenarios: drafts of the chart, their changes, export and publishing; and their API.

Drafting needs EDIT_STRUCTURE (owners and admins); publishing rewrites the live chart and
needs MANAGE_PRACTICE; anyone in the practice reads a scenario.
"""

from practiceos.scenarios.access import EDIT, PUBLISH
from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

REDIRECT = frozenset({302})


def _draft(w):
    """acme's draft, with one change (a note on the scrub tech's seat) to take out."""
    from practiceos.scenarios.services import add_changes, create_scenario

    def build():
        draft = create_scenario(actor=w.personas.owner, name="Matrix draft")
        change = {
            "action": "set_field",
            "object_type": "seat",
            "object_id": str(w.chart.tech_seat.pk),
            "field": "note",
            "value": "Covers both theatres",
        }
        add_changes(actor=w.personas.owner, scenario=draft, changes=[change])
        draft.refresh_from_db()
        return draft

    return w.cached("scenarios.draft", build)


def _pk(w):
    return {"pk": _draft(w).pk}


def _id(w):
    return {"scenario_id": _draft(w).pk}


def _edit(w):
    return {"action": "move", "seat": "Surgical Technologist 1", "manager": "Owner"}


PAGES = [
    page("scenarios:list"),
    page("scenarios:create", get=None, post=Rule(EDIT, data=lambda w: {"name": "Another try"})),
    page("scenarios:try", get=None, post=Rule(EDIT, ok=REDIRECT)),
    page("scenarios:detail", args=_pk),
    page("scenarios:edit", args=_pk, get=None, post=Rule(EDIT, data=_edit, ok=REDIRECT)),
    page(
        "scenarios:undo",
        args=lambda w: {"pk": _draft(w).pk, "index": 0},
        get=None,
        post=Rule(EDIT, ok=REDIRECT),
    ),
    page(
        "scenarios:settings",
        args=_pk,
        get=None,
        post=Rule(EDIT, data=lambda w: {"name": "Renamed", "note": "x"}, ok=REDIRECT),
    ),
    page("scenarios:discard", args=_pk, get=None, post=Rule(EDIT, ok=REDIRECT)),
    page("scenarios:rebase", args=_pk, get=None, post=Rule(EDIT, ok=REDIRECT)),
    page("scenarios:publish", args=_pk, get=None, post=Rule(PUBLISH, ok=REDIRECT)),
    page("scenarios:more-fixes", args=_pk, get=None, post=Rule(EDIT, ok=REDIRECT)),
    page("scenarios:export", args=_pk),
]

OPERATIONS = [
    op("GET /api/scenarios", Action.VIEW),
    op(
        "POST /api/scenarios",
        Rule(EDIT, data=lambda w: {"name": "Another try"}, ok=frozenset({201})),
    ),
    op("GET /api/scenarios/{scenario_id}", Action.VIEW, params=_id),
    op(
        "PATCH /api/scenarios/{scenario_id}",
        Rule(EDIT, data=lambda w: {"note": "renamed"}, ok=frozenset({200})),
        params=_id,
    ),
    op(
        "POST /api/scenarios/{scenario_id}/changes",
        Rule(
            EDIT,
            data=lambda w: {
                "changes": [
                    {
                        "action": "set_field",
                        "object_type": "seat",
                        "object_id": str(w.chart.surgeon_seat.pk),
                        "field": "note",
                        "value": "x",
                    }
                ]
            },
            ok=frozenset({200}),
        ),
        params=_id,
    ),
    op(
        "POST /api/scenarios/{scenario_id}/fixes",
        Rule(EDIT, data=lambda w: {}, ok=frozenset({200})),
        params=_id,
    ),
    op(
        "POST /api/scenarios/{scenario_id}/discard",
        Rule(EDIT, data=lambda w: {}, ok=frozenset({200})),
        params=_id,
    ),
    op(
        "POST /api/scenarios/{scenario_id}/publish",
        Rule(PUBLISH, data=lambda w: {}, ok=frozenset({200})),
        params=_id,
    ),
]
