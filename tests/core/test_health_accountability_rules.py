"""Each accountability rule: where it fires, the legitimate look-alike where it must not,
and that doing what its fix says clears it.

The fixes are plain steps (a conversation held, a plan opened or closed): applying them to
a snapshot changes nothing, so "the fix clears it" is shown by recording what the step
says (a review, a plan, an outcome) and checking again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from practiceos.core.health import Area, PlainStep, Policy, Severity, apply_changes, run_check
from practiceos.core.health.fixes import change_from_dict
from practiceos.core.model import Snapshot
from practiceos.core.reviews import PlanFact, PlanStatus, ReviewFact, SeatNumbers

from .builders import AS_OF, Org, only

LONG_AGO = AS_OF - dt.timedelta(days=800)


def practice() -> Org:
    """Owner; practice manager; a surgeon and an assistant who have been there for years."""
    org = Org()
    org.seat("owner", "leadership", name="Owner", person=None)
    org.assign(org.person("Dr. Ana Patel", "ana"), "owner", start=LONG_AGO)
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", person=None)
    org.assign(org.person("Rita Moss", "rita"), "pm", start=LONG_AGO)
    org.seat("surg", "provider", name="Surgeon", reports_to="owner", person=None)
    org.assign(org.person("Dr. Ben Ng", "ben"), "surg", start=LONG_AGO)
    org.seat("ma", "support", name="Medical Assistant", reports_to="pm", person=None)
    org.assign(org.person("Jo Lee", "jo"), "ma", start=LONG_AGO)
    return org


def review(
    person: str, days_ago: int, *, values_ok: bool = True, seat_ok: bool = True
) -> ReviewFact:
    return ReviewFact(
        f"r-{person}-{days_ago}",
        person,
        None,
        AS_OF - dt.timedelta(days=days_ago),
        values_ok,
        seat_ok,
    )


def plan(
    person: str,
    *,
    status: PlanStatus = PlanStatus.OPEN,
    opened_ago: int = 30,
    ends_in: int | None = 30,
    extensions: int = 0,
) -> PlanFact:
    end = None if ends_in is None else AS_OF + dt.timedelta(days=ends_in)
    return PlanFact(
        f"p-{person}-{opened_ago}",
        person,
        status,
        AS_OF - dt.timedelta(days=opened_ago),
        end,
        extensions,
    )


def reviewed_everyone(**extra: object) -> Snapshot:
    """Everyone reviewed recently and above the bar; the surgeon's seat has numbers."""
    snapshot = practice().build()
    base: dict[str, object] = {
        "reviews": tuple(review(p, 20) for p in ("rita", "ben", "jo")),
        "seat_numbers": (SeatNumbers("surg", 3, (False,) * 6),),
        "reviews_recorded": True,
    }
    base.update(extra)
    return replace(snapshot, **base)  # type: ignore[arg-type]


def fired(snapshot: Snapshot, rule: str, policy: Policy | None = None) -> list[str]:
    return [f.message for f in run_check(snapshot, policy).findings_for(rule)]


def assert_plain_fix(snapshot: Snapshot, rule: str, *words: str) -> None:
    """The rule's fix is plain steps naming what to do; applying it changes no chart data."""
    finding = run_check(snapshot).findings_for(rule)[0]
    assert finding.fix and all(isinstance(c, PlainStep) for c in finding.fix)
    text = " ".join(c.describe(str) for c in finding.fix)
    for word in words:
        assert word in text, text
    assert apply_changes(snapshot, finding.fix) == snapshot
    assert [change_from_dict(c.to_dict()) for c in finding.fix] == list(finding.fix)


def test_a_practice_with_everyone_reviewed_and_no_plans_is_clean() -> None:
    report = run_check(reviewed_everyone())
    assert [f.rule for f in report.findings if f.area.value == "accountability"] == []
    assert report.score.areas[Area.ACCOUNTABILITY].scored  # it examined the people


# --- plan-overdue ------------------------------------------------------------------------------


