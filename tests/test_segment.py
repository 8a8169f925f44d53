"""Sentences and words keep offsets that index the stored text exactly."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import segment

REPORT = (
    "UBND TỈNH NINH BÌNH\n"
    "Số: 12/BC-UBND\n\n"
    "Năm 2024, tổng thu ngân sách đạt 23.500 tỷ đồng. GRDP tăng 9,3% so với cùng kỳ.\n"
    "- Kim ngạch xuất khẩu: 2,1 tỷ USD;\n"
)


def test_lines_and_full_stops_end_sentences_and_offsets_rejoin():
    sentences = segment.sentences(REPORT)
    assert [s.text for s in sentences] == [
        "UBND TỈNH NINH BÌNH",
        "Số: 12/BC-UBND",
        "Năm 2024, tổng thu ngân sách đạt 23.500 tỷ đồng.",
        "GRDP tăng 9,3% so với cùng kỳ.",
        "- Kim ngạch xuất khẩu: 2,1 tỷ USD;",
    ]
    for i, s in enumerate(sentences):
        assert s.index == i and REPORT[s.start:s.end] == s.text


def test_decimal_commas_and_thousand_dots_do_not_split_sentences():
    text = "Giá 1.234,5 đồng. Tỷ lệ 10.6% năm 2023."
    assert [s.text for s in segment.sentences(text)] == ["Giá 1.234,5 đồng.", "Tỷ lệ 10.6% năm 2023."]


def test_words_are_underthesea_words_with_document_offsets():
    sentence = segment.sentences(REPORT)[2]
    tokens = segment.words(sentence)
    assert "ngân sách" in [t.text for t in tokens]
    for token in tokens:
        assert REPORT[token.start:token.end] == token.text


def test_sentence_at_finds_the_enclosing_sentence():
    sentences = segment.sentences(REPORT)
    offset = REPORT.index("9,3%")
    assert segment.sentence_at(sentences, offset).text.startswith("GRDP")
    assert segment.sentence_at(sentences, REPORT.index("\n\n") + 1) is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Thu ngân sách", "đạt", "12,5%", ".", "\n", "  ", "tỷ đồng", "Hà Nội", ";", "?"]),
                max_size=30))
def test_any_text_gives_ordered_non_overlapping_sentences_that_rejoin(pieces):
    text = " ".join(pieces)
    previous_end = 0
    for s in segment.sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= previous_end
        previous_end = s.end


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["Tổng thu", " ", "  ", "\t", "\r", "23.500", "1.", "tỷ", ";", ":", "-", "TP.", "Hà Nội",
                                 ".", "?", "!", "?!", "..", "...", "....", "a.", "Dr.", "ThS.", "e.g.", "\u00a0",
                                 "đạt 9,3%", "Đ", "x", "5"]), max_size=12).map("".join))
def test_a_line_is_split_as_underthesea_splits_it(line):
    """Lines without an end mark skip the tokenizer, lines with one are split going from mark to
    mark: both must come out as underthesea's sent_tokenize gives them."""
    if line.strip():
        assert segment.line_sentences(line) == segment._underthesea().sent_tokenize(line)


def test_this_underthesea_has_the_tokenizer_the_fast_split_follows():
    assert segment._punkt() is not None  # else every line with a full stop walks the slow way


def test_splitting_sentences_does_not_load_the_rest_of_underthesea():
    """The tokenizer's module is read alone: the package's models stay unloaded (0.7 s a start)."""
    code = ("import sys; from pipeline import segment; "
            "assert [s.text for s in segment.sentences('Ông A. Nguyễn đến. Giá tăng 5%.')] "
            "== ['Ông A. Nguyễn đến.', 'Giá tăng 5%.'], segment.sentences('Ông A. Nguyễn đến. Giá tăng 5%.'); "
            "assert segment._punkt() is not None; "
            "assert 'underthesea' not in sys.modules, sorted(m for m in sys.modules if 'underthesea' in m)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)
