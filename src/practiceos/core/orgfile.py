"""The org file: a whole practice as one YAML document ("org as code").

:func:`parse_org` reads a file into a :class:`~practiceos.core.model.Snapshot` and reports
every problem at once (an :class:`~practiceos.core.problems.InputError` whose problems carry
a path such as ``seats[12].reports_to`` and the 1-based line of the offending value).
:func:`dump_org` writes a snapshot back as a deterministic file: the same snapshot always
gives the same bytes, and ``dump_org(parse_org(dump_org(s))) == dump_org(s)``.

The format is documented for users in ``docs/org-file.md``; the key tuples below
(:data:`PRACTICE_KEYS` ...) are the accepted keys of each mapping, in the order export
writes them.

Parsing never constructs Python objects from YAML tags: the document is *composed* into
nodes (which keep their line numbers) and every value is read from the node's text, so a
file cannot run code and ``name: 0012`` keeps its leading zeros.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from practiceos.core.gcpause import paused_gc
from practiceos.core.health.policy import Policy, policy_items
from practiceos.core.leadership import WORK_KINDS, AreaOverride, DecisionArea, Vision, WorkKind
from practiceos.core.limits import LISTS, TEXT, count_message, length_message
from practiceos.core.model import (
    LEVELS,
    SEAT_KINDS,
    Assignment,
    Level,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)
from practiceos.core.problems import InputError, Problem
from practiceos.core.rolecards import RoleCard, card_data, card_of, parse_card
from practiceos.core.vision import CORE_VALUE_KEYS, VISION_KEYS, vision_from_mapping
from practiceos.core.yaml_block import dump_block

try:  # libyaml is several times faster on large practices; the pure-Python parser is the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = [
    "ASSIGNMENT_KEYS",
    "LOCATION_KEYS",
    "PERSON_KEYS",
    "PRACTICE_KEYS",
    "ROLE_KEYS",
    "SEAT_KEYS",
    "SLUG_MAX_LENGTH",
    "TEAM_KEYS",
    "TOP_KEYS",
    "dump_org",
    "make_slug",
    "parse_org",
    "slug_problem",
]

# Accepted keys of each mapping, in the order dump_org writes them.
TOP_KEYS: tuple[str, ...] = (
    "practice",
    "vision",
    "locations",
    "teams",
    "roles",
    "seats",
    "people",
    "decision_areas",
)
PRACTICE_KEYS: tuple[str, ...] = ("name", "slug", "policy")
LOCATION_KEYS: tuple[str, ...] = ("name", "address")
TEAM_KEYS: tuple[str, ...] = ("name", "manager", "goal")
ROLE_KEYS: tuple[str, ...] = (
    "title",
    "kind",
    "purpose",
    "responsibilities",
    "decision_rights",
    "provider_lead",
    "proposes",
    "what_good_looks_like",
    "expectations",
    "schedule",
    "management_focus",
    "supervision",
    "template",
    "track",
)
SEAT_KEYS: tuple[str, ...] = (
    "name",
    "role",
    "kind",
    "location",
    "team",
    "reports_to",
    "serves",
    "note",
)
PERSON_KEYS: tuple[str, ...] = ("name", "preferred_name", "email", "employee_id", "seats")
ASSIGNMENT_KEYS: tuple[str, ...] = ("seat", "start", "end", "fte", "level", "accountable")

SLUG_MAX_LENGTH = TEXT["practice.slug"]
_SLUG_RE = re.compile(rf"[a-z0-9-]{{1,{SLUG_MAX_LENGTH}}}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+")

_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TRUE_WORDS = frozenset({"true", "yes", "on"})
_FALSE_WORDS = frozenset({"false", "no", "off"})

# An org file is at most five collections deep (people > item > seats > item). The limit
# is generous but keeps a hostile "[[[[..." from exhausting the stack of the C composer.
_MAX_DEPTH = 50
# Suggestions ("did you mean") cost a fuzzy match against every name: only offer them for
# a bounded number of problems and not against huge name lists.
_SUGGESTION_BUDGET = 100
_SUGGESTION_MAX_CANDIDATES = 5000
# Wide enough that PyYAML never folds a long string onto a second line.
_NEVER_FOLD = 1 << 30


# --------------------------------------------------------------------------------------
# slugs


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` is not a valid practice slug, or ``None`` when it is valid.

    A slug is 1-60 characters of lowercase letters, digits and hyphens; it names the
    practice in addresses and file names.
    """
    if _SLUG_RE.fullmatch(slug):
        return None
    suggestion = make_slug(slug)
    hint = f' (e.g. "{suggestion}")' if suggestion else ""
    return (
        f'"{slug}" is not a valid slug; use 1-{SLUG_MAX_LENGTH} lowercase letters, '
        f"digits and hyphens{hint}"
    )


def make_slug(text: str) -> str:
    """A valid slug made from free text (``"Riverside Ortho, P.C."`` -> ``riverside-ortho-p-c``).

    Returns ``""`` when the text has no letters or digits a slug could keep.
    """
    ascii_only = text.lower().encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-")


# --------------------------------------------------------------------------------------
# reading nodes


def _line(node: Node) -> int | None:
    mark = node.start_mark
    return None if mark is None else int(mark.line) + 1


def _mark_line(mark: object) -> int | None:
    line = getattr(mark, "line", None)
    return line + 1 if isinstance(line, int) else None


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


