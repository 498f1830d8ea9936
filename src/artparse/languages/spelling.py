"""Spelling rules shared by every table: digits, invisible marks, Arabic letter groups, case."""

from __future__ import annotations

import unicodedata

_PLAIN = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،؛\u2019",
    "01234567890123456789,;'",
    # invisible marks: zero-width space and joiners' kin, bidi marks, embeddings, isolates, BOM
    "\u200b\u200e\u200f\u2060\ufeff\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
# One Arabic letter for each group of spellings (alef with hamza or madda -> alef, alef maksura ->
# yeh, teh marbuta -> heh); no tatweel and no short vowel marks, so "مساءً" and "مساء" are one word.
ARABIC_LETTERS = str.maketrans(
    "أإآٱىة",
    "اااايه",
    "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670",
)


def plain(text: str) -> str:
    """`text` with ASCII digits and without invisible marks: what the ISO patterns can match."""
    if text.isascii():
        return text  # NFC leaves ASCII as it is, and every character _PLAIN changes is outside it
    return unicodedata.normalize("NFC", text).translate(_PLAIN)


def fold(text: str) -> str:
    """`text` lower-cased with one spelling per Arabic letter group, for matching phrases."""
    return text.lower() if text.isascii() else text.translate(ARABIC_LETTERS).lower()
