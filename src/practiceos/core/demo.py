"""Demo practices: a realistic, seeded accountability chart for 5 to 100,000 people.

:func:`generate_demo` builds a :class:`~practiceos.core.model.Snapshot` of one practice of
one type (medical, surgical, dental, physical therapy or veterinary) with exactly the
requested number of people: an owner (also a provider below 1,000 people and 40 locations),
location managers, support-services managers and front-office supervisors, providers,
clinical support staff who report to a manager and *serve* providers, front-office staff, a
billing office, lead providers (``provider_lead`` management seats) and, in groups,
operations and clinical regions with as many layers as the size needs. Titles vary the way
an HRIS export does ("Scrub Tech II", "RN - Pre-Op", "Dental Assistant (EFDA)"). Everything
comes from one ``random.Random(seed)``: the same arguments give the same snapshot.

Demo problems
-------------
The generator plants a few of the structural problems the health check exists to find,
chosen from the seed; they grow with the practice but stay a minority. Their ids are the
keys of :data:`DEMO_PROBLEMS`:

``support_reports_to_provider``
    About 1 location in 8 (at least one): one to three support seats (dental assistants,
    scrub techs, vet techs ...) report to a provider seat they assist instead of a manager.
``provider_without_manager``
    About 1 location in 20 (at least one when there is a provider besides the owner): a
    provider seat with no reporting line at all.
``location_without_manager``
    Groups of 4 or more locations, about 1 location in 25 (at least one): a small location
    with staff and no management seat on site. Its staff report to the manager of a
    neighbouring location, its providers to that location's lead provider.
``owner_span_too_wide``
    Single-location practices of 16 to 60 people: no support-services manager, so the
    clinical support staff report straight to the owner's leadership seat.
``owner_is_office_manager``
    Single-location practices of up to 15 people: the owner also fills the office manager
    seat (three seats for one person).
``vacant_seat``
    About 1 location in 12 (at least one, at least two from 50 people): an open provider
    seat, a vacant front-office (or support) supervisor seat whose staff still report to
    it, or an open support seat.
``over_allocated_person``
    About 1 location in 16 (at least one): a full-time support person who also covers a
    half-time front-desk seat (1.5 FTE in two seats).

A practice of one or two locations gets its owner problem (if any),
``support_reports_to_provider`` and one or two of ``provider_without_manager``,
``vacant_seat`` and ``over_allocated_person``, drawn from the seed: planting all of them in
twelve people would be a caricature.

Look-alikes that are *not* problems and appear wherever the size allows: a surgical
services manager who is an RN managing scrub techs (a management seat), a medical director
or lead dentist (``provider_lead``) managing providers while also seeing patients (two
seats, 1.0 FTE in total), an owner who is also a provider (two seats, 1.0 FTE) and a
front-office manager with receptionists.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from types import MappingProxyType

from practiceos.core import demo_names as words
from practiceos.core.gcpause import paused_gc
from practiceos.core.model import (
    Assignment,
    Level,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)
from practiceos.core.rolecards import role_from_card
from practiceos.core.rolelibrary import library, suggested_card

__all__ = ["DEMO_PROBLEMS", "SPECIALTIES", "demo_specialty", "generate_demo"]

DEMO_PROBLEMS: Mapping[str, str] = MappingProxyType(
    {
        "support_reports_to_provider": "support seats report to the provider they assist",
        "provider_without_manager": "a provider seat with no reporting line",
        "location_without_manager": "a staffed location with no management seat on site",
        "owner_span_too_wide": "clinical support staff report straight to the owner",
        "owner_is_office_manager": "the owner also fills the office manager seat",
        "vacant_seat": "an open or vacant seat (some with reports)",
        "over_allocated_person": "one person in two seats over 1.0 FTE",
    }
)

SPECIALTIES: tuple[str, ...] = ("medical", "surgical", "dental", "physical_therapy", "veterinary")

_ALIASES: dict[str, str] = {
    "primary_care": "medical",
    "multi_specialty": "medical",
    "multispecialty": "medical",
    "surgery": "surgical",
    "orthopedic": "surgical",
    "orthopedics": "surgical",
    "ent": "surgical",
    "asc": "surgical",
    "dso": "dental",
    "pt": "physical_therapy",
    "physiotherapy": "physical_therapy",
    "vet": "veterinary",
}

MIN_PEOPLE = 5
_MIN_LOCATION = 5  # people a location needs: a manager, a provider, support and front desk
_SPAN = 12  # staff per first-line supervisor before a second supervisor is added
_REGION_SPAN = 10  # locations per regional director of operations
_TOP_SPAN = 12  # direct reports of an executive before a regional layer is added
_CLINICAL_SPAN = 7  # locations per regional clinical director (each adds one or two seats)
_CEO_PEOPLE = 1000  # from here the owner is a full-time chief executive, not a provider
_CEO_LOCATIONS = 40
_SHARED_PEOPLE = 500  # from here there is a central people-and-shared-services function

_Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class _Picker:
    """Weighted random choice among titles, O(log n) per draw."""

    titles: tuple[str, ...]
    cum: tuple[float, ...]

    @classmethod
    def of(cls, weighted: _Weighted) -> _Picker:
        return cls(tuple(t for t, _ in weighted), tuple(accumulate(w for _, w in weighted)))

    def pick(self, rng: random.Random) -> str:
        return self.titles[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


@dataclass(frozen=True, slots=True)
class _Profile:
    """Everything that differs between practice types: ratios, titles, team names."""

    key: str
    noun: str
    location_size: int  # typical people per location
    shares: tuple[float, float, float]  # providers, support, front office at a location
    billing_share: float  # billing office, of all people
    owner_title: str
    owner_provider_title: str
    providers: _Weighted
    unassisted: frozenset[str]  # providers support staff do not assist (hygienists, CRNAs)
    support: _Weighted
    front: _Weighted
    billing: _Weighted
    location_manager: _Weighted
    support_manager: _Weighted
    support_supervisor: _Weighted
    front_supervisor: _Weighted
    front_lead: _Weighted
    lead: _Weighted
    sub_lead: _Weighted
    group_clinical: str  # the clinical lead of a small group
    regional_clinical: str
    division_clinical: str
    chief_clinical: str
    clinical_team: str
    providers_team: str
    practice_names: tuple[str, ...]
    location_suffixes: tuple[str, ...]
    clinical_goals: tuple[str, ...]
    provider_goals: tuple[str, ...]
    pickers: dict[str, _Picker] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in [
            "providers",
            "support",
            "front",
            "billing",
            "location_manager",
            "support_manager",
            "support_supervisor",
            "front_supervisor",
            "front_lead",
            "lead",
            "sub_lead",
        ]:
            self.pickers[name] = _Picker.of(getattr(self, name))
        assisted = tuple((t, w) for t, w in self.providers if t not in self.unassisted)
        self.pickers["assisted"] = _Picker.of(assisted)


_PROFILES: dict[str, _Profile] = {
    "medical": _Profile(
        key="medical",
        noun="primary and specialty medical",
        location_size=24,
        shares=(0.30, 0.46, 0.24),
        billing_share=0.06,
        owner_title="Owner Physician",
        owner_provider_title="Family Medicine Physician",
        providers=(
            ("Family Medicine Physician", 8), ("Internal Medicine Physician", 6),
            ("Physician - Family Medicine", 2), ("Pediatrician", 3), ("Internist", 2),
            ("MD - Primary Care", 2), ("DO - Family Medicine", 2), ("Cardiologist", 1),
            ("Gastroenterologist", 1), ("Endocrinologist", 1), ("Pulmonologist", 0.5),
            ("Rheumatologist", 0.5), ("Nurse Practitioner", 6),
            ("Family Nurse Practitioner (FNP-C)", 3), ("Physician Assistant", 4), ("PA-C", 3),
        ),
        unassisted=frozenset(),
        support=(
            ("Medical Assistant", 14), ("Certified Medical Assistant (CMA)", 6),
            ("Medical Assistant II", 3), ("Lead Medical Assistant", 1), ("LPN", 3),
            ("Licensed Practical Nurse", 2), ("RN - Triage", 2), ("Registered Nurse", 3),
            ("RN Care Coordinator", 1.5), ("Phlebotomist", 2), ("Radiologic Technologist", 1),
            ("Lab Assistant", 1), ("Float MA", 1), ("Medical Scribe", 1),
        ),
        front=(
            ("Patient Service Representative", 8), ("Front Desk Receptionist", 5),
            ("Medical Receptionist", 3), ("Scheduler", 3), ("Referral Coordinator", 2),
            ("Check-In Specialist", 2), ("Call Center Representative", 2),
            ("Patient Access Representative", 2), ("Medical Records Clerk", 1),
        ),
        billing=(
            ("Billing Specialist", 6), ("Medical Coder", 4),
            ("Certified Professional Coder (CPC)", 2), ("AR Specialist", 3),
            ("Prior Authorization Specialist", 2), ("Charge Entry Specialist", 1),
            ("Payment Poster", 1), ("Credentialing Specialist", 1),
        ),
        location_manager=(
            ("Practice Manager", 5), ("Clinic Manager", 3), ("Practice Administrator", 2),
            ("Office Manager", 2),
        ),
        support_manager=(
            ("Clinical Manager, RN", 3), ("Nurse Manager", 3), ("Clinical Supervisor", 2),
            ("Clinical Operations Manager", 1),
        ),
        support_supervisor=(("Charge Nurse", 1), ("MA Supervisor", 1)),
        front_supervisor=(
            ("Front Office Supervisor", 3), ("Patient Access Supervisor", 2),
            ("Front Office Manager", 2),
        ),
        front_lead=(("Front Desk Lead", 1), ("Patient Access Lead", 1)),
        lead=(("Medical Director", 3), ("Site Medical Director", 2), ("Lead Physician", 2)),
        sub_lead=(("Associate Medical Director", 1), ("Physician Team Lead", 1)),
        group_clinical="Group Medical Director",
        regional_clinical="Regional Medical Director",
        division_clinical="Division Medical Director",
        chief_clinical="Chief Medical Officer",
        clinical_team="Clinical Team",
        providers_team="Medical Staff",
        practice_names=(
            "{} Family Medicine", "{} Medical Group", "{} Primary Care", "{} Health Partners",
        ),
        location_suffixes=(" Clinic", " Medical Center", " Family Medicine"),
        clinical_goals=(
            "Patients roomed within 10 minutes of arrival",
            "Care gaps closed for 80% of the panel",
            "Refill requests answered the same day",
        ),
        provider_goals=(
            "Charts closed within 24 hours",
            "Panel size at target for every provider",
            "Annual wellness visits for 70% of eligible patients",
        ),
    ),
    "surgical": _Profile(
        key="surgical",
        noun="surgical",
        location_size=32,
        shares=(0.24, 0.58, 0.18),
        billing_share=0.07,
        owner_title="Managing Partner",
        owner_provider_title="Orthopedic Surgeon",
        providers=(
            ("Orthopedic Surgeon", 8), ("Orthopaedic Surgeon - Spine", 2),
            ("Orthopedic Surgeon - Sports Medicine", 2), ("Hand Surgeon", 1.5),
            ("ENT Surgeon", 3), ("Otolaryngologist", 2), ("General Surgeon", 2),
            ("Podiatric Surgeon", 1), ("Anesthesiologist", 4), ("CRNA", 3),
            ("Certified Registered Nurse Anesthetist", 1),
            ("Physician Assistant - Orthopedics", 3), ("PA-C (Surgical)", 2),
            ("Nurse Practitioner - Ortho", 1),
        ),
        unassisted=frozenset(
            {
                "Anesthesiologist", "CRNA", "Certified Registered Nurse Anesthetist",
                "Physician Assistant - Orthopedics", "PA-C (Surgical)",
                "Nurse Practitioner - Ortho",
            }
        ),
        support=(
            ("Surgical Technologist", 8), ("Certified Surgical Technologist (CST)", 4),
            ("Scrub Tech I", 2), ("Scrub Tech II", 3), ("Lead Scrub Tech", 1),
            ("RN - Pre-Op", 4), ("RN - PACU", 4), ("RN - Circulator", 3),
            ("Circulating Nurse", 2), ("Registered Nurse - OR", 2),
            ("Sterile Processing Technician", 4), ("SPD Tech II", 1.5),
            ("Surgical Assistant", 2), ("Medical Assistant - Orthopedics", 3),
            ("Radiologic Technologist", 1.5), ("Cast Technician", 1), ("Athletic Trainer", 1),
            ("Anesthesia Technician", 1),
        ),
        front=(
            ("Surgery Scheduler", 4), ("Surgical Coordinator", 3),
            ("Patient Access Representative", 3), ("Front Desk Coordinator", 3),
            ("Receptionist", 2), ("Prior Authorization Coordinator", 2),
            ("Medical Records Specialist", 1),
        ),
        billing=(
            ("Surgical Coder", 3), ("Certified Professional Coder (CPC)", 2),
            ("Billing Specialist", 5), ("AR Specialist", 3),
            ("Insurance Authorization Specialist", 2), ("Implant Billing Specialist", 1),
            ("Payment Poster", 1),
        ),
        location_manager=(
            ("ASC Administrator", 4), ("Center Administrator", 2), ("Practice Manager", 3),
            ("Practice Administrator", 2),
        ),
        support_manager=(
            ("Surgical Services Manager, RN", 4), ("RN - Surgical Services Manager", 2),
            ("OR Manager (RN)", 2), ("Director of Nursing", 2),
            ("Perioperative Services Manager - RN", 1),
        ),
        support_supervisor=(
            ("Charge Nurse - OR, RN", 2), ("OR Team Lead (RN)", 1),
            ("PACU Charge Nurse - RN", 1),
        ),
        front_supervisor=(
            ("Patient Access Supervisor", 2), ("Front Office Manager", 2),
            ("Surgery Scheduling Supervisor", 1),
        ),
        front_lead=(("Scheduling Lead", 1),),
        lead=(("Medical Director", 3), ("Surgical Director", 2), ("Chief of Surgery", 1)),
        sub_lead=(("Section Chief", 1),),
        group_clinical="Group Medical Director",
        regional_clinical="Regional Medical Director",
        division_clinical="Division Medical Director",
        chief_clinical="Chief Medical Officer",
        clinical_team="Surgical Services",
        providers_team="Surgeons & Anesthesia",
        practice_names=(
            "{} Orthopedics", "{} Surgical Associates", "{} Ear, Nose & Throat",
            "{} Surgery Centers",
        ),
        location_suffixes=(" Surgery Center", " ASC", " Orthopedics"),
        clinical_goals=(
            "First-case on-time starts at 90%",
            "Room turnover under 25 minutes",
            "Zero wrong-site or retained-item events",
        ),
        provider_goals=(
            "Block utilisation at 80%",
            "Op notes signed within 24 hours",
            "Surgical site infections under 1%",
        ),
    ),
    "dental": _Profile(
        key="dental",
        noun="dental",
        location_size=14,
        shares=(0.36, 0.36, 0.28),
        billing_share=0.05,
        owner_title="Owner Dentist",
        owner_provider_title="General Dentist",
        providers=(
            ("General Dentist", 8), ("Associate Dentist", 5), ("DDS", 1.5), ("DMD", 1.5),
            ("Pediatric Dentist", 1), ("Orthodontist", 1), ("Oral Surgeon", 0.8),
            ("Endodontist", 0.6), ("Periodontist", 0.6), ("Prosthodontist", 0.3),
            ("Registered Dental Hygienist", 10), ("RDH", 4), ("Dental Hygienist", 4),
            ("Hygienist II", 1), ("Lead Hygienist", 1),
        ),
        unassisted=frozenset(
            {"Registered Dental Hygienist", "RDH", "Dental Hygienist", "Hygienist II",
             "Lead Hygienist"}
        ),
        support=(
            ("Dental Assistant", 10), ("Dental Assistant (EFDA)", 3),
            ("Expanded Function Dental Assistant", 2), ("Registered Dental Assistant", 3),
            ("RDA", 1.5), ("Dental Assistant II", 2), ("Lead Dental Assistant", 1),
            ("Orthodontic Assistant", 1), ("Sterilization Technician", 1.5),
            ("Oral Surgery Assistant", 1), ("Hygiene Assistant", 1),
        ),
        front=(
            ("Front Desk Coordinator", 6), ("Patient Coordinator", 4),
            ("Treatment Coordinator", 3), ("Insurance Coordinator", 3),
            ("Scheduling Coordinator", 2), ("Dental Receptionist", 3),
            ("Front Office Associate", 2), ("Financial Coordinator", 1),
        ),
        billing=(
            ("Dental Billing Specialist", 4), ("Insurance Verification Specialist", 3),
            ("Claims Specialist", 2), ("AR Specialist", 2), ("Collections Specialist", 1),
            ("Revenue Cycle Specialist", 1), ("Payment Poster", 1),
        ),
        location_manager=(("Office Manager", 6), ("Practice Manager", 3),
                          ("Office Administrator", 1)),
        support_manager=(
            ("Clinical Manager", 3), ("Clinical Operations Manager", 1),
            ("Dental Assistant Supervisor", 1),
        ),
        support_supervisor=(("Clinical Team Lead", 1),),
        front_supervisor=(
            ("Front Office Manager", 3), ("Front Office Supervisor", 2),
            ("Patient Experience Manager", 1),
        ),
        front_lead=(("Front Desk Lead", 1),),
        lead=(("Lead Dentist", 3), ("Clinical Director (DDS)", 1), ("Dental Director", 1)),
        sub_lead=(("Associate Lead Dentist", 1),),
        group_clinical="Group Dental Director",
        regional_clinical="Regional Dental Director",
        division_clinical="Division Dental Director",
        chief_clinical="Chief Dental Officer",
        clinical_team="Clinical Team",
        providers_team="Doctors & Hygiene",
        practice_names=("{} Dental Partners", "{} Family Dentistry", "{} Smiles",
                        "{} Dental Group"),
        location_suffixes=(" Dental", " Family Dental", " Smiles"),
        clinical_goals=(
            "Operatory turnover under 10 minutes",
            "Sterilisation log complete every day",
            "Hygiene schedule 95% full",
        ),
        provider_goals=(
            "Case acceptance at 65%",
            "Production per provider-hour at plan",
            "Perio charting for every recall patient",
        ),
    ),
    "physical_therapy": _Profile(
        key="physical_therapy",
        noun="physical therapy",
        location_size=10,
        shares=(0.42, 0.28, 0.30),
        billing_share=0.07,
        owner_title="Owner & Clinic Founder",
        owner_provider_title="Physical Therapist, DPT",
        providers=(
            ("Physical Therapist", 8), ("DPT", 3), ("Physical Therapist, DPT", 4),
            ("Staff Physical Therapist", 3), ("Senior Physical Therapist", 1.5),
            ("Orthopedic Clinical Specialist (OCS)", 1), ("Occupational Therapist", 2),
            ("OTR/L", 1), ("Certified Hand Therapist", 1),
            ("Speech-Language Pathologist", 0.5), ("Pelvic Health Physical Therapist", 0.5),
        ),
        unassisted=frozenset(),
        support=(
            ("Physical Therapist Assistant", 6), ("PTA", 3), ("Rehab Aide", 4),
            ("Rehab Technician", 3), ("Physical Therapy Aide", 2), ("Athletic Trainer", 1.5),
            ("COTA", 1), ("Exercise Physiologist", 0.5),
        ),
        front=(
            ("Front Desk Coordinator", 5), ("Patient Care Coordinator", 4),
            ("Clinic Receptionist", 2), ("Scheduling Coordinator", 2),
            ("Intake Specialist", 1.5), ("Patient Access Representative", 1),
        ),
        billing=(
            ("Billing Specialist", 4), ("Insurance Verification Specialist", 3),
            ("Authorization Specialist", 2), ("AR Specialist", 2), ("Payment Poster", 1),
            ("Credentialing Specialist", 0.5),
        ),
        location_manager=(("Clinic Director", 4), ("Clinic Manager", 3),
                          ("Facility Manager", 1)),
        support_manager=(("Rehab Services Supervisor", 1), ("Clinical Operations Lead", 1)),
        support_supervisor=(("Rehab Aide Lead", 1),),
        front_supervisor=(("Front Office Lead", 2), ("Patient Services Supervisor", 1)),
        front_lead=(("Front Desk Lead", 1),),
        lead=(
            ("Clinical Director (DPT)", 2), ("Lead Physical Therapist", 2),
            ("Center Clinical Lead", 1),
        ),
        sub_lead=(("Clinical Mentor, DPT", 1),),
        group_clinical="Director of Clinical Services",
        regional_clinical="Regional Clinical Director",
        division_clinical="Division Clinical Director",
        chief_clinical="Chief Clinical Officer",
        clinical_team="Rehab Team",
        providers_team="Therapists",
        practice_names=(
            "{} Physical Therapy", "{} Rehab & Sports Medicine", "{} PT",
            "{} Movement Clinics",
        ),
        location_suffixes=(" PT", " Physical Therapy", " Rehab"),
        clinical_goals=(
            "Treatment areas reset between every patient",
            "Home exercise programmes sent the same day",
            "Equipment checks logged weekly",
        ),
        provider_goals=(
            "Plan-of-care completion at 85%",
            "Visits per week at target for every therapist",
            "Outcome scores recorded at intake and discharge",
        ),
    ),
    "veterinary": _Profile(
        key="veterinary",
        noun="veterinary",
        location_size=22,
        shares=(0.22, 0.56, 0.22),
        billing_share=0.03,
        owner_title="Practice Owner, DVM",
        owner_provider_title="Veterinarian",
        providers=(
            ("Veterinarian", 8), ("Associate Veterinarian", 6), ("DVM", 3),
            ("Staff Veterinarian", 2), ("Emergency Veterinarian", 2), ("Relief Veterinarian", 1),
            ("Veterinary Surgeon (DACVS)", 0.7), ("Veterinary Internist (DACVIM)", 0.5),
            ("Veterinary Dentist", 0.3),
        ),
        unassisted=frozenset(),
        support=(
            ("Veterinary Technician", 8), ("Credentialed Veterinary Technician (CVT)", 3),
            ("Registered Veterinary Technician (RVT)", 3),
            ("Licensed Veterinary Technician (LVT)", 2), ("Vet Tech II", 1.5),
            ("Veterinary Assistant", 6), ("Kennel Attendant", 3), ("Animal Care Specialist", 2),
            ("Surgical Technician - Veterinary", 1), ("Lead Veterinary Technician", 1),
        ),
        front=(
            ("Client Service Representative", 7), ("Client Care Coordinator", 3),
            ("Veterinary Receptionist", 3), ("Client Service Lead", 1),
            ("Patient Care Coordinator", 1),
        ),
        billing=(
            ("Billing Specialist", 2), ("Accounts Receivable Specialist", 1),
            ("Pet Insurance Claims Specialist", 1),
        ),
        location_manager=(("Hospital Manager", 5), ("Practice Manager", 3),
                          ("Hospital Administrator", 1)),
        support_manager=(
            ("Technician Supervisor", 3), ("Veterinary Technician Manager", 2),
            ("Medical Team Manager", 1),
        ),
        support_supervisor=(("Technician Team Lead", 1),),
        front_supervisor=(("Client Services Supervisor", 3), ("Front Office Manager", 2)),
        front_lead=(("Front Desk Lead", 1),),
        lead=(("Medical Director", 4), ("Chief of Staff (DVM)", 1), ("Lead Veterinarian", 2)),
        sub_lead=(("Associate Medical Director", 1),),
        group_clinical="Group Medical Director",
        regional_clinical="Regional Medical Director",
        division_clinical="Division Medical Director",
        chief_clinical="Chief Medical Officer",
        clinical_team="Technician Team",
        providers_team="Veterinarians",
        practice_names=(
            "{} Animal Hospital", "{} Veterinary Group", "{} Pet Clinics", "{} Vet Partners",
        ),
        location_suffixes=(" Animal Hospital", " Veterinary Clinic", " Pet Hospital"),
        clinical_goals=(
            "Exam rooms ready within 5 minutes",
            "Anaesthesia monitoring sheet for every procedure",
            "Dental radiographs on 90% of dental cases",
        ),
        provider_goals=(
            "Records finalised the same day",
            "Wellness plan enrolment at 30%",
            "Average transaction at plan",
        ),
    ),
}  # fmt: skip

_SHARED_STAFF: _Weighted = (
    ("HR Generalist", 4), ("Recruiter", 3), ("Payroll Specialist", 2),
    ("Benefits Coordinator", 1), ("Credentialing Specialist", 2), ("IT Support Specialist", 2),
    ("Marketing Coordinator", 1), ("Staff Accountant", 1), ("Compliance Coordinator", 1),
    ("Training Coordinator", 1),
)  # fmt: skip
_SHARED_PICKER = _Picker.of(_SHARED_STAFF)
_FINANCE_PICKER = _Picker.of(
    (("Staff Accountant", 3), ("Senior Accountant", 1), ("Financial Analyst", 2),
     ("Accounts Payable Specialist", 2), ("FP&A Analyst", 1))
)  # fmt: skip
_OPS_TITLES = (
    "Regional Director of Operations",
    "Area Director of Operations",
    "Vice President of Operations",
    "Senior Vice President of Operations",
)

# Goals of teams by what their managing seat does.
_GOALS: dict[str, tuple[str, ...]] = {
    "leadership": (
        "Three-year picture shared with every team",
        "Core values used in every hire and review",
        "Every location runs a week without the owner",
    ),
    "operations": (
        "Every location at budgeted margin",
        "New patients up 8% year on year",
        "Staff turnover under 15% this year",
    ),
    "practice": (
        "Schedule 95% full two weeks out",
        "Patient satisfaction (NPS) at 70 or above",
        "Net collections at 98% of adjusted production",
    ),
    "front": (
        "Check-in under 3 minutes",
        "Insurance verified 48 hours before every visit",
        "Calls answered within 30 seconds",
        "Same-day cancellations refilled",
    ),
    "billing": (
        "Days in AR under 35",
        "Clean-claim rate at 95%",
        "Denials under 5% of claims",
    ),
    "shared": (
        "Open roles filled within 30 days",
        "Every role has a written role card",
        "Payroll right first time, every time",
    ),
}

# Role definitions by what the seat is for. ``{noun}`` is the practice type.
_PURPOSES: dict[str, str] = {
    "owner": "Set the direction, core values and standard of {noun} care; lead the leaders.",
    "ceo": "Lead the group: direction, values, capital and the leadership team.",
    "operations": "Run day-to-day operations across locations so that each runs without the owner.",
    "location_manager": "Run the location: schedule, staffing, budget, process, suppliers "
    "and staff situations.",
    "support_manager": "Coach and schedule the clinical support team and fix process with "
    "peer managers.",
    "support_supervisor": "Lead a shift or section of the clinical support team.",
    "front_supervisor": "Run the front office: access, check-in, insurance and the phone.",
    "front_lead": "Lead a section of the front office on the floor.",
    "lead": "Lead the providers: productivity, outcomes, patient experience and craft.",
    "clinical_exec": "Set clinical standards and lead the provider leads across locations.",
    "finance": "Own the numbers, cash and the revenue cycle.",
    "billing_manager": "Run the billing office: claims, denials, collections and coding.",
    "shared_manager": "Run people operations and shared services for every location.",
    "provider": "Deliver excellent {noun} care to a full schedule of patients.",
    "support": "Prepare, assist and keep the clinical day on time for the providers served.",
    "front": "Welcome patients, keep the schedule full and get the details right first time.",
    "billing": "Get every claim paid correctly and quickly.",
    "shared": "Provide a shared service (people, pay, systems, compliance) to every location.",
}
_RESPONSIBILITIES: dict[str, tuple[str, ...]] = {
    "owner": ("Vision and three-year picture", "Core values", "What good looks like"),
    "ceo": ("Vision and strategy", "Leadership team", "Capital and growth"),
    "operations": ("Location performance", "Regional managers", "Operating standards"),
    "location_manager": (
        "Staff schedule",
        "Location budget",
        "Supplies and vendors",
        "Staff reviews",
    ),
    "support_manager": (
        "Support staff schedule",
        "Training and competencies",
        "Room and instrument readiness",
    ),
    "front_supervisor": ("Front-desk coverage", "Insurance verification", "Patient access"),
    "lead": ("Provider expectations and reviews", "Peer review", "Case mix and schedule"),
    "clinical_exec": ("Clinical standards", "Provider recruiting", "Quality programme"),
    "billing_manager": ("Claims and denials", "Coding accuracy", "AR follow-up"),
    "finance": ("Budget and forecast", "Revenue cycle", "Payer contracts"),
    "shared_manager": ("Hiring and onboarding", "Payroll and benefits", "Compliance"),
}
_DECISIONS: dict[str, tuple[str, ...]] = {
    "location_manager": ("Staff schedule", "Supply orders within budget"),
    "support_manager": ("Support staff schedule and assignments",),
    "front_supervisor": ("Front-desk schedule",),
    "lead": ("Provider schedule templates", "Clinical protocols at the location"),
    "operations": ("Location budgets", "Location manager hiring"),
}

_CATEGORY_KIND: dict[str, SeatKind] = {
    "owner": SeatKind.LEADERSHIP,
    "ceo": SeatKind.LEADERSHIP,
    "provider": SeatKind.PROVIDER,
    "support": SeatKind.SUPPORT,
    "front": SeatKind.ADMINISTRATIVE,
    "billing": SeatKind.ADMINISTRATIVE,
    "shared": SeatKind.ADMINISTRATIVE,
}
_LEAD_CATEGORIES = frozenset({"lead", "clinical_exec"})

# How long people have been in their seats and how many work part time, by category:
# mean years, most years, share part time, part-time FTEs.
_TENURE: dict[str, tuple[float, float, float, tuple[float, ...]]] = {
    "provider": (6.0, 30.0, 0.15, (0.5, 0.6, 0.8)),
    "support": (3.5, 25.0, 0.18, (0.5, 0.6, 0.75, 0.8)),
    "front": (2.8, 20.0, 0.2, (0.5, 0.6, 0.75)),
    "billing": (4.0, 25.0, 0.08, (0.5, 0.8)),
    "shared": (4.0, 20.0, 0.05, (0.8,)),
    "manager": (5.0, 25.0, 0.03, (0.8,)),
    "exec": (6.0, 20.0, 0.0, ()),
}


def _layer_sizes(n: int, span: int, top: int) -> list[int]:
    """Managers per layer, bottom first, so ``n`` seats report in groups of at most ``span``
    until at most ``top`` remain (``[]`` when ``n <= top``)."""
    sizes: list[int] = []
    while n > top:
        n = -(-n // span)
        sizes.append(n)
    return sizes


def _supervision(n: int, least: int) -> list[int]:
    """Supervisor layers for ``n`` people of one function at a location (managers
    included): none below ``least``, one manager up to 15, then supervisors of 12."""
    if n < least:
        return []
    return [1] if n <= 15 else _layer_sizes(n, _SPAN, 1)


def _chunks(items: Sequence[int], groups: int) -> list[Sequence[int]]:
    """``items`` split into ``groups`` consecutive runs whose sizes differ by at most one."""
    n = len(items)
    return [items[i * n // groups : (i + 1) * n // groups] for i in range(groups)]


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail local parts and slugs."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


_FIRST_ASCII = tuple(_ascii(n) for n in words.FIRST_NAMES)
_LAST_ASCII = tuple(_ascii(n) for n in words.LAST_NAMES)
_LEVEL_HINTS: dict[str, Level | None] = {}


def _title_level(title: str) -> Level | None:
    """The level a title states (``Scrub Tech II``, ``Lead Hygienist``), if any."""
    if title not in _LEVEL_HINTS:
        hint: Level | None = None
        if re.search(r"\b(Lead|III|Chief)\b", title):
            hint = Level.LEAD
        elif re.search(r"\b(Senior|Sr\.?|II)\b", title):
            hint = Level.SENIOR
        elif re.search(r"\bI$", title):
            hint = Level.JUNIOR
        _LEVEL_HINTS[title] = hint
    return _LEVEL_HINTS[title]


def demo_specialty(seed: int = 1, specialty: str | None = None) -> str:
    """The specialty :func:`generate_demo` builds for ``seed`` and ``specialty`` (its first
    draw), e.g. to record it on the practice. Raises ``ValueError`` as it does."""
    return _resolve_specialty(specialty, random.Random(seed).randrange(len(SPECIALTIES)))


def _resolve_specialty(specialty: str | None, drawn: int) -> str:
    if specialty is None:
        return SPECIALTIES[drawn]
    key = re.sub(r"[\s\-/]+", "_", specialty.strip().lower())
    key = _ALIASES.get(key, key)
    if key not in _PROFILES:
        raise ValueError(
            f"unknown specialty {specialty!r}: expected one of {', '.join(SPECIALTIES)}"
        )
    return key


@dataclass(slots=True)
class _Plan:
    """How many of everything, decided before any seat is made (people must add up)."""

    people: int
    n_loc: int
    ceo: bool
    operations: bool
    clinical_exec: bool
    cfo: bool
    regions: list[Sequence[int]]
    ops_upper: list[int]
    clinical_groups: list[Sequence[int]]
    clinical_upper: list[int]
    billing_staff: int
    billing_layers: list[int]
    finance_staff: int
    finance_layers: list[int]
    shared_staff: int
    shared_layers: list[int]

    @property
    def central(self) -> int:
        """People outside the locations (the owner-provider is counted at location 1)."""
        return (
            self.ceo
            + self.operations
            + self.clinical_exec
            + self.cfo
            + len(self.regions)
            + sum(self.ops_upper)
            + len(self.clinical_groups)
            + sum(self.clinical_upper)
            + self.billing_staff
            + self.finance_staff
            + sum(self.finance_layers)
            + sum(self.billing_layers)
            + self.shared_staff
            + sum(self.shared_layers)
        )


def _plan(people: int, n_loc: int, profile: _Profile) -> _Plan:
    ceo = people >= _CEO_PEOPLE or n_loc > _CEO_LOCATIONS
    regions: list[Sequence[int]] = []
    if n_loc > _TOP_SPAN:
        regions = _chunks(range(n_loc), -(-n_loc // _REGION_SPAN))
    clinical_groups: list[Sequence[int]] = []
    if n_loc > _CLINICAL_SPAN:
        for region in regions or [range(n_loc)]:
            clinical_groups.extend(_chunks(region, -(-len(region) // _CLINICAL_SPAN)))
    billing = round(people * profile.billing_share)
    billing_layers = _layer_sizes(billing, _SPAN, 1) if billing > (3 if n_loc == 1 else 1) else []
    shared = round(people * 0.004) if people >= _SHARED_PEOPLE else 0
    finance = max(2, round(people * 0.0005)) if ceo else 0
    return _Plan(
        people=people,
        n_loc=n_loc,
        ceo=ceo,
        operations=n_loc >= 3,
        clinical_exec=n_loc >= 3 or ceo,
        cfo=ceo,
        regions=regions,
        ops_upper=_layer_sizes(len(regions), _REGION_SPAN, _TOP_SPAN),
        clinical_groups=clinical_groups,
        clinical_upper=_layer_sizes(len(clinical_groups), _SPAN, _TOP_SPAN),
        billing_staff=billing,
        billing_layers=billing_layers,
        finance_staff=finance,
        finance_layers=_layer_sizes(finance, _SPAN, 1) if finance > _SPAN else [],
        shared_staff=shared,
        shared_layers=_layer_sizes(shared, _SPAN, 1) if shared else [],
    )


class _SeatDraft:
    """A seat while the chart is being built (reporting lines are set after creation)."""

    __slots__ = (
        "category",
        "goal",
        "kind",
        "location",
        "name",
        "reports_to",
        "role",
        "serves",
        "team_name",
        "team_parent",
    )

    def __init__(
        self,
        name: str,
        kind: SeatKind,
        role: int,
        location: int | None,
        category: str,
        team_name: str | None,
        goal: str,
    ) -> None:
        self.name = name
        self.kind = kind
        self.role = role
        self.location = location
        self.category = category
        self.team_name = team_name
        self.goal = goal
        self.reports_to: int | None = None
        self.team_parent: int | None = None
        self.serves: tuple[int, ...] = ()


class _AssignmentDraft:
    __slots__ = ("fte", "level", "person", "seat", "start")

    def __init__(self, person: int, seat: int, start: dt.date, fte: float, level: Level):
        self.person = person
        self.seat = seat
        self.start = start
        self.fte = fte
        self.level = level


class _Builder:
    """Builds one demo practice; all state and every random draw live here."""

    def __init__(self, rng: random.Random, profile: _Profile, plan: _Plan, today: dt.date) -> None:
        self.rng = rng
        self.profile = profile
        self.plan = plan
        self.today = today
        self.seats: list[_SeatDraft] = []
        self.assignments: list[_AssignmentDraft] = []
        self.people: list[Person] = []
        self.roles: list[Role] = []
        self.role_index: dict[tuple[str, SeatKind, bool], int] = {}
        self.seat_names: set[str] = set()
        self.name_counts: dict[str, int] = {}
        self.email_counts: dict[str, int] = {}
        self.location_names: set[str] = set()
        self.locations: list[Location] = []
        self.site_manager: list[int | None] = []  # per location: its location manager seat
        self.site_lead: list[int | None] = []  # per location: its top lead provider seat
        brand = rng.choice(words.BRANDS)
        self.practice_name = rng.choice(profile.practice_names).format(brand)
        self.slug = _slug(self.practice_name)
        self.employee_base = 100 + rng.randrange(900)
        self.home_metro = rng.choice(words.METROS)

    # --- primitives ----------------------------------------------------------------
    def unique_name(self, base: str) -> str:
        """``base``, or ``base 2``, ``base 3`` ... when taken: seat names are handles."""
        count = self.name_counts.get(base, 0)
        while True:
            count += 1
            name = base if count == 1 else f"{base} {count}"
            if name not in self.seat_names:
                self.name_counts[base] = count
                self.seat_names.add(name)
                return name

    def role(self, title: str, kind: SeatKind, category: str) -> int:
        lead = category in _LEAD_CATEGORIES
        key = (title, kind, lead)
        index = self.role_index.get(key)
        if index is None:
            index = len(self.roles)
            self.role_index[key] = index
            # The demo practice has adopted the role library: each role carries the
            # card its title matches, in the demo's own words where it has them.
            card = suggested_card(title, kind)
            self.roles.append(
                replace(
                    role_from_card(f"role-{index + 1}", card),
                    title=title,
                    kind=kind,
                    purpose=_PURPOSES[category].format(noun=self.profile.noun),
                    responsibilities=_RESPONSIBILITIES.get(category, ()) or card.responsibilities,
                    decision_rights=_DECISIONS.get(category, ()) or card.decides,
                    provider_lead=lead,
                    management_focus=card.management_focus
                    or (library().cards["Medical Director"].management_focus if lead else None),
                    template=card.title,
                )
            )
        return index

    def seat(
        self,
        title: str,
        category: str,
        where: str,
        *,
        location: int | None = None,
        reports_to: int | None = None,
        team_name: str | None = None,
        goal: str = "practice",
    ) -> int:
        """A new seat named ``"<title> — <where>"`` (or just the title when ``where`` is "")."""
        kind = _CATEGORY_KIND.get(category, SeatKind.MANAGEMENT)
        name = self.unique_name(f"{title} — {where}" if where else title)
        draft = _SeatDraft(
            name, kind, self.role(title, kind, category), location, category, team_name, goal
        )
        draft.reports_to = reports_to
        draft.team_parent = reports_to
        self.seats.append(draft)
        return len(self.seats) - 1

    def report(self, seat: int, manager: int | None) -> None:
        """Set the management line (and the team the seat belongs to)."""
        draft = self.seats[seat]
        draft.reports_to = manager
        draft.team_parent = manager

    def person(self) -> int:
        rng = self.rng
        # int(random() * n) rather than randrange(n): several times faster, and this runs
        # once per person (100,000 times for the largest demo).
        fi = int(rng.random() * len(words.FIRST_NAMES))
        li = int(rng.random() * len(words.LAST_NAMES))
        first = words.FIRST_NAMES[fi]
        local = f"{_FIRST_ASCII[fi]}.{_LAST_ASCII[li]}"
        # Duplicate full names are realistic at scale; e-mail addresses must not collide.
        count = self.email_counts.get(local, 0) + 1
        self.email_counts[local] = count
        if count > 1:
            local = f"{local}{count}"
        nickname = words.NICKNAMES.get(first, "")
        index = len(self.people)
        self.people.append(
            Person(
                id=f"person-{index + 1}",
                name=f"{first} {words.LAST_NAMES[li]}",
                preferred_name=nickname if nickname and rng.random() < 0.35 else "",
                email=f"{local}@{self.slug}.example",
                employee_id=f"E{self.employee_base + index:06d}",
            )
        )
        return index

    def assign(
        self,
        person: int,
        seat: int,
        tenure: str,
        *,
        fte: float | None = None,
        start: dt.date | None = None,
    ) -> int:
        """Put ``person`` in ``seat``; start date, FTE and level follow the tenure category."""
        rng = self.rng
        mean, most, part_share, part_ftes = _TENURE[tenure]
        years = min(most, rng.expovariate(1.0 / mean))
        if start is None:
            start = self.today - dt.timedelta(days=14 + int(years * 365.25))
        else:
            years = (self.today - start).days / 365.25
        if fte is None:
            fte = 1.0
            if part_ftes and rng.random() < part_share:
                fte = part_ftes[int(rng.random() * len(part_ftes))]
        level = _title_level(self.roles[self.seats[seat].role].title)
        if level is None:
            if tenure == "exec":
                level = Level.LEAD
            elif years < 1.5:
                level = Level.JUNIOR
            elif years >= 8 and rng.random() < 0.5:
                level = Level.LEAD
            else:
                level = Level.SENIOR
        self.assignments.append(_AssignmentDraft(person, seat, start, fte, level))
        return len(self.assignments) - 1

    def fill(self, seat: int, tenure: str, *, fte: float | None = None) -> tuple[int, int]:
        """A new person in ``seat``: returns (person, assignment)."""
        person = self.person()
        return person, self.assign(person, seat, tenure, fte=fte)

    def layers(
        self,
        items: Sequence[int],
        counts: Sequence[int],
        make: Callable[[int, int], int],
    ) -> list[int]:
        """Group ``items`` under new manager seats, layer by layer (``counts`` bottom first).

        ``make(depth_from_top, index)`` creates one manager seat. Returns the top layer
        (``items`` themselves when ``counts`` is empty); the caller sets its manager.
        """
        current = list(items)
        for level, count in enumerate(counts):
            depth = len(counts) - 1 - level
            managers: list[int] = []
            for index, chunk in enumerate(_chunks(current, count)):
                manager = make(depth, index)
                for child in chunk:
                    self.report(child, manager)
                managers.append(manager)
            current = managers
        return current

    def supervision(
        self,
        staff: Sequence[int],
        counts: Sequence[int],
        *,
        kinds: tuple[str, str],
        team: str,
        goal: str,
        vacant_top: bool,
        site: tuple[int, str],
        parent: int,
    ) -> list[int]:
        """Supervisor layers over a location's support or front-office ``staff``.

        ``kinds`` names the top seat's kind and the lower layers' kind (also their title
        pickers); the top seat reports to ``parent`` and stays empty when ``vacant_top``.
        Returns the bottom layer, the supervisors the staff report to.
        """
        location, site_name = site
        top_kind, sub_kind = kinds
        bottom: list[int] = []

        def make(depth: int, index: int) -> int:
            kind = top_kind if depth == 0 else sub_kind
            seat = self.seat(
                self.profile.pickers[kind].pick(self.rng),
                kind,
                site_name,
                location=location,
                team_name=f"{site_name} {team}" + (f" {index + 1}" if depth else ""),
                goal=goal,
            )
            if depth == len(counts) - 1:
                bottom.append(seat)
            if not (vacant_top and depth == 0):
                self.fill(seat, "manager")
            return seat

        (top,) = self.layers(staff, counts, make)
        self.report(top, parent)
        return bottom

    def location_name(self, metro: str) -> str:
        rng = self.rng
        suffixes = self.profile.location_suffixes
        for attempt in range(24):
            hood = rng.choice(words.NEIGHBOURHOODS)
            if attempt < 4:
                name = hood + (rng.choice(suffixes) if rng.random() < 0.25 else "")
            elif attempt < 12:
                name = f"{hood} {rng.choice(words.COMPASS)}"
            else:
                name = f"{hood} ({metro})"
            if name not in self.location_names:
                break
        base, n = name, 1
        while name in self.location_names:
            n += 1
            name = f"{base} {n}"
        self.location_names.add(name)
        return name

    def territory(self, names: set[str], pool: Sequence[str], suffix: str = "") -> tuple[str, str]:
        """A unique region name from ``pool`` (in order, then with compass points, then
        numbered) plus ``suffix``, and the pool entry it is based on."""
        index = len(names)
        entry = pool[index % len(pool)]
        round_ = index // len(pool)
        base = entry
        if round_:
            base = f"{entry} {words.COMPASS[(round_ - 1) % len(words.COMPASS)]}"
        base += suffix
        name = base
        n = 1
        while name in names:
            n += 1
            name = f"{base} {n}"
        names.add(name)
        return name, entry

    def area_name(self, names: dict[bool, set[str]], depth: int) -> str:
        """Name of a layer above regions: the top layer gets territories ("Gulf Coast"),
        the layers between get metro areas ("Tulsa Area")."""
        if depth == 0:
            return self.territory(names.setdefault(True, set()), words.TERRITORIES)[0]
        return self.territory(names.setdefault(False, set()), words.METROS, " Area")[0]

    # --- the practice ----------------------------------------------------------------
    def build(self, problems: _Problems) -> Snapshot:
        plan, profile, rng = self.plan, self.profile, self.rng
        single = plan.n_loc == 1
        founded = self.today - dt.timedelta(days=int(rng.uniform(6, 28) * 365.25))

        # Leadership. Under 1,000 people the owner is also a provider at location 1.
        self.founded = founded
        if plan.ceo:
            self.owner_seat = self.seat(
                "Chief Executive Officer", "ceo", "", team_name="Executive Team", goal="leadership"
            )
            self.owner: int | None = None
            self.fill(self.owner_seat, "exec")
        else:
            self.owner_seat = self.seat(
                profile.owner_title, "owner", "", team_name="Leadership Team", goal="leadership"
            )
            self.owner = self.person()
            # With the office manager seat as well, the owner leads one day in ten.
            lead_fte = 0.1 if problems.owner_is_manager else 0.2
            self.assign(self.owner, self.owner_seat, "exec", fte=lead_fte, start=founded)
        self.seats[self.owner_seat].team_parent = self.owner_seat

        ops_top: int | None = None
        if plan.operations:
            title = "Chief Operating Officer" if plan.regions else "Director of Operations"
            ops_top = self.seat(
                title,
                "operations",
                "",
                reports_to=self.owner_seat,
                team_name="Operations Leadership",
                goal="operations",
            )
            self.fill(ops_top, "exec")
        clinical_top: int | None = None
        if plan.clinical_exec:
            title = profile.chief_clinical if plan.regions or plan.ceo else profile.group_clinical
            clinical_top = self.seat(
                title,
                "clinical_exec",
                "",
                reports_to=self.owner_seat,
                team_name="Clinical Leadership",
                goal="provider",
            )
            self.fill(clinical_top, "exec")
        cfo: int | None = None
        if plan.cfo:
            cfo = self.seat(
                "Chief Financial Officer",
                "finance",
                "",
                reports_to=self.owner_seat,
                team_name="Finance",
                goal="billing",
            )
            self.fill(cfo, "exec")

        # Operations regions: a regional director per ~10 locations, areas above them.
        ops_parent = [ops_top if ops_top is not None else self.owner_seat] * plan.n_loc
        metro_of = [self.home_metro] * plan.n_loc
        region_names: set[str] = set()
        territory_names: dict[bool, set[str]] = {}
        regional: list[int] = []
        region_of = [""] * plan.n_loc
        for region in plan.regions:
            name, metro = self.territory(region_names, words.METROS)
            seat = self.seat(
                _OPS_TITLES[0], "operations", name, team_name=f"{name} Region", goal="operations"
            )
            self.fill(seat, "manager")
            regional.append(seat)
            for li in region:
                ops_parent[li] = seat
                metro_of[li] = metro
                region_of[li] = name

        def make_ops(depth: int, index: int) -> int:
            level = min(len(_OPS_TITLES) - 1, len(plan.ops_upper) - depth)
            name = self.area_name(territory_names, depth)
            seat = self.seat(
                _OPS_TITLES[level],
                "operations",
                name,
                team_name=f"{name} Operations",
                goal="operations",
            )
            self.fill(seat, "manager")
            return seat

        for seat in self.layers(regional, plan.ops_upper, make_ops):
            self.report(seat, ops_top)

        # Clinical regions: a regional clinical director per ~7 locations.
        clinical_parent = [
            clinical_top if clinical_top is not None else self.owner_seat
        ] * plan.n_loc
        clinical_regional: list[int] = []
        clinical_names: set[str] = set()
        for group in plan.clinical_groups:
            # Named after its operations region, or a compass point in a smaller group.
            region_of_group = (
                region_of[group[0]] or self.territory(clinical_names, words.COMPASS)[0]
            )
            seat = self.seat(
                profile.regional_clinical,
                "clinical_exec",
                region_of_group,
                team_name=f"{region_of_group} Clinical Leadership",
                goal="provider",
            )
            self.fill(seat, "manager")
            clinical_regional.append(seat)
            for li in group:
                clinical_parent[li] = seat

        clinical_territories: dict[bool, set[str]] = {}

        def make_clinical(depth: int, index: int) -> int:
            name = self.area_name(clinical_territories, depth)
            title = profile.division_clinical
            if depth:
                title = title.replace("Division", "Area", 1)
            seat = self.seat(
                title,
                "clinical_exec",
                name,
                team_name=f"{name} Clinical Leadership",
                goal="provider",
            )
            self.fill(seat, "manager")
            return seat

        for seat in self.layers(clinical_regional, plan.clinical_upper, make_clinical):
            self.report(seat, clinical_top)

        # Locations.
        sizes = _location_sizes(plan, rng, problems.no_manager)
        location_managers: list[int | None] = []
        for li in range(plan.n_loc):
            location_managers.append(
                self.location(
                    li, sizes[li], metro_of[li], ops_parent[li], clinical_parent[li], problems
                )
            )
        if single:
            self.seats[self.owner_seat].location = 0

        # Billing office: central in a group, at the location in a single practice.
        if cfo is not None:
            billing_parent = cfo
        elif plan.n_loc <= 2 and location_managers[0] is not None:
            billing_parent = location_managers[0]
        else:
            billing_parent = ops_top if ops_top is not None else self.owner_seat
        billing_location = 0 if single else None
        billing_where = self.locations[0].name if single else "Central Billing Office"
        billing_staff = []
        for _ in range(plan.billing_staff):
            title = profile.pickers["billing"].pick(rng)
            seat = self.seat(title, "billing", billing_where, location=billing_location)
            self.fill(seat, "billing")
            billing_staff.append(seat)

        def make_billing(depth: int, index: int) -> int:
            if depth == 0:
                title = (
                    "Director of Revenue Cycle"
                    if len(plan.billing_layers) > 2
                    else ("Billing Manager")
                )
            else:
                title = ("Billing Supervisor", "Billing Manager", "Revenue Cycle Manager")[
                    min(2, len(plan.billing_layers) - 1 - depth)
                ]
            team = "Central Billing Office" if depth == 0 else "Billing Pod"
            seat = self.seat(
                title,
                "billing_manager",
                billing_where,
                location=billing_location,
                team_name=team,
                goal="billing",
            )
            self.fill(seat, "manager")
            return seat

        for seat in self.layers(billing_staff, plan.billing_layers, make_billing):
            self.report(seat, billing_parent)

        # Finance (with a chief financial officer) in large groups.
        finance_staff = []
        for _ in range(plan.finance_staff):
            seat = self.seat(_FINANCE_PICKER.pick(rng), "shared", "Finance")
            self.fill(seat, "shared")
            finance_staff.append(seat)

        def make_finance(depth: int, index: int) -> int:
            title = "Controller" if depth == 0 else "Accounting Manager"
            seat = self.seat(title, "finance", "Finance", team_name="Accounting", goal="billing")
            self.fill(seat, "manager")
            return seat

        for seat in self.layers(finance_staff, plan.finance_layers, make_finance):
            self.report(seat, cfo)

        # People and shared services in large groups.
        shared_staff = []
        for _ in range(plan.shared_staff):
            seat = self.seat(_SHARED_PICKER.pick(rng), "shared", "Shared Services")
            self.fill(seat, "shared")
            shared_staff.append(seat)

        def make_shared(depth: int, index: int) -> int:
            title = ("Director of People & Shared Services", "HR Manager")[min(depth, 1)]
            if depth >= 2:
                title = "Shared Services Supervisor"
            team = "People & Shared Services" if depth == 0 else "Shared Services Team"
            seat = self.seat(
                title, "shared_manager", "Shared Services", team_name=team, goal="shared"
            )
            self.fill(seat, "manager")
            return seat

        for seat in self.layers(shared_staff, plan.shared_layers, make_shared):
            self.report(seat, self.owner_seat)

        if len(self.people) != plan.people:  # pragma: no cover - a planning bug
            raise AssertionError(f"made {len(self.people)} people, expected {plan.people}")
        return self.snapshot()

    def location(
        self,
        li: int,
        size: int,
        metro: str,
        ops_parent: int,
        clinical_parent: int,
        problems: _Problems,
    ) -> int | None:
        """Build one location; returns its location manager seat (``None`` when it has none)."""
        rng, profile, plan = self.rng, self.profile, self.plan
        name = self.location_name(metro)
        street = f"{rng.choice(words.STREET_NAMES)} {rng.choice(words.STREET_TYPES)}"
        self.locations.append(
            Location(
                id=f"loc-{li + 1}", name=name, address=f"{rng.randint(100, 9899)} {street}, {metro}"
            )
        )
        single = plan.n_loc == 1
        home = li == 0 and self.owner is not None
        no_manager = li in problems.no_manager
        owner_manages = single and problems.owner_is_manager
        owner_span = single and problems.owner_span
        vacancies = problems.vacancies.get(li, ())

        # How many of each: the owner is one of the providers at home; managers come first.
        manager_person = not no_manager and not owner_manages
        rest = size - manager_person
        n_prov = max(1, round(rest * profile.shares[0]))
        n_front = max(1, round(rest * profile.shares[2]))
        n_support = rest - n_prov - n_front
        while n_support < 1:
            if n_front > 1:
                n_front -= 1
            else:
                n_prov -= 1
            n_support += 1
        support_layers = _supervision(n_support, 7) if not no_manager and not owner_span else []
        front_layers = _supervision(n_front, 4) if not no_manager else []
        n_support -= sum(support_layers)
        n_front -= sum(front_layers)
        vacant_front = vacant_support = False
        extra_support = 0
        for vacancy in vacancies:
            if vacancy == "supervisor" and front_layers and not vacant_front:
                vacant_front, n_front = True, n_front + 1
            elif vacancy == "supervisor" and support_layers and not vacant_support:
                vacant_support, n_support = True, n_support + 1
            elif vacancy == "supervisor":
                extra_support += 1

        # Location manager (the owner in a small single practice).
        manager: int | None = None
        if not no_manager:
            manager = self.seat(
                profile.pickers["location_manager"].pick(rng),
                "location_manager",
                name,
                location=li,
                reports_to=ops_parent,
                team_name=f"{name} Practice Team",
                goal="practice",
            )
            if owner_manages and self.owner is not None:
                self.assign(self.owner, manager, "exec", fte=0.2, start=self.founded)
            else:
                self.fill(manager, "manager")
        staff_parent = manager if manager is not None else ops_parent
        if no_manager:
            # Covered from the nearest earlier location (the flagship always has a manager):
            # that manager runs both sites, that lead provider oversees both.
            sibling = li - 1
            cover = self.site_manager[sibling]
            while cover is None:
                sibling -= 1
                cover = self.site_manager[sibling]
            staff_parent = cover
            clinical_parent = self.site_lead[sibling] or clinical_parent

        # Providers; at home the owner's provider seat reports to the owner's own seat.
        owner_provider: int | None = None
        if home and self.owner is not None:
            owner_provider = self.seat(
                profile.owner_provider_title,
                "provider",
                name,
                location=li,
                reports_to=self.owner_seat,
            )
            self.assign(
                self.owner,
                owner_provider,
                "provider",
                fte=0.7 if owner_manages else 0.8,
                start=self.founded,
            )
        providers: list[int] = []
        provider_assignment: dict[int, int] = {}
        provider_person: dict[int, int] = {}
        for k in range(n_prov - (owner_provider is not None)):
            picker = profile.pickers["assisted" if k == 0 else "providers"]
            seat = self.seat(
                picker.pick(rng), "provider", name, location=li, reports_to=clinical_parent
            )
            person, assignment = self.fill(seat, "provider")
            providers.append(seat)
            provider_assignment[seat] = assignment
            provider_person[seat] = person

        # Lead providers: one of the providers also holds a provider_lead seat.
        lead_top: int | None = None
        led: list[int] = []
        lead_holders: list[tuple[int, int]] = []  # (lead seat, holder's provider seat)
        if not no_manager and len(providers) >= (5 if single else 3):
            lead_layers = _layer_sizes(len(providers), _SPAN, 1)
            holders = providers[: sum(lead_layers)]
            led = providers[sum(lead_layers) :]
            holder_iter = iter(holders)

            def make_lead(depth: int, index: int) -> int:
                holder = next(holder_iter)
                title = profile.pickers["lead" if depth == 0 else "sub_lead"].pick(rng)
                seat = self.seat(
                    title,
                    "lead",
                    name,
                    location=li,
                    team_name=f"{name} {profile.providers_team}"
                    + (f" {index + 1}" if depth else ""),
                    goal="provider",
                )
                self.assign(
                    provider_person[holder],
                    seat,
                    "manager",
                    fte=0.3,
                    start=self.assignments[provider_assignment[holder]].start,
                )
                self.assignments[provider_assignment[holder]].fte = 0.7
                lead_holders.append((seat, holder))
                return seat

            (lead_top,) = self.layers(led, lead_layers, make_lead)
            self.report(lead_top, clinical_parent)
            # A lead's own patient work is overseen by the lead above them.
            for seat, holder in lead_holders:
                self.report(holder, self.seats[seat].reports_to)
        else:
            led = providers

        # Clinical support: reports to a support manager, serves providers.
        everyone = ([owner_provider] if owner_provider is not None else []) + providers
        assisted = [
            s for s in everyone if self.roles[self.seats[s].role].title not in profile.unassisted
        ] or everyone
        served_by: dict[int, list[int]] = {}
        support: list[int] = []
        support_persons: list[tuple[int, int]] = []
        for k in range(n_support + extra_support):
            seat = self.seat(
                profile.pickers["support"].pick(rng),
                "support",
                name,
                location=li,
                reports_to=staff_parent,
            )
            first = assisted[k % len(assisted)]
            served: tuple[int, ...] = (first,)
            if len(assisted) > 1 and rng.random() < 0.25:
                served = (first, assisted[(k + 1) % len(assisted)])
            self.seats[seat].serves = served
            served_by.setdefault(first, []).append(seat)
            if k < n_support:
                support_persons.append(self.fill(seat, "support"))
                support.append(seat)
        support_bottom: list[int] = [staff_parent]
        if support_layers:
            support_bottom = self.supervision(
                support,
                support_layers,
                kinds=("support_manager", "support_supervisor"),
                team=profile.clinical_team,
                goal="clinical",
                vacant_top=vacant_support,
                site=(li, name),
                parent=staff_parent,
            )
        elif owner_span:
            for seat in support:
                self.report(seat, self.owner_seat)
            support_bottom = [self.owner_seat]

        # Front office.
        front: list[int] = []
        for _ in range(n_front):
            seat = self.seat(
                profile.pickers["front"].pick(rng),
                "front",
                name,
                location=li,
                reports_to=staff_parent,
            )
            self.fill(seat, "front")
            front.append(seat)
        front_bottom: list[int] = [staff_parent]
        if front_layers:
            front_bottom = self.supervision(
                front,
                front_layers,
                kinds=("front_supervisor", "front_lead"),
                team="Front Office",
                goal="front",
                vacant_top=vacant_front,
                site=(li, name),
                parent=staff_parent,
            )

        # Planted problems.
        for vacancy in vacancies:
            if vacancy == "provider":
                title = profile.pickers["assisted"].pick(rng)
                self.seat(
                    title,
                    "provider",
                    name,
                    location=li,
                    reports_to=lead_top if lead_top is not None else clinical_parent,
                )
            elif vacancy == "support":
                seat = self.seat(
                    profile.pickers["support"].pick(rng),
                    "support",
                    name,
                    location=li,
                    reports_to=support_bottom[0],
                )
                self.seats[seat].serves = (assisted[0],)
        if li in problems.over_allocated and support_persons:
            person, assignment = support_persons[0]
            self.assignments[assignment].fte = 1.0
            seat = self.seat(
                profile.pickers["front"].pick(rng),
                "front",
                name,
                location=li,
                reports_to=front_bottom[0],
            )
            self.assign(person, seat, "front", fte=0.5)
        if li in problems.support_to_provider:
            # Prefer a provider other than the owner: "Dr. Lee's assistant reports to Dr. Lee".
            candidates = [s for s in assisted if s != owner_provider and served_by.get(s)]
            candidates = candidates or [s for s in assisted if served_by.get(s)]
            if candidates:
                target = candidates[rng.randrange(len(candidates))]
                for seat in served_by[target][: rng.randint(1, 3)]:
                    self.seats[seat].reports_to = target  # team stays the support team
        if li in problems.unmanaged:
            problems.unmanaged_debt += 1
        if problems.unmanaged_debt and not no_manager:
            # A provider whose lead keeps at least two other reports, or else the lead's own
            # provider seat (who manages the medical director as a clinician?).
            candidates = led if lead_top is None or len(led) >= 4 else []
            candidates = candidates or [holder for _, holder in lead_holders[:1]]
            if candidates:
                seat = candidates[rng.randrange(len(candidates))]
                self.seats[seat].reports_to = None
                problems.unmanaged_debt -= 1
        self.site_manager.append(manager)
        self.site_lead.append(lead_top)
        return manager

    # --- freezing ------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """Turn the drafts into the frozen snapshot, creating one team per managing seat."""
        seats = self.seats
        has_members = {d.team_parent for d in seats if d.team_parent is not None}
        team_of: dict[int, str] = {}
        teams: list[Team] = []
        team_names: set[str] = set()
        rng = self.rng
        for index, draft in enumerate(seats):
            if draft.team_name is None or index not in has_members:
                continue
            name, n = draft.team_name, 1
            while name in team_names:
                n += 1
                name = f"{draft.team_name} {n}"
            team_names.add(name)
            if draft.goal == "clinical":
                goals = self.profile.clinical_goals
            elif draft.goal == "provider":
                goals = self.profile.provider_goals
            else:
                goals = _GOALS[draft.goal]
            team_id = f"team-{len(teams) + 1}"
            teams.append(
                Team(
                    id=team_id,
                    name=name,
                    manager_seat_id=f"seat-{index + 1}",
                    goal=goals[int(rng.random() * len(goals))],
                )
            )
            team_of[index] = team_id
        # Ids are formatted once and looked up by index: this loop runs per seat.
        seat_ids = [f"seat-{i}" for i in range(1, len(seats) + 1)]
        role_ids = [role.id for role in self.roles]
        location_ids = [location.id for location in self.locations]
        person_ids = [person.id for person in self.people]
        frozen_seats = tuple(
            Seat(
                id=seat_ids[index],
                name=draft.name,
                kind=draft.kind,
                role_id=role_ids[draft.role],
                location_id=None if draft.location is None else location_ids[draft.location],
                team_id=None if draft.team_parent is None else team_of.get(draft.team_parent),
                reports_to=None if draft.reports_to is None else seat_ids[draft.reports_to],
                serves=tuple([seat_ids[s] for s in draft.serves]),
            )
            for index, draft in enumerate(seats)
        )
        assignments = tuple(
            Assignment(
                id=f"a-{index}",
                person_id=person_ids[a.person],
                seat_id=seat_ids[a.seat],
                start=a.start,
                fte=a.fte,
                level=a.level,
            )
            for index, a in enumerate(self.assignments, start=1)
        )
        return Snapshot(
            practice=PracticeInfo(name=self.practice_name, slug=self.slug),
            locations=tuple(self.locations),
            teams=tuple(teams),
            roles=tuple(self.roles),
            seats=frozen_seats,
            people=tuple(self.people),
            assignments=assignments,
            as_of=self.today,
        )


@dataclass(slots=True)
class _Problems:
    """Where the planted problems go (location indexes), drawn from the seed."""

    support_to_provider: frozenset[int]
    unmanaged: frozenset[int]
    no_manager: frozenset[int]
    vacancies: dict[int, tuple[str, ...]]
    over_allocated: frozenset[int]
    owner_is_manager: bool
    owner_span: bool
    unmanaged_debt: int = 0  # carried to the next location that has a provider to spare


_NO_PROBLEMS = _Problems(
    support_to_provider=frozenset(),
    unmanaged=frozenset(),
    no_manager=frozenset(),
    vacancies={},
    over_allocated=frozenset(),
    owner_is_manager=False,
    owner_span=False,
)


def _problems(people: int, n_loc: int, rng: random.Random) -> _Problems:
    def sample(per: int, population: Sequence[int] = range(n_loc)) -> frozenset[int]:
        k = min(len(population), max(1, round(n_loc / per)))
        return frozenset(rng.sample(population, k)) if population else frozenset()

    # One or two locations: every "at least one" would plant everything at once, which
    # reads as a caricature; such a practice gets one or two of the optional problems.
    optional: tuple[str, ...] = ("unmanaged", "vacancy", "over_allocated")
    if n_loc <= 2:
        optional = tuple(rng.sample(optional, 1 + (rng.random() < 0.5)))
    vacancy_count = max(1, round(n_loc / 12), 2 if people >= 50 else 1)
    vacancies: dict[int, tuple[str, ...]] = {}
    kinds = ("provider", "supervisor", "support")
    first_kind = rng.randrange(len(kinds))
    for i in range(vacancy_count if "vacancy" in optional else 0):
        li = rng.randrange(n_loc)
        vacancies[li] = (*vacancies.get(li, ()), kinds[(first_kind + i) % len(kinds)])
    return _Problems(
        support_to_provider=sample(8),
        unmanaged=sample(20) if "unmanaged" in optional else frozenset(),
        no_manager=sample(25, range(1, n_loc)) if n_loc >= 4 else frozenset(),
        vacancies=vacancies,
        over_allocated=sample(16) if "over_allocated" in optional else frozenset(),
        owner_is_manager=n_loc == 1 and people <= 15,
        owner_span=n_loc == 1 and 15 < people <= 60,
    )


def _location_sizes(plan: _Plan, rng: random.Random, satellites: frozenset[int]) -> list[int]:
    """People per location: at least the minimum each, the flagship larger, some variety.

    ``satellites`` (the locations planted without a manager) are small offices, as they
    usually are in real groups.
    """
    total = plan.people - plan.central
    n = plan.n_loc
    weights = [rng.uniform(0.7, 1.4) for _ in range(n)]
    weights[0] *= 1.5
    for li in sorted(satellites):
        weights[li] *= 0.4
    spare = total - _MIN_LOCATION * n
    scale = spare / sum(weights)
    sizes = [_MIN_LOCATION + int(w * scale) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % n] += 1
    return sizes


def generate_demo(
    people: int,
    *,
    seed: int = 1,
    locations: int | None = None,
    specialty: str | None = None,
    today: dt.date | None = None,
    planted: bool = True,
) -> Snapshot:
    """A realistic demo practice with exactly ``people`` people, the same for the same arguments.

    ``planted=False`` leaves out the problems planted on purpose (the shape a template
    chart starts from).

    ``specialty`` is one of :data:`SPECIALTIES` (a few aliases such as ``"dso"``, ``"pt"``,
    ``"vet"`` are accepted); ``None`` draws it from the seed. ``locations`` defaults to a
    count typical of the practice type for its size. ``today`` anchors assignment start
    dates and the snapshot's ``as_of`` (default: the real today; pass it for reproducible
    output). The problems planted on purpose are listed in :data:`DEMO_PROBLEMS`.

    Raises ``ValueError`` for fewer than 5 people, fewer than one location, more locations
    than the people can staff (5 each plus the central office) or an unknown specialty.
    """
    if isinstance(people, bool) or not isinstance(people, int) or people < MIN_PEOPLE:
        raise ValueError(f"people must be a whole number of at least {MIN_PEOPLE}, got {people!r}")
    if locations is not None and (
        isinstance(locations, bool) or not isinstance(locations, int) or locations < 1
    ):
        raise ValueError(f"locations must be a whole number of at least 1, got {locations!r}")
    rng = random.Random(seed)
    # Always draw the specialty so naming one explicitly leaves every other draw unchanged.
    drawn = rng.randrange(len(SPECIALTIES))
    profile = _PROFILES[_resolve_specialty(specialty, drawn)]
    jitter = rng.uniform(0.85, 1.15)
    if locations is None:
        n_loc = max(1, round(people / (profile.location_size * jitter)))
        while n_loc > 1 and people - _plan(people, n_loc, profile).central < _MIN_LOCATION * n_loc:
            n_loc -= 1
    else:
        n_loc = locations
    plan = _plan(people, n_loc, profile)
    if people - plan.central < _MIN_LOCATION * n_loc:
        raise ValueError(
            f"{people} people cannot staff {n_loc} locations: each needs at least "
            f"{_MIN_LOCATION} people besides the {plan.central} in central roles"
        )
    problems = _problems(people, n_loc, rng) if planted else _NO_PROBLEMS
    builder = _Builder(rng, profile, plan, today or dt.date.today())
    with paused_gc():
        return builder.build(problems)