def _describe(node: Node) -> str:
    """How a value that has the wrong shape reads to a person."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    text = str(node.value)
    return f'"{text}"' if len(text) <= 60 else f'"{text[:57]}..."'


def _quote_list(words: Iterable[str]) -> str:
    return ", ".join(words)


@dataclass(frozen=True, slots=True)
class _Ref:
    """A name written in the file that must match another entity, with where it was."""

    name: str
    where: str
    line: int | None


@dataclass
class _Context:
    """The problems found so far, shared by every reader of one file."""

    problems: list[Problem] = field(default_factory=list)
    suggestions_left: int = _SUGGESTION_BUDGET

    def add(self, where: str, message: str, line: int | None) -> None:
        """Record one problem."""
        self.problems.append(Problem(where=where or "file", message=message, line=line))

    def did_you_mean(self, word: str, candidates: Collection[str]) -> str:
        """A ``did you mean "x"?`` suffix when a candidate is close to ``word``, else ``""``."""
        if self.suggestions_left <= 0 or not 0 < len(candidates) <= _SUGGESTION_MAX_CANDIDATES:
            return ""
        self.suggestions_left -= 1
        close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
        return f'; did you mean "{close[0]}"?' if close else ""


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


#: Document sections and the object each holds (``core.limits`` keys by object).
_ENTITY = {
    "practice": "practice",
    "locations": "location",
    "teams": "team",
    "roles": "role",
    "seats": "seat",
    "people": "person",
}


class _Fields:
    """One mapping of the file, read key by key; every problem goes to the context."""

    def __init__(self, ctx: _Context, node: MappingNode, where: str, values: dict[str, Node]):
        self.ctx = ctx
        self.node = node
        self.where = where
        self.values = values

    def path(self, key: str) -> str:
        """The document path of ``key`` in this mapping."""
        return _join(self.where, key)

    def limit_key(self, key: str) -> str:
        """``"seat.note"`` for key ``note`` of ``seats[3]`` (the ``core.limits`` key)."""
        section = self.where.split("[", 1)[0]
        if "." in self.where:
            return ""  # nested mappings (a person's seats) hold no limited texts
        return f"{_ENTITY.get(section, section)}.{key}"

    def get(self, key: str) -> Node | None:
        """The value node of ``key``, or ``None`` when absent or written as null."""
        node = self.values.get(key)
        return None if node is None or _is_null(node) else node

    def line(self, key: str) -> int | None:
        """The line of ``key``'s value, or of this mapping when the key is absent."""
        node = self.values.get(key)
        return _line(node if node is not None else self.node)

    def _scalar(self, key: str, expected: str) -> ScalarNode | None:
        node = self.get(key)
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.ctx.add(self.path(key), f"must be {expected}, not {_describe(node)}", _line(node))
            return None
        return node

    def text(self, key: str, *, required: str = "") -> str:
        """A text value as written (``""`` when absent); ``required`` says what to give."""
        node = self._scalar(key, "text")
        if node is None:
            if required and self.get(key) is None:
                verb = "blank" if key in self.values else "required"
                self.ctx.add(self.path(key), f"{verb}; give {required}", self.line(key))
            return ""
        if required and not node.value.strip():
            self.ctx.add(self.path(key), f"blank; give {required}", _line(node))
        limit_key = self.limit_key(key)
        limit = TEXT.get(limit_key) if limit_key != "practice.slug" else None  # slug_problem
        if limit is not None and len(node.value) > limit:
            self.ctx.add(self.path(key), length_message(str(node.value), limit), _line(node))
        return str(node.value)

    def ref(self, key: str, *, required: str = "") -> _Ref | None:
        """A name that refers to another entity, remembered with its place in the file."""
        value = self.text(key, required=required)
        if not value.strip():
            return None
        return _Ref(value, self.path(key), self.line(key))

    def flag(self, key: str, default: bool) -> bool:
        """A true/false value."""
        node = self._scalar(key, "true or false")
        if node is None:
            return default
        word = node.value.strip().lower()
        if node.tag == _BOOL_TAG and word in _TRUE_WORDS:
            return True
        if node.tag == _BOOL_TAG and word in _FALSE_WORDS:
            return False
        self.ctx.add(
            self.path(key), f'"{node.value}" is not true or false; use true or false', _line(node)
        )
        return default

    def date(self, key: str) -> dt.date | None:
        """A YYYY-MM-DD date, or ``None`` when absent or wrong."""
        node = self._scalar(key, "a date (YYYY-MM-DD)")
        if node is None:
            return None
        raw = node.value.strip()
        if _DATE_RE.fullmatch(raw):
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                pass
        self.ctx.add(self.path(key), f'"{node.value}" is not a date; use YYYY-MM-DD', _line(node))
        return None

    def fte(self, key: str) -> float:
        """A full-time equivalent: a number greater than 0 and at most 1.0 (default 1.0)."""
        node = self._scalar(key, "a number")
        if node is None:
            return 1.0
        accepted = "use a number greater than 0 and at most 1.0, such as 0.5"
        value: float | None = None
        if node.tag in (_INT_TAG, _FLOAT_TAG):
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                value = None
        if value is None:
            message = f'"{node.value}" is not a number; {accepted}'
            if node.tag not in (_INT_TAG, _FLOAT_TAG) and _looks_numeric(node.value):
                message = f'"{node.value}" is text, not a number; write it without quotes'
            self.ctx.add(self.path(key), message, _line(node))
            return 1.0
        if not (math.isfinite(value) and 0 < value <= 1.0):
            self.ctx.add(self.path(key), f"{node.value} is out of range; {accepted}", _line(node))
            return 1.0
        return value

    def choice(self, key: str, choices: tuple[str, ...], noun: str) -> tuple[str | None, bool]:
        """One of ``choices`` (case-insensitive): ``(value or None, written correctly)``."""
        node = self._scalar(key, f"one of {_quote_list(choices)}")
        if node is None:
            return None, self.get(key) is None
        word = node.value.strip().lower()
        if word in choices:
            return word, True
        self.ctx.add(
            self.path(key),
            f'"{node.value}" is not {noun}; use one of {_quote_list(choices)}',
            _line(node),
        )
        return None, False

    def items(self, key: str, noun: str) -> list[tuple[str, Node]]:
        """The items of a list value with their paths (``[]`` when absent or wrong)."""
        node = self.get(key)
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.ctx.add(
                self.path(key), f"must be a list of {noun}, not {_describe(node)}", _line(node)
            )
            return []
        return [(f"{self.path(key)}[{i}]", item) for i, item in enumerate(node.value)]

    def texts(self, key: str, noun: str) -> list[_Ref]:
        """A list of non-blank texts, each remembered with its place."""
        out: list[_Ref] = []
        items = self.items(key, noun)
        limit_key = self.limit_key(key)
        most, item_limit = LISTS.get(limit_key), TEXT.get(limit_key + "[]")
        if most is not None and len(items) > most:
            self.ctx.add(self.path(key), count_message(len(items), most, noun), self.line(key))
            items = items[:most]
        for where, item in items:
            if not isinstance(item, ScalarNode) or _is_null(item) or not item.value.strip():
                shown = "blank" if isinstance(item, ScalarNode) else _describe(item)
                self.ctx.add(where, f"must be {noun[:-1]}, not {shown}", _line(item))
                continue
            if item_limit is not None and len(item.value) > item_limit:
                self.ctx.add(where, length_message(str(item.value), item_limit), _line(item))
                continue
            out.append(_Ref(str(item.value), where, _line(item)))
        return out


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_mapping(
    ctx: _Context, node: Node, where: str, keys: tuple[str, ...], noun: str
) -> _Fields | None:
    """Check that ``node`` is a mapping with only ``keys`` (each once) and wrap it."""
    if not isinstance(node, MappingNode):
        shown = "nothing" if _is_null(node) else _describe(node)
        ctx.add(where, f"must be {noun} (keys {_quote_list(keys)}), not {shown}", _line(node))
        return None
    values: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            ctx.add(
                where,
                f"keys must be plain words, not {_describe(key_node)}; "
                f"use one of {_quote_list(keys)}",
                _line(key_node),
            )
            continue
        key = str(key_node.value)
        if key not in keys:
            hint = ctx.did_you_mean(key, keys).replace("; ", " (", 1)
            hint = f"{hint})" if hint else ""
            ctx.add(
                _join(where, key),
                f'unknown key "{key}"{hint}; use one of {_quote_list(keys)}',
                _line(key_node),
            )
            continue
        if key in values:
            ctx.add(
                _join(where, key),
                f'key "{key}" appears twice (first at line {_line(values[key])}); keep one',
                _line(key_node),
            )
            continue
        values[key] = value_node
    return _Fields(ctx, node, where, values)


