"""An end-anchored pattern tried from the end first finds what the plain pattern finds."""
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.end_anchored import EndAnchored, FirstEndAnchored
from pipeline.facts import indicators
from pipeline.facts.context import worked_example
from pipeline.end_anchored import literal_endings
from pipeline.facts.cues import cue_book
from pipeline.numbers.lexicon import lexicon

WORDS = st.sampled_from(["khoảng", "hơn", "trên", "gần", "tăng", "giảm", "so với", "dự toán", "mức", "đạt",
                         "Tăng", "5%", ",", "(", "  ", "\n", "năm", "kế hoạch", "thu", ":", "ví dụ", "có", "xét",
                         "cao hơn", "CAO HƠN", "chỉ tiêu", "là", "đầu tư", "chi", "cùng kỳ", "năm trước", "thêm",
                         "xe", "ghế", "của", "tỉnh", "Hà Nội", "trong năm", "ước đạt", "bình quân", "ß", "İ", "\t"])


def same(pattern: EndAnchored, text: str) -> None:
    mine, plain = pattern.search(text), pattern.forward.search(text)
    assert (mine.span() if mine else None) == (plain.span() if plain else None)
    assert pattern.sub("", text, count=1) == pattern.forward.sub("", text, count=1)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_the_rules_end_anchored_patterns_match_as_searched_from_the_start(text):
    book = cue_book()
    patterns = [*lexicon().qualifier_before.values(), book.increase, book.decrease, book.baseline_before,
                book.compared_level_before, book.specification_before, *(p for _, p in book.basis_before),
                worked_example(), book.plan_restated, indicators.lexicon().verb_before_amount,
                indicators.lexicon().trailing, indicators.lexicon().modifiers]
    for pattern in patterns:
        same(pattern, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_a_text_the_endings_rule_out_has_no_match(text):
    book = cue_book()
    patterns = [*lexicon().qualifier_before.values(), book.increase, book.decrease, book.compared_level_before,
                *(p for _, p in book.basis_before), book.plan_restated, indicators.lexicon().verb_before_amount]
    for pattern in patterns:
        if pattern.might_end is not None and not pattern.might_end(text):
            assert pattern.forward.search(text) is None, pattern.pattern
    for keyed in (book.change, book.first_basis_before):
        if keyed.might_end is not None and not keyed.might_end(text):
            assert all(p.forward.search(text) is None for _, p in keyed.keyed)


def test_the_endings_of_a_pattern():
    assert literal_endings(r"(?<![\w])(?:tăng(?: thêm)?(?! lên)|gấp)(?![\w])(?:\s+(?:khoảng|ở mức))*\s*$") == {
        "tăng", " thêm", "gấp", "khoảng", " mức"}
    assert literal_endings(r"so với (?:kế hoạch|dự toán)\s*(?:\(\s*|\s(?:là|:)\s*)$") == {"(", "là", ":"}
    assert literal_endings(r"thu [ab]\s*$") == {" a", " b"}  # a class of letters is each of them
    # a word read back to a class, a flag of its own, `regex`'s syntax or no `$`: no endings
    assert literal_endings(r"(?:thu|chi)(?: \w+){0,2}\s*$") is None
    assert literal_endings(r"(?-i:\p{Lu})\w*\s*$") is None
    assert literal_endings(r"tăng") is None
    assert literal_endings(r"(?:tăng)?\s*$") is None  # (the empty match)
    pattern = EndAnchored(r"(?<![\w])cao hơn(?: xa)?\s*$", regex.IGNORECASE)
    assert pattern.might_end("mức CAO HƠN \n") and pattern.might_end("cao hơn xa")
    assert not pattern.might_end("cao hơn nữa") and pattern.search("cao hơn nữa") is None
    # white space at the end, however much, is not read; nor is a long text before the ending
    assert pattern.might_end("giá " * 40 + "cao hơn" + " \n\t" * 20) and not pattern.might_end("cao hơn x" + " " * 20)
    assert pattern.search("giá " * 40 + "cao hơn" + " \n\t" * 20) is not None


def test_a_text_without_a_match_is_left_as_it_is():
    pattern = EndAnchored(r"(?:^|\s)(?:tăng|giảm)\s*$", regex.IGNORECASE)
    assert pattern.search("doanh thu tăng 5%") is None
    assert pattern.sub("", "doanh thu tăng 5%") == "doanh thu tăng 5%"
    assert pattern.search("doanh thu TĂNG ").span() == (9, 15)
    assert pattern.sub("", "thu tăng", count=1) == "thu"


def first_by_loop(keyed: list[tuple[str, EndAnchored]], text: str):
    return next((key for key, pattern in keyed if pattern.forward.search(text)), None)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=8).map(" ".join))
def test_the_first_of_several_end_anchored_patterns_is_the_first_a_loop_finds(text):
    book = cue_book()
    assert book.first_basis_before.first(text) == first_by_loop(list(book.basis_before), text)
    assert book.change.first(text) == first_by_loop([("decrease", book.decrease), ("increase", book.increase)], text)


def test_the_first_pattern_in_order_wins_when_two_match():
    keyed = FirstEndAnchored([("rise", r"(?<!\w)tăng\s*$"), ("any", r"\w+\s*$")], regex.IGNORECASE)
    assert keyed.first("doanh thu tăng ") == "rise"
    assert keyed.first("doanh thu giảm") == "any"
    assert keyed.first("tăng\n") == "rise"  # `$` before a final line break, as EndAnchored reads it
    assert keyed.first("5%") is None
