"""The page mode's view of the language data: header labels, and the words that mark decoys.

Everything here is derived from the language records (artparse.languages): the author, published
and updated labels of every language, its COMMENTS labels, and its `page` words (copyright,
joined, the headings of related lists and of comment sections). Text is matched folded
(languages.fold: lower case, one spelling per Arabic letter group).
"""

from __future__ import annotations

import re
from functools import cache

from artparse.languages import LANGUAGES, fold
from artparse.languages.language import AUTHOR, COMMENTS, PUBLISHED, UPDATED
from artparse.languages.tables import alternatives, labels

BYLINE_ROLES = (AUTHOR, PUBLISHED, UPDATED)


def starts_with_label(text: str) -> bool:
    """True when `text` starts with an author, published or updated label of any language."""
    words = text.split(maxsplit=1)
    if not words or fold(words[0]).rstrip(":") not in _first_label_words():
        return False
    return _label_start().match(fold(text)) is not None


def starts_a_byline(text: str) -> bool:
    """A cheap test: `text` starts with a label, and has a digit (a date) or a capital after it
    (a name)."""
    if not starts_with_label(text):
        return False
    rest = text.split(maxsplit=2)[1:]
    return any(c.isdigit() for c in text) or any(not word[0].islower() for word in rest)


def may_have_label(text: str) -> bool:
    """A cheap test: some word of `text` starts an author, published or updated label."""
    first_words = _first_label_words()
    return any(word.rstrip(":") in first_words for word in fold(text).split())


def label_start(text: str) -> tuple[str, str, str] | None:
    """(label as written, role, the value after it) when `text` starts with an author, published
    or updated label."""
    found = _label_start().match(fold(text))
    if found is None or len(fold(text)) != len(text):
        return None  # folding changed the length (Arabic marks): no safe cut in `text`
    label = text[: found.end()]
    role = _byline_labels().get(" ".join(fold(label).split()))
    return None if role is None else (label, role, text[found.end() :].lstrip(" :\uff1a-"))


def label_alone(text: str) -> str | None:
    """The role of `text` when it is a published or updated label and nothing else ("Published")."""
    role = _byline_labels().get(fold(text).strip(" :"))
    return role if role in (PUBLISHED, UPDATED) else None


def is_day_first(text: str) -> bool:
    """True when `text` is a label in a language that writes numeric dates day first."""
    label = labels().get(fold(text).strip(" :"))
    return label is not None and label.day_first


def is_copyright(text: str) -> bool:
    return _copyright().search(fold(text)) is not None


def is_joined(text: str) -> bool:
    return _joined().search(fold(text)) is not None


@cache
def headings() -> dict[str, frozenset[str]]:
    """Folded headings of decoy sections: "related" lists of other stories, and "comments"."""
    comments = {text for text, label in labels().items() if label.role == COMMENTS}
    return {
        "related": frozenset(fold(word) for language in LANGUAGES for word in language.page.related),
        "comments": frozenset(comments | {fold(w) for language in LANGUAGES for w in language.page.comments}),
    }


@cache
def heading_first_words() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrases in headings().values() for phrase in phrases)


@cache
def _byline_labels() -> dict[str, str]:
    return {text: label.role for text, label in labels().items() if label.role in BYLINE_ROLES}


@cache
def _first_label_words() -> frozenset[str]:
    return frozenset(text.split()[0] for text in _byline_labels())


@cache
def _label_start() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternatives(_byline_labels())})(?!\w)")


@cache
def _copyright() -> re.Pattern[str]:
    words = [fold(word) for language in LANGUAGES for word in language.page.copyright]
    return re.compile(rf"©|\(c\)\s*\d|(?<!\w)(?:{alternatives(words)})(?!\w)")


@cache
def _joined() -> re.Pattern[str]:
    words = [fold(word) for language in LANGUAGES for word in language.page.joined]
    return re.compile(rf"(?<!\w)(?:{alternatives(words)})(?!\w)")
