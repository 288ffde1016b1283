"""Structure rule about hiring (issue 17): a seat left vacant with nobody working on
filling it.

- ``seat-vacant-without-plan``: a seat with no accountable person for more than the
  policy's ``vacancy_plan_days`` (default 30) and no open hiring plan. ``seat-vacant``
  already says the seat is empty; this rule says that, a month on, nobody is hiring for
  it, so the manager above keeps doing its work.

It reads :attr:`Snapshot.vacancies` (since when each seat has been empty, and whether it
has an open plan), which only the database fills: an org file carries no dates of
vacancy, so checking one never fires this rule. The fix is plain steps: opening a plan is
a hiring decision, not a change to the chart.
"""

from __future__ import annotations

from collections.abc import Iterator

from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity
from practiceos.core.health.fixes import PlainStep
from practiceos.core.hiring import vacant_too_long


def _count(facts: Facts) -> int:
    return len(facts.snapshot.vacancies)


def _vacant(facts: Facts, seat_id: str) -> bool:
    """True when no current assignment of the seat is accountable and of a known person."""
    people = facts.snapshot.people_by_id
    holders = facts.snapshot.holders_of.get(seat_id, ())
    return not any(a.accountable and a.person_id in people for a in holders)


@rule(
    "seat-vacant-without-plan",
    area=Area.STRUCTURE,
    severity=Severity.MEDIUM,
    principles=(1, 6),
    checks=_count,
    summary="A seat vacant longer than the policy's days with no open hiring plan.",
)
def seat_vacant_without_plan(ctx: RuleContext) -> Iterator[Finding]:
    """Seats vacant past ``vacancy_plan_days`` that nobody has opened a hiring plan for."""
    days = ctx.policy.vacancy_plan_days
    seats = ctx.snapshot.seats_by_id
    for fact in ctx.snapshot.vacancies:
        # The date test first: it is the cheap one, and most seats are long filled.
        if not vacant_too_long(fact, ctx.snapshot.as_of, days):
            continue
        seat = seats.get(fact.seat_id)
        if seat is None or not _vacant(ctx.facts, fact.seat_id):
            continue
        since = fact.since.isoformat() if fact.since else "an unknown day"
        vacant_days = (ctx.snapshot.as_of - fact.since).days if fact.since else 0
        yield ctx.finding(
            [ctx.facts.subject(seat)],
            f'The seat "{seat.name}" has been vacant since {since} ({vacant_days} days, '
            f"more than the {days} the policy allows) and nobody has opened a hiring plan "
            "for it: its work falls on the manager above while nobody is looking for "
            "someone to take it.",
            fix=[
                PlainStep(f'Open a hiring plan for "{seat.name}".'),
                PlainStep(
                    f'Go to the seat "{seat.name}" on the chart and choose "Open a hiring '
                    'plan": the plan copies the role card and builds an interview kit from '
                    "it and the practice's core values."
                ),
                PlainStep(
                    "If the seat is not needed any more, archive it instead; if someone "
                    "already covers it, assign them to it."
                ),
            ],
        )
