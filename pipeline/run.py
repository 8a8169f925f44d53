"""A corpus kept in step with its database: ingest → (the stages, ``extraction``) → store.

``extract_corpus`` walks a folder and keeps a database in step with it (unchanged files skipped,
changed files replaced, deleted files removed), reading, handing out and saving the documents in
corpus order whatever runs the stages (this process, a pool of workers, a Dask cluster). The
stages themselves (``extraction``) are imported when the first file needs extracting: a run that
finds nothing changed answers without loading them or compiling their rules.
"""
from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import sqlite_utils

from . import ingest, store, streaming
from .paths import PACKAGE_DIR, RULES_DIR
from .records import Document, Extraction, IngestError

if TYPE_CHECKING:
    from .entities.resolve import EntityFinder


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A fingerprint of the code and rules: a file is re-extracted when either changes."""
    digest = hashlib.sha256()
    sources = [(f"pipeline/{p.relative_to(PACKAGE_DIR).as_posix()}", p)
               for p in sorted(PACKAGE_DIR.rglob("*.py")) if p.relative_to(PACKAGE_DIR).parts[0]
               not in ("rules_data", "datasette")] + [
        (f"rules/{p.relative_to(RULES_DIR).as_posix()}", p)
        for p in sorted(RULES_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    ]
    for name, path in sources:  # named as in the repository, so a wheel gives the same fingerprint
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class RunFailed(Exception):
    """The run itself cannot go on (the database is in use, or is not a database): the
    message is one line that says why, for the command to print."""


@dataclass
class RunReport:
    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestError] = field(default_factory=list)  # stored, but not clean text
    mentions: int = 0
    entities: int = 0
    files: int = 0
    kept: list[str] = field(default_factory=list)  # documents without a file seen, not removed
    prune_refused: str | None = None  # why they were kept, when removing them needs --prune
    interrupted: bool = False


# Removing more than this share of the stored documents at once needs ``prune=True``: files
# do not vanish by the half unless a disk is unmounted or the wrong folder was given.
PRUNE_LIMIT = 0.5
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def extract_corpus(
    corpus_dir: Path,
    db_path: Path,
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
    entity_finder: EntityFinder | None = None,
    jobs: int | None = None,
    prune: bool = False,
    engine: Engine | None = None,
) -> RunReport:
    """Bring ``db_path`` in step with the files under ``corpus_dir``.

    Files are read and stored here, in one process; the stages run in ``jobs`` worker
    processes (default: one a CPU), and each result is saved as soon as it is back, in corpus
    order, so an interrupted run (Ctrl-C: ``report.interrupted``) keeps every document it
    finished. Documents whose files are gone are removed, unless that would remove more than
    half of them (or the corpus has no file at all) and ``prune`` is not given, or their folder
    could not be read. ``engine`` runs the stages elsewhere instead (``dask_engine``). Raises ``RunFailed`` when the database cannot be used.
    """
    corpus_dir = Path(corpus_dir)
    db_path = Path(db_path)
    with open_database(db_path) as db:
        try:
            return bring_in_step(db, corpus_dir, force, on_progress, entity_finder, jobs, prune, engine)
        except sqlite3.DatabaseError as err:
            raise RunFailed(f"{db_path}: {err}") from None


@contextmanager
def open_database(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """The database, shaped, and locked for this run alone: a second run on it stops at once
    (``RunFailed``) instead of failing half-way with "database is locked" or mixing its rows
    with ours. The lock is the kernel's (``flock``), so it dies with the process, even by kill -9."""
    refuse_non_database(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise RunFailed(f"cannot open {db_path}: {err.strerror or err}") from None
    try:
        lock(handle, db_path)
        db = sqlite_utils.Database(db_path)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            write_ahead(db)
            store.ensure_db_shape(db)
        except sqlite3.DatabaseError as err:
            db.close()
            raise RunFailed(f"{db_path}: {err}") from None
        try:
            yield db
        finally:
            db.close()
    finally:
        os.close(handle)


def write_ahead(db: sqlite_utils.Database) -> None:
    """A commit no longer waits for the disk twice: in WAL mode with ``synchronous=NORMAL`` a
    killed process still leaves every committed document whole (only a power cut may lose the
    last few), readers such as ``extract serve`` never block the writer, and the writer is no
    longer the bottleneck of a run on several cores."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")


def refuse_non_database(db_path: Path) -> None:
    if db_path.is_dir():
        raise RunFailed(f"{db_path} is a folder, not a database file (give a file such as {db_path / 'extract.db'})")
    if db_path.is_file() and db_path.stat().st_size:
        with open(db_path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise RunFailed(f"{db_path} is not an SQLite database: give a new file name, or a database extract wrote")


def lock(handle: int, db_path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: SQLite's own locking, with the busy timeout
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise RunFailed(f"{db_path} is in use by another extract run: wait for it to end, or give another --db") from None


def bring_in_step(db: sqlite_utils.Database, corpus_dir: Path, force: bool,
                  on_progress: Callable[[str, str], None] | None,
                  entity_finder: EntityFinder | None, jobs: int | None, prune: bool,
                  engine: Engine | None = None) -> RunReport:
    version = pipeline_version()
    if entity_finder is not None:  # rows from another entity stage must not pass for ours
        version += f"+{entity_finder.__module__.rsplit('.', 1)[-1]}"
    stored = store.stored_versions(db)
    report = RunReport()
    seen: set[str] = set()
    say = on_progress or (lambda status, path: None)

    def record_error(error: IngestError) -> None:
        report.errors.append(error)
        store.save_ingest_error(db, error)
        say("error", f"{error.path}: {error.message}")

    files, walk_errors = ingest.walk_corpus(corpus_dir)
    report.files = len(files)
    if not prune:
        refuse_another_corpus(db, corpus_dir, stored, files)
    run_id = store.start_run(db, corpus_key(corpus_dir))
    try:
        for error in walk_errors:
            seen.add(error.path)
            record_error(error)
        say("found", f"{len(files)} files under {corpus_dir}")
        warned: list[IngestError] = []
        with stage_runner(entity_finder, jobs, engine) as (runner, window), store.CommitGroups(db) as commits:
            items = to_extract(files, corpus_dir, stored, version, force, seen, getattr(runner, "start_now", None))
            for result in streaming.extract_in_order(items, runner, stage_steps, entity_finder, most_documents=window):
                if isinstance(result, Skipped):
                    report.skipped.append(result.path)
                    say("skipped", result.path)
                    continue
                if isinstance(result, streaming.InParts):  # saved as its pieces come: commit those before it
                    commits.commit()
                commits.before_document()
                if isinstance(result, IngestError):
                    record_error(result)
                    continue
                try:
                    save(db, result, version, report)
                except streaming.PieceFailed as failed:  # its rows rolled back: the file's error row
                    record_error(failed.error)
                    continue
                commits.after_document()
                say("extracted", result.document.path)
                if result.document.warning:
                    warned.append(IngestError(result.document.path, result.document.warning, level="warning"))
        record_warnings(db, report, warned, say)
    except KeyboardInterrupt:  # every document saved so far is whole: keep them, prune nothing
        report.interrupted = True
        store.finish_run(db, run_id, "interrupted", run_counts(report))
        return report
    remove_gone_documents(db, report, stored, seen, [e for e in walk_errors if ingest.is_folder_error(e)], prune)
    forget_resolved_errors(db, report.errors + report.warnings, unchanged=report.skipped)
    store.finish_run(db, run_id, "done", run_counts(report))
    return report


def save(db: sqlite_utils.Database, result: Extraction | streaming.InParts, version: str, report: RunReport) -> None:
    """One document saved whole (a savepoint in the run's ``store.CommitGroups``), and counted; a
    long one (``InParts``) piece by piece as its pieces' rows come, so its records are never all
    in memory. Ctrl-C before the last piece undoes it (the documents before it stay); from then
    on it is saved and counted, or neither."""
    if isinstance(result, Extraction):
        with interrupt_deferred():
            store.save_extraction(db, result, version)
            count(report, result.document.path, len(result.mentions), len(result.entities))
        return
    mentions = entity_count = 0
    with interrupt_deferred(from_start=False) as deferral:
        with db.atomic():
            document_id = store.save_extraction(db, Extraction(result.document, [], [], [], result.frame, []), version)
            for rows in result.parts:
                store.add_rows(db, document_id, rows.sentences, rows.mentions, rows.entities, rows.tables)
                mentions += len(rows.mentions)
                entity_count += len(rows.entities)
            deferral.start()
        count(report, result.document.path, mentions, entity_count)


def count(report: RunReport, path: str, mentions: int, entity_count: int) -> None:
    report.extracted.append(path)
    report.mentions += mentions
    report.entities += entity_count


def corpus_key(corpus_dir: Path) -> str:
    return str(corpus_dir.resolve())


def refuse_another_corpus(db: sqlite_utils.Database, corpus_dir: Path, stored: dict, files: list[Path]) -> None:
    """A database follows one corpus folder. A run on another folder, whose files are not the
    stored documents, would leave both folders' documents mixed in it (and none of the first
    removed, as too many seem gone): it stops before writing anything. The same corpus moved or
    mounted elsewhere, its files still there by their paths, goes on and is followed from there."""
    last = store.last_corpus(db)
    if not stored or last == corpus_key(corpus_dir):
        return
    here = {path.relative_to(corpus_dir).as_posix() for path in files}
    still_there = len(here & set(stored))
    if still_there > PRUNE_LIMIT * len(stored):
        return
    raise RunFailed(
        f"{database_file(db)} holds {len(stored)} documents from {last or 'another corpus folder'}, and {still_there} "
        f"of them are files under {corpus_dir}: give another --db to keep the two apart, "
        f"or --prune to replace them with this folder's documents")


def database_file(db: sqlite_utils.Database) -> str:
    return db.execute("pragma database_list").fetchone()[2]


def run_counts(report: RunReport) -> dict[str, int]:
    return {"extracted": len(report.extracted), "unchanged": len(report.skipped), "removed": len(report.removed),
            "failed": len(report.errors)}


def record_warnings(db: sqlite_utils.Database, report: RunReport, warned: list[IngestError],
                    say: Callable[[str, str], None]) -> None:
    """A stored document whose text is not clean gets its row in ``ingest_errors`` (level
    ``warning``) after it is saved, since saving a document clears its path's old row."""
    failed = {error.path for error in report.errors}
    for warning in warned:
        if warning.path in failed:
            continue
        report.warnings.append(warning)
        store.save_ingest_error(db, warning)
        say("warning", f"{warning.path}: {warning.message}")


class interrupt_deferred:  # noqa: N801  (used as a context manager, like contextlib's)
    """Ctrl-C during the block takes effect at its end, so what the block does is done whole.
    With ``from_start=False`` Ctrl-C acts at once until ``start()`` is called in the block."""

    def __init__(self, from_start: bool = True):
        self.from_start = from_start
        self.pressed: list[int] = []
        self.previous = None
        self.installed = False

    def __enter__(self) -> interrupt_deferred:
        if self.from_start:
            self.start()
        return self

    def start(self) -> None:
        if threading.current_thread() is threading.main_thread() and not self.installed:
            self.previous = signal.signal(signal.SIGINT, lambda signum, frame: self.pressed.append(signum))
            self.installed = True

    def __exit__(self, *exc_info) -> None:
        if self.installed:
            signal.signal(signal.SIGINT, self.previous)
            self.installed = False
        if self.pressed and exc_info[0] is None:
            raise KeyboardInterrupt


def remove_gone_documents(db: sqlite_utils.Database, report: RunReport, stored: dict, seen: set[str],
                          folder_errors: list[IngestError], prune: bool) -> None:
    """Remove the documents whose files are really gone; keep those in a folder that could not
    be read, and all of them when too many seem gone at once (see ``PRUNE_LIMIT``)."""
    unseen = sorted(set(stored) - seen)
    unlisted = [ingest.folder_prefix(error) for error in folder_errors]
    gone = [path for path in unseen if not any(path.startswith(prefix) for prefix in unlisted)]
    report.kept = [path for path in unseen if path not in gone]
    if not gone:
        return
    if not prune:
        if not seen:
            report.prune_refused = "the corpus folder has no files (is it empty, or a disk not mounted?)"
        elif len(gone) > PRUNE_LIMIT * len(stored):
            report.prune_refused = f"{len(gone)} of the {len(stored)} stored documents have no file any more"
        if report.prune_refused:
            report.kept += gone
            return
    store.remove_documents(db, gone)
    report.removed = gone


def forget_resolved_errors(db: sqlite_utils.Database, errors: list[IngestError], unchanged: list[str] = ()) -> None:
    """Error rows are of this run: a file since fixed, renamed or deleted has none. An unchanged
    file, skipped unread, keeps its warning (its text is as it was)."""
    current = {error.path for error in errors} | set(unchanged)
    stale = [row["path"] for row in db.query("select path from ingest_errors") if row["path"] not in current]
    with db.atomic():
        for path in stale:
            db["ingest_errors"].delete_where("path = ?", [path])


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine(streaming.Runner, Protocol):
    """Runs the stages somewhere else (a cluster: ``dask_engine.DaskEngine``) as a ``Runner``,
    with ``in_flight()`` documents (or pieces) at a time, asked once its first step is sent."""

    def in_flight(self) -> int: ...


@dataclass(frozen=True)
class Skipped:
    """A file unchanged since it was stored: it keeps its place in the order, for the progress."""

    path: str


def to_extract(files: list[Path], corpus_dir: Path, stored: dict, version: str, force: bool,
               seen: set[str], before_reading: Callable[[], None] | None = None) -> Iterator[Document | IngestError | Skipped]:
    """Each file, read as it is asked for: a ``Document`` to extract, its error, or ``Skipped``.
    A stored file's bytes are hashed before anything else, so an unchanged one is never decoded.
    ``before_reading`` is called before the first file is read (the workers start then, before
    any text is in this process to be copied into them)."""
    for path in files:
        relative = path.relative_to(corpus_dir).as_posix()
        if not force and relative in stored and stored[relative] == (file_sha256(path), version):
            seen.add(relative)
            yield Skipped(relative)
            continue
        if before_reading is not None:
            before_reading()
            before_reading = None
        for item in ingest.read_documents([path], corpus_dir):
            seen.add(item.path)
            yield item


def file_sha256(path: Path) -> str | None:
    """The hash ``Document.sha256`` holds, of the file's bytes (None when it cannot be read: the
    reader then says why)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@contextmanager
def stage_runner(entity_finder: EntityFinder | None, jobs: int | None,
                 engine: Engine | None = None) -> Iterator[tuple[streaming.Runner, int | Callable[[], int]]]:
    """Where the stages run, and how many documents may be in flight: this process (``-j 1``),
    a pool of ``jobs`` processes, or ``engine``'s cluster (as many as it says once connected). The pool is started at the first file
    to read (``runner.start``), after the rules are loaded and compiled here (``warm_up``), so the
    forked workers share them instead of each paying the start-up cost again."""
    if engine is not None:
        yield engine, engine.in_flight
        return
    jobs = jobs or default_jobs()
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield streaming.InProcess(), 1
        return

    def start_workers():
        from .extraction import warm_up
        warm_up(entity_finder)
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=worker_started, initargs=(os.getpid(),))

    runner = streaming.PoolRunner(start_workers)
    try:
        yield runner, IN_FLIGHT_PER_WORKER * jobs
    finally:
        runner.close()


def stage_steps() -> streaming.Steps:
    """The stages' steps, loaded when the first file needs extracting (``streaming`` asks then)."""
    from . import extraction
    return extraction.STEPS


# Documents (or a long one's pieces) in flight a worker: enough that none waits for the next,
# few enough that memory stays flat however long the corpus or the file.
IN_FLIGHT_PER_WORKER = 4


def extract_stream(items: Iterable, entity_finder: EntityFinder | None, jobs: int | None,
                   engine: Engine | None = None) -> Iterator:
    """Each ``Document`` of ``items`` as its extraction (``InParts`` for a long one) or the error
    that stopped it, anything else as it is, in the order given, read as room frees up (``streaming``)."""
    with stage_runner(entity_finder, jobs, engine) as (runner, window):
        yield from streaming.extract_in_order(items, runner, stage_steps, entity_finder, most_documents=window)


def extract_all(documents: Iterable[Document], entity_finder: EntityFinder | None,
                jobs: int | None, engine: Engine | None = None) -> Iterator[Extraction | IngestError]:
    """Each document's whole extraction, or the error that stopped it, in the order given."""
    for result in extract_stream(documents, entity_finder, jobs, engine):
        if isinstance(result, streaming.InParts):
            try:
                rows = list(result.parts)
            except streaming.PieceFailed as failed:
                yield failed.error
                continue
            result = Extraction(document=result.document, frame=result.frame,
                                sentences=[s for part in rows for s in part.sentences],
                                mentions=[m for part in rows for m in part.mentions],
                                entities=[e for part in rows for e in part.entities],
                                tables=[t for part in rows for t in part.tables])
        yield result


def worker_started(parent: int) -> None:
    """A worker leaves Ctrl-C to the main process (which stops the pool and says so once), and
    ends when the main process dies, even by kill -9, instead of running on alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own clean-up is all there is
        pass
    if os.getppid() != parent:  # the main process died before the line above
        os._exit(1)


PR_SET_PDEATHSIG = 1  # linux/prctl.h
