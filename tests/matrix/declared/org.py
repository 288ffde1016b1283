"""The accountability chart: chart, list and object pages, edit forms; and its API."""

from practiceos.tenancy.permissions import Action
from tests.api.resources import RESOURCES
from tests.matrix.declare import Rule, op, page

STRUCTURE = Action.EDIT_STRUCTURE
PEOPLE = Action.EDIT_PEOPLE


def _pk(attr):
    return lambda w: {"pk": getattr(w.chart, attr).pk}


PAGES = [
    page("org:chart"),
    page("org:chart-roots"),
    page("org:chart-children", args=_pk("owner_seat")),
    page("org:chart-path", args=_pk("tech_seat")),
    page("org:chart-search"),
    page("org:chart-lines", args=_pk("tech_seat")),
    # Export of the whole chart (a subtree with ?seat=, tested in tests/org/test_export_views.py).
    page("org:chart-export-svg"),
    # POST queues the PDF as a job (a big chart's GET offers it) and goes to the job.
    page("org:chart-export-pdf", post=Rule(Action.VIEW, ok=frozenset({302}))),
    page("org:people"),
    page("org:person", args=_pk("bob")),
    page("org:locations"),
    page("org:location", args=_pk("downtown")),
    page("org:seat", args=_pk("tech_seat")),
    page("org:pick", args=lambda w: {"target": "seat"}),
    page("org:location-new", get=STRUCTURE, post=STRUCTURE),
    page("org:location-edit", args=_pk("downtown"), get=STRUCTURE, post=STRUCTURE),
    page("org:teams"),
    page("org:team-new", get=STRUCTURE, post=STRUCTURE),
    page("org:team", args=_pk("team")),
    page("org:team-edit", args=_pk("team"), get=STRUCTURE, post=STRUCTURE),
    page("org:roles"),
    page("org:role-new", get=STRUCTURE, post=STRUCTURE),
    page("org:role", args=_pk("tech_role")),
    page("org:role-edit", args=_pk("tech_role"), get=STRUCTURE, post=STRUCTURE),
    page("org:seat-new", get=STRUCTURE, post=STRUCTURE),
    page("org:seat-edit", args=_pk("tech_seat"), get=STRUCTURE, post=STRUCTURE),
    page("org:person-new", get=PEOPLE, post=PEOPLE),
    page("org:person-edit", args=_pk("bob"), get=PEOPLE, post=PEOPLE),
    page("org:person-assign", args=_pk("bob"), get=PEOPLE, post=PEOPLE),
    page("org:assignment-end", args=_pk("bob_surgeon"), get=PEOPLE, post=PEOPLE),
    # Archive / restore (the button toggles): structure for seats, locations, teams and
    # roles, people for people. One URL name, so one entry (seats); every kind passes the
    # same gate (org.services.ACTIONS), and the role page's button is run persona by persona
    # in tests/safety/test_archive_and_privacy.py::test_who_may_archive_a_role_from_its_page.
    page(
        "org:archive",
        args=lambda w: {"kind": "seats", "pk": w.chart.tech_seat.pk},
        get=None,
        post=STRUCTURE,
    ),
    # The org file export: GET offers the button, POST queues the job (to its page).
    page(
        "org:export",
        get=Action.MANAGE_PRACTICE,
        post=Rule(Action.MANAGE_PRACTICE, ok=frozenset({302})),
    ),
]


def _lifecycle_ops(name, action):
    one = lambda w: {"id": RESOURCES[name].sample(w.chart).pk}  # noqa: E731
    return [
        op(f"POST /api/{name}/{{id}}/archive", action, params=one),
        op(f"POST /api/{name}/{{id}}/restore", action, params=one),
    ]


def _resource_ops(name, action):
    res = RESOURCES[name]
    one = lambda w: {"id": res.sample(w.chart).pk}  # noqa: E731
    return [
        op(f"GET /api/{name}", Action.VIEW),
        op(f"GET /api/{name}/{{id}}", Action.VIEW, params=one),
        op(f"POST /api/{name}", action, body=lambda w: res.create(w.chart)),
        op(f"PATCH /api/{name}/{{id}}", action, params=one, body=lambda w: res.update),
    ]


OPERATIONS = [
    *_resource_ops("locations", STRUCTURE),
    *_resource_ops("teams", STRUCTURE),
    *_resource_ops("roles", STRUCTURE),
    *_resource_ops("seats", STRUCTURE),
    *_resource_ops("people", PEOPLE),
    *_resource_ops("assignments", PEOPLE),
    *_lifecycle_ops("locations", STRUCTURE),
    *_lifecycle_ops("teams", STRUCTURE),
    *_lifecycle_ops("roles", STRUCTURE),
    *_lifecycle_ops("seats", STRUCTURE),
    *_lifecycle_ops("people", PEOPLE),
    # A person's data, exported or erased: owners and admins.
    op(
        "GET /api/people/{id}/data",
        Action.MANAGE_PRACTICE,
        params=lambda w: {"id": w.chart.bob.pk},
    ),
    op(
        "POST /api/people/{id}/erase",
        Action.MANAGE_PRACTICE,
        params=lambda w: {"id": w.chart.bob.pk},
    ),
]
