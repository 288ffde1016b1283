"""Benchmark: generate demo practices of 1,000 / 10,000 / 100,000 people (pure core).

Prints wall and CPU seconds per size, people per second, peak memory, and the
100k/10k time ratio (linear growth means about 10).

    .venv/bin/python bench/demo_generate.py
"""

from __future__ import annotations

import time
import tracemalloc

from practiceos.core.demo import generate_demo


def main() -> None:
    times: dict[int, float] = {}
    for people in (1_000, 10_000, 100_000):
        tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        snap = generate_demo(people, seed=1)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        times[people] = cpu
        print(
            f"{people:>7,} people: {len(snap.seats):>7,} seats  wall {wall:6.2f} s  cpu {cpu:6.2f} s"
            f"  {people / wall:>9,.0f} people/s  peak {peak:6.1f} MB (tracemalloc)"
        )
    print(f"cpu ratio 100k/10k: {times[100_000] / times[10_000]:.1f} (linear = 10)")


if __name__ == "__main__":
    main()
