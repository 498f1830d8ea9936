"""The front-matter dialect: YAML, TOML and JSON blocks at the top of a file (DESIGN section 2)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from artparse import parse_text
from artparse.dialects import front_matter
from tests.conftest import typed

BODY = "The cranes arrived on Sunday."


def parse(text: str, source: str | None = None) -> dict[str, Any]:
    return parse_text(text, source=source).to_dict()


def yaml(block: str, body: str = BODY) -> dict[str, Any]:
    return parse(f"---\n{block}---\n{body}")


@pytest.mark.parametrize(
    ("value", "published", "published_raw"),
    [
        ("2024-04-10T00:00:00.000Z", "2024-04-10T00:00:00+00:00", "2024-04-10T00:00:00.000Z"),
        ("'2017-02-22T14:41:04.442Z'", "2017-02-22T14:41:04.442000+00:00", "2017-02-22T14:41:04.442Z"),
        ("2013-09-14 20:46:50 -0700", "2013-09-14T20:46:50-07:00", "2013-09-14 20:46:50 -0700"),
        ('"2025-01-29 18:15:32 +0530"', "2025-01-29T18:15:32+05:30", "2025-01-29 18:15:32 +0530"),
        ("2013-09-14", "2013-09-14", "2013-09-14"),
        ("2021", "2021", "2021"),
    ],
)
def test_yaml_dates_stay_as_written_and_read_as_iso(value: str, published: str, published_raw: str) -> None:
    record = yaml(f"title: Cranes\ndate: {value}\n")
    assert (record["published"], record["published_raw"]) == (published, published_raw)
    assert record["warnings"] == []


def test_yaml_values_are_json_native_and_never_reinterpreted() -> None:
    record = yaml(
        "title: Cranes\nversion: 3.10\nrelease: true\nanswer: yes\ncountry: NO\nmode: 0755\n"
        "count: 12\nstarted: 2021-03-04\nwhen: 10:30:00\nempty:\nnested: {a: [1, '2', 2021-01-01]}\n"
    )
    assert record["extra"] == {
        "version": "3.10",
        "release": True,
        "answer": "yes",
        "country": "NO",
        "mode": "0755",
        "count": 12,
        "started": "2021-03-04",
        "when": "10:30:00",
        "empty": None,
        "nested": {"a": [1, "2", "2021-01-01"]},
    }
    json.dumps(record, allow_nan=False)


def test_explicit_yaml_tags_still_give_json_native_values() -> None:
    record = yaml("when: !!timestamp 2021-03-04 10:00:00\nratio: !!float .nan\nset: !!set {b, a}\n")
    assert record["extra"] == {"when": "2021-03-04T10:00:00", "ratio": "nan", "set": ["a", "b"]}


def test_keys_are_matched_in_any_case_and_the_first_one_wins() -> None:
    record = yaml("Title: Cranes\nDate: 2021-03-04\npublished: 2021-03-01\nAuthor: Sara Ali\n")
    assert (record["title"], record["published"], record["author"]) == ("Cranes", "2021-03-04", "Sara Ali")
    assert record["extra"] == {"published": "2021-03-01"}


def test_keys_alike_in_case_the_first_fills_the_column_and_the_others_stay_in_extra() -> None:
    record = yaml("Title: A\ntitle: B\nDATE: 2020-01-01\ndate: 2021-01-01\nTags: [a]\ntags: [b]\n")
    assert (record["title"], record["published_raw"], record["tags"]) == ("A", "2020-01-01", ["a"])
    assert record["extra"] == {"title": "B", "date": "2021-01-01", "tags": ["b"]}


def test_no_key_name_is_in_two_column_groups() -> None:
    # The keys are mapped by lower case once, before any is taken: sound only while every name is
    # looked up once, so no name may be in two groups (nor twice in one).
    groups = [front_matter.TITLE_KEYS, front_matter.AUTHOR_KEYS, front_matter.PUBLISHED_KEYS]
    groups += [front_matter.UPDATED_KEYS, front_matter.TAG_KEYS]
    names = [name for group in groups for name in group]
    assert len(names) == len(set(names))
    assert all(name == name.lower() for name in names)


@pytest.mark.parametrize(
    ("block", "author", "extra"),
    [
        ("author: Tierney Coren (@bnb)\n", "Tierney Coren (@bnb)", {}),
        ("authors: [Jakub Beránek, Jack Huey]\n", "Jakub Beránek, Jack Huey", {}),
        ("author:\n  - Sara Ali\n  - Omar\n", "Sara Ali, Omar", {}),
        (
            "author:\n  name: Sara Ali\n  email: sara@example.org\n",
            "Sara Ali",
            {"author": {"name": "Sara Ali", "email": "sara@example.org"}},
        ),
        ("authors: []\n", None, {}),
    ],
)
def test_author_forms(block: str, author: str | None, extra: dict[str, Any]) -> None:
    record = yaml(block)
    assert (record["author"], record["extra"], record["warnings"]) == (author, extra, [])


@pytest.mark.parametrize(
    ("block", "tags"),
    [
        ("category: release\n", ["release"]),
        ("categories: [team, community]\n", ["team", "community"]),
        ("tags:\n  - a\n  - b\ncategories: b\nkeywords: 'c, d'\n", ["a", "b", "c", "d"]),
        ("tags: [2021, python]\n", ["2021", "python"]),
        ("tags:\n", []),
    ],
)
def test_tags_come_from_tags_categories_category_and_keywords(block: str, tags: list[str]) -> None:
    record = yaml(block)
    assert (record["tags"], record["extra"]) == (tags, {})


def test_a_value_the_column_cannot_hold_stays_in_extra_with_a_warning() -> None:
    record = yaml("title: [a, b]\ntags: {x: 1}\n")
    assert record["title"] is None
    assert record["tags"] == []
    assert record["extra"] == {"title": ["a", "b"], "tags": {"x": 1}}
    assert record["warnings"] == [
        "unrecognised-header: front matter 'title' is not text: kept in extra",
        "unrecognised-header: front matter 'tags' is not a list of tags",
    ]


def test_the_closing_line_is_the_first_delimiter_and_a_later_rule_stays_in_the_body() -> None:
    body = "Intro.\n\n---\n\ntitle: not a key\n---\nEnd."
    record = yaml("title: Cranes\n", body)
    assert (record["title"], record["body"]) == ("Cranes", body)


def test_dots_close_yaml_too() -> None:
    record = parse("---\ntitle: Cranes\n...\n" + BODY)
    assert (record["title"], record["body"]) == ("Cranes", BODY)


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: never closed\n\n" + BODY,
        "---\n\nA story that opens with a rule.\n\n---\n" + BODY,
        "---\n- a list\n- between rules\n---\n" + BODY,
        "--- \n",
    ],
)
def test_text_that_only_looks_like_yaml_front_matter_is_not(text: str) -> None:
    assert parse(text)["dialect"] != "front-matter"


def test_an_empty_block_is_front_matter_without_fields() -> None:
    record = parse("---\n---\n" + BODY)
    assert (record["dialect"], record["title"], record["body"], record["warnings"]) == (
        "front-matter",
        None,
        BODY,
        [],
    )


def test_byline_and_posted_by_lines_inside_the_body_are_body() -> None:
    body = "By default, the build runs for every target.\nPosted by AI on 2025-11-01"
    record = yaml("title: Docs\n", body)
    assert (record["author"], record["published"], record["body"]) == (None, None, body)


def test_crlf_and_bom_give_the_same_record() -> None:
    plain = "---\ntitle: Cranes\ndate: 2021-03-04\n---\n" + BODY
    assert parse("\ufeff" + plain.replace("\n", "\r\n")) == parse(plain)


def test_malformed_yaml_is_a_warning_and_the_body_still_starts_after_the_block() -> None:
    record = yaml("title: ok\nauthor: [unclosed\n")
    assert (record["dialect"], record["title"], record["body"]) == ("front-matter", None, BODY)
    assert record["extra"] == {"front_matter": "title: ok\nauthor: [unclosed"}
    assert record["warnings"][0].startswith("malformed-header: YAML front matter could not be read: ")
    assert "(line 4)" in record["warnings"][0]


def test_yaml_aliases_that_expand_without_end_are_a_warning_not_a_hang() -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    record = yaml("\n".join(levels) + "\n")
    assert record["warnings"] == [
        "malformed-header: YAML front matter could not be read: more than 10000 values or 50 levels"
    ]


TOO_LARGE = "malformed-header: YAML front matter could not be read: more than 10000 values or 50 levels"


@pytest.mark.parametrize("entries", [front_matter.MAX_VALUES - 1, front_matter.MAX_VALUES])
def test_a_mapping_of_scalars_is_held_to_the_same_budget_as_any_block(entries: int) -> None:
    # A flow mapping of one repeated key: 1 + 2 * entries nodes for 2 * MAX_VALUES, one value built.
    record = yaml("{" + "a, " * entries + "}\n")
    if entries < front_matter.MAX_VALUES:
        assert (record["extra"], record["warnings"]) == ({"a": None}, [])
    else:
        assert (record["extra"], record["warnings"]) == (
            {"front_matter": record["extra"]["front_matter"]},
            [TOO_LARGE],
        )


def test_a_block_beyond_the_limits_is_refused_before_it_is_built() -> None:
    # Building it would fail on the list used as a key; the count comes first and says why.
    record = yaml("x: " + "[" * 60 + "]" * 60 + "\n? [a]\n: c\n")
    assert record["warnings"] == [TOO_LARGE]
    record = yaml("x: [a]\n? [a]\n: c\n")
    assert record["warnings"] == [
        "malformed-header: YAML front matter could not be read: found unhashable key (line 3)"
    ]


def test_aliases_of_scalars_in_a_mapping_of_scalars_are_values_as_any_other() -> None:
    record = yaml("who: &who Sara Ali\nauthor: *who\n")
    assert (record["author"], record["extra"], record["warnings"]) == ("Sara Ali", {"who": "Sara Ali"}, [])


YAML_SCALARS = [
    *("news", "Sara Ali", "2019-01-18 15:51:27 +0000", "3.10", ".nan", "1e3", "0", "12", "-3", "+4"),
    *("007", "1_000", "0x1F", "true", "False", "yes", "NO", "~", "null", "Null", ""),
    *("'it''s'", '"a\\tb \\u00e9"', '"1"', "'true'", "|\n  a\n  b", "Été", "a # comment"),
    *("!!str 1", "!!int 3", "!!int 0x10", "!!int abc", "!!bool yes", "!!bool maybe", "!!null ''"),
    *("!!float 1.5", "!!binary aGk=", "!!timestamp 2001-01-01", "!!set {a}", "!!omap [a: 1]"),
    *("!!set x", "!!seq x", "!!map x", "!!omap x", "!!str [1, 2]", "!!int {a: b}"),
    *("&a x", "*a", "[1, 2]", "{a: b}", "!!map {a: b}"),
]
YAML_KEYS = ["title", "Title", "date", "1", "true", "~", '"k"', "'k'", "<<", "=", "!!int 2", "&k k"]
YAML_KEYS += ["!!set k", "!!str [k]", "[k]"]


def constructed(block: str) -> object:
    """What PyYAML's own construction makes of `block` after the same size check, or its error."""
    loader = front_matter._yaml_loader()(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return typed(None)
        front_matter._check_expanded_size(node)
        return typed(loader.construct_document(node))
    except Exception as error:
        return (type(error), str(error))
    finally:
        loader.dispose()


def loaded(block: str) -> object:
    try:
        return typed(front_matter._load_yaml(block))
    except Exception as error:
        return (type(error), str(error))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(YAML_KEYS), st.sampled_from(YAML_SCALARS)), max_size=6))
