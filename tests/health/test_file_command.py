"""``practiceos check FILE``: exit codes, text and JSON output, unusable input (no database)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from practiceos import cli
from practiceos.health import file_command

DATA = Path(__file__).parent.parent / "data" / "org"
RIVERSIDE = DATA / "riverside.yaml"

BROKEN = """\
practice:
  name: Smile Dental
  slug: smile
locations:
  - name: Main Street
roles:
  - title: Owner
    kind: leadership
  - title: Associate Dentist
    kind: provider
  - title: Dental Assistant
    kind: support
seats:
  - name: Owner
    role: Owner
    location: Main Street
  - name: Associate Dentist
    role: Associate Dentist
    location: Main Street
    reports_to: Owner
  - name: Dental Assistant
    role: Dental Assistant
    location: Main Street
    reports_to: Associate Dentist
people:
  - name: Dr. Ana Patel
    seats: [{seat: Owner}]
  - name: Dr. Ben Ng
    seats: [{seat: Associate Dentist}]
  - name: Jo Lee
    seats: [{seat: Dental Assistant}]
"""


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = file_command.main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "smile.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def assert_documented_shape(data: dict) -> None:
    """The JSON shape documented in docs/health-check.md."""
    assert set(data) >= {"practice", "score", "findings"}
    assert set(data["practice"]) == {"name", "slug"}
    assert isinstance(data["score"]["overall"], int) and 0 <= data["score"]["overall"] <= 100
    assert set(data["score"]["areas"]) == {
        "structure",
        "roles",
        "accountability",
        "alignment",
        "leadership",
    }
    for area in data["score"]["areas"].values():
        assert set(area) == {"score", "rules", "findings"}
    for finding in data["findings"]:
        assert set(finding) == {"rule", "area", "severity", "subjects", "message", "fix"}
        assert finding["severity"] in {"high", "medium", "low", "info"}
        for subject in finding["subjects"]:
            assert set(subject) == {"type", "id", "name", "person"}
        for change in finding["fix"]:
            assert "action" in change


def test_sound_file_exits_0_and_names_the_practice():
    code, out, err = run([str(RIVERSIDE)])
    assert code == 0, err
    assert out.startswith("Health check: Riverside Orthopaedic & Spine (riverside-ortho)")
    assert err == ""


def test_high_finding_exits_1_and_the_text_names_seats_people_and_the_fix(broken):
    code, out, _ = run([str(broken)])
    assert code == 1
    flat = " ".join(out.split())
    assert "[HIGH] support-reports-to-provider" in flat
    assert '"Associate Dentist" (Dr. Ben Ng)' in flat and "Jo Lee" in flat
    assert "Location Manager, Main Street" in flat  # the site has no manager at all


@pytest.mark.parametrize(
    ("fail_on", "file", "expected"),
    [
        ("high", "broken", 1),
        ("never", "broken", 0),
        ("low", "riverside", 1),  # riverside has one low finding (an open post)
        ("medium", "riverside", 0),
        ("info", "riverside", 1),
        ("HIGH", "broken", 1),  # case does not matter
    ],
)
def test_fail_on_threshold(broken, fail_on, file, expected):
    path = broken if file == "broken" else RIVERSIDE
    code, _, _ = run([str(path), "--fail-on", fail_on])
    assert code == expected


def test_bad_fail_on_value_exits_2_naming_the_option_and_value(broken, capsys):
    code, out, _ = run([str(broken), "--fail-on", "urgent"])
    assert code == 2 and out == ""
    err = capsys.readouterr().err  # argparse writes to the real stderr
    assert "--fail-on" in err and "'urgent'" in err and "high" in err


def test_json_output_has_the_documented_shape(broken):
    code, out, _ = run([str(broken), "--format", "json"])
    assert code == 1
    data = json.loads(out)
    assert_documented_shape(data)
    assert data["practice"] == {"name": "Smile Dental", "slug": "smile"}
    rules = {f["rule"] for f in data["findings"]}
    assert "support-reports-to-provider" in rules


def test_missing_file_exits_2(tmp_path):
    code, out, err = run([str(tmp_path / "nope.yaml")])
    assert code == 2 and out == ""
    assert "no such file" in err


def test_not_yaml_exits_2_with_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("practice:\n  name: [unclosed\n  slug: x\n", encoding="utf-8")
    code, out, err = run([str(path)])
    assert code == 2 and out == ""
    assert f"{path}:" in err and "problem" in err


def test_structural_problems_are_all_listed_with_lines_and_exit_2(tmp_path):
    path = tmp_path / "bad.yaml"
    text = BROKEN.replace(
        "    location: Main Street\n    reports_to: Owner\n",
        "    location: Nowhere\n    reports_to: Owner\n",
    ).replace("    role: Dental Assistant\n", "    role: Dental Nurse\n")
    path.write_text(text, encoding="utf-8")
    code, out, err = run([str(path)])
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.startswith(f"  {path}:")]
    assert len(lines) == 2
    assert "Nowhere" in err and "Dental Nurse" in err
    assert all(line.split(":")[1].isdigit() for line in lines)


def test_binary_file_exits_2(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    code, _, err = run([str(path)])
    assert code == 2 and "not a text file" in err


def test_cli_routes_check_file_without_django(broken, capsys):
    assert cli.main(["check", str(broken), "--fail-on", "never"]) == 0
    assert "Health check: Smile Dental" in capsys.readouterr().out


def test_file_command_imports_no_django():
    import subprocess
    import sys

    code = (
        "import sys; import practiceos.health.file_command; "
        "sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
