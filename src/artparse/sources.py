"""Finding inputs and reading them: the only module that touches the file system.

A directory walk reads regular files only: FIFOs, sockets and devices are never opened, and
symbolic links are followed only on request, with loop detection. Every path that gives no
record comes out as a Problem (a failure, or a skip by design), so the summary adds up.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, BinaryIO

from artparse.containers import walk_patterns
from artparse.dates import MIN_DATE
from artparse.decoding import Decoded, decode_bytes
from artparse.errors import ArgumentTypeError, InputError, SkippedInWalk
from artparse.frozen import NamedTuple
from artparse.ingest import DEFAULT_MAX_SIZE, human_size, parse_bytes, too_large
from artparse.record import Article

if TYPE_CHECKING:
    from artparse.containers.reading import Member
    from artparse.rules import Rule

STDIN = "-"
ARTICLE_PATTERNS = ("*.txt", "*.text", "*.md", "*.markdown", "*.mdx", "*.rst", "*.eml")
"""File names read in a directory walk unless --glob says otherwise (plus names with no suffix)."""
CONTAINER_PATTERNS = walk_patterns()
"""Names of containers (mbox, WARC/WET, SGML collections), also read in a walk by default."""
DEFAULT_PATTERNS = ARTICLE_PATTERNS + CONTAINER_PATTERNS
ARTICLE_SUFFIXES = tuple(pattern.removeprefix("*") for pattern in ARTICLE_PATTERNS)
_DEFAULT_SUFFIXES = tuple(pattern.removeprefix("*") for pattern in DEFAULT_PATTERNS)

# Reasons for skips; the summary groups them by the text before " (".
OTHER_FILE = "other file name (see --glob)"
SYMLINK = "symbolic link (not followed, see --follow)"
BROKEN_SYMLINK = "broken symbolic link"
NOT_REGULAR = "not a regular file"
VANISHED = "vanished (deleted after it was listed)"
OWN_OUTPUT = "artparse's own output"
LOOP = "file system loop"
ALREADY_WALKED = "already walked"
HIDDEN = "hidden (see --hidden)"
EMPTY_STDIN = "nothing on standard input (no PATH was given)"
QUIET_SKIPS = (OTHER_FILE, HIDDEN)
"""Skips too common to report one by one (a .git folder, every .jpg): counted in the summary only."""

_CHUNK = 64 * 1024


@functools.cache
def _url() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


FileKey = tuple[int, int]
"""(st_dev, st_ino): a file's identity, whatever name it is reached by."""


class Input(NamedTuple):
    """A file to read: named on the command line (`explicit`) or found in a directory walk;
    standard input is explicit when named (`-`), not when read for want of a PATH.

    `may_be_link` is False for files a walk found without --follow: if one is swapped for a
    symbolic link after the listing, it is not opened through the link.
    """

    path: str
    explicit: bool
    may_be_link: bool = True
    member: Member | None = None
    """Set: the input is one article of a container, read already (`path` is `a.mbox#3`)."""

    @property
    def task_bytes(self) -> int:
        """What sending it to a worker process costs: its name, and its article's bytes at
        1/DATA_SHARE (a chunk of the pool, 32 KiB of names, then carries up to 1 MiB of them)."""
        member = self.member
        return len(self.path) + (len(member.data) // DATA_SHARE if member is not None else 0)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled as the plain tuple it is, remade by tuple.__new__: about half the time of a
        # named tuple's own way (__getnewargs__, then its __new__), once per input each way.
        return tuple.__new__, (Input, tuple(self))


DATA_SHARE = 32


def walked_input(path: str, may_be_link: bool) -> Input:
    """Input(path, explicit=False, may_be_link=may_be_link), a file a walk found, made as its
    __reduce__ remakes it: a third of the time, once for every file of a walk."""
    return tuple.__new__(Input, (path, False, may_be_link, None))


class Problem(NamedTuple):
    """Something named or found that gives no record: a failure, or a skip by design."""

    path: str
    reason: str
    skipped: bool = False

    def __reduce__(self) -> tuple[object, ...]:
        return tuple.__new__, (Problem, tuple(self))  # see Input.__reduce__


class OwnOutput(NamedTuple):
    """What this run writes, so that it is never read back as input: files by identity
    (stdout redirected into the tree, the -o target and its temporary file), and the names
    of -o temporary files (another run's, or a stale one)."""

    files: frozenset[FileKey] = frozenset()
    temporary_name: re.Pattern[str] | None = None

    def holds(self, entry: os.DirEntry[str]) -> bool:
        if self.temporary_name is not None and self.temporary_name.fullmatch(entry.name):
            return True
        # The inode comes free with a directory listing; only a match costs a stat call.
        if entry.inode() not in _inodes(self.files):
            return False
        return _key(entry.stat(follow_symlinks=False)) in self.files


@functools.lru_cache(maxsize=8)
def _inodes(files: frozenset[FileKey]) -> frozenset[int]:
    return frozenset(inode for _, inode in files)


class WalkOptions(NamedTuple):
    """How directories are walked. Hidden entries (names starting with a dot: .git/, .DS_Store)
    are skipped, and a hidden folder not entered, unless `hidden`."""

    patterns: Sequence[str] = ()
    follow: bool = False
    own_output: OwnOutput = OwnOutput()
    hidden: bool = False
    containers: bool = True
    """Without `patterns`: read container names too (CONTAINER_PATTERNS); False under --container none."""


class ReadOptions(NamedTuple):
    """How each input is read: a size cap, and the encoding when the user names one."""

    max_size: int = DEFAULT_MAX_SIZE
    encoding: str | None = None
    container: str | None = None
    """A kind of container forced (--container), or NONE; None: by each file's name or content."""


def iter_inputs(paths: Iterable[str], options: WalkOptions | None = None) -> Iterator[Input | Problem]:
    """Each path as given; directories walked depth-first in sorted order. No paths at all:
    standard input, which then gives no record when it is empty (`artparse < /dev/null`).

    In a walk, only file names matching `options.patterns` are read (by default
    ARTICLE_PATTERNS and names without a suffix); the others are skipped, and counted.
    """
    options = options or WalkOptions()
    paths = list(paths)
    if not paths:
        yield Input(STDIN, explicit=False)
    for path in paths:
        if path == STDIN:
            yield Input(path, explicit=True)
            continue
        try:
            info = os.stat(path)
        except OSError as error:
            yield Problem(path, describe_os_error(error))
            continue
        if _key(info) in options.own_output.files:
            yield Problem(path, OWN_OUTPUT, skipped=True)
        elif stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, options)
        else:
            yield Input(path, explicit=True)


