"""The org file: parsing with every problem at once, deterministic export, round trips."""

from __future__ import annotations

import datetime as dt
import random
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.core.health import registered_rules
from practiceos.core.health.policy import policy_items, settings_help
from practiceos.core.model import (
    Assignment,
    Level,
    Location,
    Person,
    PracticeInfo,
    Role,
    Seat,
    SeatKind,
    Snapshot,
    Team,
)
from practiceos.core.orgfile import dump_org, make_slug, parse_org, slug_problem
from practiceos.core.problems import InputError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "org"
SMALL = (DATA / "small.yaml").read_text(encoding="utf-8")
RIVERSIDE = (DATA / "riverside.yaml").read_text(encoding="utf-8")
DOCS = (ROOT / "docs" / "org-file.md").read_text(encoding="utf-8")

HEAD = "practice:\n  name: P\n  slug: p\n"


def problems(text: str, *, strict: bool = True) -> list[tuple[str, str, int | None]]:
    """The problems parse_org reports for ``text`` as (where, message, line)."""
    with pytest.raises(InputError) as caught:
        parse_org(text, strict=strict)
    return [(p.where, p.message, p.line) for p in caught.value.problems]


def doc(body: str) -> str:
    """A file with a valid practice header followed by ``body`` (dedented)."""
    return HEAD + textwrap.dedent(body)


# --------------------------------------------------------------------------------------
# samples and docs


def test_small_sample_is_in_canonical_form() -> None:
    assert dump_org(parse_org(SMALL)) == SMALL


def test_riverside_sample_is_canonical_and_realistic() -> None:
    snap = parse_org(RIVERSIDE)
    assert dump_org(snap) == RIVERSIDE
    assert len(snap.locations) == 2
    assert 24 <= len(snap.seats) <= 30
    kinds = {seat.kind for seat in snap.seats}
    assert kinds == set(SeatKind)
    scrub = snap.seats_by_id["Scrub Tech - Theatre 1"]
    assert scrub.kind is SeatKind.SUPPORT
    assert scrub.reports_to == "Support Services Manager"
    assert scrub.serves == ("Surgeon - Joint Replacement", "Surgeon - Sports Medicine")
    # The owner also operates: two current assignments that add up to one FTE.
    owner_seats = snap.seats_of["1001"]
    assert {a.seat_id for a in owner_seats} == {"Owner", "Surgeon - Spine"}
    assert sum(a.fte for a in owner_seats) == pytest.approx(1.0)
    # Every seat with a manager names a seat that exists, and nobody is past the top.
    assert all(snap.manager_of(s) is not None for s in snap.seats if s.reports_to)


def test_docs_example_is_the_small_sample() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS, flags=re.S)
    assert blocks[0] == SMALL


def test_docs_policy_example_reads_and_exports_as_written() -> None:
    example = re.findall(r"```yaml\n(.*?)```", DOCS, flags=re.S)[1]
    snap = parse_org(example)
    assert snap.practice.policy == (
        ("disabled_rules", ("span-too-narrow",)),
        ("max_span", 12),
        ("owner_max_reports", 3),
    )
    assert dump_org(snap) == example


def test_docs_error_example_is_what_the_parser_says() -> None:
    bad = re.findall(r"```yaml\n(.*?)```", DOCS, flags=re.S)[2]
    expected = re.findall(r"```text\n(.*?)```", DOCS, flags=re.S)[0]
    with pytest.raises(InputError) as caught:
        parse_org(bad)
    assert str(caught.value) + "\n" == expected


def test_docs_cycle_example_is_what_the_parser_says() -> None:
    expected = re.findall(r"```text\n(.*?)```", DOCS, flags=re.S)[1].strip()
    text = doc(
        """\
        seats:
          - name: Owner
            kind: leadership
          - name: Front Desk
            kind: administrative
            reports_to: Office Lead
          - name: Billing
            kind: administrative
            reports_to: Office Lead
          - name: Practice Administrator
            kind: management
            reports_to: Office Lead
          - name: Office Lead
            kind: management
            reports_to: Practice Administrator
        """
    )
    got = problems(text)
    assert [f"{w}: {m} (line {line})" for w, m, line in got] == [expected]


def test_small_sample_reads_into_the_expected_snapshot() -> None:
    snap = parse_org(SMALL)
    assert snap.practice == PracticeInfo(name="Lakeview Orthopedics", slug="lakeview-ortho")
    scrub = snap.seats_by_id["Scrub Tech"]
    assert scrub == Seat(
        id="Scrub Tech",
        name="Scrub Tech",
        kind=SeatKind.SUPPORT,
        role_id="Scrub Technician",
        location_id="Lakeview Main",
        team_id="Clinical Support",
        reports_to="Support Services Manager",
        serves=("Surgeon - Knee", "Surgeon - Spine"),
    )
    assert snap.roles_by_id["Medical Director"].provider_lead is True
    assert snap.teams_by_id["Providers"].manager_seat_id == "Medical Director"
    owner = snap.seats_by_id["Owner"]
    assert owner.reports_to is None and owner.kind is SeatKind.LEADERSHIP
    alan = snap.people_by_id["E1001"]
    assert alan.preferred_name == "Alan"
    got = [a for a in snap.assignments if a.person_id == "E1001"]
    assert [(a.id, a.seat_id, a.fte, a.level) for a in got] == [
        ("a-2", "Owner", 0.2, Level.LEAD),
        ("a-3", "Surgeon - Knee", 0.8, Level.LEAD),
    ]
    dana = next(a for a in snap.assignments if a.person_id == "E1002")
    assert (dana.start, dana.end, dana.fte, dana.level, dana.accountable) == (
        dt.date(2022, 3, 1),
        None,
        1.0,
        Level.SENIOR,
        True,
    )
    assert snap.accountable_person(snap.seats_by_id["Surgeon - Spine"]) is None


