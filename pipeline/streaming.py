"""Streaming: documents in, their extractions out in the same order, few of them in memory at once.

Files are read one by one as room frees up, so memory stays flat whatever the number of files;
results come back in the order given, so the main process writes them in corpus order and the
database (its ids too) is the same whatever the number of workers. A long document is cut into
pieces (``pieces``) whose steps (``Steps.find_piece``, ``Steps.annotate_found``) spread over all
the workers, a few pieces in flight at a time: what the first step found waits packed for the
frame, and the second step's rows come out (``InParts``) to be saved piece by piece, so memory
grows little with the file and it holds back the files after it only for its own share of the time.

The work goes through a ``Runner``: anything with ``submit(fn, *args)`` returning a handle with
``ready()`` and ``result()`` (the local process, a ``multiprocessing`` pool, a Dask client). The
stage functions come in as ``Steps`` (``extraction.STEPS``): streaming sits below the sequence it serves.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from . import pieces
from .records import Document, DocumentFrame, Extraction, IngestError


@dataclass(frozen=True)
class Steps:
    """What a document goes through, given by ``run`` (module-level functions, so a pool can send
    them to its workers): whole, or piece by piece with the frame read between the two steps."""

    extract_whole: Callable[..., Extraction | IngestError]   # (document, entity_finder)
    piece_text: Callable[..., Document]                      # (document, piece)
    find_piece: Callable[..., Any]                           # (part, piece, entity_finder) -> found
    frame_of: Callable[..., DocumentFrame]                   # (document, found pieces)
    numbered: Callable[..., Iterator]                        # (found pieces) -> (found, first sentence, first table)
    annotate_found: Callable[..., Any]                       # (part, found, frame, first sentence, first table) -> rows


class WorkLost(Exception):
    """A step whose worker was lost (a cluster's worker died each time it was tried): that
    document's error, the run goes on."""


class PieceFailed(Exception):
    """A piece's second step failed while its document was being saved: the saving is undone and
    ``error`` is the file's error row."""

    def __init__(self, error: IngestError):
        super().__init__(error.message)
        self.error = error


@dataclass
class InParts:
    """A long document whose rows come piece by piece (``parts``: ``extraction.PieceRows`` in order),
    computed as they are asked for; ``frame`` is read already. Iterating may raise ``PieceFailed``."""

    document: Document
    frame: DocumentFrame
    parts: Iterator[Any]


def failure(path: str, err: BaseException) -> IngestError:
    """A bug on one text must not cost the user the others: it becomes that file's error."""
    if isinstance(err, WorkLost):
        return IngestError(path, f"extraction failed: {err}")
    return IngestError(path, f"extraction failed: {type(err).__name__}: {err}")


class Handle(Protocol):
    def ready(self) -> bool: ...
    def result(self) -> Any: ...


class Runner(Protocol):
    def submit(self, fn: Callable, /, *args: Any) -> Handle: ...


class Done:
    """A result computed already (``InProcess``)."""

    def __init__(self, value: Any, error: BaseException | None = None):
        self.value, self.error = value, error

    def ready(self) -> bool:
        return True

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


class InProcess:
    """Runs each step at once, in this process (``-j 1``)."""

    def submit(self, fn: Callable, /, *args: Any) -> Done:
        try:
            return Done(fn(*args))
        except Exception as err:  # raised where the result is asked for, as a pool would
            return Done(None, err)


class FutureStep:
    """A step handed to workers as a future (``concurrent.futures``, Dask): ready once done."""

    def __init__(self, future):
        self.future = future

    def ready(self) -> bool:
        return self.future.done()

    def result(self) -> Any:
        return self.future.result()


class PoolRunner:
    """Worker processes (``concurrent.futures.ProcessPoolExecutor``) as a ``Runner``, started
    (``start()``) at the first step, so a run with nothing to extract starts no worker; ``close()``
    ends them at once (Ctrl-C does not wait for the documents in flight). A worker that dies (killed,
    out of memory) costs the documents then in flight (``WorkLost``, each an error row) and the
    next step starts fresh workers, where ``multiprocessing.Pool`` would wait for them for ever."""

    class _Handle(FutureStep):
        def result(self) -> Any:
            try:
                return self.future.result()
            except BrokenProcessPool:
                raise WorkLost("a worker process died while this file was in its hands (killed, or out of "
                               "memory?): run extract again to retry it") from None

    def __init__(self, start: Callable[[], Any]):
        self.start, self.pool = start, None

    def start_now(self) -> None:
        """Start the workers now (before a file is read: forked later, each would hold a copy
        of the text in its resident memory)."""
        if self.pool is None:
            self.pool = self.start()

    def submit(self, fn: Callable, /, *args: Any) -> PoolRunner._Handle:
        self.start_now()
        try:
            return self._Handle(self.pool.submit(fn, *args))
        except BrokenProcessPool:  # a worker died: the steps in flight are lost, the run goes on
            self.close()
            self.start_now()
            return self._Handle(self.pool.submit(fn, *args))

    def close(self) -> None:
        if self.pool is not None:
            # the executor's own shutdown waits for the steps in flight; Ctrl-C must not
            processes = dict(getattr(self.pool, "_processes", None) or {})
            self.pool.shutdown(wait=False, cancel_futures=True)
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                process.join()
            self.pool = None


class Passed:
    """An item that needs no work (an error row, a skipped file): it keeps its place in the order."""

    def __init__(self, item: Any):
        self.item = item
        self.chars = 0

    def advance(self) -> None:
        pass

    def ready(self) -> bool:
        return True

    def result(self) -> Any:
        return self.item


class DocumentJob:
    """A document read whole: one step."""

    def __init__(self, document: Document, runner: Runner, steps: Steps, entity_finder=None):
        self.document = document
        self.chars = len(document.text)
        self.handle = runner.submit(steps.extract_whole, document, entity_finder)

    def advance(self) -> None:
        pass

    def widen(self, most_pieces: int) -> None:
        pass

    def ready(self) -> bool:
        return self.handle.ready()

    def result(self) -> Extraction | IngestError:
        try:
            return self.handle.result()
        except WorkLost as err:
            return failure(self.document.path, err)


class PiecesJob:
    """A long document on its way: its pieces' first steps, ``most_pieces`` in flight at a time,
    kept as they come back (packed: ``extraction.FoundPiece``); then the frame read from all of them; then
    the second steps, as many in flight, handed out in order as the writer asks (``InParts``)."""

    def __init__(self, document: Document, piece_list: list, runner: Runner, steps: Steps, entity_finder=None,
                 most_pieces: int = 4):
        self.document, self.runner, self.steps, self.entity_finder = document, runner, steps, entity_finder
        self.chars = len(document.text)
        self.most_pieces = max(1, most_pieces)
        self.waiting = deque(piece_list)
        self.sent: deque = deque()
        self.found: list = []
        self.error: IngestError | None = None
        self._send()

    def _send(self) -> None:
        while self.waiting and len(self.sent) < self.most_pieces and self.error is None:
            piece = self.waiting.popleft()
            self.sent.append(self.runner.submit(self.steps.find_piece, self.steps.piece_text(self.document, piece), piece,
                                                self.entity_finder))

    def _take(self) -> None:
        """The oldest first step's result (waits for it)."""
        handle = self.sent.popleft()
        try:
            self.found.append(handle.result())
        except Exception as err:
            self.error = self.error or failure(self.document.path, err)
            self.waiting.clear()

    def widen(self, most_pieces: int) -> None:
        """Let ``most_pieces`` be in flight (once a cluster's size is known)."""
        self.most_pieces = max(1, most_pieces)
        self._send()

    def advance(self) -> None:
        """Take the first steps that are back and send more (never waits)."""
        while self.sent and self.sent[0].ready():
            self._take()
        self._send()

    def ready(self) -> bool:
        self.advance()
        return not self.sent and not self.waiting

    def result(self) -> InParts | IngestError:
        while self.sent:
            self._take()
            self._send()
        if self.error is not None:
            return self.error
        try:
            frame = self.steps.frame_of(self.document, self.found)
        except Exception as err:
            return failure(self.document.path, err)
        return InParts(self.document, frame, self._rows(frame))

    def _rows(self, frame: DocumentFrame) -> Iterator[Any]:
        queue = deque(self.steps.numbered(self.found))
        self.found = []  # each piece's packed spans now live only until its second step is sent
        sent: deque = deque()
        while queue or sent:
            while queue and len(sent) < self.most_pieces:
                found, first_sentence, first_table = queue.popleft()
                sent.append(self.runner.submit(self.steps.annotate_found, self.steps.piece_text(self.document, found.piece),
                                               found, frame, first_sentence, first_table))
            try:
                rows = sent.popleft().result()
            except Exception as err:
                raise PieceFailed(failure(self.document.path, err)) from None
            yield rows


def extract_in_order(items: Iterable[Any], runner: Runner, steps: Steps | Callable[[], Steps], entity_finder=None,
                     most_documents: int | Callable[[], int] = 8, most_chars: int | None = None) -> Iterator[Any]:
    """Each ``Document`` of ``items`` as its ``Extraction``, ``InParts`` (a long one) or
    ``IngestError``, anything else as it is, in the order given; at most ``most_documents``
    documents and ``most_chars`` characters (default: as many as ``most_documents`` documents read
    whole) are in flight, and ``items`` is read no further ahead (the first document is let in
    whatever its size). An ``InParts`` must be read to its end before the next result is asked for.
    ``most_documents`` may be a function, asked after the first step is sent (a cluster knows
    its size once connected); so may ``steps``, asked at the first document (a run with nothing
    to extract then never loads the stages)."""
    window: deque = deque()
    in_flight = 0
    for item in items:
        if callable(steps) and isinstance(item, Document):
            steps = steps()
        window.append(job_for(item, runner, steps, entity_finder, most_documents))
        if callable(most_documents) and isinstance(item, Document):
            most_documents = most_documents()
            window[-1].widen(most_documents)
        most_chars = most_chars or (0 if callable(most_documents) else most_documents * pieces.whole_chars())
        in_flight += window[-1].chars
        while window and (window[0].ready() or len(window) > most_documents or in_flight > most_chars):
            head = window.popleft()
            in_flight -= head.chars
            yield head.result()
            for job in window:
                job.advance()
    while window:
        head = window.popleft()
        yield head.result()
        for job in window:
            job.advance()


def job_for(item: Any, runner: Runner, steps: Steps, entity_finder, most_pieces: int | Callable[[], int]):
    if not isinstance(item, Document):
        return Passed(item)
    most_pieces = most_pieces if isinstance(most_pieces, int) else 1  # a cluster's size: known after the first
    piece_list = pieces.cut(item.text)
    if len(piece_list) == 1:
        return DocumentJob(item, runner, steps, entity_finder)
    return PiecesJob(item, piece_list, runner, steps, entity_finder, most_pieces)
