"""Worker processes: inputs in, outcomes out, in the inputs' order, in bounded memory.

Each worker gets plain, picklable settings once, when it starts (WorkerSettings), and builds its
Step from them: nothing crosses by inheritance, so any start method works (fork where no thread
is running, which is the fastest; forkserver or spawn otherwise). The main process sends chunks
of inputs (up to CHUNK inputs, CHUNK_BYTES of names; the last ones smaller, so that the workers
finish together), at most AHEAD per worker, topped up as soon as one of its chunks is back (not
when the sink has taken it); a worker works through its chunks in order and sends
each chunk's outcomes back in parts, a part whenever the inputs behind it add up to
RESULT_BYTES. The main process takes in every worker's parts as they come, while fewer than
BUFFERED bytes wait to be written; beyond that it reads only the worker of the oldest chunk, and
the others block on their full connection. So the results in flight stay bounded by bytes
whatever the files' sizes, and no worker waits while there is room.

A worker that dies (killed, out of memory) costs the input it was on (a failure) and nothing
else: a new worker takes over its chunks. Every way out of a run (the end, an exception, a
signal, a closed pipe) ends the workers at once; the main process never waits on one that is
blocked writing.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from artparse.outcomes import Outcome, Passed, Problem, Records, Rendered
from artparse.sources import STDIN, Input, walked_input
from artparse.step import Step, StepSettings, internal_error

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from artparse.outcomes import Joiner
    from artparse.stamps import FileStamp

CHUNK = 512  # inputs per chunk at most
LEAST = 16  # inputs per chunk at least, but for the last one and standard input's
CHUNK_BYTES = 32 * 1024  # and at most this much of their names
AHEAD = 2  # chunks in flight per worker
RESULT_BYTES = 1 << 20  # a worker sends its results whenever the inputs behind them add up to this
BUFFER = 1 << 20  # socket buffers: AHEAD chunks always fit, so sending a chunk never blocks
BUFFERED = 32 << 20  # bytes of results received ahead of the one being written, at most
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

Task = tuple[Input | Passed, "FileStamp | None"]
"""An input (or an outcome known already: a Problem the walk found, kept in its place) and its
recorded stamp."""


@dataclass(frozen=True)
class WorkerSettings:
    step: StepSettings
    hangup_ignored: bool = False
    """The run ignores SIGHUP (nohup): so do its workers."""


def default_start_method() -> str:
    """fork while this process runs no other thread (fork is unsafe beside threads), else
    forkserver where there is one, else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


@dataclass
class _Chunk:
    tasks: list[Task]
    worker: _Worker | None  # None: parsed here (standard input), `local` holds the outcomes
    local: list[Outcome] = field(default_factory=list)
    finished: int = 0
    """Tasks whose outcomes have come back."""
    careful: bool = False
    """The worker sends every task's outcomes as soon as it has them (after a worker died)."""
    parts: deque[tuple[list[Outcome], int]] = field(default_factory=deque)
    """Outcomes received and not yet passed on, with their size in bytes."""
    complete: bool = False

    def send(self) -> None:
        assert self.worker is not None
        self.worker.connection.send((_packed(self.tasks[self.finished :]), self.careful))


class _Worker:
    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection
        self.chunks: deque[_Chunk] = deque()


