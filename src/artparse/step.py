"""The per-input step: read, decode, parse and render one input into its outcomes.

Every failure becomes a Problem, never an exception: an unreadable file, undecodable bytes,
and any bug on the way (in a dialect, a date, a render) are that input's failure alone.
A Step is built where it runs (in each worker process) from plain StepSettings.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, BinaryIO

from artparse.decoding import decode_bytes
from artparse.errors import InputError, SkippedInWalk
from artparse.extract import ParseOptions, parse_article
from artparse.frozen import replace
from artparse.members import container_outcomes, found_kind, member_article
from artparse.outcomes import Outcome, Problem, Rendered, Unchanged, Unjoined
from artparse.record import Article
from artparse.sources import (
    STDIN,
    Input,
    ReadOptions,
    display_path,
    is_url,
    open_input,
    read_bytes,
    read_opened,
)

if TYPE_CHECKING:
    from artparse.outcomes import Render
    from artparse.stamps import FileStamp


class StepSettings:
    """Everything a worker needs to turn inputs into outcomes; plain and picklable.

    `stamps` is the settings fingerprint when the sink records each file's stamp (a database
    run), else None: no hashing. (A plain class: a NamedTuple costs ten times more to define,
    at start-up.)
    """

    __slots__ = ("parse", "reading", "render", "stamps")

    def __init__(
        self, parse: ParseOptions, reading: ReadOptions, render: Render, stamps: str | None = None
    ) -> None:
        self.parse = parse
        self.reading = reading
        self.render = render
        self.stamps = stamps


class Step:
    """One input to its outcomes (one record per article; a failure; unchanged)."""

    def __init__(self, settings: StepSettings, stdin: BinaryIO) -> None:
        self._parse = settings.parse
        self._reading = settings.reading
        self._render: Callable[[Article], object] = settings.render.build()
        self._stamps = settings.stamps
        self._stdin = stdin
        self._second: tuple[int, datetime | None] = (-1, None)
        """The last whole second a file time fell in, and its moment: a batch's files share few."""
        self._dated: tuple[datetime | None, ParseOptions] = (None, settings.parse)
        """The last moment an input counted back from, and the parse options that fix it."""
        self.bytes_read = 0
        """The bytes read so far: what a worker measures its results in flight by."""

    def __call__(self, item: Input, known: FileStamp | None = None) -> list[Outcome]:
        """The outcomes of `item`; `known` is the stamp an incremental run recorded for it."""
        try:
            return self._outcomes(item, known)
        except InputError as error:
            return [input_problem(item, error)]
        except Exception as error:  # a bug on one input must not stop the batch
            return [internal_error(item.path, error)]

    def _outcomes(self, item: Input, known: FileStamp | None) -> list[Outcome]:
        if item.member is not None:
            return [self._member(item)]
        if item.path == STDIN:
            data = read_bytes(item, self._stdin, self._reading.max_size)
            self.bytes_read += len(data)
            moment = datetime.now(UTC).replace(microsecond=0)
            return self._container(item, data, moment) or [self._record(item, data, moment)]
        if is_url(item.path):
            return [self._remote(item)]
        descriptor, info = open_input(item)
        try:
            if (
                known is not None
                and self._stamps
                and known.same_file(info.st_size, info.st_mtime_ns, self._stamps)
            ):
                return [Unchanged(item.path)]
            data = read_opened(descriptor, info, self._reading.max_size)
        finally:
            os.close(descriptor)
        self.bytes_read += len(data)
        stamp = None
        if self._stamps is not None:
            from artparse.stamps import file_stamp

            stamp = file_stamp(data, info.st_size, info.st_mtime_ns, self._stamps)
            if known is not None and known.same_content(stamp):
                return [Unchanged(item.path, stamp)]  # touched, not edited
        now = self._moment(info.st_mtime)
        return self._container(item, data, now, stamp) or [self._record(item, data, now, stamp)]

    def _moment(self, mtime: float) -> datetime | None:
        """_to_the_second(mtime), made once for all the files of one second. Only a time that
        its rounding to microseconds cannot carry into the next second shares the moment."""
        whole = int(mtime)
        if whole < 0 or mtime - whole >= _LAST_MICROSECOND:
            return _to_the_second(mtime)
        if whole != self._second[0]:
            self._second = (whole, _to_the_second(whole))
        return self._second[1]

    def _options(self, now: datetime | None) -> ParseOptions:
        """The parse options with `now` as their own when they fix none (what parse_article
        does with its `now`), made once for all the inputs of one moment: their date options
        are made once too, not for every file."""
        if now is None or self._parse.now is not None:
            return self._parse
        if now is not self._dated[0]:  # (an equal time in another zone is written otherwise)
            self._dated = (now, replace(self._parse, now=now))
        return self._dated[1]

    def _container(
        self, item: Input, data: bytes, now: datetime | None, stamp: FileStamp | None = None
    ) -> list[Outcome]:
        """The outcomes of the articles of `data` when it is a container (by its content, as
        --container allows), else []."""
        kind = found_kind(data, self._reading.container)
        if kind is None:
            return []
        return container_outcomes(item, kind, data, now, self._reading.max_size, self._member, stamp)

    def _member(self, part: Input) -> Outcome:
        """One article of a container: its record, or its failure."""
        assert part.member is not None
        self.bytes_read += len(part.member.data)
        try:
            article = member_article(part.member, self._parse, self._reading.encoding)
            return Rendered(article.source, article.warnings, self._render(article))
        except InputError as error:
            return Problem(part.path, str(error))
        except Exception as error:  # a bug on one article must not stop the batch
            return internal_error(part.path, error)

    def _remote(self, item: Input) -> Outcome:
        """An object named by URL (remote.py): its time, when the store keeps one, is its `now`."""
        from artparse.remote import read_url

        data, modified = read_url(item, self._reading.max_size)
        self.bytes_read += len(data)
        return self._record(item, data, modified)

    def _record(
        self, item: Input, data: bytes, now: datetime | None, stamp: FileStamp | None = None
    ) -> Outcome:
        article = self.article(item, data, now)
        payload = self._render(article)
        # Rendered(...) without its __new__'s call, once for every file (as Rendered.__reduce__ remakes it)
        return tuple.__new__(Rendered, (article.source, article.warnings, payload, stamp, item.path))

    def article(self, item: Input, data: bytes, now: datetime | None) -> Article:
        """The Article of the bytes read from `item`; its warnings start with the decoding's
        (a fallback encoding, replaced bytes). InputError when the bytes cannot be decoded."""
        decoded = decode_bytes(data, self._reading.encoding)
        article = parse_article(decoded.text, self._options(now), source=display_path(item.path))
        if decoded.warnings:
            article = replace(article, warnings=decoded.warnings + article.warnings)
        return article


