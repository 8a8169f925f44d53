"""Readers of years and longer stretches: `năm 2023`, `cuối 2022`, `giai đoạn 2021 - 2025`,
`thập niên 1990`, `thế kỷ XX`, a bare `2017`, a birth year `SN 1976`. Each takes the context, the
text and a rule's match, and says what it means, or ``None`` where it is no date of the calendar."""
from __future__ import annotations

import regex

from ..patterns import ends_with_any, starts_with_any
from .context import ReadingContext
from .records import DateReading
from .vocabulary import roman_value, tail_words

DIGIT_AND_SPACE_BEFORE = regex.compile(r"\d\s+$")

def is_same_period(ctx: ReadingContext, word: str | None) -> bool:
    return bool(word) and starts_with_any(word, ctx.vocab.words("same_period_words"))


def read_year(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    second = match.group("y2") or match.group("y2b")
    if match.group("y2s"):  # `niên vụ 2023/24`: the second year by its last two digits
        second = str(year + 1) if int(match.group("y2s")) == (year + 1) % 100 else None
        if second is None:
            return None
    if second and DIGIT_AND_SPACE_BEFORE.search(text[max(0, match.start() - 4):match.start()]) and not match.group("edge"):
        return None  # `5 năm 2026 - 2030`: the `năm` counts years; the range stands alone
    last_year = ctx.valid_year(second)
    if second and (last_year is None or not year < last_year <= year + 50):
        return None
    edge_word = match.group("edge")
    if is_same_period(ctx, edge_word):
        return ctx.reading(match, "year", "period", year=year, datable=False, baseline=True, same_period=True)
    edge = ctx.year_parts(edge_word)
    is_year_word = ctx.year_word.fullmatch(match.group("word")) is not None
    if edge == (1, 12) and is_year_word and not last_year:  # `cả năm 2023`: the whole year
        return ctx.reading(match, "year", "year", year=year, has_value=True)
    if edge:
        return ctx.reading(match, "year", "period", year=year, last_year=last_year,
                           first_month=edge[0], last_month=edge[1])
    if last_year or not is_year_word:
        return ctx.reading(match, "year", "period", year=year, last_year=last_year)
    return ctx.reading(match, "year", "year", year=year, has_value=True)


def read_year_edge_bare(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    if is_same_period(ctx, match.group("edge")):
        return ctx.reading(match, "year_edge_bare", "period", year=year, datable=False, baseline=True,
                           same_period=True)
    first, last = ctx.year_parts(match.group("edge")) or (1, 12)
    return ctx.reading(match, "year_edge_bare", "period", year=year, first_month=first, last_month=last)


def read_decade(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`thập niên 1990`, `những năm 90`: the ten years from a year ending in 0 (background, so
    not a year the text reports on)."""
    written = int(match.group("dy"))
    first = written if written >= 100 else written + (1900 if written >= 30 else 2000)
    if first % 10 or ctx.valid_year(str(first)) is None:
        return None
    return ctx.reading(match, "decade", "period", year=first, last_year=first + 9, reported=False)


def read_century(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`thế kỷ 21`, `thế kỷ XX`: a hundred years, counted from year 1."""
    written = match.group("c")
    number = int(written) if written.isdigit() else roman_value(written)
    if number is None or not 1 <= number <= 22:
        return None
    return ctx.reading(match, "century", "period", year=(number - 1) * 100 + 1, last_year=number * 100,
                       reported=False)  # an era is background: it says nothing of the year reported on


def read_year_range(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year, last_year = ctx.valid_year(match.group("y")), ctx.valid_year(match.group("y2"))
    if year is None or last_year is None or not year < last_year <= year + 50:
        return None
    if ends_with_any(tail_words(text, match.start()), ctx.vocab.words("not_year_before")):
        return None
    return ctx.reading(match, "year_range", "period", year=year, last_year=last_year)


def read_year_bare(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    before = tail_words(text, match.start())
    if ends_with_any(before, ctx.vocab.words("not_year_before")):
        return None
    after = text[match.end():]
    ends_clause = after.strip() == "" or after[:1] in ".,;:)!?\n\"”" or after[:2] in (" (", " -", " –")
    followed_well = ends_clause or starts_with_any(after, ctx.vocab.words("bare_year_after"))
    strong_cue = (ends_with_any(before, ctx.vocab.words("bare_year_before"))
                  or ctx.after_listed_year.search(text[max(0, match.start() - 40):match.start()]) is not None)
    weak_cue = ends_with_any(before, ctx.vocab.words("bare_year_before_weak"))
    horizon = (ends_with_any(before, ctx.vocab.words("horizon_cues"))
               and year >= int(ctx.vocab.data.get("horizon_year_from") or 9999))
    if not (strong_cue or followed_well or horizon):
        return None
    if weak_cue and not followed_well and not horizon:
        return None
    return ctx.reading(match, "year_bare", "year", year=year, has_value=True)


def read_birth_year(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None or ends_with_any(tail_words(text, match.start(), 1), ctx.vocab.words("not_birth_before")):
        return None
    return ctx.reading(match, "birth_year", "year", year=year, has_value=True, reported=False)
