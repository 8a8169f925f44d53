"""PER: name shapes and titles outside the span (rule-file examples: test_entity_examples)."""
from __future__ import annotations

import pytest

from pipeline.entities import resolve as entities, people


@pytest.mark.parametrize("words, expected", [
    (["Nguyễn", "Văn", "Đình"], True),
    (["Hà", "Nội"], False),  # a weak surname needs a longer name
    (["Hà", "Văn", "Thắng"], True),
    (["Văn", "Hóa"], False),
    (["Bình", "Dương"], False),
])
def test_surname_led(words, expected):
    assert people.surname_led(words) is expected


def test_given_name_alone_after_the_full_name():
    text = "Chị Lan Thương (29 tuổi) thuê nhà ở Cầu Giấy. Sau hai năm, Thương chuyển đi."
    found = [e.text for e in entities.find_entities_in_text(text) if e.type == "PER"]
    assert found == ["Lan Thương", "Thương"]


def test_person_name_beats_a_place_of_the_same_spelling():
    text = "Bà Cúc Phương, Phó Hiệu trưởng, cho biết học phí giữ nguyên."
    assert [(e.text, e.type) for e in entities.find_entities_in_text(text)] == [("Cúc Phương", "PER")]
