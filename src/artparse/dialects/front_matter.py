"""front-matter: YAML between `---` lines, TOML between `+++` lines, or a JSON object, from line 1.

    ---
    title: "Jekyll 1.0.0 Released"
    date: "2013-05-06 02:12:52 +0200"
    author: parkr
    category: release
    ---

Columns come from these keys (any letter case; the first one present wins, the others stay in
`extra`): title; date, published, pubdate, publishdate, published_at, publish_date, created,
date created, created_at (PUBLISHED_KEYS); author, authors (a list is joined with ", "); tags,
categories, category, keywords (all of them, in that order); lastmod, updated, modified,
last_modified_at, updated_at, date modified (UPDATED_KEYS). Without a title key, a Markdown H1
(`# Title`) opening the body is the title (and stays in the body). Every other key stays in
`extra` under its own name with a JSON-native value, so a TOML `[extra]` table becomes
`extra.extra`. Without a date key, a Zola-style
`path = "2014/12/12/slug"` gives the date, with a warning.

YAML is read with the safe loader and only the plain types JSON also has: `true`/`false`, decimal
integers, null and strings. Dates, times and numbers such as `3.10` stay text exactly as written.
A block that cannot be read is a warning: its text is kept in `extra.front_matter` and the body
still starts after it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, time
from functools import cache, lru_cache
from typing import Any

from artparse.dialects.header import Header, header_view
from artparse.patterns import on_first_use

NAME = "front-matter"

MAX_VALUES = 10_000  # values in one front matter block; YAML aliases can make far more out of little text
MAX_DEPTH = 50
_MAX_INT_BITS = 4000 * 3  # Python refuses to write integers of more than 4,300 digits as decimal text

TITLE_KEYS = ("title",)
PUBLISHED_KEYS = (
    *("date", "published", "pubdate", "publishdate", "published_at", "publish_date", "date published"),
    *("created", "date created", "created_at", "date_created", "creation_date"),
)
UPDATED_KEYS = (
    *("lastmod", "updated", "modified", "last_modified_at", "updated_at", "date modified", "date_modified"),
    *("last_modified", "modified_at", "last_updated"),
)
AUTHOR_KEYS = ("author", "authors")
TAG_KEYS = ("tags", "categories", "category", "keywords")

MAX_BLANK_LINES = 20  # blank lines looked past for a heading under the front matter
MAX_HEADING = 300
# The patterns are compiled on first use: most files have no front matter.


_h1 = on_first_use(r"#[ \t]+(?P<title>[^#].*?)(?:[ \t]+#+)?")


_path_date = on_first_use(r"(?:^|/)(?P<date>\d{4}/\d{2}/\d{2})(?:/|$)", re.ASCII)


_toml_line = on_first_use(r"at line (?P<line>\d+)")


# Parts of the value are separated by single spaces, so no two parts of the pattern can take
# the same characters: the match is linear in the line's length.
_toml_date_line = on_first_use(
    r"[ \t]*(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*"
    r"(?P<value>\d[\dTZtz:.+\-]*(?: [\dTZtz:.+\-]+)*)[ \t]*(?:#.*)?"
)


Loader = Callable[[str], Any]


class _TooLarge(ValueError):
    """The block holds more values than a header can: an alias bomb or a mistake."""


def parse(lines: Sequence[str]) -> Header | None:
    """Read the front matter that opens `lines`, or None when they do not open with one."""
    header = _front_matter(lines)
    if header is not None and header.title is None:
        header.title = _heading(lines, header.body_start)
    return header


OPENERS = "-+{"
"""The first characters of every text that opens with front matter ("---", "+++", a JSON object)."""


def _front_matter(lines: Sequence[str]) -> Header | None:
    if not lines or lines[0][:1] not in OPENERS:
        return None
    first = lines[0].rstrip()
    if first == "---":
        return _delimited(lines, ("---", "..."), "YAML", _load_yaml)
    if first == "+++":
        return _delimited(lines, ("+++",), "TOML", _load_toml)
    if first.startswith("{"):
        return _json(lines)
    return None


def _heading(lines: Sequence[str], start: int) -> str | None:
    """The text of a Markdown H1 (`# Title`) that opens the body, which stays in the body."""
    for line in lines[start : start + MAX_BLANK_LINES]:
        if line.strip():
            found = _h1().fullmatch(line.strip()) if len(line) <= MAX_HEADING else None
            return header_view(found["title"]) or None if found else None
    return None


def _delimited(lines: Sequence[str], closers: tuple[str, ...], kind: str, load: Loader) -> Header | None:
    end = next((index for index in range(1, len(lines)) if lines[index].rstrip() in closers), None)
    if end is None:
        return None  # an opening line that is never closed is a Markdown rule, not front matter
    block = "\n".join(lines[1:end])
    header = Header(body_start=end + 1)
    try:
        flat = _flat_yaml(lines[1:end]) if load is _load_yaml else None
        data = _native(load(block), [MAX_VALUES], 0) if flat is None else flat
    except Exception as error:  # a third-party parser on untrusted text: every failure means the same
        header.extra["front_matter"] = block
        header.warnings.append(f"malformed-header: {kind} front matter could not be read: {_reason(error)}")
        return header
    if data is None:
        return header  # an empty block
    if not isinstance(data, dict):
        return None  # prose or a list between two rules
    _read_keys(data, header)
    return header


def _json(lines: Sequence[str]) -> Header | None:
    import json

    text = "\n".join(lines)
    try:
        data, end = json.JSONDecoder(parse_constant=str).raw_decode(text)
        data = _native(data, [MAX_VALUES], 0)
    except (ValueError, RecursionError):
        return None  # not JSON: a file that merely starts with a brace
    line_end = text.find("\n", end)
    rest = text[end:] if line_end < 0 else text[end:line_end]
    if not isinstance(data, dict) or rest.strip():
        return None
    header = Header(body_start=text.count("\n", 0, end) + 1)
    _read_keys(data, header)
    return header


@cache
def _yaml_loader() -> type[Any]:
    """The C safe loader when it is built, with YAML 1.2's plain types instead of YAML 1.1's."""
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    dropped = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float"}
    dropped |= {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int"}
    loader: type[Any] = type("FrontMatterLoader", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag not in dropped]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    # Only true/false: YAML 1.1 also reads yes, no, on and off (and the country code NO) as booleans.
    booleans = sorted(_YAML_BOOLEANS)
    loader.add_implicit_resolver(
        _YAML_BOOL, re.compile(f"^(?:{'|'.join(booleans)})$"), sorted({word[0] for word in booleans})
    )
    # Decimal only: YAML 1.1 reads 0755 as octal and 1_000 as 1000.
    loader.add_implicit_resolver(_YAML_INT, re.compile(f"^(?:{_YAML_DECIMAL})$"), list(_DECIMAL_FIRSTS))
    return loader


_YAML_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML_DECIMAL = r"[-+]?(?:0|[1-9][0-9]*)"
_decimal = on_first_use(_YAML_DECIMAL)


def _load_yaml(block: str) -> Any:
    """The block's data; _TooLarge before anything is built when aliases or merge keys would
    make more than MAX_VALUES values or MAX_DEPTH levels of it (a few KB can mean gigabytes)."""
    loader = _yaml_loader()(block)  # a safe loader: see _yaml_loader
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expanded_size(node)
        if _plain_mapping(node):
            return {_plain_scalar(key, loader): _plain_scalar(item, loader) for key, item in node.value}
        return loader.construct_document(node)
    finally:
        loader.dispose()


_MAX_FLAT_LINES = 1000  # fewer values than MAX_VALUES, so _native's budget is never reached
_MAX_FLAT_KEY = 128  # characters: YAML takes a key on one line only within 1024 of them
_MAX_FLAT_INT = 18  # digits: any int of so few is _native's as it is, and int() reads it
_flat_key = on_first_use(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?: [A-Za-z0-9_.-]+)*", re.ASCII)
_PLAIN_STARTS_NOT = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""The indicators YAML reads at a scalar's start, so that no plain scalar starts with them (some
may, before a non-space: those go to the loader)."""


