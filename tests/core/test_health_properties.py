"""Property tests: the health check never crashes, whatever the snapshot, and its fixes
apply cleanly and clear their findings."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.core.health import ChangeError, PlainStep, Policy, apply_changes, run_check
from practiceos.core.health.facts import Facts
from practiceos.core.model import (
    Assignment,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)

from .builders import AS_OF, integrity_keys

# Small id pools make repeats, dangling references and cycles common.
SEAT_IDS = st.sampled_from([f"s{n}" for n in range(8)])
REFS = st.one_of(st.none(), SEAT_IDS, st.just("ghost"))
LOCATION_IDS = st.one_of(st.none(), st.sampled_from(["l1", "l2", "gone"]))
PERSON_IDS = st.sampled_from(["p1", "p2", "p3", "p4", "nobody"])
NAMES = st.text(max_size=6)
DATES = st.one_of(
    st.none(), st.dates(AS_OF - dt.timedelta(days=400), AS_OF + dt.timedelta(days=400))
)

seats = st.builds(
    Seat,
    id=SEAT_IDS,
    name=NAMES,
    kind=st.sampled_from(list(SeatKind)),
    role_id=st.one_of(st.none(), st.sampled_from(["r1", "r2", "missing"])),
    location_id=LOCATION_IDS,
    team_id=st.one_of(st.none(), st.sampled_from(["t1", "missing"])),
    reports_to=REFS,
    serves=st.lists(REFS.filter(lambda r: r is not None), max_size=2).map(tuple),  # type: ignore[arg-type]
    note=st.sampled_from(["", 'unresolved manager "Dr. Smyth"', "moved in May"]),
)
assignments = st.builds(
    Assignment,
    id=st.sampled_from(["a1", "a2", "a3", "a4", "a5", "a6"]),
    person_id=PERSON_IDS,
    seat_id=st.one_of(SEAT_IDS, st.just("ghost")),
    start=DATES,
    end=DATES,
    fte=st.floats(min_value=0, max_value=2, allow_nan=False),
    accountable=st.booleans(),
)
snapshots = st.builds(
    Snapshot,
    practice=st.just(PracticeInfo("Prop", "prop")),
    locations=st.lists(
        st.builds(Location, id=st.sampled_from(["l1", "l2"]), name=NAMES), max_size=3
    ).map(tuple),
    teams=st.lists(
        st.builds(Team, id=st.just("t1"), name=NAMES, manager_seat_id=REFS), max_size=2
    ).map(tuple),
    roles=st.lists(
        st.builds(
            Role,
            id=st.sampled_from(["r1", "r2"]),
            title=NAMES,
            kind=st.sampled_from(list(SeatKind)),
            provider_lead=st.booleans(),
        ),
        max_size=3,
    ).map(tuple),
    seats=st.lists(seats, max_size=12).map(tuple),
    people=st.lists(st.builds(Person, id=PERSON_IDS, name=NAMES), max_size=5).map(tuple),
    assignments=st.lists(assignments, max_size=10).map(tuple),
    as_of=st.just(AS_OF),
)
policies = st.builds(
    Policy,
    owner_max_reports=st.integers(1, 4),
    max_span=st.integers(2, 5),
    narrow_span=st.integers(0, 1),
    narrow_span_min_seats=st.integers(0, 3),
    max_seats_per_person=st.integers(1, 3),
    max_fte=st.sampled_from([0.5, 1.0, 1.5]),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots, policies)
def test_run_check_never_raises_and_renders(snapshot: Snapshot, policy: Policy) -> None:
    report = run_check(snapshot, policy)
    json.dumps(report.to_json_dict())
    assert report.to_text()
    assert 0 <= report.score.overall <= 100
    keys = [f.sort_key() for f in report.findings]
    assert keys == sorted(keys)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots, policies)
def test_every_fix_applies_without_new_cycles_or_dangling_references(
    snapshot: Snapshot, policy: Policy
) -> None:
    report = run_check(snapshot, policy)
    cycles = Facts(snapshot, policy).in_cycle
    unique_ids = len(snapshot.seats_by_id) == len(snapshot.seats) and len(
        {a.id for a in snapshot.assignments}
    ) == len(snapshot.assignments)
    for finding in report.findings:
        # Plain steps are a person's work (write the vision): only structural fixes
        # can be proved here by applying them.
        if not finding.fix or any(isinstance(c, PlainStep) for c in finding.fix):
            continue
        try:
            fixed = apply_changes(snapshot, finding.fix)
        except ChangeError as error:  # pragma: no cover - the assertion explains
            raise AssertionError(f"{finding.rule}: {error}") from error
        assert Facts(fixed, policy).in_cycle <= cycles, finding.rule
        after = run_check(fixed, policy)
        assert integrity_keys(after) <= integrity_keys(report), finding.rule
        if unique_ids:
            # Two broken assignments can share a subject; the message names the
            # assignment, so it tells them apart for that rule.
            by_message = finding.rule == "dangling-reference"
            still = [
                f
                for f in after.findings
                if f.rule == finding.rule
                and f.subjects == finding.subjects
                and (f.message == finding.message or not by_message)
            ]
            assert not still, (finding.message, [f.message for f in still])


def test_one_person_practice() -> None:
    snapshot = Snapshot(
        practice=PracticeInfo("Solo", "solo"),
        seats=(Seat("s", "Owner", SeatKind.LEADERSHIP),),
        people=(Person("p", "Dr. Solo"),),
        assignments=(Assignment("a", "p", "s"),),
        as_of=AS_OF,
    )
    report = run_check(snapshot)
    assert report.findings == () and report.score.overall == 100


def test_person_in_many_seats_and_a_long_chain_do_not_recurse() -> None:
    n = 5000
    seats = tuple(
        Seat(f"s{i}", f"Seat {i}", SeatKind.SUPPORT, reports_to=f"s{i - 1}" if i else None)
        for i in range(n)
    )
    assignments = tuple(Assignment(f"a{i}", "p", f"s{i}", fte=0.01) for i in range(n))
    snapshot = Snapshot(
        practice=PracticeInfo("Chain", "chain"),
        seats=seats,
        people=(Person("p", "Busy"),),
        assignments=assignments,
        as_of=AS_OF,
    )
    report = run_check(snapshot)
    assert report.findings_for("person-overloaded")
    chain = report.findings_for("support-chain-without-manager")
    assert len(chain) == 1 and len(chain[0].subjects) == n
