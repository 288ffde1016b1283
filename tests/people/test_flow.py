"""The issue's "done when", tried as a new user would through the pages, plus the home
page's items, recognition, the audit pages and the health check on database data."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date.today()


def test_a_manager_runs_a_conversation_and_a_60_day_plan_to_its_outcome(cast, personas, client):
    from practiceos.people.models import Plan, Review

    Plan.objects.filter(pk=cast.tom_plan.pk).update(status="withdrawn", closed_on=TODAY)
    client.force_login(personas.manager.user)
    # The quarterly conversation.
    page = client.get(f"/people/person/{cast.tom.pk}/reviews/new/")
    assert page.status_code == 200 and "no −, at most one +/−" in page.content.decode()
    response = client.post(
        f"/people/person/{cast.tom.pk}/reviews/new/",
        {
            "held_on": TODAY.isoformat(),
            "value_0": "Patients first",
            "rating_0": "+",
            "value_1": "Own it",
            "rating_1": "-",
            "gets_it": "yes",
            "wants_it": "yes",
            "capacity": "no",
            "manager_notes": "Turnovers slow; misses hand-offs.",
        },
    )
    review = Review.objects.filter(person=cast.tom).first()
    assert response.status_code == 302 and response["Location"] == f"/people/reviews/{review.pk}/"
    assert not review.above_bar and not review.values_ok and not review.seat_ok
    assert "Below the bar" in client.get(response["Location"]).content.decode()
    # A 60-day plan (the form suggests 60 days).
    form = client.get(f"/people/person/{cast.tom.pk}/plans/new/").content.decode()
    end = (TODAY + dt.timedelta(days=60)).isoformat()
    assert end in form
    response = client.post(
        f"/people/person/{cast.tom.pk}/plans/new/",
        {
            "reason": "numbers",
            "expectations": "Turnover under 20 minutes\nHand-offs logged",
            "support": "Pairing with the lead tech",
            "end_date": end,
        },
    )
    plan = Plan.objects.get(person=cast.tom, status="open")
    assert response["Location"] == f"/people/plans/{plan.pk}/"
    assert [e["text"] for e in plan.expectations] == [
        "Turnover under 20 minutes",
        "Hand-offs logged",
    ]
    # Two checkpoints and an outcome.
    for on_track in ("no", "yes"):
        response = client.post(
            f"/people/plans/{plan.pk}/checkpoint/",
            {"held_on": TODAY.isoformat(), "on_track": on_track, "note": f"on track: {on_track}"},
        )
        assert response.status_code == 302
    response = client.post(f"/people/plans/{plan.pk}/outcome/", {"outcome": "met", "note": "Done"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "met" and plan.closed_on == TODAY and plan.checkpoints.count() == 2
    # The person sees their own plan; a peer cannot see it at all.
    client.force_login(personas.member.user)
    own = client.get(f"/people/plans/{plan.pk}/")
    assert own.status_code == 200 and "Turnover under 20 minutes" in own.content.decode()
    assert "Record outcome" not in own.content.decode()  # the person cannot close it
    client.force_login(personas.manager.user)
    assert client.get(f"/people/plans/{cast.bob_plan.pk}/").status_code == 404


def test_the_person_adds_their_notes_and_never_sees_private_notes(cast, personas, client):
    client.force_login(personas.member.user)
    response = client.post(
        f"/people/reviews/{cast.tom_review.pk}/", {"person_notes": "I want more theatre time."}
    )
    assert response.status_code == 302
    cast.tom_review.refresh_from_db()
    assert cast.tom_review.person_notes == "I want more theatre time."
    meeting = client.get(f"/people/one-on-ones/{cast.tom_meeting.pk}/").content.decode()
    assert "Agreed to shadow" in meeting and "Watch for burnout" not in meeting
    client.force_login(personas.manager.user)
    meeting = client.get(f"/people/one-on-ones/{cast.tom_meeting.pk}/").content.decode()
    assert "Watch for burnout" in meeting


def test_overdue_plans_show_to_the_manager_and_their_manager(cast, personas):
    from practiceos.people.items import people_items_for
    from practiceos.people.models import Plan

    Plan.objects.filter(pk=cast.tom_plan.pk).update(end_date=TODAY - dt.timedelta(days=4))
    for persona in ("manager", "owner"):
        items = people_items_for(personas.membership(persona).user, personas.acme)
        overdue = [i for i in items if i.kind == "plan-overdue"]
        assert [i.person for i in overdue if i.person == "Tom Tech"] == ["Tom Tech"], persona
        assert "ended 4 days ago" in overdue[0].text
    # Tom sees his own plan, not as "overdue for you to close"; a stranger sees nothing.
    own = people_items_for(personas.member.user, personas.acme)
    assert [i.kind for i in own] == ["own-plan"]
    assert people_items_for(personas.outsider.user, personas.acme) == []


def test_reviews_due_and_recognition(cast, personas, client):
    from practiceos.people.items import people_items_for
    from practiceos.people.models import Review

    Review.objects.filter(person=cast.tom).update(held_on=TODAY - dt.timedelta(days=200))
    items = people_items_for(personas.manager.user, personas.acme)
    assert any(i.kind == "review-due" and i.person == "Tom Tech" for i in items)
    # Recognition: above the bar recently and no open plan.
    from practiceos.people.models import Plan

    Review.objects.filter(person=cast.tom).update(held_on=TODAY)
    Plan.objects.filter(person=cast.tom).update(status="met", closed_on=TODAY)
    client.force_login(personas.manager.user)
    home = client.get("/people/").content.decode()
    assert "To recognise" in home and "Tom Tech</a>: living Patients first" in home
    client.force_login(personas.member.user)
    assert "Tom Tech</a>: living" not in client.get("/people/").content.decode()


def test_audit_pages_hide_confidential_records_from_non_admins(cast, personas, client):
    client.force_login(personas.member.user)
    recent = client.get("/audit/").content.decode()
    assert "people.plan" not in recent and "Plan for" not in recent and "review #" not in recent
    assert client.get(f"/audit/people.plan/{cast.tom_plan.pk}/").status_code == 404
    client.force_login(personas.owner.user)
    assert client.get(f"/audit/people.plan/{cast.tom_plan.pk}/").status_code == 200


def test_the_health_check_reads_plans_and_conversations_from_the_database(cast, personas):
    from practiceos.core.health import run_check
    from practiceos.org.snapshot import build_snapshot
    from practiceos.people.models import Plan

    Plan.objects.filter(pk=cast.tom_plan.pk).update(end_date=TODAY - dt.timedelta(days=2))
    snapshot = build_snapshot(personas.acme)
    assert snapshot.reviews_recorded and len(snapshot.reviews) == 2 and len(snapshot.plans) == 2
    report = run_check(snapshot)
    [overdue] = report.findings_for("plan-overdue")
    assert "Tom Tech's plan ended" in overdue.message
    # Mia (Practice Manager) was never reviewed and has been in her seat for years.
    assert any("Mia Manager" in f.message for f in report.findings_for("no-review-in-period"))


def test_the_style_advisor_page_and_api_answer_the_three_cases(cast, personas, client, api_as):
    client.force_login(personas.member.user)
    page = client.get(
        "/people/style/?situation=crisis&competence=low&commitment=high&months_in_role=1"
    ).content.decode()
    assert "Coercive" in page and "Telling (S1)" in page
    fragment = client.get(
        "/people/style/?situation=process_change&competence=high&commitment=variable"
        "&confident=yes&months_in_role=200&change=yes",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "<html" not in fragment and "Democratic" in fragment and "Hand it over" in fragment
    body = (
        api_as("member")
        .post(
            "style/advice",
            {
                "situation": "conflict",
                "competence": "high",
                "commitment": "variable",
                "confident": False,
                "months_in_role": 30,
                "change_start": TODAY.isoformat(),
            },
        )
        .json()
    )
    assert (body["goleman"], body["hersey_blanchard"]) == ("affiliative", "participating")
    assert [p["approach"] for p in body["sequence"]] == ["directive", "participative", "delegating"]


def test_numbers_come_from_the_scorecard_and_feed_off_track_without_plan(cast, personas):
    from practiceos.core.health import run_check
    from practiceos.core.scorecard import week_start
    from practiceos.org.snapshot import build_snapshot
    from practiceos.people.adapters import measurables_for, seat_numbers_for
    from practiceos.people.models import Plan
    from practiceos.scorecards.models import Measurable, MeasurableValue

    p = personas.acme
    surgeon = cast.chart.surgeon_seat
    cases = Measurable.objects.create(
        practice=p,
        seat=surgeon,
        name="Cases per week",
        operator="gte",
        goal_low=20,
        cadence="weekly",
    )
    last = week_start(TODAY) - dt.timedelta(weeks=1)
    values = [12, 25, 14, 15, 30, 30]  # newest first: red, green, red, red, green, green
    MeasurableValue.objects.bulk_create(
        MeasurableValue(practice=p, measurable=cases, period=last - dt.timedelta(weeks=n), value=v)
        for n, v in enumerate(values)
    )
    [numbers] = seat_numbers_for(p, 6)
    assert numbers.seat_id == str(surgeon.pk) and numbers.measurables == 1
    assert numbers.red_weeks == (True, False, True, True, False, False)
    assert measurables_for(p, [surgeon.pk]) == {cases.pk: "Cases per week"}
    # Bob's plan is open: nothing to report. Withdrawn: red 3 of 6 weeks, no plan.
    assert not run_check(build_snapshot(p)).findings_for("off-track-without-plan")
    Plan.objects.filter(pk=cast.bob_plan.pk).update(status="withdrawn", closed_on=TODAY)
    [finding] = run_check(build_snapshot(p)).findings_for("off-track-without-plan")
    assert "red in 3 of the last 6 weeks" in finding.message and "Bob Surgeon" in finding.message