def _flat_yaml(lines: Sequence[str]) -> dict[str, Any] | None:
    """`_native(_load_yaml(block), ...)` of the usual front matter's lines, read by str methods:
    `KEY: VALUE` lines from the first column (and empty lines), KEY a simple word key, VALUE
    plain (one line, no comment, nothing YAML reads as more than text, null, true/false or a
    short decimal int), in quotes without escapes or quotes inside, or nothing. None for any
    other block, which the loader reads."""
    if len(lines) > _MAX_FLAT_LINES:
        return None
    data: dict[Any, Any] = {}  # as _load_yaml builds it, a key at a time: equal keys are one
    for line in lines:
        if not line:
            continue
        key, colon, rest = line.partition(": ")
        if not colon:
            if line[-1] != ":":
                return None
            key = line[:-1]
        name = _flat_key_value(key) if len(key) <= _MAX_FLAT_KEY else _NOT_FLAT
        value = _flat_value(rest.strip(" ")) if rest.isprintable() else _NOT_FLAT
        if name is _NOT_FLAT or value is _NOT_FLAT:
            return None
        data[name] = value
    if not data:
        return None
    return {str(key): value for key, value in data.items()}


_NOT_FLAT = object()
"""What _flat_value gives for a scalar that it does not read."""


@lru_cache(maxsize=1024)
def _flat_key_value(key: str) -> Any:
    """The value of `key` (a mapping key: keys are few, and repeat from file to file), as the
    loader constructs it, or _NOT_FLAT when it is not a simple word key."""
    if not _flat_key().fullmatch(key):
        return _NOT_FLAT
    return _flat_value(key)


