"""What a roster re-import would change in a practice: a plan, computed in pure Python.

Importing a roster is not "make the practice equal to the file" (that is
``org.loading.load_snapshot``, which deletes what a file lacks). A roster is the HR view of
who works where today; the chart keeps its history. So the plan matches each person in
the file to a person in the practice (by employee id, then work email, then, for rows
with neither, a unique exact name) and decides, per person:

* **new hire**: not in the practice yet; gets a person and an assignment in a seat;
* **leaver**: terminated in the file (or no longer in it): current assignments end
  (on the termination date, else today) and nothing is deleted;
* **transfer** / **title change**: the seat's location / role differs from the file's:
  the old assignment ends today and a new one starts in the right seat;
* **unchanged**: the same role at the same location (FTE, level and details may update).

A "seat" for a new assignment is a vacant seat of the same role at the same location if
the practice has one (a backfill), otherwise a new seat. The reporting line, team and note
of every seat the file speaks for follow the file. Former employees who were never in the
practice are not added: their seats would only be vacancies that no longer exist.

This module imports nothing from Django: ``services`` feeds it a snapshot of the database
(``org.snapshot.build_snapshot``) and applies the plan it returns; the database-free
``roster-to-org`` command uses :func:`drop_former_employees`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from practiceos.core.limits import TEXT
from practiceos.core.model import Assignment, Person, Role, Snapshot
from practiceos.core.problems import Problem
from practiceos.core.roster import Field, RosterResult, RosterTable
from practiceos.core.roster.build import cell_text

#: Examples of each kind of change kept in a summary (the counts are always exact).
EXAMPLES = 8
#: Names of people an import ends kept in its summary (the preview lists them all up to this).
ENDING_NAMES = 1000
#: Field lengths of the database columns (``core.limits``), checked before anything is written.
MAX = {
    "person": TEXT["person.name"],
    "email": TEXT["person.email"],
    "employee_id": TEXT["person.employee_id"],
    "role": TEXT["role.title"],
    "location": TEXT["location.name"],
}
MAX_TEAM, MAX_SEAT, MAX_NOTE = TEXT["team.name"], TEXT["seat.name"], TEXT["seat.note"]
_HUNDREDTH = decimal.Decimal("0.01")
# Notes the roster import itself writes (see core.roster.build): these are replaced or
# cleared on re-import; a note a person typed is left alone when the file has none.
_IMPORT_NOTE = re.compile(
    r"\brow \d+\b|^unreadable hire date|^termination date .* before hire date|also on row"
)


class ChangeKind(StrEnum):
    """What a re-import does to one person."""

    HIRE = "hire"
    REHIRE = "rehire"
    LEAVER = "leaver"
    ABSENT = "absent"  # in the practice, not in the file: treated as a leaver, ended today
    TRANSFER = "transfer"
    TITLE = "title"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # left before ever being in the practice


#: How each kind is named on the preview and in the command's summary.
CHANGE_LABELS: Mapping[ChangeKind, str] = {
    ChangeKind.HIRE: "new hires",
    ChangeKind.REHIRE: "rehires",
    ChangeKind.LEAVER: "leavers",
    ChangeKind.ABSENT: "not in the file (ended)",
    ChangeKind.TRANSFER: "transfers",
    ChangeKind.TITLE: "title changes",
    ChangeKind.UNCHANGED: "unchanged",
    ChangeKind.SKIPPED: "former employees not added",
}


@dataclass(slots=True)
class PersonChange:
    """One person's change, for the summary (``row`` 0 for people not in the file)."""

    kind: ChangeKind
    row: int
    name: str
    detail: str


@dataclass(slots=True)
class NewSeat:
    """A seat to create; ``reports_to`` is a seat ref (an existing pk or ``new:<n>``)."""

    ref: str
    name: str
    kind: str
    role: str  # role title (existing or created by this plan)
    location: str  # location name
    team: str | None
    reports_to: str | None
    note: str
    depth: int = 0  # 0 reports to an existing seat or nobody; n+1 to a depth-n new seat


@dataclass(slots=True)
class NewPerson:
    """A person to create."""

    ref: str
    name: str
    preferred_name: str
    email: str
    employee_id: str


@dataclass(slots=True)
class NewAssignment:
    """An assignment to create; ``person`` and ``seat`` are refs (pk or ``new…:<n>``)."""

    person: str
    seat: str
    start: dt.date | None
    end: dt.date | None
    fte: decimal.Decimal
    level: str


@dataclass(slots=True)
class Update:
    """Changed fields of an existing row: ``{field: (before, after)}``."""

    pk: str
    changes: dict[str, tuple[Any, Any]]


