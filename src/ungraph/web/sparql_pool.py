"""Queries run in forked worker processes, so a query past the time limit can really be stopped.

pyoxigraph cannot cancel a running query, and a Python thread cannot be killed: a runaway query
left in a thread would keep burning a core until it finished (measured in
``benchmarks/endpoint/README.md``). So every query runs in one of a few worker processes, forked
from the server process after the store was loaded (the in-memory store is shared copy-on-write,
nothing is reloaded; an on-disk store is opened again, read-only, by each worker: ``reopen``). The request thread sends a :class:`~ungraph.sparql.Job` over a socket pair (the worker checks it —
:mod:`~ungraph.web.sparql_check`, rdflib's parser, slow on huge texts — then runs it: :func:`checked_run`)
and waits at most the time limit; when the time is up the worker is killed with SIGKILL, reaped,
and replaced by a fresh fork, and the request is answered 503. Other requests go to the other
workers meanwhile. A request that finds every worker busy waits for one, within the same limit.
(The one exception: a query whose cost its own text bounds — :mod:`ungraph.web.query_cost` — is
answered by :func:`checked_run` in the server process, without the round trip.)

**The protocol.** A job goes to the worker as the :mod:`marshal` bytes of its fields, and the answer
comes back the same way (:func:`encode` / :func:`decode`), not pickled: both ends are the same
interpreter (forked), and marshal writes a tuple of strings, numbers and bytes without pickle's
class lookups and reducers (20 µs per query both ways, against 35 µs pickled), framed on the socket
itself (:class:`_Channel`) instead of ``multiprocessing.connection``. With its waits and reads, the
pickled round trip was 18 % of a DESCRIBE's Python time in the server process in a profile under
load (``benchmarks/endpoint/README.md``). The round trip's larger cost is the two process
switches, which no encoding removes.

Workers hold no lock of the server: they only read the store and their socket, and they die
with the server (their socket reaches end-of-file, and Linux sends them SIGKILL when the parent
exits).
"""

from __future__ import annotations

import atexit
import dataclasses
import marshal
import os
import queue
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ungraph.describe_labels import LabelCache
from ungraph.sparql import Answer, Job, run_job
from ungraph.web import sparql_check

__all__ = ["QueryTimeout", "WorkerPool", "checked_run", "encode", "decode"]

_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in (Job, Answer)}


def encode(record: Job | Answer) -> bytes:
    """The marshal bytes of a job's or an answer's fields, in their order.

    >>> decode(Job, encode(Job("ASK {}", prefixes=(("ex", "http://x/"),)))) == Job("ASK {}", prefixes=(("ex", "http://x/"),))
    True
    >>> decode(Answer, encode(Answer("graph", "ttl", b"<a> <b> <c> .", 1, seconds=0.5))).seconds
    0.5
    """
    return marshal.dumps(tuple(getattr(record, name) for name in _FIELDS[type(record)]))


def decode(cls: type, data: bytes):
    """The :class:`Job` or :class:`Answer` :func:`encode` wrote."""
    return cls(*marshal.loads(data))


def checked_run(store, job: Job, labels: LabelCache | None = None) -> Answer:
    """Every step of a query — the safety check (rdflib parses it), then parse, execute, serialize —
    in one call, so that all of them run inside the worker and under the one time limit."""
    refusal = sparql_check.check(job.query)
    if refusal is not None:
        return Answer("refused", error=refusal.message, status=refusal.status)
    return run_job(store, job, labels)


class _Channel:
    """Length-prefixed messages over one end of a socket pair.

    ``multiprocessing.connection.Connection`` did the same with more Python per message: its
    ``poll`` builds a selector for every wait, and its reads go through several layers; the
    socket's own timeout waits in C (``poll(2)``). Measured in a profile: with the pickling, the wait and
    the read were 18 % of a DESCRIBE's Python time in the server process (``benchmarks/endpoint/README.md``).
    """

    _HEADER = struct.Struct("!Q")

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(self._HEADER.pack(len(data)) + data)

    def _exactly(self, n: int) -> bytes:
        buf = bytearray(n)
        view = memoryview(buf)
        while view:
            got = self.sock.recv_into(view)
            if not got:
                raise EOFError("the other end closed the channel")
            view = view[got:]
        return bytes(buf)

    def recv_bytes(self, timeout: float | None = None) -> bytes:
        """The next message; :class:`TimeoutError` when its first byte has not come within ``timeout``
        seconds (None: wait), :class:`EOFError` when the other end is gone."""
        # a timeout of 0 would make the socket non-blocking (BlockingIOError, not a timeout): wait a moment
        self.sock.settimeout(None if timeout is None else max(timeout, 1e-6))
        try:
            first = self.sock.recv(self._HEADER.size)
        finally:
            self.sock.settimeout(None)  # the rest of a message that has begun is read to its end
        if not first:
            raise EOFError("the other end closed the channel")
        header = first if len(first) == self._HEADER.size else first + self._exactly(self._HEADER.size - len(first))
        return self._exactly(self._HEADER.unpack(header)[0])

    def close(self) -> None:
        self.sock.close()


