"""The production stack for real, inside a test: gunicorn web servers, task workers and
one shared database, each its own process, driven over HTTP.

The database is the test's own, made real for other processes: on SQLite the test's
in-memory database (migrated, with the test's data committed) is copied into a file in a
temporary data directory; on PostgreSQL the processes connect to the test database
itself. Every process shares that data directory, so they share the secret key (a
session made by one web server is valid on another), as machines behind one load
balancer share ``PRACTICEOS_SECRET_KEY``. Use it from ``django_db(transaction=True)``
tests (the data must be committed for other processes to see it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "stack-password-1"


class _QuickHasher(PBKDF2PasswordHasher):
    """A real production hash with few rounds: the servers verify it (and upgrade it)."""

    iterations = 1000


def give_password(user: Any) -> None:
    """Set ``PASSWORD`` on ``user`` in a form the production settings accept."""
    hasher = _QuickHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(
    check: Callable[[], Any],
    timeout: float,
    what: str | Callable[[], str],
    interval: float = 0.1,
) -> Any:
    """Call ``check`` until it returns something true; AssertionError after ``timeout`` s
    naming ``what`` (a callable is asked then, to show the processes' logs at that time)."""
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            said = what() if callable(what) else what
            raise AssertionError(f"timed out after {timeout} s waiting for {said}")
        time.sleep(interval)


class Stack:
    """Processes sharing one database and data directory (see the module docstring)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.procs: list[subprocess.Popen[bytes]] = []
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PRACTICEOS_", "DATABASE_URL", "DJANGO_"))
        }
        env.update(
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            PRACTICEOS_DATA_DIR=str(data_dir),
        )
        db = settings.DATABASES["default"]
        if connection.vendor == "sqlite":
            self.db_file: Path | None = data_dir / "practiceos.sqlite3"
            target = sqlite3.connect(self.db_file)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
        else:
            self.db_file = None
            env["DATABASE_URL"] = (
                f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}"
                f":{db['PORT'] or 5432}/{db['NAME']}"
            )
        self.env = env

    # --- processes -----------------------------------------------------------------------

    def _start(self, args: list[str], log: str, **extra: str) -> subprocess.Popen[bytes]:
        out = open(self.data_dir / log, "ab")  # noqa: SIM115  (closed with the process)
        proc = subprocess.Popen(
            args, env={**self.env, **extra}, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT
        )
        out.close()
        self.procs.append(proc)
        return proc

    def web(self) -> str:
        """Start a gunicorn server (production settings file, one worker); its base URL."""
        port = free_port()
        self._start(
            [str(BIN / "gunicorn"), "-c", "python:practiceos.gunicorn_conf"],
            f"web-{port}.log",
            PRACTICEOS_BIND=f"127.0.0.1:{port}",
            PRACTICEOS_WEB_WORKERS="1",
        )
        return f"http://127.0.0.1:{port}"

    def wait_until_up(self, *bases: str, timeout: float = 30) -> None:
        """Wait until each server answers its login page."""

        def up(base: str) -> bool:
            with contextlib.suppress(requests.RequestException):  # not listening yet, booting
                return requests.get(f"{base}/login/", timeout=10).status_code == 200
            return False

        for base in bases:
            wait_for(
                lambda b=base: up(b), timeout, lambda b=base: f"{b} to answer\n{self.logs()}", 0.2
            )

    def worker(self, *extra: str, script: str | None = None) -> subprocess.Popen[bytes]:
        """Start ``practiceos worker`` (or a test script that runs it); the process."""
        if script is None:
            args = [str(BIN / "practiceos"), "worker", "--interval", "0.2", *extra]
        else:
            args = [sys.executable, str(ROOT / "tests" / script), *extra]
        return self._start(args, "worker.log")

    def stop(self) -> None:
        """Stop every process this stack started (gunicorn stops its own workers)."""
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)  # a test may have paused it
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def logs(self) -> str:
        """The processes' output so far (for failure messages)."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.data_dir.glob("*.log"))
        )

    # --- reading the shared database ----------------------------------------------------

    def one(self, sql: str, *params: Any) -> Any:
        """The first column of the first row of ``sql`` (``%s`` placeholders), read from
        the shared database through a connection of its own."""
        if self.db_file is not None:
            with contextlib.closing(sqlite3.connect(self.db_file, timeout=10)) as db:
                row = db.execute(sql.replace("%s", "?"), params).fetchone()
        else:
            from django.db import DEFAULT_DB_ALIAS, connections

            other = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with other.cursor() as cursor:
                    cursor.execute(sql, params)
                    row = cursor.fetchone()
            finally:
                other.close()
        return None if row is None else row[0]


class Browser:
    """A logged-in user over HTTP: one cookie jar for every server (cookies ignore ports)."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def login(self, base: str, username: str) -> None:
        """Log in through the login form of ``base`` (CSRF token and all)."""
        self.get(f"{base}/login/")
        response = self.post(
            f"{base}/login/", {"username": username, "password": PASSWORD}, follow=False
        )
        assert response.status_code == 302, response.text[:2000]

    def get(self, url: str, **headers: str) -> requests.Response:
        """GET ``url``."""
        return self.session.get(url, headers=headers, timeout=30, allow_redirects=False)

    def post(
        self,
        url: str,
        data: dict[str, Any] | None = None,
        *,
        files: dict[str, Any] | None = None,
        follow: bool = False,
    ) -> requests.Response:
        """POST a form with the CSRF token the server gave this browser."""
        token = self.session.cookies.get("csrftoken", "")
        return self.session.post(
            url,
            data={**(data or {}), "csrfmiddlewaretoken": token},
            files=files,
            timeout=60,
            allow_redirects=follow,
        )


@contextlib.contextmanager
def running_stack(data_dir: Path) -> Iterator[Stack]:
    """A :class:`Stack` whose processes stop when the block ends."""
    stack = Stack(data_dir)
    try:
        yield stack
    finally:
        stack.stop()
