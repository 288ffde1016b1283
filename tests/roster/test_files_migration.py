"""Migration roster 0003: files waiting on the disk move into the database."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from practiceos.tenancy.models import Practice

BEFORE = [("roster", "0002_import_safety")]
AFTER = [("roster", "0003_files_in_database")]


@pytest.mark.django_db(transaction=True)
def test_a_waiting_file_moves_into_the_database_and_leaves_the_disk(
    settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # Only roster went back: the practice table is today's.
    practice = Practice.objects.create(name="Old", slug="old")
    RosterImport = old.get_model("roster", "RosterImport")
    waiting = RosterImport.objects.create(
        practice_id=practice.pk, filename="roster.csv", file_path="1-abc.csv"
    )
    lost = RosterImport.objects.create(
        practice_id=practice.pk, filename="gone.csv", file_path="1-gone.csv"
    )
    done = RosterImport.objects.create(practice_id=practice.pk, filename="done.csv")
    (tmp_path / "imports").mkdir()
    (tmp_path / "imports" / "1-abc.csv").write_bytes(b"Employee #,Name\n1,Ann\n")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    files = new.get_model("roster", "RosterFile").objects
    assert bytes(files.get(roster_import_id=waiting.pk).data) == b"Employee #,Name\n1,Ann\n"
    assert not files.filter(roster_import_id__in=[lost.pk, done.pk]).exists()
    assert list((tmp_path / "imports").iterdir()) == []  # personal data off the disk

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
