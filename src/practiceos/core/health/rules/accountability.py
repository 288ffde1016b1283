"""Accountability rules: plans, quarterly conversations and numbers (DESIGN §1 principle 6).

They read the snapshot's people-accountability sections (``reviews``, ``plans``,
``seat_numbers``; see :mod:`practiceos.core.reviews`). A situation is reported once:

- A provider never reviewed whose seat has no measurable is ``provider-unaccountable``;
  ``no-review-in-period`` skips that person.
- Missing conversations are reported only for snapshots whose source records them
  (``Snapshot.reviews_recorded``: the database, not an org file).
- Someone with an open plan is never reported by ``off-track-without-plan`` or
  ``values-misfit-without-plan``: the plan is the answer; its own problems (overdue, no
  end date, extended twice) are the plan rules'.

Every fix is a plain step (:class:`~..fixes.PlainStep`): the remedy is a conversation or
a plan recorded in PracticeOS, not a change to the chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from practiceos.core.health.engine import RuleContext, rule
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import Area, Finding, Severity, Subject, SubjectType
from practiceos.core.health.fixes import PlainStep
from practiceos.core.model import Person, Seat, SeatKind
from practiceos.core.reviews import PlanFact, PlanStatus, ReviewFact, SeatNumbers


def _open_plans(facts: Facts) -> Mapping[str, tuple[PlanFact, ...]]:
    """Open plans by person id (computed once per run)."""

    def compute() -> dict[str, tuple[PlanFact, ...]]:
        out: dict[str, list[PlanFact]] = {}
        for plan in facts.snapshot.plans:
            if plan.status is PlanStatus.OPEN:
                out.setdefault(plan.person_id, []).append(plan)
        return {k: tuple(v) for k, v in out.items()}

    return facts.cached("accountability.open_plans", compute)


def _latest_plan_opened(facts: Facts) -> Mapping[str, dt.date]:
    """The date each person's most recent plan (open or closed) was opened."""

    def compute() -> dict[str, dt.date]:
        out: dict[str, dt.date] = {}
        for plan in facts.snapshot.plans:
            if plan.person_id not in out or plan.opened_on > out[plan.person_id]:
                out[plan.person_id] = plan.opened_on
        return out

    return facts.cached("accountability.latest_plan", compute)


def _latest_review(facts: Facts) -> Mapping[str, ReviewFact]:
    """Each person's most recent quarterly conversation."""

    def compute() -> dict[str, ReviewFact]:
        out: dict[str, ReviewFact] = {}
        for review in facts.snapshot.reviews:
            known = out.get(review.person_id)
            if known is None or (review.held_on, review.id) > (known.held_on, known.id):
                out[review.person_id] = review
        return out

    return facts.cached("accountability.latest_review", compute)


def _numbers(facts: Facts) -> Mapping[str, SeatNumbers]:
    return facts.cached(
        "accountability.numbers", lambda: {n.seat_id: n for n in facts.snapshot.seat_numbers}
    )


def _person_subject(person: Person) -> Subject:
    return Subject(SubjectType.PERSON, person.id, person.name)


def _plan_subjects(facts: Facts, plan: PlanFact) -> list[Subject]:
    """The person, and the seats they hold now (so the chart marks them)."""
    person = facts.snapshot.people_by_id.get(plan.person_id)
    subjects = [
        _person_subject(person)
        if person is not None
        else Subject(SubjectType.PERSON, plan.person_id, f"person {plan.person_id}")
    ]
    for assignment in facts.snapshot.seats_of.get(plan.person_id, ()):
        seat = facts.snapshot.seats_by_id.get(assignment.seat_id)
        if seat is not None:
            subjects.append(facts.subject(seat))
    return subjects


def _who(facts: Facts, person_id: str) -> str:
    person = facts.snapshot.people_by_id.get(person_id)
    return person.name if person is not None else f"person {person_id}"


def _manager_name(facts: Facts, seat: Seat) -> str:
    """Who should act: the holder of the seat's manager seat, or "their manager"."""
    manager = facts.snapshot.manager_of(seat)
    if manager is None:
        return "the owner"
    name = facts.person_name(manager)
    return f"{name} ({manager.name})" if name else f"whoever fills {manager.name}"


def _held_seats(facts: Facts) -> Iterator[tuple[Seat, Person, dt.date | None]]:
    """Each seat with a manager and an accountable person: (seat, person, start)."""
    snapshot = facts.snapshot
    for seat in facts.seats:
        if seat.reports_to is None:
            continue  # the top of the chart: nobody above to hold the conversation
        for assignment in snapshot.holders_of.get(seat.id, ()):
            if not assignment.accountable:
                continue
            person = snapshot.people_by_id.get(assignment.person_id)
            if person is not None:
                yield seat, person, assignment.start
            break


