"""The fast block-YAML writer writes exactly what PyYAML writes (``core/yaml_block.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practiceos.core import orgfile
from practiceos.core.demo import SPECIALTIES, generate_demo
from practiceos.core.yaml_block import dump_block
from tests.core.test_orgfile import TRICKY, snapshots


def _pyyaml(data: object) -> str:
    return yaml.dump(
        data,
        Dumper=orgfile._Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=orgfile._NEVER_FOLD,
    )


def _both(data: dict[str, object]) -> tuple[str, str]:
    return dump_block(data, orgfile._Dumper, orgfile._NEVER_FOLD), _pyyaml(data)


@pytest.mark.parametrize("specialty", SPECIALTIES)
def test_a_demo_org_file_is_written_as_pyyaml_writes_it(specialty: str, monkeypatch) -> None:
    captured: list[dict[str, object]] = []
    real = orgfile.dump_block

    def spy(data, dumper, width):  # the data dump_org builds, to give PyYAML the same
        captured.append(data)
        return real(data, dumper, width)

    monkeypatch.setattr(orgfile, "dump_block", spy)
    text = orgfile.dump_org(generate_demo(300, seed=4, specialty=specialty))
    assert text == _pyyaml(captured[0])
    assert "\n  - name: " in text  # sequences indented under their key, as before


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(snapshots())
def test_generated_org_files_are_written_as_pyyaml_writes_them(snap) -> None:
    captured: list[dict[str, object]] = []
    real = orgfile.dump_block
    orgfile.dump_block = lambda d, dumper, width: captured.append(d) or real(d, dumper, width)
    try:
        text = orgfile.dump_org(snap)
    finally:
        orgfile.dump_block = real
    assert text == _pyyaml(captured[0])


SCALARS = st.one_of(
    st.sampled_from(TRICKY),
    st.text(),
    st.text(alphabet="abcXYZ019 :#-'\"!&*?|>%@`,[]{}\n\t\x85\u2028\u2029\ufeff\xa0—é", max_size=12),
    st.booleans(),
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(min_value=dt.date(1900, 1, 1)),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["name", "seat", "a b", "yes", "1", "k"]), inner, max_size=3
        ),
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["practice", "seats", "people", "x:y", "null"]), TREES))
def test_any_nested_data_is_written_as_pyyaml_writes_it(data) -> None:
    fast, slow = _both(data)
    assert fast == slow
