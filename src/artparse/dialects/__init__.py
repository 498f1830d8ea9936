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
   headline, standfirst); or a headline followed by a blank line. Last: its lines look the most
   like ordinary text.

User rules (--rules) are tried before all of these. Adding a dialect means adding its module and
one entry in DIALECTS.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from artparse.dialects import front_matter, posted_by, rfc822
from artparse.dialects.header import Header, header_view

Parser = Callable[[Sequence[str]], Header | None]

BYLINE = "byline"  # dialects.byline.NAME; that module and the vocabulary load on first use


def _byline(lines: Sequence[str]) -> Header | None:
    from artparse.dialects import byline

    return byline.parse(lines)


DIALECTS: dict[str, Parser] = {
    front_matter.NAME: front_matter.parse,
    posted_by.NAME: posted_by.parse,
    rfc822.NAME: rfc822.parse,
    BYLINE: _byline,
}
"""Detection order: the first dialect whose parse() returns a Header wins."""

__all__ = ["DIALECTS", "Header", "Parser", "header_view"]
