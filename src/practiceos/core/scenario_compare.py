"""Today against a scenario: the diff of the two charts plus the health check of both.

:func:`compare` runs the check on both sides and keeps the score overall and per area,
the findings the scenario resolves and those it introduces, and the scenario's changes as
plain sentences. It renders as JSON (``to_dict``) and as text for the terminal
(``to_text``); the scenario page, the API and ``practiceos scenario diff`` show the same
figures. Pure and linear in the size of the two snapshots.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from practiceos.core.gcpause import paused_gc
from practiceos.core.health.findings import Area, Finding
from practiceos.core.health.fixes import CreateSeat, Namer
from practiceos.core.health.policy import Policy
from practiceos.core.health.report import Report, run_check
from practiceos.core.model import Snapshot
from practiceos.core.scenario import ScenarioChange
from practiceos.core.scenario_diff import SPANS_SHOWN, Diff, diff_snapshots


def finding_key(finding: Finding) -> tuple[str, tuple[str, ...]]:
    """What makes two findings on two snapshots the same finding: rule and subjects."""
    return finding.rule, tuple(s.id for s in finding.subjects)


@dataclass(frozen=True, slots=True)
class AreaChange:
    """One area's score today and in the scenario."""

    area: str
    before: int
    after: int

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"area": self.area, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Comparison:
    """Today against a scenario: the diff, both health reports, the score per area, the
    findings resolved and introduced, and the scenario's changes as plain lines."""

    before: Report
    after: Report
    diff: Diff
    areas: tuple[AreaChange, ...]
    resolved: tuple[Finding, ...]
    introduced: tuple[Finding, ...]
    change_lines: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """The documented JSON of ``practiceos scenario diff --format json``."""
        return {
            "score": {
                "before": self.before.score.overall,
                "after": self.after.score.overall,
                "areas": [a.to_dict() for a in self.areas],
            },
            "findings": {
                "before": len(self.before.findings),
                "after": len(self.after.findings),
                "resolved": [f.to_dict() for f in self.resolved],
                "introduced": [f.to_dict() for f in self.introduced],
            },
            "changes": list(self.change_lines),
            **self.diff.to_dict(),
        }

    def to_text(self) -> str:
        """The comparison for the terminal."""
        return "\n".join(_text_lines(self)) + "\n"


def _signed(before: float, after: float) -> str:
    delta = after - before
    text = f"{delta:+g}" if isinstance(delta, float) else f"{delta:+d}"
    return f"{before:g} → {after:g} ({text})" if delta else f"{before:g} (unchanged)"


