"""One writer per practice: :func:`practice_writer`, the lock every bulk write takes.

Imports, org-file loads, scenario publishes and other bulk changes read the practice,
plan, and write. Two of them at once each plan against a state the other is about to
change, and the result matches neither order. So each takes the practice's writer lock
*before* it reads, and plans inside it::

    with practice_writer(practice, actor, "roster import #12"):
        plan = plan_changes(build_snapshot(practice), ...)
        apply(plan)

The lock is the database's own, held by the transaction the context manager opens:

* **PostgreSQL:** a transaction advisory lock on the slug (so it works before the
  practice exists) and ``SELECT ... FOR UPDATE`` on the practice's row (other practices
  and readers are not blocked); a second writer waits ``wait`` seconds (``lock_timeout``).
* **SQLite:** the database's write lock (``BEGIN IMMEDIATE``, see settings); a second
  writer waits ``wait`` seconds (``busy_timeout``). SQLite has one writer for the whole
  file anyway.

A writer that waited in vain gets :class:`PracticeBusy` (an ``InputError``, so every
page, API call and command already shows it plainly) naming who holds the practice and
since when, taken from :class:`~practiceos.tenancy.models.PracticeWriter`; never a raw
database error. Nested inside an open transaction (tests, a caller's own atomic block)
the lock is taken the same way where the database allows it and the holder is not
published (nobody else could see it before the outer commit).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, transaction
from django.utils import timezone

from practiceos.core.problems import InputError, Problem
from practiceos.tenancy.models import Membership, Practice, PracticeWriter

#: First key of PostgreSQL advisory locks taken for practice writers (the second is the
#: slug's hash), so they cannot collide with advisory locks taken for anything else.
ADVISORY_CLASS = 0x504F53  # "POS"

#: Seconds a second writer waits for the first before giving up (settings override).
DEFAULT_WAIT = 30.0


class PracticeBusy(InputError):
    """Another writer holds the practice; nothing was written."""

    def __init__(self, slug: str, holder: PracticeWriter | None, waited: float) -> None:
        if holder is not None:
            who = (
                f'{holder.holder} has been changing this practice ("{holder.purpose}") since '
                f"{timezone.localtime(holder.since):%Y-%m-%d %H:%M:%S}"
            )
        else:
            who = "another change to this practice is still running"
        super().__init__(
            [
                Problem(
                    "practice",
                    f"{slug}: {who}; waited {waited:g} s. Nothing was written: try again when "
                    "it has finished",
                )
            ]
        )
        self.slug = slug
        self.holder = holder


class _Locked(Exception):
    """Internal: the lock could not be taken in time."""


def holder_name(actor: Membership | str | None) -> str:
    """How a writer is named to the others: the login, or the command line's process."""
    if isinstance(actor, str):
        return actor[:200]
    if actor is not None:
        return actor.user.get_username()[:200]
    return f"the command line (process {os.getpid()} on {socket.gethostname()})"[:200]


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "locked" in text or "lock timeout" in text or "could not obtain lock" in text


@contextmanager
def practice_writer(
    practice: Practice | str,
    actor: Membership | str | None,
    purpose: str,
    *,
    wait: float | None = None,
) -> Iterator[None]:
    """Hold ``practice``'s writer lock (and one transaction) for the ``with`` block.

    ``practice`` may be a slug that does not exist yet (a load that creates it). ``actor``
    names the holder (a membership, a label, or None for the command line). Raises
    :class:`PracticeBusy` when another writer keeps it longer than ``wait`` seconds
    (default ``settings.PRACTICE_WRITER_WAIT`` or 30). Hits the database.
    """
    slug = practice if isinstance(practice, str) else practice.slug
    wait = float(getattr(settings, "PRACTICE_WRITER_WAIT", DEFAULT_WAIT) if wait is None else wait)
    conn = connections[DEFAULT_DB_ALIAS]
    outermost = not conn.in_atomic_block
    holder = holder_name(actor)
    try:
        if conn.vendor == "sqlite":
            with _sqlite_busy_timeout(conn, wait):
                if outermost:
                    # Published before the lock: nobody could read it while we hold it.
                    _try(lambda: _publish(slug, holder, purpose))
                atomic = transaction.atomic()
                _try(atomic.__enter__)
        else:
            atomic = transaction.atomic()
            atomic.__enter__()
    except _Locked:
        raise PracticeBusy(slug, _holder(slug), wait) from None
    try:
        if conn.vendor != "sqlite":
            _try(lambda: _lock_practice(conn, slug, wait))
            if outermost:
                _publish_side(slug, holder, purpose)
    except _Locked as locked:
        _exit(atomic, locked)  # rolls the failed transaction back
        raise PracticeBusy(slug, _holder(slug), wait) from None
    except BaseException as exc:
        _exit(atomic, exc)
        raise
    try:
        yield
    except BaseException as exc:
        if not _exit(atomic, exc):
            raise
    else:
        atomic.__exit__(None, None, None)


def _exit(atomic: Any, exc: BaseException) -> bool:
    return bool(atomic.__exit__(type(exc), exc, exc.__traceback__))


def _try(step: Any) -> Any:
    try:
        return step()
    except OperationalError as exc:
        if _is_lock_error(exc):
            raise _Locked from None
        raise


@contextmanager
def _sqlite_busy_timeout(conn: Any, wait: float) -> Iterator[None]:
    conn.ensure_connection()
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    try:
        yield
    finally:
        if conn.connection is not None:
            with conn.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def _lock_practice(conn: Any, slug: str, wait: float) -> None:
    """PostgreSQL: take a transaction advisory lock on the slug, then lock the practice's
    row.

    The advisory lock is what serialises writers: the row is absent when a load creates
    the practice, and two creators would otherwise both see no row, both insert, and the
    second would fail on the unique slug after waiting for the first's commit. The row
    lock also holds off single-row writers that don't take this lock. Both waits are
    bounded by ``lock_timeout``; statements after the lock read the committed state
    (READ COMMITTED takes a fresh snapshot per statement).
    """
    table = conn.ops.quote_name(Practice._meta.db_table)
    with conn.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{max(1, int(wait * 1000))}ms'")
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [ADVISORY_CLASS, slug])
        cursor.execute(f"SELECT id FROM {table} WHERE slug = %s FOR UPDATE", [slug])


def _publish(slug: str, holder: str, purpose: str) -> None:
    PracticeWriter.objects.update_or_create(
        slug=slug,
        defaults={"holder": holder, "purpose": purpose[:200], "since": timezone.now()},
    )


def _publish_side(slug: str, holder: str, purpose: str) -> None:
    """PostgreSQL: say who holds the lock through a second connection in autocommit, so
    waiters see it now, not at our commit. Best effort: a failure only loses the name."""
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        table = side.ops.quote_name(PracticeWriter._meta.db_table)
        with side.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (slug, holder, purpose, since) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (slug) DO UPDATE SET holder = EXCLUDED.holder, "
                "purpose = EXCLUDED.purpose, since = EXCLUDED.since",
                [slug, holder, purpose[:200], timezone.now()],
            )
    except Exception:  # the name is a courtesy; the lock is what matters
        pass
    finally:
        side.close()


def _holder(slug: str) -> PracticeWriter | None:
    try:
        return PracticeWriter.objects.filter(slug=slug).first()
    except OperationalError:
        return None
