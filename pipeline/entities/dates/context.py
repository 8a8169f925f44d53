"""What every reader of a date expression gets: the vocabulary, the patterns it checks the text
around a match with, and the small steps all readers share (a year in range, a month by number or
name, a part of the year, a reading of the match)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..patterns import START
from .fragments import DAY, MONTH, Fragments
from .records import DateReading
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class ReadingContext:
    """The vocabulary and context patterns, passed to every reader (``ctx``)."""

    vocab: Vocabulary
    first_time: regex.Pattern  # the first hour (and minute) of `10h đến 14h`
    ends_in_year_word: regex.Pattern
    year_word: regex.Pattern
    after_listed_day: regex.Pattern  # `ngày 30-4 và 1-5`: a day in a list of days that a day word opened
    after_listed_bare_day: regex.Pattern  # `cao điểm 30/4, 1/5`: a day after a bare day and a joiner
    after_listed_year: regex.Pattern  # `các năm 2021, 2022 và 2023`: a year in a list of years

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

    def year_parts(self, word: str | None, table: str = "year_parts") -> tuple[int, int] | None:
        if not word:
            return None
        key = " ".join(word.split()).casefold()
        for name, bounds in (self.vocab.data.get(table) or {}).items():
            if name.casefold() == key:
                return int(bounds[0]), int(bounds[1])
        return None

    def reading(self, match: regex.Match, rule: str, granularity: str, **fields: Any) -> DateReading:
        return DateReading(start=match.start(), end=match.end(), rule=rule, granularity=granularity, **fields)


def reading_context(v: Vocabulary, f: Fragments) -> ReadingContext:
    return ReadingContext(
        vocab=v,
        first_time=regex.compile(rf"(\d{{1,2}})(?:\s*{f.hour_w}\s*(\d{{1,2}})?)?", regex.IGNORECASE),
        ends_in_year_word=regex.compile(rf"\s+{f.year_w}$", regex.IGNORECASE),
        year_word=regex.compile(f.year_w, regex.IGNORECASE),
        after_listed_day=regex.compile(
            rf"{START}{f.day_w}\s+(?:{DAY})[/.-](?:{MONTH})(?:[/.-]\d{{4}})?\s*{f.list_joiner}\s*$", regex.IGNORECASE),
        after_listed_bare_day=regex.compile(
            rf"{START}(?:{DAY})/(?P<m>{MONTH})\s*{f.list_joiner}\s*$", regex.IGNORECASE),
        after_listed_year=regex.compile(rf"(?<![\p{{N}}/.,-])\d{{4}}\s*{f.list_joiner}\s*$", regex.IGNORECASE),
    )
