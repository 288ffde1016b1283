"""``practiceos scenario list|diff|export``: scenarios from the command line.

``diff SCENARIO`` prints today's chart against the scenario (the comparison page's
figures) as text or as JSON (``--format json``); ``export SCENARIO -o FILE`` writes the
scenario's chart as an org file, so ``practiceos check FILE`` gives the page's findings
and score and ``practiceos load FILE`` would make the live chart match it. SCENARIO is a
scenario's id or its name. Exit status 2 for an unknown practice or scenario, or a
scenario that no longer applies to today's chart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from practiceos.core.orgfile import dump_org
from practiceos.core.scenario_compare import compare
from practiceos.scenarios.models import Scenario
from practiceos.scenarios.services import scenario_state
from practiceos.tenancy.lookup import practice_from_option
from practiceos.tenancy.models import Practice


def find_scenario(practice: Practice, ref: str) -> Scenario:
    """The practice's scenario with that id or name (a clear error otherwise)."""
    qs = Scenario.objects.filter(practice=practice)
    found = qs.filter(pk=int(ref)).first() if ref.isdigit() else None
    found = found or qs.filter(name=ref).first()
    if found is None:
        known = ", ".join(f'{s.pk} "{s.name}"' for s in qs.order_by("pk")[:10])
        raise CommandError(
            f'SCENARIO: no scenario "{ref}" in {practice.slug}; known: {known or "none"}',
            returncode=2,
        )
    found.practice = practice
    return found


class Command(BaseCommand):
    help = (
        "Scenarios: `list`, `diff SCENARIO [--format text|json]` (today against the "
        "scenario), `export SCENARIO [-o FILE]` (the scenario as an org file)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("verb", choices=("list", "diff", "export"))
        parser.add_argument("scenario", nargs="?", metavar="SCENARIO", help="id or name")
        parser.add_argument("--practice", metavar="SLUG", help="needed when there are several")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        parser.add_argument("-o", "--output", metavar="FILE", help="export: write here")

    def handle(self, *args: Any, **options: Any) -> None:
        practice = practice_from_option(options["practice"])
        if options["verb"] == "list":
            for s in Scenario.objects.filter(practice=practice).order_by("pk"):
                self.stdout.write(f"{s.pk}\t{s.status}\t{len(s.changes or [])} changes\t{s.name}")
            return
        if not options["scenario"]:
            raise CommandError("SCENARIO: give a scenario's id or name", returncode=2)
        scenario = find_scenario(practice, options["scenario"])
        state = scenario_state(scenario)
        if state.result is None or state.problems:
            problems = "; ".join(f"{p.where}: {p.message}" for p in state.problems)
            raise CommandError(
                f"the scenario does not apply to today's chart: {problems}", returncode=2
            )
        if options["verb"] == "export":
            self._export(dump_org(state.result), options["output"])
            return
        comparison = compare(state.today, state.result, state.changes)
        if options["format"] == "json":
            data = {
                "scenario": {"id": scenario.pk, "name": scenario.name, "status": scenario.status},
                "stale_seats": list(state.stale),
                **comparison.to_dict(),
            }
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(f'Scenario "{scenario.name}" ({scenario.status}) against today\n')
            self.stdout.write(comparison.to_text(), ending="")

    def _export(self, text: str, output: str | None) -> None:
        if not output or output == "-":
            sys.stdout.write(text)
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"--output: cannot write {output!r}: {exc.strerror}") from None
        self.stderr.write(f"wrote the scenario to {output}")
