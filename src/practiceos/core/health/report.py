"""The health report: run every rule, score, and render as JSON or text."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from practiceos.core.health.engine import RuleRun, get_rule, run_rules
from practiceos.core.health.findings import Area, Finding, Severity
from practiceos.core.health.fixes import Change, CreateSeat, MoveReportingLine, Namer
from practiceos.core.health.policy import Policy
from practiceos.core.health.score import Score, score_runs
from practiceos.core.model import Assignment, PracticeInfo, Snapshot

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
    # Lazily built lookups for naming fixes (assignments by id); not part of the value.
    _names: dict[str, Assignment] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

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
        """A plain-text report for the terminal: score summary, then findings by area.

        Within an area, findings of one rule and severity sit under one heading that
        names the rule and its principles once; each finding is its message (which names
        the seats and people) and the fix as numbered steps.
        """
        lines = [f"Health check: {self.practice.name} ({self.practice.slug})", ""]
        scored = [a for a in Area if self.score.areas[a].scored]
        unscored = [a.value for a in Area if not self.score.areas[a].scored]
        summary = ", ".join(f"{a.value} {self.score.areas[a].score}" for a in scored)
        line = f"Score {self.score.overall}/100 ({summary})"
        if unscored:
            line += f"; not checked yet: {', '.join(unscored)}"
        lines.append(line)
        counts = {s: sum(1 for f in self.findings if f.severity is s) for s in Severity}
        if self.findings:
            lines.append(
                f"{len(self.findings)} finding{'s' if len(self.findings) != 1 else ''}: "
                + ", ".join(f"{counts[s]} {s.value}" for s in Severity if counts[s])
            )
        else:
            lines.append("No findings: nothing to fix in what was checked.")
        for area in scored:
            area_findings = sorted(
                (f for f in self.findings if f.area is area), key=Finding.sort_key
            )
            area_score = self.score.areas[area]
            lines += [
                "",
                f"{area.value.upper()}: score {area_score.score}, "
                f"{len(area_findings)} finding{'s' if len(area_findings) != 1 else ''} "
                f"from {area_score.rules} rules",
            ]
            heading: tuple[Severity, str] | None = None
            for finding in area_findings:
                if heading != (finding.severity, finding.rule):
                    heading = (finding.severity, finding.rule)
                    lines.extend(self._heading_lines(finding, area_findings))
                lines.extend(self._finding_lines(finding))
        return "\n".join(lines) + "\n"

    def _heading_lines(self, first: Finding, area_findings: list[Finding]) -> list[str]:
        same = sum(1 for f in area_findings if (f.severity, f.rule) == (first.severity, first.rule))
        try:
            principle = " · ".join(str(p) for p in get_rule(first.rule).principles)
        except KeyError:  # a rule unregistered since the run
            principle = ""
        count = f", {same} findings" if same > 1 else ""
        return ["", f"  {_MARKERS[first.severity]} {first.rule}  ({principle}){count}"]

    def _finding_lines(self, finding: Finding) -> list[str]:
        out = ["", *_wrap(finding.message, "    - ", "      ")]
        steps = self.fix_steps(finding)
        if len(steps) == 1:
            out.extend(_wrap(f"Fix: {steps[0]}", "      ", "        "))
        elif steps:
            out.append("      Fix:")
            for number, step in enumerate(steps, 1):
                out.extend(_wrap(step, f"        {number}. ", "           "))
        return out

    def fix_steps(self, finding: Finding, *, limit: int = 10) -> list[str]:
        """The finding's fix as plain-language steps for an owner.

        Consecutive moves to the same manager become one step naming the seats moved
        (up to ``limit`` names, then "and N more"), so a fix that moves nineteen seats
        reads as one instruction, not nineteen.
        """
        namer = self.namer(finding.fix)
        steps: list[str] = []
        changes = list(finding.fix)
        index = 0
        while index < len(changes):
            change = changes[index]
            if isinstance(change, MoveReportingLine):
                run = [change]
                while (
                    index + len(run) < len(changes)
                    and isinstance(nxt := changes[index + len(run)], MoveReportingLine)
                    and nxt.new_manager == change.new_manager
                ):
                    run.append(nxt)
                if len(run) > 1:
                    names = [namer(m.seat_id) for m in run]
                    shown = names[:limit]
                    listed = ", ".join(shown[:-1]) + " and " + shown[-1]
                    if len(names) > limit:
                        listed = ", ".join(shown) + f" and {len(names) - limit} more"
                    target = (
                        namer(change.new_manager)
                        if change.new_manager
                        else "nobody (top of the chart)"
                    )
                    steps.append(f"move {len(run)} seats to report to {target}: {listed}")
                    index += len(run)
                    continue
            steps.append(change.describe(namer))
            index += 1
        return steps

    def namer(self, fix: Sequence[Change] = ()) -> Namer:
        """Display names for the seats, people and assignments a fix mentions."""
        created = {c.temp_ref: c.name for c in fix if isinstance(c, CreateSeat)}
        snapshot = self.snapshot
        seats = snapshot.seats_by_id

        def seat(ref: str) -> str:
            if ref in seats:
                return f'"{seats[ref].name}"'
            if ref in created:
                return f'the new seat "{created[ref]}"'
            return repr(ref)

        def person(person_id: str) -> str | None:
            found = snapshot.people_by_id.get(person_id)
            return found.name if found is not None else None

        def assignment(assignment_id: str) -> tuple[str, str] | None:
            # Built on first use (one pass) and kept for the report's other findings.
            if not self._names:
                self._names.update((a.id, a) for a in snapshot.assignments)
            item = self._names.get(assignment_id)
            if item is None:
                return None
            return person(item.person_id) or repr(item.person_id), seat(item.seat_id)

        return Namer(seat, person, assignment)


def _wrap(text: str, first: str, rest: str, width: int = 100) -> list[str]:
    """``text`` wrapped to ``width`` columns, the first line prefixed ``first``."""
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


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
