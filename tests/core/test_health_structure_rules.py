"""Each structure rule: where it fires, the legitimate look-alike where it must not, and
that its fix clears it without creating a cycle or a dangling reference."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from practiceos.core.health import (
    AddServiceLink,
    Area,
    CreateSeat,
    EndAssignment,
    MoveReportingLine,
    Policy,
    Severity,
    SubjectType,
    apply_changes,
    registered_rules,
    run_check,
)
from practiceos.core.model import SeatKind, Snapshot, Team

from .builders import AS_OF, Org, assert_fix_clears, only


def rules_fired(snapshot: Snapshot, policy: Policy | None = None) -> set[str]:
    return {f.rule for f in run_check(snapshot, policy).findings}


def dental_practice() -> Org:
    """Owner dentist, practice manager, associate dentist, front office: a sound shape."""
    org = Org()
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", person="Rita Moss")
    org.seat("assoc", "provider", name="Associate Dentist", reports_to="owner", person="Dr. Ben Ng")
    org.seat("fd", "administrative", name="Receptionist", reports_to="pm", person="Sam Cole")
    return org


def test_sound_practice_has_no_findings_and_scores_100() -> None:
    report = run_check(dental_practice().build())
    assert report.findings == ()
    assert report.score.overall == 100


# --- support-reports-to-provider ---------------------------------------------------------


def test_support_staff_under_a_dentist_is_one_finding_per_dentist() -> None:
    org = dental_practice()
    org.seat("da1", "support", name="Dental Assistant", reports_to="assoc", person="Jo Lee")
    org.seat("da2", "support", name="Dental Assistant", reports_to="assoc", person="Kim Roe")
    snapshot = org.build()
    finding = only(run_check(snapshot), "support-reports-to-provider")
    assert finding.severity is Severity.HIGH
    assert [s.id for s in finding.subjects] == ["assoc", "da1", "da2"]
    assert finding.subjects[0].person == "Dr. Ben Ng"
    assert "Jo Lee" in finding.message and "Kim Roe" in finding.message
    assert "Associate Dentist" in finding.message

    fixed = assert_fix_clears(snapshot, finding)
    new = fixed.seats_by_id["new:support-services-manager:main"]
    assert new.kind is SeatKind.MANAGEMENT
    assert new.reports_to == "pm"  # the location's manager
    for seat_id in ("da1", "da2"):
        seat = fixed.seats_by_id[seat_id]
        assert seat.reports_to == new.id
        assert seat.serves == ("assoc",)  # still serves the dentist it reported to


def test_existing_support_manager_is_reused_and_existing_service_link_kept() -> None:
    org = dental_practice()
    org.seat("csm", "management", name="Clinical Support Manager", reports_to="pm")
    org.seat("hyg", "support", name="Hygiene Assistant", reports_to="csm")
    org.seat("da1", "support", name="Dental Assistant", reports_to="assoc", serves=("assoc",))
    snapshot = org.build()
    finding = only(run_check(snapshot), "support-reports-to-provider")
    assert not any(isinstance(c, CreateSeat) for c in finding.fix)
    assert MoveReportingLine("da1", "csm") in finding.fix
    assert not any(isinstance(c, AddServiceLink) for c in finding.fix)
    assert_fix_clears(snapshot, finding)


def test_fixes_for_two_providers_share_one_new_support_manager() -> None:
    org = dental_practice()
    org.seat("assoc2", "provider", name="Hygienist", reports_to="owner")
    org.seat("da1", "support", name="Dental Assistant", reports_to="assoc")
    org.seat("da2", "support", name="Hygiene Assistant", reports_to="assoc2")
    snapshot = org.build()
    findings = run_check(snapshot).findings_for("support-reports-to-provider")
    assert len(findings) == 2
    fixed = apply_changes(snapshot, [c for f in findings for c in f.fix])
    created = [s for s in fixed.seats if s.id.startswith("new:")]
    assert len(created) == 1
    assert "support-reports-to-provider" not in rules_fired(fixed)


def test_provider_lead_with_support_reports_is_still_support_reports_to_provider() -> None:
    org = dental_practice()
    org.seat("md", "provider", name="Medical Director", reports_to="owner", provider_lead=True)
    org.seat("doc", "provider", name="Physician", reports_to="md")
    org.seat("ma", "administrative", name="Medical Scribe", reports_to="md")
    fired = rules_fired(org.build())
    assert "support-reports-to-provider" in fired
    assert "provider-manages-people" not in fired


def test_nurse_manager_of_scrub_techs_is_not_flagged() -> None:
    org = dental_practice()
    org.seat(
        "ssm",
        "management",
        name="Surgical Services Manager",
        role="Surgical Services Manager",
        reports_to="pm",
        person="Nora Quinn RN",
    )
    for n in range(4):
        org.seat(f"tech{n}", "support", name="Scrub Tech", reports_to="ssm", serves=("assoc",))
    fired = rules_fired(org.build())
    assert "support-reports-to-provider" not in fired
    assert "provider-manages-people" not in fired


def test_front_office_manager_with_receptionists_is_not_flagged() -> None:
    org = dental_practice()
    org.seat("fom", "management", name="Front Office Manager", reports_to="pm")
    for n in range(3):
        org.seat(f"rec{n}", "administrative", name="Receptionist", reports_to="fom")
    assert rules_fired(org.build()) == set()


# --- provider-manages-people -------------------------------------------------------------


def test_dentist_managing_another_dentist_is_flagged_and_fix_moves_to_owner() -> None:
    org = dental_practice()
    org.seat("assoc2", "provider", name="Junior Dentist", reports_to="assoc", person="Dr. Cy Dunn")
    snapshot = org.build()
    finding = only(run_check(snapshot), "provider-manages-people")
    assert "Dr. Cy Dunn" in finding.message and "Dr. Ben Ng" in finding.message
    assert finding.fix == (MoveReportingLine("assoc2", "owner"),)
    assert_fix_clears(snapshot, finding)


def test_provider_at_the_top_managing_providers_gets_a_new_provider_lead() -> None:
    org = Org()
    org.seat("boss", "provider", name="Senior Vet")
    org.seat("vet", "provider", name="Vet", reports_to="boss")
    snapshot = org.build()
    finding = only(run_check(snapshot), "provider-manages-people")
    create = finding.fix[0]
    assert isinstance(create, CreateSeat) and create.provider_lead
    fixed = assert_fix_clears(snapshot, finding)
    role = fixed.role_of(fixed.seats_by_id[create.temp_ref])
    assert role is not None and role.provider_lead


def test_medical_director_managing_physicians_is_not_flagged() -> None:
    org = dental_practice()
    org.seat("md", "management", name="Medical Director", reports_to="owner", provider_lead=True)
    org.seat("md2", "provider", name="Lead Physician", reports_to="owner", provider_lead=True)
    for n in range(3):
        org.seat(f"doc{n}", "provider", name="Physician", reports_to="md")
        org.seat(f"pa{n}", "provider", name="PA", reports_to="md2")
    fired = rules_fired(org.build())
    assert not fired & {
        "provider-manages-people",
        "provider-without-manager",
        "support-reports-to-provider",
    }
    structure = {r.id for r in registered_rules() if r.area is Area.STRUCTURE}
    assert fired & structure == {"span-too-narrow"}  # the practice manager has one report


def test_provider_with_only_support_reports_is_not_provider_manages_people() -> None:
    org = dental_practice()
    org.seat("da", "support", name="Dental Assistant", reports_to="assoc")
    fired = rules_fired(org.build())
    assert "support-reports-to-provider" in fired
    assert "provider-manages-people" not in fired


# --- provider-without-manager -------------------------------------------------------------


def test_provider_reporting_to_nobody_is_flagged_and_attached_to_owner() -> None:
    org = dental_practice()
    org.seat("perio", "provider", name="Periodontist", person="Dr. Eve Fox")
    snapshot = org.build()
    finding = only(run_check(snapshot), "provider-without-manager")
    assert finding.severity is Severity.HIGH
    assert "Dr. Eve Fox" in finding.message and "nobody" in finding.message
    assert finding.fix == (MoveReportingLine("perio", "owner"),)
    assert_fix_clears(snapshot, finding)


def test_provider_reporting_only_to_providers_is_flagged() -> None:
    org = Org()
    org.seat("owner", "leadership")
    org.seat("a", "provider", name="Surgeon A")
    org.seat("b", "provider", name="Surgeon B", reports_to="a")
    snapshot = org.build()
    findings = run_check(snapshot).findings_for("provider-without-manager")
    assert {f.subjects[0].id for f in findings} == {"a", "b"}
    b = next(f for f in findings if f.subjects[0].id == "b")
    assert "only to other providers" in b.message and "Surgeon A" in b.message
    assert_fix_clears(snapshot, b)


def test_provider_lead_at_the_location_is_preferred_as_manager() -> None:
    org = dental_practice()
    org.seat("md", "management", name="Clinical Director", reports_to="owner", provider_lead=True)
    org.seat("perio", "provider", name="Periodontist")
    snapshot = org.build()
    finding = only(run_check(snapshot), "provider-without-manager")
    assert finding.fix == (MoveReportingLine("perio", "md"),)


def test_provider_under_medical_director_under_owner_is_not_flagged() -> None:
    org = dental_practice()
    org.seat("md", "management", name="Medical Director", reports_to="owner", provider_lead=True)
    org.seat("doc", "provider", name="Physician", reports_to="md")
    assert "provider-without-manager" not in rules_fired(org.build())


def test_provider_with_dangling_manager_is_only_a_dangling_reference() -> None:
    org = dental_practice()
    org.seat("doc", "provider", name="Physician", reports_to="nobody-here")
    fired = rules_fired(org.build())
    assert "dangling-reference" in fired
    assert "provider-without-manager" not in fired


# --- owner-span and owner-in-management-seat ------------------------------------------------


def owner_with(reports: int, kind: str = "support") -> Org:
    org = Org()
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Office Manager", reports_to="owner")
    for n in range(reports - 1):
        org.seat(f"s{n}", kind, name=f"Assistant {n}", reports_to="owner")
    return org


def test_owner_with_nine_reports_is_flagged_and_fix_leaves_seven() -> None:
    snapshot = owner_with(9).build()
    finding = only(run_check(snapshot), "owner-span")
    assert "9 direct reports" in finding.message and "Dr. Ana Patel" in finding.message
    fixed = assert_fix_clears(snapshot, finding)
    assert len(fixed.reports_of["owner"]) == 7
    assert fixed.seats_by_id["pm"].reports_to == "owner"  # managers stay with the owner


def test_small_practice_owner_dentist_with_five_reports_is_not_owner_span() -> None:
    assert "owner-span" not in rules_fired(owner_with(5).build())


def test_owner_span_threshold_comes_from_policy() -> None:
    policy = Policy.from_mapping({"owner_max_reports": 4})
    snapshot = owner_with(5).build()
    finding = only(run_check(snapshot, policy), "owner-span")
    assert_fix_clears(snapshot, finding, policy)


def test_owner_who_is_also_office_manager_is_flagged() -> None:
    org = owner_with(3)
    owner = org.person("Dr. Ana Patel")
    org.assignments = [a for a in org.assignments if a.seat_id != "pm"]
    org.assign(owner, "pm", fte=0.2, assignment_id="owner-pm")
    snapshot = org.build()
    finding = only(run_check(snapshot), "owner-in-management-seat")
    assert finding.subjects[0].type is SubjectType.PERSON
    assert "Office Manager" in finding.message and "Dr. Ana Patel" in finding.message
    assert finding.fix == (EndAssignment("owner-pm"),)
    assert_fix_clears(snapshot, finding)


def test_owner_who_also_practices_as_a_dentist_is_not_owner_in_management_seat() -> None:
    org = owner_with(3)
    org.seat("dds", "provider", name="Dentist", reports_to="owner", person="Dr. Ana Patel")
    assert "owner-in-management-seat" not in rules_fired(org.build())


# --- spans ----------------------------------------------------------------------------------


def manager_with(reports: int) -> Org:
    org = Org()
    org.seat("owner", "leadership", name="Owner")
    org.seat("om", "management", name="Office Manager", reports_to="owner")
    for n in range(reports):
        org.seat(f"s{n:02}", "support", name=f"Assistant {n:02}", reports_to="om")
    return org


def test_manager_with_twenty_reports_is_flagged_and_split() -> None:
    snapshot = manager_with(20).build()
    finding = only(run_check(snapshot), "span-too-wide")
    fixed = assert_fix_clears(snapshot, finding)
    assert len(fixed.reports_of["om"]) <= 15
    assert all(len(fixed.reports_of[s.id]) <= 15 for s in fixed.seats if s.id in fixed.reports_of)


def test_manager_with_fifty_reports_gets_enough_team_leads() -> None:
    snapshot = manager_with(50).build()
    finding = only(run_check(snapshot), "span-too-wide")
    fixed = assert_fix_clears(snapshot, finding)
    assert max(len(v) for v in fixed.reports_of.values()) <= 15


def test_manager_with_fifteen_reports_is_fine() -> None:
    assert "span-too-wide" not in rules_fired(manager_with(15).build())


def test_manager_of_one_in_a_larger_practice_is_a_layer_to_question() -> None:
    org = manager_with(9)
    org.seat("lead", "management", name="Sterilisation Lead", reports_to="om")
    org.seat("steri", "support", name="Sterilisation Tech", reports_to="lead")
    snapshot = org.build()
    finding = only(run_check(snapshot), "span-too-narrow")
    assert finding.severity is Severity.LOW
    assert finding.fix == (MoveReportingLine("steri", "om"),)
    assert_fix_clears(snapshot, finding)


def test_owner_with_a_single_manager_is_not_span_too_narrow() -> None:
    org = manager_with(12)
    assert "span-too-narrow" not in rules_fired(org.build())


def test_tiny_practice_manager_of_one_is_not_flagged() -> None:
    org = manager_with(1)
    assert "span-too-narrow" not in rules_fired(org.build())
    assert "span-too-narrow" not in rules_fired(org.build(), Policy(narrow_span=0))


# --- location-without-manager -----------------------------------------------------------------


def two_locations() -> Org:
    org = dental_practice()
    org.location("north", "North Clinic")
    org.seat("n-doc", "provider", name="Dentist North", reports_to="owner", location="north")
    org.seat("n-fd", "administrative", name="Receptionist North", reports_to="pm", location="north")
    return org


def test_location_with_staff_and_no_manager_is_flagged() -> None:
    snapshot = two_locations().build()
    finding = only(run_check(snapshot), "location-without-manager")
    assert finding.subjects[0].type is SubjectType.LOCATION
    assert finding.subjects[0].name == "North Clinic"
    fixed = assert_fix_clears(snapshot, finding)
    new = fixed.seats_by_id["new:location-manager:north"]
    assert new.location_id == "north" and new.reports_to == "pm"
    assert fixed.seats_by_id["n-fd"].reports_to == new.id
    assert fixed.seats_by_id["n-doc"].reports_to == "owner"  # providers keep their manager


def test_location_with_a_vacant_manager_seat_is_not_location_without_manager() -> None:
    org = two_locations()
    org.seat(
        "n-lm", "management", name="North Manager", location="north", reports_to="pm", person=None
    )
    fired = rules_fired(org.build())
    assert "location-without-manager" not in fired
    assert "seat-vacant" in fired


def test_location_with_only_the_owner_is_not_flagged() -> None:
    org = dental_practice()
    org.location("lab", "Lab")
    org.seat("owner2", "leadership", name="Co-owner", location="lab")
    assert "location-without-manager" not in rules_fired(org.build())


# --- support-chain-without-manager ------------------------------------------------------------


def test_support_line_that_ends_at_nobody_is_one_finding() -> None:
    org = dental_practice()
    org.seat("lead-rec", "administrative", name="Lead Receptionist", person="Ola Berg")
    org.seat("rec", "administrative", name="Receptionist", reports_to="lead-rec", person="Pat Kim")
    snapshot = org.build()
    finding = only(run_check(snapshot), "support-chain-without-manager")
    assert [s.id for s in finding.subjects] == ["lead-rec", "rec"]
    assert "Ola Berg" in finding.message and "Pat Kim" in finding.message
    assert finding.fix == (MoveReportingLine("lead-rec", "pm"),)
    assert_fix_clears(snapshot, finding)


def test_support_line_with_no_manager_anywhere_creates_one() -> None:
    org = Org()
    org.seat("rec", "administrative", name="Receptionist")
    snapshot = org.build()
    finding = only(run_check(snapshot), "support-chain-without-manager")
    assert isinstance(finding.fix[0], CreateSeat)
    assert_fix_clears(snapshot, finding)


def test_support_line_reaching_a_provider_is_not_this_rule() -> None:
    org = dental_practice()
    org.seat("lead-da", "support", name="Lead Assistant", reports_to="assoc")
    org.seat("da", "support", name="Assistant", reports_to="lead-da")
    fired = rules_fired(org.build())
    assert "support-chain-without-manager" not in fired
    assert "support-reports-to-provider" in fired


# --- seats and people ---------------------------------------------------------------------------


def test_vacant_seat_is_low_and_vacant_manager_seat_is_medium() -> None:
    org = dental_practice()
    org.seat("hyg", "provider", name="Hygienist", reports_to="owner", person=None)
    org.seat("clm", "management", name="Clinical Manager", reports_to="owner", person=None)
    org.seat("da", "support", name="Assistant", reports_to="clm")
    report = run_check(org.build())
    severities = {f.subjects[0].id: f.severity for f in report.findings_for("seat-vacant")}
    assert severities == {"hyg": Severity.LOW, "clm": Severity.MEDIUM}
    clm = next(f for f in report.findings_for("seat-vacant") if f.subjects[0].id == "clm")
    assert "the seat that reports to it has nobody to go to" in clm.message
    assert clm.fix == ()  # hiring is a human decision


def test_seat_held_only_by_a_non_accountable_partner_gets_that_partner_made_accountable() -> None:
    org = dental_practice()
    org.seat("hyg", "provider", name="Hygienist", reports_to="owner", person=None)
    org.assign(org.person("Lia Park"), "hyg", fte=0.5, accountable=False)
    snapshot = org.build()
    finding = only(run_check(snapshot), "seat-vacant")
    assert "Lia Park" in finding.message
    assert_fix_clears(snapshot, finding)


def test_filled_seat_and_job_share_with_one_accountable_are_not_vacant_or_shared() -> None:
    org = dental_practice()
    org.seat("hyg", "provider", name="Hygienist", reports_to="owner", fte=0.6)
    org.assign(org.person("Lia Park"), "hyg", fte=0.4, accountable=False)
    fired = rules_fired(org.build())
    assert "seat-vacant" not in fired and "seat-shared" not in fired


def test_seat_with_two_accountable_people_is_shared() -> None:
    org = dental_practice()
    org.seat("hyg", "provider", name="Hygienist", reports_to="owner", person="Lia Park", fte=0.6)
    org.assign(org.person("Max Orr"), "hyg", fte=0.4)
    snapshot = org.build()
    finding = only(run_check(snapshot), "seat-shared")
    assert "Lia Park" in finding.message and "Max Orr" in finding.message
    fixed = assert_fix_clears(snapshot, finding)
    accountable = fixed.accountable_person(fixed.seats_by_id["hyg"])
    assert accountable is not None and accountable.name == "Lia Park"  # the larger FTE stays


def test_person_never_placed_is_info_but_former_and_future_staff_are_not_flagged() -> None:
    org = dental_practice()
    org.person("Never Placed")
    org.assign(org.person("Former Staff"), "fd", start=dt.date(2020, 1, 1), end=dt.date(2023, 1, 1))
    org.assign(org.person("New Starter"), "fd", start=dt.date(2025, 3, 1), accountable=False)
    finding = only(run_check(org.build()), "person-without-seat")
    assert finding.severity is Severity.INFO
    assert finding.subjects[0].name == "Never Placed"


def test_cover_accountable_for_another_seat_is_not_made_accountable_for_a_vacancy() -> None:
    org = dental_practice()
    org.seat("fd2", "administrative", name="Front Desk 2", reports_to="pm", person=None)
    front = next(a for a in org.assignments if a.seat_id == "fd")
    org.assign(front.person_id, "fd2", fte=0.2, accountable=False)
    finding = only(run_check(org.build()), "seat-vacant")
    assert finding.fix == ()
    assert "covers it (0.2 FTE) but is accountable for another seat" in finding.message


def test_owner_in_three_seats_is_one_finding_and_never_loses_the_leadership_seat() -> None:
    org = Org()
    org.seat("owner", "leadership", name="Owner Dentist", person="Dr. Ana Patel", fte=0.2)
    ana = org.assignments[0].person_id
    org.seat("om", "management", name="Office Manager", reports_to="owner", person=None)
    org.assign(ana, "om", fte=0.2)
    org.seat("dds", "provider", name="General Dentist", reports_to="owner", person=None)
    org.assign(ana, "dds", fte=0.6)
    org.seat("da", "support", name="Dental Assistant", reports_to="om")
    fired = rules_fired(org.build())
    assert "owner-in-management-seat" in fired
    assert "person-overloaded" not in fired  # the management seat is the other finding's


def test_lead_dentists_own_clinical_seat_never_reports_to_the_lead_seat() -> None:
    org = Org()
    org.location("east", "East")
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("rd", "management", name="Regional Director", reports_to="owner", location="east")
    org.seat(
        "lead",
        "management",
        name="Lead Dentist",
        reports_to="rd",
        location="east",
        provider_lead=True,
        person="Dr. Kay Parker",
        fte=0.3,
    )
    kay = org.assignments[-1].person_id
    org.seat("dmd", "provider", name="DMD", location="east", person=None)
    org.assign(kay, "dmd", fte=0.7)
    snapshot = org.build()
    finding = only(run_check(snapshot), "provider-without-manager")
    assert finding.fix == (MoveReportingLine("dmd", "rd"),)
    assert_fix_clears(snapshot, finding)


def test_only_manager_at_a_small_site_is_not_a_layer_to_remove() -> None:
    org = manager_with(9)
    org.location("east", "East")
    org.seat("em", "management", name="East Clinic Manager", reports_to="om", location="east")
    org.seat("efd", "administrative", name="East Front Desk", reports_to="em", location="east")
    org.seat("ema", "support", name="East Assistant", reports_to="om", location="east")
    assert "span-too-narrow" not in rules_fired(org.build())


def test_person_in_three_seats_is_overloaded_and_fix_keeps_two() -> None:
    org = dental_practice()
    sam = org.person("Sam Cole")
    org.seat("billing", "administrative", name="Billing", reports_to="pm", person=None)
    org.seat("ins", "administrative", name="Insurance", reports_to="pm", person=None)
    org.assign(sam, "billing", fte=0.0)
    org.assign(sam, "ins", fte=0.0)
    snapshot = org.build()
    finding = only(run_check(snapshot), "person-overloaded")
    assert "3 seats" in finding.message
    fixed = assert_fix_clears(snapshot, finding)
    assert len(fixed.seats_of[sam]) == 2


def test_person_over_one_fte_is_overloaded() -> None:
    org = dental_practice()
    org.seat("billing", "administrative", name="Billing", reports_to="pm", person=None)
    org.assign(org.person("Sam Cole"), "billing", fte=0.5)
    snapshot = org.build()
    finding = only(run_check(snapshot), "person-overloaded")
    assert "1.5 FTE" in finding.message
    assert_fix_clears(snapshot, finding)


def test_single_assignment_above_one_fte_is_trimmed() -> None:
    org = dental_practice()
    org.seat(
        "billing", "administrative", name="Billing", reports_to="pm", person="Tess Hall", fte=1.2
    )
    snapshot = org.build()
    finding = only(run_check(snapshot), "person-overloaded")
    assert_fix_clears(snapshot, finding)


def test_two_half_time_seats_are_not_overloaded() -> None:
    org = dental_practice()
    org.seat("billing", "administrative", name="Billing", reports_to="pm", person=None)
    org.assignments = [a for a in org.assignments if a.seat_id != "fd"]
    sam = org.person("Sam Cole")
    org.assign(sam, "fd", fte=0.5)
    org.assign(sam, "billing", fte=0.5)
    assert rules_fired(org.build()) == set()


# --- integrity -----------------------------------------------------------------------------------


def test_reporting_cycle_is_a_finding_and_fix_breaks_it() -> None:
    org = dental_practice()
    org.seat("a", "support", name="Assistant A", reports_to="b")
    org.seat("b", "support", name="Assistant B", reports_to="a")
    snapshot = org.build()
    finding = only(run_check(snapshot), "reporting-cycle")
    assert finding.severity is Severity.HIGH
    assert [s.id for s in finding.subjects] == ["a", "b"]
    assert "Assistant A" in finding.message and "Assistant B" in finding.message
    assert_fix_clears(snapshot, finding)


def test_self_reporting_seat_and_leadership_cycle() -> None:
    org = Org()
    org.seat("owner", "leadership", name="Owner", reports_to="pm")
    org.seat("pm", "management", name="Manager", reports_to="owner")
    org.seat("me", "administrative", name="Myself", reports_to="me")
    snapshot = org.build()
    findings = run_check(snapshot).findings_for("reporting-cycle")
    assert len(findings) == 2
    for finding in findings:
        assert_fix_clears(snapshot, finding)
    owner_loop = next(f for f in findings if f.subjects[0].id == "owner")
    assert owner_loop.fix == (MoveReportingLine("owner", None),)


def test_unresolved_manager_from_an_import_shows_the_note() -> None:
    org = dental_practice()
    org.seat(
        "ma", "support", name="Assistant", reports_to="S-99", note='unresolved manager "Dr. Smyth"'
    )
    org.seat("ma2", "support", name="Assistant 2", note='unresolved manager "Dr. Jones"')
    snapshot = org.build()
    findings = {f.subjects[0].id: f for f in run_check(snapshot).findings_for("dangling-reference")}
    assert set(findings) == {"ma", "ma2"}
    assert 'unresolved manager "Dr. Smyth"' in findings["ma"].message
    assert "S-99" in findings["ma"].message
    assert 'unresolved manager "Dr. Jones"' in findings["ma2"].message
    for finding in findings.values():
        assert_fix_clears(snapshot, finding)
    # Reported as a data problem, not also as a support line without a manager.
    assert "support-chain-without-manager" not in rules_fired(snapshot)


def test_dangling_serves_role_location_team_and_assignment_references() -> None:
    org = dental_practice()
    org.seat(
        "da",
        "support",
        name="Assistant",
        reports_to="pm",
        serves=("assoc", "gone"),
        location="nowhere",
        team="no-team",
    )
    org.seats[-1] = replace(org.seats[-1], role_id="no-role")
    org.assign(org.person("Ghost"), "no-seat")
    org.assign("no-person", "fd", accountable=False)
    org.teams.append(Team("t1", "Front Desk", manager_seat_id="gone"))
    snapshot = org.build()
    findings = run_check(snapshot).findings_for("dangling-reference")
    seat_finding = next(f for f in findings if f.subjects[0].id == "da")
    for word in ("gone", "nowhere", "no-team", "no-role"):
        assert word in seat_finding.message
    kinds = {f.subjects[0].type for f in findings}
    assert kinds == {SubjectType.SEAT, SubjectType.TEAM, SubjectType.PERSON}
    assert len(findings) == 4
    for finding in findings:
        assert_fix_clears(snapshot, finding)


def test_duplicate_ids_are_reported_not_crashed_on() -> None:
    org = dental_practice()
    org.seat("fd", "administrative", name="Second Receptionist", reports_to="pm")
    finding = only(run_check(org.build()), "duplicate-id")
    assert finding.subjects[0].id == "fd"
    assert "Second Receptionist" in finding.message and "Receptionist" in finding.message


def test_as_of_decides_which_assignments_count() -> None:
    org = dental_practice()
    org.assign(org.person("Future Hire"), "fd", start=AS_OF + dt.timedelta(days=30))
    assert "seat-shared" not in rules_fired(org.build())


def test_site_without_manager_gets_one_new_manager_from_both_fixes():
    # A satellite site where the surgeon manages everyone: support-reports-to-provider and
    # location-without-manager both fire, and their fixes must propose the same one seat.
    org = Org()
    org.location("harbor", "Harbor")
    org.seat("owner", "leadership")
    org.seat("admin", "management", reports_to="owner")
    org.seat("surgeon", "provider", reports_to="owner", location="harbor")
    org.seat("ma", "support", reports_to="surgeon", location="harbor", serves=("surgeon",))
    org.seat("desk", "administrative", reports_to="surgeon", location="harbor")
    snap = org.build()
    report = run_check(snap)
    support = only(report, "support-reports-to-provider")
    site = only(report, "location-without-manager")
    created = {c.temp_ref for f in (support, site) for c in f.fix if isinstance(c, CreateSeat)}
    assert len(created) == 1, created
    fixed = apply_changes(snap, [*support.fix, *site.fix])
    new_seats = [
        s for s in fixed.seats if s.location_id == "harbor" and s.kind is SeatKind.MANAGEMENT
    ]
    assert [s.name for s in new_seats] == ["Location Manager, Harbor"]
    after = run_check(fixed)
    assert not after.findings_for("support-reports-to-provider")
    assert not after.findings_for("location-without-manager")


def test_overload_ignores_assignments_to_missing_seats():
    # Found by hypothesis: two assignments to seats that do not exist produced a
    # person-overloaded finding about "no seat" whose fix could do nothing.
    org = Org()
    org.seat("owner", "leadership")
    ghost = org.person("Gail Ghost")
    org.assign(ghost, "missing-1", fte=0.6)
    org.assign(ghost, "missing-2", fte=0.6)
    report = run_check(org.build())
    assert not report.findings_for("person-overloaded")
    assert report.findings_for("dangling-reference")
