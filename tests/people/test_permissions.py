"""Declared permission suite (STYLE §8) for people accountability: every persona against
every review, plan and one-on-one action, through the API and the pages.

The expected status comes from two declared tables: who stands how to whom
(``RELATION``: Tom's records are his own for the member, his manager's for the manager;
Bob's are nobody's business but the owner's and the admin's) and what each action needs
(``ACTIONS``). On a refusal nothing changes and nothing is audited; a successful read
writes exactly one "read" audit record naming the reader; a successful write exactly one
created/updated record without any notes in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import PERSONA_NAMES

# persona -> subject -> relation ("self", "chain", "admin", "none"; outsider: another practice)
RELATION = {
    "owner": {"tom": "chain", "bob": "chain"},
    "admin": {"tom": "admin", "bob": "admin"},
    "manager": {"tom": "chain", "bob": "none"},
    "member": {"tom": "self", "bob": "none"},
    "outsider": {"tom": "outside", "bob": "outside"},
}
REVIEWERS = {"owner", "admin", "manager"}  # roles with review_people


def _tomorrow(days: int = 90) -> str:
    return (dt.date.today() + dt.timedelta(days=days)).isoformat()


# action -> (kind of record, how to call it, what it needs)
#   "read": any relation that sees; "manage": chain/admin and a reviewing role;
#   "self": only the person; "create": a write naming the person in the body.
ACTIONS: dict[str, tuple[str, str]] = {
    "api_read_review": ("review", "read"),
    "api_read_plan": ("plan", "read"),
    "api_read_meeting": ("meeting", "read"),
    "page_review": ("review", "read"),
    "page_plan": ("plan", "read"),
    "page_meeting": ("meeting", "read"),
    "page_person": ("person", "read"),
    "api_create_review": ("review", "create"),
    "api_create_plan": ("plan", "create"),
    "api_create_meeting": ("meeting", "create"),
    "api_checkpoint": ("plan", "manage"),
    "api_extend": ("plan", "manage"),
    "api_outcome": ("plan", "manage"),
    "api_person_notes": ("review", "self"),
    "page_new_review": ("person", "manage_page"),
}


def expected_status(persona: str, subject: str, action: str) -> int:
    """The status the declared tables promise."""
    _kind, need = ACTIONS[action]
    relation = RELATION[persona][subject]
    sees = relation in ("self", "chain", "admin")
    manages = relation in ("chain", "admin")
    page = action.startswith("page_")
    if need == "read":
        return 200 if sees else 404
    if need == "manage_page":
        return 200 if manages and persona in REVIEWERS else 404
    if need == "create":
        if persona not in REVIEWERS and relation != "outside":
            return 403
        return 201 if manages else 422  # outside the chain, or another practice's person
    if need == "manage":
        if not sees:
            return 404
        if persona not in REVIEWERS:
            return 403
        if not manages:
            return 422
        return 201 if action == "api_checkpoint" else 200
    assert need == "self" and not page
    if not sees:
        return 404
    return 200 if relation == "self" else 422


def test_the_declared_tables_say_what_the_product_promises() -> None:
    assert expected_status("member", "tom", "api_read_plan") == 200  # your own plan
    assert expected_status("member", "bob", "api_read_plan") == 404  # a peer's: not at all
    assert expected_status("manager", "bob", "page_plan") == 404  # another line's
    assert expected_status("manager", "tom", "api_create_plan") == 201
    assert expected_status("manager", "bob", "api_create_review") == 422  # outside the chain
    assert expected_status("member", "tom", "api_outcome") == 403
    assert expected_status("outsider", "tom", "api_read_review") == 404
    assert expected_status("owner", "tom", "api_person_notes") == 422  # only Tom writes those


def _counts() -> dict[str, int]:
    from practiceos.audit.models import AuditRecord
    from practiceos.people.models import Checkpoint, OneOnOne, Plan, Review

    return {
        m.__name__: m.objects.count() for m in (Review, Plan, Checkpoint, OneOnOne, AuditRecord)
    }


def _plan_state(plan: Any) -> tuple[Any, ...]:
    from practiceos.people.models import Plan

    fresh = Plan.objects.get(pk=plan.pk)
    return (fresh.status, fresh.end_date, fresh.extensions, fresh.checkpoints.count())


def _call(action: str, subject: str, cast: Any, caller: Any, client: Any) -> Any:
    person = cast.tom if subject == "tom" else cast.bob
    review, plan, meeting = (cast.record(subject, k) for k in ("review", "plan", "meeting"))
    if action == "api_read_review":
        return caller.get(f"reviews/{review.pk}")
    if action == "api_read_plan":
        return caller.get(f"plans/{plan.pk}")
    if action == "api_read_meeting":
        return caller.get(f"one-on-ones/{meeting.pk}")
    if action == "page_review":
        return client.get(f"/people/reviews/{review.pk}/")
    if action == "page_plan":
        return client.get(f"/people/plans/{plan.pk}/")
    if action == "page_meeting":
        return client.get(f"/people/one-on-ones/{meeting.pk}/")
    if action == "page_person":
        return client.get(f"/people/person/{person.pk}/")
    if action == "page_new_review":
        return client.get(f"/people/person/{person.pk}/reviews/new/")
    if action == "api_create_review":
        from tests.people.conftest import review_data

        body = review_data(person=person.pk)
        return caller.post("reviews", body)
    if action == "api_create_plan":
        # Close the open plan first (as the owner) so a new one may be opened.
        from practiceos.people.models import Plan

        Plan.objects.filter(pk=plan.pk).update(status="withdrawn", closed_on=dt.date.today())
        return caller.post(
            "plans",
            {
                "person": person.pk,
                "reason": "behaviour",
                "expectations": [{"text": "Hand-offs logged every case"}],
                "end_date": _tomorrow(),
            },
        )
    if action == "api_create_meeting":
        return caller.post(
            "one-on-ones", {"person": person.pk, "held_on": dt.date.today().isoformat()}
        )
    if action == "api_checkpoint":
        body = {"held_on": dt.date.today().isoformat(), "on_track": True, "note": "Better"}
        return caller.post(f"plans/{plan.pk}/checkpoints", body)
    if action == "api_extend":
        body = {"new_end_date": _tomorrow(120), "reason": "Training slipped"}
        return caller.post(f"plans/{plan.pk}/extension", body)
    if action == "api_outcome":
        return caller.post(f"plans/{plan.pk}/outcome", {"outcome": "met"})
    assert action == "api_person_notes"
    return caller.client.put(
        f"/api/reviews/{review.pk}/person-notes",
        '{"person_notes": "I agree with most of it."}',
        content_type="application/json",
        headers=caller._headers(),
    )


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("subject", ["tom", "bob"])
@pytest.mark.parametrize("persona", PERSONA_NAMES)
def test_permission_matrix(persona, subject, action, cast, personas, api_as, client):
    from practiceos.audit.models import AuditRecord

    caller = api_as(persona)
    client.force_login(personas.membership(persona).user)
    plan = cast.record(subject, "plan")
    plan_before = None if action == "api_create_plan" else _plan_state(plan)
    before = _counts()
    last = AuditRecord.objects.order_by("-id").values_list("id", flat=True).first() or 0

    response = _call(action, subject, cast, caller, client)

    expected = expected_status(persona, subject, action)
    assert response.status_code == expected, (response.status_code, response.content[:300])
    new = list(AuditRecord.objects.filter(id__gt=last))
    if expected >= 400:
        after = _counts()
        if action == "api_create_plan":
            after["Plan"] = before["Plan"]  # the set-up closed the old plan directly
        assert after == before
        assert new == []
        if plan_before is not None:
            assert _plan_state(plan) == plan_before
        if expected == 404 and not action.startswith("page_"):
            assert response.json() == {"detail": "Not found."}
        if expected == 422:
            fields = {p["field"] for p in response.json()["detail"]}
            assert fields & {"person", "person_notes"}, fields
        return
    actor_id = personas.membership(persona).user_id
    assert all(r.actor_id == actor_id for r in new)
    kinds = [r.action for r in new]
    _kind, need = ACTIONS[action]
    if need == "manage_page":
        assert kinds == []  # a blank form shows no confidential record
    elif need == "read":
        # Every confidential record shown is recorded as read, and nothing else is written.
        assert kinds and set(kinds) == {"read"}
        assert _counts()["Review"] == before["Review"]
    else:
        writes = [r for r in new if r.action != "read"]
        assert len(writes) == 1, kinds
        text = str(writes[0].before) + str(writes[0].after)
        for secret in ("Strong quarter", "Better", "Training slipped", "I agree", "Watch for"):
            assert secret not in text
