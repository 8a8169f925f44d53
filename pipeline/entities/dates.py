"""Dates and periods (DATE entities): a small grammar of Vietnamese calendar expressions.

In: a document's text. Out: one ``Entity`` (type ``DATE``) per outermost date expression, with
``normalized`` the ISO day, month or year where the expression names exactly one, and ``detail``
the first and last day it covers, so that the facts stage can give a figure its period.

Why a regex grammar and not a tagger: dates in news and government texts come in a handful of
shapes (``ngày 28/11/2022``, ``tháng 9/2023``, ``quý I/2024``, ``6 tháng đầu năm``), the words
they are built from live in ``rules/entities/dates.yml``, and regexes over the raw text are fast and keep
exact offsets. It runs in two passes: the first finds every expression and what it says, which
may leave the year to the reader (``tháng 8``); the second settles those years from the years the
text itself names, since a report on 2023 says ``tháng 8`` and means August 2023.
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from .. import rules
from ..records import Entity
from .patterns import STOP, START, PrefixedMatch, alternation, case_sensitive, ends_with_any, starts_with_any

RULE_FILE = "entities/dates"

DIGIT = r"[\d]"
DAY = r"0?[1-9]|[12]\d|3[01]"
MONTH = r"0?[1-9]|1[0-2]"
OPENING_MARKS = regex.compile(r"[(\[“\"]")


@dataclass(frozen=True)
class DateReading:
    """What one date expression says, before a year left to the reader is filled in.

    Months and days are the first and last of the stretch covered; ``last_day`` ``None`` means
    the last day of ``last_month``. ``year`` is ``None`` where the text leaves it to context,
    ``year_offset`` then moves the year the text speaks of (``năm ngoái`` is -1).
    """

    start: int
    end: int
    rule: str
    granularity: str
    year: int | None = None
    year_offset: int = 0
    last_year: int | None = None
    first_month: int = 1
    first_day: int = 1
    last_month: int = 12
    last_day: int | None = None
    has_value: bool = False  # one day, month or year: gets an ISO ``normalized``
    datable: bool = True  # False where no calendar days can be computed (cùng kỳ, thứ Sáu, âm lịch)
    baseline: bool = False  # what a figure is compared with (`so với năm 2022`, `cùng kỳ năm 2022`)
    same_period: bool = False  # `cùng kỳ năm 2022`: so the text reports on the year after
    reported: bool = True  # False where the year is not one the text reports on (a birth year)
    time: str | None = None
    month_count: int | None = None  # `6 tháng`: a count that may point back to an anchored period


def roman_value(numeral: str) -> int | None:
    """`XXI` → 21; ``None`` where the letters are not a well-formed numeral."""
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for letter, following in zip(numeral, numeral[1:] + " "):
        value = values[letter]
        total += -value if values.get(following, 0) > value else value
    return total if total and roman_numeral(total) == numeral else None


def roman_numeral(number: int) -> str:
    """21 → `XXI`: the canonical spelling, against which a written numeral is checked."""
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


@dataclass(frozen=True)
class ResolvedDate:
    """A reading with its year settled: what ``Entity.normalized`` and ``detail`` hold."""

    normalized: str | None
    first: dt.date | None
    last: dt.date | None
    year_inferred: bool


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """The lists of ``rules/entities/dates.yml``, as regex pieces and lookup tables."""

    data: dict[str, Any]

    def words(self, key: str) -> tuple[str, ...]:
        return tuple(str(w) for w in self.data.get(key) or [])

    def table(self, key: str) -> dict[str, int]:
        return {str(k): int(v) for k, v in (self.data.get(key) or {}).items()}

    def lookup(self, key: str, word: str) -> int | None:
        """A word's value in a table, trying it as written and then case-insensitively."""
        table = self.table(key)
        squeezed = " ".join(word.split())
        if squeezed in table:
            return table[squeezed]
        folded = {k.casefold(): v for k, v in table.items()}
        return folded.get(squeezed.casefold())

    def alt(self, key: str) -> str:
        return alternation(self.words(key))

    def alt_keys(self, key: str) -> str:
        return alternation(str(k) for k in self.data.get(key) or {})

    @property
    def year_range(self) -> tuple[int, int]:
        low, high = self.data.get("year_range") or (1900, 2099)
        return int(low), int(high)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return Vocabulary(rules.load(RULE_FILE))


# --------------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class DateRule:
    """One shape of date expression: a compiled pattern and what a match of it says."""

    name: str
    pattern: regex.Pattern
    read: Callable[[str, regex.Match], DateReading | None]
    prefixed: bool = False  # a day: may extend back over `sáng`, `8 giờ`, `ngày` … (Grammar.day_prefix)


def tail_words(text: str, position: int, count: int = 3) -> str:
    """The few words just before ``position``, lower-cased, for context checks."""
    before = OPENING_MARKS.sub(r"\g<0> ", text[max(0, position - 40):position])  # `(từ 2-3/5)`: `từ` is a word
    return " ".join(before.split()[-count:]).casefold()


