"""The engine around the rules: registry, policy, score, report, changes."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import fields, replace

import pytest

from practiceos.core.health import (
    CHANGE_TYPES,
    AddServiceLink,
    Area,
    AssignPerson,
    ChangeError,
    CreateSeat,
    EndAssignment,
    Finding,
    MoveReportingLine,
    Policy,
    RuleContext,
    SetField,
    Severity,
    apply_changes,
    change_from_dict,
    registered_rules,
    rule,
    run_check,
    unregister_rule,
)
from practiceos.core.health.fixes import _FIELD_KINDS
from practiceos.core.health.score import area_score
from practiceos.core.model import Assignment, Location, Person, Role, Seat, SeatKind, Team
from practiceos.core.problems import InputError

from .builders import AS_OF, Org

ROLES_RULES = {
    "role-undefined",
    "provider-role-without-schedule",
    "levels-not-differentiated",
    "provider-manager-without-focus",
    "seat-without-role",
    "informal-supervisor",
    # core processes (rules/processes.py)
    "process-without-owner",
    "process-not-reviewed",
    "seat-without-process",
}
LEADERSHIP_RULES = {
    "vision-missing",
    "decision-area-without-decider",
    "decision-rights-concentrated",
    "owner-decision-load",
    "owner-time-in-management",
    "location-routes-to-owner",
}
STRUCTURE_RULES = {
    "support-reports-to-provider",
    "provider-manages-people",
    "provider-without-manager",
    "owner-span",
    "owner-in-management-seat",
    "span-too-wide",
    "span-too-narrow",
    "location-without-manager",
    "support-chain-without-manager",
    "seat-vacant",
    "seat-vacant-without-plan",
    "person-without-seat",
    "person-overloaded",
    "seat-shared",
    "reporting-cycle",
    "dangling-reference",
    "duplicate-id",
}


def messy() -> Org:
    org = Org(name="Smile Dental", slug="smile")
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("dds", "provider", name="Associate Dentist", reports_to="owner", person="Dr. Ben Ng")
    org.seat("da", "support", name="Dental Assistant", reports_to="dds", person="Jo Lee")
    org.seat("rec", "administrative", name="Receptionist", person=None)
    org.seat("x", "support", name="Assistant", reports_to="x")
    return org


# --- registry ------------------------------------------------------------------------------


def test_every_structure_rule_is_registered_with_metadata() -> None:
    rules = {r.id: r for r in registered_rules()}
    assert set(rules) >= STRUCTURE_RULES
    for r in rules.values():
        # Other areas register their own rules; the structure ones are all in its area.
        assert (r.area is Area.STRUCTURE) == (r.id in STRUCTURE_RULES)
        assert 1 <= r.principle.number <= 9 and r.principle.name
        assert r.summary


def test_a_new_area_plugs_into_the_same_engine() -> None:
    @rule(
        "role-undefined-test",
        area=Area.ROLES,
        severity=Severity.LOW,
        principles=5,
        checks=lambda facts: len(facts.seats),
        summary="test rule",
    )
    def role_undefined(ctx: RuleContext) -> Iterator[Finding]:
        for seat in ctx.facts.seats:
            if seat.role_id is None:
                yield ctx.finding([ctx.facts.subject(seat)], f"{seat.name} has no role")

    try:
        report = run_check(messy().build())
        roles = report.score.areas[Area.ROLES]
        assert roles.rules == 1 + len(ROLES_RULES) and roles.findings == 5
        assert roles.score == area_score(0.2 * 5 / 5)
        checked = [a.score for a in report.score.areas.values() if a.scored]
        assert report.score.overall == round(sum(checked) / len(checked))
        assert report.findings_for("role-undefined-test")[0].area is Area.ROLES
    finally:
        unregister_rule("role-undefined-test")
    assert "role-undefined-test" not in {r.id for r in registered_rules()}


@pytest.mark.parametrize(
    ("rule_id", "principles"),
    [("Not Kebab", 1), ("seat-vacant", 1), ("new-rule", 10), ("new-rule", ())],
)
def test_registry_refuses_bad_ids_and_principles(
    rule_id: str, principles: int | tuple[int, ...]
) -> None:
    with pytest.raises(ValueError):
        rule(
            rule_id,
            area=Area.ROLES,
            severity=Severity.LOW,
            principles=principles,
            checks=len,
            summary="",
        )  # type: ignore[arg-type]


# --- policy -------------------------------------------------------------------------------------


def test_policy_defaults_are_documented_values() -> None:
    policy = Policy()
    assert (policy.owner_max_reports, policy.max_span, policy.narrow_span) == (7, 15, 1)
    assert (policy.max_seats_per_person, policy.max_fte) == (2, 1.0)
    assert Policy.from_mapping({}) == policy
    assert Policy.from_mapping(policy.to_dict()) == policy


def test_policy_from_mapping_reports_every_problem_with_key_and_value() -> None:
    with pytest.raises(InputError) as caught:
        Policy.from_mapping(
            {"max_span": "wide", "owner_max_reports": True, "max_fte": -1, "colour": "blue"}
        )
    text = str(caught.value)
    assert "policy.max_span" in text and "'wide'" in text
    assert "policy.owner_max_reports" in text and "True" in text
    assert "policy.max_fte" in text and "-1" in text
    assert "policy.colour" in text and "unknown setting" in text
    assert len(caught.value.problems) == 4


def test_policy_narrow_span_must_be_below_max_span_and_rules_must_exist() -> None:
    with pytest.raises(InputError, match="narrow_span"):
        Policy.from_mapping({"narrow_span": 5, "max_span": 5})
    with pytest.raises(InputError, match="no-such-rule"):
        Policy.from_mapping({"disabled_rules": ["no-such-rule"]})
    with pytest.raises(InputError, match="max_span"):
        Policy(max_span=1)


def test_disabled_rules_do_not_run_or_count() -> None:
    snapshot = messy().build()
    policy = Policy.from_mapping({"disabled_rules": ["reporting-cycle"]})
    report = run_check(snapshot, policy)
    assert not report.findings_for("reporting-cycle")
    assert report.score.areas[Area.STRUCTURE].rules == len(STRUCTURE_RULES) - 1


# --- score -------------------------------------------------------------------------------------


def test_empty_practice_scores_100_and_areas_without_rules_are_marked() -> None:
    report = run_check(Org().build())
    assert report.findings == ()
    data = report.to_json_dict()["score"]
    assert data == {
        "overall": 100,
        "areas": {
            "structure": {"score": 100, "rules": len(STRUCTURE_RULES), "findings": 0},
            "roles": {"score": 100, "rules": len(ROLES_RULES), "findings": 0},
            "accountability": {
                "score": 100,
                "rules": len([r for r in registered_rules() if r.area is Area.ACCOUNTABILITY]),
                "findings": 0,
            },
            "alignment": {
                "score": 100,
                "rules": len([r for r in registered_rules() if r.area is Area.ALIGNMENT]),
                "findings": 0,
            },
            "leadership": {"score": 100, "rules": len(LEADERSHIP_RULES), "findings": 0},
        },
    }


def clinics(count: int) -> Org:
    """`count` copies of the same clinic (same problems) under one owner and COO."""
    org = Org()
    org.seat("owner", "leadership", name="Owner")
    org.seat("coo", "management", name="COO", reports_to="owner")
    for n in range(count):
        loc = org.location(f"l{n}")
        org.seat(f"lm{n}", "management", name="Manager", location=loc, reports_to="coo")
        org.seat(f"dds{n}", "provider", name="Dentist", location=loc, reports_to=f"lm{n}")
        org.seat(f"dds{n}b", "provider", name="Dentist", location=loc, reports_to=f"lm{n}")
        org.seat(f"da{n}", "support", name="Assistant", location=loc, reports_to=f"dds{n}")
        org.seat(
            f"fd{n}", "administrative", name="Front", location=loc, reports_to=f"lm{n}", person=None
        )
    return org


def test_score_does_not_punish_size() -> None:
    one = run_check(clinics(1).build(), Policy(max_span=100))
    fifty = run_check(clinics(50).build(), Policy(max_span=100))
    assert len(fifty.findings) > 20 * len(one.findings) / 2
    assert abs(one.score.overall - fifty.score.overall) <= 2
    assert 0 < fifty.score.overall < 100


def test_fixing_findings_raises_the_score_and_info_findings_cost_nothing() -> None:
    snapshot = messy().build()
    report = run_check(snapshot)
    fixed = apply_changes(
        snapshot,
        [c for f in report.findings if f.rule == "support-reports-to-provider" for c in f.fix],
    )
    assert run_check(fixed).score.overall > report.score.overall
    org = Org()
    org.seat("owner", "leadership")
    org.person("Retired Partner")
    info_only = run_check(org.build())
    assert {f.severity for f in info_only.findings} == {Severity.INFO}
    assert info_only.score.overall == 100


# --- report ------------------------------------------------------------------------------------


def test_json_report_has_exactly_the_documented_shape() -> None:
    report = run_check(messy().build())
    data = report.to_json_dict()
    json.dumps(data)
    assert set(data) == {"practice", "score", "findings"}
    assert data["practice"] == {"name": "Smile Dental", "slug": "smile"}
    assert set(data["score"]) == {"overall", "areas"}  # type: ignore[arg-type]
    for finding in data["findings"]:  # type: ignore[attr-defined]
        assert set(finding) == {"rule", "area", "severity", "subjects", "message", "fix"}
        for subject in finding["subjects"]:
            assert set(subject) == {"type", "id", "name", "person"}
        for change in finding["fix"]:
            assert change["action"] in CHANGE_TYPES


def test_findings_are_sorted_and_deterministic() -> None:
    org = messy()
    report = run_check(org.build())
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert [f.sort_key() for f in report.findings] == sorted(f.sort_key() for f in report.findings)
    shuffled = list(org.seats)
    random.Random(4).shuffle(shuffled)
    org.seats = shuffled
    assert run_check(org.build()).to_json_dict() == report.to_json_dict()


def test_text_report_groups_by_area_with_markers_subjects_and_fixes() -> None:
    text = run_check(messy().build()).to_text()
    assert text.startswith("Health check: Smile Dental (smile)")
    assert all(len(line) <= 100 or "(§" in line for line in text.splitlines())
    flat = " ".join(text.split())  # long lines are wrapped for the terminal
    assert "Score " in flat and "STRUCTURE" in flat
    # Areas whose rules found nothing to examine (no meetings, reviews or numbers in a file).
    assert "not checked yet: accountability, alignment" in flat
    assert "[HIGH] support-reports-to-provider" in flat
    assert '"Associate Dentist" (Dr. Ben Ng)' in flat
    assert (
        'move "Dental Assistant" to report to the new seat "Location Manager, Main Street"' in flat
    )
    assert "§3 Support staff report to a manager of their own" in flat
    # Ids never reach an owner: fixes that touch people name the person and the seat.
    assert "assignment '" not in flat


def test_text_report_names_each_rule_once_and_groups_moves_to_one_manager() -> None:
    org = Org()
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    for n in range(12):
        org.seat(f"da{n}", "support", name=f"Assistant {n:02d}", reports_to="owner")
    report = run_check(org.build())
    text = report.to_text()
    assert text.count("owner-span") == 1
    finding = report.findings_for("owner-span")[0]
    steps = report.fix_steps(finding)
    assert steps[0].startswith('create a management seat "Operations Manager')
    assert steps[1].startswith("move 6 seats to report to the new seat")
    assert len(steps) == 2


def test_has_at_least() -> None:
    report = run_check(messy().build())
    assert report.has_at_least("high") and report.has_at_least(Severity.INFO)
    clean = run_check(Org().build())
    assert not clean.has_at_least("info")
    org = Org()
    org.seat("owner", "leadership")
    org.person("Someone")
    info = run_check(org.build())
    assert info.has_at_least("info") and not info.has_at_least("low")


# --- changes -----------------------------------------------------------------------------------


ALL_CHANGES = [
    CreateSeat("new:x", "New Manager", "Manager", SeatKind.MANAGEMENT, "main", "owner"),
    MoveReportingLine("da", "new:x"),
    AddServiceLink("da", "dds"),
    SetField("seat", "rec", "serves", ("dds",)),
    SetField("assignment", "a1", "start", "2024-01-01"),
    EndAssignment("a2", dt.date(2025, 1, 1)),
    AssignPerson("p:Jo Lee", "new:x", fte=0.5, accountable=False),
]


def test_apply_changes_is_pure_and_applies_each_change() -> None:
    snapshot = messy().build()
    before = snapshot.seats
    fixed = apply_changes(snapshot, ALL_CHANGES)
    assert snapshot.seats == before and "new:x" not in snapshot.seats_by_id
    seats = fixed.seats_by_id
    assert seats["new:x"].reports_to == "owner"
    assert fixed.role_of(seats["new:x"]) is not None
    assert seats["da"].reports_to == "new:x" and seats["da"].serves == ("dds",)
    assert seats["rec"].serves == ("dds",)
    assignments = {a.id: a for a in fixed.assignments}
    assert assignments["a1"].start == dt.date(2024, 1, 1)
    assert assignments["a2"].end == dt.date(2025, 1, 1)
    assert [a.person_id for a in fixed.holders_of["new:x"]] == ["p:Jo Lee"]


def test_changes_round_trip_through_dicts() -> None:
    for change in ALL_CHANGES:
        data = json.loads(json.dumps(change.to_dict()))
        assert data["action"] == change.action
        assert change_from_dict(data).to_dict() == change.to_dict()


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"action": "teleport"}, "teleport"),
        ({"action": "move_reporting_line", "seat_id": "a"}, "new_manager"),
        (
            {
                "action": "create_seat",
                "temp_ref": "t",
                "name": "n",
                "role_title": "r",
                "kind": "boss",
                "location_id": None,
                "reports_to": None,
            },
            "'boss'",
        ),
        ({"action": "end_assignment", "assignment_id": "a", "end": "yesterday"}, "'yesterday'"),
        ({"action": "move_reporting_line", "seat_id": "a", "new_manager": None, "x": 1}, "'x'"),
    ],
)
def test_change_from_dict_names_the_bad_key_or_value(
    data: dict[str, object], fragment: str
) -> None:
    with pytest.raises(ChangeError, match=fragment):
        change_from_dict(data)


@pytest.mark.parametrize(
    "change",
    [
        MoveReportingLine("nope", None),
        MoveReportingLine("da", "nope"),
        MoveReportingLine("da", "da"),
        SetField("seat", "da", "colour", "red"),
        SetField("seat", "da", "kind", "boss"),
        SetField("planet", "da", "name", "x"),
        SetField("assignment", "a1", "fte", "lots"),
        EndAssignment("nope"),
        AssignPerson("nobody", "da"),
        CreateSeat("t", "n", "r", SeatKind.MANAGEMENT, "no-location", None),
    ],
)
def test_apply_changes_refuses_changes_naming_missing_things(change: object) -> None:
    with pytest.raises(ChangeError):
        apply_changes(messy().build(), [change])  # type: ignore[list-item]


def test_create_seat_with_an_existing_ref_reuses_the_seat() -> None:
    create = CreateSeat("new:x", "New Manager", "Manager", SeatKind.MANAGEMENT, "main", "owner")
    fixed = apply_changes(messy().build(), [create, create, MoveReportingLine("da", "new:x")])
    again = apply_changes(fixed, [create])
    assert sum(1 for s in again.seats if s.id == "new:x") == 1
    assert sum(1 for r in again.roles if r.title == "Manager") == 1


def test_set_field_table_matches_the_model() -> None:
    for name, cls in (
        ("seat", Seat),
        ("role", Role),
        ("location", Location),
        ("team", Team),
        ("person", Person),
        ("assignment", Assignment),
    ):
        assert set(_FIELD_KINDS[name]) == {f.name for f in fields(cls)} - {"id"}


def test_end_assignment_defaults_to_the_snapshot_date() -> None:
    snapshot = messy().build()
    fixed = apply_changes(snapshot, [EndAssignment("a1")])
    assert next(a for a in fixed.assignments if a.id == "a1").end == AS_OF
    assert "a1" not in {a.id for a in fixed.current_assignments}
    assert replace(snapshot).seats == snapshot.seats
