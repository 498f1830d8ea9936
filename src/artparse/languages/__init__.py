"""Language data, one record per language, and the tables derived from it.

Each module beside this one (en, fr, es, de, it, pt, ar) holds one `Language`: header labels by
role (author, published, updated, visits, comments, reading time, category, tags, share), the
words around names (by, on, and, particles, job titles), month and weekday names, relative-date
words, am/pm words and the words a date may carry that say nothing. `tables` derives from them
everything the readers match with (the date rewrite, relative dates, the header vocabulary), in
one place; adding a language is adding its module and one entry in `all_languages`.

The data modules are imported on first use (`all_languages()`, or the LANGUAGES and ENGLISH
attributes), so that a run that never needs them does not pay for them at start-up.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from artparse.languages.language import ROLES, UNITS, Language, Relative

if TYPE_CHECKING:
    from artparse.languages.spelling import fold, plain


@cache
def all_languages() -> tuple[Language, ...]:
    """Every language artparse reads, English first."""
    from artparse.languages import ar, de, en, es, fr, it, pt

    return (en.LANGUAGE, fr.LANGUAGE, es.LANGUAGE, de.LANGUAGE, it.LANGUAGE, pt.LANGUAGE, ar.LANGUAGE)


@cache
def english_months() -> dict[str, int]:
    """English month names and abbreviations -> month number (1-12). English alone is loaded,
    and not `tables` (its types are made at import): the dates' month-name fast path needs no
    other language."""
    from artparse.languages.en import LANGUAGE as english

    return {name: number for number, names in enumerate(english.months, 1) for name in names}


def __getattr__(name: str) -> Any:
    """LANGUAGES (all_languages()), ENGLISH, fold and plain, loaded on first use (the month-name
    path needs none of them)."""
    if name in ("fold", "plain"):
        from artparse.languages import spelling

        return getattr(spelling, name)
    if name == "LANGUAGES":
        return all_languages()
    if name == "ENGLISH":
        return all_languages()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ROLES", "UNITS", "Language", "Relative", "all_languages", "english_months", "fold", "plain"]
