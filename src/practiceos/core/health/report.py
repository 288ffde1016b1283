"""The health report: run every rule, score, and render as JSON or text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from practiceos.core.health.engine import RuleRun, get_rule, run_rules
from practiceos.core.health.findings import Area, Finding, Severity
from practiceos.core.health.fixes import Change, CreateSeat
from practiceos.core.health.policy import Policy
from practiceos.core.health.score import Score, score_runs
from practiceos.core.model import PracticeInfo, Snapshot

_MARKERS: dict[Severity, str] = {
    Severity.HIGH: "[HIGH]",
    Severity.MEDIUM: "[MED] ",
    Severity.LOW: "[LOW] ",
    Severity.INFO: "[INFO]",
}


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a health check on one snapshot.

    ``findings`` are sorted: severity high→info, then area, rule, subject names.
    """

    practice: PracticeInfo
    score: Score
    findings: tuple[Finding, ...]
    runs: tuple[RuleRun, ...]
    snapshot: Snapshot

    def has_at_least(self, severity: Severity | str) -> bool:
        """True when some finding is at least this severe (``"medium"`` matches high too)."""
        threshold = Severity(severity).rank
        return any(f.severity.rank >= threshold for f in self.findings)

    def findings_for(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    def to_json_dict(self) -> dict[str, object]:
        """``{"practice": {"name", "slug"}, "score": {"overall", "areas"}, "findings": [...]}``.

        Each finding is ``{"rule", "area", "severity", "subjects": [{"type", "id", "name",
        "person"}], "message", "fix": [{"action": ...}, ...]}``.
        """
        return {
            "practice": {"name": self.practice.name, "slug": self.practice.slug},
            "score": self.score.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_text(self) -> str:
        """A plain-text report for the terminal: score summary, then findings by area."""
        lines = [f"Health check: {self.practice.name} ({self.practice.slug})", ""]
        summary = []
        for area in Area:
            area_score = self.score.areas[area]
            summary.append(
                f"{area.value} {area_score.score}" if area_score.rules else f"{area.value} -"
            )
        lines.append(f"Score {self.score.overall}/100   " + "   ".join(summary))
        counts = {s: sum(1 for f in self.findings if f.severity is s) for s in Severity}
        lines.append(
            f"{len(self.findings)} findings: "
            + ", ".join(f"{counts[s]} {s.value}" for s in Severity)
        )
        for area in Area:
            area_findings = [f for f in self.findings if f.area is area]
            area_score = self.score.areas[area]
            if not area_score.rules:
                continue
            lines += [
                "",
                f"{area.value.upper()}  score {area_score.score}, "
                f"{len(area_findings)} findings, {area_score.rules} rules",
            ]
            if not area_findings:
                lines.append("  No findings.")
            for finding in sorted(area_findings, key=Finding.sort_key):
                lines.extend(self._finding_lines(finding))
        return "\n".join(lines) + "\n"

    def _finding_lines(self, finding: Finding) -> list[str]:
        try:
            principle = " · ".join(str(p) for p in get_rule(finding.rule).principles)
        except KeyError:  # a rule unregistered since the run
            principle = ""
        out = ["", f"  {_MARKERS[finding.severity]} {finding.rule}  ({principle})"]
        out.append(
            "    "
            + "; ".join(s.label() for s in finding.subjects[:6])
            + (f" and {len(finding.subjects) - 6} more" if len(finding.subjects) > 6 else "")
        )
        out.append(f"    {finding.message}")
        if finding.fix:
            out.append("    Fix:")
            namer = self._namer(finding.fix)
            out.extend(f"      - {change.describe(namer)}" for change in finding.fix)
        return out

    def _namer(self, fix: tuple[Change, ...]) -> Callable[[str], str]:
        created = {c.temp_ref: c.name for c in fix if isinstance(c, CreateSeat)}
        seats = self.snapshot.seats_by_id

        def name(ref: str) -> str:
            if ref in seats:
                return f'"{seats[ref].name}"'
            if ref in created:
                return f'the new seat "{created[ref]}"'
            return repr(ref)

        return name


def run_check(snapshot: Snapshot, policy: Policy | None = None) -> Report:
    """Run the health check on a snapshot and return the scored, sorted report.

    Never raises on inconsistent data (cycles, dangling references, duplicate ids): those
    are findings. Linear in the size of the snapshot.
    """
    runs = run_rules(snapshot, policy)
    findings = sorted((f for run in runs for f in run.findings), key=Finding.sort_key)
    return Report(
        practice=snapshot.practice,
        score=score_runs(runs),
        findings=tuple(findings),
        runs=runs,
        snapshot=snapshot,
    )