def is_unchanged(item: Input, known: FileStamp, settings: str) -> bool:
    """Whether the local file of `item` is, by size, time and `settings`, as `known` records it:
    opened as the step opens it (but never waiting on a FIFO) and fstat'ed, not read. False for
    whatever the step must look at itself: an error, not a regular file, standard input, a URL."""
    if known.settings != settings or item.path == STDIN or item.member is not None or is_url(item.path):
        return False  # (other settings: parsed again, whatever the file's time; no need to open it)
    try:
        descriptor, info = open_input(Input(item.path, False, item.may_be_link))  # O_NONBLOCK
    except InputError:
        return False
    os.close(descriptor)
    return known.same_file(info.st_size, info.st_mtime_ns, settings)


_LAST_MICROSECOND = 0.9999985
"""A fraction of a second below this rounds to at most .999999 (with room for the float's error)."""


def _to_the_second(mtime: float) -> datetime | None:
    """A modification time as the moment relative dates count back from; None when unknowable."""
    try:
        return datetime.fromtimestamp(mtime, UTC).replace(microsecond=0)
    except (OverflowError, ValueError, OSError):
        return None  # relative dates then stay unread, with a warning


def input_problem(item: Input, error: InputError) -> Problem:
    """What a walk skips (binary, vanished ...) is a skip there, and a failure when named."""
    return Problem(item.path, str(error), skipped=isinstance(error, SkippedInWalk) and not item.explicit)


def internal_error(path: str, error: BaseException) -> Problem:
    return Problem(path, f"internal error, please report it: {type(error).__name__}: {error}")


class ArticleRender(Unjoined):
    """The Article itself as the payload (for callers in this process)."""

    __slots__ = ()

    def build(self) -> Callable[[Article], object]:
        return _same


def _same(article: Article) -> object:
    return article


def process(
    item: Input, options: ParseOptions, stdin: BinaryIO, reading: ReadOptions | None = None
) -> Article | Problem:
    """Read, decode and parse one input: its Article, or the Problem that stopped it."""
    step = Step(StepSettings(options, reading or ReadOptions(), ArticleRender()), stdin)
    (outcome,) = step(item)
    if isinstance(outcome, Rendered):
        assert isinstance(outcome.payload, Article)
        return outcome.payload
    assert isinstance(outcome, Problem)
    return outcome
