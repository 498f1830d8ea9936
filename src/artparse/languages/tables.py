"""Tables derived from the language records (LANGUAGES), built once, on first use.

A word may be in several languages, but it must mean the same thing in each: a clash (one word,
two meanings in one table) is a ValueError when the table is built, so bad data fails the tests
rather than reading dates wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from artparse.languages import english_months
from artparse.languages.spelling import ARABIC_LETTERS, fold

if TYPE_CHECKING:
    from artparse.languages.language import Language

MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WORD = re.compile(r"[^\W\d_]+")

T = TypeVar("T")


def _languages() -> tuple[Language, ...]:
    from artparse.languages import all_languages

    return all_languages()


def _merged(table: str, pairs: Iterable[tuple[str, T]]) -> dict[str, T]:
    merged: dict[str, T] = {}
    for key, value in pairs:
        if merged.setdefault(key, value) != value:
            raise ValueError(f"{table}: {key!r} means both {merged[key]!r} and {value!r}")
    return merged


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any run of spaces."""
    return "|".join(
        re.escape(word).replace(r"\ ", r"\s+") for word in sorted(set(words), key=len, reverse=True)
    )


# --- dates: the rewrite into English (languages.rewrite) ---


@cache
def foreign_words() -> dict[str, str]:
    """Date words of the other languages (Arabic spelt as after ARABIC_LETTERS) -> their English.

    Month names become English abbreviations; weekdays and empty words become ""; am/pm words
    "AM"/"PM"; zone phrases their abbreviation. Words English spells the same are left out.
    """
    english = english_months()

    def pairs() -> Iterator[tuple[str, str]]:
        for language in _languages():
            if language.code == "en":
                continue
            for number, names in enumerate(language.months, 1):
                for name in names:
                    if english.get(name) != number:
                        yield name.translate(ARABIC_LETTERS), MONTH_ABBREVIATIONS[number - 1]
            for names in language.weekdays:
                yield from ((name.translate(ARABIC_LETTERS), "") for name in names)
            yield from ((word.translate(ARABIC_LETTERS), "") for word in language.dropped)
            yield from ((word.translate(ARABIC_LETTERS), "AM") for word in language.am)
            yield from ((word.translate(ARABIC_LETTERS), "PM") for word in language.pm)
            yield from ((phrase.translate(ARABIC_LETTERS), zone) for phrase, zone in language.zones.items())

    return _merged("date words", ((word.lower(), new) for word, new in pairs()))


@cache
def foreign_first_words() -> frozenset[str]:
    """The first word of every foreign date word: any of them in a text may need rewriting."""
    return frozenset(_WORD.findall(entry)[0] for entry in foreign_words() if _WORD.findall(entry))


@cache
def foreign_words_pattern() -> re.Pattern[str]:
    """Every foreign date word (longest first), as one pattern; group 1 is the word."""
    return re.compile(rf"(?<!\w)({alternatives(foreign_words())})(?!\w)\.?", re.IGNORECASE)


# --- dates: relative dates (relative.py) ---


class RelativeWords(NamedTuple):
    """Every language's relative-date words, folded (see spelling.fold)."""

    units: dict[str, tuple[str, int | None]]
    numbers: dict[str, int]
    days: dict[str, int]
    now: frozenset[str]
    before: frozenset[str]
    after: frozenset[str]
    about: frozenset[str]
    at: frozenset[str]
    date_labels: frozenset[str]


@cache
def relative_words() -> RelativeWords:
    languages = _languages()
    units: list[tuple[str, tuple[str, int | None]]] = []
    for language in languages:
        words = language.relative
        units += [(fold(word), (unit, None)) for unit, names in words.units.items() for word in names]
        units += [(fold(word), (unit, n)) for unit, counted in words.counted.items() for word, n in counted]
    date_roles = ("published", "updated")
    return RelativeWords(
        units=_merged("relative units", units),
        numbers=_merged(
            "number words", ((fold(w), n) for lang in languages for w, n in lang.relative.numbers.items())
        ),
        days=_merged(
            "day words", ((fold(w), n) for lang in languages for w, n in lang.relative.days.items())
        ),
        now=frozenset(fold(w) for lang in languages for w in lang.relative.now),
        before=frozenset(fold(w) for lang in languages for w in lang.relative.before),
        after=frozenset(fold(w) for lang in languages for w in lang.relative.after),
        about=frozenset(fold(w) for lang in languages for w in lang.relative.about),
        at=frozenset(fold(w) for lang in languages for w in lang.relative.at),
        date_labels=frozenset(
            fold(label.rstrip(":"))
            for lang in languages
            for role in date_roles
            for label in lang.labels[role]
        ),
    )


