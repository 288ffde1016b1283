"""The project boots: login page, redirects, and the command-line entry point."""

from __future__ import annotations

import pytest

from practiceos.cli import main


def test_login_page_renders(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_anonymous_chart_redirects_to_login(client, db):
    response = client.get("/org/chart/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_cli_runs_django_commands(capsys):
    assert main(["help", "load"]) == 0
    assert "org file" in capsys.readouterr().out


@pytest.mark.django_db
def test_home_without_practice_explains_what_to_do(client):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("lonely"))
    response = client.get("/")
    assert "belong to a practice yet" in response.content.decode()


def test_installed_script_flushes_everything_and_keeps_the_exit_code(tmp_path):
    # The script ends with os._exit after its command: every byte printed must still
    # arrive, and the command's exit code must be the process's.
    import json
    import os
    import subprocess
    import sys

    # Buffered output, as for most users (this machine's environment may turn it off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "practiceos.cli", *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    from practiceos.core.demo import generate_demo
    from practiceos.core.orgfile import dump_org

    path = tmp_path / "org.yaml"
    path.write_text(dump_org(generate_demo(1500, seed=3)), encoding="utf-8")
    runs = [
        cli("check", str(path), "--format", "json", "--fail-on", fail_on)
        for fail_on in ("never", "low")
    ]
    for done in runs:
        assert len(done.stdout) > 8192, done.stderr
        assert json.loads(done.stdout)["findings"], done.stderr
    assert [done.returncode for done in runs] == [0, 1]
    died = cli("check", str(tmp_path / "none.yaml"))
    assert died.returncode == 2 and "none.yaml" in died.stderr
    django_command = cli("help", "load")
    # Its help is shorter than the buffer: without the flush before os._exit it is lost.
    assert django_command.returncode == 0 and "org file" in django_command.stdout
