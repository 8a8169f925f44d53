"""Readers of months and quarters: `tháng 9/2023`, `tháng 7-9/2024`, `quý I/2024`, `Q1/2024`,
`11/2023`, `quý đầu năm 2023`, `6 tháng đầu năm`. Each takes the context, the text and a rule's
match, and says what the match means, or ``None`` where the words around it say it is no date."""
from __future__ import annotations

import regex

from ..patterns import ends_with_any, starts_with_any
from .context import ReadingContext
from .records import DateReading
from .vocabulary import tail_words

DIGIT_BEFORE = regex.compile(r"\s*\d")  # `3 tháng 9`: a digit right before the month word

def read_month(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    month = ctx.month_of(match)
    if month is None:
        return None
    before = tail_words(text, match.start(), 2)
    if ends_with_any(before, ctx.vocab.words("not_month_before")) or text[:match.start()].endswith("/"):
        return None
    if DIGIT_BEFORE.match(text[match.start() - 2:match.start()] if match.start() >= 2 else "") and not match.group("edge"):
        return None  # `6 tháng 8`: a count of months runs into the number
    if not match.group("y") and not match.group("rel") and starts_with_any(text[match.end():], ctx.vocab.words("not_month_after")):
        return None
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    offset = ctx.relative(match) or 0
    edge = ctx.year_parts(match.group("edge"), "month_parts")
    if edge:
        return ctx.reading(match, "month", "period", year=year, year_offset=offset, first_month=month,
                           first_day=edge[0], last_month=month, last_day=None if edge[1] >= 28 else edge[1])
    return ctx.reading(match, "month", "month", year=year, year_offset=offset, first_month=month,
                       last_month=month, has_value=True)


def read_month_range(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    first, last = int(match.group("m1")), int(match.group("m2"))
    year = ctx.valid_year(match.group("y"))
    if year is None or first >= last:
        return None
    return ctx.reading(match, "month_range", "period", year=year, first_month=first, last_month=last)


def quarter_number(ctx: ReadingContext, word: str | None) -> int | None:
    if not word:
        return None
    return ctx.vocab.lookup("quarter_numerals", word) if not word.isupper() else ctx.vocab.table("quarter_numerals").get(word)


def read_quarter(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    first = quarter_number(ctx, match.group("q1"))
    last = quarter_number(ctx, match.group("q2")) or first
    if first is None or last is None or last < first:
        return None
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    granularity = "quarter" if first == last and not match.group("edge") else "period"
    return ctx.reading(match, "quarter", granularity, year=year, year_offset=ctx.relative(match) or 0,
                       first_month=3 * first - 2, last_month=3 * last)


def read_quarter_short(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    first = int(match.group("q1"))
    return ctx.reading(match, "quarter_short", "quarter", year=year, first_month=3 * first - 2, last_month=3 * first)


def read_month_year(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`tính đến 11/2023`, `(3/2024)`: a month and year with no `tháng`, where the words before
    make it a date rather than a document number or a ratio."""
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    before = tail_words(text, match.start(), 3)
    if ends_with_any(before, ctx.vocab.words("not_day_before")) or ends_with_any(before, ctx.vocab.words("not_month_year_before")):
        return None
    if not (ends_with_any(before, ctx.vocab.words("bare_day_before")) or ends_with_any(before, ctx.vocab.words("bare_year_before"))
            or ends_with_any(before, ctx.vocab.words("month_year_before"))):
        return None
    month = int(match.group("m"))
    return ctx.reading(match, "month_year", "month", year=year, first_month=month, last_month=month, has_value=True)


def read_quarter_edge(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if year is None:
        return None
    last = counts_from_end(ctx, match.group("edge"))
    return ctx.reading(match, "quarter_edge", "quarter", year=year,
                       first_month=10 if last else 1, last_month=12 if last else 3)


def count_of(ctx: ReadingContext, word: str) -> int | None:
    return int(word) if word.isdigit() else ctx.vocab.lookup("count_words", word)


def counts_from_end(ctx: ReadingContext, edge: str | None) -> bool:
    """`3 tháng cuối năm`: the months are counted back from the end of the year."""
    edges = {str(k).casefold(): str(v) for k, v in (ctx.vocab.data.get("count_edges") or {}).items()}
    return bool(edge) and edges.get(" ".join(edge.split()).casefold()) == "last"


def counted_period(ctx: ReadingContext, text: str, match: regex.Match, rule: str, months_each: int, most: int) -> DateReading | None:
    count = count_of(ctx, match.group("n"))
    if count is None or not 1 <= count <= most:
        return None
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    anchored = bool(match.group("edge") or match.group("y") or match.group("rel"))
    if not anchored and ctx.ends_in_year_word.search(match.group(0)):
        return None  # `8 tháng năm` with nothing after: not a period we can place
    months = count * months_each
    last_edge = counts_from_end(ctx, match.group("edge"))
    first_month, last_month = (13 - months, 12) if last_edge else (1, months)
    return ctx.reading(match, rule, "period", year=year, year_offset=ctx.relative(match) or 0,
                       first_month=first_month, last_month=last_month,
                       month_count=None if anchored else months)


def read_month_count(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    return counted_period(ctx, text, match, "month_count", 1, 12)


def read_quarter_count(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    return counted_period(ctx, text, match, "quarter_count", 3, 4)
