"""Patterns tried only where their phrases begin (pipeline/facts/literal_gate.py) find what the plain
scans find: the kind cues, the catalog's keys, the bases, the end-anchored cue patterns."""
import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.facts import cues, indicator_keys, literal_gate
from pipeline.facts.literal_gate import literal_prefixes

# words of the cue lists and of the catalog, their neighbours, case changes and the characters
# whose case folding changes a text's length
WORDS = st.sampled_from([
    "phấn đấu", "Phấn Đấu", "PHẤN ĐẤU", "kế hoạch", "Kế hoạch số", "sẽ", "SẼ", "đã", "Đã qua đào tạo", "dự kiến",
    "dự báo", "có thể", "tăng", "giảm", "đạt", "vượt", "kế hoạch đề ra", "so với", "cùng kỳ", "năm tới",
    "năm", "tới", "chỉ tiêu", "mục tiêu", "đều đạt", "ước đạt", "ước", "thực hiện", "nghị quyết", "yêu cầu",
    "bồi thường", "không thể", "thu ngân sách", "tổng thu", "GRDP", "tốc độ tăng trưởng", "doanh thu", "12", "5%",
    "(", ")", ",", ";", ".", ":", "  ", "\n", "xã", "Hà Nội", "ß", "İ", "ﬁ", "đ", "Đ", "x", "trong khi đó",
    "theo kế hoạch", "nhu cầu vốn", "đề nghị", "bổ sung dự toán", "dự toán", "hoàn thành", "tỷ đồng",
])
TEXTS = st.lists(WORDS, max_size=10).map(" ".join) | st.lists(WORDS, max_size=10).map("".join)


def plain_raw_cues(text: str, heading: bool = False) -> tuple[cues.Cue, ...]:
    """raw_cues as a scan of the whole text with each pattern."""
    book = cues.cue_book()
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    masked = book.cues["reached_plan"].sub(blank, book.neutral.sub(blank, text))
    found = [cues.Cue(m.start(), m.end(), kind)
             for kind in cues.KINDS for m in book.cues[kind].finditer(masked, overlapped=True)]
    if heading:
        found += [cues.Cue(m.start(), m.end(), "target") for m in book.heading_only_target.finditer(masked)]
        found += [cues.Cue(m.start(), m.end(), "actual") for m in book.heading_only_actual.finditer(masked)]
    return tuple(found)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
def test_kind_cues_are_those_a_scan_of_the_whole_text_finds(text, heading):
    assert cues.raw_cues.__wrapped__(text, heading) == plain_raw_cues(text, heading)


def test_kind_cues_of_a_written_sentence():
    text = "Năm 2025, tỉnh phấn đấu thu ngân sách đạt kế hoạch đề ra; Sở Kế hoạch và Đầu tư cho biết đã giải ngân"
    found = cues.raw_cues.__wrapped__(text)
    assert found == plain_raw_cues(text)
    words = {(text[c.start:c.end], c.kind) for c in found}
    assert ("phấn đấu", "target") in words and ("cho biết", "actual") in words and ("đã", "actual") in words
    assert not any(w.lower().startswith("kế hoạch") for w, _ in words)  # a plan reached, a body's name: blanked


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_catalog_tries_every_entry_that_matches(text):
    phrase = text.lower()
    catalog = indicator_keys.catalog()
    kept = set(map(id, catalog.may_match(phrase)))
    for entry in catalog.entries:
        if entry.patterns and entry.patterns[0].search(phrase):
            assert id(entry) in kept, entry.key


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(["percent", "money", "quantity"]))
def test_a_basis_is_read_as_its_patterns_read_it(text, mention_type):
    book = cues.cue_book()
    pattern, groups = book.basis_after_percent if mention_type == "percent" else book.basis_after_other
    m = pattern.match(text)
    expected = (next(key for name, key in groups.items() if m.start(name) >= 0), m.end()) if m else (None, 0)
    assert cues.basis_of(text, mention_type) == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_restated_plan_reads_as_a_forward_search(text):
    pattern = cues.cue_book().plan_restated
    mine, plain = pattern.search(text), pattern.forward.search(text)
    assert (mine.span() if mine else None) == (plain.span() if plain else None)