class _Directory:
    """A directory to list, and the chain of directories it was reached through; `key` is
    known under --follow only."""

    __slots__ = ("key", "parent", "path")

    def __init__(self, path: str, key: FileKey | None, parent: _Directory | None) -> None:
        self.path, self.key, self.parent = path, key, parent

    def ancestor(self, key: FileKey) -> _Directory | None:
        directory: _Directory | None = self
        while directory is not None and directory.key != key:
            directory = directory.parent
        return directory


def _walk(root: str, info: os.stat_result, options: WalkOptions) -> Iterator[Input | Problem]:
    # An explicit stack instead of recursion: deep trees cannot exhaust Python's recursion limit.
    # Each directory is sorted on its own, so the order is fixed without holding the whole tree:
    # the stack holds, for each directory on the way down, the rest of its sorted listing.
    visited: dict[FileKey, str] = {}
    if options.follow:
        top = _Directory(root, _key(info), _ancestors(root))
        visited[_key(info)] = root
    else:
        top = _Directory(root, None, None)
    stack: list[tuple[Iterator[os.DirEntry[str]], _Directory]] = []
    listing = _list(top)
    if isinstance(listing, Problem):
        yield listing
        return
    stack.append((iter(listing), top))
    suffixes = _quick_suffixes(options)
    inodes = _inodes(options.own_output.files)
    temporary = options.own_output.temporary_name
    while stack:
        entries, directory = stack[-1]
        for entry in entries:
            if suffixes:  # the usual entry, told without _classify's calls: see _quick_suffixes
                try:
                    if (
                        entry.name.endswith(suffixes)
                        and entry.name[0] != "."
                        and entry.is_file(follow_symlinks=False)
                        and entry.inode() not in inodes
                        and (temporary is None or temporary.fullmatch(entry.name) is None)
                    ):
                        yield walked_input(entry.path, False)
                        continue
                except OSError:
                    pass  # _classify says what
            found = _classify(entry, directory, options, visited)
            if not isinstance(found, _Directory):
                yield found
                continue
            listing = _list(found)
            if isinstance(listing, Problem):
                yield listing
                continue
            stack.append((iter(listing), found))
            break  # into the subdirectory; this listing goes on after it
        else:
            stack.pop()


def _quick_suffixes(options: WalkOptions) -> tuple[str, ...]:
    """The name endings by which a walk with `options` reads a regular file whose name does not
    start with a dot and is not one of its own output's (by inode or temporary name): each makes
    is_article_name true (a name ending in a lower-case suffix ends in it lower-cased too).
    Empty (no quick look) under --glob."""
    if options.patterns:
        return ()
    return _DEFAULT_SUFFIXES if options.containers else ARTICLE_SUFFIXES


