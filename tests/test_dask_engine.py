"""``extract --engine dask``: documents extracted on a Dask cluster, the same database written here.

The cluster is a real ``LocalCluster`` of two worker processes, reached by its address as a
remote scheduler would be (``--scheduler``), so documents and results really cross processes.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from distributed import LocalCluster

from pipeline import run
from pipeline.cli import main
from pipeline.dask_engine import CodeVersion, DaskEngine, code_version, version_mismatches

COMPARED_TABLES = ("documents", "sentences", "mentions", "entities", "tables", "ingest_errors")

MORE_TEXTS = {
    "phu-luc/chi-tieu.txt": (
        "Phụ lục: kết quả thực hiện một số chỉ tiêu năm 2025\n"
        "Chỉ tiêu | Kế hoạch 2025 | Thực hiện 2025\n"
        "Tốc độ tăng trưởng GRDP (%) | 8 | 8,3\n"
        "Thu ngân sách (tỷ đồng) | 12.500 | 13.120\n"
    ),
    "tin/nong-nghiep.txt": (
        "Sản lượng lúa vụ đông xuân của huyện đạt 61.200 tấn, tăng 3,1% so với vụ trước. "
        "Sở Nông nghiệp và Phát triển nông thôn tỉnh Thái Bình cho biết giá lúa tươi ở mức 7.800 đồng/kg.\n"
    ),
}


@pytest.fixture(scope="module")
def scheduler() -> str:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def corpus(sample_corpus: Path) -> Path:
    for name, text in MORE_TEXTS.items():
        path = sample_corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (sample_corpus / "hong.docx").write_bytes(b"not a zip archive")  # an error row, in both runs
    return sample_corpus


def extract(corpus: Path, db: Path, *extra: str):
    return CliRunner().invoke(main, ["--corpus", str(corpus), "--db", str(db), "-q", *extra])


def dump(db: Path) -> dict[str, list[dict]]:
    database = sqlite_utils.Database(db)
    tables = {table: list(database.query(f"select * from [{table}] order by rowid")) for table in COMPARED_TABLES}
    for row in tables["documents"] + tables["ingest_errors"]:
        for column in ("extracted_at", "seen_at", "failed_at"):  # when, not what
            row.pop(column, None)
    return tables


def test_a_dask_cluster_writes_the_rows_a_local_run_writes(corpus, tmp_path, scheduler):
    local, distributed = tmp_path / "local.db", tmp_path / "dask.db"
    assert extract(corpus, local, "-j", "1").exit_code == 1  # the broken .docx
    result = extract(corpus, distributed, "--engine", "dask", "--scheduler", scheduler)
    assert result.exit_code == 1, result.output
    assert "hong.docx" in result.output
    expected = dump(local)
    assert expected["tables"] and expected["mentions"] and expected["entities"], "the corpus has each kind of row"
    assert dump(distributed) == expected


def test_a_rerun_on_the_cluster_sends_only_changed_files_and_matches_a_local_rerun(corpus, tmp_path, scheduler):
    local, distributed = tmp_path / "local.db", tmp_path / "dask.db"
    extract(corpus, local)
    extract(corpus, distributed, "--engine", "dask", "--scheduler", scheduler)

    with DaskEngine(scheduler) as engine:  # nothing changed: the cluster is not even reached
        report = run.extract_corpus(corpus, distributed, engine=engine)
        assert engine.client is None
    assert report.extracted == [] and len(report.skipped) == 4

    (corpus / "tin" / "nong-nghiep.txt").write_text("Năng suất lúa đạt 6,8 tấn/ha, cao hơn 0,2 tấn/ha.\n",
                                                     encoding="utf-8")
    (corpus / "moi.txt").write_text("Tỉnh thu hút 35 dự án FDI với tổng vốn 420 triệu USD.\n", encoding="utf-8")
    (corpus / "ngan-sach.txt").unlink()
    with DaskEngine(scheduler) as engine:
        report = run.extract_corpus(corpus, distributed, engine=engine)
    assert sorted(report.extracted) == ["moi.txt", "tin/nong-nghiep.txt"]
    assert report.removed == ["ngan-sach.txt"]
    extract(corpus, local)
    assert dump(distributed) == dump(local)


def test_workers_with_other_code_are_named_and_refused():
    here = CodeVersion("0.1.0", "abc")
    assert version_mismatches(here, {"tcp://a:1": here, "tcp://b:1": here}) is None
    message = version_mismatches(here, {"tcp://a:1": here, "tcp://b:1": CodeVersion("0.1.0", "def"),
                                        "tcp://c:1": ModuleNotFoundError("No module named 'pipeline'")})
    assert "tcp://a:1" not in message
    assert "tcp://b:1 has vn-facts 0.1.0 (code def)" in message
    assert "tcp://c:1 cannot run vn-facts (ModuleNotFoundError" in message
    assert "\n" not in message


def test_the_cluster_workers_run_this_code(scheduler):
    """What the start-up check compares: the workers' answer is this process's own version."""
    with DaskEngine(scheduler) as engine:
        client = engine.connect()
        answers = client.run(code_version)
    assert len(answers) == 2 and set(answers.values()) == {code_version()}


def test_without_dask_installed_the_engine_is_one_line_naming_the_extra(corpus, tmp_path):
    hide_dask = ("import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None; "
                 "from pipeline.cli import main; sys.exit(main())")
    completed = subprocess.run(
        [sys.executable, "-c", hide_dask, "--corpus", str(corpus), "--db", str(tmp_path / "x.db"), "--engine", "dask"],
        capture_output=True, text=True, timeout=300)
    assert completed.returncode == 2
    assert completed.stderr.strip() == ("error: --engine dask needs Dask distributed, which is not installed: "
                                        "pip install 'vn-facts[dask]'")
    assert not (tmp_path / "x.db").exists() or not sqlite_utils.Database(tmp_path / "x.db")["documents"].count


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(corpus, tmp_path):
    result = extract(corpus, tmp_path / "x.db", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--engine dask" in result.output


def test_help_says_dask_starts_a_local_cluster_without_a_scheduler():
    output = CliRunner().invoke(main, ["--help"]).output
    assert "--engine" in output and "--scheduler" in output and "LocalCluster" in output


def test_without_a_scheduler_the_engine_starts_its_own_local_cluster(sample_corpus, tmp_path):
    local, distributed = tmp_path / "local.db", tmp_path / "dask.db"
    run.extract_corpus(sample_corpus, local, jobs=1)
    with DaskEngine(local_workers=1, local_memory_limit="1GiB") as engine:
        report = run.extract_corpus(sample_corpus, distributed, engine=engine)
        assert engine.cluster is not None and len(engine.client.nthreads()) == 1
    assert engine.cluster is None  # closed on leaving
    assert len(report.extracted) == 2
    assert dump(distributed) == dump(local)
