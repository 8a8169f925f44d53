"""The date rules are tried only where they may begin, and only in a text that holds what they
need, and that finds what scanning each rule over the whole text finds; the places of their first
words are found in the lower-cased text as a scan that ignores case finds them."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import rules
from pipeline.entities.dates import grammar
from pipeline.entities.dates.openings import CASE_ONLY_LETTERS, RuleOpenings
from pipeline.entities.patterns import PrefixedMatch
from pipeline.paths import GOLD_DIR

EXAMPLES = [e["text"] for e in rules.examples("entities/dates")]
DEV_TEXTS = sorted((GOLD_DIR / "dev" / "docs").glob("*")) + sorted((GOLD_DIR / "dev2" / "docs").glob("*"))
needs_gold = pytest.mark.skipif(not DEV_TEXTS, reason=f"the team's gold set is not present at {GOLD_DIR}")
# words of dates and near misses, in every case, with the letters that fold apart and one that grows
PIECES = st.sampled_from(["năm", "NĂM", "Năm", "nămm", "tháng", "THÁNG", "quý", "Q1", "q", "quốc", "cuối",
                          "ĐẦU", "thứ", "Sáu", "chín", "chính", "SN", "sinh", "2023", "12/2024", "8", "giờ",
                          "ı", "ſ", "İ", "ſinh", "nıên", "_", "(", "-", ",", " ", "\n"])


def dev_texts() -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in DEV_TEXTS]


def places_ignoring_case(openings: RuleOpenings, text: str) -> dict[int, list[int]]:
    """The places as a scan of the text itself finds them, ignoring case (the plain way)."""
    found: dict[int, list[int]] = {index: [] for index in openings.word_rules}
    hit = openings.words.search(text)
    while hit is not None:
        for index in openings.rules_by_word.get(hit.group().lower(), openings.word_rules):
            found[index].append(hit.start())
        hit = openings.words.search(text, hit.start() + 1)
    return found


def candidates_of_whole_scans(text: str) -> list:
    """Every reading, each rule scanned over the whole text (overlapped): what ``candidates`` must give."""
    g = grammar()
    found = []
    for date_rule in g.rules:
        for match in date_rule.pattern.finditer(text, overlapped=True):
            if date_rule.prefixed:
                prefix = g.day_prefix.search(text, max(0, match.start() - 60), match.start())
                if prefix is None:
                    continue
                match = PrefixedMatch(match, prefix)
            reading = date_rule.read(g.context, text, match)
            if reading is not None and reading.end > reading.start:
                found.append(reading)
    return found


def test_ignoring_case_matches_a_first_letter_only_to_what_lower_cases_to_it():
    """Every character of Unicode: where lower-casing keeps it one character, it keeps it a letter
    or digit or not, and ignoring case matches it to a letter of the first words only where its
    lower case is that letter, but for the letters of ``CASE_ONLY_LETTERS``."""
    letters = sorted(set("".join(grammar().openings.rules_by_word)))
    any_letter = re.compile("[" + "".join(map(re.escape, letters)) + "]", re.IGNORECASE)
    folding_apart = set()
    for code in range(0x110000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            continue
        assert char.isalnum() == lower.isalnum(), hex(code)
        if any_letter.fullmatch(char):
            if any(re.fullmatch(re.escape(letter), char, re.IGNORECASE) and lower != letter for letter in letters):
                folding_apart.add(char)
    assert folding_apart == set(CASE_ONLY_LETTERS)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=14))
def test_places_in_the_lower_cased_text_are_those_a_scan_ignoring_case_finds(pieces):
    text = "".join(pieces)
    openings = grammar().openings
    assert openings.places(text) == places_ignoring_case(openings, text)


@pytest.mark.parametrize("text", EXAMPLES + ["Sinh năm 1976, ſinh ngày 2/9", "İ NĂM 2024, tháng 3"])
def test_rules_tried_where_they_may_begin_read_what_whole_scans_read(text):
    assert grammar().candidates(text) == candidates_of_whole_scans(text)


@needs_gold
def test_real_texts_read_the_same_both_ways():
    openings = grammar().openings
    for text in dev_texts():
        assert openings.places(text) == places_ignoring_case(openings, text)
        assert grammar().candidates(text) == candidates_of_whole_scans(text)


def test_the_in_place_patterns_try_one_position():
    """``in_place`` is ``pattern`` matched at one position: the same match wherever it is tried."""
    g = grammar()
    text = "Cuối năm 2023, quý III/2024 và 6 tháng đầu năm, ngày 2 và 3/9 lúc 8 giờ"
    for date_rule in g.rules:
        if date_rule.in_place is None:
            continue
        whole = {m.start(): m.span() for m in date_rule.pattern.finditer(text, overlapped=True)}
        tried = {start: m.span() for start in range(len(text)) if (m := date_rule.in_place.match(text, start))}
        assert tried == whole, date_rule.name



@pytest.mark.parametrize("text", EXAMPLES + ["lúc 16h45, từ 10 giờ đến 14 giờ, ngày 5 - 7/11, 30/4–1/5",
                                             "Q1/2024, ba quý đầu năm, đầu thế kỷ XX, 2021 đến 2025, 2026-2030"])
def test_every_match_of_a_rule_holds_what_it_needs(text):
    gated = [r for r in grammar().rules if r.needs]
    assert {r.name for r in gated} >= {"clock", "clock_range", "day_range", "quarter_short", "quarter_count",
                                       "year_range"}
    for date_rule in gated:
        for match in date_rule.pattern.finditer(text, overlapped=True):
            assert date_rule.needs.search(match.group()), (date_rule.name, match.group())


def test_a_text_without_what_a_rule_needs_skips_the_rule():
    """No hour word after a number: no time of the clock is read, and none was to be read."""
    text = "Ngày 2/9, lúc sáng sớm, 30/4 đến 1/5"
    assert all(r.needs.search(text) is None for r in grammar().rules if r.name in ("clock", "clock_range"))
    assert grammar().candidates(text) == candidates_of_whole_scans(text)
