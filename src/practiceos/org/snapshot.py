"""Build a :class:`practiceos.core.model.Snapshot` of a practice from the database.

Seven queries whatever the practice's size (one per table), reading plain value tuples
rather than model instances.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import CharField, FloatField, Q, QuerySet
from django.db.models.functions import Cast

from practiceos.core import model as core
from practiceos.core.gcpause import paused_gc
from practiceos.core.health.policy import policy_items
from practiceos.core.rolecards import card_from_columns, role_from_card
from practiceos.org.models import (
    Assignment,
    Location,
    Person,
    Role,
    Seat,
    ServiceLink,
    Team,
)
from practiceos.org.models import live as not_archived
from practiceos.tenancy.models import Practice

SectionBuilder = Callable[[Practice, dt.date], dict[str, Any]]
"""Reads one area's part of a snapshot: returns ``{snapshot field name: value}``."""

_SECTIONS: list[SectionBuilder] = []


def register_section(builder: SectionBuilder) -> SectionBuilder:
    """Register a builder for an area's part of the snapshot (role cards, measurables ...).

    Apps beyond the chart (scorecards, decisions, reviews ...) call this from their
    ``AppConfig.ready`` so that ``org`` never imports them. Each builder runs a fixed
    number of queries and returns values for fields that :class:`core.Snapshot` declares
    with an empty default, so a snapshot read from an org file without them still works.
    """
    _SECTIONS.append(builder)
    return builder


_KINDS = {kind.value: kind for kind in core.SeatKind}
_LEVELS = {level.value: level for level in core.Level}


def _rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """All rows of a ``values_list`` query as plain tuples, fetched at once.

    The ORM's iterator fetches 100 rows at a time and runs per-value converters; for the
    three big tables that is most of the time at 100,000 people. The queries below only
    select columns the database driver already returns as the right Python type (the FTE
    is cast to a float in SQL), so the converters are not needed.
    """
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _same(value: Any) -> Any:
    return value


def _iso_dates() -> Callable[[str | None], dt.date | None]:
    """A parser of ISO dates (``None`` stays ``None``) that parses each distinct text once."""
    seen: dict[str, dt.date] = {}

    def parse(text: str | None) -> dt.date | None:
        if text is None:
            return None
        date = seen.get(text)
        if date is None:
            date = seen[text] = dt.date.fromisoformat(text)
        return date

    return parse


def build_snapshot(
    practice: Practice,
    *,
    as_of: dt.date | None = None,
    sections: bool = True,
    archived: bool = False,
) -> core.Snapshot:
    """The whole practice as a core snapshot (ids are primary keys as strings).

    7 queries for the chart, plus each registered section's fixed number (see
    :func:`register_section`) unless ``sections`` is false (the roster planner needs only
    the chart). Linear in the practice's size; the cyclic garbage collector is paused while
    the (acyclic) objects are made, or it would rescan them all several times per build.

    Archived objects (and assignments and service links of archived seats and people)
    are left out: they are off the chart and out of the checks. ``archived`` keeps them
    (the roster planner matches people and seats against every row, archived or not).
    """
    with paused_gc():
        return _build(practice, as_of or dt.date.today(), sections, archived)


