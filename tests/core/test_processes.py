"""Core processes in pure Python: step validation, the version diff, completion rates,
the template library, and the three Roles rules (fires, fix clears, look-alike quiet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from practiceos.core.health import PlainStep, Policy, apply_changes, run_check
from practiceos.core.model import Snapshot
from practiceos.core.problems import InputError
from practiceos.core.processes import (
    Change,
    ProcessFact,
    ProcessStatus,
    RunFact,
    Step,
    clean_steps,
    completion_by_month,
    completion_rate,
    diff_steps,
    diff_summary,
    months_before,
    parse_template_file,
    template_library,
)

from .builders import AS_OF, Org, only

# --- steps ---------------------------------------------------------------------------------


def test_clean_steps_names_the_step_and_field_of_every_problem() -> None:
    with pytest.raises(InputError) as err:
        clean_steps(
            [{"text": "Greet", "seat": "1"}, {"text": "Check id", "seat": ""}, {"seat": "9"}],
            ["1", "2"],
        )
    where = [p.where for p in err.value.problems]
    assert where == ["steps[2].seat", "steps[3].text", "steps[3].seat"]
    assert "owning seat" in err.value.problems[0].message


def test_clean_steps_bounds_the_list_and_accepts_good_steps() -> None:
    assert clean_steps([{"text": " Greet ", "seat": 2}], ["2"]) == [Step("Greet", "2")]
    with pytest.raises(InputError, match="at most 60"):
        clean_steps([{"text": "x", "seat": "1"}] * 61, ["1"])
    with pytest.raises(InputError, match="at least one step"):
        clean_steps([], ["1"])


# --- diff ----------------------------------------------------------------------------------


def test_diff_reports_added_removed_reworded_and_reowned_steps() -> None:
    old = [Step("Greet", "1"), Step("Check id", "1"), Step("Take payment", "1"), Step("Seat", "1")]
    new = [Step("Greet", "2"), Step("Check photo id", "1"), Step("Seat", "1"), Step("Wave", "1")]
    lines = diff_steps(old, new, {"1": "Front desk", "2": "Greeter"})
    changes = [line.change for line in lines]
    assert changes == [
        Change.REOWNED,
        Change.REWORDED,
        Change.REMOVED,
        Change.SAME,
        Change.ADDED,
    ]
    assert lines[0].words == '"Greet" moved from Front desk to Greeter'
    assert lines[1].words == '"Check id" became "Check photo id"'
    assert diff_summary(lines) == "1 reowned, 1 reworded, 1 removed, 1 added"
    assert diff_summary(diff_steps(old, old)) == "no change"


# --- completion ----------------------------------------------------------------------------


def test_completion_rate_per_month() -> None:
    runs = [
        RunFact(dt.date(2025, 1, 3), 4, 4),
        RunFact(dt.date(2025, 1, 20), 4, 2),
        RunFact(dt.date(2025, 2, 1), 4, 4),
    ]
    months = completion_by_month(runs)
    assert [(m.month.month, m.runs, m.completed, m.percent) for m in months] == [
        (1, 2, 1, 50),
        (2, 1, 1, 100),
    ]
    assert completion_rate(runs) == 67
    assert completion_rate([]) is None


def test_months_before_clamps_to_month_end() -> None:
    assert months_before(dt.date(2025, 3, 31), 1) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2025, 1, 15), 12) == dt.date(2024, 1, 15)


# --- library -------------------------------------------------------------------------------


def test_library_covers_the_core_processes_and_is_valid() -> None:
    names = {t.name for t in template_library()}
    for expected in (
        "Patient intake and check-in",
        "Scheduling and confirmations",
        "Surgical case preparation",
        "Instrument sterilisation",
        "Billing and collections",
        "Hiring and onboarding",
        "Patient complaints",
        "Surgery room turnover",
    ):
        assert expected in names


def test_library_schema_names_the_file_and_entry() -> None:
    bad = {"field": "dental", "processes": [{"id": "x1x", "name": "", "owner_kind": "boss"}]}
    with pytest.raises(InputError) as err:
        parse_template_file(bad, "dental.yaml")
    where = {p.where for p in err.value.problems}
    assert "dental.yaml: processes[1].name" in where
    assert "dental.yaml: processes[1].owner_kind" in where
    assert "dental.yaml: processes[1].steps" in where


# --- rules ---------------------------------------------------------------------------------


def practice() -> Org:
    org = Org()
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Practice Manager", reports_to="owner", person="Rita")
    org.seat("fd", "support", name="Front Desk", reports_to="pm", person="Jo")
    return org


RECENT = AS_OF - dt.timedelta(days=30)


def documented(*processes: ProcessFact) -> Snapshot:
    snapshot = practice().build()
    return replace(snapshot, processes=processes, processes_recorded=bool(processes))


def check_in(**kw: object) -> ProcessFact:
    base: dict[str, object] = {
        "id": "1",
        "name": "Patient check-in",
        "owner_seat_id": "pm",
        "last_reviewed": RECENT,
        "followed": True,
        "step_seat_ids": ("fd",),
    }
    base.update(kw)
    return ProcessFact(**base)  # type: ignore[arg-type]


def fired(snapshot: Snapshot, rule: str, policy: Policy | None = None) -> list[str]:
    return [f.message for f in run_check(snapshot, policy).findings_for(rule)]


def assert_plain(snapshot: Snapshot, rule: str, word: str) -> None:
    finding = run_check(snapshot).findings_for(rule)[0]
    assert finding.fix and all(isinstance(c, PlainStep) for c in finding.fix)
    assert word in " ".join(c.describe(str) for c in finding.fix)
    assert apply_changes(snapshot, finding.fix) == snapshot


def test_a_documented_reviewed_practice_is_clean() -> None:
    snapshot = documented(check_in())
    for rule in ("process-without-owner", "process-not-reviewed", "seat-without-process"):
        assert fired(snapshot, rule) == []


def test_process_without_owner_fires_and_choosing_an_owner_clears_it() -> None:
    snapshot = documented(check_in(owner_seat_id=None), check_in(id="2", name="Billing"))
    finding = only(run_check(snapshot), "process-without-owner")
    assert finding.subjects[0].name == "Patient check-in"
    assert_plain(snapshot, "process-without-owner", "choose the one seat")
    # A seat that left the chart leaves the process ownerless too.
    assert fired(documented(check_in(owner_seat_id="gone")), "process-without-owner")
    assert fired(documented(check_in(owner_seat_id="pm")), "process-without-owner") == []


def test_process_without_owner_ignores_an_archived_look_alike() -> None:
    archived = check_in(owner_seat_id=None, status=ProcessStatus.ARCHIVED)
    assert fired(documented(archived, check_in(id="2")), "process-without-owner") == []


def test_process_not_reviewed_fires_after_the_policy_period_and_a_review_clears_it() -> None:
    stale = check_in(last_reviewed=AS_OF - dt.timedelta(days=400))
    msgs = fired(documented(stale), "process-not-reviewed")
    assert len(msgs) == 1 and "last reviewed on" in msgs[0]
    assert fired(documented(check_in(last_reviewed=None)), "process-not-reviewed")
    assert_plain(documented(stale), "process-not-reviewed", "record the review")
    assert fired(documented(replace(stale, last_reviewed=AS_OF)), "process-not-reviewed") == []


def test_a_process_documented_recently_is_not_overdue_its_first_review() -> None:
    new = check_in(last_reviewed=None, created=AS_OF - dt.timedelta(days=60))
    assert fired(documented(new), "process-not-reviewed") == []
    old = check_in(last_reviewed=None, created=AS_OF - dt.timedelta(days=400))
    assert "never been reviewed" in fired(documented(old), "process-not-reviewed")[0]


def test_process_not_reviewed_look_alikes_and_policy() -> None:
    eleven_months = check_in(last_reviewed=AS_OF - dt.timedelta(days=330))
    assert fired(documented(eleven_months), "process-not-reviewed") == []
    archived = check_in(last_reviewed=None, status=ProcessStatus.ARCHIVED)
    assert fired(documented(archived, check_in(id="2")), "process-not-reviewed") == []
    strict = Policy.from_mapping({"process_review_months": 6})
    assert fired(documented(eleven_months), "process-not-reviewed", strict)


def test_seat_without_process_fires_for_a_manager_owning_none_and_owning_one_clears_it() -> None:
    snapshot = documented(check_in(owner_seat_id="owner"))
    finding = only(run_check(snapshot), "seat-without-process")
    assert finding.subjects[0].name == "Practice Manager"
    assert_plain(snapshot, "seat-without-process", "Document the process")
    assert fired(documented(check_in(owner_seat_id="pm")), "seat-without-process") == []


def test_seat_without_process_is_quiet_until_processes_are_documented() -> None:
    # An org file (no processes) must not flag every manager.
    assert fired(practice().build(), "seat-without-process") == []
    # Owning only an archived process is not owning one.
    archived = check_in(status=ProcessStatus.ARCHIVED)
    assert fired(
        documented(archived, check_in(id="2", owner_seat_id="owner")), "seat-without-process"
    )
