"""page: a whole web page saved as text (w3m, lynx, a browser, a crawler's WET text).

Tried after every other dialect, when nothing matched at the top; `--dialect page` forces it.
The byline and dates are looked for anywhere in the first MAX_PAGE_LINES lines, past menus,
cookie notices and breadcrumbs: label-anchored lines (`By ...`, `Published ...`, `mis à jour
le ...`) and unlabelled full dates on short lines are candidates (candidates.py); copyright lines,
`Joined:` dates, comment dates, dates in lists of other stories, dates after now and dates only
inside URLs are passed over. The candidates are scored by their label and by their nearness to
the headline and to the start of the longest run of prose (choice.py). Nothing is filled without
a candidate strong enough; each value filled has a warning naming its line
(`page: published from line 47`). The body is the whole text.
"""

from __future__ import annotations

from collections.abc import Sequence

from artparse.dates import DEFAULT_OPTIONS, DateOptions
from artparse.dialects.header import Header
from artparse.dialects.page.candidates import find_candidates, may_hold_candidates
from artparse.dialects.page.choice import choose
from artparse.dialects.page.lines import read_page

NAME = "page"


def parse(lines: Sequence[str], dates: DateOptions = DEFAULT_OPTIONS) -> Header | None:
    """The metadata of the page in `lines`, or None when it has none that the page mode trusts.

    `dates` are the caller's date options: `now` decides which dates are in the future.
    """
    if not may_hold_candidates(lines):
        return None
    page = read_page(lines)
    return choose(page, find_candidates(page, dates))
