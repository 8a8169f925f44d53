"""The rule table: every shape of date expression as a compiled pattern and the reader that says
what a match of it means, built once from the vocabulary.

The order of the rules matters: where two rules read the same span, the earlier one's reading is
kept (``scan.readings`` sorts by length, stably), and ``stated_day`` takes the first day found.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..patterns import START, STOP, alternation, case_sensitive
from ...regex_in_place import matched_in_place
from . import days, months, years
from .context import ReadingContext
from .fragments import D, DAY, M, MONTH, Y, Fragments
from .openings import Opening
from .records import DateReading
from .vocabulary import Vocabulary

DIGIT = Opening(digit=True)


@dataclass(frozen=True)
class DateRule:
    """One shape of date expression: a compiled pattern and what a match of it says."""

    name: str
    pattern: regex.Pattern
    read: Callable[[ReadingContext, str, regex.Match], DateReading | None]
    prefixed: bool = False  # a day: may extend back over `sáng`, `8 giờ`, `ngày` … (day_prefix)
    opening: Opening = DIGIT  # what a match begins with
    # The scan's two ways in: the matches that open with a digit, found by the engine (it skips to
    # the digits), and a match at one position, where one of the rule's first words begins.
    at_digits: regex.Pattern | None = None
    in_place: regex.Pattern | None = None
    # A piece every match holds (`8 giờ` in a time of the clock), looked for once in a text before the
    # rule is run: most texts name no time and skip the rule's scans.
    needs: regex.Pattern | None = None


def rule(name: str, pattern: str, read: Callable[[ReadingContext, str, regex.Match], DateReading | None],
         first: Opening = DIGIT, prefixed: bool = False, needs: str | None = None) -> DateRule:
    """A rule whose matches begin with ``first`` (a digit, or the first word of an entry of some
    lists: the lookahead on their first letters lets the engine skip ahead), and, if ``prefixed``,
    may extend back over a day's prefix; ``needs``, a pattern that finds a piece of every match (so
    the rule need not run where it finds none)."""
    whole = regex.compile(rf"(?={first.character_class()}){START}{pattern}", regex.IGNORECASE)
    at_digits = (whole if not first.entries else regex.compile(rf"(?={DIGIT.character_class()}){START}{pattern}", regex.IGNORECASE)
                 if first.digit else None)
    in_place = regex.compile(matched_in_place(whole.pattern), regex.IGNORECASE) if first.entries else None
    return DateRule(name, whole, read, prefixed, first, at_digits, in_place,
                    regex.compile(needs, regex.IGNORECASE) if needs else None)


def initials(v: Vocabulary, *keys: str, digit: bool = False) -> Opening:
    """What a match begins with: the words of ``keys`` (and a digit, if ``digit``)."""
    words = [w for key in keys for w in (v.words(key) if isinstance(v.data.get(key), list) else map(str, v.data.get(key) or {}))]
    return Opening(digit, tuple(words))


def date_rules(v: Vocabulary, f: Fragments) -> tuple[DateRule, ...]:
    """Every rule, in the order they are tried."""
    return (*day_rules(v, f), *month_rules(v, f), *year_rules(v, f), *time_and_named_day_rules(v, f))


def day_prefix(v: Vocabulary, f: Fragments) -> regex.Pattern:
    """What may stand before a day (`8 giờ`, `sáng`, `thứ Bảy,`, `ngày`): matched backwards from
    the day's digits, so that the scan for days starts at digits only (ten times faster)."""
    one_time = rf"\d{{1,2}}\s*{f.hour_w}(?:\s*\d{{1,2}}(?:\s*{f.minute_w})?)?"
    # `8 giờ`, `16h45'`, or a stretch of hours (`10h đến 14h`, `6-7h`): the first hour is the time
    clock = (rf"(?P<clock>(?:\d{{1,2}}(?:\s*{f.hour_w}(?:\s*\d{{1,2}}(?:\s*{f.minute_w})?)?)?\s*(?:{f.dash}|{f.range_w})\s*)?"
             rf"{one_time})")
    part, part_rel, opener = f.part, v.alt("part_of_day_relatives"), v.alt("day_openers")
    return regex.compile(
        rf"(?r){START}(?:{clock}\s+(?:{part}\s+)?)?(?:(?P<part>{part})\s+(?:{part_rel}\s+)?|(?P<opener>{opener})\s+)?"
        rf"(?:(?P<weekday>{f.weekday})\s*,?\s*)?(?P<dayword>{f.day_w}\s+)?\Z", regex.IGNORECASE)


