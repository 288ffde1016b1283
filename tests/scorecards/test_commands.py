"""Command-line tools: import-numbers (all or nothing, idempotent) and scorecards-demo."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from practiceos.audit.models import AuditRecord
from practiceos.scorecards.models import Measurable, MeasurableValue


def test_import_numbers_loads_then_changes_nothing_the_second_time(
    tmp_path: Path, board: Any
) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("measurable,period,value\ncases,2026-W48,12\non-time,2026-W48,97\n")
    out = StringIO()
    call_command("import_numbers", str(path), "--practice", "acme", stdout=out)
    assert "acme: 2 new, 0 changed, 0 cleared, 0 already there" in out.getvalue()
    assert AuditRecord.objects.filter(object_type="scorecards.measurablevalue").count() == 2
    out = StringIO()
    call_command("import_numbers", str(path), "--practice", "acme", stdout=out)
    assert "2 already there" in out.getvalue()


def test_import_numbers_lists_every_problem_and_writes_nothing(tmp_path: Path, board: Any) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("measurable,period,value\ncases,2026-W48,12\nghost,2026-W99,x\n")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_numbers", str(path), "--practice", "acme", stderr=err)
    assert "row 3" in err.getvalue()
    assert not MeasurableValue.objects.exists()


def test_dry_run_writes_nothing(tmp_path: Path, board: Any) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("measurable,period,value\ncases,2026-W48,12\n")
    out = StringIO()
    call_command("import_numbers", str(path), "--practice", "acme", "--dry-run", stdout=out)
    assert "dry run" in out.getvalue() and not MeasurableValue.objects.exists()


def test_scorecards_demo_fills_teams_once(chart: Any) -> None:
    chart.tech_seat.team = chart.team
    chart.tech_seat.save()
    call_command("scorecards_demo", "--practice", "acme", "--weeks", "8", stdout=StringIO())
    first = Measurable.objects.count()
    assert first == 2 and MeasurableValue.objects.exists()
    call_command("scorecards_demo", "--practice", "acme", stdout=StringIO())
    assert Measurable.objects.count() == first  # a team that keeps numbers is left alone


def test_a_steady_demo_board_is_mostly_green_and_serves_its_goal(personas: Any) -> None:
    # The showcase's scorecards: a new user reads a team that mostly hits its goals; the
    # default random walk (tests, benchmarks) leaves many numbers red.
    from practiceos.core import scorecard as sc
    from practiceos.scorecards.models import GoalLink
    from practiceos.scorecards.sample import build_team_board
    from tests.web.conftest import build_org

    org = build_org(personas.acme, directors=1, managers_per_director=2, staff_per_manager=8)
    from practiceos.org.models import Team

    def red_share(steady: bool, name: str) -> tuple[float, int, int]:
        team = Team.objects.create(practice=personas.acme, name=name)
        made = build_team_board(team, org.staff, per_seat=2, weeks=13, steady=steady)
        red = total = 0
        for m in made:
            spec = sc.Goal(sc.Operator(m.operator), m.goal_low, m.goal_high)
            for v in MeasurableValue.objects.filter(measurable=m).values_list("value", flat=True):
                total += 1
                red += spec.status(v) is sc.Status.RED
        linked = GoalLink.objects.filter(measurable__in=made).count()
        return red / total, linked, len(made)

    steady_red, steady_linked, steady_made = red_share(True, "Steady")
    walk_red, walk_linked, walk_made = red_share(False, "Walk")
    assert steady_red < 0.15 < walk_red
    assert steady_linked == steady_made and walk_linked < walk_made