# --------------------------------------------------------------------------------------
# ids


def test_people_ids_prefer_employee_id_then_email_then_position() -> None:
    snap = parse_org(
        doc(
            """\
            people:
              - name: With Id
                email: a@x.org
                employee_id: "0042"
              - name: With Email
                email: b@x.org
              - name: Nothing
            """
        )
    )
    assert [p.id for p in snap.people] == ["0042", "b@x.org", "person-3"]


def test_people_ids_stay_unique_when_an_email_or_position_collides() -> None:
    snap = parse_org(
        doc(
            """\
            people:
              - name: A
                employee_id: c@x.org
              - name: B
                employee_id: person-4
              - name: C
                email: c@x.org
              - name: D
            """
        )
    )
    ids = [p.id for p in snap.people]
    assert ids[:2] == ["c@x.org", "person-4"]
    assert len(set(ids)) == 4
    assert ids[2] == "person-3" and ids[3] == "person-4-2"


def test_assignment_ids_number_in_file_order() -> None:
    snap = parse_org(RIVERSIDE)
    assert [a.id for a in snap.assignments] == [f"a-{n}" for n in range(1, 29)]


def test_employee_ids_keep_their_text_even_unquoted() -> None:
    snap = parse_org(doc("people:\n  - name: A\n    employee_id: 0012\n"))
    assert snap.people[0].employee_id == "0012"


# --------------------------------------------------------------------------------------
# export


def db_snapshot() -> Snapshot:
    """A snapshot as the database builds it: primary keys, overlapping across tables."""
    return Snapshot(
        practice=PracticeInfo(name="Acme Dental", slug="acme-dental"),
        locations=(
            Location(id="2", name="Uptown"),
            Location(id="1", name="Downtown", address="1 Main St"),
        ),
        teams=(Team(id="1", name="Hygiene", manager_seat_id="3", goal="Recall rate 80%"),),
        roles=(
            Role(id="2", title="Dentist", kind=SeatKind.PROVIDER),
            Role(
                id="1",
                title="Office Manager",
                kind=SeatKind.MANAGEMENT,
                responsibilities=("Payroll", ""),
            ),
        ),
        seats=(
            Seat(
                id="3",
                name="Office Manager",
                kind=SeatKind.MANAGEMENT,
                role_id="1",
                location_id="1",
            ),
            Seat(
                id="1",
                name="Dentist A",
                kind=SeatKind.PROVIDER,
                role_id="2",
                location_id="2",
                reports_to="3",
            ),
            Seat(
                id="2",
                name="Assistant",
                kind=SeatKind.SUPPORT,
                team_id="1",
                reports_to="3",
                serves=("1",),
            ),
            Seat(
                id="4", name="Lead Dentist", kind=SeatKind.MANAGEMENT, role_id="2", reports_to="99"
            ),
        ),
        people=(
            Person(id="7", name="Zoe", email="zoe@acme.example"),
            Person(id="5", name="Ann", employee_id="E5"),
        ),
        assignments=(
            Assignment(id="12", person_id="5", seat_id="1", start=dt.date(2020, 1, 1), fte=0.5),
            Assignment(
                id="11",
                person_id="5",
                seat_id="3",
                start=dt.date(2019, 1, 1),
                end=dt.date(2020, 1, 1),
                level=Level.LEAD,
                accountable=False,
            ),
            Assignment(id="13", person_id="7", seat_id="2"),
            Assignment(id="14", person_id="404", seat_id="2"),
        ),
    )


DB_EXPORT = """\
practice:
  name: Acme Dental
  slug: acme-dental
locations:
  - name: Downtown
    address: 1 Main St
  - name: Uptown
teams:
  - name: Hygiene
    manager: Office Manager
    goal: Recall rate 80%
roles:
  - title: Dentist
    kind: provider
  - title: Office Manager
    kind: management
    responsibilities:
      - Payroll
seats:
  - name: Assistant
    kind: support
    team: Hygiene
    reports_to: Office Manager
    serves:
      - Dentist A
  - name: Dentist A
    role: Dentist
    location: Uptown
    reports_to: Office Manager
  - name: Lead Dentist
    role: Dentist
    kind: management
    reports_to: '99'
  - name: Office Manager
    role: Office Manager
    location: Downtown
people:
  - name: Ann
    employee_id: E5
    seats:
      - seat: Office Manager
        start: 2019-01-01
        end: 2020-01-01
        level: lead
        accountable: false
      - seat: Dentist A
        start: 2020-01-01
        fte: 0.5
  - name: Zoe
    email: zoe@acme.example
    seats:
      - seat: Assistant
"""


def test_dump_writes_database_ids_as_names_sorted_and_without_defaults() -> None:
    assert dump_org(db_snapshot()) == DB_EXPORT


def test_dump_of_a_database_snapshot_round_trips_in_lenient_mode() -> None:
    # "99" is a dangling manager id: written as-is, kept by the lenient reader.
    text = dump_org(db_snapshot())
    assert dump_org(parse_org(text, strict=False)) == text
    assert problems(text) == [("seats[2].reports_to", 'no seat named "99"', 33)]


def test_dump_does_not_depend_on_the_order_of_the_snapshot() -> None:
    snap = parse_org(RIVERSIDE)
    rng = random.Random(7)

    def shuffled(items: tuple[object, ...]) -> tuple[object, ...]:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    other = Snapshot(
        practice=snap.practice,
        locations=shuffled(snap.locations),  # type: ignore[arg-type]
        teams=shuffled(snap.teams),  # type: ignore[arg-type]
        roles=shuffled(snap.roles),  # type: ignore[arg-type]
        seats=tuple(
            Seat(
                **{
                    **{f: getattr(s, f) for f in Seat.__slots__},
                    "serves": tuple(reversed(s.serves)),
                }
            )
            for s in shuffled(snap.seats)  # type: ignore[attr-defined]
        ),
        people=shuffled(snap.people),  # type: ignore[arg-type]
        assignments=shuffled(snap.assignments),  # type: ignore[arg-type]
        vision=snap.vision,
        decision_areas=shuffled(snap.decision_areas),  # type: ignore[arg-type]
    )
    assert dump_org(other) == RIVERSIDE


