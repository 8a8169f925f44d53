"""The places' shortcut scans find exactly what the plain scans find."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities.gazetteer import place_grammar
from pipeline.entities.names import WordStartScan, WordStartSpans, alternation
from pipeline.paths import GOLD_DIR

LETTERS = st.sampled_from(list("abcđĐkhu _-.1,\n"))
WORDS = st.lists(st.text(st.sampled_from(list("abcđĐkhu")), min_size=1, max_size=4), min_size=1, max_size=5)
DEV_TEXTS = sorted((GOLD_DIR / "dev" / "docs").glob("*")) + sorted((GOLD_DIR / "dev2" / "docs").glob("*"))


def plain_spans(pattern: str, text: str, overlapped: bool) -> list[tuple[int, int]]:
    return [m.span() for m in WordStartScan(pattern, overlapped=overlapped).finditer(text)]


@settings(max_examples=400, deadline=None)
@given(WORDS, st.text(LETTERS, max_size=40), st.booleans())
def test_word_start_spans_are_those_of_the_word_start_scan(words, text, overlapped):
    """Words that begin one another (`kh`, `khu`), phrases with spaces, matches at the text's start."""
    pattern = f"(?:{alternation(words + [' '.join(words)], look_ahead=False)})(?=[ ,.]|$)"
    assert list(WordStartSpans(pattern, overlapped).finditer(text)) == plain_spans(pattern, text, overlapped)


def test_a_head_at_the_start_of_a_text_and_heads_inside_heads():
    pattern = alternation(["các tuyến phố", "tuyến phố", "phố"], look_ahead=False) + "(?=[ ])"
    text = "phố Huế, các tuyến phố Mễ Trì; siêuphố X"
    found = list(WordStartSpans(pattern, overlapped=True).finditer(text))
    assert [text[s:e] for s, e in found] == ["phố", "các tuyến phố", "tuyến phố", "phố"]
    assert found == plain_spans(pattern, text, True)


@pytest.mark.skipif(not DEV_TEXTS, reason=f"the team's gold set is not present at {GOLD_DIR}")
def test_the_heads_of_sites_in_real_texts_are_found_where_the_plain_scan_finds_them():
    scan = place_grammar().site_starts
    for path in DEV_TEXTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert list(scan.finditer(text)) == plain_spans(scan.at_start.pattern, text, True), path.name


HEAD_PIECES = st.sampled_from(["khu", "KHU", "Khu", "kHu", " công nghiệp", " CÔNG NGHIỆP", "đường", "ĐƯỜNG", "Đường",
                               "QL", "ql", "Ql", "quốc lộ", "hồ", "Hồ", "HỒ", " Tây", " Hà Nội", " 1A", "5", " ", ", ",
                               "(", "x", "İ", "\n"])


def heads_found_in_lower_case(text: str) -> list[int]:
    g = place_grammar()
    lowered = text.lower()
    assert len(lowered) == len(text)
    return [start for start, _ in g.site_starts_lowered.finditer(lowered)]


def assert_lower_case_heads_lose_no_site(text: str) -> None:
    """Every place the plain scan finds is found, and where only the lower-cased scan finds a
    place, no site begins: so ``named_sites`` reads the same sites either way."""
    g = place_grammar()
    plain = [start for start, _ in g.site_starts.finditer(text)]
    lowered = heads_found_in_lower_case(text)
    assert set(plain) <= set(lowered)
    assert all(g.site.match(text, start) is None for start in set(lowered) - set(plain))


@settings(max_examples=400, deadline=None)
@given(st.lists(HEAD_PIECES, max_size=12).map("".join).filter(lambda t: len(t.lower()) == len(t)))
def test_heads_in_the_lower_cased_text_lose_no_site(text):
    assert_lower_case_heads_lose_no_site(text)


@pytest.mark.skipif(not DEV_TEXTS, reason=f"the team's gold set is not present at {GOLD_DIR}")
def test_heads_in_the_lower_cased_real_texts_lose_no_site():
    for path in DEV_TEXTS:
        assert_lower_case_heads_lose_no_site(path.read_text(encoding="utf-8", errors="replace"))


def test_a_head_in_capitals_is_found_in_the_lower_cased_text():
    text = "KHU CÔNG NGHIỆP VSIP Bắc Ninh, đường Vành đai 3"
    assert heads_found_in_lower_case(text)[:1] == [0]
    assert_lower_case_heads_lose_no_site(text)
