"""WARC and WET (web crawls): records with `WARC/1.0` headers, usually gzipped one by one.

Read by FastWARC (the optional `warc` extra): Common Crawl's WET files are WARC files whose
`conversion` records hold the plain text of each page. Each `conversion` record, each `resource`
record of text, and each `response` record whose HTTP payload is text/plain or text/html is an
article; the other records (warcinfo, request, metadata, images ...) are not, but they count in
the places, so `crawl.warc.gz#7` is the file's seventh WARC record, whatever tool counts them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, BinaryIO

from artparse.containers.pieces import MissingReader, Piece, TooLarge

if TYPE_CHECKING:
    from fastwarc.warc import WarcRecord

READS_GZIP = True
EXTRA = "warc"
"""The optional dependency (pip install 'artparse[warc]')."""

KEPT = ("WARC-Target-URI", "WARC-Date", "WARC-Record-ID", "WARC-Identified-Content-Language")
"""WARC headers kept in each record's `extra`, named as written."""

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", *HTML_TYPES)
MISSING = f"reading WARC needs FastWARC (pip install 'artparse[{EXTRA}]')"


def looks_like(head: bytes, whole: bool) -> bool:
    return head.lstrip(b"\r\n").startswith((b"WARC/1.0", b"WARC/1.1"))


def split(stream: BinaryIO, max_size: int) -> Iterator[Piece | TooLarge | None]:
    """Each record's article (None for a record that is not one), in the file's order."""
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError as error:
        raise MissingReader(MISSING) from error
    try:
        for record in ArchiveIterator(_Counted(stream), parse_http=True, strict_mode=False):
            yield _article(record, max_size)
    except BaseException as error:
        if _is_panic(error):  # a Rust panic is a BaseException: it would end the whole run
            raise OSError(f"FastWARC failed: {error}") from error  # the file is broken there
        raise


class _Counted(io.RawIOBase):
    """A stream that tells its position by counting, as FastWARC asks even of a pipe (a gzip or
    a hashing stream, standard input); nothing seeks further."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self._stream = stream
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True  # FastWARC reads only tell(); seek() refuses anything but staying put

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (whence, offset) in ((io.SEEK_CUR, 0), (io.SEEK_SET, self._position)):
            return self._position
        raise io.UnsupportedOperation("seek")

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)


def _is_panic(error: BaseException) -> bool:
    return type(error).__name__ == "PanicException" and type(error).__module__ == "pyo3_runtime"


def _article(record: WarcRecord, max_size: int) -> Piece | TooLarge | None:
    kind = str(record.record_type)
    if kind in ("conversion", "resource"):
        content_type = _media_type(record.headers.get("Content-Type"))
        expected: int | None = record.content_length
    elif kind == "response" and record.is_http:
        content_type = _media_type(record.http_content_type)
        expected = None  # the block holds the HTTP headers too
    else:
        return None
    if content_type not in TEXT_TYPES and not (kind == "conversion" and content_type == ""):
        return None
    if record.content_length > max_size:
        return TooLarge(record.content_length)
    data = record.reader.read()
    warnings = []
    if expected is not None and len(data) < expected:
        warnings.append(f"truncated: the WARC record ends after {len(data)} of its {expected} bytes")
    headers = record.headers
    extra = tuple((name, value) for name in KEPT if (value := headers.get(name)) is not None)
    date = _date(headers.get("WARC-Date"))
    return Piece(data, extra, tuple(warnings), date, html=content_type in HTML_TYPES)


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
