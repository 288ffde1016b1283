"""The home page's "needs you" lists what the other apps ask of the member."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from practiceos.leadership.models import Ask
from practiceos.meetings.models import ToDo
from practiceos.web.needs import needs_for, providers


def test_to_dos_and_asks_of_the_member_are_on_the_home_page(chart, personas, login):
    assert {"meetings.todos", "leadership.asks", "people.accountability"} <= set(providers())
    # Alice holds the owner's seat; the owner's login is hers.
    chart.alice.user = personas.owner.user
    chart.alice.save()
    ToDo.objects.create(
        practice=personas.acme,
        team=chart.team,
        title="Call the sterilisation vendor",
        owner=chart.alice,
        due=dt.date.today() + dt.timedelta(days=7),
        created_at=timezone.now(),
    )
    Ask.objects.create(
        practice=personas.acme,
        asker=personas.member.user,
        text="May we close early on Friday for the staff training?",
        to_seat=chart.owner_seat,
    )
    kinds = {item.kind: item for item in needs_for(personas.owner)}
    assert kinds["to-do"].title.startswith("Call the sterilisation vendor")
    assert kinds["ask"].url.startswith("/leadership/asks/")
    page = login("owner").get("/").content.decode()
    assert "Call the sterilisation vendor" in page
    assert "May we close early on Friday" in page
    # Someone else's to-dos and asks are not theirs.
    assert not needs_for(personas.member) or all(
        "sterilisation" not in i.title and "close early" not in i.title
        for i in needs_for(personas.member)
    )
