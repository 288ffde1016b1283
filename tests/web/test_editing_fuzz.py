"""Random text in every field of every edit form: never a 500, nothing written unless valid.

Each example posts arbitrary values (NUL characters, long strings, digits that may be ids
of this or another practice, dates, numbers) to one form. A refusal (422) must leave the
database as it was; an acceptance (302) must write exactly one audit record.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.audit.models import AuditRecord
from practiceos.org import forms as f
from tests.web.test_editing import FORMS, state

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
VALUES = st.one_of(
    TEXT,
    st.just(""),
    st.just("\x00"),
    st.text(st.sampled_from("ab \x00\n"), min_size=150, max_size=400),
    st.integers(min_value=-3, max_value=40).map(str),
    st.sampled_from(["on", "off", "true", "leadership", "support", "lead", "2024-02-30"]),
    st.dates().map(lambda d: d.isoformat()),
    st.decimals(allow_nan=True, places=3).map(str),
)

FIELDS = {
    "location_new": f.LOCATION_FORM,
    "location_edit": f.LOCATION_FORM,
    "team_new": f.TEAM_FORM,
    "role_new": f.ROLE_FORM,
    "role_edit": f.ROLE_FORM,
    "seat_new": f.SEAT_FORM,
    "seat_edit": f.SEAT_FORM,
    "person_new": f.PERSON_FORM,
    "person_edit": f.PERSON_FORM,
    "person_assign": f.ASSIGNMENT_FORM,
    "assignment_end": f.END_FORM,
}


def posts(name: str) -> st.SearchStrategy[dict[str, object]]:
    """A post with any subset of the form's fields, each any value (lists for pickers)."""
    fields = FIELDS[name]
    return st.fixed_dictionaries(
        {},
        optional={
            field.name: st.lists(VALUES, max_size=3) if field.widget == "picks" else VALUES
            for field in fields
        },
    )


@pytest.mark.parametrize("name", list(FIELDS))
def test_random_posts_never_fail_and_write_only_when_valid(chart, personas, login, name):
    client = login("owner")
    url = FORMS[name].url(chart)

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=posts(name))
    def check(data: dict[str, object]) -> None:
        before = state(personas.acme)
        other = state(personas.other)
        audits = AuditRecord.objects.count()
        response = client.post(url, data)
        assert response.status_code < 500
        assert response.status_code in (302, 422), response.status_code
        assert state(personas.other) == other
        if response.status_code == 422:
            assert state(personas.acme) == before
            assert AuditRecord.objects.count() == audits
        else:
            # An edit that changes nothing writes no record; anything else writes one.
            changed = state(personas.acme) != {**before, "audit": state(personas.acme)["audit"]}
            assert AuditRecord.objects.count() - audits == (1 if changed else 0)

    check()
