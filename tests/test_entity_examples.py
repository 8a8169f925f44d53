"""The ``examples:`` of the PER, ORG and LOC rule files, each run through the whole entity stage.

Each example lists every entity of its type that the text holds, so a rule that finds too much
fails as surely as one that finds too little. (The DATE and DOC grammars run theirs in
test_dates.py and test_legal_documents.py, against the grammar alone.)
"""
from __future__ import annotations

import pytest

from entity_examples import assert_entities_match_example

from pipeline.entities import resolve as entities
from pipeline import rules

# rule file → (entity type, detail keys the examples may pin)
RULE_FILES = {"entities/people": ("PER", ()), "entities/organisations": ("ORG", ()), "entities/places": ("LOC", ("merged_into",))}
CASES = [(name, example) for name in RULE_FILES for example in rules.examples(name)]


@pytest.mark.parametrize("rule_file, example", CASES, ids=[f"{n}:{e['text'][:40]}" for n, e in CASES])
def test_rule_file_example(rule_file, example):
    entity_type, detail_keys = RULE_FILES[rule_file]
    text = example["text"]
    found = [e for e in entities.find_entities_in_text(text) if e.type == entity_type]
    assert_entities_match_example(text, found, example["entities"], entity_type, detail_keys)
