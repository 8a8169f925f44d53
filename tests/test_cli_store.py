"""The ``extract`` command end to end into a real SQLite file, read back with sqlite-utils."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline import store
from pipeline.cli import main


def run_extract(corpus: Path, db: Path, *extra: str):
    result = CliRunner().invoke(main, ["--corpus", str(corpus), "--db", str(db), "-q", *extra])
    return result


def rows(db: Path, sql: str, params=()) -> list[dict]:
    return list(sqlite_utils.Database(db).query(sql, params))


def test_help_explains_every_option():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for option in ("--corpus", "--db", "--force", "--jobs", "--quiet", "evaluate"):
        assert option in result.output


def test_extract_writes_documents_with_relative_paths_and_offsets(sample_corpus, tmp_path):
    db = tmp_path / "out" / "extract.db"
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 0, result.output
    documents = rows(db, "select * from documents order by path")
    assert [d["path"] for d in documents] == ["ngan-sach.txt", "tin/doanh-nghiep.md"]
    texts = {d["id"]: d["text"] for d in documents}
    for table in ("sentences", "mentions", "entities"):
        for row in rows(db, f"select * from {table}"):
            assert texts[row["document_id"]][row["start"]:row["end"]] == row["text"]
    assert rows(db, "select count(*) as n from sentences")[0]["n"] >= 4


def test_schema_has_foreign_keys_indexes_and_full_text_search(sample_corpus, tmp_path):
    db_path = tmp_path / "extract.db"
    run_extract(sample_corpus, db_path)
    db = sqlite_utils.Database(db_path)
    for table in ("mentions", "entities"):
        references = {(fk.column, fk.other_table) for fk in db[table].foreign_keys}
        assert {("document_id", "documents"), ("sentence_id", "sentences")} <= references
        indexed = {tuple(index.columns) for index in db[table].indexes}
        assert ("document_id",) in indexed and ("type",) in indexed
    assert db["documents"].detect_fts() == "documents_fts"
    hits = list(db.query(
        "select path from documents where rowid in (select rowid from documents_fts where documents_fts match ?)",
        ["xuất khẩu"]))
    assert [h["path"] for h in hits] == ["ngan-sach.txt"]


@pytest.mark.parametrize("query", ["xuất khẩu", "xuat khau", "XUẤT KHẨU"])
def test_search_finds_words_typed_without_diacritics(sample_corpus, tmp_path, query):
    db_path = tmp_path / "extract.db"
    run_extract(sample_corpus, db_path)
    db = sqlite_utils.Database(db_path)
    hits = db.query("select path from documents where rowid in "
                    "(select rowid from documents_fts where documents_fts match ?)", [f'"{query}"'])
    assert [h["path"] for h in hits] == ["ngan-sach.txt"]


def test_a_search_index_of_an_older_tokenizer_is_rebuilt(tmp_path):
    db = sqlite_utils.Database(tmp_path / "old.db")
    db["documents"].insert({"id": 1, "path": "a.txt", "sha256": "x", "title": "Thu ngân sách", "text": "Thu ngân sách"},
                           pk="id")
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 0")
    store.ensure_db_shape(db)
    assert [r["rowid"] for r in db.query("select rowid from documents_fts where documents_fts match 'ngan'")] == [1]


def test_rerun_skips_unchanged_replaces_changed_and_removes_deleted(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    run_extract(sample_corpus, db)
    first = rows(db, "select id, path, extracted_at, sha256 from documents order by path")

    again = run_extract(sample_corpus, db)
    assert "0 extracted, 2 unchanged" in again.output
    assert rows(db, "select id, path, extracted_at, sha256 from documents order by path") == first

    changed = sample_corpus / "ngan-sach.txt"
    changed.write_text("Thu ngân sách đạt 100 tỷ đồng.\n", encoding="utf-8")
    (sample_corpus / "tin" / "doanh-nghiep.md").unlink()
    third = run_extract(sample_corpus, db)
    assert "1 extracted, 0 unchanged, 1 removed" in third.output
    documents = rows(db, "select id, path, text from documents")
    assert [(d["id"], d["path"]) for d in documents] == [(first[0]["id"], "ngan-sach.txt")]
    assert documents[0]["text"] == "Thu ngân sách đạt 100 tỷ đồng.\n"
    for table in ("sentences", "mentions", "entities"):
        orphans = rows(db, f"select count(*) as n from {table} where document_id not in (select id from documents)")
        assert orphans[0]["n"] == 0
    stale = rows(db, "select count(*) as n from sentences where text like '%4.250%'")
    assert stale[0]["n"] == 0


def test_unreadable_file_is_named_and_the_run_goes_on(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    run_extract(sample_corpus, db)
    kept = rows(db, "select count(*) as n from sentences where document_id = "
                    "(select id from documents where path = 'ngan-sach.txt')")[0]["n"]
    (sample_corpus / "hong.txt").write_bytes(b"Gi\xe1 c\xe0 ph\xea")  # Latin-1 bytes, not UTF-8
    (sample_corpus / "ngan-sach.txt").write_bytes(b"\xff\xfe\x00\xd8")  # broken UTF-16
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 1
    assert "hong.txt" in result.output and "not UTF-8" in result.output
    assert "ngan-sach.txt" in result.output
    errors = {r["path"]: r["message"] for r in rows(db, "select * from ingest_errors")}
    assert set(errors) == {"hong.txt", "ngan-sach.txt"}
    # The earlier extraction of the now-broken file is kept, not lost or half-written.
    still = rows(db, "select count(*) as n from sentences where document_id = "
                     "(select id from documents where path = 'ngan-sach.txt')")[0]["n"]
    assert still == kept
    assert [d["path"] for d in rows(db, "select path from documents order by path")] == [
        "ngan-sach.txt", "tin/doanh-nghiep.md"]


def test_missing_corpus_folder_is_a_clear_usage_error(tmp_path):
    result = run_extract(tmp_path / "nowhere", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "is not a folder" in result.output


def test_console_script_runs_with_defaults(sample_corpus, tmp_path):
    """The installed ``extract`` script, called as users call it, with its default paths."""
    workdir = tmp_path / "work"
    shutil.copytree(sample_corpus, workdir / "corpus")
    script = Path(sys.executable).parent / "extract"
    completed = subprocess.run([str(script), "-q"], cwd=workdir, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert (workdir / "out" / "extract.db").exists()
    assert rows(workdir / "out" / "extract.db", "select count(*) as n from documents")[0]["n"] == 2


def test_worker_processes_write_the_same_rows_as_one_process(sample_corpus, tmp_path):
    """-j 2 forks workers; rows, ids and order must not depend on it."""
    tables = ("documents", "sentences", "mentions", "entities")
    dumps = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        assert run_extract(sample_corpus, db, "--jobs", jobs).exit_code == 0
        dumps[jobs] = {t: rows(db, f"select * from {t} order by id") for t in tables}
        for table in dumps[jobs]["documents"]:
            table.pop("extracted_at")
    assert dumps["1"]["mentions"], "the sample corpus has figures"
    assert dumps["1"] == dumps["2"]


def test_a_failing_document_in_a_worker_is_reported_and_the_others_are_stored(sample_corpus, tmp_path, monkeypatch):
    from pipeline import run

    real = run.extract_document

    def fails_on_budget(document, entity_finder=None):
        if document.path == "ngan-sach.txt":
            raise ValueError("a bug on this text")
        return real(document, entity_finder)

    monkeypatch.setattr(run, "extract_document", fails_on_budget)  # workers are forked: they see it
    db = tmp_path / "extract.db"
    result = run_extract(sample_corpus, db, "--jobs", "2")
    assert result.exit_code == 1
    assert "ngan-sach.txt: extraction failed: ValueError: a bug on this text" in result.output
    assert [d["path"] for d in rows(db, "select path from documents")] == ["tin/doanh-nghiep.md"]
    assert [e["path"] for e in rows(db, "select path from ingest_errors")] == ["ngan-sach.txt"]
