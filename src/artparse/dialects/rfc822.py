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

Title <- Title or Subject; author <- Author, Authors (Pelican) or From (display names, addresses
dropped; the field as written also stays in `extra`); published <- Date, Created or Published;
updated <- Updated, Last-Modified or Modified (Pelican); tags <- Keywords, Tags or Category
(split at commas). Every other field goes to `extra` as
text, or as a list of texts when it is repeated (Received).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from artparse.dialects.header import Header, header_view
from artparse.patterns import on_first_use

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
AUTHOR_FIELDS = ("author", "authors", "from")
PUBLISHED_FIELDS = ("date", "created", "published")
UPDATED_FIELDS = ("updated", "last-modified", "modified")
TAG_FIELDS = ("keywords", "tags", "category")

MAX_DECODED = 4096  # characters: a longer value is kept as written, not MIME-decoded
MAIL_FIELDS = frozenset({"from", "newsgroups", "message-id", "path", "received", "sender", "to", "xref"})
"""Fields of mail and news: their Date's zone names are RFC 822's (CST is -06:00)."""

# The patterns are compiled on first use: a file that an earlier dialect reads never needs them.


# RFC 5322: a field name is any printable ASCII character but the colon ("Article-I.D.:").
_field = on_first_use(r"(?P<name>[!-9;-~]+)[ \t]*:[ \t]*(?P<value>.*)", re.ASCII)


_envelope = on_first_use(r"From \S+ .*\d{4}[ \t]*")
"""An mbox envelope line: "From jdoe@x.edu Mon Apr  5 14:02:11 1993"."""


_encoded_word = on_first_use(r"=\?[^?\s]+\?[bqBQ]\?[^?\s]*\?=")


_MAX_ENVELOPE = 1000
_LEADING_CONTINUATION = (
    "malformed-header: the header starts with a continuation line (kept in extra.continuation)"
)


def parse(lines: Sequence[str]) -> Header | None:
    """Read the field block that opens `lines`, or None when they do not open with one."""
    start = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
    envelope = None
    if (
        start < len(lines)
        and lines[start].startswith("From ")  # as every _envelope() match does: most lines are told so
        and len(lines[start]) <= _MAX_ENVELOPE
        and _envelope().fullmatch(lines[start])
    ):
        envelope, start = lines[start], start + 1
    block = _read_fields(lines, start)
    if block is None:
        return None
    leading, fields, end = block
    names = [name.lower() for name, _ in fields]  # each field's name in lower case, made once
    if sum(map(KNOWN_FIELDS.__contains__, names)) < MIN_KNOWN_FIELDS:
        return None
    header = Header(body_start=end, mail_zones=not MAIL_FIELDS.isdisjoint(names))
    if envelope is not None:
        header.extra["envelope"] = envelope
    if leading:
        header.extra["continuation"] = header_view(leading)
        header.warnings.append(_LEADING_CONTINUATION)
    views = [header_view(value) for _, value in fields]
    _map_fields(fields, names, views, header)
    if not header.mail_zones and "pep" not in names:
        _read_site_fields(fields, header)
    return header


def _read_fields(lines: Sequence[str], start: int) -> tuple[str, list[tuple[str, str]], int] | None:
    """(leading continuation, (name, unfolded value) pairs, index after the blank line ending them).

    None when a line in the block is neither a field nor a continuation (so also when it reaches
    the end of the header window, header.header_window: no block is longer than that). Folded
    with a list join, and every pattern is linear: the time is linear in the window.
    """
    leading: list[str] = []
    fields: list[tuple[str, list[str]]] = []
    index = start
    while index < len(lines) and lines[index].strip():
        line = lines[index]
        if line[0] in " \t":
            (fields[-1][1] if fields else leading).append(line.strip())
        elif found := _field().fullmatch(line):
            fields.append((found["name"], [found["value"].strip()]))
        else:
            return None
        index += 1
    unfolded = [(name, " ".join(filter(None, parts))) for name, parts in fields]
    return " ".join(leading), unfolded, index + 1


def _map_fields(fields: list[tuple[str, str]], names: list[str], views: list[str], header: Header) -> None:
    """Fill the columns from the first of the fields each reads, and `extra` from the rest;
    `names` are the fields' names in lower case, `views` their values' header views."""
    first_values: dict[str, str] = {}
    for name, view in zip(names, views, strict=True):
        first_values.setdefault(name, view)
    used: set[str] = set()

    def pick(names: tuple[str, ...]) -> str | None:
        for name in names:
            if name in first_values:
                used.add(name)
                return first_values[name]
        return None

    header.title = _optional(_decoded, pick(TITLE_FIELDS))
    header.author = _optional(_display_names, pick(AUTHOR_FIELDS))
    header.published_raw = pick(PUBLISHED_FIELDS)
    header.updated_raw = pick(UPDATED_FIELDS)
    header.tags = [tag for tag in (part.strip() for part in (pick(TAG_FIELDS) or "").split(",")) if tag]
    _keep_the_rest(fields, names, views, used - set(AUTHOR_FIELDS), header.extra)


def _read_site_fields(fields: list[tuple[str, str]], header: Header) -> None:
    """A block with no mail, news or PEP field is a site's labelled header: its author field
    "NAME on DATE" is read as the vocabulary reads it (so the date is not part of the name), and
    a field kept in extra that the vocabulary reads whole as a counter or share list fills its
    field."""
    from artparse.dialects import vocabulary
    from artparse.dialects.byline import fill

    site_roles = (vocabulary.VISITS, vocabulary.COMMENTS, vocabulary.READING_TIME, vocabulary.SHARE)
    for name, value in fields:
        parts = vocabulary.read_line(f"{name}: {header_view(value)}")
        if any(part.role == vocabulary.UNKNOWN for part in parts):
            continue
        if name.lower() in AUTHOR_FIELDS and parts[0].role == vocabulary.AUTHOR and len(parts) > 1:
            header.author = None
            fill(header, parts)
        elif len(parts) == 1 and parts[0].role in site_roles and header.extra.get(name) == header_view(value):
            del header.extra[name]
            fill(header, parts)


