"""The vision: written by owners and admins through the service, read by everyone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.problems import InputError
from practiceos.leadership.models import CoreValue, Vision
from practiceos.leadership.reads import core_values, vision_of
from practiceos.leadership.services import update_vision
from practiceos.org.snapshot import build_snapshot

VALUES = [
    {"name": "Patients first", "behaviour": "We call back the same day."},
    {"name": "Own it", "behaviour": "Whoever finds a problem sees it fixed."},
    {"name": "Get better", "behaviour": "We review one case a week together."},
]
DATA = {
    "three_year_picture": "Three sites, same-week appointments",
    "one_year_goals": ["Open Lakeside"],
    "core_values": VALUES,
    "core_focus": "Joint care close to home",
    "what_good_looks_like": "Every patient seen on time",
}


def test_owner_writes_vision_and_everyone_reads_core_values_in_order(personas):
    update_vision(actor=personas.owner, data=DATA)
    values = core_values(personas.acme)
    assert [v.name for v in values] == ["Patients first", "Own it", "Get better"]
    assert values[1].behaviour == "Whoever finds a problem sees it fixed."
    assert core_values(personas.other) == []
    assert vision_of(personas.acme).core_focus == "Joint care close to home"
    snap = build_snapshot(personas.acme)
    assert snap.vision.one_year_goals == ("Open Lakeside",)
    assert len(snap.vision.core_values) == 3
    # one record for the vision, one per value
    assert AuditRecord.objects.filter(practice=personas.acme).count() == 4


def test_rewording_a_value_keeps_its_id_and_dropping_one_deletes_it(personas):
    update_vision(actor=personas.owner, data=DATA)
    ids = {v.name: v.pk for v in core_values(personas.acme)}
    reworded = [
        {"name": "own it", "behaviour": "We finish what we start."},
        VALUES[0],
        VALUES[2],
        {"name": "Kindness", "behaviour": "We assume good intent."},
    ]
    update_vision(actor=personas.admin, data={**DATA, "core_values": reworded})
    after = core_values(personas.acme)
    assert [v.name for v in after] == ["own it", "Patients first", "Get better", "Kindness"]
    assert after[0].pk == ids["Own it"] and after[0].behaviour == "We finish what we start."
    update_vision(actor=personas.owner, data={**DATA, "core_values": VALUES})
    assert "Kindness" not in {v.name for v in core_values(personas.acme)}
    deleted = AuditRecord.objects.filter(object_type="leadership.corevalue", action="deleted")
    assert deleted.count() == 1


@pytest.mark.parametrize("who", ["manager", "member"])
def test_managers_and_members_may_not_write_the_vision(personas, who):
    with pytest.raises(PermissionDenied):
        update_vision(actor=personas.membership(who), data=DATA)
    assert not Vision.objects.exists() and not CoreValue.objects.exists()


def test_refused_vision_writes_nothing(personas):
    with pytest.raises(InputError):
        update_vision(actor=personas.owner, data={**DATA, "core_values": VALUES[:2]})
    assert not Vision.objects.exists() and not CoreValue.objects.exists()
    assert not AuditRecord.objects.exists()
