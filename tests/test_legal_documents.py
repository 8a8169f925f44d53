"""DOC entities: the examples in rules/entities/legal_documents.yml through the real grammar, and the number parser."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entity_examples import assert_entities_match_example, assert_spans_rejoin

from pipeline import rules
from pipeline.entities.legal_documents import DocumentNumber, find_legal_documents, parse_document_number

EXAMPLES = rules.examples("entities/legal_documents")
DETAIL_KEYS = ("number", "year", "type_code", "type_name", "issuer_code", "issuer_name", "type_word", "date")


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:50] for e in EXAMPLES])
def test_rule_file_examples(example):
    text = example["text"]
    assert_entities_match_example(text, find_legal_documents(text), example["documents"], "DOC", DETAIL_KEYS)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("183/2010/TTLT/BTC-BNN", DocumentNumber("183/2010/TTLT/BTC-BNN", "183", 2010, "TTLT", ("BTC", "BNN"), ())),
        ("128/NQ-HĐND", DocumentNumber("128/NQ-HĐND", "128", None, "NQ", ("HĐND",), ())),
        ("12-NQ/TU", DocumentNumber("12-NQ/TU", "12", None, "NQ", ("TU",), ())),
        ("56/2025/NQ-HĐND", DocumentNumber("56/2025/NQ-HĐND", "56", 2025, "NQ", ("HĐND",), ())),
        ("2230/BGTVT-ĐTCT", DocumentNumber("2230/BGTVT-ĐTCT", "2230", None, None, ("BGTVT",), ("ĐTCT",))),
        ("72/2025/QH15", DocumentNumber("72/2025/QH15", "72", 2025, None, ("QH",), ())),
        ("164/BC- BKTNS", DocumentNumber("164/BC-BKTNS", "164", None, "BC", ("BKTNS",), ())),
        ("178/QĐ-TTg", DocumentNumber("178/QĐ-TTg", "178", None, "QĐ", ("TTg",), ())),
        ("66.5/2025/NQ-CP", DocumentNumber("66.5/2025/NQ-CP", "66.5", 2025, "NQ", ("CP",), ())),
    ],
)
def test_parse_document_number(text, expected):
    assert parse_document_number(text) == expected


def test_joint_issuers_are_joined():
    assert parse_document_number("183/2010/TTLT/BTC-BNN").issuer_code == "BTC-BNN"


def test_parse_rejects_what_is_not_a_number():
    with pytest.raises(ValueError):
        parse_document_number("NQ-HĐND")


def test_document_date_stays_out_of_the_span():
    text = "Thực hiện Nghị quyết số 12-NQ/TU ngày 28/11/2022 của Tỉnh ủy."
    (doc,) = find_legal_documents(text)
    assert doc.text == "Nghị quyết số 12-NQ/TU"
    assert doc.detail["date"] == "2022-11-28"


PIECES = ["Nghị quyết ", "Quyết định ", "số ", "Số: ", "Luật ", "Đất đai ", "năm ", "2015", "12", "/", "-", "NQ", "HĐND",
          "TTg", "QH15", "BTC", " ", ", ", "ngày ", "28/11/2022", "III", "a", "66.5", "QĐ ", "Pháp lệnh ", "sửa đổi ",
          "Hiến pháp ", "nước Cộng hòa xã hội chủ nghĩa Việt Nam", "với ", "12/3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_any_text_gives_spans_that_rejoin(pieces):
    text = "".join(pieces)
    assert_spans_rejoin(text, find_legal_documents(text))


def test_a_year_of_issue_joins_the_document_and_is_not_left_to_the_dates():
    """`Quyết định 1867/QĐ-TTg năm 2025` is one DOC: in the merged entities no DATE is left inside it."""
    from pipeline.entities.resolve import find_entities_in_text

    text = "Các bộ thực hiện Quyết định 512/QĐ-TTg năm 2024; phụ lục kèm theo Quyết định 512/QĐ-TTg 2024."
    found = [(e.type, e.text) for e in find_entities_in_text(text) if e.type in ("DOC", "DATE")]
    assert found == [("DOC", "Quyết định 512/QĐ-TTg năm 2024"), ("DOC", "Quyết định 512/QĐ-TTg 2024")]