def _count_open(facts: Facts) -> int:
    return sum(1 for p in facts.snapshot.plans if p.status is PlanStatus.OPEN)


def _count_held(facts: Facts) -> int:
    if not facts.snapshot.reviews_recorded:
        return 0
    return sum(1 for _ in _held_seats(facts))


def _count_providers(facts: Facts) -> int:
    if not facts.snapshot.reviews_recorded:
        return 0
    return len(facts.seats_by_kind.get(SeatKind.PROVIDER, ()))


@rule(
    "plan-overdue",
    area=Area.ACCOUNTABILITY,
    severity=Severity.HIGH,
    principles=6,
    checks=_count_open,
    summary="An open performance plan past its committed end date with no outcome recorded.",
)
def plan_overdue(ctx: RuleContext) -> Iterator[Finding]:
    """Open plans whose end date has passed: the manager owes an outcome."""
    today = ctx.snapshot.as_of
    for plan in ctx.snapshot.plans:
        if plan.status is not PlanStatus.OPEN or plan.end_date is None:
            continue
        if plan.end_date >= today:
            continue
        who = _who(ctx.facts, plan.person_id)
        late = (today - plan.end_date).days
        options = (
            "met, separated or withdrawn"
            if plan.extensions
            else "met, separated or withdrawn, or extend it once with a reason and a new date"
        )
        yield ctx.finding(
            _plan_subjects(ctx.facts, plan),
            f"{who}'s plan ended on {plan.end_date.isoformat()} ({late} days ago) with no "
            "outcome recorded: a plan without consequences teaches that plans do not matter.",
            fix=[PlainStep(f"Record the outcome of {who}'s plan: {options}.")],
        )


@rule(
    "plan-without-end-date",
    area=Area.ACCOUNTABILITY,
    severity=Severity.MEDIUM,
    principles=6,
    checks=_count_open,
    summary="An open plan with no committed end date, or whose end date was moved more than once.",
)
def plan_without_end_date(ctx: RuleContext) -> Iterator[Finding]:
    """Plans PracticeOS would refuse today but that exist in older or imported data."""
    for plan in ctx.snapshot.plans:
        if plan.status is not PlanStatus.OPEN:
            continue
        who = _who(ctx.facts, plan.person_id)
        if plan.end_date is None:
            yield ctx.finding(
                _plan_subjects(ctx.facts, plan),
                f"{who}'s plan (opened {plan.opened_on.isoformat()}) has no end date: without "
                "a committed date it can run forever.",
                fix=[PlainStep(f"Set a committed end date on {who}'s plan and tell {who}.")],
            )
        elif plan.extensions > 1:
            yield ctx.finding(
                _plan_subjects(ctx.facts, plan),
                f"{who}'s plan was extended {plan.extensions} times; a plan is extended once, "
                "then it ends.",
                fix=[
                    PlainStep(
                        f"Record the outcome of {who}'s plan by {plan.end_date.isoformat()}: "
                        "met, separated or withdrawn."
                    )
                ],
            )


@rule(
    "values-misfit-without-plan",
    area=Area.ACCOUNTABILITY,
    severity=Severity.HIGH,
    principles=6,
    checks=lambda facts: len(_latest_review(facts)),
    summary="The latest quarterly conversation is below the practice's bar and no plan followed.",
)
def values_misfit_without_plan(ctx: RuleContext) -> Iterator[Finding]:
    """Below the bar (values or seat) in the latest review, with no plan opened since."""
    facts = ctx.facts
    open_plans = _open_plans(facts)
    latest_plan = _latest_plan_opened(facts)
    for person_id, review in sorted(_latest_review(facts).items()):
        if review.above_bar or person_id in open_plans:
            continue
        opened = latest_plan.get(person_id)
        if opened is not None and opened >= review.held_on:
            continue  # a plan followed the review and has since closed
        if not ctx.snapshot.seats_of.get(person_id):
            continue  # no longer in a seat: nothing to manage
        who = _who(facts, person_id)
        what = "core values" if not review.values_ok else "the seat (gets it, wants it, capacity)"
        if not review.values_ok and not review.seat_ok:
            what = "core values and the seat"
        yield ctx.finding(
            _plan_subjects(facts, PlanFact("", person_id, PlanStatus.OPEN, review.held_on, None)),
            f"{who} was below the bar on {what} in the quarterly conversation of "
            f"{review.held_on.isoformat()}, and no plan followed.",
            fix=[
                PlainStep(
                    f"Open a plan for {who} with the expectations to meet, the support offered "
                    "and a committed end date (or record a new conversation if things changed)."
                )
            ],
        )


