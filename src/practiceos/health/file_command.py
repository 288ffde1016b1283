"""``practiceos check FILE.yaml``: the health check of an org file, without a database.

Imports nothing from Django. Exit status: 0 when no finding is at or above ``--fail-on``
(default ``high``), 1 when one is, 2 when the input cannot be used (missing or unreadable
file, not YAML, structural problems in the file: each listed on stderr with its line) or
an option is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from practiceos.core.health import Report, Severity, run_check
from practiceos.core.orgfile import parse_org
from practiceos.core.problems import InputError

#: ``--fail-on`` values: a severity, or ``never`` (always exit 0 after a good run).
FAIL_ON = (*(s.value for s in Severity), "never")
#: The default: only high findings (a support line into a provider, a provider nobody
#: manages, a broken reference) fail a CI job; medium and low ones are reported.
DEFAULT_FAIL_ON = "high"

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2


def fail_on(value: str) -> str:
    """An argparse type for ``--fail-on``: a severity name or ``never``."""
    cleaned = value.strip().lower()
    if cleaned not in FAIL_ON:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a severity; use one of {', '.join(FAIL_ON)}"
        )
    return cleaned


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """``--format`` and ``--fail-on``, shared with the ``--practice`` command."""
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for tools (see docs/health-check.md)",
    )
    parser.add_argument(
        "--fail-on",
        type=fail_on,
        default=DEFAULT_FAIL_ON,
        metavar="SEVERITY",
        help=(
            "exit 1 when a finding is at least this severe: high (default), medium, low, "
            "info, or never"
        ),
    )


def exit_code(report: Report, threshold: str) -> int:
    """0 or 1 for a report and a ``--fail-on`` value."""
    if threshold == "never":
        return EXIT_OK
    return EXIT_FINDINGS if report.has_at_least(threshold) else EXIT_OK


def render(report: Report, output_format: str, extra: dict[str, object] | None = None) -> str:
    """The report as text or as the documented JSON (plus ``extra`` keys)."""
    if output_format == "json":
        data = report.to_json_dict()
        data.update(extra or {})
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return report.to_text()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practiceos check",
        description=(
            "Diagnose an org file's structure against the principles and print the findings "
            "with fixes. Use --practice SLUG instead of FILE to check a practice in the "
            "database."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="an org file (YAML)")
    add_report_options(parser)
    return parser


def main(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the check on the file named in ``argv``; returns the exit status."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:  # argparse has printed the problem (naming the option)
        return EXIT_UNUSABLE if exc.code else EXIT_OK
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        err.write(f"practiceos check: {path}: no such file\n")
        return EXIT_UNUSABLE
    except IsADirectoryError:
        err.write(f"practiceos check: {path}: is a directory, not an org file\n")
        return EXIT_UNUSABLE
    except UnicodeDecodeError:
        err.write(f"practiceos check: {path}: not a text file (an org file is UTF-8 YAML)\n")
        return EXIT_UNUSABLE
    except OSError as exc:
        err.write(f"practiceos check: {path}: cannot read it ({exc.strerror})\n")
        return EXIT_UNUSABLE
    try:
        snapshot = parse_org(text, strict=False)
    except InputError as exc:
        count = len(exc.problems)
        err.write(
            f"practiceos check: {path}: {count} problem{'s' if count != 1 else ''} stop the "
            "check; fix them and run it again:\n"
        )
        for problem in exc.problems:
            where = f"{path}:{problem.line}" if problem.line is not None else str(path)
            err.write(f"  {where}: {problem.where}: {problem.message}\n")
        return EXIT_UNUSABLE
    report = run_check(snapshot)
    out.write(render(report, args.format))
    return exit_code(report, args.fail_on)
