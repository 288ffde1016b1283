"""Benchmark the Leadership rules and ask routing (pure core, no database).

    .venv/bin/python bench/leadership_rules.py

Takes synthetic group practices of 10,000 and 100,000 people
(:func:`practiceos.core.health.synthetic.synthetic_snapshot`), adds the ten library
decision areas (half decided by the owner, one override at every other location) and four
weeks of ask totals for every location and area, then times, best of 5: the six Leadership
rules together, and routing one ask from every location. Prints the figures; targets:
rules at 100,000 people ≤ 1 s (including the shared per-run facts they are first to build), routing ≤ 1 ms per ask. Exits 1 when a target is missed.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from practiceos.core.decision_library import library
from practiceos.core.decisions import route_ask
from practiceos.core.health import Area, registered_rules, run_rules
from practiceos.core.health.synthetic import synthetic_snapshot
from practiceos.core.leadership import AreaOverride, DecisionArea, LocationAskLoad
from practiceos.core.model import SeatKind, Snapshot


def with_leadership(snap: Snapshot) -> Snapshot:
    """The snapshot with decision areas, overrides and ask totals."""
    managers = {s.location_id: s.id for s in snap.seats if s.kind is SeatKind.MANAGEMENT}
    first_manager = next(iter(managers.values()))
    areas = []
    for i, item in enumerate(library()):
        overrides = tuple(
            AreaOverride(loc.id, managers[loc.id])
            for j, loc in enumerate(snap.locations)
            if j % 2 == 0 and loc.id in managers
        )
        areas.append(
            DecisionArea(
                id=item.key,
                name=item.name,
                kind=item.kind,
                decider_seat_id="owner" if i % 2 else first_manager,
                overrides=overrides,
                keywords=item.keywords,
            )
        )
    load = tuple(
        LocationAskLoad(loc.id, area.id, 5, 1 + (j % 3))
        for j, loc in enumerate(snap.locations)
        for area in areas
    )
    return replace(snap, decision_areas=tuple(areas), ask_load=load)


def best(fn, rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    rules = [r for r in registered_rules() if r.area is Area.LEADERSHIP]
    ok = True
    for people in (10_000, 100_000):
        snap = with_leadership(synthetic_snapshot(people, seed=1))
        _ = (snap.seats_by_id, snap.holders_of, snap.reports_of, snap.people_by_id)
        rules_s = best(lambda s=snap: run_rules(s, rules=rules))
        askers = {}
        for seat in snap.seats:
            askers.setdefault(seat.location_id, seat.id)
        asking = list(askers.values())
        route_s = best(
            lambda s=snap, a=asking: [
                route_ask(s, area_id="time-off", asker_seat_id=seat_id) for seat_id in a
            ]
        )
        per_ask_ms = route_s / len(asking) * 1000
        findings = sum(len(r.findings) for r in run_rules(snap, rules=rules))
        print(
            f"{len(snap.people):>7,} people {len(snap.locations):>5,} locations: "
            f"leadership rules {rules_s:.3f} s ({findings} findings), "
            f"routing {per_ask_ms:.3f} ms per ask"
        )
        if people == 100_000:
            ok = rules_s <= 1.0 and per_ask_ms <= 1.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
