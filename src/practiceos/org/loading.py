"""Make a practice in the database match a core snapshot (an org file or a demo).

All or nothing, in one transaction; objects are matched by their names (locations and
teams by name, roles by title, seats by name, people by employee id, then email, then
name, assignments by person, seat and start), so loading the same file twice changes
nothing the second time. Writes are batched (``bulk_create``/``bulk_update``): a
100,000-person practice loads in seconds, with one audit record per object changed.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from practiceos.audit.models import AuditAction
from practiceos.audit.services import AuditRow, record_many
from practiceos.core import model as core
from practiceos.core.health.policy import Policy
from practiceos.core.limits import snapshot_problems
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import card_columns, card_of
from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team
from practiceos.tenancy.locking import practice_writer
from practiceos.tenancy.models import Membership, Practice
from practiceos.tenancy.permissions import Action, allows

BATCH = 2000
Progress = Callable[[str, int, int], None]

LoadSection = Callable[["_Loader"], None]
"""Loads one area's part of a snapshot (decision areas ...) inside the load's transaction."""

_LOAD_SECTIONS: list[LoadSection] = []


def register_load_section(section: LoadSection) -> LoadSection:
    """Register a loader for an area's part of an org file (the twin of
    ``org.snapshot.register_section``). It runs after seats and locations exist (the
    loader's ``seat_by_id`` and ``location_by_id`` map snapshot ids to rows) and before
    anything is deleted; it writes through ``loader.sync`` / ``loader.delete`` so its
    changes are counted and audited with the rest of the load."""
    _LOAD_SECTIONS.append(section)
    return section


@dataclass
class LoadSummary:
    """What a load created, updated and deleted, per object type."""

    practice: Practice | None = None
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when the load wrote anything."""
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.deleted.values())
        )

    def lines(self) -> list[str]:
        """Human-readable lines, one per object type that changed."""
        out = []
        for kind in (
            "practice",
            "locations",
            "teams",
            "roles",
            "seats",
            "service links",
            "people",
            "assignments",
        ):
            parts = [
                f"{label} {counts.get(kind, 0)}"
                for label, counts in (
                    ("created", self.created),
                    ("updated", self.updated),
                    ("deleted", self.deleted),
                )
                if counts.get(kind, 0)
            ]
            if parts:
                out.append(f"{kind}: " + ", ".join(parts))
        return out or ["nothing changed"]


def _person_key(email: str, employee_id: str, name: str) -> tuple[str, str]:
    if employee_id:
        return ("employee_id", employee_id.lower())
    if email:
        return ("email", email.lower())
    return ("name", name.lower())


def _people_problems(snapshot: core.Snapshot) -> list[Problem]:
    """Two people of ``snapshot`` the database cannot hold or the load cannot tell apart:
    one email, one employee id, or (with neither) one name. The load matches people by
    employee id, then email, then name, ignoring capitals (:func:`_person_key`), so two
    people with one key would silently become one."""
    problems: list[Problem] = []
    people = snapshot.people
    emails: dict[str, int] = {}
    keys: dict[tuple[str, str], int] = {}
    for i, person in enumerate(people):
        if person.email:
            j = emails.setdefault(person.email, i)
            if j != i:
                problems.append(
                    Problem(
                        f"people[{i}].email",
                        f'"{person.email}" is also the email of {people[j].name} '
                        f"(people[{j}]); each person needs their own email, or none",
                    )
                )
                continue
        key = _person_key(person.email, person.employee_id, person.name)
        j = keys.setdefault(key, i)
        if j == i:
            continue
        other = people[j]
        if key[0] == "employee_id":
            same = "" if other.employee_id == person.employee_id else " (capitals aside)"
            problems.append(
                Problem(
                    f"people[{i}].employee_id",
                    f'"{person.employee_id}" is also the employee id of {other.name} '
                    f"(people[{j}]){same}; each person needs their own",
                )
            )
        elif key[0] == "email":
            problems.append(
                Problem(
                    f"people[{i}].email",
                    f'"{person.email}" is the email of {other.name} (people[{j}]) apart from '
                    "capitals, and people without an employee_id are told apart by email; "
                    "give one of them an employee_id or another email",
                )
            )
        else:
            problems.append(
                Problem(
                    f"people[{i}].name",
                    f'"{person.name}" is also people[{j}], and neither has an employee_id or '
                    "email to tell them apart; give one of them an employee_id or email",
                )
            )
    return problems


