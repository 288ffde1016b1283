"""Reading and checking a vision from plain data (a form, a JSON body, an org file).

:func:`vision_from_mapping` returns a :class:`~practiceos.core.leadership.Vision` or
raises :class:`~practiceos.core.problems.InputError` listing every problem, each naming
the field, the value and what is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping

from practiceos.core.leadership import MAX_CORE_VALUES, MIN_CORE_VALUES, CoreValue, Vision
from practiceos.core.problems import InputError, Problem

#: Accepted keys of a vision mapping, in the order an org file writes them.
VISION_KEYS: tuple[str, ...] = (
    "three_year_picture",
    "one_year_goals",
    "core_values",
    "core_focus",
    "what_good_looks_like",
)
CORE_VALUE_KEYS: tuple[str, ...] = ("name", "behaviour")

TEXT_MAX = 4000
GOAL_MAX = 300
MAX_GOALS = 12
VALUE_NAME_MAX = 80
BEHAVIOUR_MAX = 1000


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(problems: list[Problem], where: str, value: object, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(Problem(where, f"must be text, got {_show(value)}"))
        return ""
    value = value.strip()
    if len(value) > limit:
        problems.append(Problem(where, f"is {len(value)} characters long; at most {limit}"))
    return value


def vision_from_mapping(data: Mapping[str, object], *, prefix: str = "") -> Vision:
    """A validated vision from ``data`` (missing keys are empty).

    Core values: none (not written yet) or 3 to 7, each with a name (unique, at most 80
    characters) and its behaviour (required, at most 1,000); up to 12 one-year goals.
    ``prefix`` is put before each problem's field (``vision.`` in an org file).
    """
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputError([Problem(prefix.rstrip(".") or "vision", "must be a mapping of fields")])
    for key in data:
        if key not in VISION_KEYS:
            problems.append(
                Problem(
                    f"{prefix}{key}",
                    f"is not a vision field; accepted fields are {', '.join(VISION_KEYS)}",
                )
            )
    picture = _text(
        problems, f"{prefix}three_year_picture", data.get("three_year_picture"), TEXT_MAX
    )
    focus = _text(problems, f"{prefix}core_focus", data.get("core_focus"), TEXT_MAX)
    good = _text(
        problems, f"{prefix}what_good_looks_like", data.get("what_good_looks_like"), TEXT_MAX
    )
    goals = _goals(problems, prefix, data.get("one_year_goals"))
    values = _values(problems, prefix, data.get("core_values"))
    if problems:
        raise InputError(problems)
    return Vision(
        three_year_picture=picture,
        one_year_goals=goals,
        core_values=values,
        core_focus=focus,
        what_good_looks_like=good,
    )


def _goals(problems: list[Problem], prefix: str, raw: object) -> tuple[str, ...]:
    where = f"{prefix}one_year_goals"
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = raw.splitlines()  # a form's textarea: one goal per line
    if not isinstance(raw, list | tuple):
        problems.append(Problem(where, f"must be a list of goals, got {_show(raw)}"))
        return ()
    goals = [_text(problems, f"{where}[{i}]", g, GOAL_MAX) for i, g in enumerate(raw)]
    goals = [g for g in goals if g]
    if len(goals) > MAX_GOALS:
        problems.append(Problem(where, f"has {len(goals)} goals; at most {MAX_GOALS}"))
    return tuple(goals)


def _values(problems: list[Problem], prefix: str, raw: object) -> tuple[CoreValue, ...]:
    where = f"{prefix}core_values"
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        problems.append(Problem(where, f"must be a list of name and behaviour, got {_show(raw)}"))
        return ()
    values: list[CoreValue] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        here = f"{where}[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(here, f"must have a name and a behaviour, got {_show(item)}"))
            continue
        unknown = [k for k in item if k not in CORE_VALUE_KEYS]
        for key in unknown:
            problems.append(Problem(f"{here}.{key}", "is not accepted; use name and behaviour"))
        name = _text(problems, f"{here}.name", item.get("name"), VALUE_NAME_MAX)
        behaviour = _text(problems, f"{here}.behaviour", item.get("behaviour"), BEHAVIOUR_MAX)
        if not name and not behaviour:
            continue  # an empty row of a form
        if not name:
            problems.append(Problem(f"{here}.name", "is required: a short name for the value"))
        if not behaviour:
            problems.append(
                Problem(
                    f"{here}.behaviour",
                    f"is required for {name!r}: say what people do when they live the value",
                )
            )
        folded = name.casefold()
        if name and folded in seen:
            problems.append(
                Problem(f"{here}.name", f"{name!r} is already value {seen[folded] + 1}")
            )
        seen.setdefault(folded, i)
        values.append(CoreValue(name=name, behaviour=behaviour))
    if values and not MIN_CORE_VALUES <= len(values) <= MAX_CORE_VALUES:
        problems.append(
            Problem(
                where,
                f"has {len(values)} value{'s' if len(values) != 1 else ''}; name between "
                f"{MIN_CORE_VALUES} and {MAX_CORE_VALUES} (or none until you have agreed them)",
            )
        )
    return tuple(values)