class Grammar:
    """The date rules built from the vocabulary; ``readings`` runs them over a text."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        v = vocab
        day_w, month_w, year_w, quarter_w = (v.alt(k) for k in ("day_words", "month_words", "year_words", "quarter_words"))
        self.day_w, self.month_w, self.year_w = day_w, month_w, year_w
        part = v.alt("parts_of_day")
        hour_w = v.alt("hour_words")
        minute_w = v.alt("minute_words")
        dash = alternation(v.words("range_dashes"))
        range_w = v.alt("range_words")
        rel = v.alt_keys("relative_years")
        month_names = case_sensitive(v.alt_keys("month_names"))
        quarter_num = "(?:" + case_sensitive(alternation(k for k in v.table("quarter_numerals") if k.isupper())) + "|" + alternation(
            k for k in v.table("quarter_numerals") if not k.isupper()) + ")"
        count = r"(?:\d{1,2}|" + v.alt_keys("count_words") + ")"
        year_part = v.alt_keys("year_parts")
        month_part = v.alt_keys("month_parts")
        count_edge = v.alt_keys("count_edges")
        same_period = v.alt("same_period_words")
        span_w = v.alt("span_words")
        weekday = case_sensitive(v.alt_keys("weekdays"))
        lunar_w = case_sensitive(v.alt("lunar_day_words"))
        lunar_num = r"(?:\d{1,2}|" + v.alt_keys("lunar_day_numbers") + ")"
        full_moon = case_sensitive(v.alt("full_moon_words"))
        festival = case_sensitive(v.alt("festival_words"))
        festival_name = case_sensitive(v.alt("festival_names"))
        stems = case_sensitive(v.alt("heavenly_stems"))
        branches = case_sensitive(v.alt("earthly_branches"))
        birth = "(?:" + case_sensitive(v.alt("birth_abbreviations")) + "|" + v.alt("birth_cues") + ")"
        joiner = alternation(v.words("quarter_joiners"))

        D = rf"(?P<d>{DAY})"
        M = rf"(?P<m>{MONTH})"
        Y = r"(?P<y>\d{4})"
        YEAR_TAIL = rf"(?:\s*[/.-]\s*{Y}|\s+{year_w}\s+{Y}|\s+{year_w}\s+(?P<rel>{rel}){STOP})"
        one_time = rf"\d{{1,2}}\s*{hour_w}(?:\s*\d{{1,2}}(?:\s*{minute_w})?)?"
        self.first_time = regex.compile(rf"(\d{{1,2}})(?:\s*{hour_w}\s*(\d{{1,2}})?)?", regex.IGNORECASE)
        # `8 giờ`, `16h45'`, or a stretch of hours (`10h đến 14h`, `6-7h`): the first hour is the time
        clock = (rf"(?P<clock>(?:\d{{1,2}}(?:\s*{hour_w}(?:\s*\d{{1,2}}(?:\s*{minute_w})?)?)?\s*(?:{dash}|{range_w})\s*)?"
                 rf"{one_time})")
        # What may stand before a day (`8 giờ`, `sáng`, `thứ Bảy,`, `ngày`): matched backwards from
        # the day's digits, so that the scan for days starts at digits only (ten times faster).
        part_rel = v.alt("part_of_day_relatives")
        opener = v.alt("day_openers")
        self.day_prefix = regex.compile(
            rf"(?r){START}(?:{clock}\s+(?:{part}\s+)?)?(?:(?P<part>{part})\s+(?:{part_rel}\s+)?|(?P<opener>{opener})\s+)?"
            rf"(?:(?P<weekday>{weekday})\s*,?\s*)?(?P<dayword>{day_w}\s+)?\Z", regex.IGNORECASE)
        month_ref = rf"(?:{M}|(?P<mname>{month_names}))"

        gap = int(v.data.get("comparison_gap") or 0)
        self.after_comparison = regex.compile(
            rf"{START}{v.alt('comparison_cues')}(?:\s+[\p{{L}}]+){{0,{gap}}}\s*$", regex.IGNORECASE)
        self.ends_in_year_word = regex.compile(rf"\s+{year_w}$", regex.IGNORECASE)
        self.year_word = regex.compile(year_w, regex.IGNORECASE)
        # `ngày 30-4 và 1-5`: a day in a list of days that a day word opened
        self.after_listed_day = regex.compile(
            rf"{START}{day_w}\s+(?:{DAY})[/.-](?:{MONTH})(?:[/.-]\d{{4}})?\s*{alternation(v.words('year_list_joiners'))}\s*$",
            regex.IGNORECASE)
        # `cao điểm 30/4, 1/5`: a day after a bare day and a joiner
        self.after_listed_bare_day = regex.compile(
            rf"{START}(?:{DAY})/(?P<m>{MONTH})\s*{alternation(v.words('year_list_joiners'))}\s*$", regex.IGNORECASE)
        # `các năm 2021, 2022 và 2023`: a year in a list of years
        self.after_listed_year = regex.compile(
            rf"(?<![\p{{N}}/.,-])\d{{4}}\s*{alternation(v.words('year_list_joiners'))}\s*$", regex.IGNORECASE)
        self.range_link = regex.compile(rf"\s*(?:{dash}|{range_w})\s*", regex.IGNORECASE)
        # between two counts of months in one list or range (`4 tháng, 5 tháng`, `3 tháng cho đến 11 tháng`)
        self.period_link = regex.compile(
            rf"\s*(?:{alternation(v.words('year_list_joiners'))}|(?:cho\s+)?(?:{range_w})|{dash})\s*", regex.IGNORECASE)

        def rule(name: str, pattern: str, read: Callable[[str, regex.Match], DateReading | None],
                 first: str = DIGIT, prefixed: bool = False) -> DateRule:
            """A rule whose matches begin with one of ``first`` (a regex class; the lookahead lets
            the scan skip ahead), and, if ``prefixed``, may extend back over a day's prefix."""
            return DateRule(name, regex.compile(rf"(?={first}){START}{pattern}", regex.IGNORECASE), read, prefixed)

        def initials(*keys: str) -> str:
            words = [w for key in keys for w in (v.words(key) if isinstance(v.data.get(key), list) else map(str, v.data.get(key) or {}))]
            return "[" + "".join(sorted({c for w in words for c in (w[0].lower(), w[0].upper())})) + "]"

        day_tail = r"(?![\p{N}]|[/.-]\p{N})"
        year_tail_guard = r"(?![\p{N}]|\s*/|[.,]\d)"
        counts_first = DIGIT[:-1] + initials("count_words")[1:]
        # `9 tháng năm 2024`, `6 tháng đầu của năm 2023`: `của` may join the count to its year
        counted = rf"(?:\s+(?P<edge>{count_edge}))?(?:\s+(?:của\s+)?{year_w}(?:\s+{Y}|\s+(?P<rel>{rel}))?)?{STOP}"
        self.rules: list[DateRule] = [
            # ngày 28/11/2022, sáng 31-1, 8 giờ ngày 31-1, thứ Bảy, 12/10, (27/4)
            rule("day_numeric", rf"{D}(?P<sep>[/.-]){M}(?:(?P=sep){Y}|\s+{year_w}\s+{Y})?{day_tail}",
                 self.read_day_numeric, prefixed=True),
            # ngày 07 tháng 12 năm 2023, 26 tháng Chạp
            rule("day_words", rf"{D}\s+{month_w}\s+{month_ref}(?:\s*,?\s*{year_w}\s+{Y}|\s*,\s*{Y}(?![\p{{N}}]|[.,]\d))?{STOP}",
                 self.read_day_words, prefixed=True),
            # ngày 5/11 đến 2/12, ngày 5-7/11/2023, 30/4-1/5, (23-27/4), đêm 5-6/7
            rule("day_range", rf"(?P<d1>{DAY})(?:(?P<sep1>[/-])(?P<m1>{MONTH}))?\s*(?:{dash}|{range_w})\s*"
                              rf"(?P<d2>{DAY})(?P<sep>[/-])(?P<m2>{MONTH})(?:[/-]{Y}|\s+{year_w}\s+{Y})?{day_tail}",
                 self.read_day_range, prefixed=True),
            # ngày 2 và 3/9, các ngày 28, 29 và 30/4
            rule("day_list", rf"(?P<dayword>{day_w})\s+(?P<d1>{DAY})(?:\s*,\s*(?:{DAY}))*\s*{alternation(v.words('year_list_joiners'))}\s*"
                             rf"(?P<d2>{DAY})(?P<sep>[/-])(?P<m2>{MONTH})(?:(?P=sep){Y}|\s+{year_w}\s+{Y})?{day_tail}",
                 self.read_day_list, initials("day_words")),
            # ngày 1 (đến ngày 15/3): a day whose month comes with the day that closes the stretch
            rule("day_of_month", rf"(?P<dayword>{day_w})\s+{D}(?=\s*(?:{dash}|{range_w})\s*{day_w}\s+(?:{DAY})[/-]{M}{day_tail})",
                 self.read_day_of_month, initials("day_words")),
            # tháng 9/2023, tháng 8, tháng 8 năm ngoái, cuối tháng 9, tháng Giêng
            rule("month", rf"(?:(?P<edge>{month_part})\s+)?{month_w}\s+{month_ref}{YEAR_TAIL}?(?![\p{{L}}\p{{N}}]|[,.]\p{{N}})",
                 self.read_month, initials("month_parts", "month_words")),
            # tháng 7-9/2024
            rule("month_range", rf"{month_w}\s+(?P<m1>{MONTH})\s*(?:{dash}|{range_w})\s*(?P<m2>{MONTH})"
                                rf"(?:\s*/\s*{Y}|\s+{year_w}\s+{Y}){STOP}",
                 self.read_month_range, initials("month_words")),
            # quý I/2024, quý III năm 2023, quý 1 và 2 năm 2023
            rule("quarter", rf"(?:(?P<edge>{year_part})\s+)?{quarter_w}\s+(?P<q1>{quarter_num})"
                            rf"(?:\s*{joiner}\s*(?:{quarter_w}\s+)?(?P<q2>{quarter_num}))?{STOP}{YEAR_TAIL}?{STOP}",
                 self.read_quarter, initials("year_parts", "quarter_words")),
            # Q1/2024, Q3 2023: the short form needs its year (`Q1` alone is a district of a city)
            rule("quarter_short", rf"{case_sensitive(v.alt('quarter_abbreviations'))}(?P<q1>[1-4])(?:\s*/\s*|\s+){Y}{STOP}(?!\s*/)",
                 self.read_quarter_short, initials("quarter_abbreviations")),
            # 11/2023 without `tháng`, where a date word or a bracket opens it
            rule("month_year", rf"(?<![\p{{N}}/.,-]){M}/{Y}(?![\p{{N}}]|\s*/|-\p{{L}}|[.,]\d)", self.read_month_year),
            # quý đầu năm 2023
            rule("quarter_edge", rf"{quarter_w}\s+(?P<edge>{count_edge})\s+(?:{year_w}\s+)?{Y}{STOP}", self.read_quarter_edge,
                 initials("quarter_words")),
            # 3 quý đầu năm, 3 quý
            rule("quarter_count", rf"(?P<n>{count})\s+{quarter_w}{counted}", self.read_quarter_count, counts_first),
            # 8 tháng năm 2023, 6 tháng đầu năm 2024, 5 tháng đầu năm, 6 tháng
            rule("month_count", rf"(?P<n>{count})\s+{month_w}{counted}", self.read_month_count, counts_first),
            # năm 2023, giai đoạn 2021 - 2025, năm 2020 đến 2025, cuối năm 2025, cùng kỳ năm 2022
            rule("year", rf"(?:(?P<edge>{year_part}|{same_period})\s+)?(?P<word>{span_w}|{year_w})\s+(?:(?P<from>{v.alt('span_openers')})\s+)?{Y}"
                         rf"(?:\s*{dash}\s*(?P<y2>\d{{4}})|\s+{range_w}\s+(?P<y2b>\d{{4}})|\s*(?:/|{dash})\s*(?P<y2s>\d{{2}}))?"
                         rf"(?![\p{{N}}]|\s*/\s*\p{{L}}|[.,]\d|%)",
                 self.read_year, initials("year_parts", "same_period_words", "span_words", "year_words")),
            # cuối 2022
            rule("year_edge_bare", rf"(?P<edge>{year_part}|{same_period})\s+{Y}{year_tail_guard}", self.read_year_edge_bare,
                 initials("year_parts", "same_period_words")),
            # thập niên 1990, những năm 2000, thập kỷ 80, thế kỷ 21, đầu thế kỷ XX
            rule("decade", rf"(?:(?P<edge>{year_part})\s+)?{v.alt('decade_words')}\s+(?P<dy>\d{{4}}|\d0){STOP}"
                           rf"(?!\s*[/-]\s*\d|%|\s+{v.alt('not_decade_after')}{STOP})",
                 self.read_decade, initials("year_parts", "decade_words")),
            rule("century", rf"(?:(?P<edge>{year_part})\s+)?{v.alt('century_words')}\s+(?:{v.alt('ordinal_words')}\s+)?"
                            rf"(?P<c>\d{{1,2}}|{case_sensitive('[IVX]+')}){STOP}",
                 self.read_century, initials("year_parts", "century_words")),
            # 2026-2030, 2019 đến 2022
            rule("year_range", rf"(?<![/.,-]){Y}(?:\s*{dash}\s*|\s+{range_w}\s+)(?P<y2>\d{{4}}){year_tail_guard}",
                 self.read_year_range),
            # (từ) 2017 (đến nay), so với 2021
            rule("year_bare", rf"(?<![/.,:-]){Y}(?![\p{{N}}]|\s*/|[.,]\d|%|-\p{{L}})", self.read_year_bare),
            # SN 1976, sinh năm 1993
            rule("birth_year", rf"{birth}\s*:?\s*{Y}{STOP}", self.read_birth_year, initials("birth_cues", "birth_abbreviations")),
            # 16 giờ 45p, lúc 9 giờ, 5h sáng, 17h cùng ngày
            rule("clock", rf"(?:(?P<cue>{v.alt('clock_cues')})\s+)?(?P<h>\d{{1,2}})\s*{hour_w}\s*(?P<min>\d{{1,2}})?"
                          rf"(?:\s*{minute_w})?(?:\s+(?P<part>{part}))?{STOP}(?=\s+(?P<day>{v.alt('clock_day_words')}){STOP})?",
                 self.read_clock, DIGIT[:-1] + initials("clock_cues")[1:]),
            # 6-7h sáng, 17h-19h, từ 10 giờ đến 14 giờ
            rule("clock_range", rf"(?P<h>\d{{1,2}})(?:\s*(?P<hw1>{hour_w})(?:\s*\d{{1,2}}(?:\s*{minute_w})?)?)?\s*(?:{dash}|{range_w})\s*"
                                rf"(?P<h2>\d{{1,2}})\s*{hour_w}(?:\s*\d{{1,2}}(?:\s*{minute_w})?)?(?:\s+(?P<part>{part}))?{STOP}",
                 self.read_clock_range),
            # thứ Sáu, Chủ nhật
            rule("weekday", rf"{weekday}{STOP}", self.read_weekday, initials("weekdays")),
            # mùng 8, mùng 1 Tết, mồng 10 tháng 3
            rule("lunar_day", rf"{lunar_w}\s+(?P<ld>{lunar_num})(?:\s+{month_w}\s+{month_ref}|\s+{festival})?{STOP}",
                 self.read_named, initials("lunar_day_words")),
            # rằm tháng Giêng
            rule("full_moon", rf"{full_moon}\s+{month_w}\s+{month_ref}{STOP}", self.read_named,
                 initials("full_moon_words")),
            # Tết Nguyên đán, Tết Quý Mão, Tết nguyên đán 2021
            rule("festival", rf"{festival}\s+(?:{festival_name}(?:\s+{stems}\s+{branches})?(?:\s+{Y})?"
                             rf"|{stems}\s+{branches}(?:\s+{Y})?|{Y}){STOP}",
                 self.read_festival, initials("festival_words")),
            # năm Quý Mão
            rule("year_name", rf"{year_w}\s+{stems}\s+{branches}{STOP}", self.read_named, initials("year_words")),
        ]

    # ----------------------------------------------------------------- helpers

    def valid_year(self, value: str | None) -> int | None:
        if value is None:
            return None
        low, high = self.vocab.year_range
        year = int(value)
        return year if low <= year <= high else None

    def relative(self, match: regex.Match) -> int | None:
        word = match.groupdict().get("rel")
        return None if word is None else self.vocab.lookup("relative_years", word)

    def month_of(self, match: regex.Match) -> int | None:
        if match.group("m"):
            return int(match.group("m"))
        if match.groupdict().get("mname"):
            return self.vocab.lookup("month_names", match.group("mname"))
        return None

    def count_of(self, word: str) -> int | None:
        return int(word) if word.isdigit() else self.vocab.lookup("count_words", word)

    def year_parts(self, word: str | None, table: str = "year_parts") -> tuple[int, int] | None:
        if not word:
            return None
        key = " ".join(word.split()).casefold()
        for name, bounds in (self.vocab.data.get(table) or {}).items():
            if name.casefold() == key:
                return int(bounds[0]), int(bounds[1])
        return None

    def counts_from_end(self, edge: str | None) -> bool:
        """`3 tháng cuối năm`: the months are counted back from the end of the year."""
        edges = {str(k).casefold(): str(v) for k, v in (self.vocab.data.get("count_edges") or {}).items()}
        return bool(edge) and edges.get(" ".join(edge.split()).casefold()) == "last"

    def is_same_period(self, word: str | None) -> bool:
        return bool(word) and starts_with_any(word, self.vocab.words("same_period_words"))

    @staticmethod
    def clock_text(hour: int, minute: int = 0) -> str | None:
        return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None

    def clock_of(self, match: regex.Match) -> str | None:
        raw = match.groupdict().get("clock")
        if not raw:
            return None
        first = self.first_time.match(raw)  # `10h đến 14h`: the stretch starts at 10:00
        return self.clock_text(int(first.group(1)), int(first.group(2) or 0))

    def reading(self, match: regex.Match, rule: str, granularity: str, **fields: Any) -> DateReading:
        return DateReading(start=match.start(), end=match.end(), rule=rule, granularity=granularity, **fields)

    # ----------------------------------------------------------------- readers

    @staticmethod
    def has_day_prefix(match: regex.Match) -> bool:
        """Whether a day's match opens with a word that makes it a day (`ngày`, `sáng`, `hôm`, `8 giờ`)."""
        groups = match.groupdict()
        return any(groups.get(g) for g in ("clock", "part", "opener", "weekday", "dayword"))

    def read_day_numeric(self, text: str, match: regex.Match) -> DateReading | None:
        day, month = int(match.group("d")), int(match.group("m"))
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        has_prefix = self.has_day_prefix(match)
        if year is None:
            if match.group("sep") == "." and not has_prefix:
                return None  # `1.5` with no `ngày`: a decimal
            if not has_prefix and not self.bare_day_in_context(text, match.start(), match.end(), match.group("sep")):
                return None
        elif match.group("sep") == "." and not has_prefix and match.group(0).count(".") != 2:
            return None
        return self.day_reading(match, "day_numeric", day, month, year)

    def bare_day_in_context(self, text: str, start: int, end: int, sep: str, depth: int = 0) -> bool:
        """``27/4`` with no ``ngày``: a day in parentheses, after a date word or a holiday's name,
        or in a list after such a day (`cao điểm 30/4, 1/5`), before punctuation."""
        if self.after_listed_day.search(text[max(0, start - 30):start]):
            return True  # `ngày 30-4 và 1-5`: the second day of a list
        if sep != "/":
            return False
        before = tail_words(text, start)
        if ends_with_any(before, self.vocab.words("not_day_before")):
            return False
        if ends_with_any(tail_words(text, start, 2), self.vocab.words("bare_day_before_strong")):
            return True  # `phiên 31/10 tỷ giá giảm`, `Quốc khánh 2/9 được`: the words before say it is a day
        after = text[end:end + 2]
        ends_clause = after == "" or after[0] in ".,;:)!?\n" or after.startswith(" (") or after.startswith(" -")
        if not ends_clause and not starts_with_any(text[end:], self.vocab.words("bare_day_after")):
            return False
        window = tail_words(text, start, int(self.vocab.data.get("bare_day_window") or 1)).split()
        if (ends_with_any(before, self.vocab.words("bare_day_before"))
                or any(word in window for word in self.vocab.words("bare_day_window_cues"))
                or text[:start].rstrip().endswith("(")):
            return True
        listed = self.after_listed_bare_day.search(text, max(0, start - 20), start)
        return bool(listed) and depth < 3 and self.bare_day_in_context(
            text, listed.start(), listed.end("m"), "/", depth + 1)

    def read_day_range(self, text: str, match: regex.Match) -> DateReading | None:
        """`ngày 5/11 đến 2/12`, `30/4-1/5`, `(23-27/4)`, `đêm 5-6/7`: a stretch of days."""
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        month2 = int(match.group("m2"))
        month1 = int(match.group("m1") or month2)
        day1, day2 = int(match.group("d1")), int(match.group("d2"))
        if (month1, day1) >= (month2, day2) or day1 > calendar.monthrange(year or 2024, month1)[1]:
            return None
        if day2 > calendar.monthrange(year or 2024, month2)[1]:
            return None
        if not self.has_day_prefix(match) and year is None:
            both_full = match.group("m1") and match.group("sep1") == "/" and match.group("sep") == "/"
            fraction_like = day1 < month1 and day2 < month2  # `1/2-2/3`: shares, sizes, codes
            if both_full and not fraction_like:  # `30/4-1/5`: two days in full need no cue, unless a share is meant
                if ends_with_any(tail_words(text, match.start()), self.vocab.words("not_day_before")) \
                        or text[match.end():match.end() + 1] == "%":
                    return None
            elif not self.bare_day_in_context(text, match.start(), match.end(), match.group("sep")):
                return None
        return self.reading(match, "day_range", "period", year=year, first_month=month1, first_day=day1,
                            last_month=month2, last_day=day2)

    def read_day_list(self, text: str, match: regex.Match) -> DateReading | None:
        """`ngày 2 và 3/9`: days of one month listed, read as the stretch from the first to the last."""
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        month, first, last = int(match.group("m2")), int(match.group("d1")), int(match.group("d2"))
        if first >= last or last > calendar.monthrange(year or 2024, month)[1]:
            return None
        return self.reading(match, "day_list", "period", year=year, first_month=month, first_day=first,
                            last_month=month, last_day=last)

    def read_day_of_month(self, text: str, match: regex.Match) -> DateReading | None:
        """`ngày 1` in `từ ngày 1 đến ngày 15/3`: a day whose month the next day gives."""
        return self.day_reading(match, "day_of_month", int(match.group("d")), int(match.group("m")), None)

    def day_reading(self, match: regex.Match, rule: str, day: int, month: int, year: int | None) -> DateReading | None:
        if day > calendar.monthrange(year or 2024, month)[1]:
            return None
        return self.reading(match, rule, "day", year=year, first_month=month, first_day=day, last_month=month,
                            last_day=day, has_value=True, time=self.clock_of(match))

    def read_day_words(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        month = self.month_of(match)
        lunar = bool(match.group("mname")) and starts_with_any(match.group("mname"), self.vocab.words("lunar_months"))
        if month is None or (not match.group("dayword") and year is None and not lunar):
            return None
        reading = self.day_reading(match, "day_words", int(match.group("d")), month, year)
        if reading is not None and lunar:  # `26 tháng Chạp`: a lunar day, not a day of our calendar
            return dataclasses.replace(reading, has_value=False, datable=False)
        return reading

    def read_month(self, text: str, match: regex.Match) -> DateReading | None:
        month = self.month_of(match)
        if month is None:
            return None
        before = tail_words(text, match.start(), 2)
        if ends_with_any(before, self.vocab.words("not_month_before")) or text[:match.start()].endswith("/"):
            return None
        if regex.match(r"\s*\d", text[match.start() - 2:match.start()] if match.start() >= 2 else "") and not match.group("edge"):
            return None  # `6 tháng 8`: a count of months runs into the number
        if not match.group("y") and not match.group("rel") and starts_with_any(text[match.end():], self.vocab.words("not_month_after")):
            return None
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        offset = self.relative(match) or 0
        edge = self.year_parts(match.group("edge"), "month_parts")
        if edge:
            return self.reading(match, "month", "period", year=year, year_offset=offset, first_month=month,
                                first_day=edge[0], last_month=month, last_day=None if edge[1] >= 28 else edge[1])
        return self.reading(match, "month", "month", year=year, year_offset=offset, first_month=month,
                            last_month=month, has_value=True)

    def read_month_range(self, text: str, match: regex.Match) -> DateReading | None:
        first, last = int(match.group("m1")), int(match.group("m2"))
        year = self.valid_year(match.group("y"))
        if year is None or first >= last:
            return None
        return self.reading(match, "month_range", "period", year=year, first_month=first, last_month=last)

    def quarter_number(self, word: str | None) -> int | None:
        if not word:
            return None
        return self.vocab.lookup("quarter_numerals", word) if not word.isupper() else self.vocab.table("quarter_numerals").get(word)

    def read_quarter(self, text: str, match: regex.Match) -> DateReading | None:
        first = self.quarter_number(match.group("q1"))
        last = self.quarter_number(match.group("q2")) or first
        if first is None or last is None or last < first:
            return None
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        granularity = "quarter" if first == last and not match.group("edge") else "period"
        return self.reading(match, "quarter", granularity, year=year, year_offset=self.relative(match) or 0,
                            first_month=3 * first - 2, last_month=3 * last)

    def read_quarter_short(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        first = int(match.group("q1"))
        return self.reading(match, "quarter_short", "quarter", year=year, first_month=3 * first - 2, last_month=3 * first)

    def read_month_year(self, text: str, match: regex.Match) -> DateReading | None:
        """`tính đến 11/2023`, `(3/2024)`: a month and year with no `tháng`, where the words before
        make it a date rather than a document number or a ratio."""
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        before = tail_words(text, match.start(), 3)
        if ends_with_any(before, self.vocab.words("not_day_before")) or ends_with_any(before, self.vocab.words("not_month_year_before")):
            return None
        if not (ends_with_any(before, self.vocab.words("bare_day_before")) or ends_with_any(before, self.vocab.words("bare_year_before"))
                or ends_with_any(before, self.vocab.words("month_year_before"))):
            return None
        month = int(match.group("m"))
        return self.reading(match, "month_year", "month", year=year, first_month=month, last_month=month, has_value=True)

    def read_quarter_edge(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        last = self.counts_from_end(match.group("edge"))
        return self.reading(match, "quarter_edge", "quarter", year=year,
                            first_month=10 if last else 1, last_month=12 if last else 3)

    def counted_period(self, text: str, match: regex.Match, rule: str, months_each: int, most: int) -> DateReading | None:
        count = self.count_of(match.group("n"))
        if count is None or not 1 <= count <= most:
            return None
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        anchored = bool(match.group("edge") or match.group("y") or match.group("rel"))
        if not anchored and self.ends_in_year_word.search(match.group(0)):
            return None  # `8 tháng năm` with nothing after: not a period we can place
        months = count * months_each
        last_edge = self.counts_from_end(match.group("edge"))
        first_month, last_month = (13 - months, 12) if last_edge else (1, months)
        return self.reading(match, rule, "period", year=year, year_offset=self.relative(match) or 0,
                            first_month=first_month, last_month=last_month,
                            month_count=None if anchored else months)

    def read_month_count(self, text: str, match: regex.Match) -> DateReading | None:
        return self.counted_period(text, match, "month_count", 1, 12)

    def read_quarter_count(self, text: str, match: regex.Match) -> DateReading | None:
        return self.counted_period(text, match, "quarter_count", 3, 4)

    def read_year(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        second = match.group("y2") or match.group("y2b")
        if match.group("y2s"):  # `niên vụ 2023/24`: the second year by its last two digits
            second = str(year + 1) if int(match.group("y2s")) == (year + 1) % 100 else None
            if second is None:
                return None
        if second and regex.search(r"\d\s+$", text[max(0, match.start() - 4):match.start()]) and not match.group("edge"):
            return None  # `5 năm 2026 - 2030`: the `năm` counts years; the range stands alone
        last_year = self.valid_year(second)
        if second and (last_year is None or not year < last_year <= year + 50):
            return None
        edge_word = match.group("edge")
        if self.is_same_period(edge_word):
            return self.reading(match, "year", "period", year=year, datable=False, baseline=True, same_period=True)
        edge = self.year_parts(edge_word)
        is_year_word = self.year_word.fullmatch(match.group("word")) is not None
        if edge == (1, 12) and is_year_word and not last_year:  # `cả năm 2023`: the whole year
            return self.reading(match, "year", "year", year=year, has_value=True)
        if edge:
            return self.reading(match, "year", "period", year=year, last_year=last_year,
                                first_month=edge[0], last_month=edge[1])
        if last_year or not is_year_word:
            return self.reading(match, "year", "period", year=year, last_year=last_year)
        return self.reading(match, "year", "year", year=year, has_value=True)

    def read_year_edge_bare(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        if self.is_same_period(match.group("edge")):
            return self.reading(match, "year_edge_bare", "period", year=year, datable=False, baseline=True,
                                same_period=True)
        first, last = self.year_parts(match.group("edge")) or (1, 12)
        return self.reading(match, "year_edge_bare", "period", year=year, first_month=first, last_month=last)

    def read_decade(self, text: str, match: regex.Match) -> DateReading | None:
        """`thập niên 1990`, `những năm 90`: the ten years from a year ending in 0 (background, so
        not a year the text reports on)."""
        written = int(match.group("dy"))
        first = written if written >= 100 else written + (1900 if written >= 30 else 2000)
        if first % 10 or self.valid_year(str(first)) is None:
            return None
        return self.reading(match, "decade", "period", year=first, last_year=first + 9, reported=False)

    def read_century(self, text: str, match: regex.Match) -> DateReading | None:
        """`thế kỷ 21`, `thế kỷ XX`: a hundred years, counted from year 1."""
        written = match.group("c")
        number = int(written) if written.isdigit() else roman_value(written)
        if number is None or not 1 <= number <= 22:
            return None
        return self.reading(match, "century", "period", year=(number - 1) * 100 + 1, last_year=number * 100,
                            reported=False)  # an era is background: it says nothing of the year reported on

    def read_year_range(self, text: str, match: regex.Match) -> DateReading | None:
        year, last_year = self.valid_year(match.group("y")), self.valid_year(match.group("y2"))
        if year is None or last_year is None or not year < last_year <= year + 50:
            return None
        if ends_with_any(tail_words(text, match.start()), self.vocab.words("not_year_before")):
            return None
        return self.reading(match, "year_range", "period", year=year, last_year=last_year)

    def read_year_bare(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None:
            return None
        before = tail_words(text, match.start())
        if ends_with_any(before, self.vocab.words("not_year_before")):
            return None
        after = text[match.end():]
        ends_clause = after.strip() == "" or after[:1] in ".,;:)!?\n\"”" or after[:2] in (" (", " -", " –")
        followed_well = ends_clause or starts_with_any(after, self.vocab.words("bare_year_after"))
        strong_cue = (ends_with_any(before, self.vocab.words("bare_year_before"))
                      or self.after_listed_year.search(text[max(0, match.start() - 40):match.start()]) is not None)
        weak_cue = ends_with_any(before, self.vocab.words("bare_year_before_weak"))
        horizon = (ends_with_any(before, self.vocab.words("horizon_cues"))
                   and year >= int(self.vocab.data.get("horizon_year_from") or 9999))
        if not (strong_cue or followed_well or horizon):
            return None
        if weak_cue and not followed_well and not horizon:
            return None
        return self.reading(match, "year_bare", "year", year=year, has_value=True)

    def read_birth_year(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if year is None or ends_with_any(tail_words(text, match.start(), 1), self.vocab.words("not_birth_before")):
            return None
        return self.reading(match, "birth_year", "year", year=year, has_value=True, reported=False)

    def read_clock(self, text: str, match: regex.Match) -> DateReading | None:
        hour = int(match.group("h"))
        minute = int(match.group("min")) if match.group("min") else None
        if minute is None and not (match.group("cue") or match.group("part") or match.group("day")):
            return None  # `24 giờ`: a length of time
        time = self.clock_text(hour, minute or 0)
        if time is None:
            return None
        reading = self.reading(match, "clock", "time", datable=False, time=time)
        return dataclasses.replace(reading, start=match.start("h"))  # `lúc` says it is a time; the span is the time

    def read_clock_range(self, text: str, match: regex.Match) -> DateReading | None:
        """`6-7h sáng`, `17h-19h`: hours of the clock when a part of day or both hour words say so,
        not `kéo dài 2-3 giờ` (a length of time)."""
        if ends_with_any(tail_words(text, match.start(), 2), self.vocab.words("duration_cues")):
            return None
        if not (match.group("part") or match.group("hw1")
                or ends_with_any(tail_words(text, match.start(), 2), self.vocab.words("clock_cues"))):
            return None
        first = self.first_time.match(match.group(0))
        time = self.clock_text(int(first.group(1)), int(first.group(2) or 0))
        if time is None or self.clock_text(int(match.group("h2"))) is None:
            return None
        return self.reading(match, "clock_range", "time", datable=False, time=time)

    def read_weekday(self, text: str, match: regex.Match) -> DateReading | None:
        if ends_with_any(tail_words(text, match.start(), 1), self.vocab.words("not_weekday_before")):
            return None  # `lần thứ Hai`: an ordinal
        return self.reading(match, "weekday", "day", datable=False)

    def read_named(self, text: str, match: regex.Match) -> DateReading | None:
        return self.reading(match, "named_day", "day", datable=False)

    def read_festival(self, text: str, match: regex.Match) -> DateReading | None:
        year = self.valid_year(match.group("y"))
        if match.group("y") and year is None:
            return None
        return self.reading(match, "festival", "day", year=year, datable=False)

    # ----------------------------------------------------------------- running

    def candidates(self, text: str, prefixed_only: bool = False) -> list[DateReading]:
        """Every reading of every rule, overlapping (``prefixed_only``: days only)."""
        found = []
        for date_rule in self.rules:
            if prefixed_only and not date_rule.prefixed:
                continue
            for match in date_rule.pattern.finditer(text, overlapped=True):
                if date_rule.prefixed:
                    prefix = self.day_prefix.search(text, max(0, match.start() - 60), match.start())
                    if prefix is None:
                        continue
                    match = PrefixedMatch(match, prefix)
                reading = date_rule.read(text, match)
                if reading is not None and reading.end > reading.start:
                    found.append(reading)
        return found

    def readings(self, text: str) -> list[DateReading]:
        """Outermost readings, longest first where two overlap, in text order."""
        found = self.candidates(text)
        anchored_counts = {r.last_month - r.first_month + 1 for r in found
                           if r.rule in ("month_count", "quarter_count") and r.month_count is None}
        pool = [r for r in found if r.month_count is None or self.points_back(text, r, anchored_counts)]
        pool += self.listed_with_periods(text, pool, [r for r in found if r not in pool])
        chosen: list[DateReading] = []
        taken = bytearray(len(text) + 1)
        for reading in sorted(pool, key=lambda r: (-(r.end - r.start), r.start)):
            if any(taken[reading.start:reading.end]):
                continue
            taken[reading.start:reading.end] = b"\x01" * (reading.end - reading.start)
            chosen.append(reading)
        return sorted((self.mark_baseline(text, r) for r in chosen), key=lambda r: r.start)

    def listed_with_periods(self, text: str, periods: list[DateReading], counts: list[DateReading]) -> list[DateReading]:
        """`Tiếp đó 4 tháng, 5 tháng … và 9 tháng`, `từ 3 tháng cho đến 11 tháng năm 2020`: counts of
        months listed with, or ranging up to, a period of the calendar are periods too."""
        joined: list[DateReading] = []
        anchors = sorted(periods, key=lambda r: r.start)
        waiting = sorted(counts, key=lambda r: r.start)
        changed = True
        while changed and waiting:
            changed = False
            for reading in list(waiting):
                for anchor in anchors:
                    gap = text[reading.end:anchor.start] if reading.end <= anchor.start else text[anchor.end:reading.start]
                    if anchor.rule in ("month_count", "quarter_count") and self.period_link.fullmatch(gap):
                        joined.append(reading)
                        anchors.append(reading)
                        waiting.remove(reading)
                        changed = True
                        break
        return joined

    def mark_baseline(self, text: str, reading: DateReading) -> DateReading:
        """A date after `so với` is what a figure is compared with, not the year reported on."""
        if reading.baseline or not reading.reported or reading.year is None:
            return reading
        before = text[max(0, reading.start - 60):reading.start]
        if self.after_comparison.search(before):
            return dataclasses.replace(reading, baseline=True)
        return reading

    def range_partner_years(self, text: str, readings: list[DateReading]) -> dict[int, int]:
        """`tháng 1 đến tháng 6 năm 2024`: the first end of a range takes the year of the second."""
        partners = {}
        for first, second in zip(readings, readings[1:]):
            if first.year is None and second.year is not None and self.range_link.fullmatch(text[first.end:second.start]):
                partners[first.start] = second.year
        return partners

    def horizon_starts(self, text: str, readings: list[DateReading]) -> set[int]:
        """Starts of readings that name a horizon (`đến năm 2030`, `tầm nhìn đến năm 2045`)."""
        cues = self.vocab.words("horizon_cues")
        return {r.start for r in readings if ends_with_any(tail_words(text, r.start, 3), cues)}

    def points_back(self, text: str, reading: DateReading, anchored_counts: set[int]) -> bool:
        """A bare ``6 tháng`` is the reported period when the text anchored it, not a length of time."""
        before = tail_words(text, reading.start, 2)
        if ends_with_any(before, self.vocab.words("duration_cues")) or text[:reading.start].endswith("/"):
            return False
        if starts_with_any(text[reading.end:], self.vocab.words("duration_after")):
            return False
        framed = (ends_with_any(tail_words(text, reading.start, 1), self.vocab.words("period_frame_cues"))
                  and text[reading.end:reading.end + 1] == ",")  # `Trong 9 tháng, tỉnh thu hút …`
        cued = (framed or ends_with_any(before, self.vocab.words("period_report_cues"))
                or starts_with_any(text[reading.end:], self.vocab.words("period_result_verbs")))
        return cued or reading.month_count in anchored_counts


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar(vocabulary())


# --------------------------------------------------------------------------- years


class YearMention(NamedTuple):
    """A year the text names at ``position``; ``primary`` when it is a year the text reports on."""

    position: int
    year: int
    primary: bool = True


def reference_years(readings: list[DateReading], cited: set[int] = frozenset(), horizons: set[int] = frozenset()) -> list[YearMention]:
    """Every year the text names, in text order, marked primary where the text reports on it.

    A baseline (``cùng kỳ năm 2022``) is not such a year, but it says the text is about the year
    after it; ``so với năm 2020`` says nothing. A cited document's date (``Nghị quyết … ngày
    9/12/2022``; starts in ``cited``) and a horizon (``đến năm 2030``; in ``horizons``) are years
    the text is not about: kept only as a last resort. Readings that leave the year open add nothing.
    """
    years = []
    for reading in readings:
        if reading.year is None:
            continue
        if reading.same_period:
            years.append(YearMention(reading.start, reading.year + 1))
            continue
        if reading.baseline or not reading.reported:
            continue
        primary = reading.start not in cited and reading.start not in horizons
        years.append(YearMention(reading.start, reading.last_year or reading.year, primary))
    return years


def year_for(position: int, known: list[YearMention]) -> int | None:
    """The year the text means at ``position``: the last one it reported on before, else the
    commonest it reports on, else the commonest it names at all (latest first on a tie)."""
    primary = [m for m in known if m.primary]
    before = [m.year for m in primary if m.position < position]
    if before:
        return before[-1]
    pool = primary or list(known)
    if not pool:
        return None
    counts = Counter(m.year for m in pool)
    return max(counts, key=lambda year: (counts[year], year))


def resolve(reading: DateReading, known: list[YearMention], partner_year: int | None = None) -> ResolvedDate:
    """Settle a reading's year and compute its ISO value and first and last day.

    ``partner_year`` is the year of the other end of a range the reading opens, which wins over
    the years named elsewhere in the text."""
    inferred = reading.year is None
    year = reading.year
    if year is None and partner_year is not None:
        year = partner_year
    if year is None:
        base = year_for(reading.start, known)
        year = None if base is None else base + reading.year_offset
    if year is None or not reading.datable:
        return ResolvedDate(None, None, None, inferred)
    last_year = reading.last_year or year
    last_month_days = calendar.monthrange(last_year, reading.last_month)[1]
    try:
        first = dt.date(year, reading.first_month, reading.first_day)
        last = dt.date(last_year, reading.last_month, min(reading.last_day or last_month_days, last_month_days))
    except ValueError:  # 29/2 of a year that has none
        return ResolvedDate(None, None, None, inferred)
    normalized = None
    if reading.has_value:
        normalized = {"day": first.isoformat(), "month": first.isoformat()[:7], "year": str(year)}.get(reading.granularity)
    return ResolvedDate(normalized, first, last, inferred)


def detail_of(reading: DateReading, resolved: ResolvedDate) -> dict[str, Any]:
    detail: dict[str, Any] = {"granularity": reading.granularity, "year_inferred": resolved.year_inferred}
    if resolved.first and resolved.last:
        detail["start"] = resolved.first.isoformat()
        detail["end"] = resolved.last.isoformat()
    if reading.time:
        detail["time"] = reading.time
    if reading.baseline:
        detail["baseline"] = True  # compared with, not reported on
    return detail


def cited_starts(text: str, readings: list[DateReading], documents: Iterable[tuple[int, int]]) -> set[int]:
    """Starts of readings inside a cited document or right after it (its date of issue).

    ``documents`` are the DOC spans, from the resolver: the DOC finder reads dates itself, so the
    date grammar does not ask it back."""
    spans = tuple(documents)
    cited = set()
    for reading in readings:
        for start, end in spans:
            if start <= reading.start < end or (
                    end <= reading.start and not text[end:reading.start].strip(" ,(\t")):
                cited.add(reading.start)
    return cited


def stated_day(text: str) -> str | None:
    """The ISO day a text begins with, if it states one in full (`ngày 28/11/2022 của …`).

    For a cited document's date: no year is inferred, so this never looks at a whole text.
    """
    for reading in grammar().candidates(text, prefixed_only=True):
        if reading.start == 0 and reading.year is not None:
            return resolve(reading, []).normalized
    return None


def find_dates(text: str, cited_documents: Iterable[tuple[int, int]] = ()) -> list[Entity]:
    """Every outermost DATE in ``text``, with its ISO value and the days it covers.

    ``cited_documents`` are the (start, end) spans of the documents the text cites: their dates are
    not years the text reports on."""
    readings = grammar().readings(text)
    date_grammar = grammar()
    known = reference_years(readings, cited_starts(text, readings, cited_documents), date_grammar.horizon_starts(text, readings))
    partners = date_grammar.range_partner_years(text, readings)
    entities = []
    for reading in readings:
        resolved = resolve(reading, known, partners.get(reading.start))
        entities.append(Entity(
            start=reading.start,
            end=reading.end,
            text=text[reading.start:reading.end],
            type="DATE",
            normalized=resolved.normalized,
            detail=detail_of(reading, resolved),
            rule=reading.rule,
        ))
    return entities
