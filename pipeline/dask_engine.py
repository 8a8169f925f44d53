"""Run the extraction stages on a Dask distributed cluster; the database stays in this process.

Why a cluster at all: the stages are pure functions of one document's text (``run.extract_or_error``),
so they spread over as many cores as a cluster has; the single SQLite writer here is what is left.
The engine only maps a picklable function over work items and gives the results back in the order
of the items, so ids and rows are those of a local run (``run.extract_all`` chooses the engine).

Dask is an optional extra (``pip install 'vn-facts[dask]'``): this module imports it only when an
engine is made, and says in one line what to install when it is missing.
"""
from __future__ import annotations

import importlib.metadata
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import run
from .records import Document, IngestError

INSTALL_HINT = "pip install 'vn-facts[dask]'"
PACKAGE = "vn-facts"
# Tasks in flight per worker thread: enough that no worker waits for the next document, few
# enough that memory (here and on the workers) stays flat however long the corpus is.
IN_FLIGHT_PER_THREAD = 4


@dataclass(frozen=True)
class CodeVersion:
    """What decides the rows a process writes: the installed package and the code-and-rules fingerprint."""

    package: str
    fingerprint: str


def code_version() -> CodeVersion:
    """This process's version; run on every worker too (``client.run``) and compared."""
    try:
        package = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        package = "not installed"
    return CodeVersion(package, run.pipeline_version())


def worker_ready() -> CodeVersion:
    """On a worker: load and compile the rules once (as the local pool does before forking), then
    say which version of the code it runs."""
    run.warm_up()
    return code_version()


def version_mismatches(here: CodeVersion, workers: dict[str, Any]) -> str | None:
    """One line naming the workers whose code differs from this process's (or that cannot run it),
    or None when every worker runs the same code: a worker with other code would write other rows."""
    wrong = []
    for address, answer in sorted(workers.items()):
        if isinstance(answer, BaseException):
            wrong.append(f"{address} cannot run vn-facts ({type(answer).__name__}: {answer})")
        elif answer != here:
            wrong.append(f"{address} has vn-facts {answer.package} (code {answer.fingerprint})")
    if not wrong:
        return None
    return (f"the Dask workers must run the same vn-facts as this process ({here.package}, code "
            f"{here.fingerprint}): " + "; ".join(wrong) + f"; install it on them ({PACKAGE} of this checkout)")


class DaskEngine:
    """Connects to ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``), or, without one,
    starts a ``LocalCluster`` of ``local_workers`` processes on this machine. The connection is
    made at the first document to send, so a re-run with nothing changed starts no cluster.
    Use it as a context manager: leaving closes the client (and the local cluster, if started)."""

    def __init__(self, scheduler: str | None = None, local_workers: int | None = None,
                 local_memory_limit: str | None = None) -> None:
        try:
            import distributed  # noqa: F401  (checked now, before any file is read)
        except ImportError:
            raise run.RunFailed(f"--engine dask needs Dask distributed, which is not installed: {INSTALL_HINT}") from None
        self.scheduler = scheduler
        self.local_workers = local_workers
        self.local_memory_limit = local_memory_limit
        self.client = None
        self.cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def connect(self):
        """The client, connected and with every worker checked to run this process's code."""
        if self.client is not None:
            return self.client
        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout="20s")
            else:
                self.cluster = LocalCluster(
                    n_workers=self.local_workers or run.default_jobs(), threads_per_worker=1, processes=True,
                    memory_limit=self.local_memory_limit or "auto", dashboard_address=None,
                    silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except (OSError, TimeoutError) as err:
            self.close()
            raise run.RunFailed(f"cannot reach the Dask scheduler {self.scheduler or '(local cluster)'}: {err}") from None
        workers = self.client.run(worker_ready, on_error="return")
        if not workers:
            self.close()
            raise run.RunFailed(f"the Dask scheduler {self.scheduler} has no workers: start some with "
                                f"`dask worker {self.scheduler}`")
        problem = version_mismatches(code_version(), workers)
        if problem:
            self.close()
            raise run.RunFailed(problem)
        return self.client

    def threads(self) -> int:
        return sum(self.client.nthreads().values()) or 1

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            failed: Callable[[Any, BaseException], Any] | None = None) -> Iterator[Any]:
        """``function(item)`` for each item, computed on the cluster, given back in the items'
        order (the order the writer numbers rows in). At most a few tasks a worker thread are in
        flight, so ``items`` may be a stream. A task the cluster could not finish (its worker
        died each time it was tried) gives ``failed(item, error)`` instead, and the run goes on."""
        failed = failed or lost_document
        items = iter(items)
        first = next(items, None)
        if first is None:
            return
        client = self.connect()
        window = IN_FLIGHT_PER_THREAD * self.threads()
        in_flight: deque = deque()

        def send(item) -> None:
            in_flight.append((item, client.submit(function, item, pure=False)))

        send(first)
        for item in items:
            send(item)
            if len(in_flight) >= window:
                yield self.result_of(*in_flight.popleft(), failed)
        while in_flight:
            yield self.result_of(*in_flight.popleft(), failed)

    @staticmethod
    def result_of(item, future, failed: Callable[[Any, BaseException], Any]):
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker as err:
            return failed(item, err)
        except Exception as err:  # the function catches its own errors: this is the cluster's
            raise run.RunFailed(f"the Dask cluster stopped answering: {type(err).__name__}: {err}") from None
        finally:
            future.release()


def lost_document(document: Document, error: BaseException) -> IngestError:
    """A document whose worker died each time it was tried (out of memory, killed) is that file's
    error row, as a failing stage is; the documents after it go on."""
    return IngestError(document.path, f"extraction failed: its Dask worker died ({type(error).__name__})")
