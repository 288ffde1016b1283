"""Forgotten previews expire, stalled runs fail, and uploaded files do not linger."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from practiceos.audit.models import AuditRecord
from practiceos.roster.models import ImportStatus, RosterImport
from practiceos.roster.services import PurgeResult, has_file, preview_import, purge_imports

from .conftest import BAMBOO


@pytest.fixture
def preview(personas, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return preview_import(actor=personas.owner, filename="bamboohr.csv", data=BAMBOO.read_bytes())


def age(job: RosterImport, hours: float) -> None:
    RosterImport.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - dt.timedelta(hours=hours)
    )


def test_fresh_preview_is_kept_with_its_file(preview):
    assert purge_imports() == PurgeResult(0, 0, 0)
    preview.refresh_from_db()
    assert preview.status == ImportStatus.PREVIEWED and preview.can_confirm
    assert has_file(preview.pk)


def test_old_preview_expires_its_file_goes_and_it_cannot_be_confirmed(preview):
    assert has_file(preview.pk)
    age(preview, 25)
    result = purge_imports()
    assert (result.expired_previews, result.files_deleted) == (1, 1)
    preview.refresh_from_db()
    assert preview.status == ImportStatus.FAILED and "expired" in preview.error
    assert not preview.can_confirm and not has_file(preview.pk)
    record = AuditRecord.objects.get(object_type="roster.rosterimport", note="purge_imports")
    assert record.before == {"status": "previewed"} and record.after["status"] == "failed"


def test_stalled_run_is_failed_saying_nothing_was_written(preview):
    RosterImport.objects.filter(pk=preview.pk).update(status=ImportStatus.RUNNING)
    age(preview, 2)
    assert purge_imports().stalled_runs == 1
    preview.refresh_from_db()
    assert preview.status == ImportStatus.FAILED and "nothing was written" in preview.error


def test_command_reports_counts_and_refuses_bad_hours(preview):
    age(preview, 30)
    out = io.StringIO()
    call_command("purge_imports", stdout=out)
    assert out.getvalue().strip() == "expired previews: 1; stalled runs: 0; files deleted: 1"
    with pytest.raises(CommandError, match="'soon' is not a number of hours"):
        call_command("purge_imports", preview_hours="soon")
    with pytest.raises(CommandError, match="'0' hours is out of range"):
        call_command("purge_imports", stall_hours="0")
