"""The number grammar's shortcuts answer as the plain reading they stand for: the start of a
number's sentence by bisection (not a search back through the window), the number after a join
read from its digits (not from a scan of the window), and the test of a coordination after a
label by counting words (before its pattern)."""
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.numbers import exclusions, ranges
from pipeline.numbers.atoms import SCIENTIFIC, SCIENTIFIC_SIGN, find_atoms, first_atom_at_start
from pipeline.numbers.lexicon import lexicon
from pipeline.numbers.reading import Reading, last_sentence_end

SENTENCE_END_BEFORE = regex.compile(r"(?r)[.!?]\s|\n")  # what a search back through the window finds

ENDS = st.lists(st.sampled_from(["a", "bc", " ", ".", "!", "?", "\n", "\t", "\xa0", "\x1c", ". ", "?\n", "5"]),
                max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(ENDS, st.data())
def test_the_start_of_a_sentence_is_the_last_end_a_search_back_finds(text, data):
    reading = Reading(text, lexicon())
    pos = data.draw(st.integers(0, len(text)))
    window_start = data.draw(st.integers(0, pos))
    found = SENTENCE_END_BEFORE.search(text, window_start, pos)
    assert last_sentence_end(reading, window_start, pos) == (found.end() if found else window_start)


NUMBERS = st.lists(st.sampled_from(["1", "05", "2,5", "1.200", "3/4", "28/11/2022", "x", "×", "10", "^", "-3", "⁻⁵",
                                    " ", "(", ")", "(năm)", "(12)", "hai", "mười", "năm", "tỷ", "٣", "²", ".", ","]),
                   min_size=1, max_size=10).map("".join)


@settings(max_examples=500, deadline=None)
@given(NUMBERS)
def test_the_number_starting_a_window_is_the_first_of_all_its_numbers(window):
    window = window[:40]
    atoms = find_atoms(window)
    assert first_atom_at_start(window) == (atoms[0] if atoms and atoms[0].start == 0 else None)


GAPS = st.lists(st.sampled_from([" ", "  ", "\n", ",", "-", "–", "và", "VÀ", "hoặc", "đến", "tới", "quý", "2", "x"]),
                max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(GAPS)
def test_a_coordination_after_a_label_is_what_its_pattern_finds(gap):
    text = "quý 1" + gap + "2"
    reading = Reading(text, lexicon())
    reading.label_end = len("quý 1")
    plain = lexicon().coordination_gap.fullmatch(text, reading.label_end, len(text) - 1) is not None
    assert exclusions.coordinated_with_label(reading, len(text) - 1) == plain


BOUND_WORDS = st.lists(st.sampled_from(["khoảng", "Khoảng", "TRÊN", "hơn", "dưới", "là", "ở mức", "mức", "đạt", "không",
                                        "quá", "tối đa", "chưa", "tới", "lên", "x", "(", ",", "5", ":", " ", "\n", "\t",
                                        "\x1c", "\xa0"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(BOUND_WORDS)
def test_a_bound_before_a_number_is_searched_from_its_words_as_from_the_start(text):
    lex = lexicon()
    for pattern in [*lex.qualifier_before.values(), lex.any_qualifier_before]:
        mine, plain = pattern.search(text), pattern.forward.search(text)
        assert (mine and (mine.span(), mine.group(1))) == (plain and (plain.span(), plain.group(1)))
        assert pattern.has_match(text) == (plain is not None)


GOVERNED = st.lists(st.sampled_from(["tối đa", "TỐI ĐA", "không quá", "không vượt quá", "ít nhất", "tối thiểu", "là",
                                     "x", "đa", "5", "12%", " ", ".", ". ", "\n", ",", "(", "á", "\u0301", "ố", "ß", "QUÁ"]),
                    max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(GOVERNED)
def test_a_sentence_skipped_for_its_governors_holds_none_of_them(text):
    """``may_govern`` turns a sentence away (from where its governors' words stand in the text)
    only where the search of its words finds no governor: every sentence start, every number start."""
    reading = Reading(text, lexicon())
    for _, pattern, spans in ranges.governors_in(reading):
        for start in range(len(text) + 1):
            for sentence in range(start + 1):
                if not ranges.may_govern(spans, sentence, start):
                    assert not list(pattern.finditer(text[sentence:start])), (text, sentence, start)


@settings(max_examples=1000, deadline=None)
@given(NUMBERS)
def test_a_text_without_the_sign_of_a_scientific_number_holds_none(text):
    """``find_atoms`` scans for scientific numbers only a text with ``SCIENTIFIC_SIGN``."""
    for match in SCIENTIFIC.finditer(text):
        assert SCIENTIFIC_SIGN.search(match.group()), match


def test_the_spaces_of_the_sign_are_those_of_the_scientific_pattern():
    """The sign (stdlib ``re``) takes every space the scientific pattern (``regex``) does."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if regex.fullmatch(r"\s", chr(c))]
    assert all(SCIENTIFIC_SIGN.fullmatch("x" + space + "10") for space in spaces)
