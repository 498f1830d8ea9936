"""mbox: messages one after another, each starting with a `From ` envelope line.

    From jane@example.org Mon Apr 12 10:00:00 1993
    From: Jane Doe <jane@example.org>
    Subject: ...

    body
    >From the escaped line of a body

A `From ` line begins a message when it starts the file or follows a blank line, and looks like
an envelope: an address, then a date with a time of day, ending in a year. The
standard library's `mailbox.mbox` needs a named, seekable file and takes any `From ` line; this
reads a stream, so a pipe or a gzipped archive works and memory stays flat. Each message keeps
its envelope line (the rfc822 dialect keeps it in `extra`); its text is made by message_text().
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from artparse.containers.pieces import ContainerError, Piece, TooLarge
from artparse.decoding import Decoded, decode_bytes

if TYPE_CHECKING:
    from email.message import Message

READS_GZIP = False

_ENVELOPE_LINE = rb"From \S{1,200} [^\r\n]{0,200}?\d{1,2}:\d{2}[^\r\n]{0,200}\d{4}[ \t]*"
"""`From jane@example.org Mon Apr 12 10:00:00 1993`: an address, a time of day, a year at the
end; the repeats are bounded, so a long line costs no more than a short one."""
_ENVELOPE = re.compile(_ENVELOPE_LINE + rb"\r?\n?")
_SECOND_ENVELOPE = re.compile(rb"\n\r?\n" + _ENVELOPE_LINE + rb"\r?$", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)
_LEADING_BLANKS = re.compile(rb"[\r\n]*")
_LINE_LIMIT = 1 << 16


def looks_like(head: bytes, whole: bool) -> bool:
    """An envelope line first; when `head` is the whole file, a second message too (a single
    message with its envelope is the one mail it always was, read by the rfc822 dialect)."""
    if not _ENVELOPE.match(head, _LEADING_BLANKS.match(head).end()):  # type: ignore[union-attr]
        return False
    return not whole or _SECOND_ENVELOPE.search(head) is not None


def split(stream: BinaryIO, max_size: int) -> Iterator[Piece | TooLarge]:
    """Each message's bytes, envelope line first, without the blank line that ends it."""
    lines: list[bytes] = []
    last = b""
    size = 0
    started = False
    previous_blank = True
    at_line_start = True
    while line := stream.readline(_LINE_LIMIT):
        if at_line_start and previous_blank and _ENVELOPE.fullmatch(line):
            if started:
                yield _message(lines, size, max_size, last)
            lines, size, started = [], 0, True
        elif not started:
            if line.strip():
                raise ContainerError("not an mbox: it does not begin with a 'From ' line")
            continue
        size += len(line)
        if size <= max_size:
            lines.append(line)
        at_line_start = line.endswith(b"\n")
        previous_blank = at_line_start and not line.strip(b"\r\n")
        last = line
    if started:
        yield _message(lines, size, max_size, last)


def _message(lines: list[bytes], size: int, max_size: int, last: bytes) -> Piece | TooLarge:
    """The message of `lines`; the blank line before the next envelope belongs to the separator."""
    if not last.strip(b"\r\n"):
        size -= len(last)
        if lines and lines[-1] is last:
            lines.pop()
    if size > max_size:
        return TooLarge(size)
    return Piece(b"".join(lines))


def unescape(body: bytes) -> bytes:
    """`>From ` at the start of a body line back to `From ` (and `>>From ` to `>From `, mboxrd)."""
    return _ESCAPED_FROM.sub(rb"\1", body)


_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_PLAIN = ("", "7bit", "8bit", "binary")


def message_text(data: bytes, encoding: str | None) -> Decoded:
    """The message as text for the rfc822 dialect: escaping undone; a MIME message's text part
    decoded (quoted-printable, base64, its charset) below the header as written."""
    data = unescape(data)
    from email import message_from_bytes
    from email.policy import compat32

    message = message_from_bytes(data, policy=compat32)
    encoded = str(message.get("Content-Transfer-Encoding", "")).strip().lower()
    if not message.is_multipart() and encoded in _PLAIN:
        return decode_bytes(data, encoding)
    found = _BLANK_LINE.search(data)
    header = decode_bytes(data[: found.start()] if found else data, encoding)
    body, warnings = _body(message)
    return Decoded(f"{header.text}\n\n{body}", header.encoding, header.warnings + warnings)


def _body(message: Message) -> tuple[str, tuple[str, ...]]:
    parts = [part for part in message.walk() if not part.is_multipart()]
    for wanted in ("text/plain", "text/html"):
        part = next((part for part in parts if part.get_content_type() == wanted), None)
        if part is None:
            continue
        text, warnings = _part_text(part)
        if len(parts) > 1:
            others = len(parts) - 1
            left_out = "1 other part" if others == 1 else f"{others} other parts"
            warnings.append(f"mime: the body is the {wanted} part; {left_out} left out")
        elif wanted != "text/plain":
            warnings.append(f"mime: the body is the {wanted} part as written")
        return text, tuple(warnings)
    return "", (f"mime: no text part among {len(parts)} parts; the body is empty",)


def _part_text(part: Message) -> tuple[str, list[str]]:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset), []
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data)
    warnings = list(decoded.warnings)
    if charset:
        warnings.insert(0, f"encoding: the text part is not valid {charset}, as its header says")
    return decoded.text, warnings
