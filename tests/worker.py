"""Running the real task worker inside a test: every queued job, then back to the test."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    """Run ``practiceos worker --batch``: take queued tasks until none is left.

    The worker closes stale database connections between tasks, as Django does around
    requests; inside a test's transaction that would close the test's own connection, so
    the hook is held off here exactly as Django's test client holds off its request hook.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("worker", batch=True, verbosity=0)
