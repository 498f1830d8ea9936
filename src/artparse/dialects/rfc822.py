"""rfc822: `Field: value` lines ended by a blank line, as in mail, Usenet and PEP documents.

    From: jdoe@x.edu (John Doe)
    Newsgroups: comp.lang.python
    Subject: Re: tabs or spaces
    Date: Mon, 5 Apr 1993 14:02:11 GMT

    PEP: 8
    Title: Style Guide for Python Code
    Author: Guido van Rossum <guido@python.org>,
            Barry Warsaw <barry@python.org>
    Created: 05-Jul-2001

Lines that start with a space or a tab continue the field above (folded with one space). An mbox
`From jdoe@x.edu Mon Apr  5 14:02:11 1993` line may come first. The block is a header only when
every line of it is a field or a continuation and at least two of its fields are ones that mail,
news or PEPs use (KNOWN_FIELDS): a news story whose first lines have colons is not a header.

Title <- Title or Subject; author <- Author or From (display names, addresses dropped; the field
as written also stays in `extra`); published <- Date, Created or Published; updated <- Updated or
Last-Modified; tags <- Keywords or Tags (split at commas). Every other field goes to `extra` as
text, or as a list of texts when it is repeated (Received).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from artparse.dialects.header import Header, header_view

NAME = "rfc822"

MIN_KNOWN_FIELDS = 2  # "Breaking: ..." above "Date: ..." is a story, not a header

KNOWN_FIELDS = frozenset(
    {
        *("from", "subject", "date", "to", "cc", "newsgroups", "message-id", "references"),
        *("in-reply-to", "reply-to", "sender", "organization", "path", "lines", "xref", "received"),
        *("return-path", "mime-version", "content-type", "followup-to"),
        *("pep", "title", "author", "created", "status", "type", "post-history", "keywords"),
    }
)
"""Field names that mark a mail, news or PEP header; other fields are read but do not count."""

TITLE_FIELDS = ("title", "subject")
AUTHOR_FIELDS = ("author", "from")
PUBLISHED_FIELDS = ("date", "created", "published")
UPDATED_FIELDS = ("updated", "last-modified")
TAG_FIELDS = ("keywords", "tags")

_FIELD = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*)")
_ENVELOPE = re.compile(r"From \S+ .*\d{4}[ \t]*")  # mbox: "From jdoe@x.edu Mon Apr  5 14:02:11 1993"
_ANGLE_ADDRESS = re.compile(r"\s*<[^<>]*>")
_ADDRESS_THEN_NAME = re.compile(r"[^\s,<>()]+@[^\s,<>()]+\s*\((?P<name>[^()]*)\)")
_QUOTED = re.compile(r'"(?P<text>(?:[^"\\]|\\.)*)"')
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")


def parse(lines: Sequence[str]) -> Header | None:
    """Read the field block that opens `lines`, or None when they do not open with one."""
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    envelope = None
    if start < len(lines) and _ENVELOPE.fullmatch(lines[start]):
        envelope, start = lines[start], start + 1
    fields, end = _read_fields(lines, start)
    if fields is None or sum(name.lower() in KNOWN_FIELDS for name, _ in fields) < MIN_KNOWN_FIELDS:
        return None
    header = Header(body_start=end)
    if envelope is not None:
        header.extra["envelope"] = envelope
    _map_fields(fields, header)
    return header


def _read_fields(lines: Sequence[str], start: int) -> tuple[list[tuple[str, str]] | None, int]:
    """(name, unfolded value) pairs up to the first blank line, and the index after it.

    None when a line in the block is neither a field nor a continuation.
    """
    fields: list[tuple[str, str]] = []
    index = start
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        if line[0] in " \t" and fields:
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {line.strip()}".strip())
        elif found := _FIELD.fullmatch(line):
            fields.append((found["name"], found["value"].strip()))
        else:
            return None, index
        index += 1
    return fields, index + 1


def _map_fields(fields: list[tuple[str, str]], header: Header) -> None:
    first_values: dict[str, str] = {}
    for name, value in fields:
        first_values.setdefault(name.lower(), header_view(value))
    used: set[str] = set()

    def pick(names: tuple[str, ...]) -> str | None:
        name = next((name for name in names if name in first_values), None)
        if name is None:
            return None
        used.add(name)
        return first_values[name]

    header.title = _optional(_decoded, pick(TITLE_FIELDS))
    header.author = _optional(_display_names, pick(AUTHOR_FIELDS))
    header.published_raw = pick(PUBLISHED_FIELDS)
    header.updated_raw = pick(UPDATED_FIELDS)
    header.tags = [tag for tag in (part.strip() for part in (pick(TAG_FIELDS) or "").split(",")) if tag]
    _keep_the_rest(fields, used - set(AUTHOR_FIELDS), header.extra)


def _keep_the_rest(fields: list[tuple[str, str]], used: set[str], extra: dict[str, object]) -> None:
    """Every field but the first of each one used for a column; a repeated field becomes a list."""
    for name, value in fields:
        if name.lower() in used:
            used.discard(name.lower())
            continue
        value = header_view(value)
        kept = extra.get(name)
        if kept is None:
            extra[name] = value
        elif isinstance(kept, list):
            kept.append(value)
        else:
            extra[name] = [kept, value]


def _optional(convert: Callable[[str], str], value: str | None) -> str | None:
    return None if value is None else convert(value) or None


def _display_names(value: str) -> str:
    """`John Doe <jdoe@x.edu>` and `jdoe@x.edu (John Doe)` give `John Doe`; an address alone stays."""
    text = _decoded(value)
    names = _ADDRESS_THEN_NAME.sub(lambda found: found["name"], text)
    names = _QUOTED.sub(lambda found: found["text"], _ANGLE_ADDRESS.sub("", names))
    return header_view(names).strip(" ,") or text.strip(" <>")


def _decoded(value: str) -> str:
    """MIME encoded words (`=?utf-8?q?Zo=C3=A9?=`) as text; the value as written if they are broken."""
    if not _ENCODED_WORD.search(value):
        return value
    from email.errors import HeaderParseError
    from email.header import decode_header, make_header

    try:
        return header_view(str(make_header(decode_header(value))))
    except (HeaderParseError, ValueError, LookupError):
        return value
