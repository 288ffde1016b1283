"""The health score: 0-100 overall and per area, from finding *rates*, not counts.

For each area ``a`` with at least one rule that ran::

    penalty(a) = Σ over rules r in a:  Σ over findings f of r: weight(f.severity)
                                       ───────────────────────────────────────
                                       max(1, checked(r))

    score(a)   = round(100 × exp(−K × penalty(a)))        with K = 1

where ``weight`` is high 1.0, medium 0.5, low 0.2, info 0 and ``checked(r)`` is the
number of subjects rule ``r`` examined (provider seats for the provider rules, locations
for ``location-without-manager``, seats for ``seat-vacant`` ...).

Why this shape:

- Each rule contributes the *share* of its subjects that have the problem, so a group
  with 2,000 locations and 20 vacant seats is not scored like a clinic with 20 vacant
  seats out of 25. Doubling a practice with the same mix of problems leaves the score
  unchanged.
- A rule's rate is measured against its own population: one location without a manager
  out of two is a big deal even in a practice with thousands of seats.
- ``exp`` turns an unbounded penalty into 0-100 smoothly: every problem fixed raises the
  score, and the score never goes negative. With K = 1, one high finding for every
  subject of one rule gives 37; half of them gives 61; a single high finding among
  ten subjects gives 90.
- Info findings weigh 0: they are worth knowing but are not defects.

Areas with no rules yet are reported with ``score`` 100 and ``rules`` 0 and are left out
of the overall score, which is the rounded mean of the areas that have rules (100 when
none has). So is an area whose rules examined nothing (the accountability rules on an org
file, which carries no conversations or plans): a perfect score for data that is not
there would hide the other areas' problems.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from practiceos.core.health.engine import RuleRun
from practiceos.core.health.findings import Area

#: Steepness of the score curve (see the module docstring).
K = 1.0


@dataclass(frozen=True, slots=True)
class AreaScore:
    """One area's score and what it is based on."""

    area: Area
    score: int
    rules: int
    findings: int
    penalty: float
    examined: int = 0  # subjects the area's rules examined, plus their findings

    @property
    def scored(self) -> bool:
        """True when the area counts in the overall score: it has rules that examined
        something."""
        return self.rules > 0 and self.examined > 0

    def to_dict(self) -> dict[str, int]:
        """JSON form: ``{"score", "rules", "findings"}``."""
        return {"score": self.score, "rules": self.rules, "findings": self.findings}


@dataclass(frozen=True, slots=True)
class Score:
    """The overall score and one :class:`AreaScore` for every area."""

    overall: int
    areas: Mapping[Area, AreaScore]

    def to_dict(self) -> dict[str, object]:
        """JSON form: ``{"overall": n, "areas": {"structure": {...}, ...}}``."""
        return {
            "overall": self.overall,
            "areas": {area.value: self.areas[area].to_dict() for area in Area},
        }


def area_score(penalty: float) -> int:
    """``round(100 × exp(−K × penalty))``."""
    return round(100 * math.exp(-K * penalty))


def score_runs(runs: Sequence[RuleRun]) -> Score:
    """Score the results of one run of the rules."""
    penalty: dict[Area, float] = {area: 0.0 for area in Area}
    rules: dict[Area, int] = {area: 0 for area in Area}
    findings: dict[Area, int] = {area: 0 for area in Area}
    examined: dict[Area, int] = {area: 0 for area in Area}
    for run in runs:
        area = run.rule.area
        rules[area] += 1
        findings[area] += len(run.findings)
        examined[area] += run.checked + len(run.findings)
        weighted = sum(f.severity.weight for f in run.findings)
        penalty[area] += weighted / max(1, run.checked)
    areas = {
        area: AreaScore(
            area=area,
            score=area_score(penalty[area]) if rules[area] else 100,
            rules=rules[area],
            findings=findings[area],
            penalty=penalty[area],
            examined=examined[area],
        )
        for area in Area
    }
    scored = [a.score for a in areas.values() if a.scored]
    overall = round(sum(scored) / len(scored)) if scored else 100
    return Score(overall=overall, areas=areas)
