"""Dates written in Arabic, French or Spanish, rewritten in the English that dateutil reads.

Arabic has two month-name series (يناير, فبراير ... and كانون الثاني, شباط ...), plus the
Maghreb spellings (جانفي, أوت ...); a page may give both ("تشرين الثاني/نوفمبر"). Arabic-Indic
(٠١٢) and Persian (۰۱۲) digits become ASCII digits. Weekday names and connecting words ("le",
"de", "à", "الساعة") are dropped; anything else stays, so that text these tables do not know
still fails to parse rather than being guessed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_PLAIN = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،؛\u2019",
    "01234567890123456789,;'",
    # invisible marks: zero-width space and joiners' kin, bidi marks, embeddings, isolates, BOM
    "\u200b\u200e\u200f\u2060\ufeff\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
# One Arabic letter for each group of spellings (alef with hamza or madda -> alef, alef maksura ->
# yeh, teh marbuta -> heh); no tatweel and no short vowel marks, so "مساءً" and "مساء" are one word.
_ARABIC_LETTERS = str.maketrans(
    "أإآٱىة",
    "اااايه",
    "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670",
)

MONTHS: dict[str, tuple[str, ...]] = {
    "Jan": ("يناير", "جانفي", "كانون الثاني", "كانون ثاني", "janvier", "janv", "enero", "ene"),
    "Feb": ("فبراير", "فيفري", "شباط", "février", "fevrier", "févr", "fevr", "fév", "fev", "febrero"),
    "Mar": ("مارس", "اذار", "mars", "marzo"),
    "Apr": ("ابريل", "افريل", "نيسان", "avril", "avr", "abril", "abr"),
    "May": ("مايو", "ماي", "ايار", "mai", "mayo"),
    "Jun": ("يونيو", "يونيه", "جوان", "حزيران", "juin", "junio"),
    "Jul": ("يوليو", "يوليه", "جويليه", "يوليوز", "تموز", "juillet", "juil", "julio"),
    "Aug": ("اغسطس", "اوت", "غشت", "اب", "août", "aout", "agosto", "ago"),
    "Sep": ("سبتمبر", "شتنبر", "ايلول", "septembre", "septiembre", "setiembre", "set"),
    "Oct": ("اكتوبر", "تشرين الاول", "تشرين اول", "octobre", "octubre"),
    "Nov": ("نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني", "novembre", "noviembre"),
    "Dec": ("ديسمبر", "دجنبر", "كانون الاول", "كانون اول", "décembre", "decembre", "déc", "diciembre", "dic"),
}
"""Month names by the English abbreviation they become (Arabic spelt as after _ARABIC_LETTERS)."""

OTHER_WORDS: dict[str, tuple[str, ...]] = {
    "": (
        *("الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "يوم"),
        *("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        *("lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"),
        *("الساعه", "في", "ميلادي", "ميلاديه", "le", "à", "de", "del", "a las", "a la", "las", "hrs", "hs"),
    ),
    "AM": ("صباحا", "صباح", "فجرا"),
    "PM": ("مساء", "مساءا", "ظهرا", "عصرا"),
    "GMT": ("بتوقيت غرينتش", "بتوقيت جرينتش", "بتوقيت غرينيتش", "توقيت غرينتش"),
    "EET": ("بتوقيت طرابلس", "بتوقيت ليبيا"),
}
"""Other words: dropped (""), or what they become."""

_ARABIC_HALF_DAY = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s*([مص])(?!\w)")
_ARABIC_ERA = re.compile(r"(\d{4})\s*م(?!\w)")  # م after a year: of the common era
_FRENCH_HOURS = re.compile(r"\b(\d{1,2})\s*h\s*(\d{2})?(?![\w:])", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:er|º|°)(?!\w)", re.IGNORECASE)
_SPACED_AM_PM = re.compile(r"\b([ap])\.\s*m\.", re.IGNORECASE)
_SAME_MONTH_TWICE = re.compile(r"\b([A-Z][a-z]{2})\s*[/(-]\s*\1\b\s*\)?")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_FORMS = re.compile(r"\d\s*h\b|\d(?:er|º|°)|\b[ap]\.\s+m\.", re.IGNORECASE)  # 10h30, 1er, a. m.


def plain(text: str) -> str:
    """`text` with ASCII digits and without invisible marks: what the ISO patterns can match."""
    return unicodedata.normalize("NFC", text).translate(_PLAIN)


def fold(text: str) -> str:
    """`text` lower-cased with one spelling per Arabic letter group, for matching phrases."""
    return text.translate(_ARABIC_LETTERS).lower()


def to_english(text: str) -> str:
    """`text` with the month names, weekdays and time words of other languages in English."""
    if text.isascii() and not _has_foreign_words(text):
        return text  # English as it is: the common case, spared the big pattern
    if not text.isascii():
        text = text.translate(_ARABIC_LETTERS)
        text = _ARABIC_HALF_DAY.sub(lambda m: f"{m[1]} {'PM' if m[2] == 'م' else 'AM'}", text)
        text = _ARABIC_ERA.sub(r"\1", text)
    text = _FRENCH_HOURS.sub(lambda m: f"{m[1]}:{m[2] or '00'}", text)
    text = _ORDINAL_DAY.sub(r"\1", text)
    text = _SPACED_AM_PM.sub(r"\1m", text)
    words, replacements = _word_table()
    text = words.sub(lambda m: replacements[_SPACES.sub(" ", m[1].lower())], text)
    text = _SAME_MONTH_TWICE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip(" ,")


def _has_foreign_words(text: str) -> bool:
    words = _first_words()
    return any(word in words for word in _WORD.findall(text.lower())) or bool(_ASCII_FORMS.search(text))


@cache
def _first_words() -> frozenset[str]:
    """The first word of every entry in the tables: any of them in a text may need rewriting."""
    _, replacements = _word_table()
    return frozenset(entry.split(" ")[0] for entry in replacements)


@cache
def _word_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every known word (longest first) and what each becomes; built on first use."""
    replacements = {word: month for month, words in MONTHS.items() for word in words}
    replacements.update({word: new for new, words in OTHER_WORDS.items() for word in words})
    alternatives = sorted(replacements, key=len, reverse=True)
    spelled = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in alternatives)
    return re.compile(rf"(?<!\w)({spelled})(?!\w)\.?", re.IGNORECASE), replacements
