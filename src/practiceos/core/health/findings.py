"""What a rule reports: severities, areas, principles, subjects and findings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from practiceos.core.health.fixes import Change


class Severity(StrEnum):
    """How much a finding matters, from ``high`` (act now) to ``info`` (worth knowing)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for high down to 0 for info: larger is more severe."""
        return _SEVERITY_RANK[self]

    @property
    def weight(self) -> float:
        """The weight of one finding of this severity in the score (see :mod:`.score`)."""
        return _SEVERITY_WEIGHT[self]


_SEVERITY_RANK: dict[Severity, int] = {
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}

# Info findings are things to know (someone on the roster without a seat), not defects,
# so they never lower the score.
_SEVERITY_WEIGHT: dict[Severity, float] = {
    Severity.HIGH: 1.0,
    Severity.MEDIUM: 0.5,
    Severity.LOW: 0.2,
    Severity.INFO: 0.0,
}


class Area(StrEnum):
    """The part of the operating system a rule looks at; each area gets its own score."""

    STRUCTURE = "structure"
    ROLES = "roles"
    ACCOUNTABILITY = "accountability"
    ALIGNMENT = "alignment"
    LEADERSHIP = "leadership"

    @property
    def order(self) -> int:
        """Position in the report (the order above)."""
        return _AREA_ORDER[self]


_AREA_ORDER: dict[Area, int] = {area: index for index, area in enumerate(Area)}


@dataclass(frozen=True, slots=True)
class Principle:
    """One of the principles in DESIGN §1, by number and short name."""

    number: int
    name: str

    def __str__(self) -> str:
        return f"§{self.number} {self.name}"


#: The nine principles of DESIGN §1, keyed by number.
PRINCIPLES: dict[int, Principle] = {
    p.number: p
    for p in (
        Principle(1, "Leading is not managing"),
        Principle(2, "Providers are not people managers by default"),
        Principle(3, "Support staff report to a manager of their own"),
        Principle(4, "Providers have a manager too"),
        Principle(5, "Every role is defined"),
        Principle(6, "Accountability has consequences"),
        Principle(7, "Alignment up, down and sideways"),
        Principle(8, "Leadership style fits the situation"),
        Principle(9, "Each location runs without the owner"),
    )
}


class SubjectType(StrEnum):
    """What kind of thing a finding is about.

    ``role`` is not used by the structure rules; it is there for the roles area.
    """

    SEAT = "seat"
    PERSON = "person"
    LOCATION = "location"
    TEAM = "team"
    ROLE = "role"
    PROCESS = "process"


@dataclass(frozen=True, slots=True)
class Subject:
    """A thing a finding is about, named so an owner recognises it.

    ``person`` is the name of the seat's accountable person (``None`` when the seat is
    vacant, and always ``None`` for other subject types).
    """

    type: SubjectType
    id: str
    name: str
    person: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """The JSON form: ``{"type", "id", "name", "person"}``."""
        return {"type": self.type.value, "id": self.id, "name": self.name, "person": self.person}

    def label(self) -> str:
        """A short human label: ``seat "Dental Assistant" (Jo Lee)``."""
        if self.type is SubjectType.SEAT:
            holder = self.person if self.person is not None else "vacant"
            return f'seat "{self.name}" ({holder})'
        return f'{self.type.value} "{self.name}"'


@dataclass(frozen=True, slots=True)
class Finding:
    """The output of one rule about one situation: what is wrong, for whom, and a fix.

    ``fix`` is a list of structural changes that :func:`~.fixes.apply_changes` can apply
    to a snapshot; it is empty when no change can be proposed without a human decision
    (hiring someone, for example). ``message`` is plain language for the owner.
    """

    rule: str
    area: Area
    severity: Severity
    subjects: tuple[Subject, ...]
    message: str
    fix: tuple[Change, ...] = ()

    def sort_key(self) -> tuple[int, int, str, tuple[str, ...], tuple[str, ...], str]:
        """Severity high→info, then area, rule, subject names (ids break ties), message."""
        return (
            -self.severity.rank,
            self.area.order,
            self.rule,
            tuple(s.name for s in self.subjects),
            tuple(s.id for s in self.subjects),
            self.message,
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON form used in the report (see :meth:`.report.Report.to_json_dict`)."""
        return {
            "rule": self.rule,
            "area": self.area.value,
            "severity": self.severity.value,
            "subjects": [s.to_dict() for s in self.subjects],
            "message": self.message,
            "fix": [c.to_dict() for c in self.fix],
        }
