"""byline: a news site's headline, `By NAME` and `Published:` / `Updated:` labels at the top.

    Libya and US sign drug pact
    By JANE SMITH FOR DAILYMAIL.COM
    PUBLISHED: 10:23 EST, 3 March 2021 | UPDATED: 11:45 EST, 3 March 2021

The header is made of By lines and date lines (`Published:`, `Posted:`, `Updated:`, `Last
Updated:`, in any letter case), with blank lines allowed between them, and at most one headline
before them. Parts of a line are split at `|`, `·` or `•`, or just before a date label. A By line
counts only when what follows "By" looks like a name (no lower-case words other than particles
such as "and", "for", "van"), so "By default, the build..." stays in the body. `BY NAME FOR
OUTLET` gives the author NAME and `extra.outlet`. A part without a label is the author when there
is none yet and it looks like a name (`Jane Smith · CBC News · Posted: ...`); the others go to
`extra.credit`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from artparse.dialects.header import Header, top_views

NAME = "byline"

TOP_LINES = 12  # the header is looked for among the first lines only
MAX_NAME_WORDS = 12

_PUBLISHED_LABEL = re.compile(r"(?:published|posted)(?: on)?\s*:\s*(?P<when>.*)", re.IGNORECASE)
_UPDATED_LABEL = re.compile(r"(?:last )?(?:updated|modified)(?: on)?\s*:\s*(?P<when>.*)", re.IGNORECASE)
_BY = re.compile(r"by\s+(?P<who>.+)", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"(?P<who>.+?)\s+for\s+(?P<outlet>.+)", re.IGNORECASE)
_PART_BREAK = re.compile(
    r"\s*[|·•]\s*|(?<!last)\s+(?=(?:published|posted|(?:last )?updated|modified)(?: on)?\s*:)", re.IGNORECASE
)
_PARTICLES = frozenset(
    {"and", "for", "of", "the", "de", "del", "della", "der", "den", "da", "di", "du", "la", "le"}
    | {"van", "von", "bin", "ibn", "al", "el", "y", "e", "und", "et"}
)
_SENTENCE_END = re.compile(r"[!?:;]$")  # not ".": "Jr." and "DAILYMAIL.COM" end names
_DATE_LIKE = re.compile(r"\d|\b(?:ago|yesterday|today|now)\b", re.IGNORECASE)


def parse(lines: Sequence[str]) -> Header | None:
    """Read a byline header from the top of `lines`, or None when there is none."""
    filled = [(index, view) for index, view in top_views(lines, TOP_LINES) if view]
    title = None
    if filled and not _is_header_line(filled[0][1]):
        title, filled = filled[0][1], filled[1:]
    header_lines = []
    for index, view in filled:
        if not _is_header_line(view):
            break
        header_lines.append((index, view))
    if not header_lines:
        return None
    header = Header(body_start=header_lines[-1][0] + 1, title=title)
    for _, view in header_lines:
        _read_line(view, header)
    return header


def _is_header_line(view: str) -> bool:
    parts = _PART_BREAK.split(view)
    if any(_is_date_part(part) for part in parts):
        return True
    by = _BY.fullmatch(parts[0])
    return by is not None and _looks_like_a_name(by["who"])


def _is_date_part(part: str) -> bool:
    label = _PUBLISHED_LABEL.fullmatch(part) or _UPDATED_LABEL.fullmatch(part)
    return label is not None and _DATE_LIKE.search(label["when"]) is not None


def _looks_like_a_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not words or len(words) > MAX_NAME_WORDS or _SENTENCE_END.search(text) or not text[0].isalpha():
        return False
    return all(not word[0].islower() or word.lower() in _PARTICLES for word in words)


def _read_line(view: str, header: Header) -> None:
    for part in _PART_BREAK.split(view):
        if part:
            _read_part(part, header)


def _read_part(part: str, header: Header) -> None:
    if found := _PUBLISHED_LABEL.fullmatch(part):
        if header.published_raw is None:
            header.published_raw = found["when"] or None
            return
    elif found := _UPDATED_LABEL.fullmatch(part):
        if header.updated_raw is None:
            header.updated_raw = found["when"] or None
            return
    elif (by := _BY.fullmatch(part)) and header.author is None:
        _read_author(by["who"], header)
        return
    elif header.author is None and _looks_like_a_name(part):
        header.author = part
        return
    header.extra.setdefault("credit", []).append(part)


def _read_author(who: str, header: Header) -> None:
    outlet = _FOR_OUTLET.fullmatch(who)
    if outlet:
        header.author, header.extra["outlet"] = outlet["who"], outlet["outlet"]
    else:
        header.author = who
