"""The product's documentation rendered inside it at ``/help/``.

The Markdown files of ``docs/`` (``settings.DOCS_DIR``) are rendered with raw HTML turned
off (a document cannot inject markup), links between documents rewritten to their help
pages, headings given ids (so a page's "About this page" panel can link to a section),
and the result cached per file modification time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import slugify
from markdown_it import MarkdownIt

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
_LINK_RE = re.compile(r'href="(?:\.\./docs/|docs/|\./)?([a-z0-9][a-z0-9-]{0,60})\.md(#[^"]*)?"')
_HEADING_RE = re.compile(r"<h([23])>(.*?)</h\1>")


def _heading_ids(html: str) -> str:
    """Give each h2 and h3 an id from its words (``Adding changes`` → ``adding-changes``;
    a repeated one gets ``-2``), as most Markdown sites do."""
    seen: dict[str, int] = {}

    def give(match: re.Match[str]) -> str:
        base = slugify(strip_tags(match.group(2))) or "section"
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        return f'<h{match.group(1)} id="{anchor}">{match.group(2)}</h{match.group(1)}>'

    return _HEADING_RE.sub(give, html)


@dataclass(frozen=True)
class HelpPage:
    """One document: its name (the file's stem), title (first heading) and HTML."""

    name: str
    title: str
    html: str


def docs_dir() -> Path:
    """Where the Markdown documents are."""
    return Path(settings.DOCS_DIR)


def names() -> list[str]:
    """The documents' names, sorted."""
    folder = docs_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.md") if NAME_RE.match(p.stem))


def _title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback.replace("-", " ").capitalize()


@lru_cache(maxsize=64)
def _render(path: str, mtime: float) -> HelpPage:
    text = Path(path).read_text(encoding="utf-8")
    html = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").render(text)
    html = _LINK_RE.sub(lambda m: f'href="/help/{m.group(1)}/{m.group(2) or ""}"', html)
    html = _heading_ids(html)
    stem = Path(path).stem
    return HelpPage(stem, _title(text, stem), html)


def page(name: str) -> HelpPage | None:
    """The document ``name`` rendered, or None when there is no such document."""
    if not NAME_RE.match(name or ""):
        return None
    path = docs_dir() / f"{name}.md"
    if not path.is_file():
        return None
    return _render(str(path), path.stat().st_mtime)


def index() -> list[HelpPage]:
    """Every document (title and name) for the help index."""
    return [p for p in (page(n) for n in names()) if p is not None]
