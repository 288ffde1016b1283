"""Benchmark: read and convert a 100,000-row roster export (pure core, no database).

Generates a realistic CSV for a large dental group (one CEO, regional directors, an office
manager per location, clinical and front-office staff; 2% terminated; a few hundred
manager references with typos so the "closest match" path runs), then times
``read_roster`` + ``roster_to_snapshot`` and reports rows per second and peak memory.

    .venv/bin/python bench/roster_convert.py [ROWS]
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from practiceos.core.roster import read_roster, roster_to_snapshot

FIRST = [
    "Ava", "Ben", "Cara", "Dev", "Ela", "Finn", "Gia", "Hugo", "Ines", "Jude", "Kai", "Lena",
    "Milo", "Nia", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Vik", "Wren",
    "Xena", "Yara", "Zane", "Amir", "Bea", "Cole", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo",
    "Jin", "Kira", "Luis", "Maya", "Noah",
]  # fmt: skip
LAST = [f"{stem}{suffix}" for stem in (
    "Adler", "Baker", "Costa", "Dietz", "Evans", "Falk", "Garza", "Holm", "Ibarra", "Jovic",
    "Kowal", "Lund", "Moreno", "Novak", "Okafor", "Price", "Quist", "Rossi", "Sato", "Tran",
    "Ueda", "Vance", "Weber", "Xu", "Young", "Zhou",
) for suffix in ("", "son", "er", "berg", "ley", "ton", "ford", "well", "man", "ski", "field",
                 "wood", "more", "hart", "stone", "ridge", "brook", "worth", "dale", "mont",
                 "lane", "by", "ham", "ville", "sen", "ez", "ova", "ini", "escu", "opoulos",
                 "ish", "ick", "idge", "ery", "ow", "away", "ster", "ing", "ard", "ault",
                 "ino", "etti", "ako", "uchi", "awa", "ida", "aki", "ura", "oto", "ama",
                 "elli", "ucci", "akis", "enko", "uk", "vic", "sky", "stad", "gaard", "holt",
                 "strom", "qvist", "dahl", "lind", "berger", "mann", "stein", "feld", "baum",
                 "haus", "bach", "wald", "dorf", "burg", "hofer", "meier", "huber", "bauer",
                 "wagner", "becker", "schulz", "koch", "richter", "klein", "wolf", "neumann",
                 "schwarz", "zimmer", "braun", "krueger", "hartmann", "lange", "werner",
                 "lehmann", "koehler", "maier", "herrmann", "walter", "peters")]  # fmt: skip
STAFF = [
    ("Associate Dentist", 10), ("Dental Hygienist", 14), ("Dental Assistant", 30),
    ("Front Desk Coordinator", 12), ("Treatment Coordinator", 6), ("Billing Specialist", 6),
    ("Sterilization Technician", 4), ("Insurance Coordinator", 4),
]  # fmt: skip


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a ``rows``-row CSV with unique "Last, First" names and name-based managers."""
    rng = random.Random(seed)
    names = [(f, last) for last in LAST for f in FIRST]
    rng.shuffle(names)
    if rows > len(names):
        names += [(f"{f}{i}", last) for i, (f, last) in enumerate(names * (rows // len(names)))]
    locations = max(1, rows // 100)
    regions = max(1, locations // 50)
    weights = [w for _t, w in STAFF]
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["Employee ID", "Name", "Job Title", "Location", "Department", "Reports To",
             "Work Email", "Hire Date", "Termination Date", "Status", "Standard Hours"]
        )  # fmt: skip

        def row(i: int, title: str, location: str, dept: str, manager: str) -> None:
            first, last = names[i]
            hired = f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(2000, 2024)}"
            ended = i > 100 and rng.random() < 0.02
            term = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if ended else ""
            if manager and i > 100 and rng.random() < 0.003:
                manager = manager.replace("a", "e", 1)  # a typo: exercises the suggestions
            out.writerow(
                [f"E{i:06d}", f"{last}, {first}", title, location, dept, manager,
                 f"{first}.{last}.{i}@group.example".lower(), hired, term,
                 "Terminated" if ended else "Active", rng.choice(["40", "32", "24", "40"])]
            )  # fmt: skip

        def ref(i: int) -> str:
            return f"{names[i][1]}, {names[i][0]}"

        n = 0
        row(n, "Chief Executive Officer", "Head Office", "Executive", "")
        ceo = n
        n += 1
        directors = []
        for r in range(regions):
            row(n, "Regional Director", f"Region {r + 1}", "Operations", ref(ceo))
            directors.append(n)
            n += 1
        for loc in range(locations):
            if n >= rows:
                break
            place = f"Office {loc + 1:04d}"
            row(n, "Office Manager", place, "Operations", ref(directors[loc % regions]))
            manager = n
            n += 1
            for _ in range(99):
                if n >= rows:
                    break
                title = rng.choices([t for t, _w in STAFF], weights)[0]
                dept = "Clinical" if "Dent" in title or "Hyg" in title else "Front Office"
                row(n, title, place, dept, ref(manager))
                n += 1


def run(path: Path) -> int:
    """Read and convert the file; return the number of rows."""
    table = read_roster(path)
    result = roster_to_snapshot(table, practice_name="Bench Dental Group", practice_slug="bench")
    assert len(result.snapshot.people) == len(table.rows)
    return len(table.rows)


def main() -> None:
    """Generate, time, measure, print."""
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roster.csv"
        generate(path, rows)
        size_mb = path.stat().st_size / 1e6
        before_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        start, cpu_start = time.perf_counter(), time.process_time()
        count = run(path)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        after_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        # A second run under tracemalloc measures the Python heap at its peak (slower, so
        # it is not the one timed).
        tracemalloc.start()
        run(path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    print(f"rows:              {count:,} ({size_mb:.1f} MB CSV)")
    print(f"read + convert:    {elapsed:.2f} s wall ({count / elapsed:,.0f} rows/s)")
    print(f"                   {cpu:.2f} s CPU  ({count / cpu:,.0f} rows/s)")
    print(f"peak heap:         {peak / 1e6:.0f} MB (tracemalloc)")
    print(f"peak RSS:          {after_rss / 1024:.0f} MB (was {before_rss / 1024:.0f} MB before)")


if __name__ == "__main__":
    main()
