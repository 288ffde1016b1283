"""What the report page and the PDF show, computed from a stored run (no rule run, no query).

Findings are grouped by area, then by rule (most severe rule first); each subject gets
the URL of its seat, person or location page; the score trend is drawn as an inline SVG
line chart from the runs' overall scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from practiceos.core.health import Area, get_rule
from practiceos.health.models import HealthRun

# Findings of one rule shown on the page before "show all N" (the rest via ?rule=).
PER_RULE = 20
# Findings of one rule shown when that rule alone is asked for.
RULE_PAGE = 500
# Runs drawn in the trend.
TREND_RUNS = 30

_PAGES = {
    "seat": "org:seat",
    "person": "org:person",
    "location": "org:location",
    "role": "rolecards:card",  # a Roles finding links straight to the card editor
    "process": "processes:process",  # a process finding links to the process
}


@dataclass
class RuleGroup:
    """One rule's findings in an area."""

    rule: str
    summary: str
    principles: str
    severity: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        """Findings of this rule not shown."""
        return self.total - len(self.findings)


@dataclass
class AreaView:
    """One area's score and its rule groups."""

    area: str
    score: int
    rules: int
    count: int
    groups: list[RuleGroup]

    @property
    def checked(self) -> bool:
        """True when the area has rules (areas without any are 'not checked yet')."""
        return self.rules > 0


def _subject(subject: dict[str, Any]) -> dict[str, Any]:
    page = _PAGES.get(str(subject.get("type")))
    sid = str(subject.get("id", ""))
    url = reverse(page, args=[int(sid)]) if page and sid.isdigit() else None
    return {**subject, "url": url}


def areas_of(
    run: HealthRun, *, rule: str | None = None, seat: str | None = None, limit: int = PER_RULE
) -> list[AreaView]:
    """The run's areas in report order, each with its findings grouped by rule.

    ``rule`` keeps only that rule's findings (up to :data:`RULE_PAGE`); ``seat`` keeps the
    findings that name that seat (a chart marker's link).
    """
    per_rule = RULE_PAGE if rule else limit
    groups: dict[str, dict[str, RuleGroup]] = {area.value: {} for area in Area}
    for finding, steps in zip(run.findings, run.steps, strict=False):
        if rule and finding["rule"] != rule:
            continue
        if seat and not any(
            s["type"] == "seat" and str(s["id"]) == seat for s in finding["subjects"]
        ):
            continue
        area_groups = groups.setdefault(finding["area"], {})
        group = area_groups.get(finding["rule"])
        if group is None:
            try:
                registered = get_rule(finding["rule"])
                summary = registered.summary
                principles = " · ".join(str(p) for p in registered.principles)
            except KeyError:  # a rule removed since the run
                summary, principles = "", ""
            group = area_groups[finding["rule"]] = RuleGroup(
                rule=finding["rule"],
                summary=summary,
                principles=principles,
                severity=finding["severity"],
            )
        group.total += 1
        if len(group.findings) < per_rule:
            group.findings.append(
                {
                    **finding,
                    "subjects": [_subject(s) for s in finding["subjects"]],
                    "steps": steps,
                }
            )
    out = []
    for area in Area:
        info = run.areas.get(area.value, {"score": 100, "rules": 0, "findings": 0})
        area_groups = list(groups.get(area.value, {}).values())
        out.append(
            AreaView(
                area=area.value,
                score=int(info["score"]),
                rules=int(info["rules"]),
                count=sum(g.total for g in area_groups),
                groups=area_groups,
            )
        )
    return out


@dataclass
class Trend:
    """The overall score over runs as an SVG line chart (coordinates precomputed)."""

    width: int
    height: int
    points: list[dict[str, Any]]

    @property
    def polyline(self) -> str:
        """``x,y x,y ...`` for the line."""
        return " ".join(f"{p['x']},{p['y']}" for p in self.points)

    @property
    def gridlines(self) -> list[dict[str, Any]]:
        """Horizontal lines at 0, 50 and 100."""
        return [{"y": self._y(v), "label": v} for v in (0, 50, 100)]

    def _y(self, score: int) -> float:
        return round(8 + (self.height - 16) * (100 - score) / 100, 1)


def trend(runs: list[tuple[int, Any, int]], width: int = 640, height: int = 140) -> Trend:
    """A trend from ``(id, created_at, overall)`` rows, newest first (as queried)."""
    chart = Trend(width=width, height=height, points=[])
    ordered = list(reversed(runs))
    left, right = 40, width - 12
    step = (right - left) / (len(ordered) - 1) if len(ordered) > 1 else 0
    for index, (pk, created_at, overall) in enumerate(ordered):
        x = round(left + step * index if len(ordered) > 1 else (left + right) / 2, 1)
        chart.points.append(
            {"x": x, "y": chart._y(overall), "score": overall, "at": created_at, "id": pk}
        )
    return chart
