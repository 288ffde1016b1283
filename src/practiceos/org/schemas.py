"""Request and response bodies of the org API (pydantic schemas through django-ninja).

Input schemas give each field its type and limits so the OpenAPI document is exact and a
wrong type is refused before any query; the rules that need the database (unique names,
links inside the practice, reporting cycles, one accountable person per seat) stay in
``org.services``, which every write goes through. ``tests/api`` checks that the limits
here match ``org.services.FIELDS``.

Create bodies (``*In``) list required fields without defaults; patch bodies (``*Patch``)
are the same fields all optional, and only the fields a client sends are changed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, create_model

from practiceos.core.limits import LISTS, TEXT
from practiceos.core.model import Level, SeatKind

# The largest id a database integer column holds; bigger ids are refused up front
# instead of overflowing inside the database driver.
MAX_ID = 2**63 - 1


def no_nul(value: str) -> str:
    """Refuse text with a NUL character: PostgreSQL cannot store it (in text or JSON)."""
    if "\x00" in value:
        raise ValueError("contains a NUL character; remove it")
    return value


# An item of a role's responsibilities or decision rights (stored in a JSON column, which
# the services' text checks do not cover).
ListItem = Annotated[str, AfterValidator(no_nul), Field(max_length=TEXT["role.responsibilities[]"])]


class Strict(Schema):
    """Base of input bodies: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def patch_of(schema: type[Schema]) -> type[Schema]:
    """The partial-update twin of a create schema: same fields and limits, none required.

    A field left out is left alone; ``null`` is only accepted where the create schema
    accepts it, so ``{"name": null}`` is refused like any other wrong type.
    """
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        copy = info._copy()  # type: ignore[attr-defined]
        copy.default = None
        copy.default_factory = None
        fields[name] = (info.annotation, copy)
    return create_model(  # type: ignore[call-overload,no-any-return]
        schema.__name__.removesuffix("In") + "Patch",
        __base__=Strict,
        __doc__=f"Partial update: any fields of {schema.__name__}, each optional.",
        **fields,
    )


# ---- shared parts -------------------------------------------------------------------------


class FieldProblem(Schema):
    """One thing wrong with a request: the field (or ``body``) and what is wrong, with the value."""

    field: str
    message: str


class Problems(Schema):
    """Body of a 422 response: every problem found, not just the first."""

    detail: list[FieldProblem]


class Message(Schema):
    """Body of 401, 403 and 404 responses."""

    detail: str


class PersonRef(Schema):
    """A person named in another object's response."""

    id: int
    name: str


def ref(description: str) -> Any:
    """An optional id of another object in the same practice."""
    return Field(None, ge=1, le=MAX_ID, description=description)


# ---- locations ------------------------------------------------------------------------------


class LocationIn(Strict):
    """A new location."""

    name: str = Field(..., max_length=TEXT["location.name"])
    address: str = Field("", max_length=TEXT["location.address"])


LocationPatch = patch_of(LocationIn)


class LocationOut(Schema):
    """A location."""

    id: int
    name: str
    address: str


# ---- teams ----------------------------------------------------------------------------------


class TeamIn(Strict):
    """A new team."""

    name: str = Field(..., max_length=TEXT["team.name"])
    goal: str = Field("", max_length=TEXT["team.goal"])
    manager_seat: int | None = ref("The seat that manages the team.")


TeamPatch = patch_of(TeamIn)


class TeamOut(Schema):
    """A team and the seat that manages it."""

    id: int
    name: str
    goal: str
    manager_seat: int | None

    @staticmethod
    def resolve_manager_seat(obj: Any) -> int | None:
        """The managing seat's id."""
        return obj.manager_seat_id  # type: ignore[no-any-return]


# ---- roles ----------------------------------------------------------------------------------


class RoleIn(Strict):
    """A new role definition."""

    title: str = Field(..., max_length=TEXT["role.title"])
    kind: SeatKind
    purpose: str = Field("", max_length=TEXT["role.purpose"])
    responsibilities: list[ListItem] = Field(
        default_factory=list, max_length=LISTS["role.responsibilities"]
    )
    decision_rights: list[ListItem] = Field(
        default_factory=list, max_length=LISTS["role.decision_rights"]
    )
    provider_lead: bool = False


RolePatch = patch_of(RoleIn)


class RoleOut(Schema):
    """A role definition."""

    id: int
    title: str
    kind: SeatKind
    purpose: str
    responsibilities: list[str]
    decision_rights: list[str]
    provider_lead: bool


# ---- seats ----------------------------------------------------------------------------------


