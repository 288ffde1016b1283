"""Audit history pages: what changed, by whom; outsiders get 404."""

from __future__ import annotations

from practiceos.org import services


def test_history_shows_the_change_and_the_actor(chart, personas, login):
    services.update(personas.owner, chart.downtown, {"address": "2 Main St"})
    response = login("member").get(f"/audit/org.location/{chart.downtown.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "History of Downtown" in body and "2 Main St" in body and "owner" in body


def test_object_without_recorded_changes_has_an_empty_history(chart, login):
    response = login("member").get(f"/audit/org.seat/{chart.tech_seat.pk}/")
    assert response.status_code == 200
    assert "No changes recorded yet" in response.content.decode()


def test_outsider_gets_404_for_another_practices_history(chart, personas, login):
    services.update(personas.owner, chart.downtown, {"address": "2 Main St"})
    client = login("outsider")
    assert client.get(f"/audit/org.location/{chart.downtown.pk}/").status_code == 404
    assert client.get(f"/audit/org.seat/{chart.tech_seat.pk}/").status_code == 404
    assert "2 Main St" not in client.get("/audit/").content.decode()


def test_unknown_object_types_are_404(personas, login):
    client = login("owner")
    for path in (
        "/audit/nope.thing/1/",
        "/audit/org.seat/abc/",
        "/audit/auth.user/1/",
        "/audit/x/1/",
    ):
        assert client.get(path).status_code == 404, path