TRICKY = [
    "yes",
    "no",
    "No",
    "on",
    "off",
    "null",
    "Null",
    "~",
    "true",
    "1.0",
    "1e3",
    "0012",
    "0x1F",
    "1_000",
    ".inf",
    ".nan",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "12:30",
    "a: b",
    "key:value",
    "- dash",
    "#hash",
    "a #comment",
    "'single'",
    '"double"',
    "it's",
    "@at",
    "`tick",
    "!tag",
    "&anchor",
    "*alias",
    "%percent",
    "[list]",
    "{map}",
    "|",
    ">",
    "<<",
    "=",
    " padded ",
    "Ünïcødé 北京 عيادة",
    "tab\there",
    "line\nbreak",
    "back\\slash",
    "nel\x85line",
    "crlf\r\nline",
    "x" * 300,
]


def test_values_yaml_would_misread_survive_as_text() -> None:
    snap = Snapshot(
        practice=PracticeInfo(name="yes", slug="p"),
        locations=tuple(
            Location(id=str(i), name=name, address=name) for i, name in enumerate(TRICKY)
        ),
        seats=tuple(
            Seat(id=str(i), name=name, kind=SeatKind.SUPPORT, note=name)
            for i, name in enumerate(TRICKY)
        ),
        people=(Person(id="1", name="null", preferred_name="no", employee_id="1.0"),),
    )
    text = dump_org(snap)
    back = parse_org(text)
    assert sorted(loc.name for loc in back.locations) == sorted(TRICKY)
    assert all(loc.address == loc.name for loc in back.locations)
    assert all(seat.note == seat.name for seat in back.seats)
    assert back.practice.name == "yes"
    assert back.people[0] == Person(id="1.0", name="null", preferred_name="no", employee_id="1.0")
    assert "  name: yes\n" not in text and "  name: 'yes'\n" in text
    assert "employee_id: '1.0'" in text
    assert "- name: '2024-01-01'" in text
    assert dump_org(back) == text
    # Long values are never folded onto a second line.
    assert "  - name: " + "x" * 300 + "\n" in text


