"""`practiceos load` / `practiceos export`: all or nothing, idempotent, identical round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from practiceos.audit.models import AuditRecord
from practiceos.core.orgfile import dump_org, parse_org
from practiceos.org.models import Seat
from practiceos.tenancy.models import Practice

SAMPLE = Path(__file__).parents[1] / "data" / "org" / "riverside.yaml"


def export(tmp_path: Path, slug: str, name: str) -> str:
    out = tmp_path / name
    call_command("export", practice=slug, output=str(out), verbosity=0)
    return out.read_text(encoding="utf-8")


def test_load_then_export_matches_the_file_and_round_trips(db, tmp_path, capsys):
    call_command("load", str(SAMPLE), no_progress=True)
    slug = parse_org(SAMPLE.read_text()).practice.slug
    first = export(tmp_path, slug, "first.yaml")
    # The export says the same thing as the file (normalised by the same writer).
    assert first == dump_org(parse_org(SAMPLE.read_text()))
    call_command("load", str(tmp_path / "first.yaml"), no_progress=True)
    assert "nothing changed" in capsys.readouterr().out
    assert export(tmp_path, slug, "second.yaml") == first


def test_reload_writes_no_audit_records(db):
    call_command("load", str(SAMPLE), no_progress=True, verbosity=0)
    count = AuditRecord.objects.count()
    call_command("load", str(SAMPLE), no_progress=True, verbosity=0)
    assert AuditRecord.objects.count() == count


def test_bad_file_lists_every_problem_with_lines_and_writes_nothing(db, tmp_path, capsys):
    text = SAMPLE.read_text()
    bad = text.replace("kind: support", "kind: helper", 1)
    lines = bad.splitlines()
    # Point one reporting line at a seat that does not exist.
    idx = next(i for i, line in enumerate(lines) if line.strip().startswith("reports_to:"))
    lines[idx] = lines[idx].split("reports_to:")[0] + "reports_to: Nobody Manager"
    path = tmp_path / "bad.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load", str(path), no_progress=True)
    err = capsys.readouterr().err
    assert f'reports_to: no seat named "Nobody Manager" (line {idx + 1})' in err
    assert '"helper" is not a seat kind' in err
    assert not Practice.objects.exists() and not Seat.objects.exists()


def test_export_needs_a_known_practice(db):
    with pytest.raises(CommandError, match='--practice: no practice "nope"'):
        call_command("export", practice="nope")


def test_load_reports_unreadable_file(db, tmp_path):
    with pytest.raises(CommandError, match="file: cannot read"):
        call_command("load", str(tmp_path / "missing.yaml"))


def test_an_email_the_database_refuses_names_the_field_value_and_line(db, tmp_path, capsys):
    """A file the parser accepts can still clash with the practice: Aisha is archived
    (kept, with her email) and the new file gives her email to Ben."""
    from practiceos.org.models import Person

    call_command("load", str(SAMPLE), no_progress=True, verbosity=0)
    Person.objects.filter(name="Aisha Rahman").update(archived_at=timezone.now())
    text = SAMPLE.read_text()
    aisha = (
        "  - name: Aisha Rahman\n"
        "    email: aisha.rahman@riverside-ortho.example\n"
        "    employee_id: '1015'\n"
        "    seats:\n"
        "      - seat: Medical Assistant - Main 1\n"
        "        start: 2021-05-03\n"
    )
    assert aisha in text
    text = text.replace(aisha, "").replace(
        "email: ben.adeyemi@riverside-ortho.example", "email: aisha.rahman@riverside-ortho.example"
    )
    line = text.splitlines().index("    email: aisha.rahman@riverside-ortho.example") + 1
    path = tmp_path / "clash.yaml"
    path.write_text(text)
    audit = AuditRecord.objects.count()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load", str(path), no_progress=True)
    err = capsys.readouterr().err
    assert (
        'people[0].email: "aisha.rahman@riverside-ortho.example" is the email of Aisha Rahman'
        in err
    )
    assert f"(line {line})" in err
    assert "IntegrityError" not in err
    assert AuditRecord.objects.count() == audit
    assert Person.objects.get(name="Ben Adeyemi").email == "ben.adeyemi@riverside-ortho.example"
