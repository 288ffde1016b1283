"""The role library: data files read through one schema, complete cards, clear errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from practiceos.core.model import Level, SeatKind
from practiceos.core.problems import InputError
from practiceos.core.role_templates import ROLE_TEMPLATES, template_for
from practiceos.core.rolecards import expectations_at
from practiceos.core.rolelibrary import LIBRARY_DIR, library, load_library

FIELDS = {
    "medical": "Medical practice, nursing and clinical support",
    "surgical": "Surgery",
    "dental": "Dentistry",
    "physical_therapy": "Physical, occupational and speech therapy",
    "veterinary": "Veterinary practice",
    "imaging": "Imaging",
    "behavioural_health": "Behavioural health",
    "front_office": "Front office",
    "revenue_cycle": "Revenue cycle",
    "operations": "Practice operations and administration",
    "leadership": "Leadership and general management",
}


def test_library_has_sixty_complete_cards_across_every_field() -> None:
    lib = library()
    assert sorted(p.stem for p in LIBRARY_DIR.glob("*.yaml")) == sorted(FIELDS)
    complete = [card for card in lib.cards.values() if card.is_complete()]
    assert len(complete) >= 60
    assert set(lib.fields.values()) == set(FIELDS.values())
    providers = [c for c in complete if c.kind is SeatKind.PROVIDER]
    assert providers and all(c.schedule and c.schedule.turnaround for c in providers)
    leads = [c for c in complete if c.provider_lead]
    assert leads and all(c.management_focus is not None for c in leads)


def test_department_families_give_three_cards_and_keep_director_names() -> None:
    lib = library()
    for title in ("Hygiene Supervisor", "Hygiene Manager", "Director of Hygiene"):
        card = lib.cards[title]
        assert card.provider_lead and card.management_focus is not None
    assert "Director of Rehabilitation" in lib.cards
    assert "Director of Rehab" not in lib.cards
    assert lib.cards["Billing Manager"].purpose.startswith("Manages claims")


def test_templates_keep_their_historical_names() -> None:
    assert template_for("  registered   NURSE ") is ROLE_TEMPLATES["Registered Nurse"]
    dentist = ROLE_TEMPLATES["Dentist"]
    senior = expectations_at(dentist.expectations, Level.SENIOR)
    assert senior and all(e.level is Level.SENIOR for e in senior)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def test_a_bad_field_names_the_file_path_value_and_what_is_accepted(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "dental.yaml",
        """\
        field: Dentistry
        roles:
          - title: Dentist
            kind: provider
            purpose: Treats teeth.
            colour: blue
            expectations:
              - measurable: Production per day
                unit: dollars
                direction: upwards
                targets: {junior: 1000, senior: lots, lead: 3000}
        """,
    )
    with pytest.raises(InputError) as err:
        load_library(tmp_path)
    text = "\n".join(str(p) for p in err.value.problems)
    assert 'dental.yaml: roles[0].colour: unknown key "colour"' in text
    assert "dental.yaml: roles[0].expectations[0].direction: 'upwards' is not a direction" in text


def test_an_incomplete_card_is_refused_with_what_it_lacks(tmp_path: Path) -> None:
    _write(tmp_path, "x.yaml", "field: X\nroles:\n  - {title: Doctor, kind: provider}\n")
    with pytest.raises(InputError) as err:
        load_library(tmp_path)
    [problem] = err.value.problems
    assert problem.where == "x.yaml: roles[0]"
    assert "lacks a purpose" in problem.message and "a schedule and case mix" in problem.message


def test_duplicate_titles_and_broken_yaml_are_reported(tmp_path: Path) -> None:
    card = (LIBRARY_DIR / "veterinary.yaml").read_text(encoding="utf-8")
    _write(tmp_path, "a.yaml", card)
    _write(tmp_path, "b.yaml", card.replace("field: Veterinary practice", "field: Again"))
    _write(tmp_path, "c.yaml", "field: [unclosed\n")
    with pytest.raises(InputError) as err:
        load_library(tmp_path)
    text = "\n".join(str(p) for p in err.value.problems)
    assert 'b.yaml: roles[0].title: "Veterinarian" is already defined at a.yaml: roles[0]' in text
    assert "c.yaml: is not valid YAML" in text