@cache
def am_pm_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every language's am and pm words, folded."""
    return (
        frozenset(fold(w) for lang in _languages() for w in lang.am),
        frozenset(fold(w) for lang in _languages() for w in lang.pm),
    )


# --- header labels (dialects.vocabulary) ---


class Label(NamedTuple):
    """A header label: its role, whether it needs its colon, its language and whether that
    language writes numeric dates day first."""

    role: str
    colon: bool
    language: str
    day_first: bool


@cache
def labels() -> dict[str, Label]:
    """Folded label text (without its colon) -> Label, for every language."""
    pairs = (
        (fold(text.rstrip(":")), Label(role, text.endswith(":"), language.code, language.day_first))
        for language in _languages()
        for role, texts in language.labels.items()
        for text in texts
    )
    merged: dict[str, Label] = {}
    for text, label in pairs:
        known = merged.setdefault(text, label)
        if known.role != label.role:
            raise ValueError(f"labels: {text!r} is both {known.role!r} and {label.role!r}")
        if known.colon and not label.colon:
            merged[text] = label  # a language that takes it bare wins
        if known.day_first != label.day_first:
            merged[text] = merged[text]._replace(day_first=False)  # shared with English: --dayfirst decides
    return merged


class NameWords(NamedTuple):
    """Words around names, folded: by, on, and, particles, job titles; and the share channels."""

    by: frozenset[str]
    on: frozenset[str]
    and_words: frozenset[str]
    particles: frozenset[str]
    roles: frozenset[str]
    share: frozenset[str]


SHARE_CHANNELS = (
    *("facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "reddit", "pinterest", "tumblr"),
    *("messenger", "email", "e-mail", "mail", "print", "copy link", "flipboard", "pocket", "threads"),
    *("bluesky", "mastodon", "vk", "viber", "line", "wechat", "weibo", "sms", "google+", "xing"),
)
"""Share channels by name, in any language (the print and mail words of each are in its data)."""


@cache
def name_words() -> NameWords:
    languages = _languages()
    return NameWords(
        by=frozenset(fold(w) for lang in languages for w in lang.by),
        on=frozenset(fold(w) for lang in languages for w in lang.on),
        and_words=frozenset(fold(w) for lang in languages for w in lang.and_words),
        particles=frozenset(fold(w) for lang in languages for w in (*lang.particles, *lang.and_words)),
        roles=frozenset(fold(w) for lang in languages for w in lang.roles),
        share=frozenset((*SHARE_CHANNELS, *(fold(w) for lang in languages for w in lang.share_words))),
    )


@cache
def date_words() -> frozenset[str]:
    """Every word a date may be written with in any language, folded: months, weekdays, am/pm,
    empty words, connecting words and relative-date words."""
    words: set[str] = set()
    for language in _languages():
        words.update(name for names in (*language.months, *language.weekdays) for name in names)
        words.update((*language.am, *language.pm, *language.dropped, *language.on, *language.zones))
        rel = language.relative
        words.update(w for names in rel.units.values() for w in names)
        words.update(w for counted in rel.counted.values() for w, _ in counted)
        words.update((*rel.numbers, *rel.days, *rel.now, *rel.before, *rel.after, *rel.about, *rel.at))
    return frozenset(fold(word) for phrase in words for word in phrase.split())


@cache
def month_names() -> frozenset[str]:
    """Every language's month names and abbreviations, folded."""
    return frozenset(fold(name) for lang in _languages() for names in lang.months for name in names)