class QueryTimeout(Exception):
    """The query (or the wait for a free worker) went past the time limit."""


@dataclass
class _Worker:
    pid: int
    conn: _Channel


def _set_parent_death_signal() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:  # not Linux: end-of-file on the socket still ends the worker
        pass


def _serve(conn: _Channel, store, reopen: Callable[[], object] | None = None) -> None:
    _set_parent_death_signal()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if reopen is not None:  # the parent's RocksDB handle must not be used after the fork: a handle of our own
        store = reopen()
    labels = LabelCache()  # the store never changes while served: labels looked up once per worker
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            job = decode(Job, data)
        except Exception as e:  # noqa: BLE001 - a job that cannot be read is answered, not fatal
            conn.send_bytes(encode(Answer("internal", error=f"cannot read the query: {type(e).__name__}: {e}")))
            continue
        start = time.perf_counter()
        try:
            answer = checked_run(store, job, labels)
        except Exception as e:  # noqa: BLE001 - report, never die silently
            answer = Answer("internal", error=f"the query worker failed: {type(e).__name__}: {e}")
        answer = dataclasses.replace(answer, seconds=time.perf_counter() - start)
        try:
            conn.send_bytes(encode(answer))
        except (EOFError, OSError):
            return
        except Exception as e:  # noqa: BLE001 - an answer that cannot be sent is reported, not fatal
            conn.send_bytes(encode(Answer("internal", error=f"cannot send the answer: {type(e).__name__}: {e}")))


class WorkerPool:
    """``size`` forked workers answering :class:`Job`s on ``store`` (or on what ``reopen()`` gives in each worker)."""

    def __init__(self, store, size: int = 2, reopen: Callable[[], object] | None = None) -> None:
        self.store = store
        self.reopen = reopen
        self.size = size
        self.owner = os.getpid()
        self._lock = threading.Lock()
        self._all: dict[int, _Worker] = {}
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self.killed = 0
        # Every fork happens on this one long-lived thread: Linux's parent-death signal follows the
        # *thread* that forked, so a worker forked by a request thread would be killed when a
        # server recycles that thread.
        self._requests: queue.SimpleQueue[queue.SimpleQueue[_Worker | BaseException]] = queue.SimpleQueue()
        threading.Thread(target=self._spawner, name="ungraph-query-spawner", daemon=True).start()
        for _ in range(size):
            self._idle.put(self._spawn())
        atexit.register(self.close)

    def _spawner(self) -> None:
        while True:
            reply = self._requests.get()
            try:
                reply.put(self._fork())
            except BaseException as e:  # noqa: BLE001 - handed to the waiting request
                reply.put(e)

    def _spawn(self) -> _Worker:
        reply: queue.SimpleQueue[_Worker | BaseException] = queue.SimpleQueue()
        self._requests.put(reply)
        result = reply.get()
        if isinstance(result, BaseException):
            raise result
        return result

    def _fork(self) -> _Worker:
        ours, theirs = socket.socketpair()
        with self._lock:
            pid = os.fork()
            if pid == 0:  # the worker: keep only its own end
                try:
                    ours.close()
                    for w in self._all.values():
                        w.conn.close()
                    _serve(_Channel(theirs), self.store, self.reopen)
                except BaseException as e:  # noqa: BLE001 - say why a worker dies, then die
                    os.write(2, f"ungraph query worker {os.getpid()} died: {type(e).__name__}: {e}\n".encode())
                finally:
                    os._exit(0)
            theirs.close()
            worker = _Worker(pid, _Channel(ours))
            self._all[pid] = worker
        return worker

    def _kill(self, worker: _Worker) -> None:
        with self._lock:
            self._all.pop(worker.pid, None)
        try:
            os.kill(worker.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(worker.pid, 0)
        except ChildProcessError:
            pass
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        self._idle.put(self._spawn())

    def run(self, job: Job, timeout: float) -> Answer:
        """The worker's answer; :class:`QueryTimeout` when it takes longer than ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        for _ in range(self.size + 1):  # a worker that died idle cannot take the job: a fresh one does
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise QueryTimeout(f"every query worker stayed busy for {timeout:g} s") from None
            try:
                worker.conn.send_bytes(encode(job))
                break
            except (EOFError, OSError):  # the job never reached it, so it never ran
                self._replace(worker)
        else:
            return Answer("unavailable", error="no query worker could be started; the query was not answered")
        try:
            try:
                data = worker.conn.recv_bytes(max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None
            answer: Answer = decode(Answer, data)
        except (QueryTimeout, EOFError, OSError) as e:
            self.killed += 1
            self._replace(worker)
            if isinstance(e, QueryTimeout):
                raise
            return Answer("unavailable", error="the query worker died (out of memory?); the query was not answered")
        self._idle.put(worker)
        return answer

    def pids(self) -> list[int]:
        with self._lock:
            return sorted(self._all)

    def close(self) -> None:
        if os.getpid() != self.owner:
            return
        for w in list(self._all.values()):
            self._kill(w)