def test_yaml_mappings_load_as_pyyaml_constructs_them(pairs: list[tuple[str, str]]) -> None:
    block = "".join(f"{key}: {value}\n" for key, value in pairs)
    assert loaded(block) == constructed(block)


@pytest.mark.parametrize(
    "block",
    ["<<: {a: 1}\nb: 2\n", "base: &b x\n<<: *b\n", "!!omap [a: 1]\n", "!!set {a: 1}\n", "a: !!set {b}\n"],
)
def test_merge_keys_and_tagged_collections_take_the_whole_construction(block: str) -> None:
    loader = front_matter._yaml_loader()(block)
    try:
        assert not front_matter._plain_mapping(loader.get_single_node())
    finally:
        loader.dispose()
    assert loaded(block) == constructed(block)


def test_toml_front_matter_with_its_own_extra_table() -> None:
    record = parse(
        '+++\npath = "2014/12/12/1.0-Timeline"\ntitle = "Rust 1.0"\nauthors = ["Aaron Turon"]\n\n'
        '[extra]\nteam = "Core"\nrelease = true\n+++\n' + BODY
    )
    assert (record["title"], record["author"]) == ("Rust 1.0", "Aaron Turon")
    assert (record["published"], record["published_raw"]) == ("2014-12-12", "2014/12/12")
    assert record["extra"] == {"path": "2014/12/12/1.0-Timeline", "extra": {"team": "Core", "release": True}}
    assert record["warnings"] == [
        "fallback-date: published taken from the front matter's path '2014/12/12/1.0-Timeline'"
    ]


