"""The edit forms: which fields each page shows, and turning a POST into a service's input.

Validation lives in ``org.services`` (one set of messages for the web, the API and the
CLI). This module only reshapes what a browser sends: a textarea's lines become a list,
an empty picker becomes ``None``, an unticked checkbox (which browsers do not send at all)
becomes ``False``, and keys the form does not own (the CSRF token, picker search boxes)
are dropped. Limits shown in the page (``maxlength``, ``required``) are read from the
services' field declarations, so they cannot drift from what the services enforce.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.http import QueryDict

from practiceos.org.models import (
    Assignment,
    LevelChoices,
    Location,
    Person,
    Role,
    Seat,
    SeatKindChoices,
    Team,
)
from practiceos.org.services import FIELDS

# Widgets: text, email, textarea, lines (one item a line), choice, checkbox, date,
# number (typed as text so the server, not the browser, judges it), pick (one object
# found by search, its id in a hidden field) and picks (several).
PICKERS = ("pick", "picks")


@dataclass(frozen=True)
class FormField:
    """One field of an edit form: the service field it feeds and how the page shows it."""

    name: str
    label: str
    widget: str = "text"
    help: str = ""
    target: str = ""  # pick/picks: what the search finds (seat, role, location, team)
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = False
    max_length: int | None = None

    @property
    def is_picker(self) -> bool:
        """True for fields chosen with the search widget."""
        return self.widget in PICKERS


@dataclass
class BoundField:
    """A form field with what the page shows in it now and its problems."""

    spec: FormField
    value: Any
    errors: list[str] = field(default_factory=list)
    # Pickers: the chosen objects as (id, label) pairs, labels looked up in the practice.
    chosen: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The field's name (also its ``id_<name>`` element id)."""
        return self.spec.name


def _spec(
    model: type[models.Model], name: str, label: str, widget: str = "", **kw: Any
) -> FormField:
    declared = {f.name: f for f in FIELDS[model]}[name]
    if not widget:
        widget = {"choice": "choice", "bool": "checkbox", "date": "date", "fte": "number"}.get(
            declared.kind, "text"
        )
    max_length = declared.max_length if declared.kind == "text" else None
    return FormField(
        name=name,
        label=label,
        widget=widget,
        required=declared.required,
        max_length=max_length,
        **kw,
    )


KINDS = tuple(SeatKindChoices.choices)
LEVELS = tuple(LevelChoices.choices)

LOCATION_FORM = (
    _spec(Location, "name", "Name"),
    _spec(Location, "address", "Address"),
)
TEAM_FORM = (
    _spec(Team, "name", "Name"),
    _spec(Team, "goal", "Shared goal", "textarea", help="What the team achieves together."),
    _spec(Team, "manager_seat", "Managing seat", "pick", target="seat"),
)
ROLE_FORM = (
    _spec(Role, "title", "Title"),
    _spec(Role, "kind", "Kind", choices=KINDS),
    _spec(Role, "purpose", "Purpose", "textarea", help="Why the role exists, in a sentence."),
    _spec(Role, "responsibilities", "Responsibilities", "lines", help="One per line."),
    _spec(Role, "decision_rights", "Decision rights", "lines", help="One per line."),
    _spec(Role, "provider_lead", "Provider lead (manages providers, e.g. a medical director)"),
)
SEAT_FORM = (
    _spec(
        Seat, "name", "Name", help="Unique in the practice, e.g. “Dental Assistant — Riverside 2”."
    ),
    _spec(Seat, "kind", "Kind", choices=KINDS),
    _spec(Seat, "role", "Role", "pick", target="role"),
    _spec(Seat, "location", "Location", "pick", target="location"),
    _spec(Seat, "team", "Team", "pick", target="team"),
    _spec(Seat, "reports_to", "Reports to", "pick", target="seat", help="Empty: top of the chart."),
    _spec(
        Seat, "serves", "Serves", "picks", target="seat", help="Provider seats this seat supports."
    ),
    _spec(Seat, "note", "Note"),
)
PERSON_FORM = (
    _spec(Person, "name", "Name"),
    _spec(Person, "preferred_name", "Preferred name"),
    _spec(Person, "email", "Email", "email"),
    _spec(Person, "employee_id", "Employee id"),
)
ASSIGNMENT_FORM = (
    _spec(Assignment, "seat", "Seat", "pick", target="seat"),
    _spec(Assignment, "start", "Start"),
    _spec(Assignment, "fte", "FTE", help="More than 0 and at most 1, e.g. 0.5."),
    _spec(Assignment, "level", "Level", choices=LEVELS),
    _spec(Assignment, "accountable", "Accountable (the one person answering for this seat)"),
)
END_FORM = (_spec(Assignment, "end", "End date", help="The last day in the seat."),)


