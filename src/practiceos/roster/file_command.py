"""``practiceos roster-to-org ROSTER -o org.yaml``: convert an export to an org file.

Needs no database and imports nothing from Django (``practiceos.cli`` runs it before
Django is set up). Exit codes: 0 written; 1 the file has blocking problems (every one is
listed on stderr with its row, nothing is written); 2 the input cannot be used at all
(unreadable file, missing columns, a bad column map).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from practiceos.core.orgfile import dump_org, make_slug
from practiceos.core.problems import InputError
from practiceos.core.roster import load_column_map, read_roster, roster_to_snapshot
from practiceos.core.roster.planning import drop_former_employees


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practiceos roster-to-org",
        description=(
            "Convert an HRIS or payroll roster export (CSV or .xlsx) into an org file. "
            "Every problem is listed with its row; nothing is written while one blocks."
        ),
    )
    parser.add_argument("roster", help="the roster export (CSV or .xlsx)")
    parser.add_argument(
        "-o", "--output", required=True, help="the org file to write (- for stdout)"
    )
    parser.add_argument("--columns", metavar="MAP.yaml", help="column map for unrecognised headers")
    parser.add_argument(
        "--allow-unresolved",
        action="store_true",
        help="put people whose manager cannot be found at the top (the seat's note says why)",
    )
    parser.add_argument("--name", help="practice name (default: from the file name)")
    parser.add_argument("--slug", help="practice slug (default: from the name)")
    parser.add_argument(
        "--keep-former",
        action="store_true",
        help="keep people who have left, with their ended assignments (default: leave them out)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not enabled:
            return
        if bar is None:
            bar = tqdm(total=total, desc="converting", unit="row", file=sys.stderr)
        bar.n = done
        bar.refresh()

    def close() -> None:
        if bar is not None:
            bar.close()

    return progress, close


def main(argv: list[str]) -> int:
    """Run the command with ``argv`` (without the command name); returns the exit code."""
    args = _parser().parse_args(argv)
    roster = Path(args.roster)
    try:
        column_map = None
        if args.columns:
            try:
                text = Path(args.columns).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                print(f"{args.columns}: cannot read the column map: {exc}", file=sys.stderr)
                return 2
            column_map = load_column_map(text)
        table = read_roster(roster, column_map=column_map)
    except InputError as exc:
        for problem in exc.problems:
            print(f"{roster}: {problem}", file=sys.stderr)
        return 2
    name = (
        args.name or roster.stem.replace("_", " ").replace("-", " ").strip().title() or "Practice"
    )
    slug = args.slug or make_slug(name)
    progress, close = _progress_bar(not args.no_progress and sys.stderr.isatty())
    try:
        result = roster_to_snapshot(
            table,
            practice_name=name,
            practice_slug=slug,
            allow_unresolved=args.allow_unresolved,
            progress=progress,
        )
    finally:
        close()
    for warning in result.warnings:
        print(f"{roster}: warning: {warning}", file=sys.stderr)
    if result.blocking:
        for problem in result.blocking_problems:
            print(f"{roster}: {problem}", file=sys.stderr)
        print(
            f"{roster}: {len(result.blocking_problems)} problem(s); nothing was written"
            + ("" if args.allow_unresolved else " (--allow-unresolved settles manager problems)"),
            file=sys.stderr,
        )
        return 1
    for problem in result.problems:  # settled by --allow-unresolved: still worth reading
        print(f"{roster}: settled: {problem}", file=sys.stderr)
    snapshot = result.snapshot
    if not args.keep_former:
        snapshot = drop_former_employees(snapshot, dt.date.today())
    text = dump_org(snapshot)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"{args.output}: cannot write: {exc.strerror}", file=sys.stderr)
            return 2
    print(
        f"{args.output}: {len(snapshot.people)} people, {len(snapshot.seats)} seats, "
        f"{len(snapshot.locations)} locations from {len(table.rows)} rows",
        file=sys.stderr,
    )
    return 0