def _text_lines(c: Comparison) -> list[str]:
    d = c.diff
    lines = [f"Score {_signed(c.before.score.overall, c.after.score.overall)}"]
    lines += [f"  {a.area}: {_signed(a.before, a.after)}" for a in c.areas]
    lines += [
        "",
        f"Findings: {len(c.before.findings)} today, {len(c.after.findings)} in the scenario; "
        f"{len(c.resolved)} resolved, {len(c.introduced)} introduced",
    ]
    for label, findings in (("resolved  ", c.resolved), ("introduced", c.introduced)):
        for f in findings:
            lines += textwrap.wrap(
                f"[{f.severity.value}] {f.rule}: {f.message}",
                width=100,
                initial_indent=f"  {label} ",
                subsequent_indent=" " * 13,
                break_long_words=False,
                break_on_hyphens=False,
            )
    lines += ["", f"Changes ({len(c.change_lines)}):"]
    lines += [f"  {n}. {text}" for n, text in enumerate(c.change_lines, 1)] or ["  none"]
    lines += ["", "Seats:"]
    lines += [
        f'  new     "{s.name}" ({s.kind}, {s.location}) under {s.manager or "nobody"}'
        for s in d.new_seats
    ]
    lines += [f'  closed  "{s.name}" ({s.kind}, {s.location})' for s in d.closed_seats]
    lines += [
        f'  moved   "{m.name}": {m.old_manager or "top"} → {m.new_manager or "top"}'
        for m in d.moved_seats
    ]
    lines += [f'  changed "{e.name}" {e.field}: {e.before!r} → {e.after!r}' for e in d.edited_seats]
    if d.empty:
        lines.append("  no differences")
    lines += [f"  serves + {a} → {b}" for a, b in d.links_added]
    lines += [f"  serves - {a} → {b}" for a, b in d.links_removed]
    if d.people_moves:
        lines += ["", "People:"]
        for p in d.people_moves:
            parts = []
            if p.left:
                parts.append("leaves " + ", ".join(f'"{s}"' for s in p.left))
            if p.joined:
                parts.append("joins " + ", ".join(f'"{s}"' for s in p.joined))
            lines.append(f"  {p.name}: {'; '.join(parts)}")
    sb, sa = d.spans_before, d.spans_after
    lines += [
        "",
        f"Spans of control: managing seats {_signed(sb.managers, sa.managers)}; "
        f"mean {_signed(sb.mean, sa.mean)}; widest {_signed(sb.widest, sa.widest)}",
    ]
    lines += [f'  "{s.name}": {s.before} → {s.after} reports' for s in d.span_changes[:SPANS_SHOWN]]
    if len(d.span_changes) > SPANS_SHOWN:
        lines.append(f"  and {len(d.span_changes) - SPANS_SHOWN} more")
    lines.append(f"Layers: {_signed(d.layers_before.count, d.layers_after.count)}")
    for title, rows in (
        ("Headcount by seat kind", d.by_kind),
        ("Headcount by location", d.by_location),
    ):
        lines += ["", f"{title} (seats / people / FTE):"]
        for row in rows:
            b, a = row.before, row.after
            mark = "" if not row.changed else "  *"
            lines.append(
                f"  {row.label}: {b.seats}/{b.people}/{b.fte:g} → {a.seats}/{a.people}/{a.fte:g}{mark}"
            )
    return lines


def namer_for(before: Snapshot, after: Snapshot, changes: Sequence[ScenarioChange] = ()) -> Namer:
    """Display names for the seats, people and assignments a scenario's changes mention
    (today's names, else the scenario's, else the new seat's name from its change)."""
    created = {c.temp_ref: c.name for c in changes if isinstance(c, CreateSeat)}
    people = {p.id: p.name for p in after.people}
    assignments = {a.id: a for a in before.assignments}

    def seat(ref: str) -> str:
        found = before.seats_by_id.get(ref) or after.seats_by_id.get(ref)
        if ref in created and ref not in before.seats_by_id:
            return f'the new seat "{created[ref]}"'
        return f'"{found.name}"' if found is not None else repr(ref)

    def assignment(assignment_id: str) -> tuple[str, str] | None:
        item = assignments.get(assignment_id)
        if item is None:
            return None
        return people.get(item.person_id, repr(item.person_id)), seat(item.seat_id)

    return Namer(seat, people.get, assignment)


def compare(
    before: Snapshot,
    after: Snapshot,
    changes: Sequence[ScenarioChange] = (),
    policy: Policy | None = None,
) -> Comparison:
    """Run the health check on both sides and compare them (see :class:`Comparison`).

    The garbage collector is paused throughout: two reports and a diff of a 10,000-seat
    practice make many small objects and no cycles (see :mod:`practiceos.core.gcpause`).
    """
    with paused_gc():
        return _compare(before, after, changes, policy)


def _compare(
    before: Snapshot,
    after: Snapshot,
    changes: Sequence[ScenarioChange],
    policy: Policy | None,
) -> Comparison:
    report_before = run_check(before, policy)
    report_after = run_check(after, policy)
    keys_before = {finding_key(f) for f in report_before.findings}
    keys_after = {finding_key(f) for f in report_after.findings}
    namer = namer_for(before, after, changes)
    return Comparison(
        before=report_before,
        after=report_after,
        diff=diff_snapshots(before, after),
        areas=tuple(
            AreaChange(
                area.value,
                report_before.score.areas[area].score,
                report_after.score.areas[area].score,
            )
            for area in Area
            if report_before.score.areas[area].rules or report_after.score.areas[area].rules
        ),
        resolved=tuple(f for f in report_before.findings if finding_key(f) not in keys_after),
        introduced=tuple(f for f in report_after.findings if finding_key(f) not in keys_before),
        change_lines=tuple(c.describe(namer) for c in changes),
    )