# --------------------------------------------------------------------------------------
# problems: one of each kind, with the exact path, message and line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "",
            [("file", "the file is empty; it must start with practice:", 1)],
            id="empty",
        ),
        pytest.param(
            "- a\n- b\n",
            [
                (
                    "file",
                    "the file must be a mapping that starts with practice:, not a list",
                    1,
                )
            ],
            id="top-level-list",
        ),
        pytest.param(
            "just words\n",
            [
                (
                    "file",
                    'the file must be a mapping that starts with practice:, not "just words"',
                    1,
                )
            ],
            id="top-level-scalar",
        ),
        pytest.param(
            "locations: []\n",
            [("practice", "required; the file must start with practice: (name and slug)", 1)],
            id="missing-practice",
        ),
        pytest.param(
            "practice: Acme\n",
            [("practice", 'must be a mapping (keys name, slug, policy), not "Acme"', 1)],
            id="practice-not-mapping",
        ),
        pytest.param(
            "practice:\n  name: '  '\n",
            [
                ("practice.name", "blank; give the practice's name", 2),
                ("practice.slug", "required; give a short id such as riverside-ortho", 2),
            ],
            id="practice-blank-name-missing-slug",
        ),
        pytest.param(
            "practice:\n  name: P\n  slug: Riverside Ortho!\n",
            [
                (
                    "practice.slug",
                    '"Riverside Ortho!" is not a valid slug; use 1-60 lowercase letters, '
                    'digits and hyphens (e.g. "riverside-ortho")',
                    3,
                )
            ],
            id="bad-slug",
        ),
        pytest.param(
            "practice:\n  name: P\n  slug: " + "a" * 61 + "\n",
            [
                (
                    "practice.slug",
                    f'"{"a" * 61}" is not a valid slug; use 1-60 lowercase letters, digits '
                    f'and hyphens (e.g. "{"a" * 60}")',
                    3,
                )
            ],
            id="slug-too-long",
        ),
        pytest.param(
            HEAD + "location:\n  - name: A\n",
            [
                (
                    "location",
                    'unknown key "location" (did you mean "locations"?); use one of '
                    "practice, vision, locations, teams, roles, seats, people, decision_areas",
                    4,
                )
            ],
            id="unknown-top-key",
        ),
        pytest.param(
            doc("teams:\n  - name: T\n    manger: X\n"),
            [
                (
                    "teams[0].manger",
                    'unknown key "manger" (did you mean "manager"?); use one of name, manager, goal',
                    6,
                )
            ],
            id="unknown-nested-key",
        ),
        pytest.param(
            doc("locations:\n  - name: A\n    name: B\n"),
            [("locations[0].name", 'key "name" appears twice (first at line 5); keep one', 6)],
            id="duplicate-key",
        ),
        pytest.param(
            doc("seats:\n  name: A\n"),
            [("seats", "must be a list of seats, not a mapping", 5)],
            id="list-is-mapping",
        ),
        pytest.param(
            doc("seats:\n  - Front Desk\n"),
            [
                (
                    "seats[0]",
                    "must be a seat (keys name, role, kind, location, team, reports_to, "
                    'serves, note), not "Front Desk"',
                    5,
                )
            ],
            id="item-not-mapping",
        ),
        pytest.param(
            doc("locations:\n  - name: [a, b]\n"),
            [("locations[0].name", "must be text, not a list", 5)],
            id="text-is-list",
        ),
        pytest.param(
            doc("seats:\n  - kind: support\n"),
            [("seats[0].name", "required; give the seat's name (unique in the file)", 5)],
            id="missing-seat-name",
        ),
        pytest.param(
            doc("seats:\n  - name: ''\n    kind: support\n"),
            [("seats[0].name", "blank; give the seat's name (unique in the file)", 5)],
            id="blank-seat-name",
        ),
        pytest.param(
            doc("seats:\n  - name:\n    kind: support\n"),
            [("seats[0].name", "blank; give the seat's name (unique in the file)", 5)],
            id="null-seat-name",
        ),
        pytest.param(
            doc("locations:\n  - name: A\n  - name: B\n  - name: A\n"),
            [
                (
                    "locations[2].name",
                    'duplicate location name "A"; already used by locations[0] on line 5',
                    7,
                )
            ],
            id="duplicate-location",
        ),
        pytest.param(
            doc("teams:\n  - name: T\n  - name: T\n"),
            [("teams[1].name", 'duplicate team name "T"; already used by teams[0] on line 5', 6)],
            id="duplicate-team",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n    kind: support\n  - title: R\n    kind: provider\n"),
            [("roles[1].title", 'duplicate role title "R"; already used by roles[0] on line 5', 7)],
            id="duplicate-role",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    kind: support\n  - name: S\n    kind: support\n"),
            [("seats[1].name", 'duplicate seat name "S"; already used by seats[0] on line 5', 7)],
            id="duplicate-seat",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    employee_id: E1\n  - name: B\n    employee_id: E1\n"),
            [
                (
                    "people[1].employee_id",
                    'duplicate employee_id "E1"; already used by people[0] on line 6',
                    8,
                )
            ],
            id="duplicate-employee-id",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    email: a@x.org\n  - name: B\n    email: A@X.org\n"),
            [
                (
                    "people[1].email",
                    'duplicate email "A@X.org"; already used by people[0] on line 6',
                    8,
                )
            ],
            id="duplicate-email-ignoring-case",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    email: a.x.org\n"),
            [("people[0].email", '"a.x.org" is not an email address; use name@example.org', 6)],
            id="bad-email",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n    kind: boss\n"),
            [
                (
                    "roles[0].kind",
                    '"boss" is not a seat kind; use one of leadership, management, provider, '
                    "support, administrative",
                    6,
                )
            ],
            id="bad-kind",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n"),
            [
                (
                    "roles[0].kind",
                    "required; use one of leadership, management, provider, support, administrative",
                    5,
                )
            ],
            id="role-without-kind",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n"),
            [
                (
                    "seats[0].kind",
                    "required when the seat has no role; use one of leadership, management, "
                    "provider, support, administrative",
                    5,
                )
            ],
            id="seat-without-role-or-kind",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n    kind: support\n    provider_lead: 'true'\n"),
            [("roles[0].provider_lead", '"true" is not true or false; use true or false', 7)],
            id="quoted-bool",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n    kind: support\n    responsibilities: Do it\n"),
            [("roles[0].responsibilities", 'must be a list of responsibilities, not "Do it"', 7)],
            id="list-is-text",
        ),
        pytest.param(
            doc("roles:\n  - title: R\n    kind: support\n    decision_rights: ['', {a: b}]\n"),
            [
                ("roles[0].decision_rights[0]", "must be decision right, not blank", 7),
                ("roles[0].decision_rights[1]", "must be decision right, not a mapping", 7),
            ],
            id="bad-list-items",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    role: Surgeon\n"),
            [("seats[0].role", 'no role titled "Surgeon"', 6)],
            id="unknown-role",
        ),
        pytest.param(
            doc(
                "locations:\n  - name: Main\nseats:\n  - name: S\n    kind: support\n    location: Mian\n"
            ),
            [("seats[0].location", 'no location named "Mian"; did you mean "Main"?', 9)],
            id="unknown-location-with-suggestion",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    kind: support\n    team: Ops\n"),
            [("seats[0].team", 'no team named "Ops"', 7)],
            id="unknown-team",
        ),
        pytest.param(
            doc(
                "seats:\n  - name: S\n    kind: support\n    reports_to: Surgical Services Manager\n"
            ),
            [("seats[0].reports_to", 'no seat named "Surgical Services Manager"', 7)],
            id="unknown-manager-seat",
        ),
        pytest.param(
            doc("teams:\n  - name: T\n    manager: Boss\n"),
            [("teams[0].manager", 'no seat named "Boss"', 6)],
            id="unknown-team-manager",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    kind: support\n    serves:\n      - Dr A\n"),
            [("seats[0].serves[0]", 'no seat named "Dr A"', 8)],
            id="unknown-served-seat",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    kind: support\n    serves: [S]\n"),
            [("seats[0].serves[0]", '"S" cannot serve itself; list the seats it supports', 7)],
            id="serves-itself",
        ),
        pytest.param(
            doc(
                "seats:\n  - name: S\n    kind: support\n    serves: [D, D]\n"
                "  - name: D\n    kind: provider\n"
            ),
            [("seats[0].serves[1]", '"D" is listed twice; keep one', 7)],
            id="serves-twice",
        ),
        pytest.param(
            doc("seats:\n  - name: S\n    kind: support\n    reports_to: S\n"),
            [
                (
                    "seats[0].reports_to",
                    '"S" reports to itself; name its manager\'s seat, or leave reports_to out '
                    "for a top seat",
                    7,
                )
            ],
            id="reports-to-itself",
        ),
        pytest.param(
            doc(
                """\
                seats:
                  - name: Top
                    kind: leadership
                  - name: B
                    kind: support
                    reports_to: C
                  - name: Under the loop
                    kind: support
                    reports_to: B
                  - name: C
                    kind: support
                    reports_to: A
                  - name: A
                    kind: support
                    reports_to: B
                """
            ),
            [("seats[1].reports_to", "reporting cycle B → C → A → B", 9)],
            id="cycle-reported-once",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    seats:\n      - start: 2024-01-01\n"),
            [
                (
                    "people[0].seats[0].seat",
                    "required; give the name of the seat this person fills",
                    7,
                )
            ],
            id="assignment-without-seat",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    seats:\n      - seat: Nowhere\n"),
            [("people[0].seats[0].seat", 'no seat named "Nowhere"', 7)],
            id="assignment-unknown-seat",
        ),
        pytest.param(
            doc("people:\n  - name: A\n    seats: {seat: X}\n"),
            [("people[0].seats", "must be a list of seat assignments, not a mapping", 6)],
            id="assignments-not-a-list",
        ),
    ],
)
def test_each_problem_is_reported_with_path_message_and_line(
    text: str, expected: list[tuple[str, str, int]]
) -> None:
    assert problems(text) == expected


