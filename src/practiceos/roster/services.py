"""Roster imports: check an upload, preview what it changes, apply it; every write audited.

The steps, shared by the web page, the API and ``practiceos import-roster``:

1. :func:`read_upload` checks the bytes (size, type) and reads the table
   (``core.roster.read_roster``); an unusable file raises ``InputError`` and nothing is
   written anywhere.
2. :func:`plan_import` converts the table into a snapshot and plans the changes against
   the practice (``roster.planning``): a fixed number of queries, nothing written.
3. :func:`apply_plan` writes the plan in one transaction with bulk inserts and updates and
   one audit record per row created or changed.

The web keeps each upload as a :class:`RosterImport` (:func:`preview_import`,
:func:`confirm_import`); the import itself runs in a background thread
(:func:`start_import` → :func:`run_import`) that reports progress the page polls.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from practiceos.audit.models import AuditAction
from practiceos.audit.services import record, record_many
from practiceos.core.gcpause import paused_gc
from practiceos.core.health.policy import Policy
from practiceos.core.limits import COLUMN_MAP_CHARS, UPLOAD_BYTES
from practiceos.core.problems import InputError, Problem
from practiceos.core.roster import (
    Field,
    RosterResult,
    RosterTable,
    load_column_map,
    read_roster,
    roster_to_snapshot,
)
from practiceos.core.roster.planning import ImportPlan, Update, person_rows, plan_changes
from practiceos.org.models import Assignment, Location, Person, Role, Seat, Team
from practiceos.org.snapshot import build_snapshot
from practiceos.roster.models import ImportStatus, RosterFile, RosterImport
from practiceos.tenancy.access import require
from practiceos.tenancy.locking import practice_writer
from practiceos.tenancy.models import Membership, Practice
from practiceos.tenancy.permissions import Action

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = UPLOAD_BYTES
ALLOWED_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx", ".xlsm"})
BATCH = 2000
# bulk_update writes one CASE WHEN per row: smaller batches keep each statement cheap.
UPDATE_BATCH = 500
Progress = Callable[[str, int, int], None]

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"{\\rtf": "a Rich Text document",
}


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


# --- 1. reading --------------------------------------------------------------------------


def check_upload(filename: str, data: bytes) -> None:
    """Refuse what cannot be a roster export, with a message naming the file and why."""
    name = Path(filename or "").name or "upload"
    size = len(data)
    if size > MAX_UPLOAD_BYTES:
        raise InputError(
            [
                Problem(
                    "file",
                    f'"{name}" is {size / 2**20:.1f} MB; the limit is '
                    f"{MAX_UPLOAD_BYTES // 2**20} MB (export fewer columns, or split the file)",
                )
            ]
        )
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise InputError(
            [
                Problem(
                    "file", f'"{name}": old Excel .xls files cannot be read; save as .xlsx or CSV'
                )
            ]
        )
    if suffix and suffix not in ALLOWED_SUFFIXES:
        raise InputError(
            [
                Problem(
                    "file",
                    f'"{name}" has the type "{suffix}"; upload a CSV or .xlsx export '
                    f"({', '.join(sorted(ALLOWED_SUFFIXES))})",
                )
            ]
        )
    if not data.strip():
        raise InputError([Problem("file", f'"{name}" is empty')])
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(
                [Problem("file", f'"{name}" is {what}, not a CSV or .xlsx roster export')]
            )
    head = data[:8192]
    is_zip = head[:4] == b"PK\x03\x04"
    is_utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    if not is_zip and not is_utf16 and b"\x00" in head:
        raise InputError(
            [
                Problem(
                    "file",
                    f'"{name}" holds binary data, not text: upload a CSV or .xlsx roster export',
                )
            ]
        )


def read_upload(data: bytes, filename: str, column_map_text: str = "") -> RosterTable:
    """Check and read an upload into a table (columns recognised); ``InputError`` if unusable."""
    check_upload(filename, data)
    column_map = load_column_map(column_map_text) if column_map_text.strip() else None
    return read_roster(data, filename=Path(filename or "").name, column_map=column_map)


# --- 2. planning -------------------------------------------------------------------------


@dataclass
class Preview:
    """A table converted and planned against a practice."""

    table: RosterTable
    result: RosterResult
    plan: ImportPlan


def plan_import(
    practice: Practice,
    table: RosterTable,
    *,
    allow_unresolved: bool = False,
    only_file_locations: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> Preview:
    """Convert ``table`` and plan its changes to ``practice`` (reads only; 8 queries).

    A plan meant to be applied must be made inside the practice's writer lock
    (:func:`import_roster` does both), so nobody changes the practice in between.
    """
    today = today or timezone.localdate()
    progress = progress or _no_progress
    locations = list(Location.objects.filter(practice=practice).values_list("name", flat=True)[:2])
    # A file without a location column puts everyone at one place: the practice's only
    # location when it has one, rather than a new location named after the practice.
    default_place = practice.name
    if table.index(Field.LOCATION) is None and len(locations) == 1:
        default_place = locations[0]
    result = roster_to_snapshot(
        table,
        practice_name=default_place,
        practice_slug=practice.slug,
        allow_unresolved=allow_unresolved,
        today=today,
        progress=lambda done, total: progress("converting", done, total),
    )
    progress("planning", 0, 1)
    # Archived rows included: a person or seat the file names again is matched, not
    # duplicated (the import restores what it gives a current assignment).
    db = build_snapshot(practice, as_of=today, sections=False, archived=True)
    plan = plan_changes(
        db,
        result,
        rows=person_rows(table),
        today=today,
        allow_unresolved=allow_unresolved,
        only_file_locations=only_file_locations,
    )
    progress("planning", 1, 1)
    return Preview(table=table, result=result, plan=plan)


def end_warnings(practice: Practice, plan: ImportPlan) -> list[Problem]:
    """Why ``plan`` must be confirmed before it ends anyone (the practice's policy share)."""
    share = Policy.from_stored(practice.policy or {}).import_end_share
    return plan.end_warnings(share)


def import_roster(
    practice: Practice,
    table: RosterTable,
    *,
    actor: Membership | None,
    note: str,
    allow_unresolved: bool = False,
    only_file_locations: bool = False,
    end_missing: bool = False,
    today: dt.date | None = None,
    progress: Progress | None = None,
    on_plan: Callable[[Preview], None] | None = None,
    on_done: Callable[[Preview], None] | None = None,
) -> Preview:
    """Plan and apply ``table`` inside the practice's writer lock: one writer at a time,
    each planning against what the previous one left.

    Refuses (``InputError``, nothing written) a plan with blocking problems, and one whose
    ends need a confirmation (:func:`end_warnings`) unless ``end_missing``. ``on_plan`` sees
    the preview before anything is written (the command prints warnings there); ``on_done``
    runs after the writes, in the same transaction. A second
    writer waits, then gets ``PracticeBusy`` naming who holds the practice.
    """
    with practice_writer(practice, actor, note):
        preview = plan_import(
            practice,
            table,
            allow_unresolved=allow_unresolved,
            only_file_locations=only_file_locations,
            today=today,
            progress=progress,
        )
        if on_plan is not None:
            on_plan(preview)
        if preview.plan.blocking:
            raise InputError(preview.plan.blocking_problems)
        warnings = end_warnings(practice, preview.plan)
        if warnings and not end_missing:
            raise InputError(
                [*warnings, Problem("ending", "nothing was written; confirm the ends to import")]
            )
        apply_plan(preview.plan, practice=practice, actor=actor, note=note, progress=progress)
        if on_done is not None:
            on_done(preview)
    return preview


def problem_dicts(problems: Iterable[Problem]) -> list[dict[str, str]]:
    """Problems as JSON-safe ``{"where", "message"}`` dicts."""
    return [{"where": p.where, "message": p.message} for p in problems]


# --- 3. applying -------------------------------------------------------------------------


def apply_plan(
    plan: ImportPlan,
    *,
    practice: Practice,
    actor: Membership | None,
    note: str,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Write ``plan`` into ``practice`` in one transaction; returns the plan's summary.

    ``actor`` None means the command line (trusted, audited without a user); a
    membership must be allowed to manage its practice and act in this one. Refuses a plan
    with blocking problems (``InputError`` listing them).
    """
    if actor is not None:
        require(actor, Action.MANAGE_PRACTICE)
        if actor.practice_id != practice.pk:
            raise InputError([Problem("practice", "not the practice you are acting in")])
    if plan.blocking:
        raise InputError(plan.blocking_problems)
    with paused_gc(), transaction.atomic():
        _Applier(plan, practice, actor, note[:300], progress or _no_progress).run()
    return plan.summary()


def _maker(model: type[Any]) -> Callable[..., Any]:
    """A fast constructor: positional arguments skip ``Model.__init__``'s keyword handling,
    a fifth of the load time at 100,000 rows. Keys are attnames (``seat_id``)."""
    fields = model._meta.concrete_fields
    attnames = [f.attname for f in fields]
    defaults = {f.attname: (None if f.primary_key else f.get_default()) for f in fields}

    def make(**values: Any) -> Any:
        return model(*[values.get(a, defaults[a]) for a in attnames])

    return make


class _Applier:
    """One write of a plan: resolves refs (``new:3``, ``newp:7``, pks) to primary keys."""

    def __init__(
        self,
        plan: ImportPlan,
        practice: Practice,
        actor: Membership | None,
        note: str,
        progress: Progress,
    ) -> None:
        self.plan = plan
        self.pid = practice.pk
        self.actor_id = actor.user_id if actor is not None else None
        self.note = note
        self.progress = progress
        # (action, object type, object id, repr, before, after), written at the end.
        self.audit: list[tuple[str, str, str, str, Any, Any]] = []
        self.seat_pk: dict[str, int] = {}
        self.person_pk: dict[str, int] = {}

    def _audit(
        self,
        action: AuditAction,
        object_type: str,
        pk: int,
        name: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.audit.append((action, object_type, str(pk), name[:300], before, after))

    def seat(self, ref: str | None) -> int | None:
        if ref is None:
            return None
        return self.seat_pk[ref] if ref.startswith("new:") else int(ref)

    def person(self, ref: str) -> int:
        return self.person_pk[ref] if ref.startswith("newp:") else int(ref)

    def _create(self, model: type[Any], rows: list[Any], stage: str) -> list[Any]:
        for i in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[i : i + BATCH])
            self.progress(stage, min(i + BATCH, len(rows)), len(rows))
        return rows

    def _named(self, model: type[Any], field: str, names: list[str], extra: Any) -> dict[str, int]:
        """Create ``names`` (audited), return name (casefolded) → pk for all rows."""
        created = self._create(
            model, [model(practice_id=self.pid, **{field: n}, **extra(n)) for n in names], field
        )
        for row in created:
            value = getattr(row, field)
            self._audit(
                AuditAction.CREATED,
                model._meta.label_lower,
                row.pk,
                value,
                None,
                {field: value, **_json(extra(value))},
            )
        return {
            " ".join(name.casefold().split()): pk
            for pk, name in model.objects.filter(practice_id=self.pid).values_list("pk", field)
        }

    def run(self) -> None:
        plan = self.plan
        roles = {r.title: r for r in plan.new_roles}
        location_pk = self._named(Location, "name", plan.new_locations, lambda n: {})
        role_pk = self._named(
            Role,
            "title",
            [r.title for r in plan.new_roles],
            lambda t: {
                "kind": str(roles[t].kind),
                "provider_lead": roles[t].provider_lead,
                "template": roles[t].template,  # the library card the title matched
            },
        )
        team_pk = self._named(Team, "name", plan.new_teams, lambda n: {})

        def key(text: str) -> str:
            return " ".join(text.casefold().split())

        # Seats, managers first: a new seat's manager always has its key by then, so the
        # reporting line is written with the row and never needs a second pass.
        depths = sorted({s.depth for s in plan.new_seats})
        total, done = len(plan.new_seats), 0
        for depth in depths:
            level = [s for s in plan.new_seats if s.depth == depth]
            make_seat = _maker(Seat)
            objs = [
                make_seat(
                    practice_id=self.pid,
                    name=s.name,
                    kind=s.kind,
                    role_id=role_pk[key(s.role)],
                    location_id=location_pk[key(s.location)],
                    team_id=team_pk[key(s.team)] if s.team else None,
                    reports_to_id=self.seat(s.reports_to),
                    note=s.note,
                )
                for s in level
            ]
            for i in range(0, len(objs), BATCH):
                Seat.objects.bulk_create(objs[i : i + BATCH])
                done += len(objs[i : i + BATCH])
                self.progress("seats", done, total)
            for s, obj in zip(level, objs, strict=True):
                self.seat_pk[s.ref] = obj.pk
                self._audit(
                    AuditAction.CREATED,
                    "org.seat",
                    obj.pk,
                    s.name,
                    None,
                    {"name": s.name, "kind": s.kind, "reports_to": obj.reports_to_id},
                )
        self._update_seats(team_pk)
        self._team_managers(team_pk)

        make_person = _maker(Person)
        people = self._create(
            Person,
            [
                make_person(
                    practice_id=self.pid,
                    name=p.name,
                    preferred_name=p.preferred_name,
                    email=p.email,
                    employee_id=p.employee_id,
                )
                for p in plan.new_people
            ],
            "people",
        )
        for p, obj in zip(plan.new_people, people, strict=True):
            self.person_pk[p.ref] = obj.pk
            self._audit(
                AuditAction.CREATED,
                "org.person",
                obj.pk,
                p.name,
                None,
                {"name": p.name, "email": p.email, "employee_id": p.employee_id},
            )
        self._update_people()

        # Ends before starts: a seat must be free before its next accountable person.
        self._bulk_update(
            Assignment,
            plan.ends,
            lambda u: {"end": dt.date.fromisoformat(u.changes["end"][1])},
            "assignment ends",
        )
        make_assignment = _maker(Assignment)
        created = self._create(
            Assignment,
            [
                make_assignment(
                    practice_id=self.pid,
                    person_id=self.person(a.person),
                    seat_id=self.seat(a.seat),
                    start=a.start,
                    end=a.end,
                    fte=a.fte,
                    level=a.level,
                )
                for a in plan.new_assignments
            ],
            "assignments",
        )
        for obj in created:
            self._audit(
                AuditAction.CREATED,
                "org.assignment",
                obj.pk,
                f"{obj.person_id} in {obj.seat_id}",
                None,
                {
                    "person": obj.person_id,
                    "seat": obj.seat_id,
                    "start": obj.start.isoformat() if obj.start else None,
                    "fte": str(obj.fte),
                    "level": obj.level,
                },
            )
        self._bulk_update(
            Assignment,
            plan.assignment_updates,
            lambda u: {
                f: (dt.date.fromisoformat(v[1]) if f == "end" and v[1] else v[1])
                for f, v in u.changes.items()
            },
            "assignment updates",
        )
        self._restore_archived(created)
        self._write_audit()

    def _restore_archived(self, created: list[Any]) -> None:
        """Archived people and seats given a current assignment by this import come back
        (and everything their seats stand on), each restore audited."""
        seat_ids = {a.seat_id for a in created if a.end is None}
        person_ids = {a.person_id for a in created if a.end is None}
        seat_rows = Seat.objects.filter(pk__in=seat_ids)
        wanted: list[tuple[type[Any], Any]] = [
            (Person, Person.objects.filter(pk__in=person_ids)),
            (Seat, seat_rows),
            (Role, Role.objects.filter(pk__in=seat_rows.values("role_id"))),
            (Location, Location.objects.filter(pk__in=seat_rows.values("location_id"))),
            (Team, Team.objects.filter(pk__in=seat_rows.values("team_id"))),
        ]
        for model, rows in wanted:
            archived = list(
                rows.filter(practice_id=self.pid, archived_at__isnull=False).values_list(
                    "pk", "archived_at"
                )
            )
            if not archived:
                continue
            model.objects.filter(pk__in=[pk for pk, _ in archived]).update(archived_at=None)
            for pk, when in archived:
                self._audit(
                    AuditAction.RESTORED,
                    model._meta.label_lower,
                    pk,
                    f"{model._meta.verbose_name} {pk}",
                    {"archived_at": when.isoformat()},
                    {"archived_at": None},
                )

    def _write_audit(self) -> None:
        """One audit record per row written, all with the same time, actor and note."""
        record_many(
            practice_id=self.pid,
            actor_id=self.actor_id,
            note=self.note,
            rows=self.audit,
            progress=self.progress,
        )

    def _bulk_update(
        self,
        model: type[Any],
        updates: list[Update],
        values: Callable[[Update], dict[str, Any]],
        stage: str,
    ) -> None:
        """Update rows grouped by the fields they change; one audit record per row."""
        groups: dict[tuple[str, ...], list[Any]] = {}
        names = self.plan.seat_names
        for update in updates:
            fields = values(update)
            obj = model(pk=int(update.pk), practice_id=self.pid, **fields)
            groups.setdefault(tuple(sorted(fields)), []).append(obj)
            self._audit(
                AuditAction.IMPORTED,
                model._meta.label_lower,
                int(update.pk),
                names.get(update.pk, "") if model is Seat else f"{model.__name__} {update.pk}",
                {f: b for f, (b, _a) in update.changes.items()},
                {f: a for f, (_b, a) in update.changes.items()},
            )
        done = 0
        for fields, objs in groups.items():
            for i in range(0, len(objs), UPDATE_BATCH):
                chunk = objs[i : i + UPDATE_BATCH]
                model.objects.bulk_update(chunk, list(fields))
                done += len(chunk)
                self.progress(stage, done, len(updates))

    def _update_seats(self, team_pk: dict[str, int]) -> None:
        groups: dict[tuple[str, ...], list[Seat]] = {}
        for update in self.plan.seat_updates:
            obj = Seat(pk=int(update.pk), practice_id=self.pid)
            before: dict[str, Any] = {}
            after: dict[str, Any] = {}
            for f, (old, new) in update.changes.items():
                if f == "reports_to":
                    obj.reports_to_id = self.seat(new)
                    before[f], after[f] = self.seat(old), obj.reports_to_id
                elif f == "team":
                    obj.team_id = team_pk[" ".join(new.casefold().split())] if new else None
                    before[f], after[f] = old, new
                else:
                    obj.note = new
                    before[f], after[f] = old, new
            groups.setdefault(tuple(sorted(update.changes)), []).append(obj)
            name = self.plan.seat_names.get(update.pk, update.pk)
            self._audit(AuditAction.IMPORTED, "org.seat", obj.pk, name, before, after)
        done = 0
        for fields, objs in groups.items():
            for i in range(0, len(objs), UPDATE_BATCH):
                Seat.objects.bulk_update(objs[i : i + UPDATE_BATCH], list(fields))
                done += len(objs[i : i + UPDATE_BATCH])
                self.progress("reporting lines", done, len(self.plan.seat_updates))

    def _team_managers(self, team_pk: dict[str, int]) -> None:
        objs = []
        for name, before, after in self.plan.team_managers:
            pk = team_pk[" ".join(name.casefold().split())]
            obj = Team(pk=pk, practice_id=self.pid, manager_seat_id=self.seat(after))
            objs.append(obj)
            self._audit(
                AuditAction.IMPORTED,
                "org.team",
                pk,
                name,
                {"manager_seat": self.seat(before)},
                {"manager_seat": obj.manager_seat_id},
            )
        Team.objects.bulk_update(objs, ["manager_seat"], batch_size=UPDATE_BATCH)

    def _update_people(self) -> None:
        updates = self.plan.person_updates
        # Emails and employee ids are unique in the practice and may move between two
        # people of one file: blank the changing ones first, then write the new values.
        clearing: dict[tuple[str, ...], list[Person]] = {}
        for u in updates:
            fields = tuple(f for f in ("email", "employee_id") if f in u.changes)
            if fields:
                obj = Person(pk=int(u.pk), practice_id=self.pid, **dict.fromkeys(fields, ""))
                clearing.setdefault(fields, []).append(obj)
        for fields, objs in clearing.items():
            Person.objects.bulk_update(objs, list(fields), batch_size=UPDATE_BATCH)
        self._bulk_update(
            Person, updates, lambda u: {f: v[1] for f, v in u.changes.items()}, "people"
        )


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (str(v) if not isinstance(v, bool | int | str | None) else v) for k, v in values.items()
    }


# --- the web's import records ----------------------------------------------------------


def stored_file(import_id: int) -> bytes | None:
    """The uploaded file of import ``import_id``, or None once it is gone (imported,
    purged). One query."""
    data = (
        RosterFile.objects.filter(roster_import_id=import_id).values_list("data", flat=True).first()
    )
    return None if data is None else bytes(data)


def has_file(import_id: int) -> bool:
    """True while import ``import_id`` still has its uploaded file."""
    return RosterFile.objects.filter(roster_import_id=import_id).exists()


def preview_import(
    *,
    actor: Membership,
    filename: str,
    data: bytes,
    column_map_text: str = "",
    allow_unresolved: bool = False,
    only_file_locations: bool = False,
) -> RosterImport:
    """Read and plan an upload, store it as a previewed import (audited); write nothing else.

    The stored summary's ``ending`` says whom the import would end and, under
    ``warnings``/``needs_confirmation``, why that must be confirmed (:func:`end_warnings`).

    Raises ``InputError`` for a file that cannot be used (then nothing at all is written).
    A file with problems in its rows is still previewed: the page lists every problem.
    """
    require(actor, Action.MANAGE_PRACTICE)
    name = (Path(filename or "").name or "upload.csv")[:255]
    if len(column_map_text) > COLUMN_MAP_CHARS:
        raise InputError(
            [
                Problem(
                    "columns",
                    f"the column map is {len(column_map_text):,} characters long; at most "
                    f"{COLUMN_MAP_CHARS:,} are allowed",
                )
            ]
        )
    table = read_upload(data, name, column_map_text)
    preview = plan_import(
        actor.practice,
        table,
        allow_unresolved=allow_unresolved,
        only_file_locations=only_file_locations,
    )
    summary = preview.plan.summary()
    warnings = end_warnings(actor.practice, preview.plan)
    summary["ending"]["warnings"] = problem_dicts(warnings)
    summary["ending"]["needs_confirmation"] = bool(warnings)
    with transaction.atomic():
        job = RosterImport.objects.create(
            practice_id=actor.practice_id,
            uploaded_by=actor.user,
            filename=name,
            file_size=len(data),
            allow_unresolved=allow_unresolved,
            only_file_locations=only_file_locations,
            column_map=column_map_text,
            rows=len(table.rows),
            summary=summary,
            problems=problem_dicts(preview.plan.problems),
            warnings=problem_dicts(preview.plan.warnings),
            blocking=preview.plan.blocking,
        )
        RosterFile.objects.create(practice_id=actor.practice_id, roster_import=job, data=data)
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.CREATED,
            obj=job,
            after={"filename": name, "rows": job.rows, "status": job.status},
            note="roster uploaded for preview",
        )
    return job


def undo_import(*, actor: Membership, job: RosterImport) -> RosterImport:
    """Reverse a finished import as one step (see :mod:`practiceos.roster.undo`)."""
    from practiceos.roster.undo import undo_import as undo

    return undo(actor=actor, job=job)


def needs_confirmation(job: RosterImport) -> bool:
    """True when the preview warned about whom the import ends (see :func:`end_warnings`)."""
    return bool((job.summary or {}).get("ending", {}).get("needs_confirmation"))


def confirm_import(
    *, actor: Membership, job: RosterImport, end_missing: bool = False
) -> RosterImport:
    """Start a previewed import (audited); refused if it has blocking problems, or if its
    preview warned about the people it ends and ``end_missing`` does not confirm them."""
    require(actor, Action.MANAGE_PRACTICE)
    if job.practice_id != actor.practice_id:
        raise InputError([Problem("import", "no such import in this practice")])
    with transaction.atomic():
        job = RosterImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.PREVIEWED:
            raise InputError(
                [Problem("status", f'this import is "{job.status}"; only a preview can start')]
            )
        if job.blocking:
            raise InputError(
                [
                    Problem(
                        "problems",
                        f"{len(job.problems)} problem(s) block this import; fix the file "
                        "(or allow unresolved managers) and upload it again",
                    )
                ]
            )
        if needs_confirmation(job) and not end_missing:
            ending = job.summary["ending"]
            raise InputError(
                [
                    Problem(
                        "end_missing",
                        f"this import ends {ending['count']} people who are not in the file; "
                        "tick the confirmation to end them, or upload the whole roster",
                    )
                ]
            )
        job.status = ImportStatus.RUNNING
        job.end_missing = end_missing
        job.stage = "waiting"
        job.done, job.total = 0, 0
        job.save(update_fields=["status", "end_missing", "stage", "done", "total", "updated_at"])
        record(
            actor=actor.user,
            practice_id=actor.practice_id,
            action=AuditAction.UPDATED,
            obj=job,
            before={"status": ImportStatus.PREVIEWED},
            after={"status": ImportStatus.RUNNING, "end_missing": end_missing},
        )
    start_import(job, actor)
    job.refresh_from_db()
    return job


# Progress of imports running in this process (the page reads it before the database:
# the import's own transaction hides its writes until it commits).
_LIVE: dict[int, tuple[str, int, int]] = {}
_LIVE_LOCK = threading.Lock()


def live_progress(job_id: int) -> tuple[str, int, int] | None:
    """``(stage, done, total)`` of an import running in this process, else ``None``."""
    with _LIVE_LOCK:
        return _LIVE.get(job_id)


def start_import(job: RosterImport, actor: Membership | None = None) -> None:
    """Hand ``job`` to a task worker (``practiceos worker``), which runs :func:`run_import`;
    run it here instead when ``ROSTER_IMPORT_SYNC`` is set (tests)."""
    if getattr(settings, "ROSTER_IMPORT_SYNC", False):
        run_import(job.pk)
        return
    from practiceos.jobs.models import JobKind
    from practiceos.jobs.services import queue_job

    queue_job(
        practice_id=job.practice_id,
        kind=JobKind.ROSTER_IMPORT,
        actor=actor,
        params={"import_id": job.pk},
    )


class _Reporter:
    """Progress of a running import: kept in memory, and on PostgreSQL also in its row.

    The import's transaction holds every write until it commits, so progress is written
    through a second connection in autocommit mode, at most twice a second. SQLite allows
    one writer at a time: there the page of this process reads the in-memory copy.
    """

    def __init__(self, job_id: int, side_channel: bool) -> None:
        self.job_id = job_id
        self.last = 0.0
        self.conn: Any = None
        if side_channel and connections["default"].vendor != "sqlite":
            self.conn = connections.create_connection("default")

    def __call__(self, stage: str, done: int, total: int) -> None:
        with _LIVE_LOCK:
            _LIVE[self.job_id] = (stage, done, total)
        now = time.monotonic()
        if self.conn is None or now - self.last < 0.5:
            return
        self.last = now
        table = RosterImport._meta.db_table
        try:
            with self.conn.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self.conn.ops.quote_name(table)} SET stage = %s, done = %s, "
                    "total = %s, updated_at = %s WHERE id = %s",
                    [stage[:60], done, total, timezone.now(), self.job_id],
                )
        except Exception:  # progress is a nicety: never let it stop an import
            log.warning("roster import %s: cannot write progress", self.job_id, exc_info=True)
            self.close()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_import(job_id: int, *, side_channel: bool = False) -> RosterImport:
    """Run a confirmed import to the end: re-read, re-plan (the practice may have changed
    since the preview), apply in one transaction, record done or failed.

    Called by the background thread, or directly (tests, ``ROSTER_IMPORT_SYNC``).
    """
    job = RosterImport.objects.select_related("practice", "uploaded_by").get(pk=job_id)
    reporter = _Reporter(job_id, side_channel)
    try:
        if job.status != ImportStatus.RUNNING:
            raise InputError([Problem("status", f'the import is "{job.status}", not running')])
        actor = Membership.objects.filter(practice=job.practice, user=job.uploaded_by).first()
        require(actor, Action.MANAGE_PRACTICE)
        data = stored_file(job.pk)
        if data is None:
            raise InputError([Problem("file", "the uploaded file is gone; upload it again")])
        table = read_upload(data, job.filename, job.column_map)
        reporter("reading", len(table.rows), len(table.rows))

        def planned(preview: Preview) -> None:
            # From here on the import's own transaction writes the row: progress stays
            # in memory.
            reporter.close()

        def finished(preview: Preview) -> None:
            job.status = ImportStatus.DONE
            job.summary = preview.plan.summary()
            job.problems = problem_dicts(preview.plan.problems)
            job.warnings = problem_dicts(preview.plan.warnings)
            job.stage, job.done, job.total = "done", 1, 1
            job.finished_at = timezone.now()
            job.save()
            # In the import's own transaction: imported, or the file is kept for a retry.
            RosterFile.objects.filter(roster_import_id=job.pk).delete()

        # Planned again inside the practice's writer lock: the practice may have changed
        # since the preview, and nobody may change it between this plan and its writes.
        import_roster(
            job.practice,
            table,
            actor=actor,
            note=f"roster import #{job.pk}: {job.filename}",
            allow_unresolved=job.allow_unresolved,
            only_file_locations=job.only_file_locations,
            end_missing=job.end_missing,
            progress=reporter,
            on_plan=planned,
            on_done=finished,
        )
    except Exception as exc:
        reporter.close()
        if isinstance(exc, InputError):
            problems = exc.problems
            error = f"{len(problems)} problem(s) stopped the import; nothing was written"
        else:
            log.exception("roster import %s failed", job_id)
            problems = []
            error = (
                f"the import stopped ({type(exc).__name__}: {str(exc)[:300]}); nothing was written"
            )
        job.refresh_from_db()
        job.status = ImportStatus.FAILED
        job.error = error
        if problems:
            job.problems = problem_dicts(problems)
        job.finished_at = timezone.now()
        job.save()
    finally:
        with _LIVE_LOCK:
            _LIVE.pop(job_id, None)
    return job


def reopen_import(*, import_id: int, actor: Membership | None) -> bool:
    """Put a failed import back to running so that its job, run again, imports it (the
    cause may have passed: the practice was busy, the uploader's role was restored).
    Audited; False when it is not failed or its file is gone (then upload it again)."""
    with transaction.atomic():
        reopened = RosterImport.objects.filter(
            Exists(RosterFile.objects.filter(roster_import_id=OuterRef("pk"))),
            pk=import_id,
            status=ImportStatus.FAILED,
        ).update(
            status=ImportStatus.RUNNING,
            error="",
            problems=[],
            finished_at=None,
            stage="waiting",
            updated_at=timezone.now(),
        )
        if reopened:
            job = RosterImport.objects.get(pk=import_id)
            record(
                actor=actor.user if actor is not None else None,
                practice_id=job.practice_id,
                action=AuditAction.UPDATED,
                obj=job,
                before={"status": ImportStatus.FAILED},
                after={"status": ImportStatus.RUNNING},
                note="import run again",
            )
    return bool(reopened)


@dataclass(frozen=True)
class PurgeResult:
    """What :func:`purge_imports` did."""

    expired_previews: int
    stalled_runs: int
    files_deleted: int


def purge_imports(
    *,
    preview_age: dt.timedelta = dt.timedelta(hours=24),
    stall_age: dt.timedelta = dt.timedelta(hours=1),
    now: dt.datetime | None = None,
) -> PurgeResult:
    """Expire forgotten previews, fail stalled runs and delete every stored upload no
    import can use any more.

    Uploaded rosters are personal data: a preview nobody confirmed within ``preview_age``
    is expired (upload again to import), and an import still "running" with no progress
    for ``stall_age`` was cut off by a server restart; its single transaction rolled back,
    so nothing was written, and it is marked failed. Each status change is audited (no
    actor: periodic work). Meant for ``practiceos purge_imports`` from cron.
    """
    now = now or timezone.now()
    expired = stalled = deleted = 0
    rules = [
        (
            ImportStatus.PREVIEWED,
            now - preview_age,
            "expired: not confirmed in time; upload the file again to import it",
        ),
        (
            ImportStatus.RUNNING,
            now - stall_age,
            "stopped: the server stopped during the import; nothing was written, run it again",
        ),
    ]
    for status, cutoff, reason in rules:
        for job in RosterImport.objects.filter(status=status, updated_at__lt=cutoff).order_by("pk"):
            with transaction.atomic():
                before = {"status": job.status}
                job.status, job.error, job.finished_at = ImportStatus.FAILED, reason, now
                job.save(update_fields=["status", "error", "finished_at", "updated_at"])
                record(
                    actor=None,
                    practice_id=job.practice_id,
                    action=AuditAction.UPDATED,
                    obj=job,
                    before=before,
                    after={"status": job.status, "error": reason},
                    note="purge_imports",
                )
            if status == ImportStatus.PREVIEWED:
                expired += 1
            else:
                stalled += 1
    # Files of finished or failed imports are never read again.
    deleted, _ = RosterFile.objects.filter(
        roster_import__status__in=[ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.UNDONE]
    ).delete()
    return PurgeResult(expired, stalled, deleted)
