"""The chart's seat cards as HTML, written in Python.

A chart page draws a few hundred cards, each with a dozen variables, conditions and two
URLs. Through ``{% include %}`` in a loop that was about two thirds of the page's CPU
(the template engine resolves every variable and reverses every URL per card); building
the same markup here with ``escape`` costs a small fraction. The markup is what
``org/htmx/chart_node.html`` used to produce: ``static/js/chart.js`` and the chart's CSS
depend on its classes, ids and data attributes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import is_naive, localtime

from practiceos.org.chart import Card
from practiceos.web.markup import escape

register = template.Library()


# An id no seat has, swapped for each card's id in a URL reversed once per render.
_MARK = 987654321987


class _Urls:
    """The per-card URLs, reversed once (the script prefix can differ per request)."""

    def __init__(self) -> None:
        self.seat = reverse("org:seat", args=[_MARK]).split(str(_MARK))
        self.children = reverse("org:chart-children", args=[_MARK]).split(str(_MARK))
        self.lines = reverse("org:chart-lines", args=[_MARK]).split(str(_MARK))
        self.roots = reverse("org:chart-roots")
        self.report = reverse("health:report")

    def of(self, parts: list[str], pk: int) -> str:
        return str(pk).join(parts)


def _plural(n: int) -> str:
    return "" if n == 1 else "s"


def _more_button(urls: _Urls, parent_id: int | None, more: int, offset: int) -> str:
    url = urls.of(urls.children, parent_id) if parent_id else urls.roots
    return (
        f'<li class="more" role="treeitem" tabindex="-1" data-say="{more} more seats here: '
        f'press Enter to load them"><button type="button" class="more-btn" tabindex="-1" '
        f'hx-get="{escape(url)}?offset={offset}" hx-target="closest li" hx-swap="outerHTML">'
        f"Show {more} more</button></li>"
    )


def _checked(when: Any) -> str:
    """ ", checked 30 Nov 14:02" (the run behind a flag, in the current time zone)."""
    if when is None:
        return ""
    if isinstance(when, str):  # SQLite through the compiled query: ISO text
        when = parse_datetime(when)
    if when is None:
        return ""
    if is_naive(when):  # stored in UTC; SQLite's raw rows carry no zone
        when = when.replace(tzinfo=dt.UTC)
    return ", checked " + escape(date_format(localtime(when), "j M H:i"))


def _node(urls: _Urls, card: Card, out: list[str]) -> None:
    pk = card.id
    name = escape(card.name)
    vacant = "" if card.person_name else " is-vacant"
    expanded = "false" if card.children is None else "true"
    aria_expanded = f' aria-expanded="{expanded}"' if card.report_count else ""
    location = "" if card.location_id is None else card.location_id
    team = "" if card.team_id is None else card.team_id
    out.append(
        f'<li class="node" data-seat="{pk}" data-location="{location}" data-team="{team}" '
        f'data-say="{escape(card.spoken)}" role="treeitem" tabindex="-1" '
        f'aria-labelledby="seat-name-{pk}"{aria_expanded}>\n'
        f'  <div class="seat k-{escape(card.kind)}{vacant}" id="seat-{pk}">\n'
        f'    <a class="seat-link" href="{escape(urls.of(urls.seat, pk))}" draggable="false" '
        'tabindex="-1">\n'
        f'      <span class="seat-kind">{escape(card.kind_label)}</span>\n'
        f'      <span class="seat-name" id="seat-name-{pk}">{name}</span>\n'
    )
    if card.person_name:
        out.append(f'      <span class="seat-person">{escape(card.person_name)}</span>\n')
    else:
        out.append('      <span class="seat-person vacant">Vacant</span>\n')
    if card.role_title or card.location_name:
        dot = " · " if card.role_title and card.location_name else ""
        out.append(
            f'      <span class="seat-meta">{escape(card.role_title)}{dot}'
            f"{escape(card.location_name)}</span>\n"
        )
    team_text = f"Team: {escape(card.team_name)}" if card.team_name else "No team"
    out.append(f'      <span class="seat-team">{team_text}</span>\n')
    if card.serves:
        more = f" +{card.serves_more}" if card.serves_more else ""
        serves = ", ".join(escape(s) for s in card.serves)
        out.append(f'      <span class="seat-serves">serves: {serves}{more}</span>\n')
    out.append("    </a>\n")
    if card.flag_count:
        n, severity = card.flag_count, escape(card.flag_severity or "")
        out.append(
            f'    <a class="flag sev-{severity}" href="{escape(urls.report)}?seat={pk}" '
            f'title="{n} health finding{_plural(n)} ({severity}){_checked(card.flag_checked_at)}'
            f':&#10;{escape(card.flag_messages)}" draggable="false" tabindex="-1">'
            f'<span aria-hidden="true">!</span>{n}<span class="visually-hidden"> health '
            f"finding{_plural(n)}, worst {severity}</span></a>\n"
        )
    if card.serves_count or card.served_by_count:
        out.append(
            f'    <button type="button" class="lines-toggle" aria-pressed="false" tabindex="-1" '
            f'data-lines="{escape(urls.of(urls.lines, pk))}" title="Show service lines (L)">'
            '<span aria-hidden="true">⇢</span><span class="visually-hidden">Service lines of '
            f"{name}</span></button>\n"
        )
    if card.report_count:
        n = card.report_count
        out.append(
            f'    <button type="button" class="toggle" tabindex="-1" aria-expanded="{expanded}" '
            f'aria-controls="kids-{pk}" data-children="{escape(urls.of(urls.children, pk))}" '
            f'title="{n} direct report{_plural(n)}">\n'
            f'      <span class="toggle-count">{n}</span><span class="visually-hidden"> '
            f"direct report{_plural(n)} of {name}</span>"
            '<span class="chev" aria-hidden="true"></span>\n'
            "    </button>\n"
        )
    out.append("  </div>\n")
    if card.report_count:
        stack = " stack" if card.stacked else ""
        loaded = " hidden" if card.children is None else ' data-loaded="1"'
        out.append(f'  <ul role="group" class="children{stack}" id="kids-{pk}"{loaded}>\n')
        if card.children is not None:
            for child in card.children:
                _node(urls, child, out)
            if card.more:
                out.append(_more_button(urls, pk, card.more, card.next_offset))
        out.append("\n  </ul>\n")
    out.append("</li>")


@register.simple_tag
def chart_nodes(cards: list[Card]) -> SafeString:
    """``<li>`` cards for ``cards``, their loaded reports nested inside (escaped)."""
    urls, out = _Urls(), []
    for card in cards:
        _node(urls, card, out)
    return mark_safe("".join(out))


@register.simple_tag
def chart_more_button(parent_id: Any, more: int, offset: int) -> SafeString:
    """The "Show N more" item that loads the next page of ``parent_id``'s reports."""
    return mark_safe(_more_button(_Urls(), parent_id, more, offset))


