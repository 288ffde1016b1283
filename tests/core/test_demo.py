"""The demo practice generator: exact sizes, a sound chart, realistic mix, planted problems."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import pytest

from practiceos.core.demo import DEMO_PROBLEMS, SPECIALTIES, generate_demo
from practiceos.core.model import Seat, SeatKind, Snapshot

TODAY = dt.date(2025, 3, 1)
SIZES = (5, 12, 50, 500, 5000)


@cache
def demo(people: int, specialty: str | None = None, seed: int = 1, **kw: int) -> Snapshot:
    """One generated practice, cached: several tests look at the same one."""
    return generate_demo(people, seed=seed, specialty=specialty, today=TODAY, **kw)


def titles(s: Snapshot, kind: SeatKind) -> set[str]:
    return {s.roles_by_id[seat.role_id].title for seat in s.seats if seat.kind == kind}


def title(s: Snapshot, seat: Seat) -> str:
    return s.roles_by_id[seat.role_id].title  # type: ignore[index]


def management_locations(s: Snapshot) -> set[str | None]:
    return {seat.location_id for seat in s.seats if seat.kind == SeatKind.MANAGEMENT}


def staffed_locations(s: Snapshot) -> set[str | None]:
    return {
        seat.location_id
        for seat in s.seats
        if seat.kind != SeatKind.LEADERSHIP and s.holders_of.get(seat.id)
    }


def fte_by_person(s: Snapshot) -> dict[str, float]:
    out: Counter[str] = Counter()
    for a in s.assignments:
        out[a.person_id] += a.fte
    return dict(out)


def check_integrity(s: Snapshot, people: int) -> None:
    """Everything the rest of the product relies on: counts, references, no cycles."""
    seats = s.seats_by_id
    assert len(s.people) == people
    assert len({p.id for p in s.people}) == people
    assert len({p.email for p in s.people}) == people
    assert len({p.employee_id for p in s.people}) == people
    assert all(p.email.endswith(f"@{s.practice.slug}.example") for p in s.people)
    assert len({seat.name for seat in s.seats}) == len(s.seats)
    assert len(seats) == len(s.seats)
    assert len(s.roles_by_id) == len(s.roles)
    assert len(s.locations_by_id) == len(s.locations)
    assert len(s.teams_by_id) == len(s.teams)
    for seat in s.seats:
        assert seat.reports_to is None or seat.reports_to in seats, seat
        assert seat.role_id in s.roles_by_id, seat
        assert s.roles_by_id[seat.role_id].kind == seat.kind, seat
        assert seat.location_id is None or seat.location_id in s.locations_by_id, seat
        assert seat.team_id is None or seat.team_id in s.teams_by_id, seat
        for served in seat.serves:
            assert seat.kind == SeatKind.SUPPORT, seat
            assert seats[served].kind == SeatKind.PROVIDER, seat
    for team in s.teams:
        assert team.manager_seat_id in seats and team.goal
    for a in s.assignments:
        assert a.person_id in s.people_by_id and a.seat_id in seats
        assert a.start is not None and a.start < TODAY
        assert 0 < a.fte <= 1.0
    # Everyone holds at least one seat; each staffed seat has exactly one holder.
    assert set(s.seats_of) == set(s.people_by_id)
    assert all(len(holders) == 1 for holders in s.holders_of.values())
    # No reporting cycles: walking up from every seat ends at a top seat.
    for seat in s.seats:
        seen: set[str] = set()
        current: Seat | None = seat
        while current is not None:
            assert current.id not in seen, f"cycle through {current.name}"
            seen.add(current.id)
            current = s.manager_of(current)
    assert s.as_of == TODAY


@pytest.mark.parametrize("specialty", SPECIALTIES)
@pytest.mark.parametrize("people", SIZES)
def test_chart_is_sound_at_every_size(people: int, specialty: str) -> None:
    s = demo(people, specialty)
    check_integrity(s, people)
    kinds = Counter(seat.kind for seat in s.seats)
    assert kinds[SeatKind.LEADERSHIP] == 1
    assert kinds[SeatKind.PROVIDER] >= 1
    assert kinds[SeatKind.SUPPORT] >= 1
    assert kinds[SeatKind.ADMINISTRATIVE] >= 1
    assert kinds[SeatKind.MANAGEMENT] >= 1
    # Support staff serve providers, and most of them.
    support = [seat for seat in s.seats if seat.kind == SeatKind.SUPPORT]
    assert sum(1 for seat in support if seat.serves) >= 0.9 * len(support)


@pytest.mark.parametrize("specialty", SPECIALTIES)
@pytest.mark.parametrize("people", (500, 5000))
def test_providers_are_a_realistic_share_of_people(people: int, specialty: str) -> None:
    s = demo(people, specialty)
    providers = {
        a.person_id for a in s.assignments if s.seats_by_id[a.seat_id].kind == SeatKind.PROVIDER
    }
    support = {
        a.person_id for a in s.assignments if s.seats_by_id[a.seat_id].kind == SeatKind.SUPPORT
    }
    assert 0.15 <= len(providers) / people <= 0.40
    assert 0.15 <= len(support) / people <= 0.60


def test_ratios_follow_the_practice_type() -> None:
    def share(specialty: str) -> float:
        s = demo(5000, specialty)
        return sum(1 for seat in s.seats if seat.kind == SeatKind.PROVIDER) / len(s.people)

    # Physical therapy is provider-heavy; a veterinary hospital is technician-heavy.
    assert share("physical_therapy") > share("dental") > share("surgical")
    assert share("medical") > share("veterinary")


CHARACTERISTIC = {
    "medical": (SeatKind.PROVIDER, ("Physician", "Nurse Practitioner", "PA-C")),
    "surgical": (SeatKind.PROVIDER, ("Surgeon", "Anesthesiologist", "CRNA")),
    "dental": (SeatKind.PROVIDER, ("Dentist", "Hygienist", "RDH")),
    "physical_therapy": (SeatKind.PROVIDER, ("Physical Therapist", "DPT")),
    "veterinary": (SeatKind.PROVIDER, ("Veterinarian", "DVM")),
}
SIGNATURE = {
    "surgical": "Orthopedic Surgeon",
    "dental": "General Dentist",
    "physical_therapy": "Physical Therapist",
    "veterinary": "Veterinarian",
}
CHARACTERISTIC_SUPPORT = {
    "medical": ("Medical Assistant", "LPN", "RN - Triage"),
    "surgical": ("Scrub Tech", "Surgical Technologist", "RN - Pre-Op", "Sterile Processing"),
    "dental": ("Dental Assistant", "EFDA"),
    "physical_therapy": ("Physical Therapist Assistant", "PTA", "Rehab Aide"),
    "veterinary": ("Veterinary Technician", "Kennel Attendant", "Veterinary Assistant"),
}


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_each_specialty_has_its_characteristic_titles(specialty: str) -> None:
    s = demo(500, specialty)
    kind, words = CHARACTERISTIC[specialty]
    provider_titles = titles(s, kind)
    for word in words:
        assert any(word in t for t in provider_titles), (word, provider_titles)
    support_titles = titles(s, SeatKind.SUPPORT)
    for word in CHARACTERISTIC_SUPPORT[specialty]:
        assert any(word in t for t in support_titles), (word, support_titles)
    # Other specialties' providers do not leak in.
    for other, signature in SIGNATURE.items():
        if other != specialty:
            assert not any(signature in t for t in provider_titles), (other, provider_titles)


def test_titles_vary_like_an_hris_export() -> None:
    s = demo(5000, "surgical")
    support_titles = titles(s, SeatKind.SUPPORT)
    assert {"Scrub Tech I", "Scrub Tech II", "RN - Pre-Op", "RN - PACU"} <= support_titles
    assert len(s.roles) >= 40
    dental = titles(demo(5000, "dental"), SeatKind.SUPPORT)
    assert "Dental Assistant (EFDA)" in dental
    assert "DPT" in titles(demo(5000, "physical_therapy"), SeatKind.PROVIDER)


def test_every_location_has_a_manager_except_the_planted_ones() -> None:
    s = demo(5000, "dental")
    unmanaged = staffed_locations(s) - management_locations(s) - {None}
    # Planted at about one location in 25, and never at the flagship.
    assert 1 <= len(unmanaged) <= round(len(s.locations) / 25)
    assert "loc-1" not in unmanaged
    for small in (5, 12, 50):
        small_demo = demo(small, "dental")
        assert staffed_locations(small_demo) - {None} <= management_locations(small_demo)


def test_spans_stay_realistic_apart_from_planted_problems() -> None:
    for specialty in SPECIALTIES:
        s = demo(5000, specialty)
        managed = management_locations(s)
        for seat in s.seats:
            if seat.kind not in (SeatKind.MANAGEMENT, SeatKind.LEADERSHIP):
                continue
            reports = s.reports_of.get(seat.id, ())
            # Staff of a planted location without a manager fall to the regional director.
            organic = [r for r in reports if r.location_id is None or r.location_id in managed]
            assert len(organic) <= 15, (specialty, seat.name, len(organic))
            if seat.kind == SeatKind.MANAGEMENT and s.holders_of.get(seat.id):
                assert len(reports) != 1, (specialty, seat.name)
        owner = next(seat for seat in s.seats if seat.kind == SeatKind.LEADERSHIP)
        assert len(s.reports_of[owner.id]) <= 7


def depth_of(s: Snapshot, seat: Seat) -> int:
    depth = 0
    while (manager := s.manager_of(seat)) is not None:
        seat, depth = manager, depth + 1
    return depth


def test_large_groups_have_regional_layers_of_modest_depth() -> None:
    s = demo(5000, "physical_therapy")
    regional = [seat for seat in s.seats if title(s, seat) == "Regional Director of Operations"]
    assert len(regional) >= len(s.locations) // 10
    assert max(depth_of(s, seat) for seat in s.seats) <= 8
    owner = next(seat for seat in s.seats if seat.kind == SeatKind.LEADERSHIP)
    assert title(s, owner) == "Chief Executive Officer"


def support_reporting_to_providers(s: Snapshot) -> list[Seat]:
    return [
        seat
        for seat in s.seats
        if seat.kind == SeatKind.SUPPORT
        and (manager := s.manager_of(seat)) is not None
        and manager.kind == SeatKind.PROVIDER
    ]


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_planted_problems_exist_in_a_group(specialty: str) -> None:
    s = demo(500, specialty)
    # Support staff reporting to the provider they assist.
    misreported = support_reporting_to_providers(s)
    assert misreported
    assert all(seat.reports_to in seat.serves for seat in misreported)
    # A provider with no manager.
    assert any(seat.kind == SeatKind.PROVIDER and seat.reports_to is None for seat in s.seats)
    # A staffed location without any management seat.
    assert staffed_locations(s) - management_locations(s) - {None}
    # A vacant seat.
    assert any(not s.holders_of.get(seat.id) for seat in s.seats)
    # A person in two seats over 1.0 FTE.
    over = [p for p, fte in fte_by_person(s).items() if fte > 1.0]
    assert over and all(len(s.seats_of[p]) == 2 for p in over)


def test_planted_problems_stay_a_minority() -> None:
    s = demo(5000, "medical")
    support = [seat for seat in s.seats if seat.kind == SeatKind.SUPPORT]
    providers = [seat for seat in s.seats if seat.kind == SeatKind.PROVIDER]
    assert len(support_reporting_to_providers(s)) <= 0.05 * len(support)
    assert sum(1 for seat in providers if seat.reports_to is None) <= 0.02 * len(providers)
    vacant = [seat for seat in s.seats if not s.holders_of.get(seat.id)]
    assert 2 <= len(vacant) <= 0.01 * len(s.seats)
    over = [p for p, fte in fte_by_person(s).items() if fte > 1.0]
    assert 1 <= len(over) <= len(s.locations) / 10


def owner_seat(s: Snapshot) -> Seat:
    return next(seat for seat in s.seats if seat.kind == SeatKind.LEADERSHIP)


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_owner_of_a_tiny_practice_is_also_the_office_manager(specialty: str) -> None:
    s = demo(12, specialty)
    owner = owner_seat(s)
    person = s.accountable_person(owner)
    assert person is not None
    held = {s.seats_by_id[a.seat_id].kind for a in s.seats_of[person.id]}
    assert held == {SeatKind.LEADERSHIP, SeatKind.PROVIDER, SeatKind.MANAGEMENT}
    assert fte_by_person(s)[person.id] == pytest.approx(1.0)


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_owner_of_a_small_practice_manages_too_many_people(specialty: str) -> None:
    s = demo(40, specialty, locations=1)
    owner = owner_seat(s)
    reports = s.reports_of[owner.id]
    assert len(reports) > 7
    assert any(seat.kind == SeatKind.SUPPORT for seat in reports)


def test_owner_is_a_provider_below_a_thousand_people() -> None:
    s = demo(500, "dental")
    owner = owner_seat(s)
    assert title(s, owner) == "Owner Dentist"
    person = s.accountable_person(owner)
    assert person is not None
    kinds = sorted(s.seats_by_id[a.seat_id].kind.value for a in s.seats_of[person.id])
    assert kinds == ["leadership", "provider"]
    assert fte_by_person(s)[person.id] == pytest.approx(1.0)


def test_look_alikes_that_are_not_problems_exist() -> None:
    s = demo(500, "surgical")
    # A surgical services manager who is an RN, managing scrub techs: a management seat.
    rn_managers = [
        seat
        for seat in s.seats
        if seat.kind == SeatKind.MANAGEMENT
        and "RN" in title(s, seat)
        and any(
            "Scrub" in title(s, r) or "Surgical Tech" in title(s, r)
            for r in s.reports_of.get(seat.id, ())
        )
    ]
    assert rn_managers
    # A medical director (provider lead) managing physicians, while also seeing patients.
    leads = [
        seat
        for seat in s.seats
        if (role := s.role_of(seat)) is not None
        and role.provider_lead
        and any(r.kind == SeatKind.PROVIDER for r in s.reports_of.get(seat.id, ()))
    ]
    assert leads and all(seat.kind == SeatKind.MANAGEMENT for seat in leads)
    site_leads = [seat for seat in leads if seat.location_id is not None]
    assert site_leads
    lead_person = s.accountable_person(site_leads[0])
    assert lead_person is not None
    assert {s.seats_by_id[a.seat_id].kind for a in s.seats_of[lead_person.id]} == {
        SeatKind.MANAGEMENT,
        SeatKind.PROVIDER,
    }
    assert fte_by_person(s)[lead_person.id] == pytest.approx(1.0)
    # A front office manager with receptionists and schedulers.
    assert any(
        seat.kind == SeatKind.MANAGEMENT
        and len(s.reports_of.get(seat.id, ())) >= 3
        and all(r.kind == SeatKind.ADMINISTRATIVE for r in s.reports_of[seat.id])
        for seat in s.seats
    )


def test_people_have_part_time_ftes_levels_and_varied_names() -> None:
    s = demo(500, "veterinary")
    ftes = [a.fte for a in s.assignments]
    assert any(f < 1.0 for f in ftes) and sum(f == 1.0 for f in ftes) > 0.7 * len(ftes)
    assert {a.level.value for a in s.assignments} == {"junior", "senior", "lead"}
    assert len({p.name.split()[0] for p in s.people}) > 150
    assert any(p.preferred_name for p in s.people)
    assert all(p.email.isascii() for p in s.people)
    assert len({a.start for a in s.assignments}) > 200


def test_duplicate_full_names_still_get_unique_emails() -> None:
    s = demo(5000, "dental")
    names = Counter(p.name for p in s.people)
    assert names.most_common(1)[0][1] > 1
    check_integrity(s, 5000)


def test_same_arguments_give_the_same_practice() -> None:
    a = generate_demo(500, seed=7, today=TODAY)
    b = generate_demo(500, seed=7, today=TODAY)
    assert a == b
    assert a.seats == b.seats and a.people == b.people


def test_different_seeds_give_different_practices() -> None:
    a = generate_demo(500, seed=1, specialty="dental", today=TODAY)
    b = generate_demo(500, seed=2, specialty="dental", today=TODAY)
    assert a.people != b.people
    assert [loc.name for loc in a.locations] != [loc.name for loc in b.locations]


def test_the_seed_chooses_the_specialty_when_none_is_given() -> None:
    keys = set()
    for seed in range(1, 30):
        s = generate_demo(5, seed=seed, today=TODAY)
        keys.add(title(s, owner_seat(s)))
    assert len(keys) == len(SPECIALTIES)


def test_aliases_and_locations_argument() -> None:
    assert generate_demo(50, specialty="DSO", today=TODAY) == generate_demo(
        50, specialty="dental", today=TODAY
    )
    s = generate_demo(500, locations=3, specialty="vet", today=TODAY)
    check_integrity(s, 500)
    assert len(s.locations) == 3
    one = generate_demo(2000, locations=1, specialty="medical", today=TODAY)
    check_integrity(one, 2000)
    assert len(one.locations) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"people": 4}, "at least 5"),
        ({"people": True}, "at least 5"),
        ({"people": 50, "locations": 0}, "at least 1"),
        ({"people": 50, "locations": 20}, "cannot staff 20 locations"),
        ({"people": 50, "specialty": "chiropractic"}, "unknown specialty"),
    ],
)
def test_bad_arguments_are_refused(args: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_demo(**args)  # type: ignore[arg-type]


def test_today_defaults_to_the_real_date() -> None:
    s = generate_demo(5, seed=3)
    assert s.as_of == dt.date.today()
    assert all(a.is_current(s.as_of) for a in s.assignments)


def test_problem_catalogue_is_documented() -> None:
    import practiceos.core.demo as module

    assert module.__doc__ is not None
    for key in DEMO_PROBLEMS:
        assert f"``{key}``" in module.__doc__


@pytest.mark.slow
def test_a_hundred_thousand_people_is_a_sound_practice() -> None:
    # Speed is measured by bench/demo_generate.py, not asserted here.
    s = generate_demo(100_000, seed=1, specialty="dental", today=TODAY)
    check_integrity(s, 100_000)
    assert len(s.locations) > 3000
    assert max(depth_of(s, seat) for seat in s.seats) <= 9
