"""Roster files move from ``DATA_DIR/imports/`` into the database (``RosterFile``).

Files still waiting for an import are copied in, and deleted from the disk as the last
step (a migration that fails before it leaves the disk as it was); a file the disk no
longer has leaves its import without one (as before: "upload it again").
"""

from pathlib import Path

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


COPIED: list[Path] = []


def copy_files_in(apps, schema_editor):
    RosterImport = apps.get_model("roster", "RosterImport")
    RosterFile = apps.get_model("roster", "RosterFile")
    folder = Path(settings.DATA_DIR) / "imports"
    for job in RosterImport.objects.exclude(file_path="").only("pk", "practice_id", "file_path"):
        path = folder / Path(job.file_path).name
        if path.is_file():
            RosterFile.objects.create(
                practice_id=job.practice_id, roster_import_id=job.pk, data=path.read_bytes()
            )
            COPIED.append(path)


def delete_copied(apps, schema_editor):
    # The roster is personal data: once in the database, its copy on the disk goes.
    for path in COPIED:
        path.unlink(missing_ok=True)


class Migration(migrations.Migration):
    dependencies = [
        ("roster", "0002_import_safety"),
        ("tenancy", "0006_distributable_keys"),
    ]

    operations = [
        migrations.CreateModel(
            name="RosterFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("data", models.BinaryField()),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="tenancy.practice",
                    ),
                ),
                (
                    "roster_import",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="roster.rosterimport",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("practice", "roster_import"), name="roster_file_one_per_import"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_files_in, migrations.RunPython.noop),
        migrations.RemoveField(model_name="rosterimport", name="file_path"),
        migrations.RunPython(delete_copied, migrations.RunPython.noop),
    ]