def _build(practice: Practice, as_of: dt.date, sections: bool, archived: bool) -> core.Snapshot:
    pid = practice.pk

    def live(prefix: str = "") -> Q:
        return Q() if archived else not_archived(prefix)

    locations = tuple(
        core.Location(str(pk), name, address)
        for pk, name, address in Location.objects.filter(live(), practice_id=pid).values_list(
            "pk", "name", "address"
        )
    )
    teams = tuple(
        core.Team(str(pk), name, None if manager is None else str(manager), goal)
        for pk, name, manager, goal in Team.objects.filter(live(), practice_id=pid).values_list(
            "pk", "name", "manager_seat_id", "goal"
        )
    )
    roles = tuple(
        role_from_card(
            str(pk),
            card_from_columns(
                title=title,
                kind=kind,
                purpose=purpose,
                responsibilities=resp,
                decides=rights,
                proposes=proposes,
                what_good_looks_like=good,
                expectations=expectations,
                schedule=schedule,
                management_focus=focus,
                supervision=supervision,
                provider_lead=lead,
                template=template,
                track=track,
            ),
        )
        for (
            pk,
            title,
            kind,
            purpose,
            resp,
            rights,
            lead,
            proposes,
            good,
            expectations,
            schedule,
            focus,
            supervision,
            template,
            track,
        ) in Role.objects.filter(live(), practice_id=pid).values_list(
            "pk",
            "title",
            "kind",
            "purpose",
            "responsibilities",
            "decision_rights",
            "provider_lead",
            "proposes",
            "what_good_looks_like",
            "expectations",
            "schedule",
            "management_focus",
            "supervision",
            "template",
            "track",
        )
    )
    serves: dict[int, list[str]] = {}
    for support, provider in _rows(
        ServiceLink.objects.filter(live("support_seat__"), live("provider_seat__"), practice_id=pid)
        .order_by("support_seat_id", "provider_seat_id")
        .values_list("support_seat_id", "provider_seat_id")
    ):
        if support in serves:
            serves[support].append(str(provider))
        else:
            serves[support] = [str(provider)]
    no_links: tuple[str, ...] = ()
    seat_rows = _rows(
        Seat.objects.filter(live(), practice_id=pid)
        .order_by("pk")
        .values_list(
            "pk", "name", "kind", "role_id", "location_id", "team_id", "reports_to_id", "note"
        )
    )
    seats = tuple(
        core.Seat(
            str(pk),
            name,
            _KINDS[kind],
            None if role is None else str(role),
            None if location is None else str(location),
            None if team is None else str(team),
            None if manager is None else str(manager),
            tuple(serves[pk]) if pk in serves else no_links,
            note,
        )
        for pk, name, kind, role, location, team, manager, note in seat_rows
    )
    del seat_rows
    people = tuple(
        core.Person(str(pk), name, preferred, email, employee_id)
        for pk, name, preferred, email, employee_id in _rows(
            Person.objects.filter(live(), practice_id=pid)
            .order_by("pk")
            .values_list("pk", "name", "preferred_name", "email", "employee_id")
        )
    )
    assignment_qs = (
        Assignment.objects.filter(live("seat__"), live("person__"), practice_id=pid)
        .order_by("pk")
        .annotate(fte_float=Cast("fte", FloatField()))
    )
    date_of: Callable[[Any], dt.date | None] = _same
    dates = ("start", "end")
    if connections[assignment_qs.db].vendor == "sqlite":
        # SQLite hands a date column to Django's per-value converter (a Python function
        # and a regex fallback for each of 100,000 starts); read the ISO text instead and
        # parse each distinct date once.
        assignment_qs = assignment_qs.annotate(
            start_text=Cast("start", CharField()), end_text=Cast("end", CharField())
        )
        date_of, dates = _iso_dates(), ("start_text", "end_text")
    assignments = tuple(
        core.Assignment(
            str(pk),
            str(person),
            str(seat),
            date_of(start),
            date_of(end),
            fte,
            _LEVELS[level],
            bool(accountable),
        )
        for pk, person, seat, start, end, fte, level, accountable in _rows(
            assignment_qs.values_list(
                "pk", "person_id", "seat_id", *dates, "fte_float", "level", "accountable"
            )
        )
    )
    extra: dict[str, Any] = {}
    if sections:
        for builder in _SECTIONS:
            extra.update(builder(practice, as_of))
    return core.Snapshot(
        # The caller loaded the practice row: its policy costs no query.
        practice=core.PracticeInfo(
            name=practice.name, slug=practice.slug, policy=policy_items(practice.policy or {})
        ),
        locations=locations,
        teams=teams,
        roles=roles,
        seats=seats,
        people=people,
        assignments=assignments,
        as_of=as_of,
        **extra,
    )
