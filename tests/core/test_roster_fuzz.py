"""Property tests: junk never raises anything but InputError; converted charts are sound."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.core.problems import InputError
from practiceos.core.roster import read_roster
from tests.core.test_roster_support import convert


def _read_and_convert(data: bytes, filename: str) -> None:
    try:
        table = read_roster(data, filename=filename)
    except InputError as exc:
        assert exc.problems, "an InputError always carries its problems"
        return
    convert(table, allow_unresolved=True)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), filename=st.sampled_from(["r.csv", "r.xlsx", "r", "r.xls"]))
def test_junk_bytes_raise_only_input_error(data: bytes, filename: str) -> None:
    _read_and_convert(data, filename)


@settings(max_examples=100, deadline=None)
@given(tail=st.binary(max_size=3000))
def test_junk_zip_raises_only_input_error(tail: bytes) -> None:
    _read_and_convert(b"PK\x03\x04" + tail, "r.xlsx")


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list('abc ,;\t"\r\n/-:0123456789éÑ#\ufeff\x00')), max_size=400
    )
)
def test_junk_text_with_header_words_raises_only_input_error(text: str) -> None:
    header = "Name,Job Title,Reports To,Hire Date,Termination Date,Status,FTE\n"
    for encoding in ("utf-8", "cp1252"):
        _read_and_convert((header + text).encode(encoding, errors="replace"), "r.csv")


_NAMES = ["Ann Lee", "Lee, Ann", "Bo Chan", "Chan, Bo", "Cy Dunn", "Di Eve", "José Peña", ""]
_TITLES = ["Owner", "Dentist", "Founder & CEO / Orthopedic Surgeon", "Dental Assistant", ""]
_DATES = ["2020-01-01", "01/02/2021", "3/4/22", "", "soon", "2019-13-01"]
_STATUS = ["Active", "Terminated", "Leave", "", "T"]
_IDS = ["1", "2", "3", "01", ""]

_row = st.tuples(
    st.sampled_from(_IDS),
    st.sampled_from(_NAMES),
    st.sampled_from(_TITLES),
    st.sampled_from(_NAMES + _IDS),
    st.sampled_from(_DATES),
    st.sampled_from(_DATES),
    st.sampled_from(_STATUS),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_row, min_size=1, max_size=25))
def test_any_roster_converts_to_a_sound_chart(rows: list[tuple[str, ...]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Employee ID", "Name", "Job Title", "Reports To", "Hire Date", "Termination Date",
         "Status"]
    )  # fmt: skip
    writer.writerows(rows)
    try:
        table = read_roster(out.getvalue().encode(), filename="r.csv")
    except InputError:
        return  # every data row blank
    result = convert(table, allow_unresolved=True)
    snap = result.snapshot
    seat_ids = [s.id for s in snap.seats]
    assert len(seat_ids) == len(set(seat_ids))
    assert len({p.id for p in snap.people}) == len(snap.people)
    assert all(s.reports_to is None or s.reports_to in snap.seats_by_id for s in snap.seats)
    assert {a.seat_id for a in snap.assignments} == set(seat_ids)
    # Every data row is someone: nobody is dropped.
    assert len({a.person_id for a in snap.assignments}) == len(snap.people)
    # allow_unresolved leaves no cycle in the management line.
    for seat in snap.seats:
        seen: set[str] = set()
        node: str | None = seat.id
        while node is not None:
            assert node not in seen, f"cycle through {node}"
            seen.add(node)
            node = snap.seats_by_id[node].reports_to
    # Whatever is not blocking is exactly what allow_unresolved settled.
    assert set(result.blocking_problems) <= set(result.problems)
