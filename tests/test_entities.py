"""The entity stage as a whole: outermost merging, offsets, the run, displaCy, the baseline.

The dev gold figures for every type are pinned in test_gold_dev."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import display, resolve as entities
from pipeline import ner_baseline, segment
from pipeline.extraction import extract_document
from pipeline.records import Document, Entity


def entity(start: int, end: int, kind: str, rule: str, text: str = "x") -> Entity:
    return Entity(start, end, text, kind, rule=rule)


def test_longer_span_wins():
    kept = entities.resolve([entity(4, 15, "LOC", "place.admin"), entity(0, 15, "ORG", "org.council")])
    assert [(e.start, e.end, e.type) for e in kept] == [(0, 15, "ORG")]


def test_equal_spans_go_to_the_stronger_rule():
    titled = entity(4, 8, "PER", "person.titled")
    country = entity(4, 8, "LOC", "place.named")
    bare = entity(4, 8, "LOC", "place.bare")
    guessed = entity(4, 8, "PER", "person.surname")
    assert entities.resolve([country, titled])[0].type == "PER"
    assert entities.resolve([guessed, bare])[0].type == "LOC"


def test_resolved_entities_are_sorted_and_disjoint():
    kept = entities.resolve([entity(10, 12, "PER", "person.titled"), entity(0, 5, "DATE", "date.day"),
                             entity(3, 11, "ORG", "org.head")])
    assert [(e.start, e.end) for e in kept] == [(3, 11)]
    kept = entities.resolve([entity(10, 12, "PER", "person.titled"), entity(0, 5, "DATE", "date.day")])
    assert [(e.start, e.end) for e in kept] == [(0, 5), (10, 12)]


def test_whole_sentence_outermost_only():
    text = ("Ngày 12/3/2024, Chủ tịch UBND tỉnh Quảng Ninh Cao Tường Huy đã làm việc với "
            "Bộ Tài chính tại Hà Nội về Nghị quyết số 128/NQ-HĐND.")
    found = [(e.text, e.type) for e in entities.find_entities_in_text(text)]
    assert ("UBND tỉnh Quảng Ninh", "ORG") in found
    assert ("Cao Tường Huy", "PER") in found
    assert ("Bộ Tài chính", "ORG") in found
    assert ("Hà Nội", "LOC") in found
    assert ("tỉnh Quảng Ninh", "LOC") not in found and ("Quảng Ninh", "LOC") not in found
    assert ("HĐND", "ORG") not in found


VIETNAMESE_PIECES = ["ông ", "bà ", "UBND ", "tỉnh ", "huyện ", "Sở ", "Bộ ", "Tài chính ", "Nguyễn ", "Văn ",
                     "Hà Nội", "Quảng Ninh ", "xã ", "Ngọc Đông", ", ", ". ", "\n", "TP.", "HCM", "số 5 ",
                     "đường ", "Lê Lợi", "Công ty CP ", "Đèo Cả ", "Trung Quốc", "năm 2023 ", "N.V.", "A. "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(VIETNAMESE_PIECES) | st.text(max_size=4), max_size=25))
def test_offsets_rejoin_and_spans_never_overlap(pieces):
    text = "".join(pieces)
    found = entities.find_entities_in_text(text)
    for item in found:
        assert text[item.start:item.end] == item.text
        assert item.type in {"PER", "ORG", "LOC", "DOC", "DATE"}
    for first, second in zip(found, found[1:]):
        assert first.end <= second.start


def test_run_takes_another_entity_finder():
    document = Document(path="a.txt", text="Ông Ba nói.", sha256="0", format="txt")
    seen = []

    def finder(doc, sentences):
        seen.append(doc.path)
        return [Entity(4, 6, "Ba", "PER", rule="test")]

    extraction = extract_document(document, entity_finder=finder)
    assert seen == ["a.txt"]
    assert [(e.text, e.rule, e.sentence_index) for e in extraction.entities] == [("Ba", "test", 0)]


def test_render_html_marks_every_entity():
    text = "Ông Nguyễn Văn Ba làm việc tại UBND huyện Mỹ Xuyên."
    found = entities.find_entities_in_text(text)
    html = display.render_html(text, found)
    assert html.count("<mark") == len(found) == 2
    assert "Nguyễn Văn Ba" in html and "UBND huyện Mỹ Xuyên" in html and "ORG" in html


def test_underthesea_baseline_keeps_offsets():
    text = "Ông Nguyễn Văn Ba làm việc tại Hà Nội."
    document = Document(path="b.txt", text=text, sha256="0", format="txt")
    found = ner_baseline.find_entities(document, segment.sentences(text))
    assert found, "underthesea tags at least the person or the city here"
    for item in found:
        assert text[item.start:item.end] == item.text


def test_evaluate_scores_the_underthesea_baseline_in_its_own_database(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from pipeline.cli import main

    text = "Ông Nguyễn Văn Ba làm việc tại Hà Nội với UBND tỉnh Nam Định."
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a.txt", "mentions": [], "entities": [
        {"type": "PER", "text": "Nguyễn Văn Ba", "start": 4, "end": 17},
        {"type": "LOC", "text": "Hà Nội", "start": 31, "end": 37},
        {"type": "ORG", "text": "UBND tỉnh Nam Định", "start": 42, "end": 60},
    ]}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "scores.db"
    ours = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--db", str(db), "--json"])
    theirs = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--db", str(db), "--json",
                                       "--entities", "underthesea"])
    assert ours.exit_code == 0 and theirs.exit_code == 0, ours.output + theirs.output
    baseline_db = tmp_path / "scores-underthesea.db"
    rules = {row[0] for row in sqlite3.connect(baseline_db).execute("select rule from entities")}
    assert "underthesea.ner" in rules
    ours_rules = {row[0] for row in sqlite3.connect(db).execute("select rule from entities")}
    assert "underthesea.ner" not in ours_rules and "org.council" in ours_rules


def test_spacy_doc_carries_the_same_entities():
    text = "Chiều 20/4,  Công an TP Quy Nhơn\n\nbắt giữ Trần Văn T. tại phường Ghềnh Ráng."
    found = entities.find_entities_in_text(text)
    doc = display.to_spacy_doc(text, found)
    assert [(span.text, span.label_) for span in doc.ents] == [(e.text, e.type) for e in found]
    assert ("Công an TP Quy Nhơn", "ORG") in [(e.text, e.type) for e in found]


def test_bracketed_abbreviation_is_the_body_again_later():
    text = "Tổng Công ty Điện lực miền Nam (EVNSPC) cho biết, lãnh đạo EVNSPC đã họp; mã EVNSPC-01 là tên một dự án."
    found = [(e.text, e.type, e.start) for e in entities.find_entities_in_text(text) if e.type == "ORG"]
    first, second = text.index("EVNSPC"), text.index("EVNSPC", text.index("EVNSPC") + 1)
    assert found == [("Tổng Công ty Điện lực miền Nam", "ORG", 0), ("EVNSPC", "ORG", first), ("EVNSPC", "ORG", second)]


def test_facility_is_a_place_unless_it_speaks():
    text = "Đại diện Sân bay Cam Ranh cho biết khách bay tới sân bay Cam Ranh tăng."
    found = [(e.text, e.type) for e in entities.find_entities_in_text(text) if e.type in ("ORG", "LOC")]
    assert found == [("Sân bay Cam Ranh", "ORG"), ("sân bay Cam Ranh", "LOC")]


def test_bracketed_place_or_measure_is_no_alias():
    text = "Ủy ban châu Âu (EU) đồng ý, EU sẽ hỗ trợ; Viện Kinh tế (GDP) nêu GDP tăng."
    found = [(e.text, e.type) for e in entities.find_entities_in_text(text) if e.text in ("EU", "GDP")]
    assert found == [("EU", "LOC"), ("EU", "LOC")]
