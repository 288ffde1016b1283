"""The meetings API: a declared permission suite over every persona, refusals naming the
field, and the same services as the web (one audit record per object written)."""

from __future__ import annotations

import pytest

from practiceos.audit.models import AuditRecord
from practiceos.meetings import services
from practiceos.meetings.models import IssueStatus, TeamIssue, ToDo
from tests.meetings.conftest import crew  # noqa: F401  (fixture)

# persona -> status of raising an issue on the team (manager and member are on it; owner
# and admin lead meetings anywhere; the outsider never sees the team).
RAISE = {"owner": 201, "admin": 201, "manager": 201, "member": 201, "outsider": 404}


@pytest.mark.parametrize("persona", list(RAISE))
def test_raise_issue_permission_suite(api_as, crew, persona):  # noqa: F811
    caller = api_as(persona)  # issuing the token is audited too
    before = AuditRecord.objects.count()
    response = caller.post(f"meetings/teams/{crew.team.pk}/issues", {"title": "Trays arrive late"})
    assert response.status_code == RAISE[persona]
    if response.status_code == 201:
        assert response.json()["title"] == "Trays arrive late"
        assert AuditRecord.objects.count() == before + 1
    else:
        assert TeamIssue.objects.count() == 0 and AuditRecord.objects.count() == before


def test_member_off_the_team_gets_403_and_nothing_changes(api_as, crew, personas):  # noqa: F811
    from practiceos.org.models import Person

    Person.objects.filter(pk=crew.tess.pk).update(user=None)
    response = api_as("member").post(f"meetings/teams/{crew.team.pk}/issues", {"title": "x"})
    assert response.status_code == 403
    assert TeamIssue.objects.count() == 0
    # Reading stays open to every member of the practice.
    assert api_as("member").get(f"meetings/teams/{crew.team.pk}/issues").status_code == 200


def test_bad_input_names_the_field(api_as, crew):  # noqa: F811
    caller = api_as("member")
    empty = caller.post(f"meetings/teams/{crew.team.pk}/issues", {"title": "  "})
    assert empty.status_code == 422
    assert {"field": "title", "message": "is required"} in empty.json()["detail"]
    long = caller.post(f"meetings/teams/{crew.team.pk}/issues", {"title": "x" * 201})
    assert long.status_code == 422 and "at most 200" in str(long.json())
    no_owner = caller.post(f"meetings/teams/{crew.team.pk}/todos", {"title": "Call"})
    assert no_owner.status_code == 422 and "owner" in str(no_owner.json())
    assert TeamIssue.objects.count() == 0 and ToDo.objects.count() == 0


def test_solve_with_two_todos_then_mark_done(api_as, crew, personas):  # noqa: F811
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Trays")
    caller = api_as("manager")
    refused = caller.post(f"meetings/issues/{issue.pk}/solve", {"decision": ""})
    assert refused.status_code == 422 and "decision" in str(refused.json())
    response = caller.post(
        f"meetings/issues/{issue.pk}/solve",
        {
            "decision": "Evening prep",
            "todos": [
                {"title": "Agree with SPD", "owner": crew.mona.pk},
                {"title": "Checklist", "owner": crew.tess.pk},
            ],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == IssueStatus.SOLVED and body["decided_by"] == "Mona Manager"
    mine = api_as("member").get("meetings/todos").json()
    assert [t["title"] for t in mine] == ["Checklist"]
    done = api_as("member").post(f"meetings/todos/{mine[0]['id']}/done", {"done": True})
    assert done.status_code == 200 and done.json()["done_on"]
    assert api_as("member").get("meetings/todos").json() == []


def test_outsider_gets_404_on_every_object(api_as, crew, personas):  # noqa: F811
    run = services.start_run(actor=personas.manager, meeting=crew.meeting)
    issue = services.raise_issue(actor=personas.member, team=crew.team, title="Trays")
    todo = services.add_todo(
        actor=personas.member, team=crew.team, title="T", owner_id=crew.tess.pk
    )
    outsider = api_as("outsider")
    assert outsider.get(f"meetings/runs/{run.pk}").status_code == 404
    assert outsider.get(f"meetings/teams/{crew.team.pk}/issues").status_code == 404
    assert outsider.post(f"meetings/issues/{issue.pk}/solve", {"decision": "x"}).status_code == 404
    assert outsider.post(f"meetings/todos/{todo.pk}/done", {"done": True}).status_code == 404
    assert (
        api_as("member").get(f"meetings/runs/{run.pk}").json()["version"] == run.version + 2
    )  # issue, to-do
