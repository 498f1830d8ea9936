"""User rules: line patterns, in a TOML file, for the headers of sites artparse does not know.

    [[rule]]
    name = "tripoli-times"
    lines = [
        '(?P<title>.+)',
        'Written by (?P<author>.+?) on (?P<published>.+)',
        { pattern = 'Views: (?P<visits>[\\d,]+)', optional = true },
    ]

The patterns of a rule are matched in order against the first non-blank lines of a file, each
against one whole line (spaces normalised as for every dialect). The rule applies when every
pattern that is not optional matched; the header ends after the last line matched. Named groups
fill the record: GROUPS. Loading is pure: text in, rules out, RulesError with the rule and the
problem for anything wrong.

A user's pattern can backtrack for ever, so patterns are matched by the `regex` module with a time
limit (RULE_TIME_LIMIT per rule and file; running out is that file's failure, RuleTooSlow), and
only against lines the built-in dialects would read (MAX_HEADER_LINE characters at most).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from artparse.dialects import DIALECTS
from artparse.dialects.header import MAX_HEADER_LINE, Header, header_view, read_count
from artparse.errors import ArtparseError, InputError

GROUPS = ("title", "author", "published", "updated", "updated_by", "visits")
"""The named groups a pattern may use."""

_HEADER_FIELD = {
    "title": "title",
    "author": "author",
    "published": "published_raw",
    "updated": "updated_raw",
    "updated_by": "updated_by",
}


RULE_TIME_LIMIT = 1.0
"""Seconds one rule may spend matching one file; a sane pattern needs microseconds."""


class RulesError(ArtparseError, ValueError):
    """A rule file that cannot be used; the message names the rule and the problem."""


class RuleTooSlow(InputError):
    """A rule ran out of time on one input: that input's failure, with the rule named."""


@dataclass(frozen=True)
class LinePattern:
    regex: regex.Pattern[str]
    optional: bool = False
    where: str = ""
    """The rule and line number, for messages: "rule 'site', line 2"."""


@dataclass(frozen=True)
class Rule:
    """One site's header: its name (the records' `dialect`) and its line patterns, in order."""

    name: str
    lines: tuple[LinePattern, ...]

    def parse(self, lines: Sequence[str]) -> Header | None:
        """The header these patterns read at the top of `lines`, or None when they do not match."""
        header = Header(body_start=0)
        index = 0
        deadline = time.monotonic() + RULE_TIME_LIMIT
        for pattern in self.lines:
            while index < len(lines) and not lines[index].strip():
                index += 1
            found = _match(pattern, lines, index, deadline)
            if found is None:
                if pattern.optional:
                    continue
                return None
            _fill(header, found)
            index += 1
            header.body_start = index
        return header if header.body_start else None


def _match(
    pattern: LinePattern, lines: Sequence[str], index: int, deadline: float
) -> regex.Match[str] | None:
    """`pattern` matched against line `index`, if there is one and it is short enough to be header."""
    if index >= len(lines) or len(lines[index]) > MAX_HEADER_LINE:
        return None
    try:
        return pattern.regex.fullmatch(header_view(lines[index]), timeout=max(deadline - time.monotonic(), 0))
    except TimeoutError:
        raise RuleTooSlow(
            f"{pattern.where}: gave up after {RULE_TIME_LIMIT:g} s on line {index + 1}"
            " (the pattern backtracks too much; see --rules)"
        ) from None


def _fill(header: Header, found: regex.Match[str]) -> None:
    """The groups a line matched; a field that an earlier line filled keeps its value."""
    for group, value in found.groupdict().items():
        text = header_view(value or "")
        if not text:
            continue
        if group == "visits":
            if header.visits is None:
                header.visits = read_count(text, header.warnings)
        elif getattr(header, _HEADER_FIELD[group]) is None:
            setattr(header, _HEADER_FIELD[group], text)


def load_rules(text: str) -> tuple[Rule, ...]:
    """The rules in a TOML rule file's text, in file order."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"not valid TOML: {error}") from None
    except RecursionError:
        raise RulesError("not valid TOML: nested too deeply") from None
    _no_other_keys(document, {"rule"}, "the file")
    tables = document.get("rule")
    if not isinstance(tables, list) or not tables:
        raise RulesError("no rule: write each one as a [[rule]] table with a name and lines")
    rules: list[Rule] = []
    for number, table in enumerate(tables, start=1):
        rule = _rule(table, number)
        if rule.name in DIALECTS or any(rule.name == other.name for other in rules):
            raise RulesError(f"rule {rule.name!r}: the name is already used by another dialect or rule")
        rules.append(rule)
    return tuple(rules)


def _rule(table: Any, number: int) -> Rule:
    if not isinstance(table, dict):
        raise RulesError(f"rule {number}: write it as a [[rule]] table")
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RulesError(f"rule {number}: 'name' must be a non-empty text")
    where = f"rule {name!r}"
    _no_other_keys(table, {"name", "lines"}, where)
    lines = table.get("lines")
    if not isinstance(lines, list) or not lines:
        raise RulesError(f"{where}: 'lines' must be a non-empty list of patterns")
    return Rule(name, tuple(_line_pattern(entry, f"{where}, line {n}") for n, entry in enumerate(lines, 1)))


def _line_pattern(entry: Any, where: str) -> LinePattern:
    """A pattern given as text, or as a table {pattern = '...', optional = true}."""
    optional = False
    if isinstance(entry, dict):
        _no_other_keys(entry, {"pattern", "optional"}, where)
        optional = entry.get("optional", False)
        if not isinstance(optional, bool):
            raise RulesError(f"{where}: 'optional' must be true or false")
        entry = entry.get("pattern")
    if not isinstance(entry, str) or not entry:
        raise RulesError(f"{where}: a pattern must be a non-empty text, or a table with one")
    try:
        compiled = regex.compile(entry)
    except regex.error as error:
        raise RulesError(f"{where}: not a valid regular expression: {error}") from None
    except (RecursionError, OverflowError, ValueError, MemoryError):
        raise RulesError(
            f"{where}: not a usable regular expression: too large or nested too deeply"
        ) from None
    unknown = [group for group in compiled.groupindex if group not in GROUPS]
    if unknown:
        raise RulesError(f"{where}: unknown group {unknown[0]!r}; known: {', '.join(GROUPS)}")
    return LinePattern(compiled, optional, where)


def _no_other_keys(table: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise RulesError(f"{where}: unknown key {unknown[0]!r}; known: {', '.join(sorted(known))}")
