"""An end-anchored pattern tried from the end first finds what the plain pattern finds."""
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.end_anchored import EndAnchored
from pipeline.facts.cues import cue_book
from pipeline.numbers.lexicon import lexicon

WORDS = st.sampled_from(["khoảng", "hơn", "trên", "gần", "tăng", "giảm", "so với", "dự toán", "mức", "đạt",
                         "Tăng", "5%", ",", "(", "  ", "\n", "năm", "kế hoạch", "thu"])


def same(pattern: EndAnchored, text: str) -> None:
    mine, plain = pattern.search(text), pattern.forward.search(text)
    assert (mine.span() if mine else None) == (plain.span() if plain else None)
    assert pattern.sub("", text, count=1) == pattern.forward.sub("", text, count=1)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_the_rules_end_anchored_patterns_match_as_searched_from_the_start(text):
    book = cue_book()
    patterns = [*lexicon().qualifier_before.values(), book.increase, book.decrease, book.baseline_before,
                book.compared_level_before, book.specification_before, *(p for _, p in book.basis_before)]
    for pattern in patterns:
        same(pattern, text)


def test_a_text_without_a_match_is_left_as_it_is():
    pattern = EndAnchored(r"(?:^|\s)(?:tăng|giảm)\s*$", regex.IGNORECASE)
    assert pattern.search("doanh thu tăng 5%") is None
    assert pattern.sub("", "doanh thu tăng 5%") == "doanh thu tăng 5%"
    assert pattern.search("doanh thu TĂNG ").span() == (9, 15)
    assert pattern.sub("", "thu tăng", count=1) == "thu"
