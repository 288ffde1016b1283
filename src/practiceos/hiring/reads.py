"""What hiring pages and the API show, each in a fixed number of queries whatever the
number of plans, candidates or scores. Candidates shown are recorded as confidential
reads in one INSERT."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from practiceos.audit.services import record_confidential_reads
from practiceos.core.hiring import Column, Interview, Mark
from practiceos.core.hiring import side_by_side as grid_of
from practiceos.hiring.access import visible_plans
from practiceos.hiring.models import Candidate, HiringPlan, InterviewScore
from practiceos.people.access import Viewer

#: The stored spellings of the marks (anything else in old rows is left out).
_MARKS = frozenset(m.value for m in Mark)


@dataclass(frozen=True)
class PlanRow:
    """A plan in the list, with its number of candidates."""

    plan: HiringPlan
    candidates: int


def plan_rows(viewer: Viewer, offset: int = 0, limit: int | None = None) -> list[PlanRow]:
    """The plans the viewer sees, open first then newest, from ``offset`` and at most
    ``limit`` of them (one query after the viewer's; the database does the paging)."""
    qs = (
        visible_plans(viewer)
        .annotate(n=Count("candidates"))
        .order_by("-status", "-opened_at", "-id")  # "open" sorts after "filled"/"closed"
    )
    qs = qs[offset:] if limit is None else qs[offset : offset + limit]
    return [PlanRow(plan, plan.n) for plan in qs]  # type: ignore[attr-defined]


def plan_count(viewer: Viewer) -> int:
    """How many plans the viewer sees (one query)."""
    return visible_plans(viewer).count()


def candidates_of(plan: HiringPlan, viewer: Viewer) -> list[Candidate]:
    """The plan's candidates, each read recorded (two queries)."""
    candidates = list(Candidate.objects.filter(practice_id=plan.practice_id, plan=plan))
    record_confidential_reads(viewer.membership.user, candidates)
    return candidates


@dataclass(frozen=True)
class CandidateColumn:
    """A candidate and their column of the side-by-side."""

    candidate: Candidate
    column: Column


@dataclass(frozen=True)
class Grid:
    """The values × candidates grid of a plan."""

    values: list[str]
    columns: list[CandidateColumn]


def side_by_side(plan: HiringPlan, viewer: Viewer) -> Grid:
    """The plan's candidates side by side (three queries: candidates, scores, the reads)."""
    candidates = candidates_of(plan, viewer)
    scores = InterviewScore.objects.filter(
        practice_id=plan.practice_id, candidate__plan=plan
    ).values_list("candidate_id", "marks", "gets_it", "wants_it", "capacity")
    interviews = [
        Interview(
            cid,
            {
                m["value"]: Mark(m["mark"])
                for m in marks
                if m.get("mark") in Mark._value2member_map_
            },
            gets,
            wants,
            capacity,
        )
        for cid, marks, gets, wants, capacity in scores
    ]
    columns = grid_of(plan.values, [c.pk for c in candidates], interviews)
    return Grid(
        plan.values, [CandidateColumn(c, col) for c, col in zip(candidates, columns, strict=True)]
    )
