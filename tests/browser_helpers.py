"""Browser-test helpers: a page that records what went wrong, and logging in through the form."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import PASSWORD


def watched_page(browser: Any, *, width: int = 1440, timeout: int = 10_000) -> Any:
    """A page in a fresh browser context (close it with ``page.context.close()``).

    ``page.errors`` collects every script error, every content-security-policy violation
    and every response of 400 or more, so a test can end with ``assert page.errors == []``.
    """
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda m: (
            errors.append(f"CSP: {m.text}")
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.errors = errors
    return page


def log_in(page: Any, base_url: str, username: str, *, then: str = "/org/chart/") -> None:
    """Log in through the login form (it lands on the home page), then open ``then``
    (the chart, where most browser tests start)."""
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    if then != "/":
        page.goto(f"{base_url}{then}")
