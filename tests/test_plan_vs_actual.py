"""plan_vs_actual: a province's 2024 targets (HĐND resolution) beside its 2024 results (UBND report).

Runs the real ``extract`` command over a copy of corpus/ into a temporary SQLite file and reads
the view back, as a researcher would in Datasette.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline.cli import main as cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RESOLUTION = "nghi-quyet-chi-tieu-kt-xh-2024.txt"
REPORT = "bao-cao-kt-xh-nam-2024.txt"

# indicator_key → (type, change, target value, result value) as the two sample texts state them
EXPECTED = {
    "grdp_growth": ("percent", "increase", 8.5, 8.72),
    "state_budget_revenue": ("money", "level", 21_500e9, 22_340e9),
    "fdi_registered_capital": ("money", "level", 350e6, 386.5e6),
    "export_turnover": ("money", "level", 2.9e9, 3.05e9),
    "forest_cover": ("percent", "level", 19.3, 19.3),
    "poverty_rate": ("percent", "decrease", 0.5, 0.62),
    "health_insurance_coverage": ("percent", "level", 94.0, 94.6),
    "new_jobs": ("quantity", "level", 22_000, 22_680),
}


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> sqlite_utils.Database:
    if not (CORPUS / RESOLUTION).exists() or not (CORPUS / REPORT).exists():
        pytest.skip("sample resolution and report not in corpus/")
    root = tmp_path_factory.mktemp("plan_vs_actual")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    db_path = root / "extract.db"
    result = CliRunner().invoke(cli, ["--corpus", str(corpus), "--db", str(db_path), "-q"])
    assert result.exit_code == 0, result.output
    return sqlite_utils.Database(db_path)


def pairs(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("select * from plan_vs_actual"))


def test_view_exists(database):
    assert "plan_vs_actual" in database.view_names()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_target_beside_result(database, key):
    kind, change, target, actual = EXPECTED[key]
    rows = [r for r in pairs(database) if r["indicator_key"] == key and r["type"] == kind and r["change"] == change]
    assert rows, f"no pair for {key}"
    row = next((r for r in rows if r["target_value"] == pytest.approx(target) and
                r["actual_value"] == pytest.approx(actual)), None)
    assert row is not None, f"{key}: {[(r['target_value'], r['actual_value']) for r in rows]}"
    assert row["ratio"] == pytest.approx(actual / target, rel=1e-3)
    # the target comes from the resolution, the result from the report, both for Ninh Bình in 2024
    assert row["target_path"] == RESOLUTION and row["actual_path"] == REPORT
    assert row["place"] == "Ninh Bình"
    assert (row["period_start"], row["period_end"]) == ("2024-01-01", "2024-12-31")


def test_rows_link_back_to_their_sentences(database):
    for row in pairs(database):
        target = database["sentences"].get(row["target_sentence_id"])
        actual = database["sentences"].get(row["actual_sentence_id"])
        assert row["target_text"] in target["text"] and row["actual_text"] in actual["text"]
        assert target["document_id"] == row["target_document_id"]
        assert actual["document_id"] == row["actual_document_id"]


def test_ratios_are_sensible(database):
    """Results of a plan year land near their targets (no cross-pairing of different indicators,
    such as two grades of new-style rural communes); nothing pairs a growth rate with a level."""
    rows = pairs(database)
    assert len({r["indicator_key"] for r in rows}) >= len(EXPECTED)
    for row in rows:
        assert 0.5 <= row["ratio"] <= 2.0, row
        assert row["indicator_key"] != "grdp_growth" or row["change"] == "increase"


def test_a_plain_level_is_never_paired_with_a_share_of_plan(database):
    # `đạt 103,9% dự toán` is a percent of the plan, not a second state budget figure
    for row in pairs(database):
        if row["indicator_key"] == "state_budget_revenue":
            assert row["type"] == "money"
