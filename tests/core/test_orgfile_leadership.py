"""The org file's vision and decision areas: read, refused with path and line, round trip."""

from __future__ import annotations

import pytest

from practiceos.core.leadership import AreaOverride
from practiceos.core.orgfile import dump_org, parse_org
from practiceos.core.problems import InputError

BASE = """practice:
  name: Lakeside Dental
  slug: lakeside
locations:
  - name: East
  - name: West
seats:
  - name: East Manager
    kind: management
    location: East
    reports_to: Owner
  - name: Owner
    kind: leadership
    location: East
  - name: West Manager
    kind: management
    location: West
    reports_to: Owner
"""


def parse(extra: str, *, strict: bool = True):
    return parse_org(BASE + extra, strict=strict)


def problems(extra: str) -> dict[str, tuple[str, int | None]]:
    with pytest.raises(InputError) as err:
        parse(extra)
    return {p.where: (p.message, p.line) for p in err.value.problems}


def test_vision_and_areas_are_read_and_written_back_identically():
    text = (
        BASE.replace(
            "locations:",
            "vision:\n  three_year_picture: Two clinics\n  one_year_goals:\n    - Open West\n"
            "  core_values:\n    - name: Care\n      behaviour: We call back.\n"
            "    - name: Own\n      behaviour: We finish.\n    - name: Learn\n      behaviour: We review.\n"
            "  what_good_looks_like: On time\nlocations:",
        )
        + "decision_areas:\n  - name: Time off\n    key: time-off\n    kind: management\n"
        "    decider: East Manager\n    informed:\n      - Owner\n    overrides:\n"
        "      - location: West\n        seat: West Manager\n    keywords:\n      - holiday\n"
    )
    snap = parse_org(text)
    assert [v.name for v in snap.vision.core_values] == ["Care", "Own", "Learn"]
    (area,) = snap.decision_areas
    assert area.decider_seat_id == "East Manager" and area.informed == ("Owner",)
    assert area.overrides == (AreaOverride("West", "West Manager"),)
    assert dump_org(snap) == text


def test_two_deciders_are_refused_naming_both_seats_with_the_line():
    found = problems(
        "decision_areas:\n  - name: Time off\n    decider:\n      - East Manager\n      - West Manager\n"
    )
    message, line = found["decision_areas[0].decider"]
    assert '("East Manager" and "West Manager"); exactly one seat decides' in message
    assert line == 22  # the list's first item


def test_same_area_twice_with_two_deciders_is_refused_naming_both():
    found = problems(
        "decision_areas:\n  - name: Time off\n    decider: East Manager\n"
        "  - name: time off\n    decider: West Manager\n"
    )
    message, _ = found["decision_areas[1].name"]
    assert 'deciders "East Manager" and "West Manager"' in message


def test_override_seat_at_another_location_is_refused_naming_the_location():
    found = problems(
        "decision_areas:\n  - name: Time off\n    decider: East Manager\n    overrides:\n"
        "      - location: West\n        seat: East Manager\n"
    )
    message, line = found["decision_areas[0].overrides[0].seat"]
    assert 'location "West" has no seat "East Manager"' in message and line == 24


def test_vision_problems_carry_their_path():
    found = problems("vision:\n  core_values:\n    - name: Care\n      behaviour: We call back.\n")
    assert "has 1 value" in found["vision.core_values"][0]


def test_unknown_decider_is_refused_strictly_and_kept_for_the_check_leniently():
    extra = "decision_areas:\n  - name: Time off\n    decider: Nobody Seat\n"
    assert 'no seat named "Nobody Seat"' in problems(extra)["decision_areas[0].decider"][0]
    snap = parse(extra, strict=False)
    assert snap.decision_areas[0].decider_seat_id == "Nobody Seat"
