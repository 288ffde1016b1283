"""Roles rules (DESIGN principle 5): each fires, its fix clears it, and a legitimate
look-alike does not fire."""

from __future__ import annotations

import json
from dataclasses import replace

from practiceos.core.health import apply_changes, change_from_dict, run_check
from practiceos.core.health.fixes import AdoptCard, GiveSeatRole, MoveReportingLine, SetField
from practiceos.core.model import Level, Role, SeatKind, Snapshot
from practiceos.core.rolecards import (
    Direction,
    LevelExpectation,
    ManagementFocus,
    Unit,
    role_from_card,
)
from practiceos.core.rolelibrary import library

from .builders import Org, assert_fix_clears, only


def _card_role(role: Role, template: str, **changes: object) -> Role:
    """``role`` carrying the library card ``template`` (its own title, kind and lead kept)."""
    card = replace(library().cards[template], title=role.title, kind=role.kind)
    defined = replace(
        role_from_card(role.id, card), provider_lead=role.provider_lead, template=template
    )
    return replace(defined, **changes)


def _define(snapshot: Snapshot, cards: dict[str, str]) -> Snapshot:
    """Every role whose title is in ``cards`` gets the named library card."""
    roles = tuple(_card_role(r, cards[r.title]) if r.title in cards else r for r in snapshot.roles)
    return replace(snapshot, roles=roles)


def clinic() -> Org:
    """An owner, a practice manager, a medical director with two physicians, and medical
    assistants under a clinical manager: a sound shape, every seat with a role."""
    org = Org()
    org.seat("owner", "leadership", name="Owner", role="Owner")
    org.seat(
        "pm", "management", name="Practice Manager", role="Practice Manager", reports_to="owner"
    )
    org.seat(
        "md",
        "management",
        name="Medical Director",
        role="Medical Director",
        provider_lead=True,
        reports_to="owner",
    )
    for n in range(2):
        org.seat(f"doc{n}", "provider", name=f"Physician {n}", role="Physician", reports_to="md")
    org.seat("cm", "management", name="Clinical Manager", role="Clinical Manager", reports_to="pm")
    for n in range(2):
        org.seat(f"ma{n}", "support", name=f"MA {n}", role="Medical Assistant", reports_to="cm")
    org.seat(
        "fd", "administrative", name="Front Desk", role="Front Desk Coordinator", reports_to="pm"
    )
    return org


CARDS = {
    "Owner": "Owner",
    "Practice Manager": "Practice Manager",
    "Medical Director": "Medical Director",
    "Physician": "Physician",
    "Clinical Manager": "Clinical Manager",
    "Medical Assistant": "Medical Assistant",
    "Front Desk Coordinator": "Front Desk Coordinator",
    "Lead Medical Assistant": "Medical Assistant",
}


def adopted() -> Snapshot:
    return _define(clinic().build(), CARDS)


def roles_fired(snapshot: Snapshot) -> set[str]:
    return {f.rule for f in run_check(snapshot).findings if f.area.value == "roles"}


def _role(snapshot: Snapshot, title: str) -> Role:
    return next(r for r in snapshot.roles if r.title == title)


def _with_role(snapshot: Snapshot, role: Role) -> Snapshot:
    return replace(snapshot, roles=tuple(role if r.id == role.id else r for r in snapshot.roles))


# --- a practice that adopts the library ------------------------------------------------


def test_practice_that_adopts_the_library_has_no_roles_findings() -> None:
    assert roles_fired(adopted()) == set()


def test_practice_without_any_roles_is_not_flagged_seat_by_seat() -> None:
    org = Org()
    org.seat("owner", "leadership", name="Owner")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner")
    assert "seat-without-role" not in roles_fired(org.build())


# --- role-undefined -------------------------------------------------------------------


def test_role_undefined_fires_for_a_bare_imported_role_and_adopting_the_card_clears_it() -> None:
    snapshot = _define(clinic().build(), {k: v for k, v in CARDS.items() if k != "Physician"})
    finding = only(run_check(snapshot), "role-undefined")
    assert finding.subjects[0].name == "Physician"
    assert "2 seats" in finding.message and "no measurable expectation" in finding.message
    [adopt] = finding.fix
    assert isinstance(adopt, AdoptCard) and adopt.template == "Physician"
    assert "schedule" in adopt.parts
    fixed = assert_fix_clears(snapshot, finding)
    role = _role(fixed, "Physician")
    assert role.title == "Physician" and role.template == "Physician"
    assert roles_fired(fixed) == set()


