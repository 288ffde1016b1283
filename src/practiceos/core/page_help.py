"""The short "About this page" help each main page shows on a person's first visit.

The texts are data (``core/data/page_help.yaml``), keyed by the page's URL name
(``org:chart``), read once through :func:`load_page_help`, which refuses the whole file
naming the entry, the key and the value when anything does not fit the schema:

    org:chart:
      text: What the page is for and the one or two things to do on it.
      help: architecture#snapshots    # a document of /help/, optionally #a-section

Pure Python: the web layer looks an entry up by the URL name it resolved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from practiceos.core.problems import InputError, Problem

PAGE_HELP_FILE = Path(__file__).parent / "data" / "page_help.yaml"

#: Longest help text: a panel says what the page is for, it is not the manual.
TEXT_MAX = 420
_URL_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}(:[a-z][a-z0-9_-]{0,40})?$")
_HELP_LINK = re.compile(r"^([a-z0-9][a-z0-9-]{0,60})(?:#([a-z0-9][a-z0-9_-]{0,80}))?$")
_KEYS = ("text", "help")


@dataclass(frozen=True, slots=True)
class PageHelp:
    """One page's help: its URL name, the text, and the help document and section."""

    url_name: str
    text: str
    doc: str
    section: str

    @property
    def href(self) -> str:
        """The link into ``/help/`` (the section as a fragment)."""
        return f"/help/{self.doc}/" + (f"#{self.section}" if self.section else "")


def parse_page_help(data: object, source: str = "page_help.yaml") -> dict[str, PageHelp]:
    """Validate the file's data; every problem is reported at once, naming the entry."""
    if not isinstance(data, Mapping):
        raise InputError([Problem(source, "must be a mapping of URL names to help entries")])
    problems: list[Problem] = []
    out: dict[str, PageHelp] = {}
    for name, entry in data.items():
        where = f"{source}: {name}"
        if not isinstance(name, str) or not _URL_NAME.match(name):
            problems.append(
                Problem(where, f"{name!r} is not a URL name; use name or app:name (a-z, 0-9, -)")
            )
            continue
        if not isinstance(entry, Mapping):
            problems.append(Problem(where, "must be a mapping with the keys text and help"))
            continue
        unknown = sorted(str(k) for k in entry if k not in _KEYS)
        missing = [k for k in _KEYS if k not in entry]
        if unknown or missing:
            problems.append(
                Problem(
                    where,
                    f"has keys {unknown} it should not and lacks {missing}; use exactly "
                    f"{', '.join(_KEYS)}",
                )
            )
            continue
        text, link = entry["text"], entry["help"]
        if not isinstance(text, str) or not text.strip() or len(text.strip()) > TEXT_MAX:
            shown = f"{len(text)} characters" if isinstance(text, str) else repr(text)
            problems.append(
                Problem(f"{where}.text", f"{shown} is not accepted; use 1-{TEXT_MAX} characters")
            )
            continue
        match = _HELP_LINK.match(link) if isinstance(link, str) else None
        if match is None:
            problems.append(
                Problem(
                    f"{where}.help",
                    f"{link!r} is not a help link; use a document name, optionally "
                    "#a-section (scenarios#adding-changes)",
                )
            )
            continue
        out[name] = PageHelp(name, " ".join(text.split()), match.group(1), match.group(2) or "")
    if problems:
        raise InputError(problems)
    return out


@cache
def load_page_help(path: Path = PAGE_HELP_FILE) -> Mapping[str, PageHelp]:
    """The page help of ``path`` (validated once per process)."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return parse_page_help(data, path.name)


def help_for(url_name: str) -> PageHelp | None:
    """The help of the page called ``url_name``, or ``None`` when it has none."""
    return load_page_help().get(url_name)