def test_plan_overdue_fires_for_an_open_plan_past_its_end() -> None:
    snapshot = reviewed_everyone(plans=(plan("jo", ends_in=-3),))
    finding = only(run_check(snapshot), "plan-overdue")
    assert finding.severity is Severity.HIGH
    assert "Jo Lee's plan ended" in finding.message and "3 days ago" in finding.message
    assert [s.id for s in finding.subjects] == ["jo", "ma"]
    assert_plain_fix(snapshot, "plan-overdue", "Record the outcome", "extend it once")
    done = replace(snapshot, plans=(plan("jo", ends_in=-3, status=PlanStatus.MET),))
    assert fired(done, "plan-overdue") == []


def test_plan_overdue_lookalikes_ending_today_or_closed_do_not_fire() -> None:
    snapshot = reviewed_everyone(
        plans=(plan("jo", ends_in=0), plan("ben", ends_in=-10, status=PlanStatus.SEPARATED))
    )
    assert fired(snapshot, "plan-overdue") == []


def test_an_extended_overdue_plan_is_not_offered_another_extension() -> None:
    snapshot = reviewed_everyone(plans=(plan("jo", ends_in=-1, extensions=1),))
    step = only(run_check(snapshot), "plan-overdue").fix[0]
    assert "extend" not in step.describe(str)


# --- plan-without-end-date ------------------------------------------------------------------------


def test_plan_without_end_date_fires_for_old_data_and_for_two_extensions() -> None:
    snapshot = reviewed_everyone(plans=(plan("jo", ends_in=None), plan("ben", extensions=2)))
    messages = fired(snapshot, "plan-without-end-date")
    assert len(messages) == 2
    assert any("has no end date" in m for m in messages)
    assert any("extended 2 times" in m for m in messages)
    steps = [
        f.fix[0].describe(str) for f in run_check(snapshot).findings_for("plan-without-end-date")
    ]
    assert any("Set a committed end date on Jo Lee's plan" in s for s in steps)
    assert any("Record the outcome of Dr. Ben Ng's plan" in s for s in steps)
    assert_plain_fix(snapshot, "plan-without-end-date", "plan")
    fixed = replace(
        snapshot, plans=(plan("jo", ends_in=40), plan("ben", extensions=2, status=PlanStatus.MET))
    )
    assert fired(fixed, "plan-without-end-date") == []


def test_plan_without_end_date_lookalike_a_closed_plan_or_one_extension() -> None:
    snapshot = reviewed_everyone(
        plans=(plan("jo", ends_in=None, status=PlanStatus.WITHDRAWN), plan("ben", extensions=1))
    )
    assert fired(snapshot, "plan-without-end-date") == []


# --- values-misfit-without-plan -------------------------------------------------------------------


def test_values_misfit_without_plan_fires_and_a_plan_clears_it() -> None:
    reviews = (review("rita", 20), review("ben", 20), review("jo", 15, values_ok=False))
    snapshot = reviewed_everyone(reviews=reviews)
    finding = only(run_check(snapshot), "values-misfit-without-plan")
    assert "Jo Lee was below the bar on core values" in finding.message
    assert_plain_fix(snapshot, "values-misfit-without-plan", "Open a plan for Jo Lee")
    with_plan = replace(snapshot, plans=(plan("jo", opened_ago=10),))
    assert fired(with_plan, "values-misfit-without-plan") == []


def test_values_misfit_names_a_seat_misfit_too() -> None:
    reviews = (review("rita", 20), review("ben", 20), review("jo", 15, seat_ok=False))
    [message] = fired(reviewed_everyone(reviews=reviews), "values-misfit-without-plan")
    assert "the seat (gets it, wants it, capacity)" in message


def test_values_misfit_lookalikes_do_not_fire() -> None:
    # Below the bar once, above it since; or a plan opened after the review and closed met.
    reviews = (
        review("rita", 200, values_ok=False),
        review("rita", 20),
        review("jo", 90, values_ok=False),
        review("ben", 20),
    )
    plans = (plan("jo", opened_ago=80, ends_in=-20, status=PlanStatus.MET),)
    assert (
        fired(reviewed_everyone(reviews=reviews, plans=plans), "values-misfit-without-plan") == []
    )


# --- no-review-in-period --------------------------------------------------------------------------