def test_role_undefined_look_alike_a_short_but_defined_card_and_an_unused_bare_role() -> None:
    snapshot = adopted()
    short = _role(snapshot, "Front Desk Coordinator")
    lean = replace(
        short,
        responsibilities=short.responsibilities[:1],
        decision_rights=(),
        proposes=(),
        what_good_looks_like="",
        expectations=short.expectations[:1],
    )
    unused = Role("r-unused", "Doctor", SeatKind.PROVIDER)
    lean_snapshot = replace(_with_role(snapshot, lean), roles=(*snapshot.roles, unused))
    lean_snapshot = _with_role(lean_snapshot, lean)
    assert "role-undefined" not in roles_fired(lean_snapshot)


def test_role_undefined_fix_uses_the_title_when_no_template_was_recorded() -> None:
    org = clinic()
    snapshot = _define(
        org.build(), {k: v for k, v in CARDS.items() if k != "Front Desk Coordinator"}
    )
    finding = only(run_check(snapshot), "role-undefined")
    [adopt] = finding.fix
    assert isinstance(adopt, AdoptCard) and adopt.template == "Front Desk Coordinator"
    again = change_from_dict(json.loads(json.dumps(adopt.to_dict())))
    assert again == adopt
    assert "fill in the card of role" in adopt.describe(str)


# --- provider-role-without-schedule --------------------------------------------------


def test_provider_role_without_schedule_fires_and_fix_clears() -> None:
    snapshot = adopted()
    snapshot = _with_role(snapshot, replace(_role(snapshot, "Physician"), schedule=None))
    finding = only(run_check(snapshot), "provider-role-without-schedule")
    assert finding.fix == (
        AdoptCard(finding.subjects[0].id, "Physician", "Physician", ("schedule",)),
    )
    fixed = assert_fix_clears(snapshot, finding)
    schedule = _role(fixed, "Physician").schedule
    assert schedule is not None and schedule.clinic > 0


def test_provider_role_without_schedule_look_alike_support_and_provider_lead_roles() -> None:
    snapshot = adopted()
    snapshot = _with_role(snapshot, replace(_role(snapshot, "Medical Assistant"), schedule=None))
    snapshot = _with_role(snapshot, replace(_role(snapshot, "Medical Director"), schedule=None))
    assert "provider-role-without-schedule" not in roles_fired(snapshot)


# --- levels-not-differentiated -------------------------------------------------------


def _levels(snapshot: Snapshot, levels: dict[str, Level]) -> Snapshot:
    assignments = tuple(
        replace(a, level=levels.get(a.seat_id, a.level)) for a in snapshot.assignments
    )
    return replace(snapshot, assignments=assignments)


def _flat(role: Role) -> Role:
    same = tuple(
        LevelExpectation(level, "Rooming on time", Unit.PERCENT, Direction.AT_LEAST, 90)
        for level in Level
    )
    return replace(role, expectations=same)


def test_levels_not_differentiated_fires_and_fix_clears() -> None:
    snapshot = _levels(adopted(), {"ma0": Level.JUNIOR, "ma1": Level.LEAD})
    snapshot = _with_role(snapshot, _flat(_role(snapshot, "Medical Assistant")))
    finding = only(run_check(snapshot), "levels-not-differentiated")
    assert "junior and lead" in finding.message
    assert_fix_clears(snapshot, finding)


def test_levels_not_differentiated_look_alike_everyone_at_one_level() -> None:
    snapshot = adopted()  # both medical assistants are senior
    snapshot = _with_role(snapshot, _flat(_role(snapshot, "Medical Assistant")))
    assert "levels-not-differentiated" not in roles_fired(snapshot)
    differing = _levels(adopted(), {"ma0": Level.JUNIOR, "ma1": Level.LEAD})
    assert "levels-not-differentiated" not in roles_fired(differing)


# --- provider-manager-without-focus ----------------------------------------------------


def test_provider_manager_without_focus_fires_and_fix_clears() -> None:
    snapshot = adopted()
    snapshot = _with_role(
        snapshot, replace(_role(snapshot, "Medical Director"), management_focus=None)
    )
    finding = only(run_check(snapshot), "provider-manager-without-focus")
    assert "manages providers" in finding.message
    fixed = assert_fix_clears(snapshot, finding)
    assert _role(fixed, "Medical Director").management_focus is ManagementFocus.PATIENT_OUTCOMES


