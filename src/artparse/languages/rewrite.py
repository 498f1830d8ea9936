"""Dates written in other languages, rewritten in the English that dateutil reads.

The words come from the language records (see tables.foreign_words): month names become English
abbreviations, weekdays and empty words ("le", "de", "Uhr", "الساعة") are dropped, am/pm words
become AM/PM. Arabic-Indic (٠١٢) and Persian (۰۱۲) digits become ASCII digits (spelling.plain).
A page may give a month in two series ("تشرين الثاني/نوفمبر"): the repeat is dropped. Anything
else stays, so that text these tables do not know still fails to parse rather than being guessed.
"""

from __future__ import annotations

import re

from artparse.languages.spelling import ARABIC_LETTERS
from artparse.languages.tables import foreign_first_words, foreign_words, foreign_words_pattern

_ARABIC_HALF_DAY = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s*([مص])(?!\w)")  # ص: morning, م: evening
_ARABIC_ERA = re.compile(r"(\d{4})\s*م(?!\w)")  # م after a year: of the common era
_HOURS_H = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})?(?![\w:])", re.IGNORECASE)  # 10h30, 10 h
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:er|º|°|ª)(?!\w)", re.IGNORECASE)
_DOTTED_DAY = re.compile(r"\b(\d{1,2})\.(?=\s+[^\W\d_])")  # German "3. März"
_DOTTED_MONTH = re.compile(r"\b(\d{1,2})\.([^\W\d_]{3,9})\.(\d{4})\b")  # Folha's "3.mar.2021"
_SPACED_AM_PM = re.compile(r"\b([ap])\.\s*m\.", re.IGNORECASE)
_SAME_MONTH_TWICE = re.compile(r"\b([A-Z][a-z]{2})\s*[/(-]\s*\1\b\s*\)?")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_FORMS = re.compile(
    r"\d\s*h\b|\d(?:er|º|°)|\b[ap]\.\s+m\.|\b\d{1,2}\.\s+[^\W\d_]|\d\.[^\W\d_]{3,9}\.\d", re.IGNORECASE
)


def to_english(text: str) -> str:
    """`text` with the month names, weekdays and time words of other languages in English."""
    if text.isascii() and not _has_foreign_words(text):
        return text  # English as it is: the common case, spared the big pattern
    if not text.isascii():
        text = text.translate(ARABIC_LETTERS)
        text = _ARABIC_HALF_DAY.sub(lambda m: f"{m[1]} {'PM' if m[2] == 'م' else 'AM'}", text)
        text = _ARABIC_ERA.sub(r"\1", text)
    text = _HOURS_H.sub(lambda m: f"{m[1]}:{m[2] or '00'}", text)
    text = _ORDINAL_DAY.sub(r"\1", text)
    text = _DOTTED_DAY.sub(r"\1", text)
    text = _DOTTED_MONTH.sub(r"\1 \2 \3", text)
    text = _SPACED_AM_PM.sub(r"\1m", text)
    replacements = foreign_words()
    text = foreign_words_pattern().sub(lambda m: replacements[_SPACES.sub(" ", m[1].lower())], text)
    text = _SAME_MONTH_TWICE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip(" ,")


def _has_foreign_words(text: str) -> bool:
    words = foreign_first_words()
    return any(word in words for word in _WORD.findall(text.lower())) or bool(_ASCII_FORMS.search(text))