SEAT_S = "seats:\n  - name: S\n    kind: support\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("start: 2024-13-01", '"2024-13-01" is not a date; use YYYY-MM-DD'),
        ("start: 2024-02-30", '"2024-02-30" is not a date; use YYYY-MM-DD'),
        ("start: 2024-1-5", '"2024-1-5" is not a date; use YYYY-MM-DD'),
        ("start: 20240105", '"20240105" is not a date; use YYYY-MM-DD'),
        ("start: 2024-01-05 10:00", '"2024-01-05 10:00" is not a date; use YYYY-MM-DD'),
        ("start: [2024]", "must be a date (YYYY-MM-DD), not a list"),
        (
            "fte: lots",
            '"lots" is not a number; use a number greater than 0 and at most 1.0, such as 0.5',
        ),
        (
            "fte: yes",
            '"yes" is not a number; use a number greater than 0 and at most 1.0, such as 0.5',
        ),
        ("fte: '0.5'", '"0.5" is text, not a number; write it without quotes'),
        ("fte: 0", "0 is out of range; use a number greater than 0 and at most 1.0, such as 0.5"),
        (
            "fte: -0.5",
            "-0.5 is out of range; use a number greater than 0 and at most 1.0, such as 0.5",
        ),
        (
            "fte: 1.5",
            "1.5 is out of range; use a number greater than 0 and at most 1.0, such as 0.5",
        ),
        (
            "fte: .nan",
            '".nan" is not a number; use a number greater than 0 and at most 1.0, such as 0.5',
        ),
        ("level: mid", '"mid" is not a level; use one of junior, senior, lead'),
        ("accountable: maybe", '"maybe" is not true or false; use true or false'),
    ],
)
def test_assignment_values_are_checked(line: str, expected: str) -> None:
    key = line.split(":")[0]
    text = doc(SEAT_S + f"people:\n  - name: A\n    seats:\n      - seat: S\n        {line}\n")
    assert problems(text) == [(f"people[0].seats[0].{key}", expected, 11)]


def test_end_before_start_is_a_problem_but_same_day_is_not() -> None:
    base = doc(SEAT_S + "people:\n  - name: A\n    seats:\n      - seat: S\n")
    assert problems(base + "        start: 2024-03-01\n        end: 2024-01-01\n") == [
        ("people[0].seats[0].end", "end 2024-01-01 is before start 2024-03-01", 12)
    ]
    same = parse_org(base + "        start: 2024-03-01\n        end: 2024-03-01\n")
    assert same.assignments[0].end == dt.date(2024, 3, 1)


def test_lenient_values_that_are_accepted() -> None:
    snap = parse_org(
        doc(
            """\
            roles:
              - title: R
                kind: Provider
                provider_lead: yes
            seats:
              - name: S
                role: R
                kind: SUPPORT
                reports_to:
                serves: ~
            people:
              - name: A
                seats:
                  - seat: S
                    start: "2024-01-02"
                    fte: 1
                    level: Junior
                    accountable: no
            """
        )
    )
    assert snap.roles[0].kind is SeatKind.PROVIDER and snap.roles[0].provider_lead
    # A seat's own kind overrides its role's.
    assert snap.seats[0].kind is SeatKind.SUPPORT
    assert snap.seats[0].reports_to is None and snap.seats[0].serves == ()
    a = snap.assignments[0]
    assert (a.start, a.fte, a.level, a.accountable) == (
        dt.date(2024, 1, 2),
        1.0,
        Level.JUNIOR,
        False,
    )


# --------------------------------------------------------------------------------------
# problems that are not about one value


def test_text_that_is_not_yaml_reports_the_line_of_the_error() -> None:
    got = problems(HEAD + "seats:\n  - name: A\n    kind: support\n   bad: [\n")
    assert len(got) == 1
    where, message, line = got[0]
    assert where == "file" and message.startswith("not valid YAML: ")
    assert line == 7


def test_unclosed_quote_is_reported_as_yaml_problem() -> None:
    got = problems('practice:\n  name: "Acme\n  slug: acme\n')
    assert got[0][0] == "file" and got[0][1].startswith("not valid YAML: ")
    assert got[0][2] is not None


def test_several_documents_are_refused() -> None:
    got = problems(HEAD + "---\n" + HEAD)
    assert got[0][0] == "file" and "single document" in got[0][1]
    assert got[0][2] == 4


