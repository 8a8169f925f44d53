"""The pipeline as one readable sequence: ingest → segment → numbers → entities → facts → store.

``extract_document`` is the whole pipeline for one text and touches no database, so tests and
other tools can call it directly; ``extract_corpus`` walks a folder and keeps a database in step
with it (unchanged files skipped, changed files replaced, deleted files removed).
"""
from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from . import entities, facts, ingest, numbers, segment, store
from .paths import PROJECT_ROOT, RULES_DIR
from .records import Document, Extraction, IngestError


def extract_document(document: Document, entity_finder: entities.EntityFinder | None = None) -> Extraction:
    """Run every stage over one document (``entity_finder`` swaps the entity stage, e.g. for
    the underthesea baseline that ``extract evaluate --entities underthesea`` scores)."""
    sentence_list = segment.sentences(document.text)
    mention_list = numbers.find_mentions(document.text)
    entity_list = (entity_finder or entities.find_entities)(document, sentence_list)
    mention_list = facts.annotate(document, sentence_list, mention_list, entity_list)
    return Extraction(
        document=document,
        sentences=sentence_list,
        mentions=with_sentence_index(mention_list, sentence_list),
        entities=with_sentence_index(entity_list, sentence_list),
    )


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
    sources = sorted((PROJECT_ROOT / "pipeline").glob("*.py")) + sorted(
        p for p in RULES_DIR.rglob("*") if p.is_file()
    )
    for path in sources:
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
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
) -> RunReport:
    """Bring ``db_path`` in step with the files under ``corpus_dir``."""
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
    for item in ingest.iter_documents(corpus_dir):
        seen.add(item.path)
        if isinstance(item, IngestError):
            report.errors.append(item)
            store.save_ingest_error(db, item)
            say("error", f"{item.path}: {item.message}")
            continue
        if not force and stored.get(item.path) == (item.sha256, version):
            report.skipped.append(item.path)
            say("skipped", item.path)
            continue
        try:
            extraction = extract_document(item, entity_finder)
        except Exception as err:  # a bug on one text must not cost the user the others
            error = IngestError(item.path, f"extraction failed: {type(err).__name__}: {err}")
            report.errors.append(error)
            store.save_ingest_error(db, error)
            say("error", f"{error.path}: {error.message}")
            continue
        store.save_extraction(db, extraction, version)
        report.extracted.append(item.path)
        report.mentions += len(extraction.mentions)
        report.entities += len(extraction.entities)
        say("extracted", item.path)
    gone = sorted(set(stored) - seen)
    if gone:
        store.remove_documents(db, gone)
        report.removed = gone
    db.close()
    return report


def print_progress(status: str, message: str) -> None:
    stream = sys.stderr
    print(f"{status:>9}  {message}", file=stream)