def check_loadable(snapshot: core.Snapshot) -> list[Problem]:
    """Problems the database would refuse that a file parser does not know about."""
    problems: list[Problem] = snapshot_problems(snapshot) + _people_problems(snapshot)
    open_accountable: dict[str, str] = {}
    person_index = {p.id: i for i, p in enumerate(snapshot.people)}
    seen_in_person: dict[str, int] = {}
    for assignment in snapshot.assignments:
        i = person_index.get(assignment.person_id, -1)
        j = seen_in_person.get(assignment.person_id, 0)
        seen_in_person[assignment.person_id] = j + 1
        where = f"people[{i}].seats[{j}]"
        if assignment.end is None and assignment.accountable:
            holder = open_accountable.get(assignment.seat_id)
            if holder is not None:
                seat = snapshot.seats_by_id.get(assignment.seat_id)
                name = seat.name if seat else assignment.seat_id
                problems.append(
                    Problem(
                        where,
                        f'"{name}" already has {holder} as its current accountable person; '
                        "give this assignment an end date or accountable: false",
                    )
                )
            else:
                person = snapshot.people_by_id.get(assignment.person_id)
                open_accountable[assignment.seat_id] = (
                    person.name if person else assignment.person_id
                )
        if not (0 < assignment.fte <= 1):
            problems.append(
                Problem(
                    f"{where}.fte",
                    f"{assignment.fte} is out of range; use more than 0 and at most 1",
                )
            )
    return problems


def load_snapshot(
    snapshot: core.Snapshot,
    *,
    actor: Membership | None,
    progress: Progress | None = None,
    note: str = "loaded from an org file",
) -> LoadSummary:
    """Make the practice ``snapshot.practice.slug`` match ``snapshot``; create it if new.

    ``actor`` None means the command line (trusted, audited with no user). A membership
    must be allowed to manage its practice and may only load into that practice. The
    snapshot's policy is validated and replaces the practice's (only values that differ
    from the defaults are stored).

    Runs inside the practice's writer lock (``tenancy.locking.practice_writer``): a
    second load, import or scenario publish of the same practice waits for this one and
    then reads what it left, or is refused naming who holds the practice.
    """
    problems = check_loadable(snapshot)
    policy: dict[str, object] = {}
    try:
        policy = Policy.from_mapping(dict(snapshot.practice.policy)).overrides()
    except InputError as err:
        problems.extend(Problem(f"practice.{p.where}", p.message, p.line) for p in err.problems)
    slug = snapshot.practice.slug
    if actor is not None:
        if not allows(actor.role, Action.MANAGE_PRACTICE):
            raise InputError(
                [Problem("practice", f"your role ({actor.role}) may not load an org file")]
            )
        if actor.practice.slug != slug:
            problems.append(
                Problem(
                    "practice.slug", f'"{slug}" is not this practice; use "{actor.practice.slug}"'
                )
            )
    if problems:
        raise InputError(problems)
    with practice_writer(slug, actor, note):
        return _Loader(snapshot, actor, progress, note, policy).run()