def _flat_value(text: str) -> Any:
    """The value of a printable line's scalar `text` (stripped), as the loader constructs it, or
    _NOT_FLAT."""
    first = text[:1]
    if first == '"' or first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != first or first in inner or (first == '"' and "\\" in inner):
            return _NOT_FLAT
        return inner
    if first in _PLAIN_STARTS_NOT or ": " in text or " #" in text or text[-1:] == ":":
        return _NOT_FLAT
    tag = _plain_tag(text)
    return text if tag == _YAML_STR else _plain_typed(tag, text)


def _plain_tag(text: str) -> str:
    """The tag the loader's implicit resolvers give the plain scalar `text` (one printable line),
    without the loader: importing PyYAML costs more than reading a thousand flat blocks."""
    if text[:1] not in _TAGGED_FIRSTS:
        return _YAML_STR  # most values: told by their first character
    if text in _YAML_BOOLEANS:
        return _YAML_BOOL
    if text in _YAML_NULLS:
        return _YAML_NULL
    if text[:1] in _DECIMAL_FIRSTS and _decimal().fullmatch(text):
        return _YAML_INT
    return _YAML_OTHER if text in _YAML_OTHERS else _YAML_STR


def _plain_typed(tag: str, text: str) -> Any:
    """The value of the plain scalar `text` that the resolver gives `tag`, or _NOT_FLAT."""
    if tag == _YAML_NULL:
        return None
    if tag == _YAML_BOOL:
        return _YAML_BOOLEANS[text]
    if tag == _YAML_INT and len(text) <= _MAX_FLAT_INT:
        return int(text)  # decimal only (see _yaml_loader): what construct_yaml_int gives
    return _NOT_FLAT


_YAML_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_YAML_OTHERS = frozenset({"<<", "=", "!", "&", "*"})
"""Plain scalars of the loader's other implicit tags (merge, value, yaml): read by the loader."""
_YAML_OTHER = "other"
_DECIMAL_FIRSTS = "-+0123456789"
_TAGGED_FIRSTS = frozenset(
    {*_DECIMAL_FIRSTS, *(word[:1] for word in (*_YAML_BOOLEANS, *_YAML_NULLS, *_YAML_OTHERS))}
)
"""The first characters of the plain scalars _plain_tag gives a tag other than str ("" too)."""
_YAML_STR = "tag:yaml.org,2002:str"
_YAML_NULL = "tag:yaml.org,2002:null"
_YAML_BOOL = "tag:yaml.org,2002:bool"
_YAML_INT = "tag:yaml.org,2002:int"
_YAML_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = frozenset({_YAML_STR, _YAML_NULL, _YAML_BOOL, _YAML_INT})
"""Scalar tags whose safe constructors are plain functions of the one node: nothing built later."""


