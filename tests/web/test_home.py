"""The home page: score and trend, top findings with their fix, needs you, recent
changes, and a "start here" checklist ticked from real data; fixed query count."""

from __future__ import annotations

import re

import pytest

from practiceos.org import services
from practiceos.web.needs import NeedItem, needs_for, providers, register_need_provider


def _ticked(page: str) -> set[str]:
    return set(re.findall(r'<li class="done" id="step-(\w+)">', page))


def test_a_new_practice_sees_every_step_open(client, db):
    from django.contrib.auth.models import User

    from practiceos.tenancy.models import Membership, Practice

    practice = Practice.objects.create(name="Fresh Start Clinic", slug="fresh")
    user = User.objects.create_user("founder")
    Membership.objects.create(practice=practice, user=user, role="owner")
    client.force_login(user)
    page = client.get("/").content.decode()
    assert 'id="start-here"' in page and "0 of 5 done" in page
    assert "The health check has not run yet" in page
    assert "Nothing is waiting for you" in page


def test_steps_tick_themselves_from_the_data(chart, personas, login):
    from practiceos.health.services import run_health_check

    client = login("owner")
    # The chart fixture has people and reporting lines; its roles have no purpose; the
    # cast has a manager and an admin.
    assert _ticked(client.get("/").content.decode()) == {"import", "chart", "invite"}
    run_health_check(personas.owner, personas.acme)
    for role in (chart.owner_role, chart.manager_role, chart.surgeon_role, chart.tech_role):
        services.update(personas.owner, role, {"purpose": "Why this role exists"})
    # Every step done: the list goes away.
    assert 'id="start-here"' not in client.get("/").content.decode()


def test_score_trend_and_top_three_findings_with_their_fix(chart, personas, login):
    from practiceos.health.services import run_health_check

    run = run_health_check(personas.owner, personas.acme)
    run_health_check(personas.owner, personas.acme)
    page = login("member").get("/").content.decode()
    assert f'<strong class="big">{run.overall}</strong>' in page
    assert 'class="trend-chart"' in page
    from practiceos.web.home import top_findings

    top = page.split('id="top-findings"', 1)[1].split("The whole report", 1)[0]
    expected = top_findings(run)
    assert top.count('<li class="finding">') == len(expected) == min(3, len(run.findings))
    for finding in expected:
        for step in finding["steps"]:
            assert step[1:] in top.replace("&quot;", '"').replace("&#x27;", "'")


def test_recent_changes_name_objects(chart, personas, login):
    services.update(personas.owner, chart.tech_seat, {"reports_to": chart.owner_seat.pk})
    page = login("member").get("/").content.decode()
    changes = page.split('id="recent-changes"', 1)[1]
    assert "reports to: Practice Manager → Owner" in changes


def test_needs_you_gathers_registered_providers(personas, login):
    saved = providers()
    try:
        register_need_provider(
            "test.todos",
            lambda m: [NeedItem("to-do", f"Call the lab for {m.user.username}", "/x/")],
        )
        register_need_provider("test.broken", lambda m: 1 / 0)
        page = login("manager").get("/").content.decode()
        assert "Call the lab for manager" in page
        assert [n.title for n in needs_for(personas.member)] == ["Call the lab for member"]
    finally:
        from practiceos.web import needs

        needs._PROVIDERS.clear()
        needs._PROVIDERS.update(saved)


def test_invitations_to_other_practices_need_you(personas, login):
    from practiceos.tenancy.services import invite_member

    invite_member(actor=personas.outsider, username="member", role="admin")
    page = login("member").get("/").content.decode()
    assert "Other Dental invites you as Admin" in page


@pytest.mark.parametrize("extra", [0, 60])
def test_home_query_count_is_fixed(chart, personas, login, django_assert_num_queries, extra):
    from practiceos.health.services import run_health_check

    for i in range(extra):
        services.create(personas.owner, services.Person, {"name": f"Person {i}"})
    run_health_check(personas.owner, personas.acme)
    services.update(personas.owner, chart.tech_seat, {"reports_to": chart.owner_seat.pk})
    client = login("owner")
    # session, user, membership; checklist; runs, run, changes since the run, checks
    # under way; invitations (needs), roster previews (needs), to-dos (needs), asks: seats
    # held and asks (needs), plans and conversations due: people, open plans (needs);
    # recent changes, seats named
    with django_assert_num_queries(17):
        assert client.get("/").status_code == 200


def test_the_score_says_when_the_chart_changed_since_the_check(chart, personas, login, settings):
    from practiceos.health.services import run_health_check

    run_health_check(personas.owner, personas.acme)
    client = login("member")
    assert 'id="stale-note"' not in client.get("/").content.decode()
    services.update(personas.owner, chart.downtown, {"address": "2 Main St"})
    services.update(personas.owner, chart.tech_seat, {"note": "Covers theatre 2"})
    page = client.get("/").content.decode()
    assert "Out of date: 2 changes to the chart since this check" in page
    assert "Run it again" in page and "Re-checking…" not in page
    # With the automatic re-check on (a deployment's default), the queued check is named.
    settings.HEALTH_RECHECK_DELAY = 60
    services.update(personas.owner, chart.tech_seat, {"note": "Covers theatre 3"})
    page = client.get("/").content.decode()
    assert "Out of date: 3 changes" in page and "Re-checking…" in page
    run_health_check(personas.owner, personas.acme)
    assert 'id="stale-note"' not in client.get("/").content.decode()