@dataclass
class ImportPlan:
    """Everything an import would write, and every problem found on the way."""

    new_locations: list[str] = field(default_factory=list)
    new_roles: list[Role] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    new_seats: list[NewSeat] = field(default_factory=list)
    seat_updates: list[Update] = field(default_factory=list)  # reports_to / team / note
    team_managers: list[tuple[str, str | None, str]] = field(default_factory=list)
    new_people: list[NewPerson] = field(default_factory=list)
    person_updates: list[Update] = field(default_factory=list)
    ends: list[Update] = field(default_factory=list)  # assignment end dates
    new_assignments: list[NewAssignment] = field(default_factory=list)
    assignment_updates: list[Update] = field(default_factory=list)  # fte / level / end
    changes: list[PersonChange] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    blocking_problems: list[Problem] = field(default_factory=list)
    # Names of existing rows, for audit records and messages.
    seat_names: dict[str, str] = field(default_factory=dict)
    #: People with a current assignment in the practice before the import.
    current_people: int = 0
    #: Ending people (not in the file) whose seats are all at locations the file lacks:
    #: ``(name, locations)``.
    ending_elsewhere: list[tuple[str, str]] = field(default_factory=list)
    #: People left alone because the import was limited to the file's locations.
    left_alone: int = 0

    @property
    def ending(self) -> list[PersonChange]:
        """People in the practice but not in the file: their current seats end."""
        return [c for c in self.changes if c.kind is ChangeKind.ABSENT]

    def end_warnings(self, share: float) -> list[Problem]:
        """Why this plan needs an explicit confirmation before it ends anyone; empty when
        it may run as is. ``share`` is the policy's ``import_end_share``: a file that
        ends more than that share of the current people, or anyone at a location the file
        does not mention, is more often a partial export than a mass departure."""
        ending = self.ending
        out: list[Problem] = []
        if ending and self.current_people and len(ending) > share * self.current_people:
            out.append(
                Problem(
                    "ending",
                    f"this file would end {len(ending)} of the {self.current_people} people "
                    f"currently in the practice ({100 * len(ending) / self.current_people:.0f}%;"
                    f" the policy allows {100 * share:.0f}% without asking), because they are "
                    f"not in it: {_names([c.name for c in ending])}. If the file is a partial "
                    "export, limit the import to its locations or upload the whole roster",
                )
            )
        if self.ending_elsewhere:
            places = sorted({loc for _, loc in self.ending_elsewhere})
            out.append(
                Problem(
                    "ending",
                    f"this file has nobody at {_names(places, 'location')} but would end the "
                    f"{len(self.ending_elsewhere)} people there: "
                    f"{_names([n for n, _ in self.ending_elsewhere])}",
                )
            )
        return out

    @property
    def blocking(self) -> bool:
        """True when the plan must not be applied."""
        return bool(self.blocking_problems)

    @property
    def writes(self) -> int:
        """Number of rows the plan would create or change (0: nothing to do)."""
        return (
            len(self.new_locations)
            + len(self.new_roles)
            + len(self.new_teams)
            + len(self.new_seats)
            + len(self.seat_updates)
            + len(self.team_managers)
            + len(self.new_people)
            + len(self.person_updates)
            + len(self.ends)
            + len(self.new_assignments)
            + len(self.assignment_updates)
        )

    def counts(self) -> dict[str, int]:
        """People per kind of change (every kind present, zeros included)."""
        out = dict.fromkeys((k.value for k in ChangeKind), 0)
        for change in self.changes:
            out[change.kind.value] += 1
        return out

    def summary(self) -> dict[str, Any]:
        """A JSON-safe summary: counts, a few examples per kind, objects created/changed."""
        examples: dict[str, list[dict[str, Any]]] = {k.value: [] for k in ChangeKind}
        for change in self.changes:
            shown = examples[change.kind.value]
            if len(shown) < EXAMPLES and change.kind is not ChangeKind.UNCHANGED:
                shown.append({"row": change.row, "name": change.name, "detail": change.detail})
        reporting = sum(1 for u in self.seat_updates if "reports_to" in u.changes)
        return {
            "people": self.counts(),
            "examples": examples,
            "created": {
                "locations": len(self.new_locations),
                "roles": len(self.new_roles),
                "teams": len(self.new_teams),
                "seats": len(self.new_seats),
                "people": len(self.new_people),
                "assignments": len(self.new_assignments),
            },
            "changed": {
                "assignments ended": len(self.ends),
                "assignments updated": len(self.assignment_updates),
                "people's details": len(self.person_updates),
                "reporting lines": reporting,
                "seats' team or note": len(self.seat_updates) - reporting,
                "team managers": len(self.team_managers),
            },
            "writes": self.writes,
            "blocking": self.blocking,
            "ending": {
                "count": len(self.ending),
                "current": self.current_people,
                "names": [c.name for c in self.ending][:ENDING_NAMES],
                "elsewhere": [list(pair) for pair in self.ending_elsewhere][:ENDING_NAMES],
                "left_alone": self.left_alone,
            },
        }

    def summary_lines(self) -> list[str]:
        """The summary as short lines for the command line."""
        counts = self.counts()
        people = ", ".join(
            f"{CHANGE_LABELS[k]} {counts[k.value]}" for k in ChangeKind if counts[k.value]
        )
        s = self.summary()
        created = ", ".join(f"{k} {v}" for k, v in s["created"].items() if v)
        changed = ", ".join(f"{k} {v}" for k, v in s["changed"].items() if v)
        lines = [f"people: {people or 'none'}"]
        if created:
            lines.append(f"created: {created}")
        if changed:
            lines.append(f"changed: {changed}")
        if not self.writes:
            lines.append("nothing to change: the practice already matches the file")
        return lines


