"""The generated permission suite: every page and API operation × every method × every
persona, expected answers derived from ``tenancy.permissions.ALLOWED``.

Pages come from the URL configuration, operations from the OpenAPI schema; each must be
declared in ``tests/matrix/declared/<app>.py`` (see ``tests/matrix/declare.py``), so a new
URL or operation without an entry fails ``test_every_url_and_operation_is_declared``
with its name. For every cell: a refused persona gets the promised status (login
redirect or 401, 403, 404) and nothing in the database changes; any 4xx changes
nothing; an allowed persona passes the permission gate; an allowed change is audited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from practiceos.tenancy.permissions import allows
from tests.matrix.conftest import PERSONAS, ROLES, World
from tests.matrix.declare import LOGIN, PUBLIC, Declared, Operation, Page, Rule
from tests.matrix.declared import collect

DECLARED = collect()
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: Written by logging in or by using a token, not by the request under test.
IGNORED_FIELDS = {"last_used_at", "last_login"}
IGNORED_APPS = {"sessions", "axes", "contenttypes"}


# ---- what exists: the URL configuration and the OpenAPI schema -------------------------------


def url_patterns(urlconf: Any = None) -> Iterator[tuple[str, str]]:
    """(URL name, route) of every named pattern, namespaces joined (``org:seat``)."""

    def walk(patterns: Any, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = (
                    f"{namespace}:{p.namespace}"
                    if namespace and p.namespace
                    else (p.namespace or namespace)
                )
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
                yield name, "/" + prefix + str(p.pattern)

    yield from walk(get_resolver(urlconf).url_patterns, "", "")


def schema_operations() -> set[str]:
    """``"METHOD /api/path"`` of every operation in the OpenAPI schema."""
    from practiceos.api import api

    schema = api.get_openapi_schema()
    return {f"{m.upper()} {path}" for path, ops in schema["paths"].items() for m in ops}


def _openapi_path(route: str) -> str:
    import re

    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def undeclared(declared: Declared, urlconf: Any = None) -> list[str]:
    """A message for every URL or operation with no entry, and every stale entry."""
    operations = schema_operations()
    operation_paths = {key.split(" ", 1)[1] for key in operations}
    problems = []
    seen = set()
    for name, route in url_patterns(urlconf):
        if _openapi_path(route) in operation_paths:
            continue  # an API operation: declared by method and path below
        seen.add(name)
        if not name:
            problems.append(f"URL {route} has no name: name it and declare it")
        elif name not in declared.pages:
            app = name.split(":")[0] if ":" in name else "web"
            problems.append(
                f"URL {route} (name {name!r}) is not declared: add page({name!r}, ...) "
                f"to tests/matrix/declared/{app}.py"
            )
    for key in sorted(operations - set(declared.operations)):
        app = key.split(" ", 1)[1].split("/")[2]
        problems.append(
            f"API operation {key} is not declared: add op({key!r}, Action...) to "
            f"tests/matrix/declared/<app>.py (its path starts /api/{app})"
        )
    problems += [f"declared page {n!r} is no URL name" for n in declared.pages if n not in seen]
    problems += [
        f"declared operation {k!r} is not in the OpenAPI schema"
        for k in declared.operations
        if k not in operations
    ]
    return problems


# ---- what each persona should get ------------------------------------------------------------


def expected(persona: str, rule: Rule, *, scoped: bool, api: bool) -> str | int:
    """``"allowed"``, ``"login"`` (redirect to the login page) or a refusal status."""
    if persona == "anonymous":
        if rule.need == PUBLIC:
            return "allowed"
        return 401 if api else "login"
    if persona == "outsider" and rule.outsider is not None:
        return rule.outsider
    if persona == "outsider" and scoped:
        return 404
    if persona in rule.denied:
        return rule.denied[persona] if isinstance(rule.denied, dict) else rule.refused
    if rule.need in (PUBLIC, LOGIN) or persona in rule.also:
        return "allowed"
    if rule.chain and persona == "manager_other":
        return rule.refused
    if allows(ROLES[persona], rule.need):  # type: ignore[arg-type]
        return "allowed"
    return rule.refused


def fingerprint() -> str:
    """A digest of every row of every table the product writes (sessions and usage
    stamps aside): equal before and after means nothing changed."""
    digest = hashlib.sha256()
    for model in sorted(apps.get_models(), key=lambda m: m._meta.label):
        if model._meta.app_label in IGNORED_APPS or model._meta.label == "auth.Permission":
            continue
        names = [f.attname for f in model._meta.concrete_fields if f.name not in IGNORED_FIELDS]
        rows = list(model._default_manager.order_by("pk").values_list(*names))
        digest.update(model._meta.label.encode())
        digest.update(json.dumps(rows, default=str).encode())
    return digest.hexdigest()


def write_counter() -> int | None:
    """Rows written so far on this connection (SQLite) or in this transaction
    (PostgreSQL); None where the database cannot say. One cheap query: when it has not
    moved, nothing was written and the full digest is not needed."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                "FROM pg_stat_xact_user_tables"
            )
        else:
            return None
        return int(cursor.fetchone()[0])