@rule(
    "no-review-in-period",
    area=Area.ACCOUNTABILITY,
    severity=Severity.MEDIUM,
    principles=6,
    checks=_count_held,
    summary="Someone in a seat with a manager has had no quarterly conversation in the period.",
)
def no_review_in_period(ctx: RuleContext) -> Iterator[Finding]:
    """People past the review period in their seat with no conversation inside it."""
    facts = ctx.facts
    if not ctx.snapshot.reviews_recorded:
        return
    today = ctx.snapshot.as_of
    period = ctx.policy.review_period_days
    latest = _latest_review(facts)
    numbers = _numbers(facts)
    seen: set[str] = set()
    for seat, person, start in _held_seats(facts):
        if person.id in seen:
            continue
        if start is not None and (today - start).days < period:
            continue  # new in the seat: the first conversation is not due yet
        review = latest.get(person.id)
        if review is not None and (today - review.held_on).days <= period:
            continue
        if review is None and _unaccountable_provider(seat, numbers):
            continue  # provider-unaccountable reports it
        seen.add(person.id)
        when = (
            f"the last one was on {review.held_on.isoformat()}"
            if review is not None
            else "there has never been one"
        )
        yield ctx.finding(
            [facts.subject(seat)],
            f"{person.name} ({seat.name}) has had no quarterly conversation in {period} days; "
            f"{when}.",
            fix=[
                PlainStep(
                    f"{_manager_name(facts, seat)}: hold a quarterly conversation with "
                    f"{person.name} on core values and the seat, and record it."
                )
            ],
        )


def _unaccountable_provider(seat: Seat, numbers: Mapping[str, SeatNumbers]) -> bool:
    entry = numbers.get(seat.id)
    return seat.kind is SeatKind.PROVIDER and (entry is None or entry.measurables == 0)


@rule(
    "provider-unaccountable",
    area=Area.ACCOUNTABILITY,
    severity=Severity.HIGH,
    principles=(6, 4),
    checks=_count_providers,
    summary="A provider with no quarterly conversation ever and no measurable on their seat.",
)
def provider_unaccountable(ctx: RuleContext) -> Iterator[Finding]:
    """Providers nobody has reviewed and whose seat has no numbers: nothing holds them."""
    facts = ctx.facts
    if not ctx.snapshot.reviews_recorded:
        return
    latest = _latest_review(facts)
    numbers = _numbers(facts)
    for seat in facts.seats_by_kind.get(SeatKind.PROVIDER, ()):
        person = ctx.snapshot.accountable_person(seat)
        if person is None or person.id in latest:
            continue
        if not _unaccountable_provider(seat, numbers):
            continue
        yield ctx.finding(
            [facts.subject(seat)],
            f"{person.name} ({seat.name}) has never had a quarterly conversation and the seat "
            "has no measurable: nothing says whether the work is on track.",
            fix=[
                PlainStep(
                    f"Give {seat.name} at least one weekly measurable with a target "
                    "(productivity, outcomes, patient experience or growth)."
                ),
                PlainStep(
                    f"{_manager_name(facts, seat)}: hold a quarterly conversation with "
                    f"{person.name} and record it."
                ),
            ],
        )


@rule(
    "off-track-without-plan",
    area=Area.ACCOUNTABILITY,
    severity=Severity.HIGH,
    principles=6,
    checks=lambda facts: len(facts.snapshot.seat_numbers),
    summary="A seat's numbers were red in K of the last N weeks and its person has no open plan.",
)
def off_track_without_plan(ctx: RuleContext) -> Iterator[Finding]:
    """Numbers off track for weeks with no plan: the consequence is missing."""
    facts = ctx.facts
    need, window = ctx.policy.off_track_red_weeks, ctx.policy.off_track_window_weeks
    open_plans = _open_plans(facts)
    for entry in sorted(ctx.snapshot.seat_numbers, key=lambda n: n.seat_id):
        red = entry.red_in(window)
        if red < need:
            continue
        seat = ctx.snapshot.seats_by_id.get(entry.seat_id)
        if seat is None:
            continue
        person = ctx.snapshot.accountable_person(seat)
        if person is None or person.id in open_plans:
            continue
        yield ctx.finding(
            [facts.subject(seat)],
            f"{seat.name} ({person.name}) was red in {red} of the last {window} weeks and "
            f"{person.name} has no open plan.",
            fix=[
                PlainStep(
                    f"{_manager_name(facts, seat)}: talk with {person.name} about the numbers; "
                    "if they stay off track, open a plan with a committed end date."
                )
            ],
        )
