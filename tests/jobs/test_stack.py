"""Long work across processes, for real: two gunicorn web servers, task workers and one
shared database, each its own process, driven over HTTP (see tests/stack.py).

* An import started through web server A shows its queue state, progress and result
  through web server B: progress lives in the database, not in a web worker.
* A worker killed with SIGKILL in the middle of an import's write leaves nothing written;
  the job shows as stopped and its retry, run by a new worker, imports everything.
"""

from __future__ import annotations

import os
import re
import signal

import pytest

from tests.roster.conftest import BAMBOO
from tests.stack import Browser, give_password, running_stack, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ROSTER_PEOPLE = 17  # people in the BambooHR sample


@pytest.fixture
def owner_login(personas):
    """acme's owner, with a password the production settings verify."""
    give_password(personas.owner.user)
    return personas.owner.user.username


def _confirm_import(browser: Browser, base: str) -> int:
    """Upload the sample roster through ``base`` and confirm its preview; the import id."""
    browser.get(f"{base}/roster/")
    with BAMBOO.open("rb") as file:
        preview = browser.post(f"{base}/roster/", files={"file": ("bamboohr.csv", file)})
    assert preview.status_code == 302, preview.text[:2000]
    import_id = int(re.search(r"/roster/(\d+)/", preview.headers["Location"]).group(1))
    confirmed = browser.post(f"{base}/roster/{import_id}/confirm/")
    assert confirmed.status_code == 302, confirmed.text[:2000]
    return import_id


def _status(browser: Browser, base: str, job_id: int) -> str:
    fragment = browser.get(f"{base}/jobs/{job_id}/", **{"HX-Request": "true"}).text
    return re.search(r'data-status="(\w+)"', fragment).group(1)


def test_an_import_started_through_one_web_server_shows_its_progress_through_another(
    owner_login, tmp_path
):
    with running_stack(tmp_path) as stack:
        a, b = stack.web(), stack.web()
        # The worker boots beside the servers, then is held (SIGSTOP) so that the queued
        # state can be seen before it takes the job.
        worker = stack.worker()
        stack.wait_until_up(a, b)
        browser = Browser()
        browser.login(a, owner_login)
        os.kill(worker.pid, signal.SIGSTOP)

        import_id = _confirm_import(browser, a)
        job_id = stack.one("SELECT id FROM jobs_job")  # the only job: the import A queued
        # No worker yet: B shows the job A queued, waiting, and keeps polling.
        page = browser.get(f"{b}/jobs/{job_id}/")
        assert page.status_code == 200
        assert "Waiting for a worker" in page.text and 'hx-trigger="every 1s"' in page.text
        assert stack.one("SELECT count(*) FROM org_person") == 0

        os.kill(worker.pid, signal.SIGCONT)
        wait_for(
            lambda: _status(browser, b, job_id) == "done",
            20,
            lambda: f"the job to finish\n{stack.logs()}",
        )
        fragment = browser.get(f"{b}/jobs/{job_id}/", **{"HX-Request": "true"}).text
        assert "hx-trigger" not in fragment  # finished: B stops polling
        assert f'href="/roster/{import_id}/"' in fragment
        assert stack.one("SELECT count(*) FROM org_person") == ROSTER_PEOPLE
        # And A, asked again, agrees.
        assert _status(browser, a, job_id) == "done"


def test_a_worker_killed_mid_import_leaves_nothing_written_and_the_retry_imports_it(
    owner_login, tmp_path
):
    with running_stack(tmp_path) as stack:
        web = stack.web()
        marker = tmp_path / "paused"
        doomed = stack.worker(str(marker), script="stack_worker.py")
        stack.wait_until_up(web)
        browser = Browser()
        browser.login(web, owner_login)
        import_id = _confirm_import(browser, web)
        job_id = stack.one("SELECT id FROM jobs_job")

        wait_for(marker.exists, 20, lambda: f"the worker to write the rows\n{stack.logs()}")
        os.kill(doomed.pid, signal.SIGKILL)  # mid-transaction: every row written, none committed
        doomed.wait()
        stack.worker()  # boots while the state is checked; the retry queues the job again

        assert stack.one("SELECT count(*) FROM org_person") == 0
        assert stack.one("SELECT count(*) FROM org_seat") == 0
        assert stack.one("SELECT status FROM jobs_job WHERE id = %s", job_id) == "running"
        assert stack.one("SELECT status FROM roster_rosterimport WHERE id = %s", import_id) == (
            "running"
        )
        # Its worker's process is gone: the page says so at once and offers the retry.
        page = browser.get(f"{web}/jobs/{job_id}/").text
        assert "stopped before it finished" in page and "Run it again" in page

        assert browser.post(f"{web}/jobs/{job_id}/retry/").status_code == 302
        wait_for(
            lambda: _status(browser, web, job_id) == "done",
            20,
            lambda: f"the retry\n{stack.logs()}",
        )
        assert stack.one("SELECT count(*) FROM org_person") == ROSTER_PEOPLE
        assert stack.one("SELECT attempts FROM jobs_job WHERE id = %s", job_id) == 2