# --------------------------------------------------------------------------------------
# composing the YAML document


def _yaml_problem(err: yaml.YAMLError, text: str) -> Problem:
    """Turn a PyYAML error into one problem with the line it points at."""
    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        line = None if mark is None else int(mark.line) + 1
        what = err.problem or err.context or "unreadable"
        context = f" ({err.context})" if err.context and err.problem else ""
        return Problem("file", f"not valid YAML: {what}{context}", line)
    position = getattr(err, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
    reason = getattr(err, "reason", None) or str(err)
    return Problem("file", f"not valid YAML: {reason}", line)


def _compose(text: str) -> Node | None:
    """Compose ``text`` into YAML nodes (with line marks) without constructing any objects.

    A first pass over the parser's events rejects aliases (``*name``: an org file has no
    use for them, and expanding them lets a small file grow without bound) and absurd
    nesting, so that composing cannot blow up.
    """
    try:
        depth = 0
        aliases: list[Problem] = []
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, MappingStartEvent | SequenceStartEvent):
                depth += 1
                if depth > _MAX_DEPTH:
                    raise InputError(
                        [
                            Problem(
                                "file",
                                f"nested more than {_MAX_DEPTH} levels deep; an org file "
                                "needs at most 5",
                                _mark_line(event.start_mark),
                            )
                        ]
                    )
            elif isinstance(event, MappingEndEvent | SequenceEndEvent):
                depth -= 1
            elif isinstance(event, AliasEvent):
                aliases.append(
                    Problem(
                        "file",
                        f'YAML aliases ("*{event.anchor}") are not supported in an org file; '
                        "write the value out in full",
                        _mark_line(event.start_mark),
                    )
                )
        if aliases:
            raise InputError(aliases)
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise InputError([_yaml_problem(err, text)]) from None
    except UnicodeError:
        # libyaml encodes the text to UTF-8 first; lone surrogates cannot be encoded.
        raise InputError(
            [Problem("file", "not valid text: it contains characters that are not Unicode")]
        ) from None


# --------------------------------------------------------------------------------------
# parsing


@dataclass
class _SeatDraft:
    where: str
    fields: _Fields
    name: str
    role: _Ref | None
    kind: str | None
    kind_ok: bool
    location: _Ref | None
    team: _Ref | None
    reports_to: _Ref | None
    serves: list[_Ref]
    note: str


@dataclass
class _AssignmentDraft:
    seat: _Ref | None
    start: dt.date | None
    end: dt.date | None
    fte: float
    level: str
    accountable: bool


@dataclass
class _PersonDraft:
    where: str
    name: str
    preferred_name: str
    email: str
    employee_id: str
    assignments: list[_AssignmentDraft]


def _unique(
    ctx: _Context, seen: dict[str, str], key: str, where: str, line: int | None, what: str
) -> bool:
    """Remember ``key``; report it when an earlier entity already used it."""
    if key in seen:
        ctx.add(where, f"duplicate {what}; already used by {seen[key]}", line)
        return False
    seen[key] = f"{where.rsplit('.', 1)[0]} on line {line}"
    return True


def _entries(
    ctx: _Context, doc: _Fields, key: str, keys: tuple[str, ...], noun: str
) -> list[_Fields]:
    out: list[_Fields] = []
    for where, item in doc.items(key, noun + "s"):
        fields = _read_mapping(ctx, item, where, keys, f"a {noun}")
        if fields is not None:
            out.append(fields)
    return out


