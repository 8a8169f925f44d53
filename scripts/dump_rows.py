"""Every row an extraction wrote, as stable JSON lines: a behaviour snapshot to compare before and
after a change that must not change behaviour (a move of modules, a speed-up).

    python scripts/dump_rows.py DB OUT.jsonl[.gz]          # one database → one snapshot
    python scripts/dump_rows.py --update                   # rewrite tests/snapshots/ from dev, dev2

Why this shape:
- Rows are keyed by what they say, not by their ids: a document by its path, a span by its
  document's path and its sentence's index, so a run that stores documents in another order
  (worker processes) gives the same file. Own ids, times and the code fingerprint are left out.
- The repository must not hold other people's sentences: every text column is written as the
  first 16 hex digits of its sha256, unless it is listed in ``VERBATIM`` (short codes, rule
  names, normalised values the rules produce). A column added later is hashed until listed.
- Each line is ``{"table": ..., "row": {...}}``, sorted by table then by the row's JSON, so two
  snapshots differ line by line exactly where the behaviour does.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SNAPSHOT_DIR = REPO / "tests" / "snapshots"
GOLD_DIR = REPO.parent / "shared" / "gold"
GOLD_SETS = ("dev", "dev2")

TABLES = ("documents", "sentences", "mentions", "entities", "tables", "ingest_errors")
# Never written: a row's own id, when it was written, and the fingerprint of the code (which a
# move of modules changes on purpose).
DROPPED = {"id", "extracted_at", "pipeline_version", "seen_at"}
# Text columns written as they are: codes, rule names and values the rules normalise, none of
# them a sentence from the source. Every other text column is written as a hash.
VERBATIM = {
    "path", "sha256", "format", "reported_on", "doc_type", "place_normalized", "type", "unit",
    "qualifier", "per", "rule", "indicator_key", "kind", "kind_cue", "kind_confidence", "change",
    "basis", "period_start", "period_end", "period_label", "layout",
}


def digest(text: str) -> str:
    return "#" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def rows(db_path: Path) -> Iterator[dict]:
    """Every row of the snapshot's tables, ids replaced by stable keys, texts hashed."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    names = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    document_path = {r["id"]: r["path"] for r in con.execute("select id, path from documents")}
    sentence_index = ({r["id"]: r["sentence_index"] for r in con.execute("select id, sentence_index from sentences")}
                      if "sentences" in names else {})
    for table in TABLES:
        if table not in names:
            continue
        for record in con.execute(f"select * from [{table}]"):
            row = {}
            for column in record.keys():
                value = record[column]
                if column in DROPPED:
                    continue
                if column == "document_id":
                    row["document"] = document_path.get(value)
                elif column == "sentence_id":
                    row["sentence"] = sentence_index.get(value)
                elif isinstance(value, str) and column not in VERBATIM:
                    row[column] = digest(value)
                elif isinstance(value, bytes):
                    row[column] = "#" + hashlib.sha256(value).hexdigest()[:16]
                else:
                    row[column] = value
            yield {"table": table, "row": row}
    con.close()


def snapshot_lines(db_path: Path) -> list[str]:
    """The snapshot of one database: sorted JSON lines."""
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in rows(db_path)]
    return sorted(lines)


def write_snapshot(lines: list[str], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if out.suffix == ".gz":
        # mtime=0: the same rows give the same bytes, so git sees no change when nothing changed
        with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
            handle.write(data)
    else:
        out.write_bytes(data)


def read_snapshot(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def table_counts(lines: list[str]) -> Counter:
    return Counter(json.loads(line)["table"] for line in lines)


def differences(expected: list[str], found: list[str], limit: int = 12) -> str:
    """A short account of how two snapshots differ: rows per table, then the first rows that are
    only in one of them ('-' expected only, '+' found only). Empty when they are the same."""
    if expected == found:
        return ""
    gone = sorted(set(expected) - set(found))
    new = sorted(set(found) - set(expected))
    report = [f"rows per table: expected {dict(table_counts(expected))}, found {dict(table_counts(found))}",
              f"{len(gone)} rows only in the snapshot, {len(new)} only in this run"]
    report += [f"- {line}" for line in gone[:limit]]
    report += [f"+ {line}" for line in new[:limit]]
    if len(expected) != len(set(expected)) or len(found) != len(set(found)):
        report.append("(some rows are repeated: compare the counts above)")
    return "\n".join(report)


def snapshot_path(gold_set: str) -> Path:
    return SNAPSHOT_DIR / f"{gold_set}.jsonl.gz"


def update(work_dir: Path) -> int:
    """Extract each gold set afresh and rewrite its committed snapshot (when behaviour changes on
    purpose: say why in the commit)."""
    from pipeline import run  # the project, only for --update: a plain dump needs nothing but sqlite3

    for gold_set in GOLD_SETS:
        docs = GOLD_DIR / gold_set / "docs"
        if not docs.is_dir():
            print(f"{docs}: not present, {gold_set} snapshot left as it is", file=sys.stderr)
            continue
        db = work_dir / f"{gold_set}.db"
        db.unlink(missing_ok=True)
        report = run.extract_corpus(docs, db, force=True)
        if report.errors:
            print(f"{gold_set}: {len(report.errors)} ingest errors (kept in the snapshot)", file=sys.stderr)
        lines = snapshot_lines(db)
        out = snapshot_path(gold_set)
        before = read_snapshot(out) if out.exists() else []
        write_snapshot(lines, out)
        change = differences(before, lines, limit=5)
        print(f"{out.relative_to(REPO)}: {len(lines)} rows" + (f"\n{change}" if change else " (unchanged)"))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="?", type=Path, help="an extracted SQLite database")
    parser.add_argument("out", nargs="?", type=Path, help="the snapshot to write (.jsonl or .jsonl.gz)")
    parser.add_argument("--update", action="store_true",
                        help="re-extract dev and dev2 and rewrite tests/snapshots/")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp"),
                        help="where --update writes its databases (default /tmp)")
    parser.add_argument("--compare", type=Path, metavar="SNAPSHOT",
                        help="compare DB with a snapshot instead of writing one; exit 1 when they differ")
    args = parser.parse_args(argv)
    if args.update:
        return update(args.work_dir)
    if args.db is None or (args.out is None and args.compare is None):
        parser.error("give DB and OUT (or DB --compare SNAPSHOT, or --update)")
    if not args.db.is_file():
        parser.error(f"{args.db}: no such database")
    lines = snapshot_lines(args.db)
    if args.compare:
        change = differences(read_snapshot(args.compare), lines)
        print(change or f"same rows as {args.compare} ({len(lines)})")
        return 1 if change else 0
    write_snapshot(lines, args.out)
    print(f"{args.out}: {len(lines)} rows {dict(table_counts(lines))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
