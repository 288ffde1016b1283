"""A fast writer of block-style YAML whose output equals PyYAML's, byte for byte.

The org file of a 100,000-person practice has about two million scalars; PyYAML's emitter,
written in Python, spends about fifty seconds on them, most of it deciding for each string
whether it may be written plain. Nearly every value in an org file is a name, a date or a
number whose plain form is obvious, so this writer handles those directly and hands
anything it is not certain about to PyYAML itself, one top-level entry (one seat, one
person) at a time. The output is therefore exactly what
``yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
default_flow_style=False, width=<never fold>)`` writes with a dumper that indents
sequences under their key (``tests/core/test_yaml_block.py`` compares the two on every
demo practice and on generated hostile text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml
from yaml.resolver import Resolver

_STR_TAG = "tag:yaml.org,2002:str"
# Strings PyYAML writes plain in block context when they also resolve back to a string:
# no indicator at the start, no ": " or " #", no leading or trailing space, printable
# characters only: PyYAML's printable non-ASCII range (written as is with allow_unicode)
# less its line breaks (U+2028, U+2029) and the byte-order mark; NEL is outside it.
_WIDE = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
_PLAIN = re.compile(f"[A-Za-z0-9({_WIDE}][A-Za-z0-9{_WIDE} _.,'()&/+@=;$*!%~\\-]*\\Z")
_RISKY = (": ", " #", ":\t")
_LINE_START = re.compile("(^|[\n\x85\u2028\u2029])(?=[^\n\x85\u2028\u2029])")


class _Slow(Exception):
    """This value needs PyYAML's own judgement."""


class _Resolver(Resolver):
    """PyYAML's resolver, to ask whether a plain string would read back as a string."""


_RESOLVER = _Resolver()


@lru_cache(maxsize=65536)
def _plain_ok(text: str) -> bool:
    if not _PLAIN.match(text) or text.endswith(" ") or any(r in text for r in _RISKY):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


class BlockWriter:
    """Writes a mapping as block YAML, as ``yaml.dump`` with ``dumper`` would."""

    def __init__(self, dumper: type[yaml.SafeDumper], width: int) -> None:
        self._dumper = dumper
        self._width = width
        self._scalars: dict[tuple[type, object], str] = {}

    def _pyyaml(self, data: object) -> str:
        return yaml.dump(
            data,
            Dumper=self._dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=self._width,
        )

    def dump(self, data: Mapping[str, object]) -> str:
        """The whole document."""
        if not data:
            return self._pyyaml(data)
        out: list[str] = []
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(key, str) and _plain_ok(key):
                out.append(f"{key}:\n")
                for item in value:
                    self._item_or_fallback(out, item)
                continue
            part: list[str] = []
            try:
                self._entry(part, key, value, "")
            except _Slow:
                part = [self._pyyaml({key: value})]
            out.extend(part)
        return "".join(out)

    def _item_or_fallback(self, out: list[str], item: object) -> None:
        part: list[str] = []
        try:
            self._item(part, item, "  ")
        except _Slow:
            # PyYAML writes the item alone at indent 0; nested one level under its key,
            # every line that has text moves right by two (blank lines inside a quoted
            # scalar stay empty, as PyYAML writes them).
            text = self._pyyaml([item])
            # PyYAML indents after each of its line breaks (U+2028 and friends included, in
            # quoted text), unless another break follows.
            part = [_LINE_START.sub(r"\1  ", text)]
        out.extend(part)

    def _scalar(self, value: object) -> str:
        if isinstance(value, str):
            if _plain_ok(value):
                return value
            raise _Slow
        if value is None or isinstance(value, bool | int | float | dt.date):
            key = (type(value), value)
            text = self._scalars.get(key)
            if text is None:
                dumped = self._pyyaml(value)
                if not dumped.endswith("\n...\n") or "\n" in dumped[:-5]:
                    raise _Slow
                text = self._scalars[key] = dumped[:-5]
            return text
        raise _Slow

    def _entry(self, out: list[str], key: object, value: object, indent: str) -> None:
        """``key: value`` in a block mapping at ``indent``."""
        if not isinstance(key, str) or not _plain_ok(key):
            raise _Slow
        if type(value) is str:  # most values: the same as _scalar, one call less
            if not _plain_ok(value):
                raise _Slow
            out.append(f"{indent}{key}: {value}\n")
        elif isinstance(value, dict):
            if not value:
                raise _Slow
            out.append(f"{indent}{key}:\n")
            for k, v in value.items():
                self._entry(out, k, v, indent + "  ")
        elif isinstance(value, list):
            if not value:
                raise _Slow
            out.append(f"{indent}{key}:\n")
            for item in value:
                self._item(out, item, indent + "  ")
        else:
            out.append(f"{indent}{key}: {self._scalar(value)}\n")

    def _item(self, out: list[str], item: object, indent: str) -> None:
        """``- item`` in a block sequence at ``indent``."""
        if isinstance(item, dict):
            if not item:
                raise _Slow
            inner = indent + "  "
            entries = iter(item.items())
            k, v = next(entries)
            part: list[str] = []
            self._entry(part, k, v, inner)
            part[0] = f"{indent}- {part[0][len(inner) :]}"  # the first key shares the dash's line
            out.extend(part)
            for k, v in entries:
                self._entry(out, k, v, inner)
        elif isinstance(item, list):
            raise _Slow
        else:
            out.append(f"{indent}- {self._scalar(item)}\n")


def dump_block(data: Mapping[str, Any], dumper: type[yaml.SafeDumper], width: int) -> str:
    """``data`` as block YAML, byte for byte what PyYAML writes with ``dumper`` (see module)."""
    return BlockWriter(dumper, width).dump(data)
