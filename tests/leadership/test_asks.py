"""Decision areas and asks through the services: routing, deciding, escalating, refusals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.leadership import services
from practiceos.leadership.models import AreaOverride, Ask, DecisionArea
from practiceos.leadership.reads import decision_areas_decided_by, open_asks_for


def _area(personas, name):
    return DecisionArea.objects.get(practice=personas.acme, name=name)


def test_seeding_adds_the_library_once_with_the_owner_deciding(personas, sites):
    made = services.seed_decision_areas(actor=personas.owner)
    assert len(made) == 10
    assert {a.decider_id for a in made} == {sites.owner_seat.pk}
    assert services.seed_decision_areas(actor=personas.owner) == []
    assert AuditRecord.objects.filter(object_type="leadership.decisionarea").count() == 10


def test_handing_three_areas_to_managers_routes_the_next_asks_to_them(personas, sites):
    """The issue's 'done when': the owner moves three areas to managers; the next asks
    go to those managers, each at the asker's own location."""
    services.seed_decision_areas(actor=personas.owner)
    before = services.raise_ask(
        actor=personas.member,
        text="Can I swap Friday's shift?",
        area=_area(personas, "Schedule conflicts"),
    )
    assert before.to_seat_id == sites.owner_seat.pk and before.reached_owner
    for name in ("Schedule conflicts", "Time off", "Equipment repair"):
        services.set_decider(
            actor=personas.owner, area=_area(personas, name), seat=sites.downtown_manager
        )
    ask = services.raise_ask(
        actor=personas.member,
        text="Can I swap Friday's shift?",
        area=_area(personas, "Schedule conflicts"),
    )
    assert ask.to_seat_id == sites.downtown_manager.pk and not ask.reached_owner
    assert ask.location_id == sites.downtown.pk and ask.area_suggested
    assert "Office Manager Downtown (Mo Manager)" in ask.routing
    assert [a.pk for a in open_asks_for(personas.manager.user, personas.acme)] == [ask.pk]
    assert open_asks_for(personas.member.user, personas.acme) == []
    decided = {d.area.name for d in decision_areas_decided_by(sites.downtown_manager)}
    assert decided == {"Schedule conflicts", "Time off", "Equipment repair"}


def test_ask_from_another_location_goes_to_that_locations_manager(personas, sites):
    from practiceos.org.models import Person

    services.seed_decision_areas(actor=personas.owner)
    services.set_decider(
        actor=personas.owner, area=_area(personas, "Time off"), seat=sites.downtown_manager
    )
    # Ravi at Riverside gets a login: his ask goes to Riverside's office manager.
    from django.contrib.auth.models import User

    from practiceos.tenancy.models import Membership

    ravi = User.objects.create_user("ravi", password="x")
    m = Membership.objects.create(practice=personas.acme, user=ravi, role="member")
    Person.objects.filter(name="Ravi Assistant").update(user=ravi)
    ask = services.raise_ask(actor=m, text="Two days off in May?", area=_area(personas, "Time off"))
    assert ask.to_seat_id == sites.riverside_manager.pk
    assert ask.location_id == sites.riverside.pk


def test_ask_without_area_goes_to_the_askers_manager_and_says_so(personas, sites):
    ask = services.raise_ask(actor=personas.member, text="Where do the spare gloves go?")
    assert ask.area is None and ask.to_seat_id == sites.downtown_manager.pk
    assert ask.routing.startswith("No area was chosen, so it went to your manager")


def test_holder_decides_and_the_asker_is_told(personas, sites):
    ask = services.raise_ask(actor=personas.member, text="Where do the spare gloves go?")
    with pytest.raises(PermissionDenied):
        services.decide_ask(actor=personas.member, ask=ask, decision="Shelf 2")
    services.decide_ask(actor=personas.manager, ask=ask, decision="Shelf 2, left")
    ask.refresh_from_db()
    assert ask.status == "decided" and ask.decision == "Shelf 2, left" and ask.decided_at
    assert ask.decided_by == personas.manager.user
    with pytest.raises(InputError, match="already decided"):
        services.decide_ask(actor=personas.manager, ask=ask, decision="again")
    assert services.acknowledge_answers(actor=personas.member) == 1


def test_escalation_goes_up_once_with_a_reason_and_counts_against_routing(personas, sites):
    ask = services.raise_ask(actor=personas.member, text="Can I leave early today?")
    with pytest.raises(InputError) as err:
        services.escalate_ask(actor=personas.member, ask=ask, reason="  ")
    assert err.value.problems[0].where == "reason"
    services.escalate_ask(actor=personas.member, ask=ask, reason="Mo is away this week")
    ask.refresh_from_db()
    assert ask.to_seat_id == sites.owner_seat.pk and ask.reached_owner
    assert ask.escalation_reason == "Mo is away this week"
    with pytest.raises(InputError, match="already escalated once"):
        services.escalate_ask(actor=personas.owner, ask=ask, reason="again")


def test_two_deciders_are_refused_naming_both_seats(personas, sites):
    area = services.create_decision_area(actor=personas.owner, data={"name": "Rotas"})
    with pytest.raises(InputError) as err:
        services.update_decision_area(
            actor=personas.owner,
            area=area,
            data={"decider": [sites.downtown_manager.pk, sites.riverside_manager.pk]},
        )
    message = err.value.problems[0].message
    assert '"Office Manager Downtown" and "Office Manager Riverside"' in message
    area.refresh_from_db()
    assert area.decider is None


def test_override_with_a_seat_of_another_location_is_refused_naming_the_location(personas, sites):
    area = services.create_decision_area(actor=personas.owner, data={"name": "Rotas"})
    with pytest.raises(InputError) as err:
        services.set_override(
            actor=personas.owner, area=area, location=sites.lakeside, seat=sites.riverside_manager
        )
    assert (
        'location "Lakeside" has no seat "Office Manager Riverside"'
        in err.value.problems[0].message
    )
    assert not AreaOverride.objects.exists()
    services.set_override(
        actor=personas.owner,
        area=area,
        location=sites.lakeside,
        seat=sites.owner_seat.__class__.objects.get(name="Assistant Lakeside"),
    )
    assert AreaOverride.objects.count() == 1


def test_members_and_managers_may_not_change_decision_rights(personas, sites):
    for who in ("manager", "member"):
        with pytest.raises(PermissionDenied):
            services.seed_decision_areas(actor=personas.membership(who))
    assert not DecisionArea.objects.exists()


def test_bad_ask_input_names_the_field(personas, sites):
    with pytest.raises(InputError) as err:
        services.raise_ask(actor=personas.member, text="x" * 2001)
    assert err.value.problems[0].where == "text" and "at most 2000" in err.value.problems[0].message
    with pytest.raises(InputError):
        services.raise_ask(actor=personas.member, text="   ")
    assert not Ask.objects.exists()


def test_owner_records_time_and_others_may_not(personas, sites):
    import datetime as dt

    today = dt.date.today()
    entry = services.record_time(
        actor=personas.owner, day=today.isoformat(), kind="management", minutes="30"
    )
    assert entry.minutes == 30
    with pytest.raises(PermissionDenied):
        services.record_time(actor=personas.member, day=today, kind="management", minutes=30)
    with pytest.raises(InputError) as err:
        services.record_time(actor=personas.owner, day="tomorrow", kind="golf", minutes="0")
    wheres = {p.where for p in err.value.problems}
    assert wheres == {"day", "kind", "minutes"}
    with pytest.raises(InputError, match="a day has 1440"):
        services.record_time(actor=personas.owner, day=today, kind="clinical", minutes=1420)