def parse_org(text: str, *, strict: bool = True) -> Snapshot:
    """Read an org file into a snapshot, or raise :class:`InputError` listing every problem.

    With ``strict=False`` (the health check reading a file) the snapshot keeps what the
    health check diagnoses instead of refusing it: ``reports_to``, ``serves`` and team
    ``manager`` naming a seat that does not exist (kept as the unresolved name), and
    reporting cycles (including a seat reporting to itself). Everything else (bad YAML,
    wrong types, unknown keys, duplicates, unknown roles, locations, teams or assignment
    seats, bad dates and numbers) is a problem in both modes.

    Ids: locations, teams, roles and seats use their name (title for roles); people use
    their employee id, else their email, else ``person-<n>`` (their 1-based position);
    assignments are ``a-<n>`` in file order.
    """
    with paused_gc():
        return _parse(text, strict=strict)


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def line_of(text: str, where: str) -> int | None:
    """The 1-based line of the value at ``where`` (``people[3].email``) in org file
    ``text``, or of the deepest entry of that path the file has; ``None`` when the file
    does not parse.

    For problems found after parsing (the database refuses a value the file itself
    allows, such as an email an archived person still has), so that they point into the
    file like the parser's own.
    """
    try:
        node = _compose(text)
    except InputError:
        return None
    if node is None:
        return None
    for match in _PATH_PART.finditer(where):
        key, index = match.groups()
        found: Node | None = None
        if key is not None and isinstance(node, MappingNode):
            found = next(
                (v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None
            )
        elif index is not None and isinstance(node, SequenceNode) and int(index) < len(node.value):
            found = node.value[int(index)]
        if found is None:
            break
        node = found
    return _line(node)


def _parse(text: str, *, strict: bool) -> Snapshot:
    root = _compose(text)
    ctx = _Context()
    if root is None:
        raise InputError([Problem("file", "the file is empty; it must start with practice:", 1)])
    if not isinstance(root, MappingNode):
        shown = "nothing" if _is_null(root) else _describe(root)
        message = f"the file must be a mapping that starts with practice:, not {shown}"
        raise InputError([Problem("file", message, _line(root))])
    doc = _read_mapping(ctx, root, "", TOP_KEYS, "a mapping")
    assert doc is not None  # root is a mapping

    practice = _parse_practice(ctx, doc)
    locations = _parse_locations(ctx, doc)
    teams, team_managers = _parse_teams(ctx, doc)
    roles = _parse_roles(ctx, doc)
    seats = _parse_seats(ctx, doc)
    people = _parse_people(ctx, doc)
    vision = _parse_vision(ctx, doc)
    area_drafts = _parse_decision_areas(ctx, doc)

    seat_names = _index_seats(ctx, seats)
    role_kinds = {role.title: role.kind for role in roles}
    location_names = {loc.name for loc in locations}
    team_names = {team.name for team in teams}

    # References that must always resolve: they define what the file means.
    kinds = [_seat_kind(ctx, seat, role_kinds) for seat in seats]
    for seat in seats:
        _resolve(ctx, seat.location, location_names, "location", "named")
        _resolve(ctx, seat.team, team_names, "team", "named")
        _check_serves(ctx, seat)
    for person in people:
        for assignment in person.assignments:
            _resolve(ctx, assignment.seat, seat_names, "seat", "named")

    # References the health check can diagnose: refused only in strict mode.
    if strict:
        for ref in team_managers.values():
            _resolve(ctx, ref, seat_names, "seat", "named")
        for seat in seats:
            _resolve(ctx, seat.reports_to, seat_names, "seat", "named")
            for served in seat.serves:
                _resolve(ctx, served, seat_names, "seat", "named")
        _check_cycles(ctx, seats, seat_names)
    decision_areas = _resolve_areas(
        ctx,
        area_drafts,
        seat_names,
        {s.name: s.location.name if s.location else None for s in seats},
        location_names,
        strict=strict,
    )

    if ctx.problems or practice is None:
        # Document order reads best; a stable sort keeps same-line problems in find order.
        raise InputError(sorted(ctx.problems, key=lambda p: p.line or 0))

    seat_objects = tuple(
        Seat(
            id=seat.name,
            name=seat.name,
            kind=SeatKind(kind or SeatKind.SUPPORT),
            role_id=seat.role.name if seat.role else None,
            location_id=seat.location.name if seat.location else None,
            team_id=seat.team.name if seat.team else None,
            reports_to=seat.reports_to.name if seat.reports_to else None,
            serves=tuple(ref.name for ref in seat.serves),
            note=seat.note,
        )
        for seat, kind in zip(seats, kinds, strict=True)
    )
    person_objects, assignments = _build_people(people)
    return Snapshot(
        practice=practice,
        locations=tuple(locations),
        teams=tuple(
            Team(
                id=team.id,
                name=team.name,
                manager_seat_id=manager.name if (manager := team_managers.get(i)) else None,
                goal=team.goal,
            )
            for i, team in enumerate(teams)
        ),
        roles=tuple(roles),
        seats=seat_objects,
        people=person_objects,
        assignments=assignments,
        vision=vision,
        decision_areas=decision_areas,
    )


def _parse_practice(ctx: _Context, doc: _Fields) -> PracticeInfo | None:
    node = doc.values.get("practice")
    if node is None:
        ctx.add(
            "practice",
            "required; the file must start with practice: (name and slug)",
            _line(doc.node),
        )
        return None
    fields = _read_mapping(ctx, node, "practice", PRACTICE_KEYS, "a mapping")
    if fields is None:
        return None
    name = fields.text("name", required="the practice's name")
    slug = fields.text("slug", required="a short id such as riverside-ortho")
    if slug and (message := slug_problem(slug)):
        ctx.add(fields.path("slug"), message, fields.line("slug"))
    return PracticeInfo(name=name, slug=slug, policy=_parse_policy(ctx, fields))


def _parse_policy(ctx: _Context, practice: _Fields) -> tuple[tuple[str, object], ...]:
    """``practice: policy:``, the health-check thresholds this practice overrides.

    Each value is read from its node's text (a whole number, a number, true/false, text or
    a list of those) and the mapping is validated by :meth:`Policy.from_mapping`; each of
    its problems is reported at ``practice.policy.<key>`` with the line of the value.
    """
    node = practice.get("policy")
    if node is None:
        return ()
    where = practice.path("policy")
    if not isinstance(node, MappingNode):
        ctx.add(
            where,
            f"must be a mapping of threshold names to values, not {_describe(node)}",
            _line(node),
        )
        return ()
    values: dict[str, object] = {}
    lines: dict[str, int | None] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            ctx.add(
                where, f"keys must be threshold names, not {_describe(key_node)}", _line(key_node)
            )
            continue
        key = str(key_node.value)
        path = _join(where, key)
        if key in lines:
            ctx.add(
                path,
                f'key "{key}" appears twice (first at line {lines[key]}); keep one',
                _line(key_node),
            )
            continue
        lines[key] = _line(value_node)
        value = _policy_value(ctx, value_node, path)
        if value is not _SKIP:
            values[key] = value
    try:
        Policy.from_mapping(values)
    except InputError as err:
        for problem in err.problems:
            key = problem.where.removeprefix("policy.")
            ctx.add(_join(where, key), problem.message, lines.get(key, _line(node)))
        return ()
    return policy_items(values)


_SKIP = object()


def _policy_value(ctx: _Context, node: Node, where: str) -> object:
    """A policy value as plain data (``_SKIP`` when null or reported as a problem)."""
    if isinstance(node, MappingNode):
        ctx.add(where, "must be a number or a list of rule ids, not a mapping", _line(node))
        return _SKIP
    if isinstance(node, SequenceNode):
        items: list[object] = []
        for item in node.value:
            if not isinstance(item, ScalarNode) or _is_null(item):
                shown = "blank" if isinstance(item, ScalarNode) else _describe(item)
                ctx.add(
                    where, f"must be a list of rule ids, not a list holding {shown}", _line(item)
                )
                return _SKIP
            items.append(_scalar_value(item))
        return items
    if _is_null(node):
        return _SKIP
    assert isinstance(node, ScalarNode)
    return _scalar_value(node)


def _scalar_value(node: ScalarNode) -> object:
    """The value a scalar's text stands for: int, float or bool by its resolved tag, else
    the text itself (``max_span: wide`` stays the text ``"wide"`` for the message)."""
    text = str(node.value)
    cleaned = text.replace("_", "").strip()
    if node.tag == _INT_TAG:
        for base in (10, 0):
            try:
                return int(cleaned, base)
            except ValueError:
                pass
    elif node.tag == _FLOAT_TAG:
        special = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
        if cleaned.lower() in special:
            return special[cleaned.lower()]
        try:
            return float(cleaned)
        except ValueError:
            pass
    elif node.tag == _BOOL_TAG:
        word = cleaned.lower()
        if word in _TRUE_WORDS or word in _FALSE_WORDS:
            return word in _TRUE_WORDS
    return text


def _parse_locations(ctx: _Context, doc: _Fields) -> list[Location]:
    out: list[Location] = []
    seen: dict[str, str] = {}
    for fields in _entries(ctx, doc, "locations", LOCATION_KEYS, "location"):
        name = fields.text("name", required="the location's name")
        address = fields.text("address")
        if name.strip() and _unique(
            ctx, seen, name, fields.path("name"), fields.line("name"), f'location name "{name}"'
        ):
            out.append(Location(id=name, name=name, address=address))
    return out


def _parse_teams(ctx: _Context, doc: _Fields) -> tuple[list[Team], dict[int, _Ref]]:
    teams: list[Team] = []
    managers: dict[int, _Ref] = {}
    seen: dict[str, str] = {}
    for fields in _entries(ctx, doc, "teams", TEAM_KEYS, "team"):
        name = fields.text("name", required="the team's name")
        manager = fields.ref("manager")
        goal = fields.text("goal")
        if name.strip() and _unique(
            ctx, seen, name, fields.path("name"), fields.line("name"), f'team name "{name}"'
        ):
            if manager is not None:
                managers[len(teams)] = manager
            teams.append(Team(id=name, name=name, goal=goal))
    return teams, managers


def _parse_roles(ctx: _Context, doc: _Fields) -> list[Role]:
    out: list[Role] = []
    seen: dict[str, str] = {}
    for fields in _entries(ctx, doc, "roles", ROLE_KEYS, "role"):
        title = fields.text("title", required="the role's title")
        kind, kind_ok = fields.choice("kind", SEAT_KINDS, "a seat kind")
        if kind is None and kind_ok:
            ctx.add(
                fields.path("kind"),
                f"required; use one of {_quote_list(SEAT_KINDS)}",
                fields.line("kind"),
            )
        purpose = fields.text("purpose")
        responsibilities = fields.texts("responsibilities", "responsibilities")
        decision_rights = fields.texts("decision_rights", "decision rights")
        provider_lead = fields.flag("provider_lead", False)
        card = _role_card(ctx, fields)
        if not title.strip():
            continue
        if not _unique(
            ctx, seen, title, fields.path("title"), fields.line("title"), f'role title "{title}"'
        ):
            continue
        out.append(
            Role(
                id=title,
                title=title,
                kind=SeatKind(kind or SeatKind.SUPPORT),
                purpose=purpose,
                responsibilities=tuple(ref.name for ref in responsibilities),
                decision_rights=tuple(ref.name for ref in decision_rights),
                provider_lead=provider_lead,
                proposes=card.proposes,
                what_good_looks_like=card.what_good_looks_like,
                expectations=card.expectations,
                schedule=card.schedule,
                management_focus=card.management_focus,
                supervision=card.supervision,
                template=card.template,
                track=card.track,
            )
        )
    return out


# The role-card keys beyond the chart's own (validated by core.rolecards.parse_card).
_CARD_ONLY_KEYS = (
    "proposes",
    "what_good_looks_like",
    "expectations",
    "schedule",
    "management_focus",
    "supervision",
    "template",
    "track",
)


def _role_card(ctx: _Context, fields: _Fields) -> RoleCard:
    """The role-card parts of a role entry, validated by :func:`parse_card`; each problem is
    reported at its path under the role with the line of the key it is under."""
    data: dict[str, object] = {"title": "-", "kind": SeatKind.SUPPORT.value}
    for key in _CARD_ONLY_KEYS:
        node = fields.get(key)
        if node is not None and not _is_null(node):
            data[key] = _plain(node)
    try:
        return parse_card(data, where=fields.where)
    except InputError as err:
        for problem in err.problems:
            key = problem.where.removeprefix(fields.where).lstrip(".").split(".")[0]
            ctx.add(problem.where, problem.message, fields.line(key.split("[")[0]))
        return RoleCard(title="-", kind=SeatKind.SUPPORT)


def _plain(node: Node) -> object:
    """A node as plain data (mappings, lists, scalars by their resolved tag)."""
    if isinstance(node, MappingNode):
        return {str(k.value): _plain(v) for k, v in node.value if isinstance(k, ScalarNode)}
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value]
    if _is_null(node):
        return None
    assert isinstance(node, ScalarNode)
    return _scalar_value(node)