class SeatIn(Strict):
    """A new seat in the chart."""

    name: str = Field(..., max_length=TEXT["seat.name"])
    kind: SeatKind
    role: int | None = ref("The role this seat fills.")
    location: int | None = ref("Where the seat works.")
    team: int | None = ref("The team the seat belongs to.")
    reports_to: int | None = ref("The manager seat (the reporting line).")
    serves: list[int] = Field(
        default_factory=list,
        max_length=LISTS["seat.serves"],
        description="Provider seats this seat supports (the service line).",
    )
    note: str = Field("", max_length=TEXT["seat.note"])


SeatPatch = patch_of(SeatIn)


class SeatOut(Schema):
    """A seat, its links as ids, and its current accountable person."""

    id: int
    name: str
    kind: SeatKind
    role: int | None
    location: int | None
    team: int | None
    reports_to: int | None
    serves: list[int]
    note: str
    accountable_person: PersonRef | None

    @staticmethod
    def resolve_role(obj: Any) -> int | None:
        """The role's id."""
        return obj.role_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_location(obj: Any) -> int | None:
        """The location's id."""
        return obj.location_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_team(obj: Any) -> int | None:
        """The team's id."""
        return obj.team_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_reports_to(obj: Any) -> int | None:
        """The manager seat's id."""
        return obj.reports_to_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_serves(obj: Any) -> list[int]:
        """Provider seat ids, attached by the API's ``_attach_relations`` (no query here)."""
        return obj.serve_ids  # type: ignore[no-any-return]

    @staticmethod
    def resolve_accountable_person(obj: Any) -> dict[str, Any] | None:
        """The current accountable holder, attached by ``_attach_relations`` (no query here)."""
        return obj.accountable_ref  # type: ignore[no-any-return]


# ---- people ---------------------------------------------------------------------------------


class PersonIn(Strict):
    """A new person."""

    name: str = Field(..., max_length=TEXT["person.name"])
    preferred_name: str = Field("", max_length=TEXT["person.preferred_name"])
    email: str = Field("", max_length=TEXT["person.email"])
    employee_id: str = Field("", max_length=TEXT["person.employee_id"])


PersonPatch = patch_of(PersonIn)


class PersonOut(Schema):
    """A person."""

    id: int
    name: str
    preferred_name: str
    email: str
    employee_id: str


# ---- assignments ----------------------------------------------------------------------------


class AssignmentIn(Strict):
    """A person in a seat."""

    person: int = Field(..., ge=1, le=MAX_ID, description="The person's id.")
    seat: int = Field(..., ge=1, le=MAX_ID, description="The seat's id.")
    start: dt.date | None = None
    end: dt.date | None = Field(None, description="Empty while the assignment is open.")
    # Decimal with two places, as stored: 0.001 would otherwise round to an FTE of 0.
    fte: Decimal = Field(
        Decimal("1"),
        gt=0,
        le=1,
        decimal_places=2,
        description="Share of a full-time post: above 0, at most 1, two decimal places.",
    )
    level: Level = Level.SENIOR
    accountable: bool = Field(
        True, description="The one person answerable for the seat (a job-share partner is not)."
    )


AssignmentPatch = patch_of(AssignmentIn)


class AssignmentOut(Schema):
    """A person in a seat, from when, at what FTE and level."""

    id: int
    person: PersonRef
    seat: int
    start: dt.date | None
    end: dt.date | None
    fte: float
    level: Level
    accountable: bool
    current: bool

    @staticmethod
    def resolve_person(obj: Any) -> dict[str, Any]:
        """The person's id and name (selected with the assignment)."""
        return {"id": obj.person_id, "name": obj.person.name}

    @staticmethod
    def resolve_seat(obj: Any) -> int:
        """The seat's id."""
        return obj.seat_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_fte(obj: Any) -> float:
        """The FTE as a JSON number."""
        return float(obj.fte)

    @staticmethod
    def resolve_current(obj: Any) -> bool:
        """Started (or no start) and not yet ended today, as in the core model."""
        today = dt.date.today()
        return (obj.start is None or obj.start <= today) and (obj.end is None or obj.end > today)


# ---- lists ----------------------------------------------------------------------------------


def page_of(item: type[Schema]) -> type[Schema]:
    """``{items: [...], count: n}``: one page of ``item`` and the total matching the filters."""
    return create_model(  # type: ignore[call-overload,no-any-return]
        item.__name__.removesuffix("Out") + "Page",
        __base__=Schema,
        __doc__=f"One page of {item.__name__} and the total count matching the filters.",
        items=(list[item], ...),  # type: ignore[valid-type]
        count=(int, ...),
    )


LocationPage = page_of(LocationOut)
TeamPage = page_of(TeamOut)
RolePage = page_of(RoleOut)
SeatPage = page_of(SeatOut)
PersonPage = page_of(PersonOut)
AssignmentPage = page_of(AssignmentOut)
