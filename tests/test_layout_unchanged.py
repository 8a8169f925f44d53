"""The rows an extraction of dev and dev2 writes are the ones committed in ``tests/snapshots/``.

A change meant to leave behaviour alone (moving modules, a speed-up) must pass this as it is. A
change meant to alter what is extracted refreshes the snapshots with
``python scripts/dump_rows.py --update`` and says why in its commit. The snapshots hold offsets,
values, codes and hashes, never the texts' sentences (``scripts/dump_rows.py`` says which columns).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import load_script

from pipeline import run

dump_rows = load_script("dump_rows")


@pytest.mark.parametrize("gold_set", dump_rows.GOLD_SETS)
def test_gold_rows_match_the_snapshot(gold_set, extracted_gold):
    snapshot = dump_rows.snapshot_path(gold_set)
    if not snapshot.exists():
        pytest.skip(f"{snapshot} not written yet: python scripts/dump_rows.py --update")
    db, _ = extracted_gold(gold_set)
    change = dump_rows.differences(dump_rows.read_snapshot(snapshot), dump_rows.snapshot_lines(db))
    assert not change, (f"{gold_set}: the extracted rows differ from {snapshot.name} "
                        f"(on purpose? python scripts/dump_rows.py --update)\n{change}")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory, request):
    corpus = tmp_path_factory.mktemp("corpus")
    from conftest import SAMPLE_TEXTS

    for name, text in SAMPLE_TEXTS.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "sample.db"
    run.extract_corpus(corpus, db)
    return db


def test_snapshot_holds_no_sentence_of_the_source(sample_db):
    from conftest import SAMPLE_TEXTS

    dumped = "\n".join(dump_rows.snapshot_lines(sample_db))
    tables = {json.loads(line)["table"] for line in dumped.splitlines()}
    assert {"documents", "sentences", "mentions"} <= tables
    for text in SAMPLE_TEXTS.values():
        for sentence in text.splitlines():
            words = sentence.split()
            for i in range(len(words) - 3):  # no run of four words of the source
                assert " ".join(words[i:i + 4]) not in dumped, sentence


def test_snapshot_does_not_depend_on_row_ids(sample_db, tmp_path):
    """The same rows stored under other ids (another storing order) give the same snapshot."""
    shuffled = tmp_path / "shuffled.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(shuffled) as target:
        source.backup(target)
    with sqlite3.connect(shuffled) as con:
        con.execute("PRAGMA foreign_keys = OFF")
        for table in ("mentions", "entities", "sentences", "documents"):
            con.execute(f"update [{table}] set id = id + 1000")
        con.execute("update sentences set document_id = document_id + 1000")
        for table in ("mentions", "entities"):
            con.execute(f"update [{table}] set document_id = document_id + 1000, sentence_id = sentence_id + 1000")
    assert dump_rows.snapshot_lines(shuffled) == dump_rows.snapshot_lines(sample_db)


def test_a_changed_value_is_reported(sample_db, tmp_path):
    changed = tmp_path / "changed.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(changed) as target:
        source.backup(target)
    with sqlite3.connect(changed) as con:
        con.execute("update mentions set value = value + 1 where id = (select min(id) from mentions)")
    change = dump_rows.differences(dump_rows.snapshot_lines(sample_db), dump_rows.snapshot_lines(changed))
    assert "1 rows only in the snapshot, 1 only in this run" in change
    assert change.count("\n- ") == 1 and change.count("\n+ ") == 1