def day_rules(v: Vocabulary, f: Fragments) -> list[DateRule]:
    """Days and stretches of days, read in ``days``; all but the lists may stand after a day's prefix."""
    day_tail = r"(?![\p{N}]|[/.-]\p{N})"
    return [
        # ngày 28/11/2022, sáng 31-1, 8 giờ ngày 31-1, thứ Bảy, 12/10, (27/4)
        rule("day_numeric", rf"{D}(?P<sep>[/.-]){M}(?:(?P=sep){Y}|\s+{f.year_w}\s+{Y})?{day_tail}",
             days.read_day_numeric, prefixed=True),
        # ngày 07 tháng 12 năm 2023, 26 tháng Chạp
        rule("day_words", rf"{D}\s+{f.month_w}\s+{f.month_ref}(?:\s*,?\s*{f.year_w}\s+{Y}|\s*,\s*{Y}(?![\p{{N}}]|[.,]\d))?{STOP}",
             days.read_day_words, prefixed=True),
        # ngày 5/11 đến 2/12, ngày 5-7/11/2023, 30/4-1/5, (23-27/4), đêm 5-6/7
        rule("day_range", rf"(?P<d1>{DAY})(?:(?P<sep1>[/-])(?P<m1>{MONTH}))?\s*(?:{f.dash}|{f.range_w})\s*"
                          rf"(?P<d2>{DAY})(?P<sep>[/-])(?P<m2>{MONTH})(?:[/-]{Y}|\s+{f.year_w}\s+{Y})?{day_tail}",
             days.read_day_range, prefixed=True,
             needs=rf"\d\s*(?:{f.dash}|{f.range_w})\s*\d{{1,2}}[/-]\d"),  # the link and the second day's month
        # ngày 2 và 3/9, các ngày 28, 29 và 30/4
        rule("day_list", rf"(?P<dayword>{f.day_w})\s+(?P<d1>{DAY})(?:\s*,\s*(?:{DAY}))*\s*{f.list_joiner}\s*"
                         rf"(?P<d2>{DAY})(?P<sep>[/-])(?P<m2>{MONTH})(?:(?P=sep){Y}|\s+{f.year_w}\s+{Y})?{day_tail}",
             days.read_day_list, initials(v, "day_words")),
        # ngày 1 (đến ngày 15/3): a day whose month comes with the day that closes the stretch
        rule("day_of_month", rf"(?P<dayword>{f.day_w})\s+{D}(?=\s*(?:{f.dash}|{f.range_w})\s*{f.day_w}\s+(?:{DAY})[/-]{M}{day_tail})",
             days.read_day_of_month, initials(v, "day_words")),
    ]


