"""The practice's own policy: carried on the snapshot, used by run_check unless overridden."""

from __future__ import annotations

import dataclasses

from practiceos.core.health import Policy, run_check
from practiceos.core.health.policy import policy_items, settings_help
from practiceos.core.orgfile import parse_org
from tests.core.builders import Org


def owner_with_four_reports(policy: dict[str, object] | None = None) -> Org:
    org = Org()
    if policy is not None:
        org.practice = dataclasses.replace(org.practice, policy=policy_items(policy))
    org.seat("owner", "leadership", name="Owner", person="Dr. Ana Patel")
    org.seat("pm", "management", name="Office Manager", reports_to="owner")
    for n in range(3):
        org.seat(f"s{n}", "support", name=f"Assistant {n}", reports_to="pm")
    org.seat("dds", "provider", name="Dentist", reports_to="owner")
    org.seat("hyg", "provider", name="Hygienist", reports_to="owner")
    org.seat("fd", "administrative", name="Front Desk", reports_to="owner")
    return org


def fired(snapshot: object, policy: Policy | None = None) -> set[str]:
    return {f.rule for f in run_check(snapshot, policy).findings}  # type: ignore[arg-type]


def test_owner_span_is_silent_by_default_with_four_reports() -> None:
    assert "owner-span" not in fired(owner_with_four_reports().build())


def test_snapshot_policy_makes_owner_span_fire() -> None:
    snapshot = owner_with_four_reports({"owner_max_reports": 3}).build()
    report = run_check(snapshot)
    finding = next(f for f in report.findings if f.rule == "owner-span")
    assert "4 direct reports, more than 3" in finding.message


def test_an_explicit_policy_wins_over_the_snapshot_policy() -> None:
    snapshot = owner_with_four_reports({"owner_max_reports": 3}).build()
    assert "owner-span" not in fired(snapshot, Policy())


def test_snapshot_policy_can_disable_rules() -> None:
    def with_vacancy(policy: dict[str, object] | None) -> Org:
        org = owner_with_four_reports(policy)
        org.seat("vacant", "support", name="Open Seat", reports_to="pm", person=None)
        return org

    assert "seat-vacant" in fired(with_vacancy(None).build())
    assert "seat-vacant" not in fired(with_vacancy({"disabled_rules": ["seat-vacant"]}).build())


def test_policy_from_an_org_file_is_applied_by_run_check() -> None:
    text = (
        "practice:\n  name: P\n  slug: p\n  policy:\n    owner_max_reports: 3\n"
        "seats:\n  - name: Owner\n    kind: leadership\n"
        + "".join(
            f"  - name: Seat {n}\n    kind: administrative\n    reports_to: Owner\n"
            for n in range(4)
        )
    )
    assert "owner-span" in {f.rule for f in run_check(parse_org(text)).findings}
    default = text.replace("  policy:\n    owner_max_reports: 3\n", "")
    assert "owner-span" not in {f.rule for f in run_check(parse_org(default)).findings}


def test_an_invalid_stored_value_falls_back_to_its_default() -> None:
    # Values are validated when saved; one a newer version refuses must not stop checks.
    snapshot = owner_with_four_reports({"max_span": "wide", "owner_max_reports": 3}).build()
    report = run_check(snapshot)
    assert "owner-span" in {f.rule for f in report.findings}


def test_overrides_keep_only_values_that_differ_from_the_defaults() -> None:
    policy = Policy.from_mapping(
        {"max_span": 15, "max_fte": 1, "owner_max_reports": 4, "disabled_rules": ["seat-vacant"]}
    )
    assert policy.overrides() == {"owner_max_reports": 4, "disabled_rules": ["seat-vacant"]}
    assert Policy.from_mapping(policy.overrides()) == policy
    assert Policy().overrides() == {}


def test_policy_items_is_sorted_hashable_and_order_independent() -> None:
    a = policy_items({"max_span": 9, "disabled_rules": ["seat-vacant", "owner-span"]})
    b = policy_items({"disabled_rules": ("owner-span", "seat-vacant"), "max_span": 9})
    assert a == b == (("disabled_rules", ("owner-span", "seat-vacant")), ("max_span", 9))
    hash(a)


def test_every_setting_has_a_label_default_and_meaning() -> None:
    helps = settings_help()
    assert [h.key for h in helps] == [f.name for f in dataclasses.fields(Policy)]
    assert all(h.label and h.help for h in helps)
    assert {h.key: h.default for h in helps}["max_span"] == 15


def test_stored_policy_with_a_retired_rule_or_setting_falls_back_instead_of_failing():
    # Saved before a rule was renamed and a setting dropped: checks must keep running.
    stored = {
        "disabled_rules": ["seat-vacant", "rule-that-no-longer-exists"],
        "retired_setting": 3,
        "max_span": "wide",
        "owner_max_reports": 9,
    }
    policy = Policy.from_stored(stored)
    assert policy.disabled_rules == frozenset({"seat-vacant"})
    assert policy.owner_max_reports == 9
    assert policy.max_span == Policy().max_span
    org = Org()
    org.seat("owner", "leadership")
    org.seat("open", "provider", reports_to="owner", person=None)
    snap = org.build()
    snap = dataclasses.replace(
        snap, practice=dataclasses.replace(snap.practice, policy=policy_items(stored))
    )
    report = run_check(snap)  # does not raise
    assert not report.findings_for("seat-vacant")