def test_the_first_words_of_a_pattern():
    assert literal_prefixes(r"(?<![\w])(?:(?:phấn đấu)|(?:sẽ))(?![\w])") == {"phấn ", "sẽ"}
    assert literal_prefixes(r"(?:bị )?(?:xử )?phạt(?: tiền)?") == {"bị ", "xử ", "phạt"}
    assert literal_prefixes(r"(?:năm|quý) tới|sắp tới") == {"năm ", "quý ", "sắp "}
    assert literal_prefixes(r"(?<=\d\s{1,3})Chi tiêu") == {"chi "}  # case folded; a lookbehind is no letter
    assert literal_prefixes(r"\(\s*so với") == {"("}
    assert literal_prefixes(r"ab+c") == {"ab"}
    # a class, an inline flag or a pattern that can match nothing: a match may start anywhere
    assert literal_prefixes(r"[:,]\s*tăng") is None
    assert literal_prefixes(r"(?i:tăng)") is None
    assert literal_prefixes(r"(?:tăng)?") is None


def test_the_first_two_words_of_a_pattern():
    assert literal_prefixes(r"(?<![\w])(?:(?:phấn đấu đạt)|(?:sẽ))(?![\w])", words=2) == {"phấn đấu ", "sẽ"}
    assert literal_prefixes(r"(?:năm|quý) (?:tới|sau)|sắp tới", words=2) == {
        "năm tới", "năm sau", "quý tới", "quý sau", "sắp tới"}
    assert literal_prefixes(r"kế hoạch(?: năm)?", words=2) == {"kế hoạch"}
    assert literal_prefixes(r"kế \w+", words=2) == {"kế "}  # what cannot be read ends a beginning
    # each beginning of two words starts with one of the first word
    for pattern in [cues.cue_book().cues[kind].pattern for kind in cues.KINDS] + [cues.cue_book().neutral.pattern]:
        first, two = literal_prefixes(pattern), literal_prefixes(pattern, words=2)
        assert two and all(any(q.startswith(p) for p in first) for q in two)


def test_a_beginning_after_a_word_character_is_not_tried():
    """The gate skips a beginning whose character before it (case folded) it takes for a word
    character: the engine must take that character, as written in any case, for one too."""
    word = regex.compile(r"\w")
    for c in range(sys.maxunicode + 1):
        if 0xD800 <= c < 0xE000:
            continue
        folded = chr(c).casefold()
        if len(folded) == 1 and literal_gate.inside_a_word(folded):
            assert word.match(chr(c)), hex(c)
    gates = literal_gate.Gates({"word": regex.compile(r"(?<![\w])(?:thu)", regex.IGNORECASE)})
    text = "tổng thu, ăthu, _thu, 2thu, (thu"
    assert gates.starts(text)["word"] == [text.index(" thu") + 1, text.index("(thu") + 1]


def test_a_text_whose_folding_changes_length_is_scanned():
    assert literal_gate.folded("Straße") is None
    text = "Straße: dự kiến thu 5%, İstanbul đã đạt"
    assert cues.raw_cues.__wrapped__(text) == plain_raw_cues(text)


def test_a_pattern_not_read_is_scanned():
    gates = literal_gate.Gates({"open": regex.compile(r"[a-z]+"), "word": regex.compile(r"(?<![\w])(?:thu)")})
    assert gates.scanned == {"open"}
    text = "tổng thu, thu"
    starts = gates.starts(literal_gate.folded(text))
    assert [m.span() for m in gates.overlapped("word", text, starts)] == [(5, 8), (10, 13)]
    assert [m.span() for m in gates.overlapped("open", text, starts)] == [
        m.span() for m in regex.finditer(r"[a-z]+", text, overlapped=True)]


def test_case_insensitive_matching_of_the_first_letters_agrees_with_case_folding():
    """The gate finds a phrase's first words in the case-folded text: every character the engine takes
    for one of their letters, ignoring case, folds to that letter (or changes the text's length)."""
    letters = set()
    gates = [cues.cue_gates(), indicator_keys.catalog().gates]
    for gate in gates:
        for found, tried in gate.tried.items():
            letters |= set(found)
            letters |= {letter for _, beginnings in tried for q in beginnings for letter in q}
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for letter in letters:
        for m in regex.finditer(regex.escape(letter), everything, regex.IGNORECASE):
            other = m.group()
            assert other.casefold() == letter.casefold() or len(other.casefold()) != 1, (letter, other)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["đạt", "đạt được", "đã", "ước", "ước đạt", "ước tính", "kế ", "kế hoạch", "k", "(",
                                 "so với", "so ", ".", "a|b", "tăng"]), min_size=1, max_size=8), TEXTS)
def test_the_tree_of_literals_finds_what_their_alternation_finds(literals, text):
    import re
    plain = re.compile("|".join(map(re.escape, sorted(set(literals), key=lambda p: (-len(p), p)))))
    tree = literal_gate.longest_of(literals)
    folded = text.casefold()
    assert [(m.start(), m.group()) for m in tree.finditer(folded)] == [
        (m.start(), m.group()) for m in plain.finditer(folded)]
