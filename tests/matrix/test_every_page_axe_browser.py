"""axe-core on every page of the product, not only the main ones: each page the
permission matrix declares is opened in real Chromium as the owner (who may open all of
them), with the matrix's world behind it (one object of every kind a URL can name), and
must show no serious or critical accessibility violation. Downloads (PDF, SVG, YAML,
CSV, JSON) and htmx fragments are not pages and are left out (the fragments are checked
inside their pages by the browser tests that open them); so is any page the owner is
refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.matrix.declare import PUBLIC
from tests.matrix.test_matrix import DECLARED

pytestmark = [pytest.mark.browser]

#: What the sweep must at least open, so that a broken world (every page 404) fails it.
MIN_PAGES = 90  # 96 when written


def _html_pages(world):
    """(URL name, path) of every page whose GET the owner may open."""
    found = []
    for page in DECLARED.pages.values():
        rule = page.methods.get("GET")
        if rule is None or (rule.need == PUBLIC and page.args is not None):
            continue  # POST-only, or a public link with a secret in it (reset, invitation)
        kwargs = dict(page.args(world)) if page.args else None
        found.append((page.name, reverse(page.name, kwargs=kwargs)))
    return sorted(found)


def test_every_page_passes_axe_core(world, browser, live_server):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    from tests.browser_helpers import log_in, watched_page

    axe = Axe()
    targets = _html_pages(world)
    page = watched_page(browser)
    log_in(page, live_server.url, "owner", then="/")
    problems, opened, skipped, fragments = {}, [], [], []
    for name, path in targets:
        try:
            response = page.goto(f"{live_server.url}{path}")
        except PlaywrightError as exc:  # a download ("Download is starting"), not a page
            skipped.append(f"{name} ({str(exc).splitlines()[0][:40]})")
            continue
        kind = (response.headers.get("content-type", "") if response else "").split(";")[0]
        if response is None or response.status >= 400 or kind != "text/html":
            skipped.append(f"{name} ({response.status if response else '-'} {kind})")
            continue
        if not response.text().lstrip()[:15].lower().startswith("<!doctype html"):
            fragments.append(name)  # an htmx fragment, checked inside its page's tests
            continue
        opened.append(name)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in axe.run(page).response["violations"]
            if v.get("impact") in ("serious", "critical")
        ]
        if serious:
            problems[f"{name} {path}"] = serious
    page.context.close()
    print(
        f"\naxe-core: {len(opened)} pages opened; {len(fragments)} htmx fragments and "
        f"{len(skipped)} downloads or refusals left out: {skipped}"
    )
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
    assert len(opened) >= MIN_PAGES, f"only {len(opened)} pages opened; skipped {skipped}"
