"""Search boxes accept anything a user can paste, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

PATHS = [
    "/org/chart/search/",
    "/org/people/",
    "/org/locations/",
    "/org/pick/seat/",
    "/org/roles/",
    "/org/teams/",
]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("q", ["\x00", "Bob\x00", "%", "_", "'; drop table--", "é" * 500])
def test_search_never_fails(chart, login, path, q):
    response = login("owner").get(path, {"q": q})
    assert response.status_code == 200, (path, q)


def test_nul_is_ignored_not_matched_literally(chart, login):
    body = login("owner").get("/org/people/", {"q": "Bob\x00"}).content.decode()
    assert "Bob Surgeon" in body