def month_rules(v: Vocabulary, f: Fragments) -> list[DateRule]:
    """Months, quarters and counts of them, read in ``months``."""
    rel = v.alt_keys("relative_years")
    quarter_num = "(?:" + case_sensitive(alternation(k for k in v.table("quarter_numerals") if k.isupper())) + "|" + alternation(
        k for k in v.table("quarter_numerals") if not k.isupper()) + ")"
    count = r"(?:\d{1,2}|" + v.alt_keys("count_words") + ")"
    year_part = v.alt_keys("year_parts")
    month_part = v.alt_keys("month_parts")
    count_edge = v.alt_keys("count_edges")
    joiner = alternation(v.words("quarter_joiners"))
    YEAR_TAIL = rf"(?:\s*[/.-]\s*{Y}|\s+{f.year_w}\s+{Y}|\s+{f.year_w}\s+(?P<rel>{rel}){STOP})"
    counts_first = initials(v, "count_words", digit=True)
    # `9 tháng năm 2024`, `6 tháng đầu của năm 2023`: `của` may join the count to its year
    counted = rf"(?:\s+(?P<edge>{count_edge}))?(?:\s+(?:của\s+)?{f.year_w}(?:\s+{Y}|\s+(?P<rel>{rel}))?)?{STOP}"
    return [
        # tháng 9/2023, tháng 8, tháng 8 năm ngoái, cuối tháng 9, tháng Giêng
        rule("month", rf"(?:(?P<edge>{month_part})\s+)?{f.month_w}\s+{f.month_ref}{YEAR_TAIL}?(?![\p{{L}}\p{{N}}]|[,.]\p{{N}})",
             months.read_month, initials(v, "month_parts", "month_words")),
        # tháng 7-9/2024
        rule("month_range", rf"{f.month_w}\s+(?P<m1>{MONTH})\s*(?:{f.dash}|{f.range_w})\s*(?P<m2>{MONTH})"
                            rf"(?:\s*/\s*{Y}|\s+{f.year_w}\s+{Y}){STOP}",
             months.read_month_range, initials(v, "month_words")),
        # quý I/2024, quý III năm 2023, quý 1 và 2 năm 2023
        rule("quarter", rf"(?:(?P<edge>{year_part})\s+)?{f.quarter_w}\s+(?P<q1>{quarter_num})"
                        rf"(?:\s*{joiner}\s*(?:{f.quarter_w}\s+)?(?P<q2>{quarter_num}))?{STOP}{YEAR_TAIL}?{STOP}",
             months.read_quarter, initials(v, "year_parts", "quarter_words")),
        # Q1/2024, Q3 2023: the short form needs its year (`Q1` alone is a district of a city)
        rule("quarter_short", rf"{case_sensitive(v.alt('quarter_abbreviations'))}(?P<q1>[1-4])(?:\s*/\s*|\s+){Y}{STOP}(?!\s*/)",
             months.read_quarter_short, initials(v, "quarter_abbreviations"),
             needs=rf"{case_sensitive(v.alt('quarter_abbreviations'))}[1-4]"),
        # 11/2023 without `tháng`, where a date word or a bracket opens it
        rule("month_year", rf"(?<![\p{{N}}/.,-]){M}/{Y}(?![\p{{N}}]|\s*/|-\p{{L}}|[.,]\d)", months.read_month_year),
        # quý đầu năm 2023
        rule("quarter_edge", rf"{f.quarter_w}\s+(?P<edge>{count_edge})\s+(?:{f.year_w}\s+)?{Y}{STOP}", months.read_quarter_edge,
             initials(v, "quarter_words")),
        # 3 quý đầu năm, 3 quý
        rule("quarter_count", rf"(?P<n>{count})\s+{f.quarter_w}{counted}", months.read_quarter_count, counts_first,
             needs=rf"\s{f.quarter_w}"),
        # 8 tháng năm 2023, 6 tháng đầu năm 2024, 5 tháng đầu năm, 6 tháng
        rule("month_count", rf"(?P<n>{count})\s+{f.month_w}{counted}", months.read_month_count, counts_first),
    ]


def year_rules(v: Vocabulary, f: Fragments) -> list[DateRule]:
    """Years, stretches of years, decades, centuries and birth years, read in ``years``."""
    year_part = v.alt_keys("year_parts")
    same_period = v.alt("same_period_words")
    span_w = v.alt("span_words")
    birth = "(?:" + case_sensitive(v.alt("birth_abbreviations")) + "|" + v.alt("birth_cues") + ")"
    year_tail_guard = r"(?![\p{N}]|\s*/|[.,]\d)"
    return [
        # năm 2023, giai đoạn 2021 - 2025, năm 2020 đến 2025, cuối năm 2025, cùng kỳ năm 2022
        rule("year", rf"(?:(?P<edge>{year_part}|{same_period})\s+)?(?P<word>{span_w}|{f.year_w})\s+(?:(?P<from>{v.alt('span_openers')})\s+)?{Y}"
                     rf"(?:\s*{f.dash}\s*(?P<y2>\d{{4}})|\s+{f.range_w}\s+(?P<y2b>\d{{4}})|\s*(?:/|{f.dash})\s*(?P<y2s>\d{{2}}))?"
                     rf"(?![\p{{N}}]|\s*/\s*\p{{L}}|[.,]\d|%)",
             years.read_year, initials(v, "year_parts", "same_period_words", "span_words", "year_words")),
        # cuối 2022
        rule("year_edge_bare", rf"(?P<edge>{year_part}|{same_period})\s+{Y}{year_tail_guard}", years.read_year_edge_bare,
             initials(v, "year_parts", "same_period_words")),
        # thập niên 1990, những năm 2000, thập kỷ 80, thế kỷ 21, đầu thế kỷ XX
        rule("decade", rf"(?:(?P<edge>{year_part})\s+)?{v.alt('decade_words')}\s+(?P<dy>\d{{4}}|\d0){STOP}"
                       rf"(?!\s*[/-]\s*\d|%|\s+{v.alt('not_decade_after')}{STOP})",
             years.read_decade, initials(v, "year_parts", "decade_words")),
        rule("century", rf"(?:(?P<edge>{year_part})\s+)?{v.alt('century_words')}\s+(?:{v.alt('ordinal_words')}\s+)?"
                        rf"(?P<c>\d{{1,2}}|{case_sensitive('[IVX]+')}){STOP}",
             years.read_century, initials(v, "year_parts", "century_words")),
        # 2026-2030, 2019 đến 2022
        rule("year_range", rf"(?<![/.,-]){Y}(?:\s*{f.dash}\s*|\s+{f.range_w}\s+)(?P<y2>\d{{4}}){year_tail_guard}",
             years.read_year_range, needs=rf"\d{{4}}(?:\s*{f.dash}\s*|\s+{f.range_w}\s+)\d{{4}}"),
        # (từ) 2017 (đến nay), so với 2021
        rule("year_bare", rf"(?<![/.,:-]){Y}(?![\p{{N}}]|\s*/|[.,]\d|%|-\p{{L}})", years.read_year_bare),
        # SN 1976, sinh năm 1993
        rule("birth_year", rf"{birth}\s*:?\s*{Y}{STOP}", years.read_birth_year, initials(v, "birth_cues", "birth_abbreviations")),
    ]


