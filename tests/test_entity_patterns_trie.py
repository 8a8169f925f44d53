"""The gazetteer alternation written as a trie matches exactly what the flat longest-first list matches."""
import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities.names import RE_AFTER, RE_BEFORE, alternation
from pipeline.entities.organisations import grammar

LETTERS = st.sampled_from(list("aăâbĐđUBND ."))
PHRASES = st.lists(st.text(LETTERS, min_size=1, max_size=6).map(str.strip).filter(bool), min_size=1, max_size=8)


def spans(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(PHRASES, st.lists(st.text(LETTERS, max_size=8), max_size=8))
def test_trie_finds_what_the_flat_list_finds(phrases, pieces):
    text = " ".join(pieces + phrases[::2])
    for engine in (re, regex):
        trie = engine.compile(f"{RE_BEFORE}(?:{alternation(phrases)}){RE_AFTER}")
        flat = engine.compile(f"{RE_BEFORE}(?:{alternation(phrases, trie=False)}){RE_AFTER}")
        assert spans(trie, text) == spans(flat, text)


def test_the_known_bodies_read_the_same_as_a_flat_list():
    """The real list of known organisations, on a sentence that holds nested names."""
    g = grammar()
    flat = re.compile(f"(?:{alternation(g.known_values, trie=False)}){RE_AFTER}")
    trie = re.compile(f"(?:{alternation(g.known_values)}){RE_AFTER}")
    text = "Bộ Chính trị, Ban Chấp hành Trung ương và Chính phủ giao Ngân hàng Nhà nước Việt Nam, UBND tỉnh."
    assert spans(trie, text) == spans(flat, text)
    assert spans(trie, text)  # the sentence does name known bodies