def test_no_review_in_period_fires_past_the_policy_period() -> None:
    reviews = (review("rita", 20), review("ben", 20), review("jo", 130))
    snapshot = reviewed_everyone(reviews=reviews)
    finding = only(run_check(snapshot), "no-review-in-period")
    assert finding.severity is Severity.MEDIUM
    assert (
        "Jo Lee (Medical Assistant) has had no quarterly conversation in 120 days"
        in finding.message
    )
    assert_plain_fix(
        snapshot, "no-review-in-period", "Rita Moss (Practice Manager)", "quarterly conversation"
    )
    fixed = replace(snapshot, reviews=(*reviews, review("jo", 0)))
    assert fired(fixed, "no-review-in-period") == []
    # The practice's own period applies.
    assert (
        fired(snapshot, "no-review-in-period", Policy.from_mapping({"review_period_days": 150}))
        == []
    )


def test_no_review_in_period_lookalikes_new_starter_top_seat_and_org_files() -> None:
    org = practice()
    org.seat("new", "support", name="New Assistant", reports_to="pm", person=None)
    org.assign(org.person("Kit New", "kit"), "new", start=AS_OF - dt.timedelta(days=30))
    snapshot = replace(
        reviewed_everyone(),
        seats=org.build().seats,
        people=org.build().people,
        assignments=org.build().assignments,
    )
    assert fired(snapshot, "no-review-in-period") == []  # new: not due; owner: top of chart
    from_file = replace(snapshot, reviews=(), reviews_recorded=False)
    assert fired(from_file, "no-review-in-period") == []
    assert fired(from_file, "provider-unaccountable") == []


# --- provider-unaccountable ------------------------------------------------------------------------


def test_provider_unaccountable_fires_with_no_review_and_no_measurable() -> None:
    snapshot = reviewed_everyone(reviews=(review("rita", 20), review("jo", 20)), seat_numbers=())
    finding = only(run_check(snapshot), "provider-unaccountable")
    assert finding.severity is Severity.HIGH
    assert "Dr. Ben Ng (Surgeon) has never had a quarterly conversation" in finding.message
    assert_plain_fix(snapshot, "provider-unaccountable", "measurable", "quarterly conversation")
    # Reported once: no-review-in-period leaves this provider to this rule.
    assert fired(snapshot, "no-review-in-period") == []
    fixed = replace(snapshot, reviews=(*snapshot.reviews, review("ben", 0)))
    assert fired(fixed, "provider-unaccountable") == []


def test_provider_unaccountable_lookalike_a_provider_with_a_measurable() -> None:
    snapshot = reviewed_everyone(reviews=(review("rita", 20), review("jo", 20)))
    assert fired(snapshot, "provider-unaccountable") == []
    # ...but the missing conversation is still reported, by the period rule.
    assert len(fired(snapshot, "no-review-in-period")) == 1


# --- off-track-without-plan ---------------------------------------------------------------------------


def red(weeks: int, window: int = 6) -> tuple[bool, ...]:
    return (True,) * weeks + (False,) * (window - weeks)


def test_off_track_without_plan_fires_at_k_of_n_red_weeks() -> None:
    snapshot = reviewed_everyone(seat_numbers=(SeatNumbers("surg", 3, red(3)),))
    finding = only(run_check(snapshot), "off-track-without-plan")
    assert "Surgeon (Dr. Ben Ng) was red in 3 of the last 6 weeks" in finding.message
    assert_plain_fix(snapshot, "off-track-without-plan", "open a plan")
    with_plan = replace(snapshot, plans=(plan("ben"),))
    assert fired(with_plan, "off-track-without-plan") == []


@pytest.mark.parametrize(
    "weeks",
    [red(2), (False,) * 6 + (True,) * 6],  # two red weeks; red long ago only
)
def test_off_track_lookalikes_fewer_red_weeks_or_old_ones(weeks: tuple[bool, ...]) -> None:
    snapshot = reviewed_everyone(seat_numbers=(SeatNumbers("surg", 3, weeks),))
    assert fired(snapshot, "off-track-without-plan") == []


def test_policy_validates_the_accountability_settings() -> None:
    from practiceos.core.problems import InputError

    with pytest.raises(InputError) as err:
        Policy.from_mapping({"off_track_red_weeks": 7, "off_track_window_weeks": 6})
    assert err.value.problems[0].where == "policy.off_track_red_weeks"
    with pytest.raises(InputError, match="at least 14"):
        Policy.from_mapping({"review_period_days": 3})
