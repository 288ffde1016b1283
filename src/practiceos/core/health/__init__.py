"""The health check: rules that diagnose a practice's structure against DESIGN §1.

Public API::

    report = run_check(snapshot, Policy.from_mapping({"max_span": 12}))
    report.to_json_dict(); report.to_text(); report.has_at_least("high")
    new_snapshot = apply_changes(snapshot, report.findings[0].fix)

New rules register themselves with :func:`rule` (see :mod:`.engine`). The full
description of the rules, the score formula and the report format is in
``docs/health-check.md``.
"""

from practiceos.core.health import rules as _rules  # registers the rules
from practiceos.core.health.engine import (
    Rule,
    RuleContext,
    RuleRun,
    get_rule,
    registered_rules,
    rule,
    run_rules,
    unregister_rule,
)
from practiceos.core.health.facts import Facts
from practiceos.core.health.findings import (
    PRINCIPLES,
    Area,
    Finding,
    Principle,
    Severity,
    Subject,
    SubjectType,
)
from practiceos.core.health.fixes import (
    CHANGE_TYPES,
    AddServiceLink,
    AssignPerson,
    Change,
    ChangeError,
    CreateSeat,
    EndAssignment,
    MoveReportingLine,
    Namer,
    PlainStep,
    SetDecider,
    SetField,
    apply_changes,
    change_from_dict,
)
from practiceos.core.health.policy import Policy
from practiceos.core.health.report import Report, run_check
from practiceos.core.health.score import AreaScore, Score, score_runs

del _rules

__all__ = [
    "CHANGE_TYPES",
    "PRINCIPLES",
    "AddServiceLink",
    "Area",
    "AreaScore",
    "AssignPerson",
    "Change",
    "ChangeError",
    "CreateSeat",
    "EndAssignment",
    "Facts",
    "Finding",
    "MoveReportingLine",
    "Namer",
    "PlainStep",
    "Policy",
    "Principle",
    "Report",
    "Rule",
    "RuleContext",
    "RuleRun",
    "Score",
    "SetDecider",
    "SetField",
    "Severity",
    "Subject",
    "SubjectType",
    "apply_changes",
    "change_from_dict",
    "get_rule",
    "registered_rules",
    "rule",
    "run_check",
    "run_rules",
    "score_runs",
    "unregister_rule",
]
