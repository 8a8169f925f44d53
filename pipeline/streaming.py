"""Streaming: documents in, their extractions out in the same order, few of them in memory at once.

Files are read one by one as room frees up, so memory stays flat whatever the number of files;
results come back in the order given, so the main process writes them in corpus order and the
database (its ids too) is the same whatever the number of workers. A long document is cut into
pieces (``pieces``) whose steps (``Steps.find_spans``, ``Steps.annotate_piece``) spread over all the
workers, so it holds back the saving of the files after it only for its own share of the time.

The work goes through a ``Runner``: anything with ``submit(fn, *args)`` returning a handle with
``ready()`` and ``result()`` (the local process, a ``multiprocessing`` pool, a Dask client). The
stage functions come in as ``Steps`` (``run.STEPS``): streaming sits below the sequence it serves.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
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
    find_spans: Callable[..., Any]                           # (part, piece, entity_finder)
    frame_of: Callable[..., DocumentFrame]                   # (document, found)
    annotate_piece: Callable[..., Any]                       # (part, spans, frame)
    assemble: Callable[..., Extraction]                      # (document, annotated, frame)


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


class PoolRunner:
    """A ``multiprocessing`` pool as a ``Runner``, started (``start()``) at the first step, so a
    run with nothing to extract starts no worker; ``close()`` ends it."""

    class _Handle:
        def __init__(self, async_result):
            self.async_result = async_result

        def ready(self) -> bool:
            return self.async_result.ready()

        def result(self) -> Any:
            return self.async_result.get()

    def __init__(self, start: Callable[[], Any]):
        self.start, self.pool = start, None

    def submit(self, fn: Callable, /, *args: Any) -> PoolRunner._Handle:
        if self.pool is None:
            self.pool = self.start()
        return self._Handle(self.pool.apply_async(fn, args))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


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
    """One document on its way: one step when it is one piece, else its pieces' first steps,
    the frame read from all of them, then their second steps."""

    def __init__(self, document: Document, runner: Runner, steps: Steps, entity_finder=None):
        self.document, self.runner, self.steps, self.entity_finder = document, runner, steps, entity_finder
        self.chars = len(document.text)
        self.frame: DocumentFrame | None = None
        self.piece_list = pieces.cut(document.text)
        if len(self.piece_list) == 1:
            self.handles = [runner.submit(steps.extract_whole, document, entity_finder)]
        else:
            self.handles = [runner.submit(steps.find_spans, steps.piece_text(document, piece), piece, entity_finder)
                            for piece in self.piece_list]

    def advance(self) -> None:
        """Start the second steps as soon as every first step is back (never waits)."""
        if self.frame is None and len(self.piece_list) > 1 and all(h.ready() for h in self.handles):
            self._annotate()

    def _annotate(self) -> None:
        found = [h.result() for h in self.handles]
        self.frame = self.steps.frame_of(self.document, found)
        self.handles = [self.runner.submit(self.steps.annotate_piece, self.steps.piece_text(self.document, spans.piece), spans,
                                           self.frame) for spans in found]

    def ready(self) -> bool:
        self.advance()
        return (len(self.piece_list) == 1 or self.frame is not None) and all(h.ready() for h in self.handles)

    def result(self) -> Extraction | IngestError:
        if len(self.piece_list) == 1:
            return self.handles[0].result()
        try:
            if self.frame is None:
                self._annotate()
            return self.steps.assemble(self.document, [h.result() for h in self.handles], self.frame)
        except Exception as err:  # a bug on one text must not cost the user the others
            return IngestError(self.document.path, f"extraction failed: {type(err).__name__}: {err}")


def extract_in_order(items: Iterable[Any], runner: Runner, steps: Steps, entity_finder=None, most_documents: int = 8,
                     most_chars: int | None = None) -> Iterator[Any]:
    """Each ``Document`` of ``items`` as its ``Extraction`` (or ``IngestError``), anything else as
    it is, in the order given; at most ``most_documents`` documents and ``most_chars`` characters
    (default: as many as ``most_documents`` documents read whole) are in flight, and ``items`` is read no
    further ahead (the first document is let in whatever its size)."""
    most_chars = most_chars or most_documents * pieces.whole_chars()
    window: deque = deque()
    in_flight = 0
    for item in items:
        job = DocumentJob(item, runner, steps, entity_finder) if isinstance(item, Document) else Passed(item)
        window.append(job)
        in_flight += job.chars
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
