"""Shared fixtures: personas, a small chart, query counting and the browser.

Personas (STYLE §7): in practice "acme" an owner, an admin, a manager and a member; in
practice "other" an outsider (that practice's owner) who must never see acme's objects.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# CI runs the same examples every time (a failure there is reproducible, never a coin
# toss); developers' runs keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BROWSER = os.environ.get("PRACTICEOS_REQUIRE_BROWSER") == "1"
_browser_passed = 0


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # Fast tests: a cheap hasher, and no login lockouts unless a test turns them on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    # No automatic health re-checks after chart edits (extra jobs and queries in every
    # write test) unless a test turns them on: tests/health/test_autocheck.py does.
    settings.HEALTH_RECHECK_DELAY = 0
    # ... and none in the `practiceos` commands tests start as subprocesses.
    os.environ.setdefault("PRACTICEOS_RECHECK_DELAY", "0")
    # Live-server threads must not keep PostgreSQL connections open past a test.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    global _browser_passed
    if report.when == "call" and report.passed and "browser" in report.keywords:
        _browser_passed += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # CI must prove the product works in a real browser: no silent skip there.
    selected_browser = any("browser" in item.keywords for item in session.items)
    if REQUIRE_BROWSER and selected_browser and _browser_passed == 0:
        print("\nPRACTICEOS_REQUIRE_BROWSER=1 but no browser test passed")
        session.exitstatus = 1


@dataclass
class Personas:
    """The users and memberships of the standard test cast."""

    acme: Any
    other: Any
    owner: Any
    admin: Any
    manager: Any
    member: Any
    outsider: Any

    def membership(self, name: str) -> Any:
        """The membership of persona ``name`` (``owner`` ... ``outsider``)."""
        return getattr(self, name)


PERSONA_NAMES = ("owner", "admin", "manager", "member", "outsider")
PASSWORD = "correct-horse-battery"


@pytest.fixture
def personas(db: Any) -> Personas:
    """Two practices and one membership per persona."""
    from django.contrib.auth.models import User

    from practiceos.tenancy.models import Membership, Practice

    acme = Practice.objects.create(name="Acme Orthopedics", slug="acme")
    other = Practice.objects.create(name="Other Dental", slug="other")
    made = {}
    for name, practice, role in [
        ("owner", acme, "owner"),
        ("admin", acme, "admin"),
        ("manager", acme, "manager"),
        ("member", acme, "member"),
        ("outsider", other, "owner"),
    ]:
        user = User.objects.create_user(username=name, password=PASSWORD)
        made[name] = Membership.objects.create(practice=practice, user=user, role=role)
    return Personas(acme=acme, other=other, **made)


@dataclass
class Chart:
    """A small accountability chart in practice acme (and one seat in practice other)."""

    downtown: Any
    owner_role: Any
    manager_role: Any
    surgeon_role: Any
    tech_role: Any
    owner_seat: Any
    manager_seat: Any
    surgeon_seat: Any
    tech_seat: Any
    team: Any
    alice: Any
    bob: Any
    alice_owner: Any
    bob_surgeon: Any
    other_seat: Any
    other_person: Any


@pytest.fixture
def chart(personas: Personas) -> Chart:
    """Owner → practice manager → scrub tech serving a surgeon who reports to the owner."""
    from practiceos.org.models import Assignment, Location, Person, Role, Seat, ServiceLink, Team

    p = personas.acme
    downtown = Location.objects.create(practice=p, name="Downtown", address="1 Main St")
    roles = {
        key: Role.objects.create(practice=p, title=title, kind=kind)
        for key, title, kind in [
            ("owner", "Owner", "leadership"),
            ("manager", "Practice Manager", "management"),
            ("surgeon", "Orthopedic Surgeon", "provider"),
            ("tech", "Surgical Technologist", "support"),
        ]
    }
    owner_seat = Seat.objects.create(
        practice=p, name="Owner", kind="leadership", role=roles["owner"], location=downtown
    )
    manager_seat = Seat.objects.create(
        practice=p,
        name="Practice Manager",
        kind="management",
        role=roles["manager"],
        location=downtown,
        reports_to=owner_seat,
    )
    surgeon_seat = Seat.objects.create(
        practice=p,
        name="Orthopedic Surgeon 1",
        kind="provider",
        role=roles["surgeon"],
        location=downtown,
        reports_to=owner_seat,
    )
    tech_seat = Seat.objects.create(
        practice=p,
        name="Surgical Technologist 1",
        kind="support",
        role=roles["tech"],
        location=downtown,
        reports_to=manager_seat,
    )
    ServiceLink.objects.create(practice=p, support_seat=tech_seat, provider_seat=surgeon_seat)
    team = Team.objects.create(
        practice=p, name="Surgical Services", manager_seat=manager_seat, goal="On-time first case"
    )
    alice = Person.objects.create(
        practice=p, name="Alice Owner", email="alice@acme.example", employee_id="E1"
    )
    bob = Person.objects.create(
        practice=p, name="Bob Surgeon", email="bob@acme.example", employee_id="E2"
    )
    alice_owner = Assignment.objects.create(practice=p, person=alice, seat=owner_seat, fte=1)
    bob_surgeon = Assignment.objects.create(practice=p, person=bob, seat=surgeon_seat, fte=1)
    o = personas.other
    other_seat = Seat.objects.create(practice=o, name="Other Owner", kind="leadership")
    other_person = Person.objects.create(practice=o, name="Olga Other")
    return Chart(
        downtown=downtown,
        owner_role=roles["owner"],
        manager_role=roles["manager"],
        surgeon_role=roles["surgeon"],
        tech_role=roles["tech"],
        owner_seat=owner_seat,
        manager_seat=manager_seat,
        surgeon_seat=surgeon_seat,
        tech_seat=tech_seat,
        team=team,
        alice=alice,
        bob=bob,
        alice_owner=alice_owner,
        bob_surgeon=bob_surgeon,
        other_seat=other_seat,
        other_person=other_person,
    )


@pytest.fixture
def login(client: Any, personas: Personas) -> Any:
    """``login("manager")`` logs the test client in as that persona and returns it."""

    def _login(name: str) -> Any:
        client.force_login(personas.membership(name).user)
        return client

    return _login


@pytest.fixture
def browser() -> Any:
    """A real headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if REQUIRE_BROWSER:
            pytest.fail(f"{CHROMIUM} is missing and PRACTICEOS_REQUIRE_BROWSER=1")
        pytest.skip(f"{CHROMIUM} not installed (make system-packages installs it)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def logged_in_page(browser: Any, live_server: Any, transactional_db: Any) -> Any:
    """``logged_in_page("owner")``: a new browser page, logged in through the form as that
    persona and on the chart (or the page ``then``), with ``page.errors`` collecting script errors and failed
    responses (``width`` and ``timeout`` as in :func:`tests.browser_helpers.watched_page`)."""
    from tests.browser_helpers import log_in, watched_page

    pages: list[Any] = []

    def _open(name: str, *, then: str = "/org/chart/", **options: Any) -> Any:
        page = watched_page(browser, **options)
        pages.append(page)
        log_in(page, live_server.url, name, then=then)
        return page

    yield _open
    for page in pages:
        page.context.close()