class _Loader:
    """One load: holds the id maps from snapshot ids to database rows."""

    def __init__(
        self,
        snapshot: core.Snapshot,
        actor: Membership | None,
        progress: Progress | None,
        note: str,
        policy: dict[str, object],
    ) -> None:
        self.snap = snapshot
        self.policy = policy
        self.actor = actor
        self.progress = progress or (lambda stage, done, total: None)
        self.note = note
        self.summary = LoadSummary()
        self.audit: list[AuditRow] = []
        # The "after" of each created row's record, so a value set in a later pass (a new
        # seat's reporting line) lands in its creation record.
        self.created_after: dict[tuple[str, Any], dict[str, Any]] = {}

    # -- audit ---------------------------------------------------------------------------
    def _audit(
        self,
        action: AuditAction,
        obj: Any,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.audit.append((action, obj._meta.label_lower, str(obj.pk), str(obj), before, after))

    def _count(self, bucket: dict[str, int], kind: str, n: int = 1) -> None:
        bucket[kind] = bucket.get(kind, 0) + n

    # -- the generic sync ---------------------------------------------------------------
    def _sync(
        self,
        kind: str,
        model: type[Any],
        existing: dict[Any, Any],
        wanted: list[tuple[Any, dict[str, Any]]],
    ) -> dict[Any, Any]:
        """Create/update rows so that each (key, values) in ``wanted`` exists; return key→row.

        Rows in ``existing`` whose key is not wanted are returned separately by the caller
        for deletion (ordering matters because of protected foreign keys).
        """
        result: dict[Any, Any] = {}
        to_create: list[Any] = []
        to_update: list[Any] = []
        queued: set[int] = set()  # id() of rows in to_update
        changed_fields: set[str] = set()
        # Compare foreign keys by id (``seat_id``), never by fetching the related row.
        attname = {f.name: f.attname for f in model._meta.concrete_fields}
        for key, values in wanted:
            row = existing.get(key)
            if row is None:
                row = model(practice_id=self.practice.pk, **values)
                to_create.append(row)
            else:
                if getattr(row, "archived_at", None) is not None:
                    # The file lists an archived object: it is back on the chart.
                    self._audit(
                        AuditAction.RESTORED,
                        row,
                        {"archived_at": row.archived_at.isoformat()},
                        {"archived_at": None},
                    )
                    row.archived_at = None
                    changed_fields.add("archived_at")
                    queued.add(id(row))
                    to_update.append(row)
                before = {f: _plain(getattr(row, attname[f])) for f in values}
                after = {f: _plain(v) for f, v in values.items()}
                if before != after:
                    diff = {f for f in values if before[f] != after[f]}
                    for f in diff:
                        setattr(row, f, values[f])
                    changed_fields |= diff
                    if id(row) not in queued:
                        queued.add(id(row))
                        to_update.append(row)
                    self._audit(
                        AuditAction.LOADED,
                        row,
                        {f: before[f] for f in diff},
                        {f: after[f] for f in diff},
                    )
            result[key] = row
        for i in range(0, len(to_create), BATCH):
            model.objects.bulk_create(to_create[i : i + BATCH])
            self.progress(kind, min(i + BATCH, len(to_create)), len(to_create))
        for row in to_create:
            after = {f: _plain(getattr(row, f)) for f in _fields_of(wanted)}
            self.created_after[(row._meta.label_lower, row.pk)] = after
            self._audit(AuditAction.CREATED, row, None, after)
        if to_update:
            model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH)
        self._count(self.summary.created, kind, len(to_create))
        self._count(self.summary.updated, kind, len(to_update))
        return result

    # For registered load sections (see register_load_section).
    def sync(
        self, kind: str, model: type[Any], existing: dict[Any, Any], wanted: list[Any]
    ) -> dict[Any, Any]:
        """Create or update rows of another app's table like the chart's own (audited)."""
        return self._sync(kind, model, existing, wanted)

    def delete(self, kind: str, rows: list[Any]) -> None:
        """Delete rows of another app's table like the chart's own (audited)."""
        self._delete(kind, rows)

    def _delete(self, kind: str, rows: list[Any]) -> None:
        # Archived objects are not in exported files: a file without them keeps them.
        rows = [r for r in rows if getattr(r, "archived_at", None) is None]
        if not rows:
            return
        for row in rows:
            self._audit(AuditAction.DELETED, row, {"name": str(row)}, None)
        model = type(rows[0])
        pks = [r.pk for r in rows]
        for i in range(0, len(pks), BATCH):
            model.objects.filter(pk__in=pks[i : i + BATCH]).delete()
        self._count(self.summary.deleted, kind, len(rows))

    # -- people's unique values ---------------------------------------------------------
    def _people_clashes(self) -> list[Problem]:
        """The file's emails and employee ids that a person the load keeps already has.

        People are matched by key (:func:`_person_key`); the practice's people no file
        person matches are deleted, except archived ones (a file never lists them) and a
        second row with a key an earlier row has, which the load never touches. Those
        keep their emails and employee ids, so a file person may not take them. Sets
        ``people_by_key`` (the matchable rows) for the people step.
        """
        self.people_by_key: dict[tuple[str, str], Person] = {}
        kept: list[Person] = []
        for row in self.people_rows:
            key = _person_key(row.email, row.employee_id, row.name)
            if key in self.people_by_key:
                kept.append(row)
            else:
                self.people_by_key[key] = row
        wanted = {_person_key(p.email, p.employee_id, p.name) for p in self.snap.people}
        kept += [
            row
            for key, row in self.people_by_key.items()
            if key not in wanted and row.archived_at is not None
        ]
        holders = {
            (field, value): row
            for row in kept
            for field, value in (("email", row.email), ("employee_id", row.employee_id))
            if value
        }
        problems: list[Problem] = []
        for i, person in enumerate(self.snap.people):
            for column, value in (("email", person.email), ("employee_id", person.employee_id)):
                row = holders.get((column, value)) if value else None
                if row is None:
                    continue
                why = "archived" if row.archived_at is not None else "not matched by this file"
                what = column.replace("_", " ")
                problems.append(
                    Problem(
                        f"people[{i}].{column}",
                        f'"{value}" is the {what} of {row.name}, who stays in the practice '
                        f"({why}); give {person.name} another {what}, or first restore and "
                        f"list {row.name} in the file or clear theirs",
                    )
                )
        return problems

    def _free_moved_values(self) -> None:
        """Clear the emails and employee ids that pass from one person row to another.

        A person whose employee id changed in the HR system arrives as a new person with
        the old one's email; the old row is deleted only at the end (after its
        assignments), and two people may swap values. The final state was checked
        (:func:`check_loadable`, :meth:`_people_clashes`), so clearing the values on their
        current rows first lets every row take its own. The rows in memory keep the old
        values, so the audit records show the real before and after.
        """
        final: dict[tuple[str, str], int | None] = {}
        for person in self.snap.people:
            row = self.people_by_key.get(_person_key(person.email, person.employee_id, person.name))
            owner = row.pk if row is not None else None
            for column, value in (("email", person.email), ("employee_id", person.employee_id)):
                if value:
                    final[(column, value)] = owner
        for column in ("email", "employee_id"):
            moving = [
                row.pk
                for row in self.people_by_key.values()
                if getattr(row, column)
                and (column, getattr(row, column)) in final
                and final[(column, getattr(row, column))] != row.pk
            ]
            if moving:
                Person.objects.filter(pk__in=moving).update(**{column: ""})

    # -- the load -----------------------------------------------------------------------
    def run(self) -> LoadSummary:
        snap = self.snap
        practice = Practice.objects.filter(slug=snap.practice.slug).first()
        # Checked before anything is written: the practice's people decide whether the
        # file's emails and employee ids fit (the rows are reused by the people step).
        self.people_rows = (
            list(Person.objects.filter(practice_id=practice.pk).order_by("pk"))
            if practice is not None
            else []
        )
        problems = self._people_clashes()
        if problems:
            raise InputError(problems)
        created = practice is None
        if practice is None:
            practice = Practice.objects.create(
                slug=snap.practice.slug, name=snap.practice.name, policy=self.policy
            )
        self.practice = practice
        self.summary.practice = practice
        if created:
            after: dict[str, Any] = {"name": practice.name, "slug": practice.slug}
            if self.policy:
                after["policy"] = self.policy
            self._audit(AuditAction.CREATED, practice, None, after)
        else:
            # The file's policy replaces the stored one (a file without one means defaults).
            wanted = {"name": snap.practice.name, "policy": self.policy}
            before = {
                f: getattr(practice, f) for f, v in wanted.items() if getattr(practice, f) != v
            }
            if before:
                for f in before:
                    setattr(practice, f, wanted[f])
                practice.save(update_fields=sorted(before))
                self._count(self.summary.updated, "practice")
                self._audit(AuditAction.LOADED, practice, before, {f: wanted[f] for f in before})
        pid = practice.pk

        # Locations, roles: no references out.
        locations = self._sync(
            "locations",
            Location,
            {row.name: row for row in Location.objects.filter(practice_id=pid)},
            [(loc.name, {"name": loc.name, "address": loc.address}) for loc in snap.locations],
        )
        loc_by_id = {loc.id: locations[loc.name] for loc in snap.locations}
        roles = self._sync(
            "roles",
            Role,
            {row.title: row for row in Role.objects.filter(practice_id=pid)},
            [
                (
                    role.title,
                    card_columns(card_of(role)),
                )
                for role in snap.roles
            ],
        )
        role_by_id = {role.id: roles[role.title] for role in snap.roles}
        # Teams first without their managing seat (seats refer to teams and back).
        existing_teams = {row.name: row for row in Team.objects.filter(practice_id=pid)}
        teams = self._sync(
            "teams",
            Team,
            existing_teams,
            [(team.name, {"name": team.name, "goal": team.goal}) for team in snap.teams],
        )
        team_by_id = {team.id: teams[team.name] for team in snap.teams}

        # Seats: create/update without the reporting line, then set it in a second pass.
        existing_seats = {row.name: row for row in Seat.objects.filter(practice_id=pid)}
        seats = self._sync(
            "seats",
            Seat,
            existing_seats,
            [
                (
                    seat.name,
                    {
                        "name": seat.name,
                        "kind": seat.kind.value,
                        "role": role_by_id.get(seat.role_id) if seat.role_id else None,
                        "location": loc_by_id.get(seat.location_id) if seat.location_id else None,
                        "team": team_by_id.get(seat.team_id) if seat.team_id else None,
                        "note": seat.note,
                    },
                )
                for seat in snap.seats
            ],
        )
        seat_by_id = {seat.id: seats[seat.name] for seat in snap.seats}
        wanted_seat_names = {seat.name for seat in snap.seats}
        doomed_seats = [
            row
            for name, row in existing_seats.items()
            if name not in wanted_seat_names and row.archived_at is None
        ]
        # Archived seats and people keep their links and history (a file never lists them).
        self.archived_seats = {
            row.pk for row in existing_seats.values() if row.archived_at is not None
        }
        # Reporting lines (second pass), including clearing lines that point at doomed seats.
        line_changes = []
        for seat in snap.seats:
            row = seat_by_id[seat.id]
            manager = seat_by_id.get(seat.reports_to) if seat.reports_to else None
            manager_pk = manager.pk if manager else None
            if seat.name not in existing_seats:
                # A new seat's creation record carries its reporting line.
                self.created_after[("org.seat", row.pk)]["reports_to"] = manager_pk
            if row.reports_to_id != manager_pk:
                before = {"reports_to": row.reports_to_id}
                row.reports_to_id = manager_pk
                line_changes.append(row)
                if seat.name in existing_seats:
                    self._audit(AuditAction.LOADED, row, before, {"reports_to": manager_pk})
        for row in doomed_seats:
            if row.reports_to_id is not None:
                row.reports_to_id = None
                line_changes.append(row)
        Seat.objects.filter(practice_id=pid, reports_to__in=doomed_seats).exclude(
            pk__in=[r.pk for r in line_changes]
        ).update(reports_to=None)
        Seat.objects.bulk_update(line_changes, ["reports_to"], batch_size=BATCH)
        # Team managers now that seats exist.
        team_updates = []
        for team in snap.teams:
            row = team_by_id[team.id]
            manager = seat_by_id.get(team.manager_seat_id) if team.manager_seat_id else None
            manager_pk = manager.pk if manager else None
            if row.manager_seat_id != manager_pk:
                self._audit(
                    AuditAction.LOADED,
                    row,
                    {"manager_seat": row.manager_seat_id},
                    {"manager_seat": manager_pk},
                )
                row.manager_seat_id = manager_pk
                team_updates.append(row)
        Team.objects.bulk_update(team_updates, ["manager_seat"], batch_size=BATCH)

        # Service links.
        existing_links = {
            (s, p): pk
            for pk, s, p in ServiceLink.objects.filter(practice_id=pid).values_list(
                "pk", "support_seat_id", "provider_seat_id"
            )
        }
        wanted_links = {
            (seat_by_id[seat.id].pk, seat_by_id[target].pk)
            for seat in snap.seats
            for target in seat.serves
            if target in seat_by_id
        }
        new_links = [
            ServiceLink(practice_id=pid, support_seat_id=s, provider_seat_id=p)
            for s, p in sorted(wanted_links - set(existing_links))
        ]
        ServiceLink.objects.bulk_create(new_links, batch_size=BATCH)
        for link in new_links:
            self._audit(
                AuditAction.CREATED,
                link,
                None,
                {"support_seat": link.support_seat_id, "provider_seat": link.provider_seat_id},
            )
        gone = sorted(
            (s, p)
            for s, p in set(existing_links) - wanted_links
            if s not in self.archived_seats and p not in self.archived_seats
        )
        gone_links = [existing_links[k] for k in gone]
        for (support, provider), pk in zip(gone, gone_links, strict=True):
            self.audit.append(
                (
                    AuditAction.DELETED,
                    "org.servicelink",
                    str(pk),
                    f"{support} serves {provider}",
                    {"support_seat": support, "provider_seat": provider},
                    None,
                )
            )
        ServiceLink.objects.filter(pk__in=gone_links).delete()
        self._count(self.summary.created, "service links", len(new_links))
        self._count(self.summary.deleted, "service links", len(gone_links))

        # People.
        existing_people = self.people_by_key
        self._free_moved_values()
        wanted_people = []
        key_by_person_id: dict[str, tuple[str, str]] = {}
        for person in snap.people:
            key = _person_key(person.email, person.employee_id, person.name)
            key_by_person_id[person.id] = key
            wanted_people.append(
                (
                    key,
                    {
                        "name": person.name,
                        "preferred_name": person.preferred_name,
                        "email": person.email,
                        "employee_id": person.employee_id,
                    },
                )
            )
        people = self._sync("people", Person, existing_people, wanted_people)
        person_by_id = {pid_: people[key] for pid_, key in key_by_person_id.items()}

        # Assignments.
        existing_assignments = {
            (row.person_id, row.seat_id, row.start): row
            for row in Assignment.objects.filter(practice_id=pid)
        }
        wanted_assignments = []
        for a in snap.assignments:
            person_row = person_by_id.get(a.person_id)
            seat_row = seat_by_id.get(a.seat_id)
            if person_row is None or seat_row is None:
                continue
            wanted_assignments.append(
                (
                    (person_row.pk, seat_row.pk, a.start),
                    {
                        "person": person_row,
                        "seat": seat_row,
                        "start": a.start,
                        "end": a.end,
                        "fte": decimal.Decimal(str(a.fte)).quantize(decimal.Decimal("0.01")),
                        "level": a.level.value,
                        "accountable": a.accountable,
                    },
                )
            )
        wanted_keys = {key for key, _ in wanted_assignments}
        # Delete before creating: a replaced accountable assignment must make room first.
        archived_people = {
            row.pk for row in existing_people.values() if row.archived_at is not None
        }
        self._delete(
            "assignments",
            [
                row
                for key, row in existing_assignments.items()
                if key not in wanted_keys
                and row.seat_id not in self.archived_seats
                and row.person_id not in archived_people
            ],
        )
        self._sync(
            "assignments",
            Assignment,
            {k: v for k, v in existing_assignments.items() if k in wanted_keys},
            wanted_assignments,
        )

        # Sections of other apps now that seats and locations exist.
        self.seat_by_id, self.location_by_id = seat_by_id, loc_by_id
        for section in _LOAD_SECTIONS:
            section(self)

        # Deletions of everything the file no longer has, dependants first.
        self._delete("seats", doomed_seats)
        wanted_people_keys = {key for key, _ in wanted_people}
        self._delete(
            "people", [row for key, row in existing_people.items() if key not in wanted_people_keys]
        )
        self._delete("teams", [row for key, row in existing_teams.items() if key not in teams])
        self._delete(
            "roles", [row for row in Role.objects.filter(practice_id=pid) if row.title not in roles]
        )
        self._delete(
            "locations",
            [row for row in Location.objects.filter(practice_id=pid) if row.name not in locations],
        )
        record_many(
            practice_id=pid,
            actor_id=self.actor.user_id if self.actor else None,
            note=self.note,
            rows=self.audit,
            progress=self.progress,
        )
        return self.summary


def _plain(value: Any) -> Any:
    """A comparable, JSON-safe form of a field value (rows become their primary keys)."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _fields_of(wanted: list[tuple[Any, dict[str, Any]]]) -> list[str]:
    return list(wanted[0][1]) if wanted else []
