"""The load mix: what owners, managers and members of many practices do in a working day.

Run by ``bench/load/run.py``, which prepares the database, starts gunicorn and writes the
logins and object ids this file reads from ``PRACTICEOS_LOAD_FIXTURE`` (JSON). Each
simulated user logs in once through the real login form (password hashing included), then
paces itself to about one request a second (``constant_throughput``, with tasks that
make two requests counted twice), so N users offer about N requests a second whatever the
server's speed: a slow server shows as latency and a lower achieved rate, never as a
quietly reduced offer.

Requests are named by route (``/org/seats/[id]/``), so the printed table ranks endpoints.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

from locust import HttpUser, constant_throughput, task

FIXTURE: dict[str, Any] = json.loads(
    Path(os.environ["PRACTICEOS_LOAD_FIXTURE"]).read_text(encoding="utf-8")
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
#: Where the login figures go (run.py prints them): logins are left out of the steady state.
LOGINS = Path(os.environ["PRACTICEOS_LOAD_FIXTURE"]).with_name("logins.json")
_logins: list[float] = []
_started = time.monotonic()


def _logged_in(user: HttpUser, seconds: float) -> None:
    """Count a finished login; after the last one, start the figures afresh.

    locust's ``--reset-stats`` resets when the last user is *spawned*, but each login is a
    password hash (about 0.2 s of CPU), so 50 simultaneous logins keep the workers busy
    for seconds after that and would count as the steady state's slowest requests.
    """
    _logins.append(seconds)
    options = user.environment.parsed_options
    if options is not None and len(_logins) == options.num_users:
        user.environment.runner.stats.reset_all()
        LOGINS.write_text(
            json.dumps(
                {
                    "users": len(_logins),
                    "all_done_after": round(time.monotonic() - _started, 1),
                    "slowest": round(max(_logins), 2),
                    "median": round(sorted(_logins)[len(_logins) // 2], 2),
                }
            ),
            encoding="utf-8",
        )


def requests(n: int) -> Any:
    """Mark a task that makes ``n`` requests (for the pacing)."""

    def mark(fn: Any) -> Any:
        fn.requests = n
        return fn

    return mark


class PracticeUser(HttpUser):
    """One person with a login: logs in, then browses their practice."""

    abstract = True
    pool = "members"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One *request* a second per user: tasks that make two requests (the chart and its
        # first level, two API lists) count twice, so N users offer N requests a second.
        per_task = sum(getattr(t, "requests", 1) for t in self.tasks) / len(self.tasks)
        self._pace = constant_throughput(1 / per_task)

    def wait_time(self) -> float:
        """Seconds until the next task (locust's constant throughput, per request)."""
        return float(self._pace(self))

    def on_start(self) -> None:
        """Log in through the form, as a browser does (CSRF token, session cookie)."""
        login = random.choice(FIXTURE[self.pool])
        self.data = FIXTURE["practices"][login["practice"]]
        self.token = login["token"]
        started = time.monotonic()
        page = self.client.get("/login/", name="/login/ (form)")
        match = CSRF.search(page.text)
        with self.client.post(
            "/login/",
            {
                "username": login["username"],
                "password": login["password"],
                "csrfmiddlewaretoken": match.group(1) if match else "",
            },
            name="/login/ (post)",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"login failed for {login['username']}")
        _logged_in(self, time.monotonic() - started)

    def _seat(self) -> str:
        return str(random.choice(self.data["seats"]))

    def _api(self, path: str, name: str) -> None:
        self.client.get(path, name=name, headers={"Authorization": f"Bearer {self.token}"})

    @task(4)
    @requests(2)
    def chart(self) -> None:
        """The accountability chart and its first level."""
        self.client.get("/org/chart/", name="/org/chart/")
        self.client.get("/org/chart/roots/", name="/org/chart/roots/")

    @task(4)
    def expand(self) -> None:
        """Open a manager's subtree on the chart."""
        seat = random.choice(self.data["managers"])
        self.client.get(f"/org/chart/children/{seat}/", name="/org/chart/children/[id]/")

    @task(6)
    def seat(self) -> None:
        """A seat's page."""
        self.client.get(f"/org/seats/{self._seat()}/", name="/org/seats/[id]/")

    @task(4)
    def person(self) -> None:
        """A person's page."""
        person = random.choice(self.data["people"])
        self.client.get(f"/org/people/{person}/", name="/org/people/[id]/")

    @task(3)
    def people_search(self) -> None:
        """Find someone by name."""
        term = random.choice(self.data["search_terms"])
        self.client.get(f"/org/people/?q={term}", name="/org/people/?q=")

    @task(2)
    def health(self) -> None:
        """The health report."""
        self.client.get("/health/", name="/health/")

    @task(3)
    @requests(2)
    def api_lists(self) -> None:
        """API lists a feed or a script reads."""
        self._api("/api/seats?limit=50", "/api/seats")
        self._api("/api/people?limit=50", "/api/people")


class Owner(PracticeUser):
    """Owners look at the report, the chart and the roster import page more often."""

    weight = 1
    pool = "owners"

    @task(2)
    def roster_page(self) -> None:
        """The roster import page (upload and recent imports)."""
        self.client.get("/roster/", name="/roster/")


class Manager(PracticeUser):
    """Managers of the large practice."""

    weight = 3
    pool = "managers"


class Member(PracticeUser):
    """Staff members of the large practice and of small practices."""

    weight = 6
    pool = "members"
