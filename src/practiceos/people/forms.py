"""Turning submitted web forms into the plain data the services take.

The services validate everything; these functions only reshape ``request.POST`` (numbered
value/rating pairs, one expectation per line) so the web and the API share one path.
"""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from practiceos.core.reviews import MAX_VALUES

MAX_LINES = 20


def review_data(post: QueryDict) -> dict[str, Any]:
    """A quarterly-conversation form as ``record_review`` data.

    Values come as ``value_0``/``rating_0`` ... pairs; an empty value name skips the row.
    """
    values: list[dict[str, Any]] = []
    for index in range(MAX_VALUES + 1):
        name = post.get(f"value_{index}", "").strip()
        if not name:
            continue
        values.append({"value": name, "rating": post.get(f"rating_{index}", "")})
    return {
        "held_on": post.get("held_on", ""),
        "values": values,
        "gets_it": post.get("gets_it", ""),
        "wants_it": post.get("wants_it", ""),
        "capacity": post.get("capacity", ""),
        "manager_notes": post.get("manager_notes", ""),
    }


def plan_data(post: QueryDict) -> dict[str, Any]:
    """A new-plan form as ``open_plan`` data: one expectation per line."""
    lines = [line.strip() for line in post.get("expectations", "").splitlines()]
    return {
        "reason": post.get("reason", ""),
        "expectations": [line for line in lines if line][: MAX_LINES + 1],
        "support": post.get("support", ""),
        "end_date": post.get("end_date", "") or None,
    }


def one_on_one_data(post: QueryDict) -> dict[str, Any]:
    """A one-on-one form as ``record_one_on_one`` data."""
    return {
        "held_on": post.get("held_on", ""),
        "next_on": post.get("next_on", "") or None,
        "topics": post.getlist("topics")[:10],
        "competence": post.get("competence", "some"),
        "commitment": post.get("commitment", "high"),
        "confident": post.get("confident", "no"),
        "shared_notes": post.get("shared_notes", ""),
        "private_notes": post.get("private_notes", ""),
    }


def readiness_data(params: QueryDict) -> dict[str, Any]:
    """The style advisor's form as ``parse_readiness`` data."""
    months = params.get("months_in_role", "12").strip()
    return {
        "competence": params.get("competence", ""),
        "commitment": params.get("commitment", ""),
        "confident": params.get("confident", "no") in ("yes", "on", "true"),
        "months_in_role": int(months) if months.isdigit() and len(months) < 5 else months,
    }
