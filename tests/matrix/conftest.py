"""The world the generated permission suite runs in: the standard cast and chart, plus
a second manager in another reporting chain, one object of every kind a URL can name,
and a bearer token per persona."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

#: Everyone the suite tries: no login; acme's member, manager (own chain), manager of
#: another chain, admin and owner; and the owner of practice "other".
PERSONAS = ("anonymous", "member", "manager", "manager_other", "admin", "owner", "outsider")
#: Each persona's role in acme (the outsider acts as owner of its own practice).
ROLES = {
    "member": "member",
    "manager": "manager",
    "manager_other": "manager",
    "admin": "admin",
    "owner": "owner",
    "outsider": "owner",
}


@dataclass
class World:
    """What the declarations' builders read: ``w.chart.tech_seat.pk``, ``w.run.pk``...

    The manager persona fills ``chart.manager_seat`` (its chain: ``chart.tech_seat``);
    ``manager_other`` fills ``front_seat``, a chain of its own under the owner.
    """

    personas: Any
    chart: Any
    users: dict[str, Any]
    tokens: dict[str, str]
    run: Any
    roster_import: Any
    invitation: Any
    invitation_secret: str
    member_token: Any
    front_seat: Any
    #: Objects the declarations' builders make once per world (see ``cached``).
    cache: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, build: Any) -> Any:
        """``build()`` once per world: the first call runs before the personas' savepoints
        (``test_permission_matrix`` calls the builders once first), so all see the object."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


@pytest.fixture
def world(personas: Any, chart: Any, settings: Any, tmp_path: Any) -> World:
    """Build the world once per test; each persona's request runs in a savepoint."""
    from django.contrib.auth.models import User

    from practiceos.health.services import run_health_check
    from practiceos.org.models import Assignment, Person, Role, Seat
    from practiceos.roster.models import ImportStatus, RosterImport
    from practiceos.tenancy.models import ApiToken, Membership
    from practiceos.tenancy.services import create_token, invite_member

    settings.ROSTER_IMPORT_SYNC = True
    settings.DATA_DIR = tmp_path
    acme = personas.acme
    # The manager persona fills the practice-manager seat (its chain: the technologist);
    # the second manager runs front office, a chain of its own under the owner.
    mona = Person.objects.create(practice=acme, name="Mona Manager", user=personas.manager.user)
    Assignment.objects.create(practice=acme, person=mona, seat=chart.manager_seat, fte=1)
    front_role = Role.objects.create(practice=acme, title="Front Office Manager", kind="management")
    front = Seat.objects.create(
        practice=acme,
        name="Front Office Manager",
        kind="management",
        role=front_role,
        location=chart.downtown,
        reports_to=chart.owner_seat,
    )
    other_user = User.objects.create_user("manager_other", password="x")
    other_membership = Membership.objects.create(practice=acme, user=other_user, role="manager")
    fiona = Person.objects.create(practice=acme, name="Fiona Front", user=other_user)
    Assignment.objects.create(practice=acme, person=fiona, seat=front, fte=1)

    members = {name: personas.membership(name) for name in ROLES if name != "manager_other"}
    members["manager_other"] = other_membership
    tokens = {}
    for name, membership in members.items():
        token, secret = create_token(actor=membership, name=f"{name} matrix token")
        # Used just now: the first request does not also touch the token.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        tokens[name] = secret
    member_token = ApiToken.objects.get(membership=personas.member)
    run = run_health_check(personas.owner, acme)
    # The other practice has a report too, so its owner's reads answer 200 there.
    run_health_check(personas.outsider, personas.other)
    roster_import = RosterImport.objects.create(
        practice=acme,
        uploaded_by=personas.owner.user,
        filename="done.csv",
        status=ImportStatus.DONE,
    )
    invitation, secret = invite_member(actor=personas.owner, username="newcomer", role="member")
    return World(
        personas=personas,
        chart=chart,
        users={name: m.user for name, m in members.items()},
        tokens=tokens,
        run=run,
        roster_import=roster_import,
        invitation=invitation,
        invitation_secret=secret,
        member_token=member_token,
        front_seat=front,
    )
