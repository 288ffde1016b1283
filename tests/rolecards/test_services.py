"""Role-card services: versions with who and when, audit records, the library, bad input
refused with the field, the value and what is accepted, and nothing half-saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from practiceos.audit.models import AuditRecord
from practiceos.core.model import Level
from practiceos.core.problems import InputError
from practiceos.core.rolecards import ManagementFocus, expectations_at
from practiceos.org.models import Role
from practiceos.rolecards import services
from practiceos.rolecards.models import RoleVersion

GOOD_ROW = {
    "measurable": "Cases per week",
    "unit": "count",
    "direction": "at_least",
    "targets": {"junior": 8, "senior": 12, "lead": 14},
}


def _state(role: Role) -> tuple[object, ...]:
    role.refresh_from_db()
    return (
        role.card(),
        RoleVersion.objects.filter(role=role).count(),
        AuditRecord.objects.filter(object_id=str(role.pk), object_type="org.role").count(),
    )


def test_edit_keeps_the_first_state_then_one_version_per_change(chart, personas):
    role = chart.surgeon_role
    services.update_card(
        actor=personas.owner, role=role, changes={"purpose": "Operates on joints."}
    )
    services.update_card(actor=personas.admin, role=role, changes={"expectations": [GOOD_ROW]})
    versions = list(RoleVersion.objects.filter(role=role).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[0].actor is None and "purpose" not in versions[0].card
    assert versions[1].actor == personas.owner.user and versions[1].card["purpose"]
    assert versions[2].actor == personas.admin.user
    assert AuditRecord.objects.filter(object_type="org.role", object_id=str(role.pk)).count() == 2
    role.refresh_from_db()
    senior = expectations_at(role.card().expectations, Level.SENIOR)
    assert [(e.measurable, e.target) for e in senior] == [("Cases per week", 12)]


def test_saving_the_same_card_writes_no_version(chart, personas):
    role = chart.surgeon_role
    services.update_card(actor=personas.owner, role=role, changes={"purpose": "Operates."})
    before = _state(role)
    services.update_card(actor=personas.owner, role=role, changes={"purpose": "Operates."})
    assert _state(role) == before


@pytest.mark.parametrize(
    ("changes", "where", "words"),
    [
        (
            {"expectations": [{**GOOD_ROW, "targets": {"junior": "eight"}}]},
            "expectations[0].targets.junior",
            "'eight' is not a number",
        ),
        (
            {"expectations": [{**GOOD_ROW, "unit": "yes_no", "direction": "at_most"}]},
            "expectations[0].direction",
            '"at_most" does not fit the unit "yes_no"; use "at_least"',
        ),
        (
            {"expectations": [{**GOOD_ROW, "targets": {"principal": 3}}]},
            "expectations[0].targets",
            '\'principal\' is not a level; use one of "junior", "senior", "lead"',
        ),
        ({"management_focus": "money"}, "management_focus", "'money' is not a management focus"),
        ({"colour": "blue"}, "colour", 'unknown card part "colour"'),
        ({"purpose": "x" * 401}, "purpose", "at most 400"),
        ({"schedule": {"clinic": 20}}, "schedule.clinic", "20 is out of range"),
    ],
)
def test_bad_input_names_field_value_and_nothing_is_written(chart, personas, changes, where, words):
    role = chart.surgeon_role
    before = _state(role)
    with pytest.raises(InputError) as err:
        services.update_card(actor=personas.owner, role=role, changes=changes)
    problems = {p.where: p.message for p in err.value.problems}
    assert where in problems, problems
    assert words in problems[where]
    assert _state(role) == before


@pytest.mark.parametrize("persona", ["manager", "member"])
def test_only_owners_and_admins_edit_cards(chart, personas, persona):
    role = chart.surgeon_role
    before = _state(role)
    with pytest.raises(PermissionDenied):
        services.update_card(
            actor=personas.membership(persona), role=role, changes={"purpose": "x"}
        )
    with pytest.raises(PermissionDenied):
        services.adopt_library_card(
            actor=personas.membership(persona), role=role, template="Orthopedic Surgeon"
        )
    assert _state(role) == before


def test_adopting_a_library_card_fills_it_and_keeps_the_practice_title(chart, personas):
    role = services.adopt_library_card(
        actor=personas.owner, role=chart.surgeon_role, template="Orthopedic Surgeon"
    )
    card = role.card()
    assert card.title == "Orthopedic Surgeon" and card.template == "Orthopedic Surgeon"
    assert card.is_complete()
    assert role.library_card["title"] == "Orthopedic Surgeon"
    assert services.library_changes(role) is None


def test_a_later_library_change_is_offered_never_written(chart, personas):
    role = services.adopt_library_card(
        actor=personas.owner, role=chart.tech_role, template="Surgical Technologist"
    )
    services.update_card(actor=personas.owner, role=role, changes={"purpose": "Our words."})
    # As if the library had said something else when the practice adopted it.
    Role.objects.filter(pk=role.pk).update(
        library_card={**role.library_card, "purpose": "An older library sentence."}
    )
    role.refresh_from_db()
    then, now = services.library_changes(role)
    assert then.purpose == "An older library sentence." and now.purpose != then.purpose
    assert role.card().purpose == "Our words."


def test_partial_adoption_and_unknown_parts(chart, personas):
    role = chart.manager_role
    services.adopt_library_card(
        actor=personas.owner, role=role, template="Medical Director", parts=["management_focus"]
    )
    role.refresh_from_db()
    assert role.card().management_focus is ManagementFocus.PATIENT_OUTCOMES
    assert role.card().purpose == ""
    with pytest.raises(InputError) as err:
        services.adopt_library_card(
            actor=personas.owner, role=role, template="Medical Director", parts=["title"]
        )
    assert err.value.problems[0].where == "parts"
    with pytest.raises(InputError) as err:
        services.adopt_library_card(actor=personas.owner, role=role, template="Astronaut")
    assert "'Astronaut' is not a role-library card" in err.value.problems[0].message


def test_create_role_from_library_under_the_practice_title(chart, personas):
    role = services.create_role_from_library(
        actor=personas.owner, template="Medical Biller", title="Billing Specialist"
    )
    assert role.title == "Billing Specialist" and role.template == "Medical Biller"
    assert role.card().is_complete()
    assert RoleVersion.objects.get(role=role).number == 1
    with pytest.raises(InputError) as err:
        services.create_role_from_library(
            actor=personas.owner, template="Medical Biller", title="billing specialist"
        )
    assert "already exists" in err.value.problems[0].message
    assert (
        Role.objects.filter(practice=personas.acme, title__iexact="billing specialist").count() == 1
    )
