"""``practiceos scenario list|diff|export``: the page's figures on the command line, and an
exported scenario checks exactly like the page."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from practiceos.core.scenario_compare import compare
from practiceos.health import file_command
from practiceos.scenarios.services import scenario_state


def test_diff_as_text_names_the_new_seat_and_the_score(personas, draft):
    out = io.StringIO()
    call_command("scenario", "diff", str(draft.pk), "--practice", "acme", stdout=out)
    text = out.getvalue()
    assert f'Scenario "{draft.name}" (draft) against today' in text
    assert "Support Services Manager" in text
    assert "moved" in text and "Headcount by seat kind" in text


def test_diff_as_json_equals_the_comparison_the_page_shows(personas, draft):
    out = io.StringIO()
    call_command(
        "scenario", "diff", draft.name, "--practice", "acme", "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    draft.practice = personas.acme
    state = scenario_state(draft)
    expected = compare(state.today, state.result, state.changes).to_dict()
    assert data["score"] == expected["score"]
    assert data["seats"] == expected["seats"]
    assert data["changes"] == expected["changes"]
    assert data["scenario"]["id"] == draft.pk


def test_check_on_an_exported_scenario_gives_the_page_result(personas, draft, tmp_path):
    path = tmp_path / "scenario.yaml"
    call_command(
        "scenario",
        "export",
        str(draft.pk),
        "--practice",
        "acme",
        "-o",
        str(path),
        stderr=io.StringIO(),
    )
    out = io.StringIO()
    file_command.main([str(path), "--format", "json", "--fail-on", "never"], stdout=out)
    checked = json.loads(out.getvalue())
    draft.practice = personas.acme
    state = scenario_state(draft)
    page = compare(state.today, state.result, state.changes)
    assert checked["score"] == page.after.to_json_dict()["score"]
    assert sorted((f["rule"], f["message"]) for f in checked["findings"]) == sorted(
        (f.rule, f.message) for f in page.after.findings
    )


def test_list_and_unknown_scenario(personas, draft):
    out = io.StringIO()
    call_command("scenario", "list", "--practice", "acme", stdout=out)
    assert draft.name in out.getvalue()
    with pytest.raises(CommandError) as err:
        call_command("scenario", "diff", "nope", "--practice", "acme")
    assert "SCENARIO: no scenario" in str(err.value)
    with pytest.raises(CommandError) as err:
        call_command("scenario", "diff", "--practice", "acme")
    assert "SCENARIO" in str(err.value)


def test_an_exported_scenario_loads_as_an_org_file_into_the_live_chart(personas, draft, tmp_path):
    from practiceos.org.models import Seat

    path = tmp_path / "scenario.yaml"
    call_command(
        "scenario",
        "export",
        str(draft.pk),
        "--practice",
        "acme",
        "-o",
        str(path),
        stderr=io.StringIO(),
    )
    draft.practice = personas.acme
    state = scenario_state(draft)
    wanted = sorted(
        (s.name, state.result.seats_by_id[s.reports_to].name if s.reports_to else None)
        for s in state.result.seats
    )
    call_command("load", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    live = sorted(
        Seat.objects.filter(practice=personas.acme).values_list("name", "reports_to__name")
    )
    assert live == wanted
