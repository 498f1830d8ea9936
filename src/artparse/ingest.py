"""An input's bytes to its record: the size cap, the decoding ladder, then the parse.

Pure: bytes in, record out. The command line reads each input into bytes and calls
parse_bytes; sources.parse_file does the same for a library user's file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from artparse.dates import MIN_DATE
from artparse.decoding import decode_bytes, is_text_encoding
from artparse.errors import ArgumentError, ArgumentTypeError, InputError
from artparse.extract import parse_text
from artparse.frozen import replace
from artparse.record import Article

if TYPE_CHECKING:
    from artparse.rules import Rule

DEFAULT_MAX_SIZE = 32 * 1024 * 1024
"""The size cap of an input, in bytes, unless the caller gives another."""


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    encoding: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    dialect: str | None = None,
    dayfirst: bool = False,
    rules: Sequence[Rule] = (),
    tz: str | None = None,
    utc: bool = False,
    now: datetime | None = None,
    min_date: date = MIN_DATE,
) -> Article:
    """Parse one article given as bytes, decoded as the command line decodes its inputs.

    `encoding` names the codec to decode with, strictly; without it, the decoding ladder (a
    byte-order mark, UTF-8, a detected Arabic or Western encoding, with an `encoding:` warning
    for anything but a mark or valid UTF-8). Data longer than `max_size` bytes, binary data and
    bytes that do not fit `encoding` raise InputError, an ArtparseError. The other arguments
    are parse_text's; `now` is not taken from anywhere (parse_file uses the file's time).
    """
    _check_reading(data, encoding, max_size)
    if len(data) > max_size:
        raise InputError(too_large(len(data), max_size, option="max_size"))
    decoded = decode_bytes(bytes(data), encoding)
    article = parse_text(
        decoded.text,
        source=source,
        dialect=dialect,
        dayfirst=dayfirst,
        rules=rules,
        tz=tz,
        utc=utc,
        now=now,
        min_date=min_date,
    )
    if decoded.warnings:
        article = replace(article, warnings=decoded.warnings + article.warnings)
    return article


def _check_reading(data: object, encoding: object, max_size: object) -> None:
    if not isinstance(data, bytes | bytearray | memoryview):
        hint = " (parse text with parse_text)" if isinstance(data, str) else ""
        raise ArgumentTypeError(f"data must be bytes, not {type(data).__name__}{hint}")
    if encoding is not None and not (isinstance(encoding, str) and is_text_encoding(encoding)):
        raise ArgumentError(f"unknown text encoding {encoding!r}")
    if isinstance(max_size, bool) or not isinstance(max_size, int):
        raise ArgumentTypeError(f"max_size must be an int, not {type(max_size).__name__}")
    if max_size <= 0:
        raise ArgumentError(f"max_size must be a positive number of bytes, not {max_size}")


def too_large(size: int, limit: int, option: str = "--max-size") -> str:
    """Why an input of `size` bytes is refused; `option` is where the limit is set."""
    exact = f" ({size:,} bytes)" if size >= 1024 else ""
    return f"too large: {human_size(size)}{exact}, the limit is {human_size(limit)} (see {option})"


def human_size(size: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"
