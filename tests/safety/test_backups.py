"""Backups: ``practiceos backup`` then ``practiceos restore`` into an empty database gives
back every table row for row, on the database the suite runs on (SQLite or PostgreSQL)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from practiceos.ops.backups import BackupError, kind_of

SRC = Path(__file__).resolve().parents[2] / "src"


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "PRACTICEOS_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": url,
    }


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST']}:{s['PORT'] or 5432}/{name}"


def _sqlite_tables(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    names = [
        n
        for (n,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {n: list(db.execute(f'SELECT * FROM "{n}" ORDER BY rowid')) for n in names}


def _pg_tables(cursor: Any) -> dict[str, list[tuple[Any, ...]]]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    names = [n for (n,) in cursor.fetchall()]
    out = {}
    for n in names:
        cursor.execute(f'SELECT * FROM "{n}" ORDER BY 1')
        out[n] = cursor.fetchall()
    return out


def _restore(tmp_path: Path, url: str, backup: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "practiceos.cli", "restore", str(backup)],
        env=_env(tmp_path, url),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_and_restore_round_trip_every_table(transactional_db, personas, tmp_path):
    call_command("demo", "--people", "80", "--seed", "5", verbosity=0)
    backup = tmp_path / "practiceos.backup"
    call_command("backup", "-o", str(backup))
    assert kind_of(backup) == connection.vendor
    if connection.vendor == "sqlite":
        target = tmp_path / "restored.sqlite3"
        done = _restore(tmp_path, f"sqlite:///{target}", backup)
        assert done.returncode == 0, done.stderr
        # Both read through plain sqlite3 connections (Django's converts values); the
        # suite's database is a shared in-memory one, opened by its URI.
        with sqlite3.connect(connection.settings_dict["NAME"], uri=True) as live:
            before = _sqlite_tables(live)
        with sqlite3.connect(target) as restored:
            after = _sqlite_tables(restored)
    else:
        name = connection.settings_dict["NAME"] + "_restore"
        admin = _pg_url("postgres")
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
            pg.execute(f'CREATE DATABASE "{name}"')
        try:
            done = _restore(tmp_path, _pg_url(name), backup)
            assert done.returncode == 0, done.stderr
            live_url = _pg_url(connection.settings_dict["NAME"])
            with psycopg.connect(live_url) as live, live.cursor() as cursor:
                before = _pg_tables(cursor)
            with psycopg.connect(_pg_url(name)) as restored, restored.cursor() as cursor:
                after = _pg_tables(cursor)
        finally:
            with psycopg.connect(admin, autocommit=True) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert sorted(after) == sorted(before)
    assert len(before["org_person"]) >= 80 and before["audit_auditrecord"]
    for table, rows in before.items():
        assert after[table] == rows, table


def test_restore_refuses_a_database_that_holds_practices(transactional_db, personas, tmp_path):
    backup = tmp_path / "b.backup"
    call_command("backup", "-o", str(backup))
    with pytest.raises(CommandError, match="already holds practices; restore into an empty"):
        call_command("restore", str(backup))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"hello")
    with pytest.raises(BackupError, match="is not a PracticeOS backup"):
        kind_of(junk)