def audit_count() -> int:
    from practiceos.audit.models import AuditRecord

    return AuditRecord.objects.count()


# ---- the cases -------------------------------------------------------------------------------


def _cases() -> list[Any]:
    cases = []
    for key, entry in sorted(DECLARED.pages.items()):
        for method in PAGE_METHODS:
            cases.append(pytest.param(entry, method, id=f"{method} {key}"))
    paths: dict[str, dict[str, Operation]] = {}
    for operation in DECLARED.operations.values():
        paths.setdefault(operation.path, {})[operation.method] = operation
    for path, by_method in sorted(paths.items()):
        for method in API_METHODS:
            target: Any = by_method.get(method) or (path, by_method)
            cases.append(pytest.param(target, method, id=f"{method} {path}"))
    return cases


CASES = _cases()


def _request(world: World, persona: str, target: Any, method: str) -> tuple[Client, Any]:
    """A client logged in as ``persona`` and the request to make with it (not made yet)."""
    client = Client()
    if isinstance(target, Page):
        if persona != "anonymous":
            client.force_login(world.users[persona])
        url = reverse(target.name, kwargs=dict(target.args(world)) if target.args else None)
        rule = target.methods.get(method)
        data = dict(rule.data(world)) if rule and rule.data else {}
        if method == "GET":
            return client, lambda: client.get(url)
        return client, lambda: client.post(url, data)
    headers = {} if persona == "anonymous" else {"Authorization": f"Bearer {world.tokens[persona]}"}
    # A method the path does not offer is tried with another operation's parameters.
    operation = target if isinstance(target, Operation) else next(iter(target[1].values()))
    params = dict(operation.params(world)) if operation.params else {}
    url = operation.path.format(**params)
    if operation.files and isinstance(target, Operation):
        upload = _multipart(dict(operation.files(world)))
        return client, lambda: client.generic(method, url, **upload, headers=headers)
    body = dict(operation.rule.data(world)) if operation.rule.data else {}
    if method == "GET":
        return client, lambda: client.get(url, headers=headers)
    return client, lambda: client.generic(
        method, url, json.dumps(body), content_type="application/json", headers=headers
    )


def _multipart(files: dict[str, Any]) -> dict[str, Any]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, files), "content_type": MULTIPART_CONTENT}


