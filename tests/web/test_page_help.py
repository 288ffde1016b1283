""" "About this page": one validated data file, an entry for every main page, each linking
to a real help section, rendered on the page with no extra query."""

from __future__ import annotations

import html

import pytest

from practiceos.core.page_help import load_page_help, parse_page_help
from practiceos.core.problems import InputError

#: The main pages (issue 15, item 7), by URL name: each must have help.
MAIN_PAGES = [
    "home",
    "org:chart",
    "org:seat",
    "org:person",
    "org:people",
    "org:roles",
    "org:teams",
    "org:locations",
    "health:report",
    "health:run",
    "rolecards:card",
    "rolecards:library",
    "scorecards:index",
    "scorecards:team",
    "meetings:overview",
    "meetings:team",
    "meetings:run",
    "leadership:home",
    "leadership:vision",
    "leadership:areas",
    "leadership:asks",
    "leadership:load",
    "leadership:time",
    "leadership:locations",
    "people:home",
    "people:person",
    "scenarios:list",
    "scenarios:detail",
    "processes:index",
    "processes:process",
    "audit:recent",
    "tenancy:tokens",
    "tenancy:members",
    "hiring:index",
    "hiring:plan",
    "hiring:candidate",
    "hiring:compare",
]


def _url_names() -> set[str]:
    from django.urls import URLResolver, get_resolver

    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                walk(pattern, f"{namespace}:{inner}".strip(":") if inner else namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), "")
    return names


@pytest.mark.parametrize("name", MAIN_PAGES)
def test_every_main_page_has_help_text(name):
    entry = load_page_help().get(name)
    assert entry is not None, f"{name} has no entry in core/data/page_help.yaml"
    assert len(entry.text) >= 60


def test_every_entry_names_a_real_page_and_links_to_a_real_help_section(settings):
    from practiceos.web.help import page

    names = _url_names()
    broken = []
    for name, entry in load_page_help().items():
        if name not in names:
            broken.append(f"{name}: no such URL name")
            continue
        doc = page(entry.doc)
        if doc is None:
            broken.append(f"{name}: no help document {entry.doc!r}")
        elif entry.section and f'id="{entry.section}"' not in doc.html:
            broken.append(f"{name}: {entry.doc} has no section #{entry.section}")
    assert broken == []


@pytest.mark.parametrize(
    ("data", "where", "words"),
    [
        ({"Org Chart": {"text": "x", "help": "api"}}, "Org Chart", "is not a URL name"),
        ({"home": {"text": "", "help": "api"}}, "home.text", "0 characters is not accepted"),
        ({"home": {"text": "x" * 500, "help": "api"}}, "home.text", "500 characters"),
        ({"home": {"text": "x", "help": "../etc"}}, "home.help", "'../etc' is not a help link"),
        ({"home": {"text": "x", "link": "api"}}, "home", "has keys ['link']"),
        ({"home": "just text"}, "home", "must be a mapping"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_entry_and_value(data, where, words):
    with pytest.raises(InputError) as caught:
        parse_page_help(data, "page_help.yaml")
    (problem,) = caught.value.problems
    assert problem.where == f"page_help.yaml: {where}"
    assert words in problem.message


def _main_urls(chart, personas) -> dict[str, str]:
    """A URL for each main page that needs no more than the chart fixture."""
    from practiceos.health.services import run_health_check
    from practiceos.scenarios.services import create_scenario

    run = run_health_check(personas.owner, personas.acme)
    scenario = create_scenario(actor=personas.owner, name="Help")
    return {
        "home": "/",
        "org:chart": "/org/chart/",
        "org:seat": f"/org/seats/{chart.tech_seat.pk}/",
        "org:person": f"/org/people/{chart.bob.pk}/",
        "org:people": "/org/people/",
        "org:roles": "/org/roles/",
        "org:teams": "/org/teams/",
        "org:locations": "/org/locations/",
        "health:report": "/health/",
        "health:run": f"/health/runs/{run.pk}/",
        "rolecards:card": f"/role-cards/{chart.tech_role.pk}/",
        "rolecards:library": "/role-cards/library/",
        "scorecards:index": "/scorecards/",
        "scorecards:team": f"/scorecards/teams/{chart.team.pk}/",
        "meetings:overview": "/meetings/",
        "meetings:team": f"/meetings/teams/{chart.team.pk}/",
        "leadership:home": "/leadership/",
        "leadership:vision": "/leadership/vision/",
        "leadership:areas": "/leadership/decisions/",
        "leadership:asks": "/leadership/asks/",
        "leadership:load": "/leadership/load/",
        "leadership:time": "/leadership/time/",
        "leadership:locations": "/leadership/locations/",
        "people:home": "/people/",
        "people:person": f"/people/person/{chart.bob.pk}/",
        "scenarios:list": "/scenarios/",
        "scenarios:detail": f"/scenarios/{scenario.pk}/",
        "processes:index": "/processes/",
        "audit:recent": "/audit/",
        "tenancy:tokens": "/account/tokens/",
        "tenancy:members": "/account/members/",
        "hiring:index": "/hiring/",
    }


def test_main_pages_show_their_help_panel_with_text_link_and_reopen_button(chart, personas, login):
    client = login("owner")
    missing = {}
    urls = _main_urls(chart, personas)
    for name, url in urls.items():
        response = client.get(url)
        page = response.content.decode()
        entry = load_page_help()[name]
        wanted = [
            f'data-help-key="{name}"',
            html.escape(entry.text),
            f'href="{entry.href}"',
            "data-help-open",
            "data-help-dismiss",
        ]
        absent = [w for w in wanted if w not in page]
        if response.status_code != 200 or absent:
            missing[name] = (response.status_code, absent)
        assert page.count('id="page-help"') <= 1
    assert missing == {}
    # Pages needing a meeting run, a process or a hiring plan are covered by the data tests
    # above (and the hiring pages' panels by tests/hiring/test_web_api.py).
    assert set(MAIN_PAGES) - set(urls) == {
        "meetings:run",
        "processes:process",
        "hiring:plan",
        "hiring:candidate",
        "hiring:compare",
    }


def test_pages_without_help_and_fragments_carry_no_panel(chart, personas, login):
    client = login("owner")
    assert 'id="page-help"' not in client.get("/help/").content.decode()
    fragment = client.get("/org/chart/roots/", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="page-help"' not in fragment
    client.logout()
    assert 'id="page-help"' not in client.get("/login/").content.decode()


def test_an_error_page_shows_no_help_for_the_page_its_url_names(chart, personas, login):
    client = login("owner")
    response = client.get("/org/seats/999999/")
    assert response.status_code == 404
    assert 'id="page-help"' not in response.content.decode()
    response = login("member").get(f"/org/seats/{chart.tech_seat.pk}/edit/")
    assert response.status_code == 403
    assert 'id="page-help"' not in response.content.decode()
