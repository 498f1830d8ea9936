"""The language records and the tables derived from them."""

from __future__ import annotations

import pytest

from artparse.languages import LANGUAGES, ROLES, Language, Relative, tables


def test_the_seven_languages_are_there_with_labels_for_every_role() -> None:
    assert [language.code for language in LANGUAGES] == ["en", "fr", "es", "de", "it", "pt", "ar"]
    for language in LANGUAGES:
        assert set(language.labels) == set(ROLES), language.code
        assert all(language.labels[role] for role in ROLES), language.code


def test_every_derived_table_builds_without_a_word_meaning_two_things() -> None:
    assert tables.foreign_words()["märz"] == "Mar"
    assert tables.relative_words().units["tagen"] == ("day", None)
    assert tables.labels()["veröffentlicht am"].role == "published"
    assert "korrespondentin" in tables.name_words().roles
    assert "lunedì" in tables.date_words()


def test_a_word_with_two_meanings_is_refused() -> None:
    with pytest.raises(ValueError, match="means both"):
        tables._merged("date words", [("mar", "Mar"), ("mar", "")])


def test_a_language_needs_twelve_months_and_known_roles() -> None:
    relative = Relative(units={})
    base = {"code": "xx", "by": (), "on": (), "and_words": (), "particles": (), "roles": ()}
    with pytest.raises(ValueError, match="twelve months"):
        Language(labels={}, months=(("a",),), weekdays=((),) * 7, relative=relative, **base)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown roles"):
        Language(labels={"who": ("by",)}, months=((),) * 12, weekdays=((),) * 7, relative=relative, **base)  # type: ignore[arg-type]
