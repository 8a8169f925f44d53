"""The ``extract`` command end to end into a real SQLite file, read back with sqlite-utils."""
from __future__ import annotations

import fcntl
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import json

import pytest
import sqlite_utils
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_help_answers_without_loading_the_stages():
    """`extract --help` in a fresh interpreter: the help is printed and no stage module (nor
    underthesea, nor sqlite-utils) was imported to print it."""
    probe = ("import sys\nfrom pipeline.cli import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "loaded = [m for m in sys.modules if m.split('.')[0] in ('underthesea', 'sqlite_utils')\n"
             "          or m.startswith(('pipeline.run', 'pipeline.facts', 'pipeline.entities', 'pipeline.numbers'))]\n"
             "print('LOADED', sorted(loaded))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "--corpus" in result.stdout
    assert "LOADED []" in result.stdout, result.stdout


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
    from pipeline import extraction

    real = extraction.extract_document

    def fails_on_budget(document, entity_finder=None):
        if document.path == "ngan-sach.txt":
            raise ValueError("a bug on this text")
        return real(document, entity_finder)

    monkeypatch.setattr(extraction, "extract_document", fails_on_budget)  # workers are forked: they see it
    db = tmp_path / "extract.db"
    result = run_extract(sample_corpus, db, "--jobs", "2")
    assert result.exit_code == 1
    assert "ngan-sach.txt: extraction failed: ValueError: a bug on this text" in result.output
    assert [d["path"] for d in rows(db, "select path from documents")] == ["tin/doanh-nghiep.md"]
    assert [e["path"] for e in rows(db, "select path from ingest_errors")] == ["ngan-sach.txt"]


# --- bad input never costs good data ----------------------------------------------------------

EXTRACT = Path(sys.executable).parent / "extract"


def lines_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_a_file_name_that_is_not_utf8_is_an_error_row_and_the_run_goes_on(sample_corpus, tmp_path):
    (sample_corpus / os.fsdecode(b"gi\xe1-l\xfaa.txt")).write_text("Giá lúa đạt 7.800 đồng/kg.", encoding="utf-8")
    db = tmp_path / "extract.db"
    for _ in range(2):  # and every re-run goes on too
        result = run_extract(sample_corpus, db)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "gi\\xe1-l\\xfaa.txt: the file name is not valid UTF-8" in result.output
    assert [d["path"] for d in rows(db, "select path from documents order by path")] == ["ngan-sach.txt", "tin/doanh-nghiep.md"]
    assert [e["path"] for e in rows(db, "select path from ingest_errors")] == ["gi\\xe1-l\\xfaa.txt"]


def test_an_unreadable_folder_is_an_error_row_and_its_documents_stay(sample_corpus, tmp_path, monkeypatch):
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    unreadable = str(sample_corpus / "tin")
    real_scandir = os.scandir

    def scandir(path="."):  # as a folder without read permission answers (we run as root here)
        if os.fspath(path) == unreadable:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 1, result.output
    assert "tin/: cannot read this folder (Permission denied): its documents are kept" in result.output
    assert [d["path"] for d in rows(db, "select path from documents order by path")] == ["ngan-sach.txt", "tin/doanh-nghiep.md"]
    monkeypatch.setattr(os, "scandir", real_scandir)
    assert run_extract(sample_corpus, db).exit_code == 0
    assert rows(db, "select path from ingest_errors") == []  # readable again: the error row goes


def without_root_override() -> list[str]:
    """A command prefix under which a folder's permissions hold: root reads any folder (its
    CAP_DAC_OVERRIDE), so as root the capabilities that bypass them are dropped (setpriv)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
    if not setpriv or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root without setpriv able to drop the capabilities that read any folder")
    return prefix


def test_a_folder_without_read_permission_is_an_error_row_and_its_documents_stay(sample_corpus, tmp_path):
    """The same as above, with a real folder made unreadable (chmod 000) and a real extract process."""
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    prefix = without_root_override()
    folder = sample_corpus / "tin"
    folder.chmod(0)
    try:
        completed = subprocess.run([*prefix, str(EXTRACT), "--corpus", str(sample_corpus), "--db", str(db), "-q"],
                                   capture_output=True, text=True, timeout=300)
    finally:
        folder.chmod(0o755)
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert "error: tin/: cannot read this folder (Permission denied): its documents are kept" in completed.stderr
    assert "0 removed" in completed.stderr
    assert [d["path"] for d in rows(db, "select path from documents order by path")] == ["ngan-sach.txt", "tin/doanh-nghiep.md"]
    assert [e["path"] for e in rows(db, "select path from ingest_errors")] == ["tin/"]


def test_an_empty_or_unmounted_corpus_removes_nothing_without_prune(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    shutil.rmtree(sample_corpus)
    sample_corpus.mkdir()  # a mount point with nothing mounted on it
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 2
    assert "not removed: 2 documents whose files were not found, as the corpus folder has no files" in result.output
    assert "--prune" in result.output
    assert rows(db, "select count(*) as n from documents")[0]["n"] == 2
    pruned = run_extract(sample_corpus, db, "--prune")
    assert pruned.exit_code == 0 and "2 removed" in pruned.output
    assert rows(db, "select count(*) as n from documents")[0]["n"] == 0


def test_a_corpus_that_lost_more_than_half_its_files_removes_nothing_without_prune(sample_corpus, tmp_path):
    (sample_corpus / "them.txt").write_text("Thu ngân sách đạt 100 tỷ đồng.", encoding="utf-8")
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    (sample_corpus / "ngan-sach.txt").unlink()
    (sample_corpus / "tin" / "doanh-nghiep.md").unlink()
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 2
    assert "2 of the 3 stored documents have no file any more" in result.output
    assert rows(db, "select count(*) as n from documents")[0]["n"] == 3


def test_a_second_run_on_a_database_in_use_stops_at_once_with_one_line(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    before = rows(db, "select path, extracted_at from documents order by path")
    with open(db, "rb+") as other_run:
        fcntl.flock(other_run, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a running extract holds
        completed = subprocess.run([str(EXTRACT), "--corpus", str(sample_corpus), "--db", str(db), "--force"],
                                   capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2
    assert lines_of(completed.stderr) == [f"error: {db} is in use by another extract run: wait for it to end, or give another --db"]
    assert rows(db, "select path, extracted_at from documents order by path") == before


def test_a_second_extract_while_one_runs_stops_at_once_and_the_first_finishes_unmixed(tmp_path):
    """Two real extract processes on one database: the first is paused (SIGSTOP) in the middle of
    its run, holding the database; the second, on another corpus, stops at once with one line and
    writes nothing; the first, resumed, ends as a run alone would."""
    corpus, other, db = tmp_path / "corpus", tmp_path / "khac", tmp_path / "extract.db"
    many_texts(corpus, 60)
    other.mkdir()
    for n in range(5):
        (other / f"khac-{n}.txt").write_text(f"Giá lúa hôm nay đạt {7000 + n} đồng/kg.\n", encoding="utf-8")
    first = subprocess.Popen([str(EXTRACT), "--corpus", str(corpus), "--db", str(db), "-q", "-j", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: stored_count(db) >= 2)
        first.send_signal(signal.SIGSTOP)
        second = subprocess.run([str(EXTRACT), "--corpus", str(other), "--db", str(db), "--force"],
                                capture_output=True, text=True, timeout=120)
    finally:
        first.send_signal(signal.SIGCONT)
    _, first_stderr = first.communicate(timeout=300)
    assert second.returncode == 2
    assert lines_of(second.stderr) == [f"error: {db} is in use by another extract run: wait for it to end, or give another --db"]
    assert first.returncode == 0, first_stderr
    assert "60 extracted, 0 unchanged, 0 removed, 0 failed" in first_stderr
    assert stored_count(db) == 60
    assert rows(db, "select count(*) as n from documents where path not like 'bai-%' or id not in "
                    "(select document_id from mentions)")[0]["n"] == 0  # none of the other corpus, none half-written
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"
    assert [(r["corpus"], r["outcome"]) for r in rows(db, "select corpus, outcome from runs")] == [(str(corpus.resolve()), "done")]


@pytest.mark.parametrize("make_db,expected", [
    (lambda path: path.mkdir(), "is a folder, not a database file"),
    (lambda path: path.write_text("ghi chép, không phải cơ sở dữ liệu\n", encoding="utf-8"), "is not an SQLite database"),
])
def test_a_db_that_is_not_a_database_gets_one_clear_line(sample_corpus, tmp_path, make_db, expected):
    db = tmp_path / "notes.db"
    make_db(db)
    before = db.read_bytes() if db.is_file() else None
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 2
    assert lines_of(result.output) == [line for line in lines_of(result.output) if line.startswith("error: ")]
    assert len(lines_of(result.output)) == 1 and expected in result.output
    assert (db.read_bytes() if db.is_file() else None) == before


def test_pdf_library_warnings_stay_out_of_the_output_and_go_into_the_error_row(sample_corpus, tmp_path):
    from test_ingest import PDF_PAGES, make_pdf, pdf_hex, pdf_of_streams

    line = PDF_PAGES[0][0]
    odd = b"/wide w\n"  # a line width that is not a number: the PDF library warns and reads on
    (sample_corpus / "lech.pdf").write_bytes(pdf_of_streams([odd + f"BT /F1 11 Tf 40 800 Td <{pdf_hex(line)}> Tj ET".encode()], set(line)))
    (sample_corpus / "scan.pdf").write_bytes(pdf_of_streams([odd + b"0 0 10 10 re f"], set()))
    (sample_corpus / "cut.pdf").write_bytes(make_pdf(PDF_PAGES)[:300])
    db = tmp_path / "extract.db"
    result = run_extract(sample_corpus, db)
    assert result.exit_code == 1
    assert "line width" not in result.output.replace("the PDF library said: Cannot set line width", "")
    assert [x.split(":")[1].strip() for x in lines_of(result.output) if x.startswith("error: ")] == ["cut.pdf", "scan.pdf"]
    assert "lech.pdf" in [d["path"] for d in rows(db, "select path from documents")]
    scan = rows(db, "select message from ingest_errors where path = 'scan.pdf'")[0]["message"]
    assert "no text layer" in scan and "the PDF library said: Cannot set line width" in scan


def many_texts(corpus: Path, count: int) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (corpus / f"bai-{n:03}.txt").write_text(
            f"Báo cáo số {n}: tổng thu ngân sách ước đạt {1000 + n} tỷ đồng, tăng {n % 20},5% so với cùng kỳ; "
            f"UBND tỉnh Ninh Bình giao chỉ tiêu {2000 + n} tỷ đồng cho năm sau.\n" * 2, encoding="utf-8")


def stored_count(db: Path) -> int:
    try:
        return rows(db, "select count(*) as n from documents")[0]["n"]
    except Exception:  # not created yet
        return 0


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_ctrl_c_stops_cleanly_with_one_line_and_keeps_every_finished_document(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "extract.db"
    many_texts(corpus, 150)
    process = subprocess.Popen([str(EXTRACT), "--corpus", str(corpus), "--db", str(db), "-q", "-j", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert wait_for(lambda: stored_count(db) >= 3)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the main process and its workers
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in stderr
    assert len(lines_of(stderr)) == 1 and lines_of(stderr)[0].startswith("interrupted: ")
    finished = stored_count(db)
    assert 3 <= finished < 150
    assert f"interrupted: {finished} documents finished and saved" in stderr
    assert rows(db, "select count(*) as n from documents where id not in (select document_id from mentions)")[0]["n"] == 0
    rerun = run_extract(corpus, db, "-j", "2")
    assert rerun.exit_code == 0 and f"{150 - finished} extracted, {finished} unchanged" in rerun.output


def children_of(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return [int(child) for child in handle.read().split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def extraction_of(n: int):
    from pipeline.records import Document
    from pipeline.extraction import extract_document
    text = f"Năm 2024, tỉnh Ninh Bình thu ngân sách {100 + n} tỷ đồng, tăng {n},5% so với cùng kỳ."
    return extract_document(Document(path=f"bai-{n}.txt", text=text, sha256=f"{n:064}", format="txt"))


def stored_paths(db_path: Path) -> list[str]:
    """What another connection (Datasette, a killed run's next one) sees committed."""
    return [row["path"] for row in rows(db_path, "select path from documents order by id")]


def test_documents_are_committed_in_groups_and_a_failed_one_leaves_no_rows(tmp_path, monkeypatch):
    db_path = tmp_path / "extract.db"
    db = sqlite_utils.Database(db_path)
    store.ensure_db_shape(db)
    with store.CommitGroups(db, most_documents=3, most_seconds=3600) as commits:
        for n in (1, 2):
            commits.before_document()
            store.save_extraction(db, extraction_of(n), "v")
            commits.after_document()
        assert stored_paths(db_path) == []  # the group is still open
        commits.before_document()
        store.save_extraction(db, extraction_of(3), "v")
        commits.after_document()
        assert stored_paths(db_path) == ["bai-1.txt", "bai-2.txt", "bai-3.txt"]
        commits.before_document()
        store.save_extraction(db, extraction_of(4), "v")
        commits.after_document()

        def fails_after_the_sentences(db, document_id, sentences, *rest):
            store.insert_rows(db, "sentences", store.SENTENCE_ROW,
                              [(None, document_id, s.index, s.start, s.end, s.text) for s in sentences])
            raise OSError("disk full")
        monkeypatch.setattr(store, "insert_document_rows", fails_after_the_sentences)
        commits.before_document()
        with pytest.raises(OSError):
            store.save_extraction(db, extraction_of(5), "v")
    # leaving the block committed the document before the failed one, and nothing of that one
    assert stored_paths(db_path) == ["bai-1.txt", "bai-2.txt", "bai-3.txt", "bai-4.txt"]
    assert rows(db_path, "select count(*) as n from sentences")[0]["n"] == 4
    assert rows(db_path, "select count(*) as n from documents where id not in (select document_id from mentions)")[0]["n"] == 0


def test_an_old_group_is_committed_after_its_next_document(tmp_path):
    db_path = tmp_path / "extract.db"
    db = sqlite_utils.Database(db_path)
    store.ensure_db_shape(db)
    with store.CommitGroups(db, most_documents=1000, most_seconds=0.0) as commits:
        commits.before_document()
        store.save_extraction(db, extraction_of(1), "v")
        commits.after_document()
        assert stored_paths(db_path) == ["bai-1.txt"]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "extract.db"
    many_texts(corpus, 150)
    process = subprocess.Popen([str(EXTRACT), "--corpus", str(corpus), "--db", str(db), "-q", "-j", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    assert wait_for(lambda: stored_count(db) >= 2)
    workers = children_of(process.pid)
    assert len(workers) == 2
    process.kill()
    process.wait(timeout=30)
    assert wait_for(lambda: not any(map(alive, workers)), timeout=10), [w for w in workers if alive(w)]
    assert rows(db, "pragma integrity_check")[0]["integrity_check"] == "ok"  # and the database it left is whole
    assert rows(db, "select count(*) as n from documents where id not in (select document_id from mentions)")[0]["n"] == 0


# --- seen while it runs ------------------------------------------------------------------------

def test_a_run_on_a_terminal_shows_a_progress_bar_with_errors_above_it(sample_corpus, tmp_path):
    (sample_corpus / "hong.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal 120 columns wide
    completed = subprocess.run([str(EXTRACT), "--corpus", str(sample_corpus), "--db", str(tmp_path / "x.db"), "-j", "1"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, timeout=300)
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed and read empty
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    text = screen.decode("utf-8", errors="replace")
    assert completed.returncode == 1
    assert "3/3 files" in text and "MB/s" in text and "1 errors" in text
    assert "error  hong.txt: has a text suffix but is a PNG image" in text
    assert "2 extracted, 0 unchanged, 0 removed, 1 failed" in text
    assert "extracted  ngan-sach.txt" not in text  # the bar, not a line a file


def test_a_run_into_a_pipe_or_log_prints_plain_lines(sample_corpus, tmp_path):
    result = CliRunner().invoke(main, ["--corpus", str(sample_corpus), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0
    assert lines_of(result.output) == [
        "    found  2 files under " + str(sample_corpus),
        "extracted  ngan-sach.txt",
        "extracted  tin/doanh-nghiep.md",
        f"2 extracted, 0 unchanged, 0 removed, 0 failed; {lines_of(result.output)[-1].split('failed; ')[1]}",
    ]
    assert "\r" not in result.output


# --- one database, one corpus ------------------------------------------------------------------

def test_a_run_on_another_corpus_stops_before_mixing_its_documents_in(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    before = rows(db, "select path, sha256, extracted_at from documents order by path")
    other = tmp_path / "khac"
    other.mkdir()
    for n in range(3):
        (other / f"tin-{n}.txt").write_text(f"Giá lúa hôm nay đạt {7000 + n} đồng/kg.\n", encoding="utf-8")

    result = run_extract(other, db)

    assert result.exit_code == 2
    assert lines_of(result.output) == [
        f"error: {db} holds 2 documents from {sample_corpus.resolve()}, and 0 of them are files under {other}: "
        "give another --db to keep the two apart, or --prune to replace them with this folder's documents"]
    assert rows(db, "select path, sha256, extracted_at from documents order by path") == before
    assert [r["corpus"] for r in rows(db, "select corpus from runs")] == [str(sample_corpus.resolve())]

    replaced = run_extract(other, db, "--prune")
    assert replaced.exit_code == 0 and "3 extracted, 0 unchanged, 2 removed" in replaced.output
    assert [d["path"] for d in rows(db, "select path from documents order by path")] == ["tin-0.txt", "tin-1.txt", "tin-2.txt"]
    assert [(r["corpus"], r["outcome"], r["extracted"], r["removed"]) for r in rows(db, "select * from runs order by id")] == [
        (str(sample_corpus.resolve()), "done", 2, 0), (str(other.resolve()), "done", 3, 2)]


def test_the_same_corpus_moved_to_another_folder_is_followed_there(sample_corpus, tmp_path):
    db = tmp_path / "extract.db"
    assert run_extract(sample_corpus, db).exit_code == 0
    moved = tmp_path / "o-dia-moi"
    sample_corpus.rename(moved)
    (moved / "them.txt").write_text("Thu ngân sách đạt 100 tỷ đồng.\n", encoding="utf-8")
    result = run_extract(moved, db)
    assert result.exit_code == 0, result.output
    assert "1 extracted, 2 unchanged, 0 removed" in result.output
    assert rows(db, "select corpus from runs order by id desc limit 1")[0]["corpus"] == str(moved.resolve())


DETAIL_VALUES = st.one_of(st.sampled_from([True, False, 1, 0, 1.0, 0.0, -0.0, None, "Tỉnh Lạng Sơn", "", "2024"]),
                          st.integers(), st.text(max_size=8), st.lists(st.sampled_from([1, True, "a"]), max_size=2),
                          st.tuples(st.sampled_from([1, True, 1.0])))


@settings(max_examples=300, deadline=None)
@given(details=st.lists(st.dictionaries(st.sampled_from(["level", "start", "end", "year_inferred", "place"]),
                                        DETAIL_VALUES, min_size=1, max_size=4), min_size=1, max_size=6))
def test_an_entity_detail_is_stored_as_its_json_whether_encoded_or_cached(details):
    """Details are encoded once and cached: ``True`` and ``1``, ``0.0`` and ``-0.0`` are equal keys
    to a cache, so the stored text must still be each detail's own JSON, in its key order."""
    for detail in details + details[::-1]:
        assert store.detail_json(detail) == json.dumps(detail, ensure_ascii=False)
