"""The "Thresholds" card of the health report: the practice's policy shown and edited.

:func:`threshold_rows` describes each setting (value, default, meaning) from the policy
fields' own help text; :func:`read_policy_form` turns the posted form into the mapping
``tenancy.services.update_policy`` validates. No query: the practice row rides along with
the caller's membership.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from practiceos.core.health import registered_rules
from practiceos.core.health.policy import settings_help
from practiceos.core.problems import Problem

RULES_KEY = "disabled_rules"
_WHOLE = re.compile(r"[+-]?\d{1,9}")
# The smallest accepted value of each number, for the input's ``min`` (the service checks).
_MINIMUMS: dict[str, str] = {
    "owner_max_reports": "1",
    "max_span": "2",
    "narrow_span": "0",
    "narrow_span_min_seats": "0",
    "max_seats_per_person": "1",
    "location_min_staff": "1",
    "max_measurables_per_team": "1",
    "off_track_weeks": "2",
    "dependency_ack_days": "1",
    "alignment_low_months": "1",
}


@dataclass
class RuleChoice:
    """One rule the practice may turn off."""

    id: str
    summary: str
    off: bool


@dataclass
class ThresholdRow:
    """One setting as the card shows it; ``entered`` is what the form field holds."""

    key: str
    label: str
    help: str
    value: str
    default: str
    changed: bool
    entered: str = ""
    minimum: str = ""
    step: str = "1"
    errors: list[str] = field(default_factory=list)
    rules: list[RuleChoice] = field(default_factory=list)


def _shown(value: object) -> str:
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(sorted(str(v) for v in value)) or "none"
    return str(value)


def threshold_rows(
    stored: Mapping[str, Any] | None,
    *,
    entered: QueryDict | None = None,
    problems: Sequence[Problem] = (),
) -> list[ThresholdRow]:
    """Every policy setting with the practice's value and the default.

    ``stored`` is ``Practice.policy`` (the overrides). After a refused edit, ``entered``
    (the posted form) fills the fields as typed and each problem sits beside its field.
    """
    overrides = dict(stored) if isinstance(stored, Mapping) else {}
    errors: dict[str, list[str]] = {}
    for problem in problems:
        key = problem.where.removeprefix("policy.")
        errors.setdefault(key, []).append(problem.message)
    rows: list[ThresholdRow] = []
    for setting in settings_help():
        value = overrides.get(setting.key, setting.default)
        row = ThresholdRow(
            key=setting.key,
            label=setting.label,
            help=setting.help,
            value=_shown(value),
            default=_shown(setting.default),
            changed=setting.key in overrides and _shown(value) != _shown(setting.default),
            minimum=_MINIMUMS.get(setting.key, ""),
            step="any" if isinstance(setting.default, float) else "1",
            errors=errors.get(setting.key, []),
        )
        if setting.key == RULES_KEY:
            off = (
                set(entered.getlist(RULES_KEY))
                if entered is not None
                else {str(v) for v in value}
                if isinstance(value, list | tuple)
                else set()
            )
            row.rules = [RuleChoice(r.id, r.summary, r.id in off) for r in registered_rules()]
        else:
            row.entered = (
                entered.get(setting.key, "") if entered is not None else _shown(value)
            ).strip()
        rows.append(row)
    return rows


def read_policy_form(data: QueryDict) -> dict[str, object]:
    """The posted form as a policy mapping: whole numbers and numbers as such, anything
    else as the text typed (so the service's message shows it), blank fields left out
    (they take the default), the ticked rules as ``disabled_rules``."""
    values: dict[str, object] = {}
    for setting in settings_help():
        key = setting.key
        if key == RULES_KEY:
            values[key] = data.getlist(key)
            continue
        text = data.get(key, "").strip()
        if not text:
            continue
        values[key] = _number(text, whole=isinstance(setting.default, int))
    return values


def _number(text: str, *, whole: bool) -> object:
    if _WHOLE.fullmatch(text):
        return int(text)
    if not whole:
        try:
            return float(text)
        except ValueError:
            pass
    return text
