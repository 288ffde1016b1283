"""Per-practice thresholds for the health check."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields

from practiceos.core.problems import InputError, Problem

# The smallest valid value of each whole-number setting.
_INT_MINIMUMS: dict[str, int] = {
    # weekly team meetings (rules/meetings.py)
    "meeting_gap_weeks": 1,
    "todo_completion_min": 1,
    "issue_stale_weeks": 1,
    "support_voice_weeks": 1,
    "owner_max_reports": 1,
    "max_span": 2,
    "narrow_span": 0,
    "narrow_span_min_seats": 0,
    "max_seats_per_person": 1,
    "location_min_staff": 1,
    # people accountability
    "review_period_days": 14,
    "bar_max_minus": 0,
    "bar_max_mixed": 0,
    "off_track_red_weeks": 1,
    "off_track_window_weeks": 1,
    # Alignment (issue 8)
    "max_measurables_per_team": 1,
    "off_track_weeks": 2,
    "dependency_ack_days": 1,
    "alignment_low_months": 1,
    # Core processes (issue 17)
    "process_review_months": 1,
    # Hiring (issue 17)
    "vacancy_plan_days": 1,
}

# Settings that are a share of a whole (0.25 is a quarter).
_SHARES: tuple[str, ...] = ("import_end_share", "owner_ask_share", "owner_management_share")


@dataclass(frozen=True, slots=True)
class Policy:
    """Thresholds one practice applies to its health check; the defaults suit most practices.

    Each field's ``metadata`` holds a short ``label`` and a ``help`` sentence saying what
    it means (the web page's "Thresholds" card shows them; :func:`settings_help` lists
    them). A practice stores only the values it changed (:meth:`overrides`): in its org
    file under ``practice: policy:`` and in the database on ``Practice.policy``.
    """

    owner_max_reports: int = field(
        default=7,
        metadata={
            "label": "Owner's direct reports",
            "help": "A leadership seat with more direct reports than this is managing, not "
            "leading (rule owner-span). At least 1.",
        },
    )
    max_span: int = field(
        default=15,
        metadata={
            "label": "Widest span of control",
            "help": "A management seat with more direct reports than this cannot coach each "
            "of them (span-too-wide). At least 2.",
        },
    )
    narrow_span: int = field(
        default=1,
        metadata={
            "label": "Narrow span",
            "help": "A management seat with between 1 and this many direct reports is a layer "
            "worth questioning (span-too-narrow); 0 turns the rule off. Below the widest span.",
        },
    )
    narrow_span_min_seats: int = field(
        default=10,
        metadata={
            "label": "Seats before narrow spans count",
            "help": "span-too-narrow only runs in practices with at least this many seats; in "
            "a very small practice a manager of one is normal.",
        },
    )
    max_seats_per_person: int = field(
        default=2,
        metadata={
            "label": "Seats per person",
            "help": "A person holding more current seats than this is overloaded "
            "(person-overloaded). At least 1.",
        },
    )
    max_fte: float = field(
        default=1.0,
        metadata={
            "label": "FTE per person",
            "help": "A person whose current seats add up to more FTE than this is overloaded "
            "(person-overloaded). Greater than 0.",
        },
    )
    location_min_staff: int = field(
        default=1,
        metadata={
            "label": "Staff before a location needs a manager",
            "help": "A location needs a management seat once it has at least this many "
            "staffed seats other than leadership seats (location-without-manager).",
        },
    )
    import_end_share: float = field(
        default=0.2,
        metadata={
            "label": "Share a roster import may end unasked",
            "help": "A roster import that would end more than this share of the people "
            "currently in the practice (0.2 is 20%) shows whom it ends and needs an explicit "
            "confirmation (import-roster --end-missing). More than 0, at most 1.",
        },
    )
    # --- people accountability (practiceos.people, rules/accountability.py) ---------------
    review_period_days: int = field(
        default=120,
        metadata={
            "label": "Days between quarterly conversations",
            "help": "Someone in a seat with a manager and no quarterly conversation in this "
            "many days is overdue one (no-review-in-period). At least 14.",
        },
    )
    bar_max_minus: int = field(
        default=0,
        metadata={
            "label": "The bar: − ratings allowed",
            "help": "A quarterly conversation with more − ratings on core values than this is "
            "below the practice's bar. At least 0.",
        },
    )
    bar_max_mixed: int = field(
        default=1,
        metadata={
            "label": "The bar: +/− ratings allowed",
            "help": "A quarterly conversation with more +/− ratings on core values than this "
            "is below the practice's bar. At least 0.",
        },
    )
    off_track_red_weeks: int = field(
        default=3,
        metadata={
            "label": "Red weeks before a plan is due",
            "help": "A seat whose numbers were red in at least this many of the last weeks "
            "(next setting) and whose person has no open plan is off track without a plan "
            "(off-track-without-plan). At least 1.",
        },
    )
    off_track_window_weeks: int = field(
        default=6,
        metadata={
            "label": "Weeks looked at for red numbers",
            "help": "How many recent weeks off-track-without-plan counts red weeks in. At "
            "least the red weeks above, at most 26.",
        },
    )
    owner_ask_share: float = field(
        default=0.25,
        metadata={
            "label": "Share of asks reaching the owner",
            "help": "More than this share of the last four weeks' asks reaching the owner "
            "is a practice that waits on them (owner-decision-load). Between 0 and 1.",
        },
    )
    owner_management_share: float = field(
        default=0.3,
        metadata={
            "label": "Owner's time in management",
            "help": "More than this share of the owner's recorded time spent on management "
            "work is time not spent leading (owner-time-in-management). Between 0 and 1.",
        },
    )
    # --- alignment (issue 8) ---------------------------------------------------------
    max_measurables_per_team: int = field(
        default=15,
        metadata={
            "label": "Measurables per team",
            "help": "A team scorecard with more active measurables than this is too long to "
            "review in a weekly meeting (scorecard-bloat). At least 1.",
        },
    )
    off_track_weeks: int = field(
        default=3,
        metadata={
            "label": "Red weeks in a row",
            "help": "A measurable red this many weeks running needs a plan, not another week "
            "of watching (off-track-streak). At least 2.",
        },
    )
    dependency_ack_days: int = field(
        default=14,
        metadata={
            "label": "Days to acknowledge a dependency",
            "help": "A dependency on a peer's work not acknowledged after this many days "
            "(dependency-unacknowledged). At least 1.",
        },
    )
    alignment_low: float = field(
        default=2.5,
        metadata={
            "label": "Low alignment pulse",
            "help": "A team whose average 'aligned with peers' pulse (1-5, months with at least "
            "3 answers) is at or below this (alignment-low). From 1 to 5.",
        },
    )
    alignment_low_months: int = field(
        default=2,
        metadata={
            "label": "Months of low pulse",
            "help": "How many recent months in a row the pulse must stay low before "
            "alignment-low fires. At least 1.",
        },
    )
    disabled_rules: frozenset[str] = field(
        default_factory=frozenset,
        metadata={
            "label": "Rules turned off",
            "help": "Rule ids this practice has chosen not to run.",
        },
    )
    # --- weekly team meetings (practiceos.meetings, rules/meetings.py) --------------------
    meeting_gap_weeks: int = field(
        default=2,
        metadata={
            "label": "Weeks without a team meeting",
            "help": "A team with a recurring meeting that has not met in this many weeks "
            "(meeting-not-held). At least 1.",
        },
    )
    todo_completion_min: int = field(
        default=80,
        metadata={
            "label": "Lowest to-do completion (%)",
            "help": "A team that finished fewer of its to-dos on time than this percentage "
            "over the last 4 weeks (todo-completion-low); the usual goal is 90. 1 to 100.",
        },
    )
    issue_stale_weeks: int = field(
        default=4,
        metadata={
            "label": "Weeks a top issue may stay open",
            "help": "An issue in a team's top three open this many weeks or more "
            "(issue-stale). At least 1.",
        },
    )
    support_voice_weeks: int = field(
        default=13,
        metadata={
            "label": "Weeks without an issue from support staff",
            "help": "A meeting team with support seats that heard no issue raised by support "
            "staff in this many weeks (support-voice-missing). At least 1.",
        },
    )

    # --- core processes (practiceos.processes, rules/processes.py) ------------------------
    process_review_months: int = field(
        default=12,
        metadata={
            "label": "Months between process reviews",
            "help": "An active core process not reviewed with the people who run it in this "
            "many months (process-not-reviewed). At least 1.",
        },
    )

    # --- hiring (practiceos.hiring, rules/hiring.py) --------------------------------------
    vacancy_plan_days: int = field(
        default=30,
        metadata={
            "label": "Days a seat may stay vacant without a hiring plan",
            "help": "A seat with nobody in it for more than this many days and no open "
            "hiring plan (seat-vacant-without-plan). At least 1.",
        },
    )

    def __post_init__(self) -> None:
        problems = _validate_values(
            {f.name: getattr(self, f.name) for f in fields(self)}, check_rules=False
        )
        if problems:
            raise InputError(problems)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object]) -> Policy:
        """Build a policy from a mapping (an org file's ``policy:`` block, a form, JSON).

        Missing keys keep their defaults. Every problem is reported at once as an
        :class:`~practiceos.core.problems.InputError` whose problems name the key and the
        value, for example ``policy.max_span: must be a whole number of at least 2, got 1``.
        """
        problems: list[Problem] = []
        known = {f.name for f in fields(cls)}
        values: dict[str, object] = {}
        for key, value in mapping.items():
            if key not in known:
                problems.append(
                    Problem(
                        f"policy.{key}",
                        f"unknown setting {key!r}; known settings are {', '.join(sorted(known))}",
                    )
                )
                continue
            if (
                key == "disabled_rules"
                and isinstance(value, Iterable)
                and not isinstance(value, str | bytes | Mapping)
            ):
                items = list(value)
                # Only text can be a rule id; anything else (a nested list) stays a list
                # and is refused by the check below instead of failing to hash.
                value = frozenset(items) if all(isinstance(v, str) for v in items) else items
            values[key] = value
        problems.extend(_validate_values(values, check_rules=True))
        if problems:
            raise InputError(problems)
        # Validated above; mypy cannot follow the per-key types through the dict.
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def from_stored(cls, mapping: Mapping[str, object]) -> Policy:
        """A policy from settings stored earlier (a practice's saved overrides).

        They were validated when saved, but the rules may have changed since: a setting or
        rule id that no longer exists, or a value a newer version refuses, falls back to
        the default instead of stopping every health check of the practice.
        """
        known = {f.name for f in fields(cls)}
        kept: dict[str, object] = {}
        for key, value in mapping.items():
            if key not in known:
                continue
            if (
                key == "disabled_rules"
                and isinstance(value, Iterable)
                and not isinstance(value, str | bytes | Mapping)
            ):
                from practiceos.core.health.engine import registered_rules  # import cycle

                registered = {r.id for r in registered_rules()}
                value = [rule_id for rule_id in value if rule_id in registered]
            try:
                cls.from_mapping({key: value})
            except InputError:
                continue
            kept[key] = value
        return cls.from_mapping(kept)

    def to_dict(self) -> dict[str, object]:
        """The policy as plain data (``disabled_rules`` as a sorted list)."""
        data = asdict(self)
        data["disabled_rules"] = sorted(self.disabled_rules)
        return data

    def overrides(self) -> dict[str, object]:
        """The values that differ from the defaults, as plain data (what a practice stores).

        ``Policy.from_mapping(policy.overrides()) == policy`` always holds.
        """
        defaults = Policy().to_dict()
        return {key: value for key, value in self.to_dict().items() if value != defaults[key]}


@dataclass(frozen=True, slots=True)
class SettingHelp:
    """One policy setting as a page shows it: its key, label, default and meaning."""

    key: str
    label: str
    default: object
    help: str


def settings_help() -> tuple[SettingHelp, ...]:
    """Every policy setting in declaration order, with its label, default and meaning."""
    defaults = Policy().to_dict()
    return tuple(
        SettingHelp(f.name, str(f.metadata["label"]), defaults[f.name], str(f.metadata["help"]))
        for f in fields(Policy)
    )


def policy_items(mapping: Mapping[str, object]) -> tuple[tuple[str, object], ...]:
    """A policy mapping as :attr:`PracticeInfo.policy <practiceos.core.model.PracticeInfo>`
    holds it: ``(key, value)`` pairs sorted by key, lists as sorted tuples, so the result
    is hashable and two spellings of the same policy compare equal. Does not validate.
    """
    return tuple(sorted((str(key), _frozen(value)) for key, value in mapping.items()))


def _frozen(value: object) -> object:
    if isinstance(value, Mapping):
        return policy_items(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [_frozen(v) for v in value]
        if all(isinstance(v, str) for v in items):
            return tuple(sorted(items, key=str))
        # Mixed (invalid) values: sorted by their text, so sorting never fails.
        return tuple(sorted(items, key=repr))
    return value


def _validate_values(values: Mapping[str, object], *, check_rules: bool) -> list[Problem]:
    """Problems with the given setting values (only the keys present are checked)."""
    problems: list[Problem] = []
    completion = values.get("todo_completion_min")
    if isinstance(completion, int) and not isinstance(completion, bool) and completion > 100:
        problems.append(
            Problem(
                "policy.todo_completion_min", f"must be a percentage up to 100, got {completion}"
            )
        )
    for key, minimum in _INT_MINIMUMS.items():
        if key not in values:
            continue
        value = values[key]
        # bool is an int subclass: ``max_span: true`` is a mistake, not 1.
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            problems.append(
                Problem(
                    f"policy.{key}", f"must be a whole number of at least {minimum}, got {value!r}"
                )
            )
    if "max_fte" in values:
        value = values["max_fte"]
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or value <= 0
        ):
            problems.append(
                Problem("policy.max_fte", f"must be a number greater than 0, got {value!r}")
            )
    for key in _SHARES:
        if key not in values:
            continue
        value = values[key]
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not 0 < value <= 1
        ):
            problems.append(
                Problem(f"policy.{key}", f"must be a share above 0 and at most 1, got {value!r}")
            )
    if "alignment_low" in values:
        value = values["alignment_low"]
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not 1 <= value <= 5
        ):
            problems.append(
                Problem("policy.alignment_low", f"must be a number from 1 to 5, got {value!r}")
            )
    narrow, span = values.get("narrow_span", 1), values.get("max_span", 15)
    if (
        isinstance(narrow, int)
        and isinstance(span, int)
        and not any(p.where in ("policy.narrow_span", "policy.max_span") for p in problems)
        and narrow >= span
    ):
        problems.append(
            Problem("policy.narrow_span", f"must be below max_span ({span}), got {narrow!r}")
        )
    red, window = values.get("off_track_red_weeks", 3), values.get("off_track_window_weeks", 6)
    if (
        isinstance(red, int)
        and isinstance(window, int)
        and not any(p.where.startswith("policy.off_track_") for p in problems)
        and red > window
    ):
        problems.append(
            Problem(
                "policy.off_track_red_weeks",
                f"must be at most off_track_window_weeks ({window}), got {red!r}",
            )
        )
    if isinstance(window, int) and window > 26:
        problems.append(
            Problem("policy.off_track_window_weeks", f"must be at most 26, got {window!r}")
        )
    if "disabled_rules" in values:
        problems.extend(_validate_rule_ids(values["disabled_rules"], check_rules=check_rules))
    return problems


def _validate_rule_ids(value: object, *, check_rules: bool) -> list[Problem]:
    if not isinstance(value, frozenset) or not all(isinstance(v, str) for v in value):
        return [Problem("policy.disabled_rules", f"must be a list of rule ids, got {value!r}")]
    if not check_rules:
        return []
    # Imported here: the engine imports this module for the Policy type.
    from practiceos.core.health.engine import registered_rules

    known = {r.id for r in registered_rules()}
    return [
        Problem("policy.disabled_rules", f"unknown rule id {rule_id!r}")
        for rule_id in sorted(value)
        if rule_id not in known
    ]
