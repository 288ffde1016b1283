"""Role-card API: a declared suite of every persona against every action (nothing
changes on a refusal, one audit record on a success), bad input named field by field,
and pinned query counts at two sizes."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONA_NAMES

GOOD = {
    "purpose": "Keeps the sterile field and the instruments ready.",
    "expectations": [
        {
            "measurable": "Turnover time",
            "unit": "minutes",
            "direction": "at_most",
            "targets": {"junior": 30, "senior": 25, "lead": 20},
        }
    ],
}


def _state(role):
    from practiceos.audit.models import AuditRecord
    from practiceos.org.models import Role
    from practiceos.rolecards.models import RoleVersion

    fresh = Role.objects.get(pk=role.pk)
    return (
        fresh.card(),
        Role.objects.count(),
        RoleVersion.objects.count(),
        AuditRecord.objects.count(),
    )


# action -> (method, path builder, body, success status)
ACTIONS = {
    "read": ("get", lambda c: f"roles/{c.tech_role.pk}/card", None, 200),
    "versions": ("get", lambda c: f"roles/{c.tech_role.pk}/card/versions", None, 200),
    "patch": ("patch", lambda c: f"roles/{c.tech_role.pk}/card", GOOD, 200),
    "adopt": (
        "post",
        lambda c: f"roles/{c.tech_role.pk}/card/adopt",
        {"template": "Surgical Technologist"},
        200,
    ),
    "library": ("get", lambda c: "role-library", None, 200),
    "create": ("post", lambda c: "role-library/Dental Assistant/adopt", {"title": "DA"}, 201),
}
WRITES = {"patch", "adopt", "create"}


def expected(persona: str, action: str) -> int:
    if persona == "outsider":
        # Acts in its own practice: the library and creating there work; acme's role is a 404.
        return {"library": 200, "create": 201}.get(action, 404)
    if action in WRITES:
        return ACTIONS[action][3] if persona in ("owner", "admin") else 403
    if action == "library":
        return 200
    # Reading a card: owners and admins; the others hold no seat of the scrub tech role.
    return 200 if persona in ("owner", "admin") else 403


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_role_card_permission_matrix(persona, action, chart, api_as):
    from practiceos.audit.models import AuditRecord

    method, path, body, _ = ACTIONS[action]
    caller = api_as(persona)
    before = _state(chart.tech_role)
    records = AuditRecord.objects.count()
    response = getattr(caller, method)(path(chart), *([body] if body is not None else []))
    want = expected(persona, action)
    assert response.status_code == want, response.content
    if want >= 400 or action not in WRITES:
        assert _state(chart.tech_role) == before
    else:
        assert AuditRecord.objects.count() == records + 1
        assert AuditRecord.objects.latest("pk").actor.username == persona


def test_the_seat_holder_reads_their_card_over_the_api(chart, personas, api_as):
    chart.bob.user = personas.member.user
    chart.bob.save()
    response = api_as("member").get(f"roles/{chart.surgeon_role.pk}/card")
    assert response.status_code == 200
    assert response.json()["title"] == "Orthopedic Surgeon"


def test_patch_then_read_gives_the_full_card_and_versions(chart, api_as):
    caller = api_as("owner")
    patched = caller.patch(f"roles/{chart.tech_role.pk}/card", GOOD).json()
    assert patched["card"]["purpose"] == GOOD["purpose"]
    assert [e["level"] for e in patched["card"]["expectations"]] == ["junior", "senior", "lead"]
    assert patched["versions"] == 2
    versions = caller.get(f"roles/{chart.tech_role.pk}/card/versions").json()
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["actor"] == "owner"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        (
            {"expectations": [{**GOOD["expectations"][0], "targets": {"junior": "soon"}}]},
            "expectations[0].targets.junior",
            "'soon' is not a number",
        ),
        (
            {"expectations": [{**GOOD["expectations"][0], "unit": "yes_no"}]},
            "expectations[0].direction",
            'does not fit the unit "yes_no"',
        ),
        ({"schedule": {"unit": "days"}}, "schedule.unit", "'days' is not a schedule unit"),
        ({"salary": 1}, "salary", 'unknown card part "salary"'),
        ([1, 2], "body", "input should be a valid dictionary"),
    ],
)
def test_bad_card_bodies_are_422_naming_the_field(chart, api_as, body, field, words):
    caller = api_as("owner")
    before = _state(chart.tech_role)
    response = caller.patch(f"roles/{chart.tech_role.pk}/card", body)
    assert response.status_code == 422
    problems = {p["field"]: p["message"] for p in response.json()["detail"]}
    assert field in problems and words in problems[field], problems
    assert _state(chart.tech_role) == before


def test_library_filters_and_refuses_an_unknown_kind(chart, api_as):
    caller = api_as("member")
    providers = caller.get("role-library", {"kind": "provider"}).json()
    assert providers and all(item["card"]["kind"] == "provider" for item in providers)
    assert len(caller.get("role-library").json()) >= 60
    bad = caller.get("role-library", {"kind": "wizard"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "kind"


def test_adopting_an_unknown_library_card_is_422(chart, api_as):
    response = api_as("owner").post(f"roles/{chart.tech_role.pk}/card/adopt", {"template": "Pilot"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "template"


@pytest.mark.parametrize("versions", [1, 30], ids=["1-version", "30-versions"])
def test_card_api_query_counts_are_fixed(
    chart, personas, api_as, django_assert_num_queries, versions
):
    from practiceos.rolecards import services

    for n in range(versions):
        services.update_card(
            actor=personas.owner, role=chart.tech_role, changes={"purpose": f"Version {n}"}
        )
    caller = api_as("owner")
    # the token with its membership; the role; the version count
    with django_assert_num_queries(3):
        assert caller.get(f"roles/{chart.tech_role.pk}/card").status_code == 200
    # the token with its membership; the role; the versions with their actors
    with django_assert_num_queries(3):
        assert caller.get(f"roles/{chart.tech_role.pk}/card/versions").status_code == 200
