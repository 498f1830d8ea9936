"""Where the records go: standard output, or a file that is replaced only when complete.

`-o FILE` is written to a temporary file beside FILE (`.FILE.XXXXXXXX.tmp`, FILE shortened when
that would be too long a name), flushed to disk, then renamed over FILE: an interrupted or failed
run leaves the old FILE or the complete new one, never a torn one, and a symbolic link planted at
FILE is replaced, not written through.

What is not a file to replace is written into, as the shell's `>` would: a device (`/dev/null`),
a FIFO, a socket, or one of this process's descriptors (`/dev/stdout`, `/dev/fd/N`, even when it
is a regular file). Renaming over those would replace the device or the link itself.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from io import TextIOWrapper
from typing import BinaryIO, TextIO, TypeVar

from artparse.patterns import on_first_use
from artparse.record import FIELDS
from artparse.signals import signal
from artparse.sources import (
    STDIN,
    FileKey,
    OwnOutput,
    WalkOptions,
    describe_os_error,
    is_sqlite_database,
    walk_reads,
)

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
STALE_AFTER = 60.0
"""Seconds after which an unlocked temporary file of ours is an orphan (its run was killed)."""


class OutputError(Exception):
    """The records could not be written where the user asked; the message says why."""


class RefusedTarget(Exception):
    """`-o` names a file that the run must not replace (an input, a database); the message says
    why. A usage error: it is found before anything is read or written."""


class Destination:
    """The stream to write records to, and what a walk must not read back."""

    __slots__ = ("own_output", "stream")

    def __init__(self, stream: TextIO, own_output: OwnOutput) -> None:
        self.stream = stream
        self.own_output = own_output


@contextmanager
def open_destination(path: str | None, compress: bool = False) -> Iterator[Destination]:
    """stdout as UTF-8 (`None`), or an atomically replaced file (gzip-compressed with `compress`).
    Write errors become OutputError, except a closed pipe (BrokenPipeError), which the caller
    ends quietly on."""
    if path is None:
        with _stdout() as destination:
            yield destination
    elif writes_through(path):
        with _written_through(path) as destination:
            yield destination
    else:
        with _atomic_file(path, compress) as destination:
            yield destination


_descriptor_links = on_first_use(r"/proc/[^/]+/fd|/dev/fd")


_MAX_LINKS = 40  # as the kernel's limit: a longer chain is a loop


def writes_through(path: str) -> bool:
    """Whether `path` names something to write into rather than a file to replace: anything
    but a directory, a regular file or a new name, and any name that goes through a process's
    file descriptors (/dev/stdout is a link to /proc/self/fd/1)."""
    try:
        info = os.stat(path)
    except OSError:
        return False  # a new name, or a broken link, which is replaced
    if stat.S_ISDIR(info.st_mode):
        return False
    if not stat.S_ISREG(info.st_mode):
        return True
    hop = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        if _descriptor_links().fullmatch(os.path.dirname(hop)):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.normpath(os.path.join(os.path.dirname(hop), os.readlink(hop)))
    return False


@contextmanager
def _written_through(path: str) -> Iterator[Destination]:
    try:
        stream = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as error:
        raise OutputError(f"{path}: {describe_os_error(error)}") from error
    try:
        yield Destination(stream, OwnOutput(files=_regular_file(stream.fileno())))
        stream.flush()
    except BrokenPipeError:
        raise  # a FIFO's reader has gone: ended quietly, as on stdout
    except OSError as error:
        raise OutputError(f"{path}: {describe_os_error(error)}") from error
    finally:
        with suppress(OSError):
            stream.close()


def _regular_file(descriptor: int) -> frozenset[FileKey]:
    info = os.fstat(descriptor)
    return frozenset({(info.st_dev, info.st_ino)}) if stat.S_ISREG(info.st_mode) else frozenset()


@contextmanager
def _stdout() -> Iterator[Destination]:
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OutputError("standard output is closed")
    shared = None
    if _is_terminal(sys.stdout):
        from artparse.shared_terminal import RecordsOnTerminal, SharedTerminal  # only for a terminal

        shared = SharedTerminal(sys.stderr) if _same_terminal(sys.stdout, sys.stderr) else None
        records = RecordsOnTerminal(sys.stdout.buffer, encoding="utf-8", newline="")
        records.shared = shared
        stream: TextIOWrapper = records
    else:
        stream = _write_in_large_pieces(TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline=""))
    real_stderr = sys.stderr
    if shared is not None:
        sys.stderr = shared.messages
    try:
        yield Destination(stream, OwnOutput(files=_stdout_file()))
        stream.flush()
    except OSError as error:
        silence_stdout()  # what is still buffered must not fail again at exit
        if isinstance(error, BrokenPipeError):
            raise
        raise OutputError(describe_os_error(error)) from error
    finally:
        sys.stderr = real_stderr
        if shared is not None:
            shared.release()
        stream.detach()


_Text = TypeVar("_Text", bound=TextIOWrapper)

WRITE_PIECE = 256 * 1024
"""Bytes of records a text stream gathers before it writes them (8 KiB by default): a write call
per 256 KiB instead of per 8 KiB halves what writing costs the main process."""


def _write_in_large_pieces(stream: _Text) -> _Text:
    stream._CHUNK_SIZE = WRITE_PIECE  # type: ignore[attr-defined]  # TextIOWrapper's own knob
    return stream


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _same_terminal(one: TextIO, other: TextIO) -> bool:
    try:
        return _is_terminal(other) and os.path.samestat(os.fstat(one.fileno()), os.fstat(other.fileno()))
    except (OSError, ValueError):
        return False  # not a real file (a test runner's buffer)


def _stdout_file() -> frozenset[FileKey]:
    """stdout's identity when it is a regular file (`artparse dir > dir/out`), else nothing."""
    try:
        info = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError):
        return frozenset()  # not a real file (a test runner's buffer)
    return frozenset({(info.st_dev, info.st_ino)}) if stat.S_ISREG(info.st_mode) else frozenset()


