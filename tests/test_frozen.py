"""The public records made by artparse.frozen behave as the frozen dataclasses they were."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import typing
from datetime import date, datetime

import orjson
import pytest

from artparse import FIELDS, Article, frozen
from artparse.extract import DEFAULT_PARSE, ParseOptions
from artparse.frozen import replace
from artparse.languages.en import LANGUAGE as ENGLISH
from artparse.languages.language import Language

ARTICLE = Article(
    source="a.txt", title="A title", share=("Facebook",), visits=12, extra={"k": "v"}, body="Text."
)


def test_keyword_construction_with_the_defaults() -> None:
    article = Article()
    assert (article.source, article.share, article.words, article.extra, article.body) == (
        None,
        (),
        0,
        {},
        "",
    )
    assert Article().extra is not article.extra  # a fresh dict each time, as default_factory makes
    assert ParseOptions(dialect="rfc822").min_date == date(1990, 1, 1)


def test_construction_refuses_what_the_dataclass_refused() -> None:
    with pytest.raises(TypeError, match="positional"):
        Article("a.txt")  # type: ignore[misc]  # keyword-only
    with pytest.raises(TypeError, match="unexpected keyword argument 'author_name'"):
        Article(author_name="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values for argument 'dialect'"):
        ParseOptions("rfc822", dialect="byline")  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional"):
        ParseOptions(*range(8))  # type: ignore[arg-type]


def test_positional_construction_where_the_dataclass_allowed_it() -> None:
    options = ParseOptions("rfc822", True)
    assert (options.dialect, options.dayfirst, options.rules) == ("rfc822", True, ())


def test_equality_and_hash_over_the_fields() -> None:
    assert Article(title="x", extra={"a": 1}) == Article(title="x", extra={"a": 1})
    assert Article(title="x") != Article(title="y")
    assert Article() != ParseOptions()
    assert ParseOptions(utc=True) == ParseOptions(utc=True)
    assert hash(ParseOptions(utc=True)) == hash(ParseOptions(utc=True))
    assert {ParseOptions(), ParseOptions()} == {DEFAULT_PARSE}
    with pytest.raises(TypeError, match="unhashable"):
        hash(Article())  # its extra is a dict


def test_what_parse_options_cache_is_not_a_field() -> None:
    options = ParseOptions()
    assert options.zone is None and options.parsers  # cached in the instance
    assert options == ParseOptions() and repr(options) == repr(ParseOptions())
    assert [field.name for field in dataclasses.fields(options)] == [
        "dialect",
        "dayfirst",
        "rules",
        "tz",
        "utc",
        "now",
        "min_date",
    ]


def test_the_repr_names_every_field_in_order() -> None:
    assert repr(ParseOptions(tz="UTC")) == (
        "ParseOptions(dialect=None, dayfirst=False, rules=(), tz='UTC', utc=False, now=None, "
        "min_date=datetime.date(1990, 1, 1))"
    )
    assert repr(Article(words=3)).startswith("Article(source=None, dialect=None, title=None, author=None, ")
    assert repr(Article(words=3)).endswith("tags=(), words=3, extra={}, warnings=(), body='')")


def test_assignment_and_deletion_raise_frozen_instance_error() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'title'"):
        ARTICLE.title = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'title'"):
        del ARTICLE.title  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_PARSE.now = datetime(2020, 1, 1)  # type: ignore[misc]
    assert ARTICLE.title == "A title"


def test_dataclasses_functions_see_a_dataclass() -> None:
    assert dataclasses.is_dataclass(Article) and dataclasses.is_dataclass(ARTICLE)
    assert tuple(field.name for field in dataclasses.fields(Article)) == FIELDS
    assert FIELDS[:3] == ("source", "dialect", "title") and FIELDS[-3:] == ("extra", "warnings", "body")
    extra = next(field for field in dataclasses.fields(Article) if field.name == "extra")
    assert extra.default_factory is dict and extra.kw_only
    changed = dataclasses.replace(ARTICLE, title="Other")
    assert changed.title == "Other" and ARTICLE.title == "A title"
    assert changed == Article(**{**dataclasses.asdict(ARTICLE), "title": "Other"})
    assert dataclasses.asdict(ARTICLE)["share"] == ("Facebook",)
    assert dataclasses.replace(DEFAULT_PARSE, utc=True) == ParseOptions(utc=True)


def test_artparse_replace_is_dataclasses_replace() -> None:
    assert replace(ARTICLE, visits=None, words=2) == dataclasses.replace(ARTICLE, visits=None, words=2)
    with pytest.raises(TypeError, match="unexpected keyword argument 'visitors'"):
        replace(ARTICLE, visitors=3)


def test_pickling_and_copying_keep_the_record() -> None:
    for value in (ARTICLE, ParseOptions(dialect="rfc822", now=datetime(2022, 1, 2))):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.copy(value) == value and copy.deepcopy(value) == value


def test_orjson_writes_the_fields_in_order() -> None:
    assert (
        orjson.dumps(Article(title="t", tags=("a",))).decode()
        == orjson.dumps(Article(title="t", tags=("a",)).to_dict()).decode()
    )
    assert list(orjson.loads(orjson.dumps(ARTICLE))) == list(FIELDS)


def test_a_language_is_compared_by_identity_and_checked_when_made() -> None:
    twin = dataclasses.replace(ENGLISH)
    assert twin is not ENGLISH and twin != ENGLISH and twin.months == ENGLISH.months
    assert "object at" in repr(ENGLISH)  # no generated repr: the tables are too large to read
    with pytest.raises(ValueError, match="twelve months"):
        dataclasses.replace(ENGLISH, months=ENGLISH.months[:11])
    assert isinstance(ENGLISH, Language) and not dataclasses.fields(Language)[0].kw_only


class TypingPoint(typing.NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None

    def moved(self) -> TypingPoint:
        return self._replace(x=self.x + 1)


class FrozenPoint(frozen.NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None

    def moved(self) -> FrozenPoint:
        return self._replace(x=self.x + 1)


def test_a_named_tuple_is_the_one_typing_makes() -> None:
    ours, theirs = FrozenPoint(1, label="a"), TypingPoint(1, label="a")
    assert type(ours).__mro__[1:] == type(theirs).__mro__[1:] == (tuple, object)
    assert ours == theirs == (1, 0, "a") and hash(ours) == hash(theirs)
    assert repr(ours) == repr(theirs).replace("TypingPoint", "FrozenPoint")
    assert (
        FrozenPoint._fields == TypingPoint._fields
        and FrozenPoint._field_defaults == TypingPoint._field_defaults
    )
    assert FrozenPoint.__doc__ == TypingPoint.__doc__ and FrozenPoint.__module__ == TypingPoint.__module__
    assert ours.moved() == (2, 0, "a") and ours._asdict() == theirs._asdict()
    assert pickle.loads(pickle.dumps(ours)) == ours and type(pickle.loads(pickle.dumps(ours))) is FrozenPoint
    assert list(FrozenPoint.__annotations__) == ["x", "y", "label"]
    with pytest.raises(TypeError):
        FrozenPoint()  # type: ignore[call-arg]


def test_a_named_tuple_refuses_a_field_without_default_after_one_with() -> None:
    with pytest.raises(TypeError, match="without a default"):

        class Wrong(frozen.NamedTuple):
            a: int = 0
            b: int


class _Annotated(Article):
    """A subclass without @dataclass: its fields are Article's, as for a dataclass."""


def test_a_subclass_keeps_the_fields_and_may_add_attributes() -> None:
    article = _Annotated(title="t")
    assert tuple(field.name for field in dataclasses.fields(article)) == FIELDS
    assert dataclasses.replace(article, title="u").title == "u" and replace(article, title="u").title == "u"
    article.note = "mine"  # type: ignore[attr-defined]  # not a field: allowed, as dataclasses allow it
    assert article.note == "mine"  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "v"  # type: ignore[misc]