def _check(world: World, persona: str, target: Any, method: str, before: str) -> str | None:
    """Run one cell against the database digest ``before``; the problem found, or None."""
    api = not isinstance(target, Page)
    if isinstance(target, Page):
        rule = target.methods.get(method)
        scoped = target.args is not None and target.name not in PUBLIC_ARGS
    elif isinstance(target, Operation):
        rule, scoped = target.rule, target.params is not None
    else:
        rule, scoped = None, False
    audits = audit_count()
    _client, do = _request(world, persona, target, method)
    writes = write_counter()
    response = do()
    moved = writes is None or write_counter() != writes
    status = response.status_code
    changed = moved and fingerprint() != before
    where = f"{persona}: {status}"
    if status >= 500:
        return f"{where}: server error"
    if status >= 400 and changed:
        return f"{where}: a refusal changed the database"
    if rule is None:  # a method nobody declared: never a change
        if changed:
            return f"{where}: an undeclared method changed the database"
        if api and status not in (401, 405):
            return f"{where}: expected 405 (or 401) for a method the operation lacks"
        return None
    want = expected(persona, rule, scoped=scoped, api=api)
    if want == "login":
        location = response.get("Location", "")
        if status != 302 or not location.startswith("/login/"):
            return f"{where}: expected a redirect to the login page"
    elif want == "allowed":
        if rule.ok is not None and status not in rule.ok:
            return f"{where}: expected one of {sorted(rule.ok)}"
        if rule.ok is None and status in (401, 403, 404, 405):
            return f"{where}: expected to be allowed"
        if changed and audit_count() == audits and persona != "anonymous":
            return f"{where}: changed the database without an audit record"
        return None
    elif status != want:
        return f"{where}: expected {want}"
    if changed:
        return f"{where}: a refusal changed the database"
    return None


#: Pages whose URL argument is not an object of acme (a secret, a file name).
PUBLIC_ARGS = {
    "join",
    "api:docs-asset",
    "api:unknown_path",
    "org:pick",
    "help-page",
    "password_reset_confirm",
}


@pytest.mark.parametrize("target, method", CASES)
def test_permission_matrix(world, target, method):
    problems = []
    # Every persona starts from the same rows (each runs in a savepoint rolled back after
    # it; logging in writes only sessions and usage stamps, which the digest leaves out).
    _request(world, "owner", target, method)  # builders make their objects (World.cached) now
    before = fingerprint()
    for persona in PERSONAS:
        sid = transaction.savepoint()
        try:
            problem = _check(world, persona, target, method, before)
        finally:
            transaction.savepoint_rollback(sid)
        if problem:
            problems.append(problem)
    assert not problems, "\n".join(problems)


def test_every_url_and_operation_is_declared():
    problems = undeclared(DECLARED)
    assert not problems, "\n".join(problems)


def test_an_unlisted_url_fails_the_coverage_check():
    problems = undeclared(DECLARED, "tests.matrix.unlisted_urls")
    assert problems == [
        "URL /unlisted-for-test/ (name 'unlisted-for-test') is not declared: add "
        "page('unlisted-for-test', ...) to tests/matrix/declared/web.py"
    ]


def test_print_matrix_figures(capsys):
    pages = sum(len(PAGE_METHODS) for _ in DECLARED.pages)
    paths = {o.path for o in DECLARED.operations.values()}
    cells = (pages + len(paths) * len(API_METHODS)) * len(PERSONAS)
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(DECLARED.pages)} pages, {len(DECLARED.operations)} "
            f"operations on {len(paths)} API paths, {len(PERSONAS)} personas: {cells} cells"
        )
    assert cells > 0


def test_the_change_detector_sees_a_one_field_update(world):
    from practiceos.org.models import Location

    before, writes = fingerprint(), write_counter()
    Location.objects.filter(pk=world.chart.downtown.pk).update(address="Moved overnight")
    assert write_counter() != writes
    assert fingerprint() != before


def test_chain_scoped_rules_refuse_the_manager_of_another_chain():
    from practiceos.tenancy.permissions import Action
    from tests.matrix.declare import Rule as R

    rule = R(Action.EDIT_PEOPLE, chain=True)
    assert expected("manager", rule, scoped=True, api=False) == "allowed"
    assert expected("manager_other", rule, scoped=True, api=False) == 403
    assert expected("owner", rule, scoped=True, api=False) == "allowed"
    assert expected("outsider", rule, scoped=True, api=True) == 404
