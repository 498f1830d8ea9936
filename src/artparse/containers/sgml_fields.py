"""An element of an SGML news collection (see sgml.py) to the record's fields.

Title, author, date and body are read from the parts that name them (TITLE or HEADLINE, AUTHOR
or BYLINE, DATE, BODY, else the text of TEXT); topic and place lists (`<D>` entries) are the
tags; every other part goes to `extra` under its name as written, lists as lists, and the
element's attributes under `attributes`. Entity references (`&lt;`, `&#3;`) are decoded; the
control characters of old wire services (`&#2;`, `&#3;`) are dropped with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from artparse.dialects.header import Header, header_view

TITLE = ("title", "headline", "hl", "head")
AUTHOR = ("author", "byline")
DATE = ("date", "date_time", "pubdate", "dd")
BODY = ("body",)
TEXT = ("text",)
TAG_LISTS = ("topics", "places")
FIELDS = (*TITLE, *AUTHOR, *DATE, *BODY, *TEXT, "dateline")
"""Parts read as fields wherever they are; text inside other parts is the text of those parts."""

_BY = re.compile(r"by\s+", re.IGNORECASE)


@dataclass
class _Part:
    name: str  # as written
    key: str  # lower case
    text: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # the <D> entries of a list part
    own: bool = False  # a part of the record (not a <D> or a <P> inside one): its text is its own


class _Reader(HTMLParser):
    """The parts of one element: its attributes, then each part's text and list items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}
        self.parts: list[_Part] = []
        self._open: list[_Part] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = _written_name(self.get_starttag_text() or tag)
        part = _Part(name, tag, own=len(self._open) == 1 or tag in FIELDS)
        if not self._open and not self.parts:
            self.attributes = {key.upper(): value or "" for key, value in attrs}
        elif part.own:
            self.parts.append(part)
        self._open.append(part)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].key == tag:
                closed = self._open[depth]
                del self._open[depth:]
                if tag == "d" and self._open:
                    self._open[-1].items.append(header_view("".join(closed.text)))
                return

    def handle_data(self, data: str) -> None:
        for part in reversed(self._open):
            part.text.append(data)
            if part.own:
                return


def _written_name(start_tag: str) -> str:
    found = re.match(r"<\s*([^\s>/]+)", start_tag)
    return found[1] if found else start_tag


def fields(text: str) -> tuple[Header, str]:
    """The record's parts from one element's text, and its body."""
    reader = _Reader()
    header = Header(body_start=0)
    try:
        reader.feed(text)
        reader.close()
    except (AssertionError, AttributeError, ValueError) as error:  # markup html.parser cannot follow
        header.warnings.append(f"malformed-markup: the element was read up to where it breaks ({error})")
    if reader.attributes:
        header.extra["attributes"] = dict(reader.attributes)
    found: dict[str, _Part] = {}
    for part in reader.parts:
        found.setdefault(part.key, part)
    header.title = _first_text(found, TITLE) or reader.attributes.get("TITLE") or None
    header.author = _author(_first_text(found, AUTHOR))
    header.published_raw = _first_text(found, DATE) or None
    for name in TAG_LISTS:
        if name in found:
            header.tags.extend(item for item in found[name].items if item not in header.tags)
    used = {*TITLE, *AUTHOR, *DATE, *BODY, *TEXT}
    for part in reader.parts:
        if part.key not in used and part.key != "d":
            _keep(part, header.extra)
    body_part = found.get("body") or found.get("text")
    return header, "".join(body_part.text) if body_part else ""


def _first_text(found: dict[str, _Part], names: tuple[str, ...]) -> str:
    return next((header_view("".join(found[name].text)) for name in names if name in found), "")


def _author(text: str) -> str | None:
    return _BY.sub("", text, count=1).strip() if _BY.match(text) else text or None


def _keep(part: _Part, extra: dict[str, Any]) -> None:
    if part.items:
        extra.setdefault(part.name, part.items)
        return
    text = header_view("".join(part.text)).removesuffix(" -").strip()
    if text:
        extra.setdefault(part.name, text)
