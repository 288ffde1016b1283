"""Online backups of the whole database, and restoring one into an empty database.

* **SQLite:** SQLite's own online backup API copies the live database page by page into
  a new SQLite file while the product keeps serving (readers and the writer go on; the
  copy is one consistent state). Restoring copies the file back the same way.
* **PostgreSQL:** ``pg_dump --format=custom`` reads one consistent snapshot while
  the product keeps serving; restoring runs ``pg_restore`` in one transaction.

The backup file says which kind it is (its first bytes); a backup restores only into the
same kind of database. :func:`restore` refuses a database that already holds a practice
(nothing is overwritten by mistake); ``replace=True`` overrides that. See
``docs/operations.md`` for scheduling backups and PostgreSQL point-in-time recovery.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, OperationalError, ProgrammingError, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


def _pg_env(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore from Django's settings."""
    args = ["--dbname", str(settings["NAME"])]
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL client (apt-get install "
            "postgresql-client) in the server's major version"
        )
    return path


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> int:
    """Write a consistent copy of the live database to ``path`` (online); returns bytes.

    Written to ``path`` plus ``.partial`` first and renamed at the end, so ``path`` is
    either a whole backup or absent.
    """
    connection = connections[using]
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            # Copies 1,000 pages a step, letting the server's writes in between steps.
            connection.connection.backup(target, pages=1000)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env(connection.settings_dict)
        done = subprocess.run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(partial), *args],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise BackupError(f"pg_dump failed: {done.stderr.strip()[:2000]}")
    else:
        raise BackupError(f"backups of {connection.vendor} databases are not supported")
    partial.replace(path)
    return path.stat().st_size


def kind_of(path: Path) -> str:
    """``sqlite`` or ``postgresql``: which database wrote the backup at ``path``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"{path}: cannot read: {exc.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is not a PracticeOS backup (neither SQLite nor pg_dump)")


def _has_practices(using: str) -> bool:
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT 1 FROM tenancy_practice LIMIT 1")
            return cursor.fetchone() is not None
    except (ProgrammingError, OperationalError):  # no tables yet: an empty database
        connections[using].close()
        return False


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS, replace: bool = False) -> str:
    """Make the database the backup at ``path`` (its kind must match); returns the kind.

    Refuses a database that already holds a practice unless ``replace``.
    """
    kind = kind_of(path)
    connection = connections[using]
    if kind != connection.vendor:
        raise BackupError(
            f"{path} is a {kind} backup; this installation runs {connection.vendor}. "
            "Restore it into the same kind of database"
        )
    if not replace and _has_practices(using):
        raise BackupError(
            "this database already holds practices; restore into an empty database "
            "(or give --replace to overwrite everything in it)"
        )
    if kind == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection, pages=1000)
        finally:
            source.close()
        connection.close()
    else:
        connection.close()
        args, env = _pg_env(connection.settings_dict)
        done = subprocess.run(
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists",
             "--single-transaction", "--exit-on-error", *args, str(path)],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()[:2000]}")
    return kind
