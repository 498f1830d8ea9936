"""Header dialects, tried in a fixed order; each module has NAME and parse(lines) -> Header | None.

Detection order, from the least to the most likely to see a header where there is none:

1. front-matter: line 1 is exactly `---` or `+++` (closed by the same line further down), or a
   JSON object starts on it. Nothing else begins so, and no later dialect looks inside its body.
2. posted-by: a `Posted by` line first, or right after one title line.
3. rfc822: `Field: value` lines from the top to a blank line, at least two of them and at least
   one a known mail, news or PEP field. After posted-by, so that a headline with a colon above a
   Posted line stays a title.
4. byline: header lines read by the vocabulary (dialects.vocabulary: labels of every listed
   language, shapes of values) near the top, below at most three lines (breadcrumb, kicker,
   headline, standfirst); or a headline followed by a blank line. Its lines look the most like
   ordinary text.
5. page: a whole web page saved as text, read anywhere past its menus. Last of all, and only on
   strong evidence: it fills nothing from a text that is not a page. When an earlier dialect
   read nothing but a title (a page's first line often reads as one), page mode still tries.

User rules (--rules) are tried before all of these. Adding a dialect means adding its module and
one entry in DIALECTS.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence

from artparse.dates import DEFAULT_OPTIONS, DateOptions
from artparse.dialects import front_matter, posted_by
from artparse.dialects.header import Header, header_view

Parser = Callable[[Sequence[str]], Header | None]
DatedParser = Callable[[Sequence[str], DateOptions], Header | None]

RFC822 = "rfc822"  # dialects.rfc822.NAME; loaded on first use (a posted-by file never needs it)


def _rfc822(lines: Sequence[str]) -> Header | None:
    return _parse_of("rfc822")(lines)


BYLINE = "byline"  # dialects.byline.NAME; that module and the vocabulary load on first use


def _byline(lines: Sequence[str]) -> Header | None:
    return _parse_of("byline")(lines)


PAGE = "page"  # dialects.page.NAME; loaded on first use, as the byline reader is


def _page(lines: Sequence[str], dates: DateOptions = DEFAULT_OPTIONS) -> Header | None:
    return _parse_of("page")(lines, dates)


@functools.cache
def _parse_of(module: str) -> Callable[..., Header | None]:
    """The parse function of the dialect `module`, imported on first use: a look-up here costs a
    sixth of an import statement's, which every call of a dialect loaded so would make."""
    name = f"{__name__}.{module}"
    __import__(name)
    parse: Callable[..., Header | None] = sys.modules[name].parse
    return parse


DIALECTS: dict[str, Parser] = {
    front_matter.NAME: front_matter.parse,
    posted_by.NAME: posted_by.parse,
    RFC822: _rfc822,
    BYLINE: _byline,
    PAGE: _page,
}
"""Detection order: the first dialect whose parse() returns a Header wins."""

DATED: dict[str, DatedParser] = {PAGE: _page}
"""Dialects that read dates while detecting, and so take the date options (`now`) as well."""

WHOLE_TEXT = frozenset({PAGE})
"""Dialects that read all of the header window rather than its top: a header of an earlier dialect
that gives nothing but a title gives way to them when they find more (see extract)."""

__all__ = ["DATED", "DIALECTS", "WHOLE_TEXT", "Header", "Parser", "header_view"]
