"""How an app declares its pages and API operations for the generated permission suite.

Each app has one module in ``tests/matrix/declared/`` listing every page (by URL name)
and every API operation (by ``"METHOD /api/path"`` as in the OpenAPI schema) with the
``tenancy.permissions.Action`` each method needs. ``test_matrix.py`` then runs every
entry × every method × every persona and derives the expected answer from
``tenancy.permissions.ALLOWED``; a URL or operation without an entry fails the suite.

    PAGES = [
        page("org:seat", args=lambda w: {"pk": w.chart.tech_seat.pk}),       # GET: VIEW
        page("org:seat-edit", args=..., get=Action.EDIT_STRUCTURE, post=Action.EDIT_STRUCTURE),
    ]
    OPERATIONS = [
        op("PATCH /api/seats/{id}", Action.EDIT_STRUCTURE, params=lambda w: {"id": ...},
           body=lambda w: {"note": "x"}),
    ]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from practiceos.tenancy.permissions import Action

#: Anyone, even without a login (the login page, a sign-up link, the API's schema).
PUBLIC = "public"
#: Any login, whether or not it belongs to a practice (home, invitations, switching).
LOGIN = "login"

Need = Action | str
Builder = Callable[[Any], Mapping[str, Any]]


@dataclass(frozen=True)
class Rule:
    """What one method of one page or operation needs.

    ``refused``: the status a persona of the practice gets without the action (403 unless
    the view hides the object, e.g. someone else's token: 404). ``also``: personas allowed
    whatever their role (the holder of a token). ``denied``: personas refused whatever
    their role (the manager of another reporting chain, on a chain-limited page), with
    ``refused`` or, given as a mapping, each with its own status. ``ok``: the statuses an allowed persona
    may get (default: anything but 401/403/404/405 and 5xx). ``outsider``: the status the
    owner of another practice gets when the request names acme without a URL argument
    (switching to acme); with URL arguments naming acme's objects it is always 404.
    """

    need: Need
    data: Builder | None = None
    refused: int = 403
    also: tuple[str, ...] = ()
    ok: frozenset[int] | None = None
    # What the other practice's owner gets, if not the usual: a status, or "allowed" when
    # the URL names no object of acme (a library card's title) and it acts in its own practice.
    outsider: int | str | None = None
    denied: tuple[str, ...] | Mapping[str, int] = ()
    # Managers act only within their own reporting chain: the manager of another chain
    # gets ``refused`` (the object named must sit in the manager persona's chain, e.g.
    # ``w.chart.tech_seat``, which reports to ``w.chart.manager_seat``).
    chain: bool = False


@dataclass(frozen=True)
class Page:
    """A web page (URL name) and the rule of each method it accepts."""

    name: str
    methods: Mapping[str, Rule]
    args: Builder | None = None  # URL kwargs naming objects of practice "acme"

    @property
    def key(self) -> str:
        """How failures name it."""
        return self.name


@dataclass(frozen=True)
class Operation:
    """One API operation of the OpenAPI schema."""

    method: str
    path: str
    rule: Rule
    params: Builder | None = None  # path parameters naming objects of practice "acme"
    query: Builder | None = None
    files: Builder | None = None  # multipart uploads instead of a JSON body

    @property
    def key(self) -> str:
        """``"PATCH /api/seats/{id}"``, as the coverage test names it."""
        return f"{self.method} {self.path}"


def page(
    name: str,
    *,
    args: Builder | None = None,
    get: Need | Rule | None = Action.VIEW,
    post: Need | Rule | None = None,
) -> Page:
    """A page entry; ``get``/``post`` are an Action (or PUBLIC/LOGIN) or a full :class:`Rule`."""
    methods: dict[str, Rule] = {}
    for method, rule in (("GET", get), ("POST", post)):
        if rule is not None:
            methods[method] = rule if isinstance(rule, Rule) else Rule(rule)
    return Page(name, methods, args)


def op(
    key: str,
    need: Need | Rule,
    *,
    params: Builder | None = None,
    body: Builder | None = None,
    query: Builder | None = None,
    files: Builder | None = None,
) -> Operation:
    """An API operation entry: ``op("POST /api/locations", Action.EDIT_STRUCTURE, body=...)``."""
    method, path = key.split(" ", 1)
    rule = need if isinstance(need, Rule) else Rule(need, data=body)
    return Operation(method.upper(), path, rule, params=params, query=query, files=files)


@dataclass
class Declared:
    """Everything declared, from all the modules in ``tests/matrix/declared``."""

    pages: dict[str, Page] = field(default_factory=dict)
    operations: dict[str, Operation] = field(default_factory=dict)
