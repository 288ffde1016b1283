"""The rules engine: a registry of small rule functions and the loop that runs them.

A rule is a function ``(ctx: RuleContext) -> Iterable[Finding]`` registered with the
:func:`rule` decorator, which records its id, area, severity, the DESIGN §1 principle(s)
it serves, and how many subjects it examines (the denominator of the score)::

    @rule(
        "seat-vacant",
        area=Area.STRUCTURE,
        severity=Severity.LOW,
        principles=3,
        checks=lambda facts: len(facts.seats),
        summary="A seat with no accountable person.",
    )
    def seat_vacant(ctx: RuleContext) -> Iterator[Finding]:
        for seat in ctx.facts.seats:
            ...
            yield ctx.finding([ctx.facts.subject(seat)], "...", fix=[...])

Later areas (roles, accountability, alignment, leadership) add modules under
``health/rules/`` and import them from ``health/rules/__init__.py``; nothing else changes.
Rules read thresholds from ``ctx.policy`` and shared indexes from ``ctx.facts``, and must
be linear in the size of the snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from practiceos.core.gcpause import paused_gc
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import (
    PRINCIPLES,
    Area,
    Finding,
    Principle,
    Severity,
    Subject,
)
from practiceos.core.health.fixes import Change
from practiceos.core.health.policy import Policy
from practiceos.core.model import Snapshot

RuleFn = Callable[["RuleContext"], Iterable[Finding]]
"""The signature of a rule function."""

CheckCount = Callable[[Facts], int]
"""Counts the subjects a rule examines in a snapshot (used by the score)."""

_KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule and its metadata."""

    id: str
    area: Area
    severity: Severity
    principles: tuple[Principle, ...]
    summary: str
    fn: RuleFn
    checks: CheckCount

    @property
    def principle(self) -> Principle:
        """The main principle the rule serves."""
        return self.principles[0]


class RuleContext:
    """What a rule function receives: the snapshot, the policy, shared facts, and a
    :meth:`finding` factory that fills in the rule's id, area and severity."""

    __slots__ = ("facts", "rule")

    def __init__(self, rule: Rule, facts: Facts) -> None:
        self.rule = rule
        self.facts = facts

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot being checked."""
        return self.facts.snapshot

    @property
    def policy(self) -> Policy:
        """The practice's thresholds."""
        return self.facts.policy

    def finding(
        self,
        subjects: Sequence[Subject],
        message: str,
        fix: Sequence[Change] = (),
        *,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule; ``severity`` overrides the rule's default when given."""
        return Finding(
            rule=self.rule.id,
            area=self.rule.area,
            severity=severity or self.rule.severity,
            subjects=tuple(subjects),
            message=message,
            fix=tuple(fix),
        )


_REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    area: Area,
    severity: Severity,
    principles: int | Sequence[int],
    checks: CheckCount,
    summary: str,
) -> Callable[[RuleFn], RuleFn]:
    """Register the decorated function as a health-check rule.

    ``rule_id`` is kebab-case and unique; ``principles`` are DESIGN §1 numbers (the first
    is the main one); ``checks`` counts the subjects the rule examines in a snapshot
    (the provider seats, the locations ...), which scales its findings in the score.
    The function is returned unchanged, so it can still be called directly.
    """
    if not _KEBAB.match(rule_id):
        raise ValueError(f"rule id {rule_id!r} is not kebab-case")
    if rule_id in _REGISTRY:
        raise ValueError(f"rule id {rule_id!r} is already registered")
    numbers = (principles,) if isinstance(principles, int) else tuple(principles)
    unknown = [n for n in numbers if n not in PRINCIPLES]
    if not numbers or unknown:
        raise ValueError(f"rule {rule_id!r}: principles must be DESIGN §1 numbers, got {numbers!r}")

    def register(fn: RuleFn) -> RuleFn:
        _REGISTRY[rule_id] = Rule(
            id=rule_id,
            area=area,
            severity=severity,
            principles=tuple(PRINCIPLES[n] for n in numbers),
            summary=summary,
            fn=fn,
            checks=checks,
        )
        return fn

    return register


def unregister_rule(rule_id: str) -> None:
    """Remove a rule from the registry (for tests that register throw-away rules)."""
    _REGISTRY.pop(rule_id, None)


def registered_rules() -> tuple[Rule, ...]:
    """Every registered rule, in report order (area, then id)."""
    return tuple(sorted(_REGISTRY.values(), key=lambda r: (r.area.order, r.id)))


def get_rule(rule_id: str) -> Rule:
    """The registered rule with that id (``KeyError`` if there is none)."""
    return _REGISTRY[rule_id]


@dataclass(frozen=True, slots=True)
class RuleRun:
    """One rule's result on one snapshot: how many subjects it examined and what it found."""

    rule: Rule
    checked: int
    findings: tuple[Finding, ...]


def run_rules(
    snapshot: Snapshot, policy: Policy | None = None, rules: Iterable[Rule] | None = None
) -> tuple[RuleRun, ...]:
    """Run rules (default: every registered rule the policy has not disabled).

    Without ``policy`` the practice's own (``snapshot.practice.policy``, its overrides of
    the defaults) applies; an explicit ``policy`` wins. A stored setting that is no longer
    valid (a rule since renamed) falls back to its default. Rules share one
    :class:`Facts`, so derived indexes are built once per run.
    """
    if policy is None:
        policy = Policy.from_stored(dict(snapshot.practice.policy))
    facts = Facts(snapshot, policy)
    chosen = registered_rules() if rules is None else tuple(rules)
    runs: list[RuleRun] = []
    with paused_gc():
        for current in chosen:
            if current.id in policy.disabled_rules:
                continue
            ctx = RuleContext(current, facts)
            findings = tuple(current.fn(ctx))
            runs.append(RuleRun(current, current.checks(facts), findings))
    return tuple(runs)
