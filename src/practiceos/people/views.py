"""People-accountability pages (thin views over ``people.services`` and ``people.access``).

Views never save: writes go through the services. Confidential records are found through
``people.access`` (404 for anyone outside the person's chain, reads recorded). Each page
runs a fixed number of queries whatever the practice's size.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from practiceos.audit.services import record_confidential_reads
from practiceos.core.problems import InputError, Problem
from practiceos.core.reviews import OUTCOMES, PLAN_REASONS, days_left, is_overdue
from practiceos.core.style import (
    SITUATION_LABELS,
    Commitment,
    Competence,
    Readiness,
    Situation,
    advise,
    change_sequence,
    parse_readiness,
)
from practiceos.org.models import Assignment, ServiceLink
from practiceos.people import forms, services
from practiceos.people.access import (
    Relation,
    Viewer,
    current_q,
    describe,
    get_one_on_one_for,
    get_plan_for,
    get_review_for,
    get_subject_for,
)
from practiceos.people.adapters import core_values_for
from practiceos.people.items import items_for_viewer, people_below, recognition_for
from practiceos.people.models import Checkpoint, OneOnOne, Plan, Review
from practiceos.tenancy.current import current_membership
from practiceos.web.htmx import render_page_or_fragment


def _errors(exc: InputError) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for problem in exc.problems:
        out.setdefault(problem.where.split("[")[0].split(".")[0], []).append(str(problem))
    return out


def _situations() -> list[tuple[str, str]]:
    return [(s.value, label) for s, label in SITUATION_LABELS.items()]


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Accountability: what needs the viewer, whom to recognise, their people, their own."""
    viewer = Viewer.of(current_membership(request))
    context = {
        "items": items_for_viewer(viewer),
        "recognition": recognition_for(viewer),
        "below": people_below(viewer),
        "own": sorted(viewer.person_ids),
        "viewer": viewer,
    }
    return render(request, "people/home.html", context)


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's accountability record: conversations, plans and one-on-ones."""
    subject, relation, viewer = get_subject_for(current_membership(request), pk)
    reviews = list(Review.objects.filter(person=subject).select_related("reviewer")[:40])
    plans = list(Plan.objects.filter(person=subject)[:20])
    meetings = list(OneOnOne.objects.filter(person=subject).select_related("manager")[:20])
    shown = [*reviews, *plans, *meetings]
    for obj in shown:
        obj.person = subject  # their str() names the person: no query per record
    record_confidential_reads(viewer.membership, shown)
    today = dt.date.today()
    for plan in plans:
        plan.overdue = is_overdue(plan.status_enum, plan.end_date, today)  # type: ignore[attr-defined]
    context = {
        "subject": subject,
        "relation": relation,
        "relation_text": describe(relation),
        "reviews": reviews,
        "plans": plans,
        "meetings": meetings,
        "manages": relation.manages and viewer.membership.role != "member",
    }
    return render(request, "people/person.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Hold a quarterly conversation: rate each core value, the seat questions, notes."""
    subject, _relation, viewer = get_subject_for(current_membership(request), pk, manage=True)
    values = list(core_values_for(viewer.membership.practice))
    errors: dict[str, list[str]] = {}
    posted: dict[str, Any] = {}
    if request.method == "POST":
        posted = forms.review_data(request.POST)
        try:
            review = services.record_review(actor=viewer.membership, person=subject, data=posted)
        except InputError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Quarterly conversation with {subject.name} recorded.")
            return redirect("people:review", review.pk)
        values = [v["value"] for v in posted["values"]]
    rows = [
        {"index": i, "value": name, "rating": _posted_rating(posted, i)}
        for i, name in enumerate([*values, *([""] * max(1, 5 - len(values)))])
    ]
    context = {
        "subject": subject,
        "rows": rows,
        "errors": errors,
        "posted": posted,
        "bar": services.practice_bar(viewer.membership).describe(),
        "today": dt.date.today().isoformat(),
    }
    return render(request, "people/review_form.html", context, status=422 if errors else 200)


def _posted_rating(posted: dict[str, Any], index: int) -> str:
    values = posted.get("values", [])
    return str(values[index]["rating"]) if index < len(values) else "+"


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """One quarterly conversation; the person adds their own notes here."""
    posting = request.method == "POST"
    obj, relation, viewer = get_review_for(current_membership(request), pk, read=not posting)
    if posting:
        if relation is not Relation.SELF:
            # Only the person writes these; nobody else is offered the form, and a refused
            # post shows (and so records reading) nothing.
            raise PermissionDenied("Only the person the conversation was with writes these notes.")
        try:
            services.add_person_notes(
                actor=viewer.membership, review=obj, notes=request.POST.get("person_notes", "")
            )
        except InputError as exc:
            back = reverse("people:review", args=[obj.pk])
            return _problems(request, exc, back)
        messages.success(request, "Your notes are saved.")
        return redirect("people:review", obj.pk)
    context = {"review": obj, "relation": relation, "is_self": relation is Relation.SELF}
    return render(request, "people/review.html", context)


def _problems(request: HttpRequest, exc: InputError, back: str) -> HttpResponse:
    """A refused write: the problems (each naming its field) and the way back, with no
    confidential content, so a refusal neither shows nor records a read."""
    context = {"errors": _errors(exc), "back": back}
    return render(request, "people/problems.html", context, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a performance plan with a committed end date (60 days suggested)."""
    subject, _relation, viewer = get_subject_for(current_membership(request), pk, manage=True)
    errors: dict[str, list[str]] = {}
    posted: dict[str, Any] = {
        "end_date": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
        "reason": "numbers",
    }
    if request.method == "POST":
        posted = forms.plan_data(request.POST)
        try:
            plan = services.open_plan(actor=viewer.membership, person=subject, data=posted)
        except InputError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"Plan for {subject.name} opened.")
            return redirect("people:plan", plan.pk)
    context = {
        "subject": subject,
        "errors": errors,
        "posted": posted,
        "expectations_text": "\n".join(posted.get("expectations") or []),
        "reasons": PLAN_REASONS,
    }
    return render(request, "people/plan_form.html", context, status=422 if errors else 200)


@login_required
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """One plan: expectations, support, dates, checkpoints, and the next steps."""
    obj, relation, viewer = get_plan_for(current_membership(request), pk)
    return render(request, "people/plan.html", _plan_context(obj, relation, viewer))


def _plan_context(obj: Plan, relation: Relation, viewer: Viewer, **extra: Any) -> dict[str, Any]:
    today = dt.date.today()
    checkpoints = list(Checkpoint.objects.filter(plan=obj))
    return {
        "plan": obj,
        "checkpoints": checkpoints,
        "relation": relation,
        "manages": relation.manages and viewer.membership.role != "member",
        "overdue": is_overdue(obj.status_enum, obj.end_date, today),
        "days_left": days_left(obj.end_date, today),
        "days_late": -(days_left(obj.end_date, today) or 0),
        "outcomes": OUTCOMES,
        "today": today.isoformat(),
        **extra,
    }


@login_required
@require_POST
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Add a checkpoint, extend the plan once, or record its outcome."""
    obj, _relation, viewer = get_plan_for(current_membership(request), pk, read=False)
    handlers = {
        "checkpoint": services.add_checkpoint,
        "extend": services.extend_plan,
        "outcome": services.record_outcome,
    }
    handler = handlers.get(action)
    if handler is None:
        return render(request, "web/404.html", status=404)
    data = {key: request.POST.get(key) for key in request.POST}
    try:
        handler(actor=viewer.membership, plan=obj, data=data)
    except InputError as exc:
        return _problems(request, exc, reverse("people:plan", args=[obj.pk]))
    messages.success(
        request,
        {
            "checkpoint": "Checkpoint recorded.",
            "extend": "Plan extended.",
            "outcome": "Outcome recorded.",
        }[action],
    )
    return redirect("people:plan", obj.pk)


@login_required
@require_http_methods(["GET", "POST"])
def one_on_one_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare and record a one-on-one: numbers, plan, last review, peers, style, notes."""
    subject, _relation, viewer = get_subject_for(current_membership(request), pk, manage=True)
    errors: dict[str, list[str]] = {}
    source = request.POST if request.method == "POST" else request.GET
    posted = forms.one_on_one_data(source)
    if request.method == "POST":
        try:
            meeting = services.record_one_on_one(
                actor=viewer.membership, person=subject, data=posted
            )
        except InputError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"One-on-one with {subject.name} recorded.")
            return redirect("people:one-on-one", meeting.pk)
    preparation = _preparation(subject, posted)
    if errors:
        # A refused save shows the form and its problems only: no record is read.
        preparation.update(open_plan=None, last_review=None, checkpoints=[])
    shown = [obj for obj in (preparation["open_plan"], preparation["last_review"]) if obj]
    for obj in shown:
        obj.person = subject
    record_confidential_reads(viewer.membership, shown)
    context = {
        "subject": subject,
        "errors": errors,
        "posted": posted,
        "situations": _situations(),
        "today": dt.date.today().isoformat(),
        **preparation,
    }
    return render(request, "people/one_on_one_form.html", context, status=422 if errors else 200)


def _preparation(subject: Any, posted: dict[str, Any]) -> dict[str, Any]:
    """What a manager reads before the meeting (fixed queries; reads recorded by caller)."""
    seats = list(
        Assignment.objects.filter(current_q(), person=subject).select_related("seat", "seat__team")
    )
    seat_ids = [a.seat_id for a in seats]
    links = list(
        ServiceLink.objects.filter(support_seat_id__in=seat_ids).select_related("provider_seat")
    ) + list(
        ServiceLink.objects.filter(provider_seat_id__in=seat_ids).select_related("support_seat")
    )
    peers = sorted(
        {
            (
                link.provider_seat.name
                if link.support_seat_id in seat_ids
                else link.support_seat.name
            )
            for link in links
        }
    )
    open_plan = Plan.objects.filter(person=subject, status="open").first()
    checkpoints = list(Checkpoint.objects.filter(plan=open_plan)) if open_plan else []
    last_review = Review.objects.filter(person=subject).first()
    advice = []
    try:
        readiness = parse_readiness(
            {
                "competence": posted.get("competence") or "some",
                "commitment": posted.get("commitment") or "high",
                "confident": posted.get("confident") in ("yes", True, "on"),
                "months_in_role": _months(seats),
            }
        )
    except InputError:
        readiness = None
    if readiness is not None:
        for topic in posted.get("topics") or []:
            if topic in {s.value for s in Situation}:
                advice.append(advise(readiness, Situation(topic)))
    return {
        "seats": seats,
        "peers": peers,
        "open_plan": open_plan,
        "checkpoints": checkpoints,
        "last_review": last_review,
        "advice": advice,
        "competences": [c.value for c in Competence],
        "commitments": [c.value for c in Commitment],
    }


def _months(seats: list[Assignment]) -> int:
    starts = [a.start for a in seats if a.start is not None]
    if not starts:
        return 12
    return max(0, min(600, (dt.date.today() - min(starts)).days // 30))


@login_required
@require_GET
def one_on_one(request: HttpRequest, pk: int) -> HttpResponse:
    """One one-on-one; private notes are shown to the manager chain only, never the person."""
    obj, relation, _viewer = get_one_on_one_for(current_membership(request), pk)
    context = {
        "meeting": obj,
        "show_private": relation is not Relation.SELF,
        "topics": [SITUATION_LABELS[Situation(t)] for t in obj.topics if t in SITUATION_LABELS],
    }
    return render(request, "people/one_on_one.html", context)


@login_required
@require_GET
def style(request: HttpRequest) -> HttpResponse:
    """The style advisor: a person's readiness and the situation in, a style and why out."""
    Viewer.of(current_membership(request))
    params = request.GET
    advice = None
    sequence = None
    problems: list[Problem] = []
    situation = params.get("situation", "")
    if params.get("competence"):
        try:
            readiness: Readiness = parse_readiness(forms.readiness_data(params))
        except InputError as exc:
            problems = exc.problems
        else:
            if situation in {s.value for s in Situation}:
                advice = advise(readiness, Situation(situation))
            else:
                problems = [Problem("situation", f"{situation!r} is not a situation")]
            if params.get("change") and not problems:
                sequence = change_sequence(dt.date.today(), readiness)
    context = {
        "advice": advice,
        "sequence": sequence,
        "problems": problems,
        "params": params,
        "situations": _situations(),
        "competences": [c.value for c in Competence],
        "commitments": [c.value for c in Commitment],
    }
    return render_page_or_fragment(
        request,
        "people/style.html",
        "people/htmx/advice.html",
        context,
        status=422 if problems else 200,
    )