def test_provider_manager_without_focus_look_alike_manager_of_support_staff_only() -> None:
    snapshot = adopted()
    cm = _role(snapshot, "Clinical Manager")
    assert cm.management_focus is None  # manages medical assistants, not providers
    assert "provider-manager-without-focus" not in roles_fired(snapshot)


# --- seat-without-role ---------------------------------------------------------------


def test_seat_without_role_fires_and_giving_the_library_role_clears_it() -> None:
    snapshot = adopted()
    seats = tuple(replace(s, role_id=None) if s.id == "fd" else s for s in snapshot.seats)
    snapshot = replace(snapshot, seats=seats, roles=snapshot.roles)
    finding = only(run_check(snapshot), "seat-without-role")
    assert finding.fix == (GiveSeatRole("fd", "Front Desk Coordinator"),)
    fixed = assert_fix_clears(snapshot, finding)
    role = fixed.role_of(fixed.seats_by_id["fd"])
    assert role is not None and role.title == "Front Desk Coordinator"
    assert len(fixed.roles) == len(snapshot.roles)  # the practice's own role was reused


def test_seat_without_role_fix_creates_a_defined_role_when_the_practice_has_none() -> None:
    org = clinic()
    org.seat("rad", "support", name="X-ray Tech — Main", reports_to="cm")
    snapshot = _define(org.build(), CARDS)
    finding = only(run_check(snapshot), "seat-without-role")
    fixed = apply_changes(snapshot, finding.fix)
    role = fixed.role_of(fixed.seats_by_id["rad"])
    assert role is not None and role.title == "Radiologic Technologist" and role.expectations
    assert roles_fired(fixed) == set()


def test_seat_without_role_look_alike_every_seat_has_a_role() -> None:
    assert "seat-without-role" not in roles_fired(adopted())


# --- informal-supervisor --------------------------------------------------------------


def test_informal_supervisor_fires_and_moving_the_report_to_the_manager_clears_it() -> None:
    org = clinic()
    org.seat("ma2", "support", name="MA 2", role="Medical Assistant", reports_to="ma0")
    snapshot = _define(org.build(), CARDS)
    finding = only(run_check(snapshot), "informal-supervisor")
    assert finding.fix == (MoveReportingLine("ma2", "cm"),)
    assert "make the lead role explicit" in finding.message
    fixed = assert_fix_clears(snapshot, finding)
    assert fixed.seats_by_id["ma2"].reports_to == "cm"


def test_informal_supervisor_with_nobody_above_writes_the_lead_duties_on_the_card() -> None:
    org = Org()
    org.seat("ma0", "support", name="MA 0", role="Medical Assistant")
    org.seat("ma1", "support", name="MA 1", role="Medical Assistant", reports_to="ma0")
    snapshot = _define(org.build(), CARDS)
    finding = only(run_check(snapshot), "informal-supervisor")
    [change] = finding.fix
    assert isinstance(change, SetField) and change.field == "supervision"
    assert_fix_clears(snapshot, finding)


def test_informal_supervisor_in_a_reporting_cycle_never_moves_a_seat_under_itself() -> None:
    # The MA reports to the manager and the manager (by a data error) to the MA: the
    # nearest manager above the MA is the MA's own report. Moving that report "to the
    # manager above" would make it report to itself (found by the property test).
    org = Org()
    org.seat("ma0", "support", name="MA 0", role="Medical Assistant", reports_to="cm")
    org.seat("cm", "management", name="Clinic Manager", reports_to="ma0")
    snapshot = _define(org.build(), CARDS)
    finding = only(run_check(snapshot), "informal-supervisor")
    assert not any(isinstance(change, MoveReportingLine) for change in finding.fix)
    [change] = finding.fix
    assert isinstance(change, SetField) and change.field == "supervision"
    assert_fix_clears(snapshot, finding)


def test_informal_supervisor_look_alike_an_explicit_lead_role() -> None:
    org = clinic()
    org.seat("lead", "support", name="Lead MA", role="Lead Medical Assistant", reports_to="cm")
    org.seat("ma2", "support", name="MA 2", role="Medical Assistant", reports_to="lead")
    snapshot = _define(org.build(), CARDS)
    lead = replace(
        _role(snapshot, "Lead Medical Assistant"),
        supervision="Leads the medical assistants day to day: huddles, assignments, training.",
    )
    assert "informal-supervisor" not in roles_fired(_with_role(snapshot, lead))