def data_from_post(fields: tuple[FormField, ...], post: QueryDict) -> dict[str, Any]:
    """The service input for ``fields`` from a form post (only those fields, reshaped)."""
    data: dict[str, Any] = {}
    for f in fields:
        raw = post.get(f.name, "")
        if f.widget == "lines":
            data[f.name] = raw.splitlines()
        elif f.widget == "checkbox":
            # Browsers send nothing for an unticked box; anything sent is the service's to judge.
            data[f.name] = raw if f.name in post else False
        elif f.widget == "picks":
            data[f.name] = [v for v in post.getlist(f.name) if v.strip()]
        elif f.widget in ("pick", "date"):
            data[f.name] = raw.strip() or None
        else:
            data[f.name] = raw
    return data


def values_from_post(fields: tuple[FormField, ...], post: QueryDict) -> dict[str, Any]:
    """What the user typed, to show again after a refusal (ids for pickers)."""
    values: dict[str, Any] = {}
    for f in fields:
        if f.widget == "checkbox":
            values[f.name] = f.name in post and post.get(f.name, "").lower() not in (
                "",
                "false",
                "off",
                "0",
                "no",
            )
        elif f.widget == "picks":
            values[f.name] = [v for v in post.getlist(f.name) if v.strip()]
        else:
            values[f.name] = post.get(f.name, "")
    return values


def values_from_object(
    fields: tuple[FormField, ...], obj: models.Model, serves: list[int] | None = None
) -> dict[str, Any]:
    """The form's starting values for an existing object (``serves``: its served seat ids)."""
    values: dict[str, Any] = {}
    for f in fields:
        if f.widget == "picks":
            values[f.name] = [str(pk) for pk in serves or []]
        elif f.widget == "pick":
            pk = getattr(obj, f"{f.name}_id")
            values[f.name] = "" if pk is None else str(pk)
        else:
            value = getattr(obj, f.name)
            if f.widget == "lines":
                value = "\n".join(value or [])
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif f.widget != "checkbox":
                value = "" if value is None else str(value)
            values[f.name] = value
    return values


def as_id(value: Any) -> int | None:
    """``value`` as a database id when it is a plain whole number, else None."""
    text = str(value or "").strip()
    # Length first: int() of a 10,000-digit string is refused by Python itself.
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)


def picked_ids(fields: tuple[FormField, ...], values: dict[str, Any]) -> dict[str, set[int]]:
    """The whole-number ids chosen in each picker, by target (to look their labels up)."""
    wanted: dict[str, set[int]] = {}
    for f in fields:
        if not f.is_picker:
            continue
        raw = values.get(f.name)
        items = raw if isinstance(raw, list) else [raw]
        for item in items:
            pk = as_id(item)
            if pk is not None:
                wanted.setdefault(f.target, set()).add(pk)
    return wanted


def bind(
    fields: tuple[FormField, ...],
    values: dict[str, Any],
    errors: dict[str, list[str]],
    labels: dict[str, dict[int, str]],
) -> list[BoundField]:
    """Pair each field with its value, its problems and (pickers) its chosen labels."""
    bound = []
    for f in fields:
        value = values.get(f.name, False if f.widget == "checkbox" else "")
        chosen: list[tuple[str, str]] = []
        if f.is_picker:
            items = value if isinstance(value, list) else [value]
            for item in items:
                text = str(item or "").strip()
                if not text:
                    continue
                pk = as_id(text)
                label = labels.get(f.target, {}).get(pk) if pk is not None else None
                chosen.append((text, label if label is not None else f"{text[:40]} (not found)"))
        bound.append(BoundField(f, value, errors.get(f.name, []), chosen))
    return bound
