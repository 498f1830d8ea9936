"""Where the records go: standard output, or a file that is replaced only when complete.

`-o FILE` is written to a temporary file beside FILE (`.FILE.XXXXXXXX.tmp`), flushed to disk,
then renamed over FILE: an interrupted or failed run leaves the old FILE or the complete new
one, never a torn one, and a symbolic link planted at FILE is replaced, not written through.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from io import TextIOWrapper
from typing import BinaryIO, NamedTuple, TextIO

from artparse.sources import FileKey, OwnOutput, describe_os_error

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
STALE_AFTER = 60.0
"""Seconds after which an unlocked temporary file of ours is an orphan (its run was killed)."""


class OutputError(Exception):
    """The records could not be written where the user asked; the message says why."""


class Destination(NamedTuple):
    """The stream to write records to, and what a walk must not read back."""

    stream: TextIO
    own_output: OwnOutput


@contextmanager
def open_destination(path: str | None, compress: bool = False) -> Iterator[Destination]:
    """stdout as UTF-8 (`None`), or an atomically replaced file (gzip-compressed with `compress`).
    Write errors become OutputError, except a closed pipe (BrokenPipeError), which the caller
    ends quietly on."""
    if path is None:
        with _stdout() as destination:
            yield destination
    else:
        with _atomic_file(path, compress) as destination:
            yield destination


@contextmanager
def _stdout() -> Iterator[Destination]:
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OutputError("standard output is closed")
    stream = TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield Destination(stream, OwnOutput(files=_stdout_file()))
        stream.flush()
    except OSError as error:
        silence_stdout()  # what is still buffered must not fail again at exit
        if isinstance(error, BrokenPipeError):
            raise
        raise OutputError(describe_os_error(error)) from error
    finally:
        stream.detach()


def _stdout_file() -> frozenset[FileKey]:
    """stdout's identity when it is a regular file (`artparse dir > dir/out`), else nothing."""
    try:
        info = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError):
        return frozenset()  # not a real file (a test runner's buffer)
    return frozenset({(info.st_dev, info.st_ino)}) if stat.S_ISREG(info.st_mode) else frozenset()


@contextmanager
def _atomic_file(path: str, compress: bool = False) -> Iterator[Destination]:
    import tempfile  # here, not at the top: it costs start-up time that stdout runs do not need

    if os.path.isdir(path):
        raise OutputError(f"{path}: Is a directory")
    directory, name = os.path.split(os.path.abspath(path))
    temporary_name = temporary_name_pattern(name)
    remove_abandoned_temporaries(directory, temporary_name)
    # A signal between the file's creation and the try below would leave it behind: hold them.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
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
        stream = TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)
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


def temporary_name_pattern(name: str) -> re.Pattern[str]:
    """The names tempfile.mkstemp gives our temporary files for output file `name`."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


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
