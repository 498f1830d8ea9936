"""Language data, one record per language, and the tables derived from it.

Each module beside this one (en, fr, es, de, it, pt, ar) holds one `Language`: header labels by
role (author, published, updated, visits, comments, reading time, category, tags, share), the
words around names (by, on, and, particles, job titles), month and weekday names, relative-date
words, am/pm words and the words a date may carry that say nothing. `tables` derives from them
everything the readers match with (the date rewrite, relative dates, the header vocabulary), in
one place; adding a language is adding its module and one entry in LANGUAGES.

The date helpers `plain`, `fold` and `to_english` are re-exported here.
"""

from __future__ import annotations

from artparse.languages import ar, de, en, es, fr, it, pt
from artparse.languages.language import ROLES, UNITS, Language, Relative
from artparse.languages.rewrite import to_english
from artparse.languages.spelling import fold, plain

LANGUAGES: tuple[Language, ...] = (
    en.LANGUAGE,
    fr.LANGUAGE,
    es.LANGUAGE,
    de.LANGUAGE,
    it.LANGUAGE,
    pt.LANGUAGE,
    ar.LANGUAGE,
)
"""Every language artparse reads, English first."""

ENGLISH = en.LANGUAGE

__all__ = ["ENGLISH", "LANGUAGES", "ROLES", "UNITS", "Language", "Relative", "fold", "plain", "to_english"]