class Workers:
    """`jobs` worker processes; a context manager that always ends them."""

    def __init__(self, settings: WorkerSettings, jobs: int, start_method: str | None = None) -> None:
        import multiprocessing

        self._settings = settings
        self._context = multiprocessing.get_context(start_method or default_start_method())
        self._workers: list[_Worker] = []
        self._buffered = 0
        self._buffer = bytearray()
        """Where the workers' messages are read into (_received)."""
        keep_large_buffers()
        for _ in range(jobs):
            self._workers.append(self._start())

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self.close(abort=kind is not None)

    def _start(self) -> _Worker:
        ours, theirs = socket.socketpair()
        for end in (ours, theirs):
            end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER)
            end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER)
        from multiprocessing.connection import Connection

        mine, child_end = Connection(ours.detach()), Connection(theirs.detach())
        # A forked child inherits this process's ends of every connection: it must close them,
        # or the death of this process would never reach it as the end of its connection.
        ours_too = [w.connection.fileno() for w in self._workers if not w.connection.closed]
        ours_too.append(mine.fileno())
        inherited = tuple(ours_too) if self._context.get_start_method() == "fork" else ()
        process = self._context.Process(  # type: ignore[attr-defined]
            target=serve, args=(child_end, self._settings, inherited), daemon=True
        )
        # Stop signals wait until the child has its own handlers (and start-up cannot print a
        # KeyboardInterrupt); a signal meant for this process is delivered right after.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a spawned child starts with
        try:
            process.start()
        finally:
            signal.signal(signal.SIGINT, interrupt)
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            child_end.close()
        return _Worker(process, mine)

    def outcomes(self, tasks: Iterator[Task], local: Step) -> Iterator[Outcome]:
        """The outcomes of `tasks` in order; standard input is read here, by `local`."""
        chunks = _chunks(tasks, len(self._workers))
        pending: deque[_Chunk] = deque()

        def top_up() -> None:
            self._dispatch(chunks, pending, local)

        while True:
            top_up()
            if not pending:
                return
            chunk = pending.popleft()
            if chunk.worker is None:
                yield from chunk.local
                continue
            yield from self._receive(chunk, top_up)

    def _dispatch(self, chunks: Iterator[list[Task]], pending: deque[_Chunk], local: Step) -> None:
        """Give each worker chunks until it has AHEAD of them."""
        while True:
            worker = min(self._workers, key=lambda w: len(w.chunks))
            if len(worker.chunks) >= AHEAD:
                return
            tasks = next(chunks, None)
            if tasks is None:
                return
            if _from_stdin(tasks[0]):  # only this process can read it
                item, known = tasks[0]
                assert isinstance(item, Input)
                pending.append(_Chunk(tasks, None, local(item, known)))
                continue
            chunk = _Chunk(tasks, worker)
            worker.chunks.append(chunk)
            pending.append(chunk)
            chunk.send()

    def _receive(self, chunk: _Chunk, top_up: Callable[[], None]) -> Iterator[Outcome]:
        """The chunk's outcomes, part by part, as its worker sends them; meanwhile the other
        workers' parts are received too (up to BUFFERED bytes). After each part passed on (the
        sink may have been slow: a database's commit) and each wait, every part that is ready is
        taken in and the workers are given chunks for those done, so that none waits idle."""
        assert chunk.worker is not None
        while True:
            timeout: float | None = None
            if chunk.parts:
                outcomes, size = chunk.parts.popleft()
                self._buffered -= size
                yield from outcomes
                timeout = 0
            elif chunk.complete:
                return
            self._receive_ready(chunk.worker, timeout)
            top_up()

    def _receive_ready(self, first: _Worker, timeout: float | None = None) -> None:
        """Wait (at most `timeout` seconds; None: until one comes) for a part from `first` or
        from any other worker (while fewer than BUFFERED bytes wait in this process), and take
        in every part that is ready."""
        from multiprocessing.connection import wait

        room = self._buffered < BUFFERED
        readers = {w.connection: w for w in self._workers if w.chunks and (w is first or room)}
        for ready in wait(list(readers), timeout):
            self._take_part(readers[ready])  # type: ignore[index]

    def _take_part(self, worker: _Worker) -> None:
        chunk = worker.chunks[0]  # a worker sends its chunks' parts in order
        try:
            message = self._received(worker.connection)
        except (EOFError, OSError):
            chunk.parts.append((self._replace(worker, chunk), 0))
            return
        outcomes, finished, last = pickle.loads(message)
        chunk.finished += finished
        chunk.parts.append((outcomes, len(message)))
        self._buffered += len(message)
        if last:
            worker.chunks.popleft()
            chunk.complete = True

    def _received(self, connection: Connection) -> memoryview:
        """connection.recv_bytes(), read into one buffer kept for the next message (bytes as
        large as one, made afresh, would be written twice over: zeroed or copied in)."""
        descriptor = connection.fileno()
        size = int.from_bytes(_read_exactly(descriptor, memoryview(bytearray(4))), "big", signed=True)
        if size == -1:  # the length of a message of 2 GiB or more, as Connection sends it
            size = int.from_bytes(_read_exactly(descriptor, memoryview(bytearray(8))), "big")
        if size > len(self._buffer):
            if size > KEPT_BUFFER:
                return _read_exactly(descriptor, memoryview(bytearray(size)))
            self._buffer = bytearray(size)
        return _read_exactly(descriptor, memoryview(self._buffer)[:size])

    def _replace(self, dead: _Worker, chunk: _Chunk) -> list[Outcome]:
        """A worker died: a new one takes over its chunks. The input it died on is found by
        sending the rest of the chunk again, carefully (outcomes after each input): a second
        death there is that input's failure, and costs nothing else."""
        dead.process.join(1)
        code = dead.process.exitcode
        dead.connection.close()
        failed: list[Outcome] = []
        if chunk.careful:
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            item = chunk.tasks[chunk.finished][0]
            reason = f"internal error, please report it: the worker process died ({how})"
            failed.append(Problem(item.path, reason))
            chunk.finished += 1
            chunk.careful = False
        else:
            chunk.careful = True
        worker = self._start()
        self._workers[self._workers.index(dead)] = worker
        worker.chunks = dead.chunks
        for queued in worker.chunks:
            queued.worker = worker
            queued.send()
        return failed

    def close(self, *, abort: bool) -> None:
        """End every worker: ask them to stop after a complete run, kill them otherwise."""
        for worker in self._workers:
            if abort:
                worker.process.kill()
            else:
                try:
                    worker.connection.send(None)
                except OSError:
                    worker.process.kill()
        for worker in self._workers:
            worker.process.join(1 if not abort else None)
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join()
            worker.connection.close()
        self._workers = []