def _list(directory: _Directory) -> list[os.DirEntry[str]] | Problem:
    try:
        with os.scandir(directory.path) as listing:
            return sorted(listing, key=attrgetter("name"))
    except FileNotFoundError:
        return Problem(directory.path, VANISHED, skipped=True)
    except OSError as error:
        return Problem(directory.path, describe_os_error(error))


def _classify(
    entry: os.DirEntry[str], parent: _Directory, options: WalkOptions, visited: dict[FileKey, str]
) -> Input | Problem | _Directory:
    try:
        if options.own_output.holds(entry):
            return Problem(entry.path, OWN_OUTPUT, skipped=True)
        if entry.name.startswith(".") and not options.hidden:
            return Problem(entry.path, HIDDEN, skipped=True)
        if entry.is_symlink():
            if not options.follow:
                return Problem(entry.path, SYMLINK, skipped=True)
            return _through_link(entry, parent, options, visited)
        if entry.is_dir(follow_symlinks=False):
            info = entry.stat(follow_symlinks=False) if options.follow else None
            return _subdirectory(entry.path, info, parent, visited)
        if entry.is_file(follow_symlinks=False):
            return _file(entry.path, entry.name, options, may_be_link=False)
        return Problem(entry.path, NOT_REGULAR, skipped=True)
    except FileNotFoundError:
        return Problem(entry.path, VANISHED, skipped=True)
    except OSError as error:
        return Problem(entry.path, describe_os_error(error))


def _through_link(
    entry: os.DirEntry[str], parent: _Directory, options: WalkOptions, visited: dict[FileKey, str]
) -> Input | Problem | _Directory:
    try:
        info = os.stat(entry.path)
    except FileNotFoundError:
        return Problem(entry.path, BROKEN_SYMLINK, skipped=True)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(entry.path, f"{LOOP} (the link resolves to itself)", skipped=True)
        raise
    if _key(info) in options.own_output.files:
        return Problem(entry.path, OWN_OUTPUT, skipped=True)
    if stat.S_ISDIR(info.st_mode):
        return _subdirectory(entry.path, info, parent, visited)
    if stat.S_ISREG(info.st_mode):
        return _file(entry.path, entry.name, options, may_be_link=True)
    return Problem(entry.path, NOT_REGULAR, skipped=True)


def _subdirectory(
    path: str, info: os.stat_result | None, parent: _Directory, visited: dict[FileKey, str]
) -> _Directory | Problem:
    """The directory to list next, unless --follow has already been there."""
    if info is None:
        return _Directory(path, None, parent)
    key = _key(info)
    ancestor = parent.ancestor(key)
    if ancestor is not None:
        return Problem(path, f"{LOOP} (leads back to {ancestor.path})", skipped=True)
    if key in visited:
        return Problem(path, f"{ALREADY_WALKED} (as {visited[key]})", skipped=True)
    visited[key] = path
    return _Directory(path, key, parent)


def _ancestors(root: str) -> _Directory | None:
    """The directories above `root`, so that --follow also stops at a link to one of them
    (a link to / would otherwise walk the whole system)."""
    chain: list[str] = []
    path = os.path.realpath(root)
    while os.path.dirname(path) != path:
        path = os.path.dirname(path)
        chain.append(path)
    above: _Directory | None = None
    for path in reversed(chain):
        try:
            above = _Directory(path, _key(os.stat(path)), above)
        except OSError:
            continue
    return above


def _file(path: str, name: str, options: WalkOptions, *, may_be_link: bool) -> Input | Problem:
    if is_article_name(name, options):
        return walked_input(path, may_be_link)
    return Problem(path, OTHER_FILE, skipped=True)


def is_article_name(name: str, options: WalkOptions) -> bool:
    if options.patterns:
        from fnmatch import fnmatchcase  # here: only --glob runs need it

        return any(fnmatchcase(name, pattern) for pattern in options.patterns)
    if "." not in name.lstrip("."):  # no suffix, as os.path.splitext sees it
        return True
    return name.lower().endswith(_DEFAULT_SUFFIXES if options.containers else ARTICLE_SUFFIXES)


def walk_reads(relative: str, options: WalkOptions) -> bool:
    """Whether a walk with `options` reads the regular file at `relative`, a path below its
    root: no hidden folder or name on the way (unless --hidden), and an article's name."""
    parts = os.path.normpath(relative).split(os.sep)
    if not options.hidden and any(part.startswith(".") for part in parts):
        return False
    return is_article_name(parts[-1], options)


