"""Run the extraction stages on a Dask distributed cluster; the database stays in this process.

Why a cluster at all: the stages are pure functions of one document's text (or of one piece of a
long one: ``extraction.STEPS``), so they spread over as many cores as a cluster has; the single SQLite
writer here is what is left. The engine is a ``streaming`` runner like the local pool: the same
bounded window, the results asked for in corpus order, so ids and rows are those of a local run.

Dask is an optional extra (``pip install 'vn-facts[dask]'``): this module imports it only when an
engine is made, and says in one line what to install when it is missing.
"""
from __future__ import annotations

import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import extraction, run, streaming

INSTALL_HINT = "pip install 'vn-facts[dask]'"
PACKAGE = "vn-facts"
IN_FLIGHT_PER_THREAD = run.IN_FLIGHT_PER_WORKER


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
    extraction.warm_up()
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

    def in_flight(self) -> int:
        """Steps in flight: a few a worker thread, so none waits for the next, and memory (here
        and on the workers) stays flat however long the corpus is (asked once connected)."""
        return IN_FLIGHT_PER_THREAD * self.threads()

    def submit(self, function: Callable, /, *args: Any) -> DaskStep:
        """``function(*args)`` on the cluster (connected at the first step); its result is given
        back when asked (``streaming`` asks in the corpus order, the order the writer numbers rows in)."""
        return DaskStep(self.connect().submit(function, *args, pure=False))


class DaskStep(streaming.FutureStep):
    """One step on the cluster, as ``streaming`` asks it: done yet, and its result. A step whose
    worker died each time it was tried is that document's error (``streaming.WorkLost``) and the
    run goes on; a cluster that stops answering stops the run (``RunFailed``)."""

    def result(self) -> Any:
        from distributed import KilledWorker

        try:
            return self.future.result()
        except KilledWorker as err:
            raise streaming.WorkLost(f"its Dask worker died ({type(err).__name__})") from None
        except Exception as err:
            if self.future.status == "error":  # the step's own failure: that document's error row
                raise
            raise run.RunFailed(f"the Dask cluster stopped answering: {type(err).__name__}: {err}") from None
        finally:
            self.future.release()
