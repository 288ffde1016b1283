"""Small builders for test snapshots (no org-file parser needed).

    org = Org()
    org.seat("owner", "leadership", person="Dr. Ana Patel")
    org.seat("da", "support", reports_to="owner", person="Jo Lee")
    snapshot = org.build()

Every seat is at location ``main`` unless told otherwise, and gets a person unless
``person=None`` (vacant). ``role=`` names a role title (created on first use, with the
seat's kind); ``provider_lead=True`` makes that role a provider lead.
"""

from __future__ import annotations

import datetime as dt

from practiceos.core.health import Finding, Policy, Report, apply_changes, run_check
from practiceos.core.health.facts import Facts
from practiceos.core.leadership import CoreValue, Vision
from practiceos.core.model import (
    Assignment,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)

AS_OF = dt.date(2025, 1, 15)
_AUTO = "<auto>"

SOUND_VISION = Vision(
    three_year_picture="Three sites, every patient seen within a week",
    one_year_goals=("Open the second site",),
    core_values=(
        CoreValue("Patients first", "We call back the same day."),
        CoreValue("Own it", "Whoever finds a problem sees it fixed."),
        CoreValue("Get better", "We review one case a week together."),
    ),
    core_focus="Family care close to home",
    what_good_looks_like="Every patient seen on time and told what happens next",
)


class Org:
    """Accumulates entities and builds a :class:`Snapshot`."""

    def __init__(self, name: str = "Test Practice", slug: str = "test") -> None:
        self.practice = PracticeInfo(name=name, slug=slug)
        self.locations: list[Location] = [Location("main", "Main Street")]
        self.roles: list[Role] = []
        self.seats: list[Seat] = []
        self.people: list[Person] = []
        self.assignments: list[Assignment] = []
        self.teams: list[Team] = []
        self.vision = SOUND_VISION

    def location(self, location_id: str, name: str | None = None) -> str:
        self.locations.append(Location(location_id, name or location_id.title()))
        return location_id

    def role(self, title: str, kind: SeatKind, *, provider_lead: bool = False) -> str:
        role_id = f"role:{title}"
        if not any(r.id == role_id for r in self.roles):
            self.roles.append(Role(role_id, title, kind, provider_lead=provider_lead))
        return role_id

    def person(self, name: str, person_id: str | None = None) -> str:
        person_id = person_id or f"p:{name}"
        if not any(p.id == person_id for p in self.people):
            self.people.append(Person(person_id, name))
        return person_id

    def assign(
        self,
        person_id: str,
        seat_id: str,
        *,
        fte: float = 1.0,
        accountable: bool = True,
        start: dt.date | None = None,
        end: dt.date | None = None,
        assignment_id: str | None = None,
    ) -> str:
        assignment_id = assignment_id or f"a{len(self.assignments) + 1}"
        self.assignments.append(
            Assignment(assignment_id, person_id, seat_id, start, end, fte, accountable=accountable)
        )
        return assignment_id

    def seat(
        self,
        seat_id: str,
        kind: str | SeatKind,
        *,
        name: str | None = None,
        reports_to: str | None = None,
        location: str | None = "main",
        role: str | None = None,
        provider_lead: bool = False,
        serves: tuple[str, ...] = (),
        note: str = "",
        team: str | None = None,
        person: str | None = _AUTO,
        fte: float = 1.0,
    ) -> str:
        kind = SeatKind(kind)
        role_id = self.role(role, kind, provider_lead=provider_lead) if role else None
        if role_id is None and provider_lead:
            role_id = self.role(f"{name or seat_id} lead", kind, provider_lead=True)
        self.seats.append(
            Seat(
                id=seat_id,
                name=name or seat_id,
                kind=kind,
                role_id=role_id,
                location_id=location,
                team_id=team,
                reports_to=reports_to,
                serves=serves,
                note=note,
            )
        )
        if person is not None:
            name_of_person = f"Person {seat_id}" if person == _AUTO else person
            self.assign(self.person(name_of_person), seat_id, fte=fte)
        return seat_id

    def build(self) -> Snapshot:
        return Snapshot(
            practice=self.practice,
            locations=tuple(self.locations),
            teams=tuple(self.teams),
            roles=tuple(self.roles),
            seats=tuple(self.seats),
            people=tuple(self.people),
            assignments=tuple(self.assignments),
            as_of=AS_OF,
            vision=self.vision,
        )


# --- health-check assertions -------------------------------------------------------------


def only(report: Report, rule_id: str) -> Finding:
    """The single finding of a rule (fails when there are none or several)."""
    found = report.findings_for(rule_id)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def integrity_keys(report: Report) -> set[tuple[str, tuple[str, ...]]]:
    """(rule, subject ids) of every cycle and dangling-reference finding."""
    return {
        (f.rule, tuple(s.id for s in f.subjects))
        for f in report.findings
        if f.rule in ("reporting-cycle", "dangling-reference")
    }


def assert_fix_clears(
    snapshot: Snapshot, finding: Finding, policy: Policy | None = None
) -> Snapshot:
    """Apply the finding's fix and check the finding is gone, with no new cycle or
    dangling reference. Returns the fixed snapshot."""
    assert finding.fix, f"{finding.rule} has no fix"
    before = run_check(snapshot, policy)
    fixed = apply_changes(snapshot, finding.fix)
    after = run_check(fixed, policy)
    same = [
        f
        for f in after.findings
        if f.rule == finding.rule and f.subjects[:1] == finding.subjects[:1]
    ]
    assert not same, [f.message for f in same]
    assert integrity_keys(after) <= integrity_keys(before)
    cycles_before = Facts(snapshot, Policy()).in_cycle
    assert Facts(fixed, Policy()).in_cycle <= cycles_before
    return fixed
