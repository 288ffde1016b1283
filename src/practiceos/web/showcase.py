"""Fill a demo practice's areas beyond its chart, so a new user trying the demo finds
every page at work: a vision and core values, decision areas, scorecards and weekly
meetings with weeks of history, core processes (one run as a checklist), a hiring plan
with two candidates scored, and a fresh health check over all of it.

Everything is written through the apps' services as the practice's owner, so each write
is checked and audited as if the owner had made it. An area that already has content is
left alone, so running it twice adds nothing. The content is ``core/data/showcase.yaml``
(:mod:`practiceos.core.showcase`).
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db.models import Q

from practiceos.core.showcase import Showcase, load_showcase
from practiceos.org.models import Seat, live
from practiceos.tenancy.models import MemberRole, Membership, Practice


def owner_of(practice: Practice) -> Membership | None:
    """The practice's first owner login (the showcase writes as them)."""
    return (
        Membership.objects.filter(practice=practice, role=MemberRole.OWNER)
        .select_related("user", "practice")
        .order_by("pk")
        .first()
    )


def _vision(owner: Membership, content: Showcase) -> str | None:
    from practiceos.leadership.models import CoreValue, Vision
    from practiceos.leadership.services import update_vision

    pid = owner.practice_id
    if (
        Vision.objects.filter(practice_id=pid).exists()
        or CoreValue.objects.filter(practice_id=pid).exists()
    ):
        return None
    update_vision(actor=owner, data=content.vision)
    return f"a vision with {CoreValue.objects.filter(practice_id=pid).count()} core values"


def _decision_areas(owner: Membership) -> str | None:
    from practiceos.leadership.models import DecisionArea
    from practiceos.leadership.services import seed_decision_areas

    if DecisionArea.objects.filter(practice_id=owner.practice_id).exists():
        return None
    return f"{len(seed_decision_areas(actor=owner))} decision areas from the library"


def _process_owner(practice_id: int, words: tuple[str, ...]) -> Seat | None:
    """The first live management seat whose name holds one of ``words`` (in their order),
    else the top leadership seat."""
    seats = Seat.objects.filter(live(), practice_id=practice_id)
    for word in words:
        seat = seats.filter(kind="management", name__icontains=word).order_by("name", "pk").first()
        if seat is not None:
            return seat
    return seats.filter(kind="leadership").order_by("name", "pk").first()


def _processes(owner: Membership, content: Showcase, specialty: str) -> str | None:
    from practiceos.processes.models import Process
    from practiceos.processes.services import adopt_template, start_run, tick_step

    if Process.objects.filter(practice_id=owner.practice_id).exists():
        return None
    seat = _process_owner(owner.practice_id, content.owner_words)
    if seat is None:
        return None
    adopted = [
        adopt_template(actor=owner, template_id=template, owner_seat=seat.pk)
        for template in content.for_specialty(specialty).processes
    ]
    run = start_run(actor=owner, process=adopted[0], subject=content.checklist_subject)
    for step in range(1, min(content.checklist_steps_done, run.total) + 1):
        run = tick_step(actor=owner, run=run, step=step)
    return (
        f"{len(adopted)} processes owned by {seat.name}, "
        f'"{adopted[0].name}" run once as a checklist'
    )


def _vacant_seat(practice_id: int) -> Seat | None:
    """The first live seat with a role and nobody accountable in it now (two queries)."""
    from practiceos.org.models import Assignment
    from practiceos.people.access import current_q

    held = Assignment.objects.filter(current_q(), practice_id=practice_id, accountable=True).values(
        "seat_id"
    )
    return (
        Seat.objects.filter(live(), ~Q(pk__in=held), practice_id=practice_id, role__isnull=False)
        .select_related("role")
        .order_by("pk")
        .first()
    )


def _hiring(owner: Membership, content: Showcase) -> str | None:
    from practiceos.hiring import services
    from practiceos.hiring.models import HiringPlan

    if HiringPlan.objects.filter(practice_id=owner.practice_id).exists():
        return None
    seat = _vacant_seat(owner.practice_id)
    if seat is None:
        return None
    plan = services.open_plan(actor=owner, seat=seat, level="senior")
    for sample in content.candidates:
        candidate = services.add_candidate(actor=owner, plan=plan, data={"name": sample.name})
        services.score_candidate(
            actor=owner,
            candidate=candidate,
            data={
                "marks": sample.marks_for(plan.values),
                "gets_it": sample.gets_it,
                "wants_it": sample.wants_it,
                "capacity": sample.capacity,
            },
        )
    return f"a hiring plan for {seat.name} with {len(content.candidates)} candidates scored"


def fill(practice: Practice, *, weeks: int = 13) -> list[str]:
    """Give ``practice`` the showcase content its areas lack; returns what was added, one
    line each (empty when there was nothing to add). Needs an owner login."""
    from practiceos.health.services import run_health_check

    owner = owner_of(practice)
    if owner is None:
        raise ValueError(f"{practice.slug} has no owner login to write the showcase as")
    content = load_showcase()
    specialty = practice.specialty or "dental"
    added = [
        line
        for line in (
            _vision(owner, content),
            _decision_areas(owner),
            _processes(owner, content, specialty),
            _hiring(owner, content),
        )
        if line
    ]
    for command, options in (
        (
            "scorecards_demo",
            {"field": content.for_specialty(specialty).measurables, "steady": True},
        ),
        ("meetings_demo", {}),
    ):
        out = io.StringIO()
        call_command(command, practice=practice.slug, weeks=weeks, stdout=out, **options)
        line = out.getvalue().strip()
        if line and " 0 team(s)" not in line:
            added.append(line.split(": ", 1)[-1])
    if added:
        # The report then covers every area the showcase filled.
        run_health_check(owner, practice)
    return added