def _keep_the_rest(
    fields: list[tuple[str, str]],
    names: list[str],
    views: list[str],
    used: set[str],
    extra: dict[str, object],
) -> None:
    """Every field but the first of each one used for a column; a repeated field becomes a list
    (`names` and `views` as _map_fields takes them)."""
    for (name, _), lowered, value in zip(fields, names, views, strict=True):
        if lowered in used:
            used.discard(lowered)
            continue
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
    """`John Doe <jdoe@x.edu>`, `jdoe@x.edu (John Doe)` and `host!jdoe (John Doe)` give `John Doe`.

    Read in one pass over the value (quoted strings, nested comments and angle addresses as RFC
    5322 writes them), so no value takes more than linear time. An address alone stays, as does
    an address whose comment is empty.
    """
    quick = _usual_display_names(value)
    return quick if quick is not None else _any_display_names(value)


def _usual_display_names(text: str) -> str | None:
    """_display_names of the usual shapes, by str methods: a name or address alone, `NAME
    <ADDRESS>`, `ADDRESS (NAME)`, with no quotes, escapes, other brackets or MIME encoded words
    (all of which hold "=?"); None for others."""
    if '"' in text or "\\" in text or "=?" in text:
        return None
    if "(" not in text and "<" not in text:
        names = text  # atoms, spaces and commas: kept as they are
    elif "<" not in text and text.endswith(")"):
        opening = text.index("(")
        address, inner = text[:opening].rstrip(" \t"), text[opening + 1 : -1]
        if not address or any(char in address for char in " \t,") or "(" in inner or ")" in inner:
            return None
        if "@" not in address and "!" not in address:
            return None
        names = inner.strip() or address
    elif "(" not in text and text.count("<") == 1 and text.find(">", text.index("<")) == len(text) - 1:
        names = text[: text.index("<")].rstrip(" \t")  # the first ">" after the "<" ends the text
    else:
        return None
    return header_view(names).strip(" ,") or text.strip(" <>")


def _any_display_names(value: str) -> str:
    """_display_names of any value: its tokens read one by one."""
    text = _decoded(value)
    kept: list[tuple[str, str]] = []
    for kind, token in _tokens(text):
        if kind == "angle":
            while kept and kept[-1][0] == "space":
                kept.pop()
        elif kind == "comment" and (address := _address_before(kept)) is not None:
            name = token[1:-1].strip()
            del kept[address + 1 :]
            if name:
                kept[address] = ("name", name)
        elif kind == "quoted":
            kept.append(("name", _unescape().sub(r"\1", token[1:-1])))
        else:
            kept.append((kind, token))
    names = "".join(token for _, token in kept)
    return header_view(names).strip(" ,") or text.strip(" <>")


_unescape = on_first_use(r"\\(.)")


_atom_end = on_first_use(r'[ \t"(<,]')


def _address_before(kept: list[tuple[str, str]]) -> int | None:
    """The index of the address (an atom with @ or a bang path) just before a comment, if any."""
    index = len(kept) - 1
    while index >= 0 and kept[index][0] == "space":
        index -= 1
    if index >= 0 and kept[index][0] == "atom" and ("@" in kept[index][1] or "!" in kept[index][1]):
        return index
    return None


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of an address list: space, quoted, comment, angle, comma or atom.

    An unclosed quote, comment or angle bracket makes the rest of the value one atom.
    """
    tokens: list[tuple[str, str]] = []
    index, end, close = 0, len(text), -1
    while index < end:
        char = text[index]
        if char in " \t":
            stop = index
            while stop < end and text[stop] in " \t":
                stop += 1
            kind = "space"
        elif char == ",":
            stop, kind = index + 1, "comma"
        elif char in '"(':
            stop = (_quoted_end if char == '"' else _comment_end)(text, index)
            kind = ("quoted" if char == '"' else "comment") if stop > 0 else "atom"
            stop = stop if stop > 0 else end
        elif char == "<":
            if close < index:  # the next ">" is looked for once, not once per "<"
                close = text.find(">", index + 1)
                close = end if close < 0 else close
            reopen = text.find("<", index + 1, close)
            if close == end:
                stop, kind = end, "atom"
            elif reopen >= 0:
                stop, kind = reopen, "atom"
            else:
                stop, kind = close + 1, "angle"
        else:
            found = _atom_end().search(text, index + 1)
            stop, kind = (found.start() if found else end), "atom"
        tokens.append((kind, text[index:stop]))
        index = stop
    return tokens


def _quoted_end(text: str, start: int) -> int:
    """The index after the quoted string opening at `start`, or -1 when it is not closed."""
    index = start + 1
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text[index] == '"':
            return index + 1
        else:
            index += 1
    return -1


def _comment_end(text: str, start: int) -> int:
    """The index after the (possibly nested) comment opening at `start`, or -1 when not closed."""
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "(") - (char == ")")
        index += 1
        if depth == 0:
            return index
    return -1


def _decoded(value: str) -> str:
    """MIME encoded words (`=?utf-8?q?Zo=C3=A9?=`) as text; the value as written if they are
    broken, or if it is longer than a name or subject can be (MAX_DECODED)."""
    if len(value) > MAX_DECODED or not _encoded_word().search(value):
        return value
    from email.errors import HeaderParseError
    from email.header import decode_header, make_header

    try:
        return header_view(str(make_header(decode_header(value))))
    except (HeaderParseError, ValueError, LookupError):
        return value
