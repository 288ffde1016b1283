"""Leadership: the vision, decision areas and their overrides, asks, owner time and load,
the multi-location table; and their API.

The vision and decision areas need LEAD (owners and admins). Asks are raised with ASK;
an ask is decided by the holder of the seat it waits at, or by an owner or admin, and
escalated by those or by its asker (403 for the rest of the practice). Owner time is
recorded by the holder of a leadership seat and removed only by whoever recorded it: of
the cast that is the owner persona, linked here to Alice in the owner's seat.
"""

import datetime as dt

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

LEAD = Action.LEAD
ASK = Action.ASK
REDIRECT = frozenset({302})
OK = frozenset({200})
#: Only the owner persona holds a leadership seat (and recorded the time entry).
NOT_OWNER = ("member", "manager", "manager_other", "admin")


def _owner_in_seat(w):
    """The owner persona is Alice, in the owner's seat (a leadership seat)."""
    from practiceos.org.models import Person

    def build():
        Person.objects.filter(pk=w.chart.alice.pk).update(user=w.personas.owner.user)
        return True

    return w.cached("leadership.owner_in_seat", build)


def _area(w):
    """A decision area the practice manager decides, with an override at Downtown."""
    from practiceos.leadership import services

    def build():
        area = services.create_decision_area(
            actor=w.personas.owner, data={"name": "Time off", "decider": [w.chart.manager_seat.pk]}
        )
        services.set_override(
            actor=w.personas.owner, area=area, location=w.chart.downtown, seat=w.chart.owner_seat
        )
        return area

    return w.cached("leadership.area", build)


def _override(w):
    from practiceos.leadership.models import AreaOverride

    return AreaOverride.objects.get(area=_area(w), location=w.chart.downtown)


def _ask(w):
    """An open ask the member raised about time off: it waits at the practice manager's
    seat (the area's decider; the member holds no seat, so no location override applies),
    which the manager persona holds; escalating it sends it to the owner's seat."""
    from practiceos.leadership import services

    def build():
        return services.raise_ask(actor=w.personas.member, text="Friday off?", area=_area(w))

    return w.cached("leadership.ask", build)


def _time_entry(w):
    from practiceos.leadership import services

    def build():
        _owner_in_seat(w)
        return services.record_time(
            actor=w.personas.owner, day=dt.date.today(), kind="leadership", minutes=30
        )

    return w.cached("leadership.time_entry", build)


def _time(w):
    _owner_in_seat(w)
    return {"day": dt.date.today().isoformat(), "kind": "leadership", "minutes": "30"}


#: Three to seven core values.
VALUES = [("Care", "Same-day call backs"), ("Own it", "Finish what we start"), ("Learn", "Reviews")]


def _vision(w):
    form = {"core_focus": "Joints", "three_year_picture": "Three sites"}
    for i, (name, behaviour) in enumerate(VALUES):
        form |= {f"value_name_{i}": name, f"value_behaviour_{i}": behaviour}
    return form


#: Deciding: the holder of the seat it waits at (the manager persona), owners and admins.
DECIDE = {"data": lambda w: {"decision": "Yes"}, "denied": ("member", "manager_other")}
#: Escalating: those, and the asker (the member); not the other chain's manager.
ESCALATE = {"data": lambda w: {"reason": "Needs the owner"}, "denied": ("manager_other",)}

