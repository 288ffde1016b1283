"""Benchmark the health-check rules alone (pure core, no database).

    .venv/bin/python bench/health_rules.py

Builds synthetic group practices of 10,000 and 100,000 people in memory
(:func:`practiceos.core.health.synthetic.synthetic_snapshot`), builds the snapshots' own
cached indexes (part of loading a snapshot, not of the rules), then times ``run_check``
(every rule, the shared per-run facts, the score and sorting). The two sizes are timed
alternately and the best of each is kept, so a burst of load on a shared machine does
not land on one size only. Prints the figures and the 100k/10k ratio; targets: 100k ≤ 1 s
and ratio ≤ 12. Exits 1 when a target is missed.
"""

from __future__ import annotations

import sys
import time

from practiceos.core.health import run_check
from practiceos.core.health.synthetic import synthetic_snapshot
from practiceos.core.model import Snapshot

SMALL, LARGE = 10_000, 100_000
ROUNDS = 7
_INDEXES = (
    "seats_by_id",
    "people_by_id",
    "roles_by_id",
    "locations_by_id",
    "teams_by_id",
    "reports_of",
    "holders_of",
    "seats_of",
)


def warm(snapshot: Snapshot) -> float:
    """Build the snapshot's cached indexes; returns the seconds it took."""
    started = time.perf_counter()
    for index in _INDEXES:
        getattr(snapshot, index)
    return time.perf_counter() - started


def timed(snapshot: Snapshot) -> tuple[float, float]:
    """Wall and CPU seconds of one run_check (CPU is shown because the machine is shared)."""
    started, cpu = time.perf_counter(), time.process_time()
    run_check(snapshot)
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> int:
    snapshots = {size: synthetic_snapshot(size) for size in (SMALL, LARGE)}
    index_seconds = {size: warm(snapshot) for size, snapshot in snapshots.items()}
    wall = {size: float("inf") for size in snapshots}
    cpu = {size: float("inf") for size in snapshots}
    for _ in range(ROUNDS):
        for size, snapshot in snapshots.items():
            seconds, cpu_seconds = timed(snapshot)
            wall[size] = min(wall[size], seconds)
            cpu[size] = min(cpu[size], cpu_seconds)
    print(
        f"{'people':>8} {'seats':>8} {'indexes s':>10} {'rules s':>9} {'rules cpu s':>12} "
        f"{'findings':>9} {'score':>6}"
    )
    for size, snapshot in snapshots.items():
        report = run_check(snapshot)
        print(
            f"{len(snapshot.people):>8} {len(snapshot.seats):>8} {index_seconds[size]:>10.3f} "
            f"{wall[size]:>9.3f} {cpu[size]:>12.3f} {len(report.findings):>9} "
            f"{report.score.overall:>6}"
        )
    ratio = wall[LARGE] / wall[SMALL]
    print(f"100k/10k time ratio: {ratio:.1f} (CPU {cpu[LARGE] / cpu[SMALL]:.1f}; target ≤ 12)")
    print(f"100k rules-only: {wall[LARGE]:.3f} s (target ≤ 1 s)")
    return 0 if wall[LARGE] <= 1.0 and ratio <= 12 else 1


if __name__ == "__main__":
    sys.exit(main())