def _parse_seats(ctx: _Context, doc: _Fields) -> list[_SeatDraft]:
    out: list[_SeatDraft] = []
    for fields in _entries(ctx, doc, "seats", SEAT_KEYS, "seat"):
        kind, kind_ok = fields.choice("kind", SEAT_KINDS, "a seat kind")
        out.append(
            _SeatDraft(
                where=fields.where,
                fields=fields,
                name=fields.text("name", required="the seat's name (unique in the file)"),
                role=fields.ref("role"),
                kind=kind,
                kind_ok=kind_ok,
                location=fields.ref("location"),
                team=fields.ref("team"),
                reports_to=fields.ref("reports_to"),
                serves=fields.texts("serves", "seat names"),
                note=fields.text("note"),
            )
        )
    return out


def _parse_people(ctx: _Context, doc: _Fields) -> list[_PersonDraft]:
    out: list[_PersonDraft] = []
    employee_ids: dict[str, str] = {}
    emails: dict[str, str] = {}
    for fields in _entries(ctx, doc, "people", PERSON_KEYS, "person"):
        name = fields.text("name", required="the person's name")
        email = fields.text("email")
        employee_id = fields.text("employee_id")
        if email and not _EMAIL_RE.fullmatch(email):
            ctx.add(
                fields.path("email"),
                f'"{email}" is not an email address; use name@example.org',
                fields.line("email"),
            )
        elif email:
            _unique(
                ctx,
                emails,
                email.casefold(),
                fields.path("email"),
                fields.line("email"),
                f'email "{email}"',
            )
        if employee_id:
            _unique(
                ctx,
                employee_ids,
                employee_id,
                fields.path("employee_id"),
                fields.line("employee_id"),
                f'employee_id "{employee_id}"',
            )
        assignments: list[_AssignmentDraft] = []
        for where, item in fields.items("seats", "seat assignments"):
            entry = _read_mapping(ctx, item, where, ASSIGNMENT_KEYS, "a seat assignment")
            if entry is not None:
                assignments.append(_parse_assignment(ctx, entry))
        out.append(
            _PersonDraft(
                where=fields.where,
                name=name,
                preferred_name=fields.text("preferred_name"),
                email=email,
                employee_id=employee_id,
                assignments=assignments,
            )
        )
    return out


def _parse_assignment(ctx: _Context, fields: _Fields) -> _AssignmentDraft:
    seat = fields.ref("seat", required="the name of the seat this person fills")
    start = fields.date("start")
    end = fields.date("end")
    if start is not None and end is not None and end < start:
        ctx.add(
            fields.path("end"),
            f"end {end.isoformat()} is before start {start.isoformat()}",
            fields.line("end"),
        )
    fte = fields.fte("fte")
    level, _ = fields.choice("level", LEVELS, "a level")
    return _AssignmentDraft(
        seat=seat,
        start=start,
        end=end,
        fte=fte,
        level=level or Level.SENIOR.value,
        accountable=fields.flag("accountable", True),
    )