def test_aliases_are_refused_with_the_line_of_the_alias() -> None:
    text = doc("locations:\n  - &loc\n    name: A\n  - *loc\n")
    assert problems(text) == [
        (
            "file",
            'YAML aliases ("*loc") are not supported in an org file; write the value out in full',
            7,
        )
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    got = problems("\n".join(lines) + "\n")
    assert got and all("aliases" in message for _, message, _ in got)


def test_deep_nesting_is_refused_without_crashing() -> None:
    for text in (
        "[" * 100_000 + "]" * 100_000,
        "a:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),
    ):
        got = problems(text)
        assert len(got) == 1 and got[0][0] == "file"


@pytest.mark.parametrize("text", ["\x00", "a: \ud800\n", "practice: \x07\n", "\ufeffpractice: [\n"])
def test_characters_yaml_cannot_read_are_an_input_error(text: str) -> None:
    got = problems(text)
    assert got[0][0] == "file"


def test_python_tags_are_never_constructed() -> None:
    text = doc(
        "locations:\n  - name: !!python/object/apply:os.system ['echo pwned']\n"
        "  - name: !!python/name:os.system\n"
    )
    got = problems(text)
    assert got == [
        ("locations[0].name", "must be text, not a list", 5),
        ("locations[1].name", "blank; give the location's name", 6),
    ]


def test_many_problems_are_reported_together_in_file_order() -> None:
    text = """\
practice:
  name: P
  slug: P
locations:
  - name: Main
  - name: Main
roles:
  - title: R
    kind: boss
seats:
  - name: A
    role: R
    reports_to: B
  - name: B
    kind: support
    reports_to: A
    location: Nowhere
    colour: blue
people:
  - name: X
    seats:
      - seat: A
        fte: 2
        start: 2024-99-01
"""
    got = problems(text)
    assert [(where, line) for where, _, line in got] == [
        ("practice.slug", 3),
        ("locations[1].name", 6),
        ("roles[0].kind", 9),
        ("seats[0].reports_to", 13),
        ("seats[1].location", 17),
        ("seats[1].colour", 18),
        ("people[0].seats[0].fte", 23),
        ("people[0].seats[0].start", 24),
    ]
    # A role with a bad kind is still a role: the seat naming it is not reported as well.
    assert got[3][1] == "reporting cycle A → B → A"


# --------------------------------------------------------------------------------------
# strict and lenient


BROKEN_STRUCTURE = doc(
    """\
    teams:
      - name: Front Office
        manager: Office Manager
    seats:
      - name: Owner
        kind: leadership
        reports_to: Owner
      - name: Front Desk
        kind: administrative
        team: Front Office
        reports_to: Office Manager
      - name: Scrub Tech
        kind: support
        reports_to: Lead Tech
        serves: [Surgeon, Front Desk]
      - name: Lead Tech
        kind: support
        reports_to: Scrub Tech
    """
)


def test_strict_refuses_dangling_seat_references_and_cycles() -> None:
    assert problems(BROKEN_STRUCTURE) == [
        ("teams[0].manager", 'no seat named "Office Manager"', 6),
        (
            "seats[0].reports_to",
            '"Owner" reports to itself; name its manager\'s seat, or leave reports_to out '
            "for a top seat",
            10,
        ),
        ("seats[1].reports_to", 'no seat named "Office Manager"', 14),
        ("seats[2].reports_to", "reporting cycle Scrub Tech → Lead Tech → Scrub Tech", 17),
        ("seats[2].serves[0]", 'no seat named "Surgeon"', 18),
    ]


def test_lenient_keeps_dangling_references_and_cycles_for_the_health_check() -> None:
    snap = parse_org(BROKEN_STRUCTURE, strict=False)
    seats = snap.seats_by_id
    assert snap.teams[0].manager_seat_id == "Office Manager"
    assert seats["Owner"].reports_to == "Owner"
    assert seats["Front Desk"].reports_to == "Office Manager"
    assert snap.manager_of(seats["Front Desk"]) is None
    assert seats["Scrub Tech"].serves == ("Surgeon", "Front Desk")
    assert snap.manager_of(seats["Scrub Tech"]) == seats["Lead Tech"]
    assert snap.manager_of(seats["Lead Tech"]) == seats["Scrub Tech"]
    # The unresolved names survive an export and a second lenient read.
    text = dump_org(snap)
    assert "    reports_to: Office Manager\n" in text
    assert dump_org(parse_org(text, strict=False)) == text


def test_lenient_still_refuses_what_makes_the_file_meaningless() -> None:
    text = doc(
        """\
        seats:
          - name: S
            role: Ghost
            reports_to: Nobody
          - name: S
            kind: support
        people:
          - name: A
            seats:
              - seat: Missing
        """
    )
    assert problems(text, strict=False) == [
        ("seats[0].role", 'no role titled "Ghost"', 6),
        ("seats[1].name", 'duplicate seat name "S"; already used by seats[0] on line 5', 8),
        ("people[0].seats[0].seat", 'no seat named "Missing"', 13),
    ]


# --------------------------------------------------------------------------------------
# the practice's policy


def test_policy_is_read_as_sorted_overrides_and_written_back_sorted() -> None:
    text = doc(
        """\
        seats:
          - name: Owner
            kind: leadership
        """
    ).replace(
        "  slug: p\n",
        "  slug: p\n  policy:\n    owner_max_reports: 3\n    max_fte: 0.8\n"
        "    disabled_rules: [seat-vacant, owner-span]\n",
    )
    snap = parse_org(text)
    assert snap.practice.policy == (
        ("disabled_rules", ("owner-span", "seat-vacant")),
        ("max_fte", 0.8),
        ("owner_max_reports", 3),
    )
    hash(snap.practice)  # a frozen, hashable snapshot
    out = dump_org(snap)
    assert out.startswith(
        "practice:\n  name: P\n  slug: p\n  policy:\n    disabled_rules:\n"
        "      - owner-span\n      - seat-vacant\n    max_fte: 0.8\n    owner_max_reports: 3\n"
    )
    assert dump_org(parse_org(out)) == out


def test_empty_or_missing_policy_is_not_written() -> None:
    for head in (HEAD, HEAD + "  policy: {}\n", HEAD + "  policy:\n"):
        snap = parse_org(head)
        assert snap.practice.policy == ()
        assert dump_org(snap) == HEAD


def test_bad_policy_values_are_reported_at_their_key_and_line_with_the_rest() -> None:
    text = (
        "practice:\n"  # 1
        "  name: P\n"  # 2
        "  slug: p\n"  # 3
        "  policy:\n"  # 4
        "    max_span: wide\n"  # 5
        "    owner_max_reports: true\n"  # 6
        "    max_fte: -1\n"  # 7
        "    colour: blue\n"  # 8
        "    disabled_rules: [no-such-rule]\n"  # 9
        "    max_seats_per_person: '3'\n"  # 10
        "seats:\n"  # 11
        "  - name: Owner\n"  # 12
        "    kind: boss\n"  # 13
    )
    got = problems(text)
    known = ", ".join(sorted(s.key for s in settings_help()))
    assert got == [
        ("practice.policy.max_span", "must be a whole number of at least 2, got 'wide'", 5),
        ("practice.policy.owner_max_reports", "must be a whole number of at least 1, got True", 6),
        ("practice.policy.max_fte", "must be a number greater than 0, got -1", 7),
        (
            "practice.policy.colour",
            f"unknown setting 'colour'; known settings are {known}",
            8,
        ),
        ("practice.policy.disabled_rules", "unknown rule id 'no-such-rule'", 9),
        (
            "practice.policy.max_seats_per_person",
            "must be a whole number of at least 1, got '3'",
            10,
        ),
        (
            "seats[0].kind",
            '"boss" is not a seat kind; use one of leadership, management, provider, support, '
            "administrative",
            13,
        ),
    ]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        pytest.param(
            "  policy: strict\n",
            [
                (
                    "practice.policy",
                    'must be a mapping of threshold names to values, not "strict"',
                    4,
                )
            ],
            id="not-a-mapping",
        ),
        pytest.param(
            "  policy:\n    max_span: 12\n    max_span: 13\n",
            [
                (
                    "practice.policy.max_span",
                    'key "max_span" appears twice (first at line 5); keep one',
                    6,
                )
            ],
            id="twice",
        ),
        pytest.param(
            "  policy:\n    max_span: {a: 1}\n",
            [
                (
                    "practice.policy.max_span",
                    "must be a number or a list of rule ids, not a mapping",
                    5,
                )
            ],
            id="nested-mapping",
        ),
        pytest.param(
            "  policy:\n    disabled_rules: owner-span\n",
            [("practice.policy.disabled_rules", "must be a list of rule ids, got 'owner-span'", 5)],
            id="rules-not-a-list",
        ),
        pytest.param(
            "  policy:\n    narrow_span: 5\n    max_span: 4\n",
            [("practice.policy.narrow_span", "must be below max_span (4), got 5", 5)],
            id="narrow-not-below-max",
        ),
        pytest.param(
            "  policy:\n    max_span: 15.0\n",
            [("practice.policy.max_span", "must be a whole number of at least 2, got 15.0", 5)],
            id="float-for-whole-number",
        ),
    ],
)
def test_policy_shape_problems(policy: str, expected: list[tuple[str, str, int]]) -> None:
    assert problems(HEAD + policy) == expected