def _key(info: os.stat_result) -> FileKey:
    return (info.st_dev, info.st_ino)


def read_text(item: Input, stdin: BinaryIO, options: ReadOptions) -> Decoded:
    """The input's text and the warnings its decoding gave."""
    return decode_bytes(read_bytes(item, stdin, options.max_size), options.encoding)


def read_bytes(item: Input, stdin: BinaryIO, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The whole input, at most `max_size` bytes: InputError when it cannot be read or is
    larger; SkippedInWalk for what a walk skips (vanished, no longer a regular file)."""
    if item.path == STDIN:
        # read1: one read per call, so that the first Ctrl-D on a terminal ends the input
        # (read() would go on reading after it, and wait for a second one).
        try:
            data = _read_capped(getattr(stdin, "read1", stdin.read), max_size, 0)
        except OSError as error:  # standard input closed (`<&-`), or failing
            raise InputError(describe_os_error(error)) from error
        if not data and not item.explicit:
            raise SkippedInWalk(EMPTY_STDIN)
        return data
    descriptor, info = open_input(item)
    try:
        return read_opened(descriptor, info, max_size)
    finally:
        os.close(descriptor)


def open_input(item: Input) -> tuple[int, os.stat_result]:
    """A file opened for reading, and its fstat (size and time come free with it); the caller
    closes the descriptor. SkippedInWalk when a walk found a regular file that is no longer one
    (a directory, a FIFO ...)."""
    try:
        descriptor = os.open(item.path, _open_flags(item))
    except OSError as error:
        raise _open_error(item, error) from error
    try:
        info = os.fstat(descriptor)
    except OSError as error:
        os.close(descriptor)
        raise InputError(describe_os_error(error)) from error
    if not item.explicit and not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise SkippedInWalk(NOT_REGULAR)  # swapped in after the listing
    return descriptor, info


def read_opened(descriptor: int, info: os.stat_result, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The content of a file open_input() opened, at most `max_size` bytes; InputError else."""
    regular = stat.S_ISREG(info.st_mode)
    if regular and info.st_size > max_size:
        raise InputError(too_large(info.st_size, max_size))
    try:
        if regular:  # one read of the size fstat gave, the usual case; more only if it grew
            data = os.read(descriptor, info.st_size + 1)
            if len(data) == info.st_size:
                return data
            rest = _read_capped(functools.partial(os.read, descriptor), max_size - len(data), 0)
            if len(data) + len(rest) > max_size:
                raise InputError(f"too large: more than {human_size(max_size)} (see --max-size)")
            return data + rest
        if regular:
            return _read_capped(functools.partial(os.read, descriptor), max_size, info.st_size)
        return _read_capped(functools.partial(_read_pipe, descriptor), max_size, 0)
    except OSError as error:
        raise InputError(describe_os_error(error)) from error


def _open_flags(item: Input) -> int:
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NOCTTY
    if not item.explicit:
        # A FIFO put in place of a listed file must not block us: opening it without a
        # writer would wait forever. fstat then rejects anything but a regular file.
        flags |= os.O_NONBLOCK
    if not item.may_be_link:
        flags |= os.O_NOFOLLOW
    return flags


def _open_error(item: Input, error: OSError) -> InputError:
    if not item.explicit and isinstance(error, FileNotFoundError):
        return SkippedInWalk(VANISHED)
    if not item.may_be_link and error.errno == errno.ELOOP:
        return SkippedInWalk(SYMLINK)
    return InputError(describe_os_error(error))


_WAKEUP: list[tuple[int, int]] = []
"""(process id, read end) of the pipe Python's signal handler writes to, once watch_signals ran."""


def watch_signals() -> None:
    """Make a stop signal end a blocking read of a pipe or FIFO even when it lands just before
    the read begins: Python runs a signal's handler between bytecodes, and a read that starts
    after the signal arrived would otherwise wait for input that may never come. Main thread."""
    from artparse.signals import signal

    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    os.set_blocking(write_end, False)
    signal.set_wakeup_fd(write_end, warn_on_full_buffer=False)
    _WAKEUP[:] = [(os.getpid(), read_end)]


def _read_pipe(descriptor: int, size: int) -> bytes:
    """os.read of a pipe, once it has data (or its end) or a signal has arrived, whose handler
    then runs before the read, as the read returns to Python code."""
    if _WAKEUP and _WAKEUP[0][0] == os.getpid():  # a forked worker has its parent's, not its own
        import select

        wakeup = _WAKEUP[0][1]
        waiting = select.poll()
        waiting.register(descriptor, select.POLLIN)
        waiting.register(wakeup, select.POLLIN)
        if any(ready == wakeup for ready, _ in waiting.poll()):
            with contextlib.suppress(BlockingIOError):
                os.read(wakeup, 512)
    return os.read(descriptor, size)


def _read_capped(read: Callable[[int], bytes | None], limit: int, expected: int) -> bytes:
    """Read to the end, but never more than `limit` + 1 bytes: pipes, devices and files
    that grow have no size to check beforehand (`expected` is 0 then)."""
    chunks: list[bytes] = []
    total = 0
    chunk_size = max(expected + 1, _CHUNK)
    while True:
        chunk = read(min(chunk_size, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputError(more_than(limit))


def more_than(limit: int) -> str:
    """The failure of an input found larger than `limit` before its end (its size unknown)."""
    return f"too large: more than {human_size(limit)} (see --max-size)"


def file_time(path: str) -> datetime | None:
    """When the file at `path` was last modified, to the second, in UTC: what relative dates
    in it count back from. None when it cannot be known."""
    try:
        moment = datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None
    return moment.replace(microsecond=0)


def parse_file(
    path: str | os.PathLike[str],
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
    """Parse the article in the file at `path`, read as the command line reads a PATH: at most
    `max_size` bytes (checked before reading), decoded by parse_bytes, and `now` defaulting to
    the file's modification time. `source` (default: `path`) names it in the record.
    InputError (an ArtparseError) when it cannot be read, is too large, binary or not in
    `encoding`."""
    if not isinstance(path, str | os.PathLike):
        raise ArgumentTypeError(f"path must be a str or a path, not {type(path).__name__}")
    name = os.fspath(path)
    if not isinstance(name, str):
        raise ArgumentTypeError("path must be a str or a path, not bytes")
    opened = os.path.join(os.curdir, name) if name == STDIN else name  # a file named "-", not stdin
    data = read_bytes(Input(opened, explicit=True), stdin=io.BytesIO(), max_size=max_size)
    return parse_bytes(
        data,
        source=display_path(name) if source is None else source,
        encoding=encoding,
        max_size=max_size,
        dialect=dialect,
        dayfirst=dayfirst,
        rules=rules,
        tz=tz,
        utc=utc,
        now=file_time(opened) if now is None else now,
        min_date=min_date,
    )


def read_file_text(path: str) -> str:
    """A file named by an option (a rules file), read and decoded as an input is."""
    return decode(read_bytes(Input(path, explicit=True), stdin=io.BytesIO()))


def decode(data: bytes) -> str:
    """The text of `data` by the decoding ladder (see decode_bytes for its warnings)."""
    return decode_bytes(data).text


def is_url(path: str) -> bool:
    """Whether PATH names a URL (`s3://…`, read by remote.py) rather than a local path
    (`./s3://x` is local)."""
    return "://" in path and _url().match(path) is not None  # the pattern only when it may match


def display_path(path: str) -> str:
    """`path` as a valid Unicode string: bytes of a file name that are not UTF-8 (held by
    Python as lone surrogates, which no UTF-8 output can carry) become `\\xNN`."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return path


def describe_os_error(error: OSError) -> str:
    """'Permission denied' rather than '[Errno 13] Permission denied: path'."""
    return error.strerror or str(error)


SQLITE_MAGIC = b"SQLite format 3\x00"


def size_and_mtime(path: str) -> tuple[int, int]:
    """The file's size in bytes and modification time in nanoseconds; InputError when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError as error:
        raise InputError(describe_os_error(error)) from error
    return status.st_size, status.st_mtime_ns


def has_vanished(path: str) -> bool:
    """True only when nothing is at `path` any more (an unreadable folder is not a vanished file)."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def is_sqlite_database(path: str) -> bool:
    """Whether `path` is a file that starts like an SQLite database."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a pipe must not lose its first bytes to this check
        with open(path, "rb") as file:
            return file.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


@contextmanager
def open_stream(item: Input, stdin: BinaryIO) -> Iterator[tuple[BinaryIO, os.stat_result | None]]:
    """The input opened for reading as a stream (unbuffered, for a file), and its fstat (None
    for stdin); checked as read_bytes checks it, read errors as InputError. A container is read
    so, article by article."""
    if item.path == STDIN:
        yield stdin, None
        return
    descriptor, info = open_input(item)
    try:
        with open(descriptor, "rb", buffering=0) as raw:
            yield raw, info
    except OSError as error:
        raise InputError(describe_os_error(error)) from error