@contextmanager
def _atomic_file(path: str, compress: bool = False) -> Iterator[Destination]:
    import fcntl  # here, not at the top, as tempfile: stdout runs do not need them
    import tempfile

    if os.path.isdir(path):
        raise OutputError(f"{path}: Is a directory")
    directory, name = os.path.split(os.path.abspath(path))
    temporary_name = temporary_name_pattern(name)
    remove_abandoned_temporaries(directory, temporary_name)
    # A signal between the file's creation and the try below would leave it behind: hold them.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{_stem(name)}.", suffix=".tmp")
    except OSError as error:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise OutputError(f"{path}: {describe_os_error(error)}") from error
    committed = False
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held signal lands here, inside the try
        with open(descriptor, "wb") as raw:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # tells a later run that this file is in use
            own = OwnOutput(files=_identities(descriptor, path), temporary_name=temporary_name)
            with _text(raw, compress) as stream:
                yield Destination(stream, own)
            raw.flush()
            os.fsync(descriptor)
            os.fchmod(descriptor, 0o666 & ~_umask())  # mkstemp made it 0600
            os.replace(temporary, path)
            committed = True
        _fsync_directory(directory)
    except OSError as error:
        raise OutputError(f"{path}: {describe_os_error(error)}") from error
    finally:
        if not committed:
            _remove(temporary)


@contextmanager
def _text(raw: BinaryIO, compress: bool) -> Iterator[TextIO]:
    """A UTF-8 text stream onto `raw`, through gzip when `compress`; finished (the gzip trailer
    written) on a normal exit, with `raw` left open."""
    if not compress:
        stream = _write_in_large_pieces(TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False))
        yield stream
        stream.flush()
        stream.detach()
        return
    import gzip

    # No name and no time in the header: the same records give the same bytes.
    packed = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)
    stream = TextIOWrapper(packed, encoding="utf-8", newline="")  # type: ignore[arg-type]
    yield stream
    stream.flush()
    stream.detach()
    packed.close()


def check_inputs_kept(output: str, paths: Sequence[str], walk: WalkOptions | None = None) -> None:
    """Refuse an `-o` that would replace an input: a PATH, a file that a walk of a folder PATH
    with `walk` reads, or any other file of a folder being read unless it is an earlier artparse
    output. A path with nothing at it is fine; a symbolic link at `output` is replaced itself,
    so only the link is checked, not what it points to."""
    try:
        target = os.lstat(output)
    except OSError:
        return
    for path in paths:
        try:
            info = os.stat(path) if path != STDIN else None
        except OSError:
            continue
        if info is None:
            continue
        if stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            raise RefusedTarget(f"{output!r} is also an input: refusing to overwrite it")
        relative = _below(output, path) if stat.S_ISDIR(info.st_mode) else None
        if relative is None:
            continue
        if stat.S_ISREG(target.st_mode) and walk_reads(relative, walk or WalkOptions()):
            raise RefusedTarget(
                f"{output!r} is an article in the folder being read ({path}): refusing to overwrite it"
            )
        if not is_earlier_output(output):
            raise RefusedTarget(
                f"{output!r} is in the folder being read ({path}) and is not an earlier artparse "
                "output: refusing to overwrite it"
            )


