"""``extract evaluate`` must agree with the team's reference scorer, and score by the README's rules."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline import evaluate
from pipeline.cli import main


@pytest.mark.parametrize("gold,predicted,expected", [
    (54e12, 54.2e12, True),     # within 0.5%
    (54e12, 54.3e12, False),    # beyond it
    (-1.07, -1.07, True),
    (0, 0, True),
    (10, None, False),
])
def test_values_agree_within_half_a_percent(gold, predicted, expected):
    assert evaluate.values_agree(gold, predicted) is expected


@pytest.mark.parametrize("gold,predicted,expected", [
    ("UBND tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh", True),
    ("UBND tỉnh Quảng Ninh", "ubnd  tỉnh quảng ninh", True),
    ("UBND tỉnh Quảng Ninh", "tỉnh Quảng Ninh", True),   # inside, more than half as long
    ("UBND tỉnh Quảng Ninh", "Ninh", False),            # a fragment
    ("Quảng Ninh", "Hạ Long", False),
])
def test_entity_texts_match_when_equal_or_nested_and_half_as_long(gold, predicted, expected):
    assert evaluate.entity_matches({"text": gold}, {"text": predicted}) is expected


def test_each_gold_item_matches_once_and_units_count_for_money():
    golds = [{"type": "money", "value": 5, "unit": "USD"}, {"type": "money", "value": 5, "unit": "USD"}]
    predictions = [{"type": "money", "value": 5, "unit": "VND"}, {"type": "money", "value": 5, "unit": "USD"}]
    pairs, missed, spurious = evaluate.greedy_pairs(golds, predictions, evaluate.mention_matches)
    assert len(pairs) == 1 and len(missed) == 1 and spurious == [predictions[0]]


def test_indicator_token_f1():
    assert evaluate.token_f1("tổng thu NSNN", "tổng thu nsnn") == 1.0
    assert evaluate.token_f1("tổng thu NSNN", "thu NSNN năm 2023") == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    assert evaluate.token_f1("tổng thu NSNN", None) == 0.0


def test_scores_a_hand_made_database_exactly(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a.txt", "mentions": [
        {"type": "percent", "value": 12, "unit": "%", "kind": "target", "indicator": "tăng trưởng GRDP"},
        {"type": "money", "value": 1e9, "unit": "VND", "kind": "actual", "indicator": "thu ngân sách"},
    ], "entities": [{"type": "LOC", "text": "Quảng Ninh"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "p.db")
    db["documents"].insert({"id": 1, "path": "sub/a.txt"})
    db["mentions"].insert_all([
        {"document_id": 1, "type": "percent", "value": 12.0, "unit": "%", "kind": "target", "indicator": "GRDP"},
        {"document_id": 1, "type": "quantity", "value": 3.0, "unit": "hộ", "kind": "other", "indicator": None},
    ])
    db["entities"].insert({"document_id": 1, "type": "LOC", "text": "tỉnh Quảng Ninh"})
    scores = evaluate.score(gold, tmp_path / "p.db")
    assert (scores.by_type["percent"].hits, scores.by_type["money"].gold, scores.by_type["quantity"].predicted) == (1, 1, 1)
    assert scores.group(evaluate.NUMBER_TYPES).f1 == pytest.approx(0.5)
    assert scores.by_type["LOC"].f1 == 1.0
    assert scores.kind_accuracy == 1.0
    assert scores.indicator_f1 == pytest.approx(0.5)


def test_agrees_with_the_reference_scorer_on_gold_dev(gold_dev, tmp_path):
    db = tmp_path / "dev.db"
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold_dev / "gold.jsonl"),
                                       "--corpus", str(gold_dev / "docs"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output.strip().splitlines()[-1])
    reference = subprocess.run(
        [sys.executable, str(gold_dev.parent / "score.py"), str(gold_dev / "gold.jsonl"), str(db), "--json"],
        capture_output=True, text=True, check=True)
    theirs = json.loads(reference.stdout)
    assert ours == theirs
    assert ours["missing_docs"] == []