KEPT_BUFFER = 64 << 20
"""The largest message whose buffer the main process keeps for the next ones."""


def _read_exactly(descriptor: int, view: memoryview) -> memoryview:
    """`view` filled from `descriptor`, as Connection reads a message: EOFError at the end of
    the connection before its first byte, OSError after."""
    got = 0
    while got < len(view):
        count = os.readv(descriptor, [view[got:]])
        if count == 0:
            if got == 0:
                raise EOFError
            raise OSError("got end of file during message")
        got += count
    return view


def _chunks(tasks: Iterator[Task], jobs: int) -> Iterator[list[Task]]:
    """Chunks of tasks in order, each standard-input task on its own. The last chunks shrink, so
    that the workers finish together instead of all waiting on one worker's last full chunk:
    tasks are read ahead (a chunk more each time, up to what `jobs` workers' AHEAD chunks and one
    more hold), and once they end, each chunk takes a 2 * jobs-th of what is left (LEAST at least)."""
    ahead: deque[Task] = deque()
    most = (jobs * AHEAD + 1) * CHUNK
    wanted = CHUNK + 1  # one more than a chunk: whether the tasks end within it
    ended = False
    while True:
        while not ended and len(ahead) < wanted:
            task = next(tasks, None)
            if task is None:
                ended = True
            else:
                ahead.append(task)
        if not ahead:
            return
        share = CHUNK if not ended else min(CHUNK, max(LEAST, -(-len(ahead) // (2 * jobs))))
        yield _chunk(ahead, share)
        wanted = min(wanted + CHUNK, most)


def _chunk(ahead: deque[Task], most: int) -> list[Task]:
    """The next chunk off `ahead`: up to `most` tasks and CHUNK_BYTES of their names, or a
    standard-input task alone."""
    if _from_stdin(ahead[0]):
        return [ahead.popleft()]
    chunk: list[Task] = []
    size = 0
    while ahead and len(chunk) < most and size < CHUNK_BYTES and not _from_stdin(ahead[0]):
        task = ahead.popleft()
        chunk.append(task)
        item = task[0]
        size += item.task_bytes if isinstance(item, Input) else len(item.path)
    return chunk


def _from_stdin(task: Task) -> bool:
    return isinstance(task[0], Input) and task[0].path == STDIN


_Packed = tuple[bool, list[str]]
"""A chunk of files found by a walk, as it crosses to a worker: their `may_be_link` and paths."""


def _packed(tasks: list[Task]) -> list[Task] | _Packed:
    """The tasks as they cross to a worker: files found by a walk (the usual chunk) as their
    paths alone, which pickle twenty times quicker than the Inputs; any other chunk as it is."""
    first = tasks[0][0]
    linked = isinstance(first, Input) and first.may_be_link
    for item, known in tasks:
        if (
            known is not None
            or not isinstance(item, Input)
            or item.explicit
            or item.member is not None
            or item.may_be_link != linked
        ):
            return tasks
    return linked, [item.path for item, _ in tasks]


def _unpacked(tasks: list[Task] | _Packed) -> list[Task]:
    if isinstance(tasks, list):
        return tasks
    linked, paths = tasks
    return [(walked_input(path, linked), None) for path in paths]


def serve(connection: Connection, settings: WorkerSettings, inherited: tuple[int, ...] = ()) -> None:
    """A worker's life: chunks in, outcomes out, until the main process says stop or goes away
    (even killed: its end of the connection closes, and on Linux the kernel ends the worker)."""
    for descriptor in inherited:  # the main process's ends, inherited by fork
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _die_with_parent()
    keep_large_buffers()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_IGN if settings.hangup_ignored else signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    _detach_standard_streams()
    step = Step(settings.step, io.BytesIO())  # chunks hold no standard-input item
    join = settings.step.render.joiner()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        tasks, careful = message
        try:
            _work(_unpacked(tasks), step, connection.send, RESULT_BYTES if not careful else 0, join)
        except (BrokenPipeError, ConnectionResetError):
            return


_Send = Callable[[tuple[list[Outcome], int, bool]], None]


def _work(tasks: list[Task], step: Step, send: _Send, part_bytes: int, join: Joiner | None = None) -> None:
    """The outcomes of `tasks`, sent in parts: a part whenever the inputs behind it add up to
    `part_bytes`, and the last at the end; with a `join`, each run of plain records as one
    Records."""
    part: list[Outcome] = []
    start, finished = step.bytes_read, 0
    for item, known in tasks:
        part.extend(step(item, known) if isinstance(item, Input) else (item,))
        finished += 1
        if step.bytes_read - start >= part_bytes and finished < len(tasks):
            _send(send, _joined(part, join), finished, last=False)
            part, start, finished = [], step.bytes_read, 0
    _send(send, _joined(part, join), finished, last=True)


def _joined(part: list[Outcome], join: Joiner | None) -> list[Outcome]:
    """`part` with each run of records that need no message (no warnings) as one Records of
    the payload `join` makes of them; `part` itself without a `join`."""
    if join is None:
        return part
    joined: list[Outcome] = []
    run: list[Rendered] = []
    for outcome in part:
        if isinstance(outcome, Rendered) and not outcome.warnings:
            run.append(outcome)
            continue
        if run:
            joined.append(Records(len(run), join(run)))
            run = []
        joined.append(outcome)
    if run:
        joined.append(Records(len(run), join(run)))
    return joined


def _send(send: _Send, part: list[Outcome], finished: int, *, last: bool) -> None:
    """Send a part; an outcome that cannot be sent (it does not pickle) becomes a failure."""
    try:
        send((part, finished, last))
    except (BrokenPipeError, ConnectionResetError):
        raise
    except Exception:
        checked: list[Outcome] = []
        for outcome in part:
            try:
                pickle.dumps(outcome)
                checked.append(outcome)
            except Exception as error:
                checked.append(internal_error(getattr(outcome, "source", None) or "?", error))
        send((checked, finished, last))


def _die_with_parent() -> None:
    """On Linux, SIGKILL this worker when its parent dies (the main process, even by kill -9;
    under forkserver, the server, which ends with it), also while the worker is blocked where no
    end of file reaches it (opening a FIFO that no one writes)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1


def keep_large_buffers() -> None:
    """With glibc, keep the memory of freed buffers up to LARGE_BUFFER for the next ones instead
    of handing it back to the system at once. The parts of results (a MiB or so, several copies
    of each on the way: joined, pickled, received, unpickled, encoded) would otherwise each come
    in fresh pages, and a page fault costs more than copying the page: 20 to 30 faults a file
    between the main process and the workers, about 4 us of CPU a file on this machine."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BUFFER)
        libc.mallopt(_M_TRIM_THRESHOLD, 4 * LARGE_BUFFER)


LARGE_BUFFER = 4 << 20
"""Allocations up to this size come from the heap (glibc maps larger ones on their own)."""
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def _detach_standard_streams() -> None:
    """A forked worker must not hold the run's stdin or stdout: a reader waiting for the end
    of stdout would wait for the workers too."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1):
        with contextlib.suppress(OSError):
            os.dup2(devnull, descriptor)
    os.close(devnull)