def _plain_mapping(root: Any) -> bool:
    """Whether `root` is a mapping (no other tag) of scalars with plain tags only: the usual front
    matter, whose data is one dict of its keys and values in order (no merge key: its tag is
    another), as construct_document would build it with a constructor call per node."""
    if root.id != "mapping" or root.tag != _YAML_MAP:
        return False
    return all(
        type(key.value) is str
        and key.tag in _PLAIN_TAGS
        and type(item.value) is str
        and item.tag in _PLAIN_TAGS
        for key, item in root.value
    )


def _plain_scalar(node: Any, loader: Any) -> Any:
    """A plain scalar's value: a str node's text is its value (SafeConstructor.construct_yaml_str)."""
    return node.value if node.tag == _YAML_STR else loader.construct_object(node)


def _check_expanded_size(root: Any) -> None:
    """Count the nodes of the YAML graph as construction would expand them (every alias and merge
    key anew), stopping at the budget: linear in min(text, budget), never in the expansion."""
    budget = 2 * MAX_VALUES  # keys and values: _native counts values only
    if _flat_within(root, budget):
        return
    pending = [(root, 0)]
    while pending:
        node, depth = pending.pop()
        budget -= 1
        if budget < 0 or depth > MAX_DEPTH:
            raise _TooLarge
        if isinstance(node.value, list):
            below = depth + 1
            for child in node.value:
                if isinstance(child, tuple):  # a mapping's (key, value)
                    pending.extend([(child[0], below), (child[1], below)])
                else:
                    pending.append((child, below))


def _flat_within(root: Any, budget: int) -> bool:
    """Whether `root` is a mapping whose keys and values are all scalars (the usual front matter),
    with no more than `budget` nodes: what the walk above counts of it without going below it."""
    if root.id != "mapping" or 1 + 2 * len(root.value) > budget:
        return False
    return all(type(key.value) is str and type(item.value) is str for key, item in root.value)


def _load_toml(block: str) -> Any:
    import tomllib

    data = tomllib.loads(block)
    dated = [key for key, value in data.items() if isinstance(value, date | time)]
    literals = _toml_date_literals(block) if dated else {}
    for key in dated:  # keep a top-level date as written, not as Python prints it
        literal = literals.get(key)
        data[key] = literal if _reads_as(literal, data[key]) else data[key].isoformat()
    return data


def _reads_as(literal: str | None, value: date | time) -> bool:
    """Whether `literal` is the TOML text of `value` (a line inside a multi-line string is not)."""
    import tomllib

    try:
        return literal is not None and bool(tomllib.loads(f"v = {literal}")["v"] == value)
    except tomllib.TOMLDecodeError:
        return False


def _reason(error: Exception) -> str:
    """The parser's complaint in one line, with line numbers counted in the whole file."""
    problem, mark = getattr(error, "problem", None), getattr(error, "problem_mark", None)
    if problem and mark is not None:  # PyYAML's MarkedYAMLError: line numbers count from 0 in the block
        return f"{problem} (line {mark.line + 2})"
    if isinstance(error, _TooLarge | RecursionError):
        return f"more than {MAX_VALUES} values or {MAX_DEPTH} levels"
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return _toml_line().sub(lambda found: f"at line {int(found['line']) + 1}", message)