def test_policy_numbers_in_yaml_spellings_are_read_as_numbers() -> None:
    snap = parse_org(HEAD + "  policy:\n    max_span: 1_2\n    max_fte: 1.5\n    narrow_span: 0\n")
    assert dict(snap.practice.policy) == {"max_span": 12, "max_fte": 1.5, "narrow_span": 0}


# --------------------------------------------------------------------------------------
# slugs


def test_slug_helpers() -> None:
    assert slug_problem("riverside-ortho-2") is None
    assert slug_problem("a") is None
    assert slug_problem("") is not None
    assert slug_problem("UPPER") is not None
    assert slug_problem("x" * 61) is not None
    assert make_slug("Riverside Ortho, P.C.") == "riverside-ortho-p-c"
    assert make_slug("Clínica São José") == "clnica-so-jos"
    assert make_slug("!!!") == ""
    assert len(make_slug("a b " * 40)) <= 60 and not make_slug("a b " * 40).endswith("-")


# --------------------------------------------------------------------------------------
# properties

# Any character a str can hold in a file (not lone surrogates), control characters included.
FREE_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
NAMES = st.one_of(st.sampled_from(TRICKY), FREE_TEXT).filter(lambda s: bool(s.strip()))
OPTIONAL_TEXT = st.one_of(st.just(""), NAMES, FREE_TEXT)
DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))


