"""``practiceos roster-to-org``: no database, exit codes, every problem with its row."""

from __future__ import annotations

import subprocess
import sys

from practiceos.core.orgfile import parse_org
from practiceos.roster.file_command import main
from tests.roster.conftest import BAMBOO, SAMPLES


def test_converts_a_roster_to_an_org_file(tmp_path, capsys):
    out = tmp_path / "org.yaml"
    assert main([str(BAMBOO), "-o", str(out), "--slug", "bright", "--no-progress"]) == 0
    snapshot = parse_org(out.read_text())
    assert snapshot.practice.slug == "bright"
    assert len(snapshot.people) == 17  # the former employee is left out
    assert "Lee Thompson" not in {p.name for p in snapshot.people}
    kate = next(s for s in snapshot.seats if s.name == "Dental Hygienist — Maple Street")
    assert kate.reports_to == "Office Manager — Maple Street"
    assert "17 people, 18 seats" in capsys.readouterr().err
    assert main([str(BAMBOO), "-o", str(out), "--keep-former", "--no-progress"]) == 0
    assert len(parse_org(out.read_text()).people) == 18


def test_blocking_problems_exit_1_and_list_every_row(tmp_path, capsys):
    out = tmp_path / "org.yaml"
    assert main([str(SAMPLES / "broken.csv"), "-o", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "12 problem(s); nothing was written" in err
    for where in ("row 7, manager", "row 8, manager", "row 13, name", "row 21, manager email"):
        assert where in err
    assert not out.exists()


def test_unusable_input_exits_2_and_a_column_map_fixes_it(tmp_path, capsys):
    out = tmp_path / "org.yaml"
    weird = str(SAMPLES / "generic_weird.csv")
    assert main([weird, "-o", str(out), "--no-progress"]) == 2
    assert "could not find a job title column" in capsys.readouterr().err
    columns = str(SAMPLES / "generic_weird_columns.yaml")
    assert main([weird, "-o", str(out), "--columns", columns, "--no-progress"]) == 0
    assert main([str(tmp_path / "missing.csv"), "-o", str(out)]) == 2


def test_runs_without_django(tmp_path):
    out = tmp_path / "org.yaml"
    code = (
        "import sys; from practiceos.roster.file_command import main; "
        f"rc = main([{str(BAMBOO)!r}, '-o', {str(out)!r}]); "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.exists()
