"""byline: the header a person reads at the top of an article, by its labels, in any order.

    Home > World > Africa
    Libya and US sign drug pact
    By JANE SMITH FOR DAILYMAIL.COM
    PUBLISHED: 10:23 EST, 3 March 2021 | UPDATED: 11:45 EST, 3 March 2021

Header lines are read by the vocabulary (dialects.vocabulary: labels of every listed language
and the shapes of values): a line is a header line when a label or an unambiguous shape says so
(`By NAME`, `Publié le DATE`, `Hits: 2345`, `4 min read`, a whole date, a name with its mail
address). The header is a run of such lines (blank lines between them allowed) near the top,
with at most three lines above it: a breadcrumb, a kicker, the headline, a standfirst, and a
name line just above the header when a headline is above it (the byline without "By"). A date
line may come above the headline. A file whose first line reads as a headline (short, no
sentence end) followed by a blank line has that title even with no other header.

Fields: the first author part is the author (`NAME for OUTLET` gives `extra.outlet`, a job
after the name `extra.job`, a mail address `extra.address`); a name without a label is the
author when there is none yet, else it goes to `extra.credit`. Labelled dates fill published and
updated; an unlabelled date fills published when no label does. Visits, tags (categories too)
and share channels fill their columns; comments and reading time go to `extra`. A part that is
not understood goes to `extra.unrecognised` with a warning; so does a second value for a field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from artparse.dialects import vocabulary as v
from artparse.dialects.header import MAX_LABELLED_LINE, Header, read_count, top_views

NAME = "byline"  # also dialects.BYLINE, so that the registry need not import this module

TOP_LINES = 16  # the header is looked for among the first lines only
MAX_CONTEXT = 3  # lines above the header: breadcrumb, kicker, headline, standfirst, name
KICKER_WORDS = 3

_SEPARATED = re.compile(r"[|·•\u2014]|\s[\u2013-]\s")  # parts worth reading for a site | section line
_HEADER, _CRUMB, _KICKER, _HEADLINE, _TEXT = "header", "crumb", "kicker", "headline", "text"


class _Line:
    """A line of the top, classed. (A plain class: no `dataclasses` to load, and quicker to make.)"""

    __slots__ = ("index", "kind", "parts", "view")

    def __init__(self, index: int, view: str, kind: str, parts: tuple[v.Part, ...]) -> None:
        self.index, self.view, self.kind, self.parts = index, view, kind, parts


def parse(lines: Sequence[str]) -> Header | None:
    """Read a byline header from the top of `lines`, or None when there is none."""
    filled: list[tuple[int, str]] = []
    context: list[_Line] = []
    block: list[_Line] = []
    title_below: _Line | None = None
    for index, view in top_views(lines, TOP_LINES):
        if not view:
            continue
        filled.append((index, view))
        line = _classified(index, view)
        if not block:
            if line.kind == _HEADER:
                block.append(line)
            elif not _fits_context(context, line):
                return _title_only(lines, filled)
            else:
                context.append(line)
        elif line.kind == _HEADER:
            block.append(line)
        elif line.kind == _HEADLINE and title_below is None and _only_dates(block) and not context:
            title_below = line  # "3 March 2021" above the headline
        else:
            break
    if not block:
        return _title_only(lines, filled)
    last = max(block[-1].index, title_below.index if title_below else -1)
    header = Header(body_start=last + 1)
    if not _read_context(context, header):
        return None
    if title_below is not None:
        header.title = title_below.view
    _read_block(block, header)
    return header


def _classified(index: int, view: str) -> _Line:
    if len(view) > MAX_LABELLED_LINE:
        return _Line(index, view, _TEXT, ())
    return _Line(index, view, *_kind_of(view))


@lru_cache(maxsize=1024)
def _kind_of(view: str) -> tuple[str, tuple[v.Part, ...]]:
    """The kind of the line `view` and a header line's parts; kept for the lines that come again
    from file to file (a site's "By" line, its kicker, its breadcrumb)."""
    parts = v.read_line(view) if v.might_be_header_line(view) or _is_separated(view) else []
    if v.is_header_line(parts):
        return _HEADER, tuple(parts)
    if v.breadcrumb(view):
        return _CRUMB, ()
    if len(parts) > 1 and all(
        part.role == v.NAME and len(part.value.split()) <= KICKER_WORDS + 1 for part in parts
    ):
        return _KICKER, ()  # "Tripoli Times | Sport": site and section
    return (_HEADLINE if v.is_headline(view) else _TEXT), ()


def _is_separated(view: str) -> bool:
    """_SEPARATED.search(view), run only when `view` has one of the marks each match holds."""
    if view.isascii():
        return ("|" in view or "-" in view) and bool(_SEPARATED.search(view))
    return bool(_SEPARATED.search(view))


def _fits_context(context: list[_Line], line: _Line) -> bool:
    """A line above the header: a breadcrumb, a headline-like line, or one standfirst after a headline."""
    if len(context) == MAX_CONTEXT:
        return False
    if line.kind == _TEXT:
        return any(c.kind == _HEADLINE for c in context) and all(c.kind != _TEXT for c in context)
    return all(c.kind != _TEXT for c in context)


def _only_dates(block: list[_Line]) -> bool:
    return all(part.role == v.DATE for line in block for part in line.parts)


def _title_only(lines: Sequence[str], filled: list[tuple[int, str]]) -> Header | None:
    """The "headline, blank line, body" layout: the first line is the title."""
    if not filled:
        return None
    index, view = filled[0]
    follows = index + 1 < len(lines) and not lines[index + 1].strip()
    if not follows or len(filled) < 2 or len(view) > MAX_LABELLED_LINE or not v.is_headline(view):
        return None
    return Header(body_start=index + 1, title=view)


def _read_context(context: list[_Line], header: Header) -> bool:
    """Fill title, breadcrumb, kicker, standfirst and a bare byline name from the lines above.

    False when they do not make sense as a whole (a second breadcrumb, no headline for a text).
    """
    headlines = [line for line in context if line.kind == _HEADLINE]
    if sum(line.kind == _KICKER for line in context) > 1:
        return False
    for line in context:
        if line.kind == _CRUMB:
            if "breadcrumb" in header.extra:
                return False
            header.extra["breadcrumb"] = v.breadcrumb(line.view)
        elif line.kind == _TEXT:
            header.extra["standfirst"] = line.view
        elif line.kind == _KICKER:
            header.extra["kicker"] = line.view
    if len(headlines) >= 2 and v.looks_like_name(headlines[-1].view) and headlines[-1] is context[-1]:
        header.author = headlines.pop().view  # a byline without "By", under the headline
    if len(headlines) == 1:
        header.title = headlines[0].view
    elif len(headlines) == 2:
        first, second = headlines
        if "kicker" not in header.extra and len(first.view.split()) <= KICKER_WORDS < len(
            second.view.split()
        ):
            header.extra["kicker"], header.title = first.view, second.view
        else:
            header.title, header.extra["standfirst"] = first.view, second.view
    elif headlines:
        return False
    return "standfirst" not in header.extra or header.title is not None


def _read_block(block: list[_Line], header: Header) -> None:
    fill(header, [part for line in block for part in line.parts])


def fill(header: Header, parts: list[v.Part]) -> None:
    """Put the parts the vocabulary read into the header's fields (see the module docstring)."""
    dates: list[str] = []
    for part in parts:
        _read_part(part, header, dates)
    if dates and header.published_raw is None:
        header.published_raw = dates.pop(0)
    for date in dates:
        _unrecognised(header, date, "a second date")


def _read_part(part: v.Part, header: Header, dates: list[str]) -> None:
    role, value = part.role, part.value
    if role in (v.AUTHOR, v.NAME) and header.author is None:
        header.author = value
    elif role == v.NAME:
        header.extra.setdefault("credit", []).append(value)
    elif role in (v.OUTLET, v.JOB, v.ADDRESS) and role not in header.extra:
        header.extra[role] = value
    elif role == v.PUBLISHED and header.published_raw is None:
        header.published_raw = value
        header.dayfirst = header.dayfirst or v.day_first(part)
    elif role == v.UPDATED and header.updated_raw is None:
        header.updated_raw = value
        header.dayfirst = header.dayfirst or v.day_first(part)
    elif role == v.UPDATED_BY and header.updated_by is None:
        header.updated_by = value
    elif role == v.DATE:
        dates.append(value)
    elif role == v.VISITS and header.visits is None:
        counted = part.label is not None and value.endswith(part.label)  # "2,345 views"
        number = value[: -len(part.label)] if counted and part.label else value
        header.visits = part.count if part.count is not None else read_count(number, header.warnings)
    elif role == v.COMMENTS and part.count is None and not value:
        pass  # "Leave a comment": a link, which says nothing about the article
    elif role in (v.COMMENTS, v.READING_TIME) and role not in header.extra:
        header.extra[role] = part.count if role == v.COMMENTS and part.count is not None else value
    elif role in (v.TAGS, v.CATEGORY):
        header.tags.extend(item for item in part.items if item not in header.tags)
    elif role == v.SHARE:
        header.share.extend(part.items)
    else:
        _unrecognised(header, value, "")


def _unrecognised(header: Header, value: str, why: str) -> None:
    header.extra.setdefault("unrecognised", []).append(value)
    header.warnings.append(f"unrecognised-header: {value!r}" + (f" ({why})" if why else ""))
