"""Store: ``Extraction`` records → SQLite, with sqlite-utils.

``ensure_db_shape`` creates the tables, foreign keys, indexes, full-text search and views once;
running it again is a no-op. ``save_extraction`` replaces one document's rows in a single
transaction, so a crash mid-document leaves the previous rows, never half of the new ones.
"""
from __future__ import annotations

import json
import time
from dataclasses import fields
from datetime import datetime, timezone
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import attrgetter

import sqlite_utils

from .facts import indicator_keys
from . import rules
from .humanize import period_label
from .plan_vs_actual import VIEWS as PAIR_VIEWS
from .records import DocumentFrame, Entity, Extraction, IngestError, Mention, Table

DOCUMENT_COLUMNS = {
    "id": int, "path": str, "sha256": str, "pipeline_version": str, "format": str, "title": str,
    "text": str, "chars": int, "extracted_at": str,
    # the document's own frame (document_frame): what it is, when and where it speaks from
    "reported_on": str, "doc_type": str, "place": str, "place_normalized": str, "year": int,
}
SENTENCE_COLUMNS = {
    "id": int, "document_id": int, "sentence_index": int, "start": int, "end": int, "text": str,
}
MENTION_COLUMNS = {
    "id": int, "document_id": int, "sentence_id": int, "start": int, "end": int, "text": str,
    "type": str, "value": float, "value_max": float, "unit": str, "qualifier": str, "per": str, "rule": str,
    "indicator": str, "indicator_key": str, "kind": str, "kind_cue": str, "kind_confidence": str, "change": str, "basis": str,
    "period_text": str, "period_start": str, "period_end": str, "place": str, "place_normalized": str,
    "period_label": str,  # one label a period from its bounds (humanize.period_label), for facets
}
ENTITY_COLUMNS = {
    "id": int, "document_id": int, "sentence_id": int, "start": int, "end": int, "text": str,
    "type": str, "normalized": str, "detail": str, "rule": str,
}
TABLE_COLUMNS = {
    "id": int, "document_id": int, "table_index": int, "caption": str, "header": str, "rows": str,
    "start": int, "end": int, "layout": str,
}
ERROR_COLUMNS = {"path": str, "message": str, "seen_at": str, "level": str}
# One row a run: which corpus folder the database follows, and what each run did to it.
RUN_COLUMNS = {"id": int, "corpus": str, "started_at": str, "finished_at": str, "outcome": str,
               "extracted": int, "unchanged": int, "removed": int, "failed": int}
INDICATOR_COLUMNS = {"key": str, "label": str, "unit_basis": str, "lower_is_better": int, "by_place": int}
PLACE_COLUMNS = {"name": str, "centre": str, "latitude": float, "longitude": float}

PLACE_CENTRES = "gazetteer/province_centres.tsv"

# Every figure whose place is a province, with the province's coordinates (a map in Datasette).
FIGURES_BY_PLACE_SQL = """
select
  m.id, m.document_id, m.text, m.type, m.value, m.value_max, m.unit, m.qualifier,
  m.indicator, m.indicator_key, m.kind, m.change, m.basis,
  m.period_text, m.period_start, m.period_end, m.period_label,
  p.name as place, p.latitude, p.longitude
from mentions m
join places p on p.name = m.place_normalized
"""

# Every document whose main place is a province, with the province's coordinates.
DOCUMENTS_BY_PLACE_SQL = """
select
  d.id, d.path, d.title, d.doc_type, d.reported_on, d.year,
  (select count(*) from mentions m where m.document_id = d.id) as figures,
  p.name as place, p.latitude, p.longitude
from documents d
join places p on p.name = d.place_normalized
"""