def time_and_named_day_rules(v: Vocabulary, f: Fragments) -> list[DateRule]:
    """Times of the clock, weekdays, lunar days and festivals, read in ``days``."""
    lunar_w = case_sensitive(v.alt("lunar_day_words"))
    lunar_num = r"(?:\d{1,2}|" + v.alt_keys("lunar_day_numbers") + ")"
    full_moon = case_sensitive(v.alt("full_moon_words"))
    festival = case_sensitive(v.alt("festival_words"))
    festival_name = case_sensitive(v.alt("festival_names"))
    stems = case_sensitive(v.alt("heavenly_stems"))
    branches = case_sensitive(v.alt("earthly_branches"))
    hour = rf"\d\s*{f.hour_w}"  # what every time of the clock holds: `8 giờ`, `16h45`
    return [
        # 16 giờ 45p, lúc 9 giờ, 5h sáng, 17h cùng ngày
        rule("clock", rf"(?:(?P<cue>{v.alt('clock_cues')})\s+)?(?P<h>\d{{1,2}})\s*{f.hour_w}\s*(?P<min>\d{{1,2}})?"
                      rf"(?:\s*{f.minute_w})?(?:\s+(?P<part>{f.part}))?{STOP}(?=\s+(?P<day>{v.alt('clock_day_words')}){STOP})?",
             days.read_clock, initials(v, "clock_cues", digit=True), needs=hour),
        # 6-7h sáng, 17h-19h, từ 10 giờ đến 14 giờ
        rule("clock_range", rf"(?P<h>\d{{1,2}})(?:\s*(?P<hw1>{f.hour_w})(?:\s*\d{{1,2}}(?:\s*{f.minute_w})?)?)?\s*(?:{f.dash}|{f.range_w})\s*"
                            rf"(?P<h2>\d{{1,2}})\s*{f.hour_w}(?:\s*\d{{1,2}}(?:\s*{f.minute_w})?)?(?:\s+(?P<part>{f.part}))?{STOP}",
             days.read_clock_range, needs=hour),
        # thứ Sáu, Chủ nhật
        rule("weekday", rf"{f.weekday}{STOP}", days.read_weekday, initials(v, "weekdays")),
        # mùng 8, mùng 1 Tết, mồng 10 tháng 3
        rule("lunar_day", rf"{lunar_w}\s+(?P<ld>{lunar_num})(?:\s+{f.month_w}\s+{f.month_ref}|\s+{festival})?{STOP}",
             days.read_named, initials(v, "lunar_day_words")),
        # rằm tháng Giêng
        rule("full_moon", rf"{full_moon}\s+{f.month_w}\s+{f.month_ref}{STOP}", days.read_named,
             initials(v, "full_moon_words")),
        # Tết Nguyên đán, Tết Quý Mão, Tết nguyên đán 2021
        rule("festival", rf"{festival}\s+(?:{festival_name}(?:\s+{stems}\s+{branches})?(?:\s+{Y})?"
                         rf"|{stems}\s+{branches}(?:\s+{Y})?|{Y}){STOP}",
             days.read_festival, initials(v, "festival_words")),
        # năm Quý Mão
        rule("year_name", rf"{f.year_w}\s+{stems}\s+{branches}{STOP}", days.read_named, initials(v, "year_words")),
    ]