def _native(value: Any, budget: list[int], depth: int) -> Any:
    """`value` as JSON-native data: dates as ISO text, other odd types as text, keys as strings."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooLarge
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_INT_BITS:
        return hex(value)  # a 0xfff... literal of thousands of digits: decimal text of it would raise
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _native(item, budget, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_native(item, budget, depth + 1) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((_native(item, budget, depth + 1) for item in value), key=str)
    return str(value)


def _read_keys(data: dict[str, Any], header: Header) -> None:
    """Fill the header's columns from `data`; what is left becomes `extra`."""
    rest = dict(data)
    # Each name is looked up once, and the key groups share no name: the keys taken before a
    # lookup cannot be what it finds, so one map made before any is taken serves every lookup.
    by_name = {key.lower(): key for key in reversed(rest)}  # the first of keys alike in case
    header.title = _take(rest, by_name, TITLE_KEYS, _text, header)
    header.author = _take(rest, by_name, AUTHOR_KEYS, _names, header)
    header.published_raw = _take(rest, by_name, PUBLISHED_KEYS, _text, header)
    header.updated_raw = _take(rest, by_name, UPDATED_KEYS, _text, header)
    header.tags = _tags(rest, by_name, header)
    if header.published_raw is None:
        header.published_raw = _date_from_path(rest.get("path"), header)
    header.extra = rest


def _take(
    rest: dict[str, Any],
    by_name: dict[str, str],
    names: tuple[str, ...],
    convert: Callable[[Any], str | None],
    header: Header,
) -> str | None:
    """Remove the first key of `names` that is present and give its value as text.

    A value the column cannot hold stays in `rest`, with a warning; so does an author given as
    records ({name, email}), whose names fill the column. `by_name` maps the lower case of
    `rest`'s keys to the keys.
    """
    key = _first_key(by_name, names)
    if key is None:
        return None
    value = rest[key]
    text = convert(value)
    if text is None and value not in (None, "", []):
        header.warnings.append(f"unrecognised-header: front matter {key!r} is not text: kept in extra")
    elif not _has_records(value):
        del rest[key]
    return text


def _first_key(by_name: dict[str, str], names: tuple[str, ...]) -> str | None:
    """The key of the first of `names` that `by_name` holds, or None."""
    if by_name.keys().isdisjoint(names):
        return None  # told in one call: most groups of names are not in a block at all
    for name in names:
        if name in by_name:
            return by_name[name]
    return None


def _text(value: Any) -> str | None:
    if type(value) is str:
        return header_view(value) or None  # the usual value: str() gives it back as it is
    if isinstance(value, str | int) and not isinstance(value, bool):
        return header_view(str(value)) or None
    return None


def _names(value: Any) -> str | None:
    """An author: a name, a list of names, or {name: ...} records (Jekyll SEO, Hugo)."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        names = [_names(item) for item in value]
        return None if None in names else ", ".join(name for name in names if name) or None
    return _text(value)


def _has_records(value: Any) -> bool:
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(i, dict) for i in value))


def _toml_date_literals(block: str) -> dict[str, str]:
    """The date literals given to top-level bare keys in a TOML block, as written; one pass."""
    literals: dict[str, str] = {}
    for line in block.split("\n"):
        if line.lstrip().startswith("["):
            break  # the top-level keys are over
        found = _toml_date_line().fullmatch(line)
        if found:
            literals.setdefault(found["key"], found["value"])
    return literals


def _tags(rest: dict[str, Any], by_name: dict[str, str], header: Header) -> list[str]:
    tags: dict[str, None] = {}
    for name in TAG_KEYS:
        key = by_name.get(name)
        if key is None:
            continue
        found = _tag_list(rest[key])
        if found is None:
            header.warnings.append(f"unrecognised-header: front matter {key!r} is not a list of tags")
            continue
        tags.update(dict.fromkeys(found))
        del rest[key]
    return list(tags)


def _tag_list(value: Any) -> list[str] | None:
    """A list of scalars, or one text with commas between the tags."""
    if value is None:
        return []
    if isinstance(value, str):
        return [tag for part in value.split(",") if (tag := header_view(part))]
    if isinstance(value, list) and all(item is None or _text(item) is not None for item in value):
        return [tag for tag in (_text(item) for item in value) if tag]
    return None


def _date_from_path(path: Any, header: Header) -> str | None:
    """Zola and similar sites put the date in the page's path: "inside-rust/2020/07/27/slug"."""
    found = _path_date().search(path) if isinstance(path, str) else None
    if found is None:
        return None
    header.warnings.append(f"fallback-date: published taken from the front matter's path {path!r}")
    return found["date"]