# Valid policy overrides (narrow_span stays below the smallest max_span).
POLICIES = st.fixed_dictionaries(
    {},
    optional={
        "owner_max_reports": st.integers(1, 50),
        "max_span": st.integers(2, 200),
        "narrow_span": st.integers(0, 1),
        "narrow_span_min_seats": st.integers(0, 100),
        "max_seats_per_person": st.integers(1, 5),
        "max_fte": st.floats(min_value=0.01, max_value=10, allow_nan=False),
        "location_min_staff": st.integers(1, 20),
        "disabled_rules": st.lists(
            st.sampled_from(sorted(r.id for r in registered_rules())), unique=True, max_size=4
        ),
    },
)


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    """Valid snapshots with database-style ids (the same small numbers in every table)."""
    loc_names = draw(st.lists(NAMES, max_size=3, unique=True))
    team_names = draw(st.lists(NAMES, max_size=3, unique=True))
    role_titles = draw(st.lists(NAMES, max_size=4, unique=True))
    seat_names = draw(st.lists(NAMES, max_size=8, unique=True))
    seat_ids = [str(i + 1) for i in range(len(seat_names))]

    def pick(ids: list[str]) -> str | None:
        return draw(st.one_of(st.none(), st.sampled_from(ids))) if ids else None

    locations = tuple(
        Location(id=str(i + 1), name=name, address=draw(OPTIONAL_TEXT))
        for i, name in enumerate(loc_names)
    )
    teams = tuple(
        Team(id=str(i + 1), name=name, manager_seat_id=pick(seat_ids), goal=draw(OPTIONAL_TEXT))
        for i, name in enumerate(team_names)
    )
    roles = tuple(
        Role(
            id=str(i + 1),
            title=title,
            kind=draw(st.sampled_from(SeatKind)),
            purpose=draw(OPTIONAL_TEXT),
            responsibilities=tuple(draw(st.lists(NAMES, max_size=3))),
            decision_rights=tuple(draw(st.lists(NAMES, max_size=2))),
            provider_lead=draw(st.booleans()),
        )
        for i, title in enumerate(role_titles)
    )
    seats = []
    for i, name in enumerate(seat_names):
        seat_id = seat_ids[i]
        others = [s for s in seat_ids if s != seat_id]
        seats.append(
            Seat(
                id=seat_id,
                name=name,
                kind=draw(st.sampled_from(SeatKind)),
                role_id=pick([r.id for r in roles]),
                location_id=pick([loc.id for loc in locations]),
                team_id=pick([t.id for t in teams]),
                # Only earlier seats: the management line is a forest.
                reports_to=pick(seat_ids[:i]),
                serves=tuple(draw(st.lists(st.sampled_from(others), unique=True, max_size=3)))
                if others
                else (),
                note=draw(OPTIONAL_TEXT),
            )
        )
    people = []
    assignments = []
    for i in range(draw(st.integers(0, 5))):
        person_id = str(100 + i)
        people.append(
            Person(
                id=person_id,
                name=draw(NAMES),
                preferred_name=draw(OPTIONAL_TEXT),
                email=draw(st.sampled_from(["", f"user{i}@example.org", f"Ü{i}@клиника.example"])),
                employee_id=draw(st.sampled_from(["", str(i), f"00{i}", f"E-{i}", f"yes{i}"])),
            )
        )
        for _ in range(draw(st.integers(0, 3)) if seat_ids else 0):
            start = draw(st.one_of(st.none(), DATES))
            end = draw(st.one_of(st.none(), DATES))
            if start and end and end < start:
                start, end = end, start
            assignments.append(
                Assignment(
                    id=str(len(assignments) + 1000),
                    person_id=person_id,
                    seat_id=draw(st.sampled_from(seat_ids)),
                    start=start,
                    end=end,
                    fte=draw(st.floats(min_value=0, max_value=1, exclude_min=True)),
                    level=draw(st.sampled_from(Level)),
                    accountable=draw(st.booleans()),
                )
            )
    return Snapshot(
        practice=PracticeInfo(
            name=draw(NAMES),
            slug=draw(st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True)),
            policy=policy_items(draw(POLICIES)),
        ),
        locations=locations,
        teams=teams,
        roles=roles,
        seats=tuple(seats),
        people=tuple(people),
        assignments=tuple(assignments),
    )


def _by_name(snap: Snapshot) -> dict[str, object]:
    """What a snapshot says, independent of its ids, for comparing two readings."""
    seat_name = {s.id: s.name for s in snap.seats}
    return {
        "seats": sorted(
            (
                s.name,
                s.kind,
                snap.role_of(s).title if snap.role_of(s) else None,  # type: ignore[union-attr]
                seat_name.get(s.reports_to or ""),
                sorted(seat_name[x] for x in s.serves),
                s.note,
            )
            for s in snap.seats
        ),
        "assignments": sorted(
            (
                snap.people_by_id[a.person_id].name,
                seat_name[a.seat_id],
                str(a.start),
                str(a.end),
                a.fte,
                a.level,
            )
            for a in snap.assignments
        ),
        "roles": sorted(
            (r.title, r.kind, r.responsibilities, r.decision_rights, r.purpose) for r in snap.roles
        ),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_round_trip_of_generated_snapshots(snap: Snapshot) -> None:
    text = dump_org(snap)
    back = parse_org(text)
    assert dump_org(back) == text
    assert _by_name(back) == _by_name(snap)
    assert back.practice == snap.practice


@settings(max_examples=300, deadline=None)
@given(st.text(), st.booleans())
def test_arbitrary_text_raises_only_input_error(text: str, strict: bool) -> None:
    try:
        parse_org(text, strict=strict)
    except InputError as err:
        assert err.problems and all(p.where and p.message for p in err.problems)


KEYS = st.sampled_from(
    [
        "practice",
        "name",
        "slug",
        "locations",
        "teams",
        "roles",
        "seats",
        "people",
        "title",
        "kind",
        "role",
        "reports_to",
        "serves",
        "manager",
        "seat",
        "start",
        "end",
        "fte",
        "level",
        "accountable",
        "provider_lead",
        "email",
        "employee_id",
        "responsibilities",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["A", "B", "support", "junior", "x@y.z", "2024-02-30", "a-b"]),
    st.text(max_size=5),
)
YAMLISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, YAMLISH, max_size=6), st.booleans())
def test_random_yaml_structures_raise_only_input_error(
    data: dict[str, object], strict: bool
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        snap = parse_org(text, strict=strict)
    except InputError as err:
        assert err.problems
    else:
        assert dump_org(parse_org(dump_org(snap), strict=strict)) == dump_org(snap)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_damaged_sample_files_raise_only_input_error(data: st.DataObject) -> None:
    lines = RIVERSIDE.splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "replace", "indent"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "replace":
            lines[i] = data.draw(st.text(max_size=20)) + "\n"
        else:
            lines[i] = "  " + lines[i]
        if not lines:
            break
    try:
        parse_org("".join(lines), strict=data.draw(st.booleans()))
    except InputError as err:
        assert err.problems and all(p.line is None or p.line >= 1 for p in err.problems)
