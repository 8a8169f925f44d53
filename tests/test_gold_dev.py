"""The figures each issue promises on the team's gold sets, pinned so a regression fails.

One extraction of each of ``shared/gold/dev/docs`` (13 texts the rules were first written on) and
``shared/gold/dev2/docs`` (38 texts of many genres, hidden until 2026-12) into a real SQLite file,
scored by ``pipeline.evaluate`` (which agrees with the reference scorer: see test_evaluate). The
floors are the issues' acceptance levels, not today's figures, so the suite does not fail on the
small trade-offs that rules for unseen texts sometimes cost.
"""
from __future__ import annotations

import pytest

from pipeline import evaluate
from pipeline.paths import GOLD_DIR

GOLD_SETS = ("dev", "dev2")

# issue → (set → floor) for each figure; a floor given once holds on both sets
NUMBERS_F1 = 0.97  # issue 9 (issue 3 asked 0.95 on dev)
NUMBER_TYPE_F1 = 0.90  # issue 3, every type
ENTITIES_F1 = {"dev": 0.99, "dev2": 0.94}  # issue 14 (issue 4 asked 0.88)
ENTITY_TYPE_F1 = {"dev": {t: 0.80 for t in evaluate.ENTITY_TYPES},
                  "dev2": {"PER": 0.93, "ORG": 0.90, "LOC": 0.80, "DOC": 0.80, "DATE": 0.80}}  # issues 4, 14
KIND_ACCURACY = 0.92  # issue 9
TARGET_F1 = 0.88  # issue 9
OTHER_F1 = 0.60  # issue 9
INDICATOR_F1 = 0.80  # issue 9


@pytest.fixture(scope="module", params=GOLD_SETS)
def scores(request, extracted_gold):
    gold = GOLD_DIR / request.param
    if not (gold / "gold.jsonl").exists():
        pytest.skip(f"the team's gold set is not present at {gold}")
    db, report = extracted_gold(request.param)  # shared with test_layout_unchanged
    assert not report.errors
    return request.param, evaluate.score(gold / "gold.jsonl", db)


def test_numbers(scores):
    _, found = scores
    assert found.group(evaluate.NUMBER_TYPES).f1 >= NUMBERS_F1
    for number_type in evaluate.NUMBER_TYPES:
        assert found.by_type[number_type].f1 >= NUMBER_TYPE_F1, number_type


def test_entities(scores):
    name, found = scores
    assert found.group(evaluate.ENTITY_TYPES).f1 >= ENTITIES_F1[name]
    for entity_type, floor in ENTITY_TYPE_F1[name].items():
        assert found.by_type[entity_type].f1 >= floor, entity_type


def test_kind(scores):
    _, found = scores
    assert found.kind_accuracy >= KIND_ACCURACY
    assert found.kind_f1("target") >= TARGET_F1
    assert found.kind_f1("other") >= OTHER_F1


def test_indicator(scores):
    _, found = scores
    assert found.indicator_f1 >= INDICATOR_F1


def test_every_gold_document_is_in_the_database(scores):
    _, found = scores
    assert found.missing_documents == []
