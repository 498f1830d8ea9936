"""The shape of one language's data: what a header and a date in that language are written with."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from artparse.frozen import dataclass, field

AUTHOR = "author"
PUBLISHED = "published"
UPDATED = "updated"
VISITS = "visits"
COMMENTS = "comments"
READING_TIME = "reading_time"
CATEGORY = "category"
TAGS = "tags"
SHARE = "share"

ROLES = (AUTHOR, PUBLISHED, UPDATED, VISITS, COMMENTS, READING_TIME, CATEGORY, TAGS, SHARE)
"""What a header label says its value is."""

UNITS = ("second", "minute", "hour", "day", "week", "month", "year")

# Relative and PageWords are plain classes, not NamedTuples or dataclasses: a tenth of the cost
# to define (the month-name fast path of dates loads this module); their mapping defaults are
# empty and read-only, and nothing changes them once a language's module has made them.


class Relative:
    """How the language says "3 days ago", "yesterday" and "just now".

    `units` are the words for each unit of UNITS that need a number ("days"); `counted` are
    words that carry their own count (Arabic "ساعتين", two hours). `before` and `after` are the
    words around the count ("il y a 3 jours", "3 giorni fa"); `about` words may precede a count.
    `days` maps "yesterday"-like phrases to how many days back they are; `at` words join such a
    phrase to a time ("yesterday at 9:27").
    """

    __slots__ = ("about", "after", "at", "before", "counted", "days", "now", "numbers", "units")

    def __init__(
        self,
        units: Mapping[str, tuple[str, ...]],
        before: tuple[str, ...] = (),
        after: tuple[str, ...] = (),
        about: tuple[str, ...] = (),
        counted: Mapping[str, tuple[tuple[str, int], ...]] = MappingProxyType({}),
        numbers: Mapping[str, int] = MappingProxyType({}),
        days: Mapping[str, int] = MappingProxyType({}),
        now: tuple[str, ...] = (),
        at: tuple[str, ...] = (),
    ) -> None:
        self.units, self.counted, self.numbers, self.days = units, counted, numbers, days
        self.before, self.after, self.about, self.now, self.at = before, after, about, now, at


class PageWords:
    """The words of a whole web page that mark dates which are not the article's own.

    `copyright` words make a copyright line (`© 2022` needs none); `joined` words a member's
    joining date (`Joined: 4 May 2016`); `related` are the headings of lists of other stories
    ("Most read", "Related"); `comments` the headings of a comment section, beside the language's
    COMMENTS labels ("Leave a reply"). Written in lower case, as the labels are.
    """

    __slots__ = ("comments", "copyright", "joined", "related")

    def __init__(
        self,
        copyright: tuple[str, ...] = (),
        joined: tuple[str, ...] = (),
        related: tuple[str, ...] = (),
        comments: tuple[str, ...] = (),
    ) -> None:
        self.copyright, self.joined, self.related, self.comments = copyright, joined, related, comments


# Compared by identity, one per language, and too large to read as a repr: without the
# generated __eq__, __hash__ and __repr__ the class costs about a third less to make (start-up).
@dataclass(frozen=True, eq=False, repr=False)
class Language:
    """One language: header labels by role (ROLES) and the words its dates are written with.

    Labels are written as people write them, in lower case; a label ending in ":" counts only
    with its colon ("in:", "date:"), because the bare word is common in ordinary sentences.
    `by` are the words that put a name after a date or an update ("on 5 May by Newsroom");
    `on` the words that put a date after a name ("Posted by AI on 2025-11-01"). `roles` are job
    titles written after a name ("Berlin correspondent"). `months` has twelve entries and
    `weekdays` seven (Monday first), each the names and abbreviations of one; `dropped` are the
    words a date may carry that say nothing (French "le", German "Uhr"); `zones` are zone phrases
    and the abbreviation each means; `share_words` name share channels (print, mail). `day_first`:
    the language writes numeric dates day first (03/04/2021 is 3 April). `page` are the words of
    whole pages that mark decoy dates.
    """

    code: str
    labels: Mapping[str, tuple[str, ...]]
    by: tuple[str, ...]
    on: tuple[str, ...]
    and_words: tuple[str, ...]
    particles: tuple[str, ...]
    roles: tuple[str, ...]
    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[tuple[str, ...], ...]
    relative: Relative
    am: tuple[str, ...] = ()
    pm: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    zones: Mapping[str, str] = field(default_factory=dict)
    share_words: tuple[str, ...] = ()
    day_first: bool = True
    page: PageWords = field(default_factory=PageWords)

    def __post_init__(self) -> None:
        if len(self.months) != 12 or len(self.weekdays) != 7:
            raise ValueError(f"{self.code}: twelve months and seven weekdays are needed")
        unknown = set(self.labels) - set(ROLES)
        if unknown:
            raise ValueError(f"{self.code}: labels for unknown roles {sorted(unknown)}")
