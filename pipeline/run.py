"""The pipeline as one readable sequence: ingest → segment → numbers → entities → facts → store.

``extract_document`` is the whole pipeline for one text and touches no database, so tests and
other tools can call it directly; ``extract_corpus`` walks a folder and keeps a database in step
with it (unchanged files skipped, changed files replaced, deleted files removed).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from . import document_frame, entities, facts, ingest, numbers, segment, store, tables
from .paths import PACKAGE_DIR, RULES_DIR
from .records import Document, Entity, Extraction, IngestError, Mention


def extract_document(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction:
    """Run every stage over one document (``entity_finder`` swaps the entity stage, e.g. for
    the underthesea baseline that ``extract evaluate --entities underthesea`` scores)."""
    sentence_list = segment.sentences(document.text)
    mention_list = numbers.find_mentions(document.text)
    table_list = tables.find_tables(document.text)
    mention_list = tables.read_cells(document.text, table_list, mention_list)
    entity_list = (entity_finder or entities.find_entities)(document, sentence_list)
    mention_list = without_calendar_periods(mention_list, entity_list)
    about = document_frame.read(document, mention_list, entity_list)
    mention_list = facts.annotate(document, sentence_list, mention_list, entity_list, about)
    return Extraction(
        document=document,
        sentences=sentence_list,
        mentions=with_sentence_index(mention_list, sentence_list),
        entities=with_sentence_index(entity_list, sentence_list),
        frame=about,
        tables=table_list,
    )


def without_calendar_periods(mention_list: list[Mention], entity_list: list[Entity]) -> list[Mention]:
    """A count of months or quarters that the date grammar read as a period of the calendar
    (`9 tháng` meaning the first nine months of the reported year) is a DATE, not a quantity."""
    periods = [(e.start, e.end) for e in entity_list if e.type == "DATE"]
    return [m for m in mention_list
            if m.type != "quantity" or not any(s <= m.start and m.end <= e for s, e in periods)]


def with_sentence_index(records: list, sentence_list) -> list:
    placed = []
    for record in records:
        sentence = segment.sentence_at(sentence_list, record.start)
        placed.append(dataclasses.replace(record, sentence_index=sentence.index if sentence else None))
    return placed


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A fingerprint of the code and rules: a file is re-extracted when either changes."""
    digest = hashlib.sha256()
    sources = [(f"pipeline/{p.name}", p) for p in sorted(PACKAGE_DIR.glob("*.py"))] + [
        (f"rules/{p.relative_to(RULES_DIR).as_posix()}", p)
        for p in sorted(RULES_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    ]
    for name, path in sources:  # named as in the repository, so a wheel gives the same fingerprint
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class RunReport:
    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    mentions: int = 0
    entities: int = 0


def extract_corpus(
    corpus_dir: Path,
    db_path: Path,
    force: bool = False,
    on_progress: Callable[[str, str], None] | None = None,
    entity_finder: entities.EntityFinder | None = None,
    jobs: int | None = None,
) -> RunReport:
    """Bring ``db_path`` in step with the files under ``corpus_dir``.

    Files are read and stored here, in one process; the stages run in ``jobs`` worker
    processes (default: one a CPU), and each result is saved as soon as it is back, in corpus
    order, so an interrupted run keeps every document it finished.
    """
    corpus_dir = Path(corpus_dir)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(db_path)
    store.ensure_db_shape(db)
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

    pending: list[Document] = []
    for item in ingest.iter_documents(corpus_dir):
        seen.add(item.path)
        if isinstance(item, IngestError):
            record_error(item)
        elif not force and stored.get(item.path) == (item.sha256, version):
            report.skipped.append(item.path)
            say("skipped", item.path)
        else:
            pending.append(item)
    for result in extract_all(pending, entity_finder, jobs):
        if isinstance(result, IngestError):
            record_error(result)
            continue
        store.save_extraction(db, result, version)
        report.extracted.append(result.document.path)
        report.mentions += len(result.mentions)
        report.entities += len(result.entities)
        say("extracted", result.document.path)
    gone = sorted(set(stored) - seen)
    if gone:
        store.remove_documents(db, gone)
        report.removed = gone
    db.close()
    return report


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_all(
    documents: list[Document], entity_finder: entities.EntityFinder | None, jobs: int | None,
) -> Iterator[Extraction | IngestError]:
    """Each document's extraction, or the error that stopped it, in the order given.

    Workers are forked after the rules are loaded and compiled here (``warm_up``), so they
    share them instead of each paying the start-up cost again.
    """
    jobs = min(jobs or default_jobs(), len(documents))
    worker = functools.partial(extract_or_error, entity_finder=entity_finder)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(worker, documents)
        return
    warm_up(entity_finder)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(worker, documents)


def extract_or_error(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction | IngestError:
    """A bug on one text must not cost the user the others: it becomes that file's error."""
    try:
        return extract_document(document, entity_finder)
    except Exception as err:
        return IngestError(document.path, f"extraction failed: {type(err).__name__}: {err}")


def warm_up(entity_finder: entities.EntityFinder | None = None) -> None:
    """Load and compile every rule set once, by extracting a short text."""
    text = "Năm 2024, UBND tỉnh Ninh Bình đạt 1,2 tỷ USD, tăng 5% so với cùng kỳ."
    extract_document(Document(path="warm-up.txt", sha256="", text=text, format="txt", title=None), entity_finder)


def print_progress(status: str, message: str) -> None:
    stream = sys.stderr
    print(f"{status:>9}  {message}", file=stream)