PAGES = [
    page("leadership:home"),
    page("leadership:vision", post=Rule(LEAD, data=_vision, ok=REDIRECT)),
    page("leadership:areas"),
    page("leadership:seed", get=None, post=Rule(LEAD, ok=REDIRECT)),
    page(
        "leadership:area-new",
        get=None,
        post=Rule(LEAD, data=lambda w: {"name": "Rotas", "kind": "management"}, ok=REDIRECT),
    ),
    page(
        "leadership:area",
        args=lambda w: {"pk": _area(w).pk},
        post=Rule(LEAD, data=lambda w: {"name": "Leave", "kind": "management"}, ok=REDIRECT),
    ),
    page(
        "leadership:hand-over",
        args=lambda w: {"pk": _area(w).pk},
        get=None,
        post=Rule(LEAD, data=lambda w: {"seat": w.chart.owner_seat.pk}, ok=REDIRECT),
    ),
    page(
        "leadership:override-add",
        args=lambda w: {"pk": _area(w).pk},
        get=None,
        post=Rule(
            LEAD,
            data=lambda w: {"location": w.chart.downtown.pk, "seat": w.chart.manager_seat.pk},
            ok=REDIRECT,
        ),
    ),
    page(
        "leadership:area-delete",
        args=lambda w: {"pk": _area(w).pk},
        get=None,
        post=Rule(LEAD, ok=REDIRECT),
    ),
    page(
        "leadership:override-delete",
        args=lambda w: {"pk": _override(w).pk},
        get=None,
        post=Rule(LEAD, ok=REDIRECT),
    ),
    page(
        "leadership:asks",
        post=Rule(ASK, data=lambda w: {"text": "Where are the gloves?"}, ok=REDIRECT),
    ),
    page("leadership:suggest"),
    page("leadership:seen", get=None, post=Rule(ASK, ok=REDIRECT)),
    page("leadership:ask", args=lambda w: {"pk": _ask(w).pk}),
    page(
        "leadership:decide",
        args=lambda w: {"pk": _ask(w).pk},
        get=None,
        post=Rule(ASK, ok=REDIRECT, **DECIDE),
    ),
    page(
        "leadership:escalate",
        args=lambda w: {"pk": _ask(w).pk},
        get=None,
        post=Rule(ASK, ok=REDIRECT, **ESCALATE),
    ),
    page("leadership:load"),
    page("leadership:time"),
    # The other practice's owner holds no leadership seat there: refused too.
    page(
        "leadership:time-record",
        get=None,
        post=Rule(ASK, data=_time, denied=NOT_OWNER, ok=REDIRECT, outsider=403),
    ),
    page(
        "leadership:time-delete",
        args=lambda w: {"pk": _time_entry(w).pk},
        get=None,
        post=Rule(ASK, denied=NOT_OWNER, ok=REDIRECT),
    ),
    page("leadership:locations"),
]


def _area_id(w):
    return {"area_id": _area(w).pk}


def _area_location(w):
    return {"area_id": _area(w).pk, "location_id": w.chart.downtown.pk}


def _ask_id(w):
    return {"ask_id": _ask(w).pk}


OPERATIONS = [
    op("GET /api/vision", Action.VIEW),
    op(
        "PUT /api/vision",
        Rule(
            LEAD,
            data=lambda w: {"core_values": [{"name": n, "behaviour": b} for n, b in VALUES]},
            ok=frozenset({200}),
        ),
    ),
    op("GET /api/decision-areas", Action.VIEW),
    op(
        "POST /api/decision-areas",
        Rule(LEAD, data=lambda w: {"name": "Rotas"}, ok=frozenset({201})),
    ),
    op("POST /api/decision-areas/seed", Rule(LEAD, data=lambda w: {}, ok=frozenset({201}))),
    op("GET /api/decision-areas/{area_id}", Action.VIEW, params=_area_id),
    op(
        "PATCH /api/decision-areas/{area_id}",
        Rule(LEAD, data=lambda w: {"description": "Holidays and sick days"}, ok=frozenset({200})),
        params=_area_id,
    ),
    op(
        "PUT /api/decision-areas/{area_id}/overrides/{location_id}",
        Rule(LEAD, data=lambda w: {"seat": w.chart.manager_seat.pk}, ok=frozenset({200})),
        params=_area_location,
    ),
    op(
        "DELETE /api/decision-areas/{area_id}/overrides/{location_id}",
        Rule(LEAD, ok=frozenset({204})),
        params=_area_location,
    ),
    op("GET /api/asks", Action.VIEW),
    op(
        "POST /api/asks",
        Rule(ASK, data=lambda w: {"text": "Where are the gloves?"}, ok=frozenset({201})),
    ),
    op("GET /api/asks/suggestion", Action.VIEW),
    op("GET /api/asks/{ask_id}", Action.VIEW, params=_ask_id),
    op("POST /api/asks/{ask_id}/decision", Rule(ASK, ok=OK, **DECIDE), params=_ask_id),
    op("POST /api/asks/{ask_id}/escalation", Rule(ASK, ok=OK, **ESCALATE), params=_ask_id),
    op(
        "POST /api/owner-time",
        Rule(
            ASK,
            data=lambda w: {**_time(w), "minutes": 30},
            denied=NOT_OWNER,
            ok=frozenset({201}),
            outsider=403,
        ),
    ),
    op("GET /api/owner-load", Action.VIEW),
    op("GET /api/leadership/locations", Action.VIEW),
]