def _index_seats(ctx: _Context, seats: list[_SeatDraft]) -> dict[str, int]:
    """Seat name -> position of the first seat with that name; duplicates reported."""
    index: dict[str, int] = {}
    seen: dict[str, str] = {}
    for i, seat in enumerate(seats):
        if not seat.name.strip():
            continue
        path, line = seat.fields.path("name"), seat.fields.line("name")
        if _unique(ctx, seen, seat.name, path, line, f'seat name "{seat.name}"'):
            index[seat.name] = i
    return index


def _resolve(
    ctx: _Context, ref: _Ref | None, names: Mapping[str, object] | set[str], what: str, verb: str
) -> bool:
    """True when ``ref`` is absent or names an existing ``what``; otherwise report it."""
    if ref is None or ref.name in names:
        return True
    hint = ctx.did_you_mean(ref.name, names)
    ctx.add(ref.where, f'no {what} {verb} "{ref.name}"{hint}', ref.line)
    return False


def _seat_kind(ctx: _Context, seat: _SeatDraft, role_kinds: Mapping[str, SeatKind]) -> str | None:
    """The seat's kind: written on the seat, else its role's kind."""
    role_known = _resolve(ctx, seat.role, role_kinds, "role", "titled")
    if seat.kind is not None:
        return seat.kind
    if seat.role is not None and role_known:
        return role_kinds[seat.role.name].value
    if seat.role is None and seat.kind_ok:
        ctx.add(
            seat.fields.path("kind"),
            f"required when the seat has no role; use one of {_quote_list(SEAT_KINDS)}",
            seat.fields.line("kind"),
        )
    return None


def _check_serves(ctx: _Context, seat: _SeatDraft) -> None:
    """A seat serves each other seat at most once and never itself.

    Repeated and self entries are reported here and dropped from the draft, so the
    reference check that follows does not report them a second time.
    """
    listed: set[str] = set()
    kept: list[_Ref] = []
    for ref in seat.serves:
        if ref.name == seat.name:
            ctx.add(
                ref.where, f'"{ref.name}" cannot serve itself; list the seats it supports', ref.line
            )
        elif ref.name in listed:
            ctx.add(ref.where, f'"{ref.name}" is listed twice; keep one', ref.line)
        else:
            kept.append(ref)
        listed.add(ref.name)
    seat.serves = kept


def _check_cycles(ctx: _Context, seats: list[_SeatDraft], index: Mapping[str, int]) -> None:
    """Report each reporting cycle once, at the cycle's seat that comes first in the file."""
    parent: list[int | None] = []
    for i, seat in enumerate(seats):
        ref = seat.reports_to
        target = index.get(ref.name) if ref is not None else None
        if ref is not None and target == i:
            ctx.add(
                ref.where,
                f'"{seat.name}" reports to itself; name its manager\'s seat, '
                "or leave reports_to out for a top seat",
                ref.line,
            )
            target = None
        # Only the first seat of a duplicated name is part of the graph.
        parent.append(target if index.get(seat.name) == i else None)

    state = [0] * len(seats)  # 0 unseen, 1 on the current walk, 2 finished
    for start in range(len(seats)):
        walk: list[int] = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if node is not None and state[node] == 1:
            cycle = walk[walk.index(node) :]
            first = cycle.index(min(cycle))
            cycle = cycle[first:] + cycle[:first]
            names = " → ".join(seats[i].name for i in [*cycle, cycle[0]])
            ref = seats[cycle[0]].reports_to
            assert ref is not None  # every seat in a cycle reports to the next one
            ctx.add(ref.where, f"reporting cycle {names}", ref.line)
        for i in walk:
            state[i] = 2


def _build_people(people: list[_PersonDraft]) -> tuple[tuple[Person, ...], tuple[Assignment, ...]]:
    """People with unique ids (employee id, else email, else ``person-<n>``) and assignments."""
    taken = {p.employee_id for p in people if p.employee_id}
    ids: list[str] = []
    for n, person in enumerate(people, start=1):
        candidate = person.employee_id
        if not candidate:
            # An email can collide with someone's employee id, and person-<n> with either.
            candidate = person.email if person.email and person.email not in taken else ""
            candidate = candidate or _fresh(f"person-{n}", taken)
            taken.add(candidate)
        ids.append(candidate)

    persons: list[Person] = []
    assignments: list[Assignment] = []
    for person_id, person in zip(ids, people, strict=True):
        persons.append(
            Person(
                id=person_id,
                name=person.name,
                preferred_name=person.preferred_name,
                email=person.email,
                employee_id=person.employee_id,
            )
        )
        for draft in person.assignments:
            assert draft.seat is not None  # a missing seat is a problem, so we never get here
            assignments.append(
                Assignment(
                    id=f"a-{len(assignments) + 1}",
                    person_id=person_id,
                    seat_id=draft.seat.name,
                    start=draft.start,
                    end=draft.end,
                    fte=draft.fte,
                    level=Level(draft.level),
                    accountable=draft.accountable,
                )
            )
    return tuple(persons), tuple(assignments)


