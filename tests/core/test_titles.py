"""Tests for the job-title classifier (practiceos.core.titles) and its role templates."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practiceos.core.model import Level, SeatKind
from practiceos.core.role_templates import ROLE_TEMPLATES, template_for
from practiceos.core.titles import TitleClass, classify_one, classify_title

LABELLED = Path(__file__).resolve().parent.parent / "data" / "titles_labelled.csv"

L, M, P, S, A = (
    SeatKind.LEADERSHIP,
    SeatKind.MANAGEMENT,
    SeatKind.PROVIDER,
    SeatKind.SUPPORT,
    SeatKind.ADMINISTRATIVE,
)


def kinds(title: str) -> list[SeatKind]:
    return [seat.kind for seat in classify_title(title)]


@pytest.mark.parametrize(
    ("title", "kind", "role_title"),
    [
        # look-alikes: the head of the title decides, not a clinical word inside it
        ("Surgical Services Manager", M, "Surgical Services Manager"),
        ("Surgical Technologist", S, "Surgical Technologist"),
        ("Orthopaedic Surgeon - MD", P, "Orthopedic Surgeon"),
        ("Nurse Manager", M, "Nurse Manager"),
        ("Nurse", S, "Registered Nurse"),
        ("Nurse Practitioner (FNP-C)", P, "Nurse Practitioner"),
        ("Medical Assistant", S, "Medical Assistant"),
        ("Physician Assistant", P, "Physician Assistant"),
        ("Physician Liaison", A, "Physician Liaison"),
        ("Physician, MD", P, "Physician"),
        ("Dental Office Manager", M, "Office Manager"),
        ("Dental Asst (EFDA)", S, "Dental Assistant"),
        ("Dental Hygienist", P, "Dental Hygienist"),
        ("Physical Therapist Assistant", S, "Physical Therapist Assistant"),
        ("Physical Therapist, DPT", P, "Physical Therapist"),
        ("COTA/L", S, "Occupational Therapy Assistant"),
        ("OTR/L", P, "Occupational Therapist"),
        ("Vet Tech", S, "Veterinary Technician"),
        ("Associate Veterinarian, DVM", P, "Veterinarian"),
        ("Radiologic Technologist, RT(R)", S, "Radiologic Technologist"),
        ("Sonographer, RDMS", S, "Diagnostic Medical Sonographer"),
        ("Scrub Tech II", S, "Surgical Technologist"),
        ("Practice Administrator", M, "Practice Administrator"),
        ("Systems Administrator", A, "IT Specialist"),
        ("Chief Nursing Officer", M, "Chief Nursing Officer"),
        ("COO", M, "Chief Operating Officer"),
        ("Project Manager", A, "Project Manager"),
        ("RN Case Manager", S, "Registered Nurse"),
        ("Front Desk Receptionist", A, "Front Desk Coordinator"),
        ("Medical Biller", A, "Medical Biller"),
        ("Coding Specialist (CCS)", A, "Medical Coder"),
        ("Revenue Cycle Specialist, CRCR", A, "Revenue Cycle Specialist"),
        ("Executive Assistant to the CEO", A, "Administrative Assistant"),
        ("Owner", L, "Owner"),
        ("CEO", L, "Chief Executive Officer"),
        ("Chief Executive Officer", L, "Chief Executive Officer"),
        # HRIS exports often invert titles
        ("Manager, Practice", M, "Practice Manager"),
        ("Assistant, Dental", S, "Dental Assistant"),
        ("Coordinator, Front Desk", A, "Front Desk Coordinator"),
        ("Therapist, Physical", P, "Physical Therapist"),
    ],
)
def test_single_titles_map_to_kind_and_role(title: str, kind: SeatKind, role_title: str) -> None:
    (seat,) = classify_title(title)
    assert seat.kind is kind
    assert seat.role_title == role_title
    assert seat.matched


@pytest.mark.parametrize(
    ("title", "role_title"),
    [
        ("Medical Director", "Medical Director"),
        ("Chief Medical Officer", "Chief Medical Officer"),
        ("Clinical Director (DPT)", "Clinical Director"),
        ("Lead Dentist", "Lead Dentist"),
        ("Director of Hygiene", "Director of Hygiene"),
        ("Clinic Director, PT, DPT", "Clinic Director"),
    ],
)
def test_provider_leads_are_management_seats_flagged_provider_lead(
    title: str, role_title: str
) -> None:
    (seat,) = classify_title(title)
    assert seat.kind is M
    assert seat.provider_lead
    assert seat.role_title == role_title


@pytest.mark.parametrize(
    "title", ["Office Manager", "Nurse Manager", "Clinic Director", "Chief Nursing Officer"]
)
def test_managers_of_non_providers_are_not_provider_leads(title: str) -> None:
    (seat,) = classify_title(title)
    assert seat.kind is M
    assert not seat.provider_lead


@pytest.mark.parametrize(
    ("title", "kind", "level"),
    [
        ("Lead Dental Assistant", S, Level.LEAD),  # a lead is not a manager
        ("Scrub Tech Lead", S, Level.LEAD),
        ("Charge Nurse", S, Level.LEAD),
        ("Medical Assistant III", S, Level.LEAD),
        ("Scrub Tech II", S, Level.SENIOR),
        ("Sr. Billing Specialist", A, Level.SENIOR),
        ("Medical Assistant", S, Level.SENIOR),
        ("Medical Assistant I", S, Level.JUNIOR),
        ("Dental Assistant Trainee", S, Level.JUNIOR),
        ("Jr. Biller", A, Level.JUNIOR),
        ("Apprentice Dental Assistant", S, Level.JUNIOR),
        ("Front Desk Associate", A, Level.JUNIOR),
        ("Associate Dentist", P, Level.SENIOR),  # associate = non-owner provider
        ("Resident Physician", P, Level.JUNIOR),
        ("Physician (PRN)", P, Level.SENIOR),  # PRN is employment, not seniority
        ("Assistant Office Manager", M, Level.JUNIOR),
        ("Assistant Director of Nursing", M, Level.SENIOR),
        ("Director of Nursing", M, Level.LEAD),
        ("Office Manager", M, Level.SENIOR),
        ("Owner", L, Level.LEAD),
        ("Charge Entry Specialist", A, Level.SENIOR),
    ],
)
def test_levels(title: str, kind: SeatKind, level: Level) -> None:
    (seat,) = classify_title(title)
    assert (seat.kind, seat.level) == (kind, level)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Founder & CEO / Orthopedic Surgeon", [L, P]),
        ("Owner/DVM", [L, P]),
        ("Owner, DDS", [L, P]),
        ("Owner Dentist", [L, P]),
        ("Dentist Owner", [P, L]),
        ("President and Chief Surgeon", [L, M]),
        ("Office Manager / Billing", [M, A]),
        ("Medical Director / Family Physician", [M, P]),
        ("MA/Receptionist", [S, A]),
        ("Surgical Coordinator / MA", [A, S]),
        ("Hygienist / Office Manager", [P, M]),
        # one seat per kind: same-kind hats collapse into the first one named
        ("President & CEO", [L]),
        ("Allergist/Immunologist", [P]),
        ("Billing & Collections Specialist", [A]),
        ("HR/Payroll Manager", [M]),
        # credentials after a comma or dash annotate, they do not add a seat
        ("Physician, MD", [P]),
        ("Dental Hygienist - PT", [P]),
        ("Case Manager, RN", [S]),
    ],
)
def test_combined_titles_give_one_seat_per_kind_in_written_order(
    title: str, expected: list[SeatKind]
) -> None:
    assert kinds(title) == expected


def test_combined_title_roles_and_levels() -> None:
    owner, surgeon = classify_title("Founder & CEO / Orthopaedic Surgeon, MD")
    assert (owner.role_title, owner.level) == ("Owner", Level.LEAD)
    assert (surgeon.role_title, surgeon.level) == ("Orthopedic Surgeon", Level.SENIOR)
    _, chief = classify_title("President and Chief Surgeon")
    assert chief.provider_lead and chief.role_title == "Chief of Surgery"


@pytest.mark.parametrize("title", ["", "   ", "Xyzzy", "Floor Walker", "☃☃☃", "!!!///,,,"])
def test_unknown_titles_fall_back_to_an_unmatched_administrative_seat(title: str) -> None:
    (seat,) = classify_title(title)
    assert seat.kind is A
    assert not seat.matched
    assert seat.role_title == (" ".join(title.split()) or "Staff")


def test_messy_casing_and_spacing_do_not_change_the_answer() -> None:
    expected = classify_title("Medical Assistant")
    for variant in ("medical assistant", "MEDICAL ASSISTANT", "  Medical   Assistant  "):
        assert classify_title(variant) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_classify_title_never_raises_and_returns_a_seat(title: str) -> None:
    result = classify_title(title)
    assert len(result) >= 1
    assert all(isinstance(seat, TitleClass) for seat in result)
    assert len({seat.kind for seat in result}) == len(result)
    for seat in result:
        assert seat.role_title
        if seat.matched:
            assert template_for(seat.role_title) is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Owner",
                "MD",
                "RN",
                "Lead",
                "Manager",
                "Billing",
                "Sr.",
                "(",
                ")",
                "/",
                "&",
                ",",
                " - ",
                "Dental",
                "Asst",
                "II",
                "PA-C",
                "Director",
                "of",
                "and",
                "to the",
            ]
        ),
        max_size=10,
    )
)
def test_title_shaped_noise_never_raises(words: list[str]) -> None:
    assert classify_title(" ".join(words))


def test_every_role_the_classifier_names_has_a_template() -> None:
    with LABELLED.open(newline="", encoding="utf-8") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    for title in titles:
        for seat in classify_title(title):
            if seat.matched:
                template = template_for(seat.role_title)
                assert template is not None, seat.role_title
                assert template.kind is seat.kind, seat.role_title


def test_role_templates_are_complete() -> None:
    for title, template in ROLE_TEMPLATES.items():
        assert template.title == title
        assert template.is_complete(), title
        assert 3 <= len(template.responsibilities) <= 7, title
        assert 1 <= len(template.decision_rights) <= 4, title
    assert template_for("  registered   NURSE ") is ROLE_TEMPLATES["Registered Nurse"]
    assert template_for("Astronaut") is None
    assert ROLE_TEMPLATES["Medical Director"].provider_lead
    assert not ROLE_TEMPLATES["Office Manager"].provider_lead


def test_labelled_set_accuracy_is_at_least_95_percent() -> None:
    with LABELLED.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 450
    right = sum(
        "+".join(seat.kind.value for seat in classify_title(row["title"])) == row["kind"]
        for row in rows
    )
    assert right / len(rows) >= 0.95


def test_classify_one_is_the_primary_seat() -> None:
    assert classify_one("Owner/DVM").kind is L


def test_hundred_thousand_classifications_are_fast() -> None:
    titles = ["Scrub Tech II", "Office Manager", "Owner/DVM", "RN - Pre-Op", "Medical Biller"]
    start = time.perf_counter()
    for i in range(100_000):
        classify_title(titles[i % len(titles)])
    assert time.perf_counter() - start < 2.0
