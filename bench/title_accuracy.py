"""Accuracy of the job-title classifier on the labelled set (tests/data/titles_labelled.csv).

Prints seat-kind accuracy per labelled kind and overall, level accuracy, the titles it
gets wrong, and the time for 100,000 classifications. Always exits 0: it is a report,
the threshold is enforced by tests/core/test_titles.py.

Run: .venv/bin/python bench/title_accuracy.py
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from practiceos.core.titles import _classify, classify_title, own_role_title  # noqa: E402

DATA = ROOT / "tests" / "data" / "titles_labelled.csv"
OWN = ROOT / "tests" / "data" / "own_titles_labelled.csv"


def own_titles() -> None:
    """Accuracy of the role titles an import keeps (the practice's own words, per seat)."""
    with OWN.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    misses = []
    for row in rows:
        seats = classify_title(row["title"])
        got = "+".join(
            f"{seat.kind.value}:{own_role_title(row['title'], seat, len(seats))}" for seat in seats
        )
        if got != row["seats"]:
            misses.append(f"  {row['title']!r}: {got}, want {row['seats']}")
    right = len(rows) - len(misses)
    print(
        f"Own-title accuracy (seat kinds and kept titles): {right / len(rows):.1%} ({right}/{len(rows)})"
    )
    print("\n".join(misses) or "  no misses")


def main() -> int:
    """Score the classifier against the labelled set and print the report."""
    with DATA.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    level_right = 0
    kind_misses: list[str] = []
    level_misses: list[str] = []
    for row in rows:
        result = classify_title(row["title"])
        got_kind = "+".join(seat.kind.value for seat in result)
        got_level = "+".join(seat.level.value for seat in result)
        total[row["kind"]] += 1
        if got_kind == row["kind"]:
            right[row["kind"]] += 1
            if got_level == row["level"]:
                level_right += 1
            else:
                level_misses.append(f"  {row['title']!r}: level {got_level}, want {row['level']}")
        else:
            roles = " + ".join(seat.role_title for seat in result)
            kind_misses.append(f"  {row['title']!r}: {got_kind} ({roles}), want {row['kind']}")

    print(f"Labelled titles: {len(rows)}")
    print("Seat-kind accuracy by labelled kind:")
    for kind in sorted(total, key=lambda k: (-total[k], k)):
        print(f"  {kind:<28} {right[kind]:>4}/{total[kind]:<4} {right[kind] / total[kind]:7.1%}")
    overall = sum(right.values()) / len(rows)
    print(f"Overall seat-kind accuracy: {overall:.1%} ({sum(right.values())}/{len(rows)})")
    kind_ok = sum(right.values())
    print(
        f"Level accuracy (where the kinds are right): {level_right / kind_ok:.1%}"
        f" ({level_right}/{kind_ok})"
    )
    print(f"Misclassified seat kinds ({len(kind_misses)}):")
    print("\n".join(kind_misses) or "  none")
    print(f"Wrong levels ({len(level_misses)}):")
    print("\n".join(level_misses) or "  none")

    titles = [row["title"] for row in rows]
    _classify.cache_clear()
    start = time.perf_counter()
    for title in titles:
        classify_title(title)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(100_000):
        classify_title(titles[i % len(titles)])
    warm = time.perf_counter() - start
    print(
        f"Speed: {len(titles)} distinct titles uncached in {cold * 1000:.0f} ms;"
        f" 100,000 classifications (cached) in {warm:.2f} s"
    )
    own_titles()
    return 0


if __name__ == "__main__":
    sys.exit(main())
