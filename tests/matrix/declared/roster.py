"""Roster imports: upload, preview, confirm, problems; and their API."""

from django.core.files.uploadedfile import SimpleUploadedFile

from practiceos.tenancy.permissions import Action
from tests.matrix.declare import Rule, op, page

MANAGE = Action.MANAGE_PRACTICE


def _file(w):
    return {"file": SimpleUploadedFile("r.csv", b"Name,Job Title\nAda Ames,Receptionist\n")}


PAGES = [
    page("roster:upload", get=MANAGE, post=Rule(MANAGE, data=_file)),
    page("roster:detail", args=lambda w: {"pk": w.roster_import.pk}, get=MANAGE),
    page("roster:confirm", args=lambda w: {"pk": w.roster_import.pk}, get=None, post=MANAGE),
    page("roster:problems", args=lambda w: {"pk": w.roster_import.pk}, get=MANAGE),
    page("roster:undo", args=lambda w: {"pk": w.roster_import.pk}, get=None, post=MANAGE),
]

OPERATIONS = [
    op("POST /api/roster/imports", MANAGE, files=_file),
    op(
        "POST /api/roster/imports/{id}/confirm",
        MANAGE,
        params=lambda w: {"id": w.roster_import.pk},
    ),
    op("GET /api/roster/imports/{id}", MANAGE, params=lambda w: {"id": w.roster_import.pk}),
    op(
        "POST /api/roster/imports/{id}/undo",
        MANAGE,
        params=lambda w: {"id": w.roster_import.pk},
    ),
]
