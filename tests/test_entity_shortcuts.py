"""The entity finders' shortcuts answer as the plain paths they stand for: each gate or literal scan
is compared with the full pattern over generated texts and over the team's dev texts."""
import re
import sys
from functools import cache

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import rules
from pipeline.entities import legal_documents, organisations, people, resolve
from pipeline.entities.bare_places import bare_place
from pipeline.entities.gazetteer import bare_unit, place_grammar
from pipeline.entities.names import (AFTER, BEFORE, MAYBE_CAPITAL, OpeningScan, WordStartScan, alternation,
                                    find_phrases, overlapping_starts)
from pipeline.paths import GOLD_DIR


@cache
def people_rules() -> dict:
    return rules.load("entities/people")


@cache
def dev_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for name in ("dev", "dev2")
             for p in sorted((GOLD_DIR / name / "docs").glob("*.txt"))]
    if not texts:
        pytest.skip(f"the team's gold texts are not present at {GOLD_DIR}")
    return texts


def readable(spans) -> list:
    """Spans with their matches as what they read (a match object equals only itself)."""
    return [(start, end, match and (match.start(), match.end(), match.groupdict()), extra)
            for start, end, match, extra in spans]


# document words, their cues and neighbours in several cases, spaces and marks between
DOCUMENT_WORDS = st.sampled_from([
    "Nghị định", "nghị định", "NGHỊ ĐỊNH", "Quyết định", "quyết  định", "Luật", "luật", "Thông tư", "Kết luận",
    "kết luận", "Đề án", "Công văn", "số", "Số", "SỐ", "ſố", "số:", "Số :", "so", "văn bản", "Báo cáo", "của",
    "12", "99", "2025", "128/NQ-HĐND", "15/2025/TT-BTC", "3,5", "1.200", "ngày 12/3", "năm", ":", ",", "(", ")",
    " ", "  ", "\n", "\t", "\xa0", "\x1c", "x", "định", "tư", "án", " " * 30, "\n" * 100,
])
DOCUMENT_TEXTS = st.lists(DOCUMENT_WORDS, max_size=12).map(" ".join) | st.lists(DOCUMENT_WORDS, max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(DOCUMENT_TEXTS)
def test_bare_numbers_skipped_by_the_gate_are_those_no_prefix_reads(text):
    grammar = legal_documents.grammar()
    assert readable(grammar.spans(text)) == readable(grammar.spans(text, gated=False))


def test_the_document_gate_skips_no_number_in_the_dev_texts():
    grammar = legal_documents.grammar()
    for text in dev_texts():
        assert readable(grammar.spans(text)) == readable(grammar.spans(text, gated=False))


# the plural words and heads of a field list in several cases, with the characters whose case
# folding differs from their lower case
FIELD_WORDS = st.sampled_from([
    "các", "Các", "CÁC", "những", "NHỮNG", "hai", "Ba", "bốn", "năm", "Sở", "sở", "SỞ", "ſở", "Bộ", "BỘ", "ban",
    "Vụ", "Cục", "Tập đoàn", "TẬP ĐOÀN", "Tổng công ty", "Tổng Công ty", "Nội vụ", "Xây dựng", "Tài chính", ":",
    ",", " ", "  ", "\n", "ß", "İ", "K", "Σ", "và", "x",
])
FIELD_TEXTS = st.lists(FIELD_WORDS, max_size=10).map(" ".join) | st.lists(FIELD_WORDS, max_size=10).map("".join)


def field_list_gate_holds(text: str) -> None:
    grammar = organisations.grammar()
    if not grammar.field_list_gate.search(text.casefold()):
        assert grammar.field_list.search(text) is None


@settings(max_examples=500, deadline=None)
@given(FIELD_TEXTS)
def test_a_text_the_field_list_gate_refuses_holds_no_field_list(text):
    field_list_gate_holds(text)


def test_the_field_list_gate_refuses_no_dev_text_with_a_list():
    for text in dev_texts():
        field_list_gate_holds(text)


TICKER_WORDS = st.sampled_from([
    "mã", "Mã", "MÃ", "mã cổ phiếu", "cổ phiếu", "Cổ phần", "số cổ phần", "mã chứng khoán:", "VNM", "HPG", "UBND",
    "ABCD", "AB", "VN-Index", "tăng", "giảm", "tăng trần", "đứng giá", "vẫn", "đầu phiên", "với", "1.200", "triệu",
    "cổ phiếu.", "5", "mạnh", ":", ",", " và ", " ", "\n", "x", "_", "/", "Đ",
])
TICKER_TEXTS = st.lists(TICKER_WORDS, max_size=12).map(" ".join) | st.lists(TICKER_WORDS, max_size=12).map("".join)


def spans_of(matches) -> list:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


def ticker_scans_agree(text: str) -> None:
    scan = organisations.grammar().ticker
    plain = WordStartScan(scan.pattern.pattern, also=scan.also)
    assert spans_of(scan.finditer(text)) == spans_of(plain.finditer(text))


@settings(max_examples=500, deadline=None)
@given(TICKER_TEXTS)
def test_the_ticker_scan_finds_what_a_scan_of_every_position_finds(text):
    ticker_scans_agree(text)


def test_the_ticker_scan_finds_what_a_scan_of_every_position_finds_in_the_dev_texts():
    for text in dev_texts():
        ticker_scans_agree(text)


LATIN_WORDS = st.sampled_from([
    "Brightline", "Research", "Oxford", "Economics", "Group", "Corp", "Inc.", "&", "Tech", "Techno", "Digiworld",
    "(DGW)", "(DGW", "(D)", "(ABCDEFG)", "(Hà)", "Theo", "theo", "Long", "Minh", "công ty", "Việt Nam", "AirAsia",
    "Air", "_Air", "Air_", "5", ",", ".", " ", "\n", "(", ")",
])
LATIN_TEXTS = st.lists(LATIN_WORDS, max_size=10).map(" ".join) | st.lists(LATIN_WORDS, max_size=10).map("".join)


def latin_gates_hold(text: str) -> None:
    grammar = organisations.grammar()
    if not grammar.latin_company_gate.search(text):
        assert grammar.latin_company.search(text) is None
    if not grammar.coded_latin_gate.search(text):
        assert grammar.coded_latin.search(text) is None


@settings(max_examples=500, deadline=None)
@given(LATIN_TEXTS)
def test_a_text_the_latin_name_gates_refuse_holds_no_such_name(text):
    latin_gates_hold(text)


def test_the_latin_name_gates_refuse_no_dev_text_with_such_a_name():
    for text in dev_texts():
        latin_gates_hold(text)


ROLE_WORDS = st.sampled_from([
    "Liz Lee", "Lee", "Nguyễn Văn An", "Kim Sang-sik", "McCain", ",", ", ", " - ", " – ", "-", "nhà phân tích",
    "Giám đốc", "giám đốc điều hành", "chuyên gia", "của", "VN-Index", "Index", "x", " ", "  ", "\n", "2", "Ông",
    "An Bình Cường Dũng Em Giang",
])
ROLE_TEXTS = st.lists(ROLE_WORDS, max_size=10).map(" ".join) | st.lists(ROLE_WORDS, max_size=10).map("".join)


def apposition_gate_holds(text: str) -> None:
    assert spans_of(people.appositions(text)) == spans_of(people.grammar().apposition.finditer(text))


@settings(max_examples=500, deadline=None)
@given(ROLE_TEXTS)
def test_appositions_are_those_a_scan_of_every_position_finds(text):
    apposition_gate_holds(text)


def test_appositions_are_those_a_scan_of_every_position_finds_in_the_dev_texts():
    for text in dev_texts():
        apposition_gate_holds(text)


PHRASE_PIECES = st.sampled_from(["An", "Văn An", "Nguyễn Văn An", "ACV", "AC", "VN", "-Index", "-index", "/", "-", "_",
                                 " ", ",", "x", "2", "\n", "Ả", "ả"])
PHRASE_TEXTS = st.lists(PHRASE_PIECES, max_size=12).map("".join)
PHRASES = st.sets(st.lists(PHRASE_PIECES, min_size=1, max_size=3).map("".join), min_size=1, max_size=5)


@settings(max_examples=250, deadline=None)
@given(PHRASE_TEXTS, PHRASES)
def test_phrases_are_found_where_a_pattern_of_them_finds_them(text, phrases):
    names = regex.compile(rf"{BEFORE}(?:{alternation(phrases)}){AFTER}")
    assert find_phrases(text, phrases) == [m.span() for m in names.finditer(text)]
    aliases = regex.compile(rf"(?<![\p{{L}}\p{{N}}/-])(?:{'|'.join(map(regex.escape, sorted(phrases, key=len, reverse=True)))})"
                            rf"(?![\p{{L}}\p{{N}}/-])")
    boundary = resolve.ALIAS_BOUNDARY
    assert find_phrases(text, phrases, boundary, boundary) == [m.span() for m in aliases.finditer(text)]


PREFIX_WORDS = st.sampled_from([
    "Thường trực", "THƯỜNG TRỰC", "thường trực", "TT.", "TT", "Ban Thường vụ", "BAN THƯỜNG VỤ", "Đảng ủy", "đảng ủy",
    "Đảng uỷ", "BTV", "Chi bộ", "HĐND", "UBND", "tỉnh", "huyện Mỹ Xuyên", "Tỉnh", "thành phố", "TP.", "xã", " ", "  ",
    "\n", ".", ",", "x", "Ab",
])
PREFIX_TEXTS = st.lists(PREFIX_WORDS, max_size=8).map(" ".join) | st.lists(PREFIX_WORDS, max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(PREFIX_TEXTS)
def test_a_window_the_prefix_gate_refuses_ends_with_no_prefix(window):
    grammar = organisations.grammar()
    if not organisations.may_end_with_prefix(window, grammar.prefix_ends):
        assert grammar.prefixes.search(window) is None


@settings(max_examples=500, deadline=None)
@given(PREFIX_TEXTS, st.data())
def test_a_name_without_a_level_word_holds_no_admin_unit(text, data):
    places = place_grammar()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    if places.admin_scan.openings.search(text, start, end) is None:
        assert not list(places.admin.finditer(text, start, end, overlapped=True))


def test_the_organisation_gates_refuse_no_prefix_or_seat_in_the_dev_texts():
    grammar, places = organisations.grammar(), place_grammar()
    for text in dev_texts():
        for body in organisations.find_organisations(text):
            for start in (body.start, body.start + 1):
                window = text[max(0, start - 30):start]
                if not organisations.may_end_with_prefix(window, grammar.prefix_ends):
                    assert grammar.prefixes.search(window) is None
            if places.admin_scan.openings.search(text, body.start, body.end) is None:
                assert not list(places.admin.finditer(text, body.start, body.end, overlapped=True))


def field_lists_agree(text: str) -> None:
    plain = organisations.grammar().field_list.finditer(text)
    assert spans_of(organisations.field_lists(text)) == spans_of(plain)


@settings(max_examples=500, deadline=None)
@given(FIELD_TEXTS)
def test_field_lists_are_those_a_scan_of_every_position_finds(text):
    field_lists_agree(text)


def test_field_lists_are_those_a_scan_of_every_position_finds_in_the_dev_texts():
    for text in dev_texts():
        field_lists_agree(text)


OUTLET_WORDS = st.sampled_from(["Nhật Thanh", "Thanh", "VietnamNet", "VnExpress", "Dân trí", "Tuổi Trẻ", "PLO", "x",
                                " ", "  ", "\n", ".", "A", "ThanhVietnamNet"])
OUTLET_TEXTS = st.lists(OUTLET_WORDS, max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(OUTLET_TEXTS)
def test_glued_outlets_are_those_a_scan_of_every_position_finds(text):
    scan = organisations.grammar().glued_outlet
    assert spans_of(scan.finditer(text)) == spans_of(scan.pattern.finditer(text))


def test_a_capital_letter_may_be_a_capital():
    capitals = "".join(regex.findall(r"\p{Lu}", "".join(map(chr, range(sys.maxunicode + 1)))))
    assert len(capitals) > 1000 and re.fullmatch(f"{MAYBE_CAPITAL}*", capitals)


INITIAL_WORDS = st.sampled_from(["Đ.Q", "Đ.Q.", "H.Nụ", "T.D", "ông", "bà", "NTMP", "NĐT", "Nam", "anh", " ", "  ",
                                 "\n", "\r", "\u2028", "\x85", ".", "x", "1.", "(", "ĐQ"])
INITIAL_TEXTS = st.lists(INITIAL_WORDS, max_size=8).map("".join) | st.lists(INITIAL_WORDS, max_size=8).map(" ".join)


def initials_shortcuts_agree(text: str) -> None:
    grammar = people.grammar()
    if not people.may_hold_initials_line(text):
        assert grammar.initials_line.search(text) is None
    plain = OpeningScan(grammar.initialled_party.pattern, people_rules()["honorifics"])
    assert spans_of(grammar.initialled_party.finditer(text)) == spans_of(plain.finditer(text))


@settings(max_examples=500, deadline=None)
@given(INITIAL_TEXTS)
def test_initials_are_found_where_the_plain_scans_find_them(text):
    initials_shortcuts_agree(text)


def test_initials_are_found_where_the_plain_scans_find_them_in_the_dev_texts():
    for text in dev_texts():
        initials_shortcuts_agree(text)


def test_a_bare_place_is_one_whatever_the_text_around_it():
    """``bare_place`` asks the gazetteer with no text for context: the text only ranks a name's units."""
    names = [" ".join(text.split()[i:i + 2]) for text in dev_texts()[:6] for i in range(0, 400, 3)]
    for text in dev_texts()[:6]:
        for name in names:
            assert bool(bare_unit(name, False, text)) == bool(bare_place(name, False))
            assert bare_unit(name, True, "") == bare_place(name, True)


RUN_PIECES = st.sampled_from(["Sở", "Tài", "chính", " ", "  ", "\n", "\t", "\xa0", "\x1c", "\u2028", ",", "x", "Bộ."])


@settings(max_examples=500, deadline=None)
@given(st.lists(RUN_PIECES, max_size=40).map("".join))
def test_the_words_a_name_runs_through_are_those_read_one_after_another(text):
    one_by_one = regex.compile(r"\G[ ]+([^\s]+)")
    tokens = [(m.start(1), m.group(1)) for m in one_by_one.finditer(text)][:15]
    run = organisations.WORD_RUN.match(text)
    assert list(zip(run.starts(1), run.captures(1))) == tokens


LINE_WORDS = st.sampled_from(["Nhã Phương", "Kim Dung", "Theo", "Nguồn:", "Nikkei Asian Review", "(Tổng hợp)", "(T/H)",
                              "(Theo VnExpress)", "VietnamNet", "Nhật Thanh", "-", " - ", "–", "MAI THU HƯƠNG", " ", "  ",
                              "\t", "\x1c", ")", "(", "x", "nước", "Mỹ", "a" * 30, "\n"])


@settings(max_examples=500, deadline=None)
@given(st.lists(LINE_WORDS, max_size=12).map("".join) | st.lists(LINE_WORDS, max_size=12).map(" ".join))
def test_notes_are_taken_off_a_line_as_the_plain_substitutions_take_them(text):
    for line in text.split("\n"):
        plain = people.SOURCE_NOTE.sub("", line) if "(" in line else line
        plain = people.GLUED_SOURCE.sub("", plain)
        if plain.rstrip(" ").endswith(people.glued_outlet_names()):
            plain = people.glued_outlet().sub("", plain)
        assert people.without_notes(line) == plain


AFTER_CUE_WORDS = st.sampled_from(["Zorvex", "Trendlab Insights", "Apple Inc", "Kitco.com", "T-Mall", "AP", "Long Minh",
                                   "cho biết", "công bố", "ra mắt", "thông báo", "theo", "\n", ".", ". ", ", ", "(", "“",
                                   " ", "  ", "x", "Hà", "2", "A B C D E"])


def latin_after_cues_agree(text: str) -> None:
    grammar = organisations.grammar()
    found = organisations.matches_before_anchors(grammar.latin_after, text,
                                                 overlapping_starts(grammar.latin_after_cue, text), 4,
                                                 organisations.LATIN_CAPITAL)
    assert spans_of(found) == spans_of(grammar.latin_after.finditer(text))


@settings(max_examples=500, deadline=None)
@given(st.lists(AFTER_CUE_WORDS, max_size=10).map(" ".join) | st.lists(AFTER_CUE_WORDS, max_size=10).map("".join))
def test_names_before_a_cue_are_those_a_scan_of_every_position_finds(text):
    latin_after_cues_agree(text)


def test_names_before_a_cue_are_those_a_scan_of_every_position_finds_in_the_dev_texts():
    for text in dev_texts():
        latin_after_cues_agree(text)