def _fresh(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --------------------------------------------------------------------------------------
# dumping


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, indenting list items under their key (the usual style)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Never indentless: ``seats:`` then ``  - name: ...``."""
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # PyYAML writes a NEL (U+0085) raw inside single quotes, where reading it back folds it
    # into a space; double quotes escape it ("\N"), so such text keeps its exact value.
    if "\x85" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_text)


def _name_key(name: str) -> tuple[str, str]:
    """Case-insensitive order, exact text as the tie-break, so sorting is deterministic."""
    return (name.casefold(), name)


def _day(value: dt.date) -> dt.date:
    # A datetime is a date too; the file only ever holds the day.
    return dt.date(value.year, value.month, value.day)


def _put(out: dict[str, object], key: str, value: object) -> None:
    """Set an optional key, leaving it out when empty (``""``, ``()``, ``None``)."""
    if value is None or value == "" or value == [] or value == ():
        return
    out[key] = value


def dump_org(snapshot: Snapshot) -> str:
    """Write a snapshot as an org file: deterministic, sorted, references written as names.

    Works on any snapshot, whatever its ids (names from a file, primary keys from the
    database): every reference is written as the referenced entity's name, or as the raw
    id when it points at nothing. Entities are sorted (locations, teams and seats by name,
    roles by title, people by name then employee id and email, a person's seats by start
    then seat name); keys come in the order of :data:`SEAT_KEYS` and friends; optional
    values that are empty or default are left out. Assignments of a person who is not in
    the snapshot cannot be written and are dropped.
    """
    with paused_gc():
        return _dump(snapshot)


def _dump(snapshot: Snapshot) -> str:
    locations = snapshot.locations_by_id
    teams = snapshot.teams_by_id
    roles = snapshot.roles_by_id
    seats = snapshot.seats_by_id

    def location_name(ref: str) -> str:
        return locations[ref].name if ref in locations else ref

    def team_name(ref: str) -> str:
        return teams[ref].name if ref in teams else ref

    def seat_name(ref: str) -> str:
        return seats[ref].name if ref in seats else ref

    practice: dict[str, object] = {
        "name": str(snapshot.practice.name),
        "slug": str(snapshot.practice.slug),
    }
    _put(practice, "policy", _policy_data(snapshot.practice.policy))
    data: dict[str, object] = {"practice": practice}
    _put(data, "vision", _vision_data(snapshot.vision))

    location_rows: list[dict[str, object]] = []
    for location in sorted(snapshot.locations, key=lambda loc: _name_key(loc.name)):
        row: dict[str, object] = {"name": str(location.name)}
        _put(row, "address", str(location.address))
        location_rows.append(row)
    _put(data, "locations", location_rows)

    team_rows: list[dict[str, object]] = []
    for team in sorted(snapshot.teams, key=lambda t: _name_key(t.name)):
        row = {"name": str(team.name)}
        _put(row, "manager", seat_name(team.manager_seat_id) if team.manager_seat_id else None)
        _put(row, "goal", str(team.goal))
        team_rows.append(row)
    _put(data, "teams", team_rows)

    role_rows: list[dict[str, object]] = []
    for role in sorted(snapshot.roles, key=lambda r: _name_key(r.title)):
        row = {"title": str(role.title), "kind": SeatKind(role.kind).value}
        _put(row, "purpose", str(role.purpose))
        _put(row, "responsibilities", [str(x) for x in role.responsibilities if str(x).strip()])
        _put(row, "decision_rights", [str(x) for x in role.decision_rights if str(x).strip()])
        if role.provider_lead:
            row["provider_lead"] = True
        card = card_data(card_of(role), with_identity=False)
        for card_key in _CARD_ONLY_KEYS:
            _put(row, card_key, card.get(card_key))
        role_rows.append(row)
    _put(data, "roles", role_rows)

    seat_rows: list[dict[str, object]] = []
    for seat in sorted(snapshot.seats, key=lambda s: _name_key(s.name)):
        row = {"name": str(seat.name)}
        seat_role = roles.get(seat.role_id) if seat.role_id else None
        _put(
            row, "role", (seat_role.title if seat_role else seat.role_id) if seat.role_id else None
        )
        if seat_role is None or SeatKind(seat_role.kind) != SeatKind(seat.kind):
            row["kind"] = SeatKind(seat.kind).value
        _put(row, "location", location_name(seat.location_id) if seat.location_id else None)
        _put(row, "team", team_name(seat.team_id) if seat.team_id else None)
        _put(row, "reports_to", seat_name(seat.reports_to) if seat.reports_to else None)
        _put(row, "serves", sorted((seat_name(s) for s in seat.serves), key=_name_key))
        _put(row, "note", str(seat.note))
        seat_rows.append(row)
    _put(data, "seats", seat_rows)

    held: dict[str, list[Assignment]] = {}
    for assignment in snapshot.assignments:
        held.setdefault(assignment.person_id, []).append(assignment)

    people_rows: list[tuple[tuple[object, ...], dict[str, object]]] = []
    for person in snapshot.people:
        row = {"name": str(person.name)}
        _put(row, "preferred_name", str(person.preferred_name))
        _put(row, "email", str(person.email))
        _put(row, "employee_id", str(person.employee_id))
        rows = [_assignment_row(a, seat_name(a.seat_id)) for a in held.get(person.id, [])]
        rows.sort(key=_assignment_key)
        _put(row, "seats", [r for _, r in rows] if rows else None)
        key = (*_name_key(person.name), str(person.employee_id), str(person.email), repr(row))
        people_rows.append((key, row))
    people_rows.sort(key=lambda pair: pair[0])
    _put(data, "people", [row for _, row in people_rows])
    _put(data, "decision_areas", _area_rows(snapshot, seat_name, location_name))

    # What yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
    # default_flow_style=False, width=_NEVER_FOLD) writes, about ten times faster.
    return dump_block(data, _Dumper, _NEVER_FOLD)


def _policy_data(items: tuple[tuple[str, object], ...]) -> dict[str, object] | None:
    """The ``policy:`` mapping to write: keys sorted, lists as lists; ``None`` when empty."""
    if not items:
        return None
    return {str(key): _plain_value(value) for key, value in sorted(items, key=lambda kv: kv[0])}


def _plain_value(value: object) -> object:
    # YAML's safe dumper writes lists, not tuples.
    if isinstance(value, tuple | list):
        return [_plain_value(v) for v in value]
    return value


def _assignment_row(
    assignment: Assignment, seat: str
) -> tuple[tuple[object, ...], dict[str, object]]:
    """One ``seats:`` entry of a person, with the key it sorts by (start, then seat)."""
    start = _day(assignment.start) if assignment.start else None
    end = _day(assignment.end) if assignment.end else None
    fte = float(assignment.fte)
    level = Level(assignment.level).value
    row: dict[str, object] = {"seat": seat}
    _put(row, "start", start)
    _put(row, "end", end)
    if fte != 1.0:
        row["fte"] = fte
    if level != Level.SENIOR.value:
        row["level"] = level
    if not assignment.accountable:
        row["accountable"] = False
    key = (
        start is not None,
        start or dt.date.min,
        *_name_key(seat),
        end or dt.date.max,
        fte,
        level,
        assignment.accountable,
    )
    return key, row


def _assignment_key(pair: tuple[tuple[object, ...], dict[str, object]]) -> tuple[object, ...]:
    return pair[0]


# --------------------------------------------------------------------------------------
# leadership: the vision and the decision areas (docs/leadership.md)

DECISION_AREA_KEYS: tuple[str, ...] = (
    "name",
    "key",
    "kind",
    "description",
    "decider",
    "consulted",
    "informed",
    "overrides",
    "keywords",
)
OVERRIDE_KEYS: tuple[str, ...] = ("location", "seat")
_MAX_AREAS = 200


def _parse_vision(ctx: _Context, doc: _Fields) -> Vision:
    """``vision:``: read from the nodes, then checked by ``core.vision`` (same rules as
    the web form), each problem at its ``vision.<field>`` path with the line of the key."""
    node = doc.get("vision")
    if node is None:
        return Vision()
    fields = _read_mapping(ctx, node, "vision", VISION_KEYS, "a mapping")
    if fields is None:
        return Vision()
    data: dict[str, object] = {
        "three_year_picture": fields.text("three_year_picture"),
        "core_focus": fields.text("core_focus"),
        "what_good_looks_like": fields.text("what_good_looks_like"),
        "one_year_goals": [ref.name for ref in fields.texts("one_year_goals", "goals")],
    }
    values = []
    for value in _entries(ctx, fields, "core_values", CORE_VALUE_KEYS, "core value"):
        values.append({"name": value.text("name"), "behaviour": value.text("behaviour")})
    data["core_values"] = values
    try:
        return vision_from_mapping(data, prefix="vision.")
    except InputError as exc:
        for problem in exc.problems:
            key = problem.where.removeprefix("vision.").split("[", 1)[0]
            ctx.add(problem.where, problem.message, fields.line(key))
        return Vision()


@dataclass
class _AreaDraft:
    area: DecisionArea
    where: str
    decider: _Ref | None
    consulted: list[_Ref]
    informed: list[_Ref]
    overrides: list[tuple[_Ref, _Ref]]


def _parse_decision_areas(ctx: _Context, doc: _Fields) -> list[_AreaDraft]:
    """``decision_areas:``; seat and location names are resolved by the caller."""
    out: list[_AreaDraft] = []
    seen: dict[str, str] = {}
    entries = _entries(ctx, doc, "decision_areas", DECISION_AREA_KEYS, "decision area")
    if len(entries) > _MAX_AREAS:
        ctx.add("decision_areas", f"has {len(entries)} areas; at most {_MAX_AREAS}", None)
        entries = entries[:_MAX_AREAS]
    for fields in entries:
        name = fields.text("name", required="the area's name")
        kind, _ = fields.choice("kind", WORK_KINDS, "a kind of work")
        decider_node = fields.get("decider")
        decider: _Ref | None
        if isinstance(decider_node, SequenceNode):
            names = [str(n.value) for n in decider_node.value if isinstance(n, ScalarNode)]
            shown = " and ".join(f'"{n}"' for n in names[:2])
            ctx.add(
                fields.path("decider"),
                f"names {len(names)} seats ({shown}); exactly one seat decides an area",
                _line(decider_node),
            )
            decider = None
        else:
            decider = fields.ref("decider")
        overrides: list[tuple[_Ref, _Ref]] = []
        for override in _entries(ctx, fields, "overrides", OVERRIDE_KEYS, "override"):
            location = override.ref("location", required="the location's name")
            seat = override.ref("seat", required="the deciding seat's name at that location")
            if location is not None and seat is not None:
                overrides.append((location, seat))
        keywords = tuple(ref.name.strip().lower() for ref in fields.texts("keywords", "keywords"))
        area = DecisionArea(
            id=name,
            name=name,
            kind=WorkKind(kind or WorkKind.MANAGEMENT),
            description=fields.text("description"),
            keywords=keywords,
            key=fields.text("key"),
        )
        draft = _AreaDraft(
            area,
            fields.where,
            decider,
            fields.texts("consulted", "seat names"),
            fields.texts("informed", "seat names"),
            overrides,
        )
        if not name.strip():
            continue
        folded = name.casefold()
        if folded in seen:
            first = next(d for d in out if d.area.name.casefold() == folded)
            deciders = [d.name for d in (first.decider, decider) if d is not None]
            both = " and ".join(f'"{d}"' for d in deciders)
            extra = (
                f" with deciders {both}; exactly one seat decides an area"
                if len(set(deciders)) > 1
                else ""
            )
            ctx.add(
                fields.path("name"),
                f'duplicate decision area "{name}" (first {seen[folded]}){extra}',
                fields.line("name"),
            )
            continue
        seen[folded] = f"at {fields.where}"
        out.append(draft)
    return out


def _resolve_areas(
    ctx: _Context,
    drafts: list[_AreaDraft],
    seats: Mapping[str, object],
    seat_location: Mapping[str, str | None],
    locations: set[str],
    *,
    strict: bool,
) -> tuple[DecisionArea, ...]:
    """Check every seat and location an area names; an override's seat must be at its
    location or practice-wide (problem names the location). Without ``strict`` a
    deciding seat that does not exist is kept for the health check to report."""
    out = []
    for draft in drafts:
        if strict:
            _resolve(ctx, draft.decider, seats, "seat", "named")
        for ref in (*draft.consulted, *draft.informed):
            _resolve(ctx, ref, seats, "seat", "named")
        overrides = []
        for location, seat in draft.overrides:
            ok = _resolve(ctx, location, locations, "location", "named")
            ok = _resolve(ctx, seat, seats, "seat", "named") and ok
            if not ok:
                continue
            where = seat_location.get(seat.name)
            if where not in (None, location.name):
                ctx.add(
                    seat.where,
                    f'location "{location.name}" has no seat "{seat.name}" (it is at '
                    f'"{where}"); name a seat at {location.name} or a practice-wide seat',
                    seat.line,
                )
                continue
            overrides.append(AreaOverride(location_id=location.name, seat_id=seat.name))
        out.append(
            DecisionArea(
                id=draft.area.id,
                name=draft.area.name,
                kind=draft.area.kind,
                description=draft.area.description,
                decider_seat_id=draft.decider.name if draft.decider else None,
                consulted=tuple(r.name for r in draft.consulted),
                informed=tuple(r.name for r in draft.informed),
                overrides=tuple(overrides),
                keywords=draft.area.keywords,
                key=draft.area.key,
            )
        )
    return tuple(out)


def _vision_data(vision: Vision) -> dict[str, object] | None:
    """The ``vision:`` mapping to write (``None`` when empty), keys in VISION_KEYS order."""
    if vision.is_empty:
        return None
    out: dict[str, object] = {}
    _put(out, "three_year_picture", str(vision.three_year_picture))
    _put(out, "one_year_goals", [str(g) for g in vision.one_year_goals])
    _put(
        out,
        "core_values",
        [{"name": str(v.name), "behaviour": str(v.behaviour)} for v in vision.core_values],
    )
    _put(out, "core_focus", str(vision.core_focus))
    _put(out, "what_good_looks_like", str(vision.what_good_looks_like))
    return out


def _area_rows(
    snapshot: Snapshot, seat_name: Callable[[str], str], location_name: Callable[[str], str]
) -> list[dict[str, object]]:
    """``decision_areas:`` rows sorted by name; seats and locations written by name."""
    rows = []
    for area in sorted(snapshot.decision_areas, key=lambda a: _name_key(a.name)):
        row: dict[str, object] = {"name": str(area.name)}
        _put(row, "key", str(area.key))
        row["kind"] = WorkKind(area.kind).value
        _put(row, "description", str(area.description))
        _put(row, "decider", seat_name(area.decider_seat_id) if area.decider_seat_id else None)
        _put(row, "consulted", sorted((seat_name(s) for s in area.consulted), key=_name_key))
        _put(row, "informed", sorted((seat_name(s) for s in area.informed), key=_name_key))
        overrides = sorted(
            (
                {"location": location_name(o.location_id), "seat": seat_name(o.seat_id)}
                for o in area.overrides
            ),
            key=lambda o: _name_key(o["location"]),
        )
        _put(row, "overrides", overrides)
        _put(row, "keywords", [str(k) for k in area.keywords])
        rows.append(row)
    return rows
