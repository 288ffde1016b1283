"""The crafted spreadsheets that took gigabytes: the server's memory while it reads them.

Each file is read by a fresh Python process through the server's own upload reader
(``roster.services.read_upload``, which the page and the API call), and that process's
peak resident memory (``VmHWM``: everything, including openpyxl's C parts) must stay
under 200 MB. The earlier reader took 2.6 GB for the 20,000-row file and ran out of memory
on the 200,000-row one. Pages answering the same files are tested too. Figures are
printed (``pytest -s``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from practiceos.roster.models import RosterImport
from tests.safety.test_bounded_input import crafted_xlsx

SRC = Path(__file__).resolve().parents[2] / "src"
LIMIT_KB = 200 * 1024

READER = """
import json, sys, django
django.setup()
from practiceos.core.problems import InputError
from practiceos.roster.services import read_upload
data = open(sys.argv[1], "rb").read()
try:
    outcome = {"rows": len(read_upload(data, "crafted.xlsx").rows)}
except InputError as exc:
    outcome = {"refused": str(exc)}
# VmHWM: this process's peak resident memory (ru_maxrss would include the parent's,
# which Linux carries across exec).
status = open("/proc/self/status").read().split("VmHWM:")[1]
outcome["peak_kb"] = int(status.split()[0])
print(json.dumps(outcome))
"""


def _read_in_a_fresh_process(tmp_path: Path, data: bytes) -> dict[str, object]:
    path = tmp_path / "crafted.xlsx"
    path.write_bytes(data)
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "practiceos.settings",
        "PRACTICEOS_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", READER, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_20000_people_reaching_column_xfd_are_read_under_200_mb(tmp_path):
    data = crafted_xlsx(20_000)
    outcome = _read_in_a_fresh_process(tmp_path, data)
    print(f"20,000 rows to XFD ({len(data):,} bytes): peak {outcome['peak_kb'] // 1024} MB")
    assert outcome.get("rows") == 20_000
    assert outcome["peak_kb"] < LIMIT_KB


def test_200000_rows_reaching_column_xfd_are_refused_under_200_mb(tmp_path):
    data = crafted_xlsx(200_000, people=False)
    outcome = _read_in_a_fresh_process(tmp_path, data)
    print(f"200,000 rows to XFD ({len(data):,} bytes): peak {outcome['peak_kb'] // 1024} MB")
    assert "has more than 200,000 rows" in str(outcome.get("refused"))
    assert outcome["peak_kb"] < LIMIT_KB


def test_the_upload_page_answers_the_crafted_files_plainly(login, personas):
    client = login("owner")
    refused = client.post(
        reverse("roster:upload"),
        {"file": SimpleUploadedFile("big.xlsx", crafted_xlsx(200_000, people=False))},
    )
    assert refused.status_code == 422
    assert b"has more than 200,000 rows; split the export" in refused.content
    assert not RosterImport.objects.exists()
    empty = client.post(
        reverse("roster:upload"),
        {"file": SimpleUploadedFile("far.xlsx", crafted_xlsx(20_000, people=False))},
    )
    # Only the far cell in each row: a preview with nothing to import, never a 500.
    assert empty.status_code == 302
    assert RosterImport.objects.get().summary["writes"] == 0
