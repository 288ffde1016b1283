"""The automatic re-check across processes: a worker claiming the waiting check while a
writer that counted on it has not committed yet waits for that writer, so the check
reads the change (on PostgreSQL through the writer's share lock on the job, on SQLite
through its one write lock). Real processes with their own connections, as in
tests/safety/test_writers.py."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.safety.test_writers import _query, _run, database  # noqa: F401 (fixture)

ORG = Path(__file__).resolve().parents[1] / "data" / "org" / "small.yaml"

QUEUE_DUE_CHECK = """
import datetime as dt, django
django.setup()
from django.utils import timezone
from practiceos.jobs.models import JobKind
from practiceos.jobs.services import queue_job
from practiceos.tenancy.models import Practice
practice = Practice.objects.get(slug="lakeview-ortho")
queue_job(practice_id=practice.pk, kind=JobKind.HEALTH_CHECK, actor=None,
          params={"auto": True}, run_after=timezone.now() - dt.timedelta(seconds=1))
"""

# Moves the scrub tech under a surgeon (a finding) and writes its audit record, which
# finds the waiting check; then holds the transaction open before committing.
SLOW_WRITER = """
import sys, time, django
django.setup()
from django.db import transaction
from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, snapshot_fields
from practiceos.org.models import Seat
with transaction.atomic():
    tech = Seat.objects.get(practice__slug="lakeview-ortho", name="Scrub Tech")
    before = snapshot_fields(tech)
    tech.reports_to = Seat.objects.get(practice__slug="lakeview-ortho", name="Surgeon - Knee")
    tech.save()
    record(actor=None, practice_id=tech.practice_id, action=AuditAction.UPDATED, obj=tech,
           before=before, after=snapshot_fields(tech))
    print("written", flush=True)
    time.sleep(8)
print("committed", flush=True)
"""


def _python(env: dict[str, str], code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_worker_claiming_the_check_waits_for_the_writer_that_counted_on_it(database):  # noqa: F811
    env = dict(database, PRACTICEOS_RECHECK_DELAY="60")
    _run(database, "load", str(ORG), "--no-progress")  # re-checks off: no job yet
    queued = _python(env, QUEUE_DUE_CHECK)
    assert queued.wait(timeout=120) == 0, queued.stderr.read() if queued.stderr else ""

    writer = _python(env, SLOW_WRITER)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "written", writer.stderr.read()
    started = time.monotonic()
    worker = subprocess.run(
        [sys.executable, "-m", "practiceos.cli", "worker", "--batch"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    waited = time.monotonic() - started
    assert worker.returncode == 0, worker.stderr
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0 and out.strip() == "committed", err

    (count,) = _query(database, "SELECT COUNT(*) FROM health_healthrun")[0]
    assert count == 1
    (findings,) = _query(database, "SELECT findings FROM health_healthrun")[0]
    # The run read the writer's change: it waited for the commit rather than checking
    # the chart as it was before.
    rules = {f["rule"] for f in (json.loads(findings) if isinstance(findings, str) else findings)}
    assert "support-reports-to-provider" in rules, rules
    assert waited > 4
    # The edit found the waiting check: no second one was queued.
    jobs = _query(database, "SELECT status FROM jobs_job WHERE kind = 'health_check'")
    assert [status for (status,) in jobs] == ["done"]
