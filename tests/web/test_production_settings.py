"""Safe production settings: the secret key, `system-check --deploy`, the security headers.

Settings are read once per process, so the start-up cases run the real `practiceos`
command in a subprocess with a clean environment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")
PRACTICEOS = str(Path(sys.executable).with_name("practiceos"))

#: The production settings the README documents (behind a TLS proxy).
PRODUCTION = {
    "PRACTICEOS_SECRET_KEY": "k" * 20 + "-x9Q2mVb7Lr4Tz8Wc1Ny6Hs3Kd5Fg0Jp",
    "PRACTICEOS_ALLOWED_HOSTS": "practice.example.com",
    "PRACTICEOS_CSRF_TRUSTED_ORIGINS": "https://practice.example.com",
    "PRACTICEOS_SECURE_COOKIES": "1",
    "PRACTICEOS_BEHIND_TLS_PROXY": "1",
    "PRACTICEOS_SSL_REDIRECT": "1",
    "PRACTICEOS_HSTS_SECONDS": "31536000",
    "PRACTICEOS_HSTS_PRELOAD": "1",
}


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": SRC, "PRACTICEOS_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [PRACTICEOS, *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_documented_production_settings_pass_the_deploy_check(tmp_path):
    done = _run(tmp_path, "system-check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize("key", ["short", "practiceos-dev-key-change-me-in-production"])
def test_debug_off_refuses_a_short_or_known_secret_key(tmp_path, key):
    done = _run(tmp_path, "system-check", PRACTICEOS_SECRET_KEY=key)
    assert done.returncode == 2
    assert "refusing to start" in done.stderr and "at least 50 random characters" in done.stderr
    assert "Traceback" not in done.stderr


def test_embedded_default_generates_a_private_key_once_and_keeps_it(tmp_path):
    assert _run(tmp_path, "system-check").returncode == 0
    key_file = tmp_path / "secret-key"
    first = key_file.read_text()
    assert len(first) >= 50 and (key_file.stat().st_mode & 0o077) == 0
    assert _run(tmp_path, "system-check").returncode == 0
    assert key_file.read_text() == first


def test_processes_starting_together_on_an_empty_data_directory_share_one_key(tmp_path):
    # A web server's workers or two commands may all be the first to start: none may fail
    # on the key another is writing, read it half-written, or keep a key of its own.
    show_key = "from django.conf import settings; print(settings.SECRET_KEY)"
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": SRC, "PRACTICEOS_DATA_DIR": str(tmp_path)}
    starts = [
        subprocess.Popen(
            [PRACTICEOS, "shell", "-c", show_key],
            env=base,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    keys = set()
    for start in starts:
        stdout, stderr = start.communicate(timeout=120)
        assert start.returncode == 0, stderr
        keys.add(stdout.strip().splitlines()[-1])
    assert keys == {(tmp_path / "secret-key").read_text().strip()}
    assert [p.name for p in tmp_path.iterdir() if "secret" in p.name] == ["secret-key"]


def test_threads_creating_the_key_at_once_all_read_the_one_kept(tmp_path):
    import threading

    from practiceos.settings import secret_key

    for round_ in range(20):
        data_dir = tmp_path / str(round_)
        data_dir.mkdir()
        barrier = threading.Barrier(8)
        keys: list[str] = []
        errors: list[BaseException] = []

        def start(data_dir=data_dir, barrier=barrier, keys=keys, errors=errors):
            barrier.wait()
            try:
                keys.append(secret_key(data_dir, debug=False))
            except BaseException as exc:  # reported by the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=start) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert set(keys) == {(data_dir / "secret-key").read_text().strip()}
        assert len(keys) == 8 and len(keys[0]) >= 50
        assert ((data_dir / "secret-key").stat().st_mode & 0o077) == 0
        assert sorted(p.name for p in data_dir.iterdir()) == ["secret-key"]


def test_a_file_system_without_hard_links_still_gets_one_private_key(tmp_path, monkeypatch):
    # Some mounted volumes refuse link(); the key is then claimed with an exclusive create.
    import os

    from practiceos.settings import secret_key

    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    first = secret_key(tmp_path, debug=False)
    assert first == (tmp_path / "secret-key").read_text().strip() and len(first) >= 50
    assert ((tmp_path / "secret-key").stat().st_mode & 0o077) == 0
    assert secret_key(tmp_path, debug=False) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret-key"]


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, personas):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert '"allowEval":false' in response.content.decode()


def test_no_template_has_an_inline_script_or_event_handler():
    import re

    root = Path(SRC) / "practiceos"
    offenders = []
    for path in root.rglob("templates/**/*.html"):
        text = path.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text):
            offenders.append(f"{path.relative_to(root)}: {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=", text):
            offenders.append(f"{path.relative_to(root)}: {match.group(0).strip()}")
        for _match in re.finditer(r"\sstyle\s*=", text):
            offenders.append(f"{path.relative_to(root)}: inline style attribute")
    assert not offenders, "move these to static files:\n" + "\n".join(offenders)


def test_sessions_end_after_inactivity_and_passwords_are_validated(settings):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    for weak in ("password1234", "123456789012", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a long enough passphrase 7")


def test_every_practiceos_setting_is_in_the_readme():
    import re

    settings_text = (Path(SRC) / "practiceos" / "settings.py").read_text()
    readme = (Path(SRC).parent / "README.md").read_text()
    names = sorted(set(re.findall(r'"(PRACTICEOS_[A-Z_]+)"', settings_text)) | {"DATABASE_URL"})
    missing = [name for name in names if f"`{name}`" not in readme]
    assert not missing, f"README's settings table lacks {missing}"


def test_a_session_idle_for_longer_than_the_limit_is_logged_out(client, personas, settings):
    import time

    from practiceos.web.middleware import SEEN_KEY

    client.force_login(personas.member.user)
    assert client.get("/account/members/").status_code == 200
    session = client.session
    assert isinstance(session[SEEN_KEY], int)
    session[SEEN_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    response = client.get("/account/members/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