@register.simple_tag
def report_refs(cards: list[Card]) -> SafeString:
    """The seat page's direct reports: one ``<li>`` per card with its kind swatch, a link
    to the seat and its accountable person (the markup of ``org/htmx/seat_ref.html``)."""
    urls, out = _Urls(), []
    for card in cards:
        person = escape(card.person_name) if card.person_name else '<em class="vacant">Vacant</em>'
        out.append(
            f'<li><span class="swatch k-{escape(card.kind)}" aria-hidden="true"></span>'
            f'<a href="{escape(urls.of(urls.seat, card.id))}">{escape(card.name)}</a> '
            f'<span class="muted">· {person}</span></li>'
        )
    return mark_safe("".join(out))


_NONE = '<span class="muted">—</span>'


@register.simple_tag
def people_rows(people: list[Any]) -> SafeString:
    """The people list's table rows (name, email, employee id, current seats), the markup
    ``org/htmx/people_rows.html`` drew with a loop of fifty rows."""
    person_url = reverse("org:person", args=[_MARK]).split(str(_MARK))
    seat_url = reverse("org:seat", args=[_MARK]).split(str(_MARK))
    out = []
    for p in people:
        preferred = (
            f' <span class="muted">({escape(p.preferred_name)})</span>' if p.preferred_name else ""
        )
        seats = []
        for a in p.current:
            seat = a.seat
            where = (
                f' <span class="muted">· {escape(seat.location.name)}</span>'
                if seat.location_id
                else ""
            )
            seats.append(
                f'<div><span class="swatch k-{escape(seat.kind)}" aria-hidden="true"></span>'
                f'<a href="{escape(str(a.seat_id).join(seat_url))}">{escape(seat.name)}</a>'
                f"{where}</div>"
            )
        out.append(
            "<tr>\n"
            f'      <td><a href="{escape(str(p.pk).join(person_url))}">{escape(p.name)}</a>'
            f"{preferred}</td>\n"
            f"      <td>{escape(p.email or '—')}</td>\n"
            f"      <td>{escape(p.employee_id or '—')}</td>\n"
            f"      <td>{''.join(seats) or _NONE}</td>\n"
            "    </tr>\n"
        )
    return mark_safe("".join(out))


@register.simple_tag
def filter_options(entries: list[Any], selected: int | None) -> SafeString:
    """The chart's location (or team) filter options, written in Python.

    A large practice offers up to ``FILTER_OPTIONS`` of each, and through the template
    engine their ids and counts (localized one by one) were most of the chart page's CPU.
    ``entries`` are :class:`~practiceos.org.chart_view.GroupEntry` in the list's order.
    """
    return mark_safe(
        "".join(
            f'<option value="{e.id}" data-count="{e.count}"'
            f"{' selected' if e.id == selected else ''}>{escape(e.name)} ({e.count})</option>"
            for e in entries
        )
    )
