"""SGML news collections: one element per story, such as Reuters-21578 and TREC.

    <!DOCTYPE lewis SYSTEM "lewis.dtd">
    <REUTERS TOPICS="YES" NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS><PLACES><D>el-salvador</D><D>usa</D></PLACES>
    <TEXT><TITLE>BAHIA COCOA REVIEW</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued ...</BODY></TEXT>
    </REUTERS>

The members are the `<REUTERS>` or `<DOC>` elements (the first one found names the kind for the
file); what lies between them (a DOCTYPE) is not an article. sgml_fields reads each element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from artparse.containers.pieces import Piece, TooLarge

READS_GZIP = False

_PROLOG = re.compile(rb"\s*(?:<![^>]*>\s*|<\?[^>]*>\s*)*")
_START = re.compile(rb"<(REUTERS|DOC)(?=[\s>])", re.IGNORECASE)
_CHUNK = 1 << 20


def looks_like(head: bytes, whole: bool) -> bool:
    return _START.match(head, _PROLOG.match(head).end()) is not None  # type: ignore[union-attr]


def split(stream: BinaryIO, max_size: int) -> Iterator[Piece | TooLarge]:
    """Each element's bytes, start tag to end tag. An element over `max_size` is read on to
    its end without being kept; one cut short by the end of the file comes with a warning."""
    buffer = b""
    end: re.Pattern[bytes] | None = None  # the end tag looked for, inside an element
    dropped = 0  # bytes of an oversized element already let go
    while chunk := stream.read(_CHUNK):
        buffer += chunk
        position = 0
        while True:
            if end is None:
                start = _START.search(buffer, position)
                if start is None:
                    position = max(position, len(buffer) - 16)  # a start tag may straddle chunks
                    break
                end, position, dropped = _end_tag(start[1]), start.start(), 0
            closing = end.search(buffer, position)
            if closing is None:
                if dropped + len(buffer) - position > max_size:
                    kept = min(64, len(buffer) - position)  # an end tag may straddle chunks
                    dropped += len(buffer) - position - kept
                    position = len(buffer) - kept
                break
            size = dropped + closing.end() - position
            yield TooLarge(size) if size > max_size else Piece(buffer[position : closing.end()])
            position, end = closing.end(), None
        buffer = buffer[position:]
    if end is not None and (dropped or buffer.strip()):
        if dropped:
            yield TooLarge(dropped + len(buffer))
        else:
            tag = start_name(buffer)
            yield Piece(buffer, warnings=(f"truncated: the file ends before the closing </{tag}>",))


def _end_tag(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"</" + re.escape(name) + rb"\s*>", re.IGNORECASE)


def start_name(data: bytes) -> str:
    found = _START.search(data)
    return found[1].decode("ascii") if found else "?"
