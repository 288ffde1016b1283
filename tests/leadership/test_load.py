"""Owner load arithmetic from the database, and the server-drawn charts' geometry."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from practiceos.core.decisions import week_of
from practiceos.leadership import charts, load
from practiceos.leadership.models import Ask, TimeEntry


def test_weekly_load_counts_share_and_median_per_week(personas, sites):
    now = timezone.now()
    this_week = week_of(timezone.localdate())
    made = [
        Ask(
            practice=personas.acme,
            text="a",
            reached_owner=True,
            created_at=now,
            decided_at=now + dt.timedelta(hours=2),
            status="decided",
        ),
        Ask(
            practice=personas.acme,
            text="b",
            reached_owner=False,
            created_at=now,
            decided_at=now + dt.timedelta(hours=6),
            status="decided",
        ),
        Ask(practice=personas.acme, text="c", reached_owner=False, created_at=now),
        Ask(
            practice=personas.acme,
            text="old",
            reached_owner=True,
            created_at=now - dt.timedelta(days=7),
        ),
        Ask(practice=personas.other, text="other practice", reached_owner=True, created_at=now),
    ]
    Ask.objects.bulk_create(made)
    weeks = load.weekly_load(personas.acme.pk, timezone.localdate())
    assert len(weeks) == load.WEEKS and weeks[-1].week == this_week
    latest = weeks[-1]
    assert (latest.asks, latest.to_owner, latest.median_hours) == (3, 1, 4.0)
    assert round(latest.share, 2) == 0.33
    assert (weeks[-2].asks, weeks[-2].to_owner) == (1, 1)
    assert weeks[0].asks == 0 and weeks[0].share is None


def test_week_grid_and_split_sum_minutes_per_kind(personas, sites):
    today = timezone.localdate()
    monday = week_of(today)
    TimeEntry.objects.bulk_create(
        [
            TimeEntry(
                practice=personas.acme,
                user=personas.owner.user,
                day=monday,
                kind="leadership",
                minutes=30,
            ),
            TimeEntry(
                practice=personas.acme,
                user=personas.owner.user,
                day=monday,
                kind="leadership",
                minutes=45,
            ),
            TimeEntry(
                practice=personas.acme,
                user=personas.owner.user,
                day=monday - dt.timedelta(days=7),
                kind="clinical",
                minutes=60,
            ),
        ]
    )
    grid = load.week_grid(personas.acme.pk, personas.owner.user.pk, monday)
    assert grid == {(monday, "leadership"): 75}
    split = load.weekly_split(personas.acme.pk, personas.owner.user.pk, today)
    assert split[-1] == (monday, {"leadership": 75})
    assert split[-2] == (monday - dt.timedelta(days=7), {"clinical": 60})


def test_share_chart_bars_scale_with_share_and_mark_weeks_over_the_threshold():
    week = dt.date(2026, 11, 2)
    chart = charts.share_chart(
        [(week, 4, 1), (week + dt.timedelta(days=7), 4, 4), (week, 0, 0)], 0.5
    )
    low, high, empty = chart.bars
    assert high.height == 4 * low.height and empty.height == 0
    assert low.css == "bar-ok" and high.css == "bar-owner"
    assert chart.threshold_y == round(10 + (170 - 22 - 10) * 0.5, 1)
    assert "1 of 4 asks reached the owner (25%)" in low.title and not chart.empty


def test_split_chart_stacks_kinds_and_spread_counts_locations():
    week = dt.date(2026, 11, 2)
    chart = charts.split_chart([(week, {"leadership": 60, "management": 60}), (week, {})])
    lead, manage = chart.bars
    assert lead.height == manage.height and manage.y + manage.height == lead.y
    spread = charts.spread_chart([0.05, 0.15, 0.95, 1.0])
    heights = [b.height for b in spread.bars]
    assert heights[0] == heights[1] and heights[9] == 2 * heights[0]
    assert charts.spread_chart([]).empty