# --- helpers ---------------------------------------------------------------------------


def _names(names: list[str], noun: str = "person") -> str:
    """Up to 50 names, then how many more: a message stays readable at any size."""
    shown = ", ".join(f'"{n}"' for n in names[:50])
    more = len(names) - 50
    return shown + (f" and {more} more" if more > 0 else "") if names else f"no {noun}"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _id_key(text: str) -> str:
    # As core.roster does: payroll systems pad numeric ids ("000123") in one place only.
    key = text.strip().casefold()
    return (key.lstrip("0") or "0") if key.isdigit() else key


def _active(a: Assignment, today: dt.date) -> bool:
    # A future start still counts (a hire who starts next month has a seat waiting); a
    # known future last day keeps the assignment current until then.
    return a.end is None or a.end > today


def _fte(value: float) -> decimal.Decimal:
    number = decimal.Decimal(str(value)).quantize(_HUNDREDTH)
    return min(max(number, _HUNDREDTH), decimal.Decimal(1))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def person_rows(table: RosterTable) -> dict[str, int]:
    """The first row number of each person id ``roster_to_snapshot`` gives.

    Person ids are the employee id, else the email, else ``row-<n>`` (also used for rows
    whose id or email repeats an earlier row's), so every id of the snapshot is found.
    """
    i_id, i_email = table.index(Field.EMPLOYEE_ID), table.index(Field.EMAIL)
    rows: dict[str, int] = {}
    for row in table.rows:
        values = row.values
        pid = cell_text(values[i_id]) if i_id is not None else ""
        pid = pid or (cell_text(values[i_email]) if i_email is not None else "")
        if pid:
            rows.setdefault(pid, row.number)
        rows[f"row-{row.number}"] = row.number
    return rows


def drop_former_employees(snapshot: Snapshot, today: dt.date | None = None) -> Snapshot:
    """The snapshot without people whose every assignment has ended, nor their seats.

    A former employee's seat stays when a current seat still reports to it (directly or
    through other such seats): the file says that manager's seat exists, now vacant.
    """
    today = today or snapshot.as_of
    current_people = {a.person_id for a in snapshot.assignments if _active(a, today)}
    current_seats = {a.seat_id for a in snapshot.assignments if _active(a, today)}
    keep = _needed_seats(snapshot, current_seats)
    return dataclasses.replace(
        snapshot,
        seats=tuple(s for s in snapshot.seats if s.id in keep),
        people=tuple(p for p in snapshot.people if p.id in current_people),
        assignments=tuple(
            a for a in snapshot.assignments if a.person_id in current_people and a.seat_id in keep
        ),
        teams=tuple(
            dataclasses.replace(t, manager_seat_id=None)
            if t.manager_seat_id and t.manager_seat_id not in keep
            else t
            for t in snapshot.teams
        ),
    )


def _needed_seats(snapshot: Snapshot, current: Iterable[str]) -> set[str]:
    """Seats with a current assignment and every seat above them in the reporting line."""
    seats = snapshot.seats_by_id
    needed: set[str] = set()
    for start in current:
        node: str | None = start
        while node is not None and node not in needed and node in seats:
            needed.add(node)
            node = seats[node].reports_to
    return needed


# --- the planner -----------------------------------------------------------------------


