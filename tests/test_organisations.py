"""ORG: abbreviations, normalised names, outermost spans (rule-file examples: test_entity_examples)."""
from __future__ import annotations

import pytest

from pipeline.entities import resolve as entities, organisations


@pytest.mark.parametrize("span, normalized", [
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("HĐND huyện Cái Nước", "Hội đồng nhân dân huyện Cái Nước"),
    ("NHCSXH", "Ngân hàng Chính sách xã hội"),
    ("Sở LĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
])
def test_abbreviations_spelt_out(span, normalized):
    assert organisations.normalized_name(span) == normalized


def test_body_holds_its_place_and_no_loc_inside():
    text = "UBND huyện Mỹ Xuyên đã trả lời đơn của ông Sáu."
    found = entities.find_entities_in_text(text)
    assert [(e.text, e.type) for e in found] == [("UBND huyện Mỹ Xuyên", "ORG"), ("Sáu", "PER")]


def test_body_code_inside_a_document_number_is_no_body():
    text = "Căn cứ số 45/BC-UBND, các đơn vị triển khai."
    assert [e for e in organisations.find_organisations(text) if e.text == "UBND"] == []


def test_units_of_a_body_join_it():
    text = "Ban Kinh tế - Ngân sách HĐND tỉnh đã thẩm tra."
    [org] = [e for e in entities.find_entities_in_text(text) if e.type == "ORG"]
    assert org.text == "Ban Kinh tế - Ngân sách HĐND tỉnh"


def test_a_body_records_its_seat_and_where_it_went_in_2025():
    [org] = [e for e in entities.find_entities_in_text("UBND huyện Mỹ Xuyên đã trả lời.") if e.type == "ORG"]
    assert org.detail == {"place": "Huyện Mỹ Xuyên", "level": "huyện", "merged_into": "Thành phố Cần Thơ"}
    [org] = [e for e in entities.find_entities_in_text("HĐND tỉnh đã họp.") if e.type == "ORG"]
    assert org.detail == {}