# Views: plan_vs_actual (its own module), and figures and documents on the map; each is (name, SQL).
EXTRA_VIEWS: list[tuple[str, str]] = [*PAIR_VIEWS, ("figures_by_place", FIGURES_BY_PLACE_SQL),
                                      ("documents_by_place", DOCUMENTS_BY_PLACE_SQL)]


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create every table, index, FTS table and view the project uses, if missing."""
    db.execute("PRAGMA foreign_keys = ON")
    if "documents" not in db.table_names():
        db["documents"].create(DOCUMENT_COLUMNS, pk="id", not_null={"path", "sha256", "text"})
        db["documents"].create_index(["path"], unique=True)
    else:
        add_missing_columns(db["documents"], DOCUMENT_COLUMNS)
    ensure_search_index(db)
    child_tables = {"sentences": SENTENCE_COLUMNS, "mentions": MENTION_COLUMNS, "entities": ENTITY_COLUMNS,
                    "tables": TABLE_COLUMNS}
    for name, columns in child_tables.items():
        table = db[name]
        if name not in db.table_names():
            foreign_keys = [("document_id", "documents", "id")]
            if "sentence_id" in columns:  # spans point at their sentence too
                foreign_keys.append(("sentence_id", "sentences", "id"))
            table.create(columns, pk="id", foreign_keys=foreign_keys)
            table.create_index(["document_id"])
            if "sentence_id" in columns:
                table.create_index(["sentence_id"])
                table.create_index(["type"])
        else:
            add_missing_columns(table, columns)
    if "ingest_errors" not in db.table_names():
        db["ingest_errors"].create(ERROR_COLUMNS, pk="path")
    else:
        add_missing_columns(db["ingest_errors"], ERROR_COLUMNS)
    if "runs" not in db.table_names():
        db["runs"].create(RUN_COLUMNS, pk="id")
    keep_reference_table(db, "places", PLACE_COLUMNS, "name", place_centres())
    db["mentions"].create_index(["indicator_key", "kind"], if_not_exists=True)
    keep_reference_table(db, "indicators", INDICATOR_COLUMNS, "key", indicator_keys.rows(), not_null={"label"})
    for name, sql in EXTRA_VIEWS:
        db.create_view(name, sql, replace=True)


def table_row(table: Table, document_id: int) -> dict:
    """A table found in a document (``pipeline/facts/tables.py``), its header and rows as JSON lists of
    cell texts, so a figure read from a cell can be checked against its table."""
    return {
        "document_id": document_id, "table_index": table.index, "caption": table.caption,
        "header": json.dumps([c.text for c in table.header], ensure_ascii=False),
        "rows": json.dumps([[c.text for c in row] for row in table.rows], ensure_ascii=False),
        "start": table.start, "end": table.end, "layout": table.layout,
    }


def place_centres() -> list[dict]:
    """The ``places`` rows: each province (before and after the 2025 merger) by the name figures
    carry in ``place_normalized``, with the coordinates of its seat, so Datasette can map figures."""
    return [{"name": row["name"], "centre": row["centre"], "latitude": float(row["latitude"]),
             "longitude": float(row["longitude"])} for row in rules.table(PLACE_CENTRES)]


def keep_reference_table(db: sqlite_utils.Database, name: str, columns: dict[str, type], pk: str,
                         rows: list[dict], not_null: set[str] | None = None) -> None:
    """A table of reference data from ``rules/`` (the indicator catalog, the provinces' seats),
    created or brought up to date, and rewritten only when its data changed."""
    table = db[name]
    if name not in db.table_names():
        table.create(columns, pk=pk, not_null=not_null)
    else:
        add_missing_columns(table, columns)
    if {row[pk]: row for row in db.query(f"select * from [{name}]")} == {row[pk]: row for row in rows}:
        return
    with db.atomic():
        table.delete_where()
        table.insert_all(rows)


# Search folds diacritics, as Vietnamese readers type without them: `ngan sach` finds `ngân sách`,
# `Thanh Hoa` finds `Thanh Hóa` and `Thanh Hoá` (either tone-mark style). `đ` stays a letter of its own.
SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"


def ensure_search_index(db: sqlite_utils.Database) -> None:
    """Full-text search on documents' title and text, rebuilt once if an older tokenizer made it."""
    table = db["documents"]
    fts = table.detect_fts()
    if fts and SEARCH_TOKENIZER in (db[fts].schema or ""):
        return
    if fts:
        table.disable_fts()
    table.enable_fts(["title", "text"], create_triggers=True, tokenize=SEARCH_TOKENIZER)
    table.rebuild_fts()


def add_missing_columns(table: sqlite_utils.db.Table, columns: dict[str, type]) -> None:
    """Bring a table written by an older version up to date: its missing columns added, empty."""
    missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
    for column, column_type in missing.items():
        table.add_column(column, column_type)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def stored_versions(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    """path → (sha256, pipeline_version) of every stored document."""
    return {row["path"]: (row["sha256"], row["pipeline_version"]) for row in
            db.query("select path, sha256, pipeline_version from documents")}


def delete_document_rows(db: sqlite_utils.Database, document_id: int) -> None:
    for table in ("mentions", "entities", "tables", "sentences"):
        db.execute(f"delete from [{table}] where document_id = ?", [document_id])


def save_extraction(db: sqlite_utils.Database, extraction: Extraction, pipeline_version: str) -> int:
    """Replace one document and its rows atomically; returns the document id.

    sqlite-utils made the tables (``ensure_db_shape``); the rows go in through its connection as
    one prepared ``executemany`` a table (``insert_rows``), since building its generic query and
    checking each value a row cost more than the writing itself, on the main process of a run."""
    document = extraction.document
    with db.atomic():
        existing = db.execute("select id from documents where path = ?", [document.path]).fetchone()
        record = {
            "path": document.path, "sha256": document.sha256, "pipeline_version": pipeline_version,
            "format": document.format, "title": document.title, "text": document.text,
            "chars": len(document.text), "extracted_at": now(),
            **frame_row(extraction.frame),
        }
        if existing:
            document_id = existing[0]
            delete_document_rows(db, document_id)
            db.execute(f"update documents set {', '.join(f'[{c}] = ?' for c in record)} where id = ?",
                       [*record.values(), document_id])
        else:
            document_id = db.execute(insert_statement("documents", tuple(record)), list(record.values())).lastrowid
        insert_document_rows(db, document_id, extraction.sentences, extraction.mentions,
                             extraction.entities, extraction.tables)
        db.execute("delete from ingest_errors where path = ?", [document.path])
    return document_id


def insert_document_rows(db: sqlite_utils.Database, document_id: int, sentences: list, mentions: list[Mention],
                         entities: list[Entity], tables: list[Table]) -> None:
    """A document's rows, its sentences numbered on from the last stored, spans linked to them.
    Ids are given here rather than read back row by row, so each table is one batch insert."""
    first_sentence_id = next_id(db, "sentences")
    sentence_ids = {s.index: first_sentence_id + i for i, s in enumerate(sentences)}
    insert_rows(db, "sentences", SENTENCE_ROW, [
        (sentence_ids[s.index], document_id, s.index, s.start, s.end, s.text) for s in sentences])
    insert_rows(db, "mentions", span_columns(Mention), span_rows(mentions, document_id, sentence_ids))
    insert_rows(db, "entities", span_columns(Entity), span_rows(entities, document_id, sentence_ids))
    insert_rows(db, "tables", TABLE_ROW, [table_values(t, document_id) for t in tables])


# The columns the rows of ``save_extraction`` fill, in the order their values are given.
SENTENCE_ROW = ("id", "document_id", "sentence_index", "start", "end", "text")
TABLE_ROW = ("document_id", "table_index", "caption", "header", "rows", "start", "end", "layout")


def insert_rows(db: sqlite_utils.Database, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Rows (value tuples in ``columns``' order) into ``table``, one prepared statement for all."""
    db.conn.executemany(insert_statement(table, columns), rows)


@lru_cache(maxsize=None)
def insert_statement(table: str, columns: tuple[str, ...]) -> str:
    return (f"insert into [{table}] ({', '.join(f'[{column}]' for column in columns)}) "
            f"values ({', '.join('?' for _ in columns)})")


def table_values(table: Table, document_id: int) -> tuple:
    """``table_row`` as values in ``TABLE_ROW``'s order."""
    row = table_row(table, document_id)
    return tuple(row[column] for column in TABLE_ROW)


def frame_row(frame: DocumentFrame) -> dict:
    """The frame's stored fields (``year_text`` and ``reported_from`` explain them; not stored)."""
    return {"reported_on": frame.reported_on, "doc_type": frame.doc_type, "place": frame.place,
            "place_normalized": frame.place_normalized, "year": frame.year}


def next_id(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"select coalesce(max(id), 0) + 1 from [{table}]").fetchone()[0]


@lru_cache(maxsize=None)
def span_columns(record_type: type) -> tuple[str, ...]:
    """The stored columns of a mention or entity: its fields less the sentence index, then the
    row links (and a mention's period label), in the order ``span_rows`` gives their values."""
    links = ("document_id", "sentence_id") + (("period_label",) if record_type is Mention else ())
    return stored_fields(record_type) + links


@lru_cache(maxsize=None)
def stored_fields(record_type: type) -> tuple[str, ...]:
    return tuple(name for name in record_fields(record_type) if name != "sentence_index")


@lru_cache(maxsize=None)
def field_values(record_type: type) -> attrgetter:
    """record → the values of its ``stored_fields``, as a tuple."""
    return attrgetter(*stored_fields(record_type))


def span_rows(records: list[Mention] | list[Entity], document_id: int, sentence_ids: dict[int, int]) -> Iterator[tuple]:
    """Mentions or entities as rows in ``span_columns``' order: their fields, less the sentence
    index, an entity's ``detail`` as JSON (None when empty), then the row links."""
    for record in records:
        record_type = type(record)
        values = field_values(record_type)(record)
        links = (document_id, sentence_ids.get(record.sentence_index))
        if record_type is Mention:
            yield values + links + (stored_period_label(record.period_start, record.period_end),)
        else:
            detail = detail_json(record.detail) if record.detail else None
            yield values[:DETAIL_AT] + (detail,) + values[DETAIL_AT + 1:] + links


@lru_cache(maxsize=None)
def record_fields(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


DETAIL_AT = stored_fields(Entity).index("detail")
DETAIL_JSON = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(…, ensure_ascii=False) builds each call
# Values whose equal ones encode alike whatever object they are (``True == 1`` and ``0.0 == -0.0``
# encode apart: their types are in the cache's key; floats and containers are not cached).
PLAIN_VALUES = frozenset({str, int, bool, type(None)})


def detail_json(detail: dict) -> str:
    """An entity's ``detail`` as JSON, once a detail: a text names the same places and dates again
    and again, and encoding was half the Python cost of an entity's row."""
    values = tuple(detail.values())
    types = tuple(map(type, values))
    if PLAIN_VALUES.issuperset(types):
        return encoded_detail(tuple(detail), values, types)
    return DETAIL_JSON.encode(detail)


@lru_cache(maxsize=4096)
def encoded_detail(keys: tuple[str, ...], values: tuple, types: tuple[type, ...]) -> str:
    return DETAIL_JSON.encode(dict(zip(keys, values)))


@lru_cache(maxsize=4096)
def stored_period_label(start: str | None, end: str | None) -> str | None:
    """``period_label``, once a period: a document names the same few periods again and again."""
    return period_label(start, end)


def remove_documents(db: sqlite_utils.Database, paths: list[str]) -> None:
    """Drop documents (and their rows) whose files are gone from the corpus."""
    with db.atomic():
        for path in paths:
            for row in db.query("select id from documents where path = ?", [path]):
                delete_document_rows(db, row["id"])
                db["documents"].delete(row["id"])
            db["ingest_errors"].delete_where("path = ?", [path])


class CommitGroups:
    """Several documents a commit. A commit writes every page the transaction touched to the
    write-ahead log (the indexes' and the search index's pages too), so one a document cost the
    run's writer more than the rows did. Each document still goes in whole (``save_extraction``
    and the rest nest as savepoints inside the group), the group is committed once it holds
    ``most_documents`` or has been open ``most_seconds``, and whatever ends the block (the end,
    Ctrl-C, an error) commits what it holds: a process killed outright loses at most the last
    group, and never part of a document."""

    def __init__(self, db: sqlite_utils.Database, most_documents: int = 32, most_seconds: float = 0.5):
        self.db, self.most_documents, self.most_seconds = db, most_documents, most_seconds
        self.documents = 0
        self.opened_at = 0.0

    def __enter__(self) -> CommitGroups:
        return self

    def __exit__(self, *exc_info) -> None:
        self.commit()

    def before_document(self) -> None:
        """Open a group if none is open (call before a document's rows are written)."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN")
            self.documents, self.opened_at = 0, time.monotonic()

    def after_document(self) -> None:
        """Count a saved document; commit the group when it is full or old enough."""
        self.documents += 1
        if self.documents >= self.most_documents or time.monotonic() - self.opened_at >= self.most_seconds:
            self.commit()

    def commit(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("COMMIT")


def save_ingest_error(db: sqlite_utils.Database, error: IngestError) -> None:
    """Record an unreadable file; its previously extracted rows, if any, are kept."""
    with db.atomic():
        db["ingest_errors"].upsert({"path": error.path, "message": error.message, "seen_at": now(),
                                    "level": error.level}, pk="path")


def last_corpus(db: sqlite_utils.Database) -> str | None:
    """The corpus folder the last run read (None for a new database, or one written before runs
    were recorded)."""
    row = db.execute("select corpus from runs order by id desc limit 1").fetchone()
    return row[0] if row else None


def start_run(db: sqlite_utils.Database, corpus: str) -> int:
    with db.atomic():
        return db["runs"].insert({"corpus": corpus, "started_at": now()}).last_pk


def finish_run(db: sqlite_utils.Database, run_id: int, outcome: str, counts: dict[str, int]) -> None:
    """``outcome``: done, interrupted (Ctrl-C); a run killed outright keeps no ``finished_at``."""
    with db.atomic():
        db["runs"].update(run_id, {"finished_at": now(), "outcome": outcome, **counts})


# --- Saving a long document piece by piece ----------------------------------------------------
# A long document's rows come a piece at a time (``extraction.PieceRows``); the run saves its document
# row with ``save_extraction`` (no rows yet) and adds each piece's rows here, all in the one
# transaction, so ids and rows are those ``save_extraction`` would give the whole document.

def add_rows(db: sqlite_utils.Database, document_id: int, sentences: list, mentions: list[Mention],
             entities: list[Entity], tables: list[Table]) -> None:
    """Append a piece's rows to a stored document (a long document saved piece by piece)."""
    with db.atomic():
        insert_document_rows(db, document_id, sentences, mentions, entities, tables)