def check_database_kept(output: str, fmt: str) -> None:
    """Refuse a text format (`fmt`) that would replace an SQLite database at `output`."""
    if is_sqlite_database(output):
        raise RefusedTarget(
            f"{output!r} is an SQLite database: -f {fmt} would replace it with text; "
            "write the records into it with -f sqlite, or choose another file"
        )


def _below(path: str, folder: str) -> str | None:
    """`path` relative to `folder` when a walk of `folder` can reach it (by the names as
    written, which --follow also takes, or by where they really are), else None."""
    resolved = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.basename(path))
    for inner, outer in (
        (os.path.abspath(path), os.path.abspath(folder)),
        (resolved, os.path.realpath(folder)),
    ):
        if os.path.commonpath([inner, outer]) == outer and inner != outer:
            return os.path.relpath(inner, outer)
    return None


_HEAD = 64 * 1024


_json_key = on_first_use(r'\{\s*"(\w+)"\s*:')


def is_earlier_output(path: str) -> bool:
    """Whether the regular file at `path` is empty or starts as artparse writes its records
    (JSON Lines, JSON, CSV, TSV, a report, a database, Parquet), so that replacing it loses nothing
    that artparse cannot write again."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        head = os.read(descriptor, _HEAD)
        if head.startswith(PARQUET_MAGIC):
            return _is_our_parquet(descriptor)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return _looks_like_output(head)


PARQUET_MAGIC = b"PAR1"


def _is_our_parquet(descriptor: int) -> bool:
    """A Parquet file whose footer (at the end, with its metadata last) carries our mark."""
    from artparse.arrow import SCHEMA_VERSION_KEY

    size = os.fstat(descriptor).st_size
    tail = os.pread(descriptor, _HEAD, max(0, size - _HEAD))
    return tail.endswith(PARQUET_MAGIC) and SCHEMA_VERSION_KEY in tail


def _looks_like_output(head: bytes) -> bool:
    from artparse.report import FIRST_LABEL
    from artparse.sources import SQLITE_MAGIC

    if not head.strip() or head.startswith(SQLITE_MAGIC):  # a database is checked as it is opened
        return True
    text = head.decode("utf-8", "replace").removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0].removesuffix("\r")
    if first_line.split(" ", 1)[0] == FIRST_LABEL or first_line.strip() == "[]":
        return True
    key = _json_key().match(text.removeprefix("[").lstrip())
    if key is not None:
        return key.group(1) in FIELDS
    return any(set(first_line.split(delimiter)) <= set(FIELDS) for delimiter in (",", "\t"))


def temporary_name_pattern(name: str) -> re.Pattern[str]:
    """The names tempfile.mkstemp gives our temporary files for output file `name`."""
    return re.compile(rf"\.{re.escape(_stem(name))}\.[a-z0-9_]{{8}}\.tmp")


_NAME_MAX = 255  # bytes in a file name, on every file system Linux and macOS use
_TEMPORARY_PARTS = len(".") + len(".12345678.tmp")


def _stem(name: str) -> str:
    """`name`, shortened (by whole characters) so that its temporary file's name is not too long."""
    while len(os.fsencode(name)) > _NAME_MAX - _TEMPORARY_PARTS:
        name = name[:-1]
    return name


def remove_abandoned_temporaries(directory: str, pattern: re.Pattern[str]) -> None:
    """Delete temporary files that a killed run (kill -9, power loss) left beside the output:
    ours by name, regular files, untouched for STALE_AFTER seconds, and not locked by a
    running artparse."""
    try:
        with os.scandir(directory) as listing:
            names = [entry.name for entry in listing if pattern.fullmatch(entry.name)]
    except OSError:
        return
    for name in names:
        _remove_if_abandoned(os.path.join(directory, name))


def _remove_if_abandoned(path: str) -> None:
    import fcntl

    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        info = os.fstat(descriptor)
        if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime > STALE_AFTER:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while its run is alive
            os.unlink(path)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _identities(descriptor: int, path: str) -> frozenset[FileKey]:
    """The temporary file, and the file being replaced (our previous output, usually)."""
    info = os.fstat(descriptor)
    keys = {(info.st_dev, info.st_ino)}
    try:
        old = os.lstat(path)
    except OSError:
        return frozenset(keys)
    if stat.S_ISREG(old.st_mode):
        keys.add((old.st_dev, old.st_ino))
    return frozenset(keys)


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable; some file systems cannot, which is not an error."""
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def silence_stdout() -> None:
    """Point stdout at /dev/null (the Python docs' recipe for a closed or failed pipe), so
    that the interpreter's last flush cannot fail and turn the exit code into 120."""
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test runner's buffer), or none: nothing can fail at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