class _Planner:
    """One plan: indexes over the database snapshot and the roster snapshot."""

    def __init__(
        self,
        db: Snapshot,
        result: RosterResult,
        rows: Mapping[str, int],
        today: dt.date,
        allow_unresolved: bool,
        only_file_locations: bool = False,
    ) -> None:
        self.only_file_locations = only_file_locations
        self.db = db
        self.roster = result.snapshot
        self.rows = rows
        self.today = today
        self.allow = allow_unresolved
        self.plan = ImportPlan(
            problems=list(result.problems),
            warnings=list(result.warnings),
            blocking_problems=list(result.blocking_problems),
        )
        self.plan.seat_names = {s.id: s.name for s in db.seats}
        # Database indexes.
        self.db_location_key = {loc.id: _key(loc.name) for loc in db.locations}
        self.db_role_key = {role.id: _key(role.title) for role in db.roles}
        self.location_names = {_key(loc.name): loc.name for loc in db.locations}
        self.role_titles = {_key(role.title): role.title for role in db.roles}
        self.team_names = {_key(team.name): team.name for team in db.teams}
        self.team_by_id = {team.id: team for team in db.teams}
        self.seat_pair: dict[str, tuple[str, str]] = {
            s.id: (
                self.db_role_key.get(s.role_id or "", ""),
                self.db_location_key.get(s.location_id or "", ""),
            )
            for s in db.seats
        }
        self.db_active: dict[str, list[Assignment]] = {}
        self.db_history: dict[str, list[Assignment]] = {}
        self.occupied: dict[str, int] = {}
        for a in db.assignments:
            if _active(a, today):
                self.db_active.setdefault(a.person_id, []).append(a)
                if a.accountable:
                    self.occupied[a.seat_id] = self.occupied.get(a.seat_id, 0) + 1
            else:
                self.db_history.setdefault(a.person_id, []).append(a)
        # Roster indexes.
        self.r_seats = self.roster.seats_by_id
        self.r_roles = self.roster.roles_by_id
        self.r_locations = self.roster.locations_by_id
        self.r_teams = self.roster.teams_by_id
        self.r_assignments: dict[str, list[Assignment]] = {}
        active_seats = []
        for a in self.roster.assignments:
            self.r_assignments.setdefault(a.person_id, []).append(a)
            if _active(a, today):
                active_seats.append(a.seat_id)
        self.needed = _needed_seats(self.roster, active_seats)
        # roster seat id -> seat ref in the practice (existing pk or "new:<n>")
        self.seat_map: dict[str, str] = {}
        self.decided: set[str] = set()  # refs whose reporting line the file decides
        self.pending_active: list[tuple[str, Assignment]] = []  # (person ref, roster assignment)
        self.pending_needed: list[str] = []  # roster seat ids of needed former seats
        self.new_seat_index: dict[str, NewSeat] = {}
        self.used_seat_names = {_key(s.name) for s in db.seats}
        self.person_final: dict[str, tuple[str, str]] = {}  # ref -> (email, employee id)
        self.ref_row: dict[str, int] = {}  # person ref -> row in the file
        self.order = {s.id: i for i, s in enumerate(self.roster.seats)}
        self.file_locations = {_key(loc.name) for loc in self.roster.locations}
        self.plan.current_people = len(self.db_active)

    # -- names and keys --------------------------------------------------------------
    def r_pair(self, seat_id: str) -> tuple[str, str]:
        seat = self.r_seats[seat_id]
        role = self.r_roles.get(seat.role_id or "")
        location = self.r_locations.get(seat.location_id or "")
        return (
            _key(role.title if role else seat.role_id or ""),
            _key(location.name if location else seat.location_id or ""),
        )

    def r_label(self, seat_id: str) -> str:
        seat = self.r_seats[seat_id]
        role = self.r_roles.get(seat.role_id or "")
        location = self.r_locations.get(seat.location_id or "")
        return f"{role.title if role else seat.role_id} at {location.name if location else seat.location_id}"

    def db_label(self, seat_id: str) -> str:
        seat = self.db.seats_by_id.get(seat_id)
        if seat is None:
            return seat_id
        role = self.db.roles_by_id.get(seat.role_id or "")
        location = self.db.locations_by_id.get(seat.location_id or "")
        if role and location:
            return f"{role.title} at {location.name}"
        return seat.name

    def row_of(self, person_id: str) -> int:
        return self.rows.get(person_id, 0)

    def problem(self, row: int, label: str, message: str, *, settled: bool) -> None:
        problem = Problem(f"row {row}, {label}" if row else label, message)
        self.plan.problems.append(problem)
        if not (settled and self.allow):
            self.plan.blocking_problems.append(problem)

    def warn(self, row: int, label: str, message: str) -> None:
        self.plan.warnings.append(Problem(f"row {row}, {label}" if row else label, message))

    # -- 1. people ---------------------------------------------------------------------
    def match_people(self) -> dict[str, str | None]:
        by_id: dict[str, str] = {}
        by_email: dict[str, str] = {}
        by_name: dict[str, list[str]] = {}
        for p in self.db.people:
            if p.employee_id:
                by_id.setdefault(_id_key(p.employee_id), p.id)
            if p.email:
                by_email.setdefault(p.email.casefold(), p.id)
            by_name.setdefault(_key(p.name), []).append(p.id)
        taken: set[str] = set()
        matched: dict[str, str | None] = {}
        for person in self.roster.people:
            found = None
            for candidate in (
                by_id.get(_id_key(person.employee_id)) if person.employee_id else None,
                by_email.get(person.email.casefold()) if person.email else None,
            ):
                if candidate is not None and candidate not in taken:
                    found = candidate
                    break
            if found is None and not person.employee_id and not person.email:
                # Neither id nor email in the file: an exact, unique name is the last resort
                # (otherwise every re-import of such a file would add everyone again).
                same = [p for p in by_name.get(_key(person.name), []) if p not in taken]
                if len(same) == 1:
                    found = same[0]
            if found is not None:
                taken.add(found)
            matched[person.id] = found
        return matched

    # -- 2. assignments ----------------------------------------------------------------
    def run(self) -> ImportPlan:
        matched = self.match_people()
        matched_db = {v for v in matched.values() if v is not None}
        new_count = 0
        for person in self.roster.people:
            db_id = matched[person.id]
            wanted = self.r_assignments.get(person.id, [])
            if db_id is None:
                if any(_active(a, self.today) for a in wanted):
                    ref = f"newp:{new_count}"
                    new_count += 1
                    self.plan.new_people.append(
                        NewPerson(
                            ref,
                            person.name,
                            person.preferred_name,
                            person.email,
                            person.employee_id,
                        )
                    )
                    self.person_final[ref] = (person.email, person.employee_id)
                    self.ref_row[ref] = self.row_of(person.id)
                    self.new_hire(person, ref, wanted)
                else:
                    self.former(person, wanted)
            else:
                self.ref_row[db_id] = self.row_of(person.id)
                self.update_person(person, db_id)
                self.existing(person, db_id, wanted)
        for db_person in self.db.people:
            if db_person.id not in matched_db and self.db_active.get(db_person.id):
                self.absent(db_person)
        self.place_pending()
        self.set_seat_lines()
        self.break_cycles()
        self.set_teams()
        self.check_unique_details()
        self.check_lengths()
        self.plan.changes.sort(key=lambda c: (c.row == 0, c.row, c.name))
        return self.plan

    def new_hire(self, person: Person, ref: str, wanted: list[Assignment]) -> None:
        labels = []
        for a in wanted:
            if _active(a, self.today):
                self.pending_active.append((ref, a))
                labels.append(self.r_label(a.seat_id))
            elif a.seat_id in self.needed:
                self.pending_needed.append(a.seat_id)
        self.plan.changes.append(
            PersonChange(ChangeKind.HIRE, self.row_of(person.id), person.name, " + ".join(labels))
        )

    def former(self, person: Person, wanted: list[Assignment]) -> None:
        for a in wanted:
            if a.seat_id in self.needed:
                self.pending_needed.append(a.seat_id)
        last = max((a.end for a in wanted if a.end), default=None)
        self.plan.changes.append(
            PersonChange(
                ChangeKind.SKIPPED,
                self.row_of(person.id),
                person.name,
                f"left {last.isoformat()}" if last else "left",
            )
        )

    def absent(self, db_person: Person) -> None:
        places = {
            self.db_location_key.get(self.db.seats_by_id[a.seat_id].location_id or "", "")
            if a.seat_id in self.db.seats_by_id
            else ""
            for a in self.db_active[db_person.id]
        }
        elsewhere = not (places & self.file_locations)
        if elsewhere and self.only_file_locations:
            self.plan.left_alone += 1
            return
        if elsewhere:
            names = sorted(self.location_names.get(p, p) for p in places if p)
            self.plan.ending_elsewhere.append((db_person.name, ", ".join(names) or "no location"))
        labels = []
        for a in self.db_active[db_person.id]:
            self.end(a, self.today)
            labels.append(self.db_label(a.seat_id))
        self.plan.changes.append(
            PersonChange(
                ChangeKind.ABSENT,
                0,
                db_person.name,
                f"{' + '.join(labels)} ends {self.today.isoformat()}",
            )
        )

    def end(self, a: Assignment, on: dt.date) -> dt.date:
        # The database refuses an end before the start (a hire dated after a transfer).
        if a.start is not None and on < a.start:
            on = a.start
        self.plan.ends.append(
            Update(a.id, {"end": (a.end.isoformat() if a.end else None, on.isoformat())})
        )
        if a.accountable:
            self.occupied[a.seat_id] = self.occupied.get(a.seat_id, 1) - 1
        return on

    def existing(self, person: Person, db_id: str, wanted: list[Assignment]) -> None:
        row = self.row_of(person.id)
        have = list(self.db_active.get(db_id, []))
        by_pair: dict[tuple[str, str], list[Assignment]] = {}
        for a in have:
            by_pair.setdefault(self.seat_pair.get(a.seat_id, ("", "")), []).append(a)
        active_wanted = [a for a in wanted if _active(a, self.today)]
        ended_wanted = [a for a in wanted if not _active(a, self.today)]
        last_day = max((a.end for a in ended_wanted if a.end), default=self.today)
        paired: set[str] = set()
        started: list[Assignment] = []  # roster assignments needing a seat
        ended: list[Assignment] = []  # database assignments this import ends
        leaving_on: dt.date | None = None
        for r in active_wanted + ended_wanted:
            bucket = by_pair.get(self.r_pair(r.seat_id))
            d = bucket.pop(0) if bucket else None
            if d is None:
                if _active(r, self.today):
                    self.pending_active.append((db_id, r))
                    started.append(r)
                elif r.seat_id in self.needed:
                    self.former_seat(db_id, r)
                continue
            paired.add(d.id)
            self.seat_map.setdefault(r.seat_id, d.seat_id)
            if _active(r, self.today):
                self.decided.add(r.seat_id)
                self.update_assignment(d, r)
            else:
                leaving_on = self.end(d, r.end or self.today)
                ended.append(d)
        for d in have:
            if d.id not in paired:
                # Moved (ends today), or left with a seat the file describes differently.
                leaving_on = self.end(d, self.today if active_wanted else last_day)
                ended.append(d)
        ended_labels = " + ".join(self.db_label(d.seat_id) for d in ended)
        started_labels = " + ".join(self.r_label(r.seat_id) for r in started)
        if not have and active_wanted:
            kind, detail = ChangeKind.REHIRE, started_labels
        elif have and not active_wanted:
            when = (leaving_on or self.today).isoformat()
            kind, detail = ChangeKind.LEAVER, f"{ended_labels} ends {when}"
        elif started or ended:
            old_places = {self.seat_pair.get(d.seat_id, ("", ""))[1] for d in ended}
            new_places = {self.r_pair(r.seat_id)[1] for r in started}
            moved = bool(old_places and new_places and old_places != new_places)
            kind = ChangeKind.TRANSFER if moved else ChangeKind.TITLE
            detail = f"{ended_labels or 'no seat'} → {started_labels or 'no new seat'}"
        else:
            kind, detail = ChangeKind.UNCHANGED, ""
        self.plan.changes.append(PersonChange(kind, row, person.name, detail))

    def former_seat(self, db_id: str, r: Assignment) -> None:
        """A needed seat of someone who has left: the seat they held in the practice."""
        pair = self.r_pair(r.seat_id)
        for old in reversed(self.db_history.get(db_id, [])):
            if self.seat_pair.get(old.seat_id) == pair:
                self.seat_map.setdefault(r.seat_id, old.seat_id)
                return
        self.pending_needed.append(r.seat_id)

    def update_assignment(self, d: Assignment, r: Assignment) -> None:
        changes: dict[str, tuple[Any, Any]] = {}
        fte = _fte(r.fte)
        if abs(decimal.Decimal(str(d.fte)) - fte) >= _HUNDREDTH:
            changes["fte"] = (str(decimal.Decimal(str(d.fte)).quantize(_HUNDREDTH)), str(fte))
        if d.level != r.level:
            changes["level"] = (str(d.level), str(r.level))
        if d.end != r.end:
            changes["end"] = (
                d.end.isoformat() if d.end else None,
                r.end.isoformat() if r.end else None,
            )
        if changes:
            self.plan.assignment_updates.append(Update(d.id, changes))

    def update_person(self, person: Person, db_id: str) -> None:
        current = self.db.people_by_id[db_id]
        changes: dict[str, tuple[Any, Any]] = {}
        if person.name and person.name != current.name:
            changes["name"] = (current.name, person.name)
        if person.preferred_name and person.preferred_name != current.preferred_name:
            changes["preferred_name"] = (current.preferred_name, person.preferred_name)
        # A blank cell never erases what the practice knows; a different spelling of the
        # same value (case, leading zeros) is not a change.
        if person.email and person.email.casefold() != current.email.casefold():
            changes["email"] = (current.email, person.email)
        if person.employee_id and _id_key(person.employee_id) != _id_key(current.employee_id):
            changes["employee_id"] = (current.employee_id, person.employee_id)
        if changes:
            self.plan.person_updates.append(Update(db_id, changes))
        self.person_final[db_id] = (
            changes["email"][1] if "email" in changes else current.email,
            changes["employee_id"][1] if "employee_id" in changes else current.employee_id,
        )

    # -- 3. seats ----------------------------------------------------------------------
    def place_pending(self) -> None:
        pool: dict[tuple[str, str], list[str]] = {}
        for seat in sorted(self.db.seats, key=lambda s: int(s.id) if s.id.isdigit() else 0):
            if self.occupied.get(seat.id, 0) <= 0:
                pool.setdefault(self.seat_pair[seat.id], []).append(seat.id)
        for buckets in pool.values():
            buckets.reverse()  # pop() from the end gives the lowest id first
        for person_ref, r in self.pending_active:
            bucket = pool.get(self.r_pair(r.seat_id))
            seat_ref = bucket.pop() if bucket else self.new_seat(r.seat_id)
            self.seat_map.setdefault(r.seat_id, seat_ref)
            self.decided.add(r.seat_id)
            # A move inside the practice starts today (the hire date is long past); a hire
            # or rehire starts on the file's hire date.
            start = self.today if self.db_active.get(person_ref) else r.start
            self.plan.new_assignments.append(
                NewAssignment(person_ref, seat_ref, start, r.end, _fte(r.fte), str(r.level))
            )
        for seat_id in self.pending_needed:
            if seat_id in self.seat_map:
                continue
            bucket = pool.get(self.r_pair(seat_id))
            self.seat_map[seat_id] = bucket.pop() if bucket else self.new_seat(seat_id)
        # Needed former seats speak for their reporting line too (they are in the chart).
        for seat_id in self.needed:
            if seat_id in self.seat_map:
                self.decided.add(seat_id)

    def new_seat(self, roster_seat_id: str) -> str:
        seat = self.r_seats[roster_seat_id]
        role = self.r_roles.get(seat.role_id or "")
        location = self.r_locations.get(seat.location_id or "")
        role_title = role.title if role else (seat.role_id or "Staff")
        location_name = location.name if location else (seat.location_id or "")
        role_title = self.role_titles.get(_key(role_title), role_title)
        location_name = self.location_names.get(_key(location_name), location_name)
        ref = f"new:{len(self.plan.new_seats)}"
        new = NewSeat(
            ref=ref,
            name=self.seat_name(seat.name, role_title, location_name),
            kind=str(seat.kind),
            role=role_title,
            location=location_name,
            team=None,
            reports_to=None,
            note="",
        )
        self.plan.new_seats.append(new)
        self.new_seat_index[ref] = new
        if _key(role_title) not in self.role_titles:
            self.role_titles[_key(role_title)] = role_title
            self.plan.new_roles.append(
                Role(
                    id=role_title,
                    title=role_title,
                    kind=role.kind if role else seat.kind,
                    provider_lead=role.provider_lead if role else False,
                    template=role.template if role else "",
                )
            )
        if _key(location_name) not in self.location_names:
            self.location_names[_key(location_name)] = location_name
            self.plan.new_locations.append(location_name)
        return ref

    def seat_name(self, wanted: str, role: str, location: str) -> str:
        """The file's seat name if the practice has no such seat, else a numbered one."""
        candidates = [wanted] if wanted else []
        base = f"{_cut(role, 70)} — {_cut(location, 70)}"
        candidates.append(base)
        for name in candidates:
            if len(name) <= MAX_SEAT and _key(name) not in self.used_seat_names:
                self.used_seat_names.add(_key(name))
                return name
        number = 2
        while _key(f"{base} {number}") in self.used_seat_names:
            number += 1
        name = f"{base} {number}"
        self.used_seat_names.add(_key(name))
        return name

    def set_seat_lines(self) -> None:
        """Reporting line, team and note of every seat the file speaks for."""
        done: set[str] = set()
        for roster_id in sorted(self.decided, key=self._roster_order):
            ref = self.seat_map[roster_id]
            if ref in done:
                continue  # two rows in one seat (a job share): the first decides
            done.add(ref)
            seat = self.r_seats[roster_id]
            manager = self.seat_map.get(seat.reports_to) if seat.reports_to else None
            if manager == ref:
                manager = None
            team = None
            if seat.team_id:
                team_obj = self.r_teams.get(seat.team_id)
                team = self.team_name(team_obj.name if team_obj else seat.team_id)
            note = _cut(seat.note, MAX_NOTE)
            new = self.new_seat_index.get(ref)
            if new is not None:
                new.reports_to, new.team, new.note = manager, team, note
                continue
            current = self.db.seats_by_id[ref]
            changes: dict[str, tuple[Any, Any]] = {}
            if seat.reports_to is not None and manager is None:
                pass  # the manager's seat is not in the practice: keep today's line
            elif manager != current.reports_to:
                changes["reports_to"] = (current.reports_to, manager)
            current_team = self.team_by_id.get(current.team_id or "")
            if team is not None and (current_team is None or current_team.name != team):
                changes["team"] = (current_team.name if current_team else None, team)
            if note != current.note and (note or _IMPORT_NOTE.search(current.note)):
                changes["note"] = (current.note, note)
            if changes:
                self.plan.seat_updates.append(Update(ref, changes))

    def _roster_order(self, roster_id: str) -> int:
        return self.order.get(roster_id, 0)

    def team_name(self, name: str) -> str:
        key = _key(name)
        known = self.team_names.get(key)
        if known is None:
            known = self.team_names[key] = _cut(name, MAX_TEAM)
            self.plan.new_teams.append(known)
        return known

    def break_cycles(self) -> None:
        """The file has no cycles, but mixed with seats it does not mention it could."""
        parent: dict[str, str | None] = {s.id: s.reports_to for s in self.db.seats}
        for update in self.plan.seat_updates:
            if "reports_to" in update.changes:
                parent[update.pk] = update.changes["reports_to"][1]
        for new in self.plan.new_seats:
            parent[new.ref] = new.reports_to
        state: dict[str, int] = {}
        for start in parent:
            walk = []
            node: str | None = start
            while node is not None and state.get(node, 0) == 0:
                state[node] = 1
                walk.append(node)
                node = parent.get(node)
            if node is not None and state.get(node) == 1:
                cycle = walk[walk.index(node) :]
                breaker = next((n for n in cycle if n.startswith("new:")), cycle[0])
                names = " → ".join(self.name_of(n) for n in cycle)
                self.warn(0, "manager", f"reporting cycle with seats not in the file: {names}")
                self.set_line(breaker, None, f"reporting cycle broken here: {names}")
                parent[breaker] = None
            for visited in walk:
                state[visited] = 2
        # Depths for creating new seats managers first.
        for new in self.plan.new_seats:
            depth, node = 0, new.reports_to
            while node is not None and node.startswith("new:"):
                depth += 1
                node = self.new_seat_index[node].reports_to
            new.depth = depth

    def name_of(self, ref: str) -> str:
        new = self.new_seat_index.get(ref)
        return new.name if new else self.plan.seat_names.get(ref, ref)

    def set_line(self, ref: str, manager: str | None, note: str) -> None:
        new = self.new_seat_index.get(ref)
        if new is not None:
            new.reports_to, new.note = manager, _cut(note, MAX_NOTE)
            return
        current = self.db.seats_by_id[ref]
        for update in self.plan.seat_updates:
            if update.pk == ref:
                update.changes["reports_to"] = (current.reports_to, manager)
                update.changes["note"] = (current.note, _cut(note, MAX_NOTE))
                return
        self.plan.seat_updates.append(
            Update(
                ref,
                {
                    "reports_to": (current.reports_to, manager),
                    "note": (current.note, _cut(note, MAX_NOTE)),
                },
            )
        )

    def set_teams(self) -> None:
        for team in self.roster.teams:
            if not team.manager_seat_id or team.manager_seat_id not in self.seat_map:
                continue
            name = self.team_name(team.name)
            manager = self.seat_map[team.manager_seat_id]
            existing = next(
                (t for t in self.db.teams if t.name == name), None
            )  # few teams: a scan is fine
            before = existing.manager_seat_id if existing else None
            if before != manager:
                self.plan.team_managers.append((name, before, manager))

    # -- 4. checks ---------------------------------------------------------------------
    def check_unique_details(self) -> None:
        """Emails and employee ids must stay unique in the practice after the import."""
        final = dict(self.person_final)
        for p in self.db.people:
            final.setdefault(p.id, (p.email, p.employee_id))
        updates = {u.pk: u for u in self.plan.person_updates}
        new_people = {n.ref: n for n in self.plan.new_people}
        for position, label, keyer in ((0, "email", str.casefold), (1, "employee id", _id_key)):
            field_name = "email" if position == 0 else "employee_id"
            for _round in range(5):  # dropping a change can only free values: few rounds
                owners: dict[str, list[str]] = {}
                for ref, values in final.items():
                    if values[position]:
                        owners.setdefault(keyer(values[position]), []).append(ref)
                clashes = [refs for refs in owners.values() if len(refs) > 1]
                if not clashes:
                    break
                for refs in clashes:

                    def changed(ref: str, field_name: str = field_name) -> bool:
                        return ref in new_people or (
                            ref in updates and field_name in updates[ref].changes
                        )

                    # Only rows of this file share the value: the roster check has already
                    # reported the repeat at the later row; the first row keeps it.
                    from_file = all(changed(ref) for ref in refs)
                    dropped = refs
                    if from_file:
                        dropped = sorted(refs, key=lambda ref: self.ref_row.get(ref, 0))[1:]
                    for ref in dropped:
                        if not changed(ref):
                            continue
                        value = final[ref][position]
                        other = next(r for r in refs if r != ref)
                        other_name = self.person_name(other)
                        row = self.ref_row.get(ref, 0)
                        if not from_file:
                            self.problem(
                                row,
                                label,
                                f'"{value}" already belongs to {other_name} in the practice; '
                                f"this row was matched to someone else"
                                if ref not in new_people
                                else f'"{value}" already belongs to {other_name} in the practice',
                                settled=True,
                            )
                        if ref in new_people:
                            setattr(new_people[ref], field_name, "")
                            final[ref] = (
                                ("", final[ref][1]) if position == 0 else (final[ref][0], "")
                            )
                        else:
                            old = updates[ref].changes.pop(field_name)[0]
                            final[ref] = (
                                (old, final[ref][1]) if position == 0 else (final[ref][0], old)
                            )
        self.plan.person_updates = [u for u in self.plan.person_updates if u.changes]

    def person_name(self, ref: str) -> str:
        for n in self.plan.new_people:
            if n.ref == ref:
                return f'"{n.name}" (a new person in this file)'
        person = self.db.people_by_id.get(ref)
        return f'"{person.name}"' if person else ref

    def check_lengths(self) -> None:
        """Values longer than the database columns: reported with their row, never cut silently."""
        for person in self.roster.people:
            row = self.row_of(person.id)
            for label, value, limit in (
                ("name", person.name, MAX["person"]),
                ("preferred name", person.preferred_name, TEXT["person.preferred_name"]),
                ("email", person.email, MAX["email"]),
                ("employee id", person.employee_id, MAX["employee_id"]),
            ):
                if len(value) > limit:
                    self.problem(
                        row,
                        label,
                        f'"{_cut(value, 40)}" is {len(value)} characters long; at most {limit} fit',
                        settled=False,
                    )
        seen: set[str] = set()
        for new in self.plan.new_seats:
            for label, value, limit in (
                ("job title", new.role, MAX["role"]),
                ("location", new.location, MAX["location"]),
            ):
                if len(value) > limit and value not in seen:
                    seen.add(value)
                    self.problem(
                        0,
                        label,
                        f'"{_cut(value, 40)}" is {len(value)} characters long; at most {limit} fit',
                        settled=False,
                    )


def plan_changes(
    db: Snapshot,
    result: RosterResult,
    *,
    rows: Mapping[str, int],
    today: dt.date,
    allow_unresolved: bool = False,
    only_file_locations: bool = False,
) -> ImportPlan:
    """The plan that makes the practice in ``db`` follow the roster ``result``.

    ``db`` is the practice as ``build_snapshot`` gives it (ids are primary keys);
    ``rows`` maps the roster's person ids to their row numbers (:func:`person_rows`).
    Problems of the roster itself come first in ``problems``; ``blocking_problems`` says
    whether the plan may be applied (``allow_unresolved`` settles what it can).
    ``only_file_locations`` leaves alone people absent from the file whose current seats
    are all at locations the file does not mention (a per-location export).
    """
    return _Planner(db, result, rows, today, allow_unresolved, only_file_locations).run()


__all__ = [
    "CHANGE_LABELS",
    "ChangeKind",
    "ImportPlan",
    "NewAssignment",
    "NewPerson",
    "NewSeat",
    "PersonChange",
    "Update",
    "drop_former_employees",
    "person_rows",
    "plan_changes",
]
