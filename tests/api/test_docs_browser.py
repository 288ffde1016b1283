"""The API docs page works in a real browser with no network access beyond the server."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_swagger_ui_renders_every_operation_from_local_files(live_server, browser):
    page = browser.new_page()
    outside: list[str] = []

    def route(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    page.route("**/*", route)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/seats/{id}" in p for p in paths)
    from practiceos.api import api

    # Every documented operation is rendered (the count comes from the schema itself).
    schema = api.get_openapi_schema()
    assert len(paths) == sum(len(ops) for ops in schema["paths"].values())
    assert any("/api/health/report" in p for p in paths)
    assert outside == []
    page.close()