def test_toml_dates_keep_the_text_as_written() -> None:
    record = parse(
        "+++\ndate = 2020-01-01T10:00:00Z # first post\nlastmod = 2020-01-02\n"
        "[params]\nshown = 2020-01-03 10:00:00\n+++\n" + BODY
    )
    assert (record["published"], record["published_raw"]) == (
        "2020-01-01T10:00:00+00:00",
        "2020-01-01T10:00:00Z",
    )
    assert (record["updated"], record["updated_raw"]) == ("2020-01-02", "2020-01-02")
    assert record["extra"] == {"params": {"shown": "2020-01-03T10:00:00"}}


def test_a_path_inside_a_toml_table_is_not_the_page_date() -> None:
    record = parse('+++\ntitle = "Inside Rust"\n[[extra.see_also]]\npath = "/2020/01/02/x/"\n+++\n' + BODY)
    assert (record["published"], record["warnings"]) == (None, [])


def test_malformed_toml_names_the_line_in_the_file() -> None:
    record = parse('+++\ntitle = "ok"\nauthor = nobody\n+++\n' + BODY)
    assert record["body"] == BODY
    assert record["warnings"] == [
        "malformed-header: TOML front matter could not be read: Invalid value (at line 3, column 10)"
    ]


def test_json_front_matter() -> None:
    record = parse('{\n  "title": "Rail",\n  "date": "2025-10-28",\n  "score": NaN\n}\n\n' + BODY)
    assert (record["dialect"], record["title"], record["published"]) == ("front-matter", "Rail", "2025-10-28")
    assert (record["extra"], record["body"]) == ({"score": "NaN"}, BODY)


@pytest.mark.parametrize(
    "text",
    ["{\\rtf1\\ansi Hello}\n", '{"title": "x"} and more text\n' + BODY, "{not json\n" + BODY, "[1, 2]\n"],
)
def test_a_file_that_merely_starts_with_a_brace_is_not_json_front_matter(text: str) -> None:
    assert parse(text)["dialect"] is None


def test_the_header_date_wins_over_the_path_and_the_file_name() -> None:
    text = '+++\ndate = "2018-04-19"\npath = "2018/03/14/update"\n+++\n' + BODY
    record = parse(text, source="posts/2018-03-15-update.md")
    assert (record["published"], record["warnings"]) == ("2018-04-19", [])
