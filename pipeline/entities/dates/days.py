"""Readers of days and times: `ngày 28/11/2022`, `30/4-1/5`, `ngày 2 và 3/9`, `26 tháng Chạp`,
`16 giờ 45`, `thứ Sáu`, `Tết Nguyên đán`. Each takes the context, the text and a rule's match, and
says what the match means, or ``None`` where the words around it say it is no date."""
from __future__ import annotations

import calendar
import dataclasses

import regex

from ..patterns import ends_with_any, starts_with_any
from .context import ReadingContext
from .records import DateReading
from .vocabulary import tail_words


def has_day_prefix(match: regex.Match) -> bool:
    """Whether a day's match opens with a word that makes it a day (`ngày`, `sáng`, `hôm`, `8 giờ`)."""
    groups = match.groupdict()
    return any(groups.get(g) for g in ("clock", "part", "opener", "weekday", "dayword"))


def read_day_numeric(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    day, month = int(match.group("d")), int(match.group("m"))
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    has_prefix = has_day_prefix(match)
    if year is None:
        if match.group("sep") == "." and not has_prefix:
            return None  # `1.5` with no `ngày`: a decimal
        if not has_prefix and not bare_day_in_context(ctx, text, match.start(), match.end(), match.group("sep")):
            return None
    elif match.group("sep") == "." and not has_prefix and match.group(0).count(".") != 2:
        return None
    return day_reading(ctx, match, "day_numeric", day, month, year)


def bare_day_in_context(ctx: ReadingContext, text: str, start: int, end: int, sep: str, depth: int = 0) -> bool:
    """``27/4`` with no ``ngày``: a day in parentheses, after a date word or a holiday's name,
    or in a list after such a day (`cao điểm 30/4, 1/5`), before punctuation."""
    if ctx.after_listed_day.search(text[max(0, start - 30):start]):
        return True  # `ngày 30-4 và 1-5`: the second day of a list
    if sep != "/":
        return False
    before = tail_words(text, start)
    if ends_with_any(before, ctx.vocab.words("not_day_before")):
        return False
    if ends_with_any(tail_words(text, start, 2), ctx.vocab.words("bare_day_before_strong")):
        return True  # `phiên 31/10 tỷ giá giảm`, `Quốc khánh 2/9 được`: the words before say it is a day
    after = text[end:end + 2]
    ends_clause = after == "" or after[0] in ".,;:)!?\n" or after.startswith(" (") or after.startswith(" -")
    if not ends_clause and not starts_with_any(text[end:], ctx.vocab.words("bare_day_after")):
        return False
    window = tail_words(text, start, int(ctx.vocab.data.get("bare_day_window") or 1)).split()
    if (ends_with_any(before, ctx.vocab.words("bare_day_before"))
            or any(word in window for word in ctx.vocab.words("bare_day_window_cues"))
            or text[:start].rstrip().endswith("(")):
        return True
    listed = ctx.after_listed_bare_day.search(text, max(0, start - 20), start)
    return bool(listed) and depth < 3 and bare_day_in_context(
        ctx, text, listed.start(), listed.end("m"), "/", depth + 1)


def read_day_range(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`ngày 5/11 đến 2/12`, `30/4-1/5`, `(23-27/4)`, `đêm 5-6/7`: a stretch of days."""
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    month2 = int(match.group("m2"))
    month1 = int(match.group("m1") or month2)
    day1, day2 = int(match.group("d1")), int(match.group("d2"))
    if (month1, day1) >= (month2, day2) or day1 > calendar.monthrange(year or 2024, month1)[1]:
        return None
    if day2 > calendar.monthrange(year or 2024, month2)[1]:
        return None
    if not has_day_prefix(match) and year is None:
        both_full = match.group("m1") and match.group("sep1") == "/" and match.group("sep") == "/"
        fraction_like = day1 < month1 and day2 < month2  # `1/2-2/3`: shares, sizes, codes
        if both_full and not fraction_like:  # `30/4-1/5`: two days in full need no cue, unless a share is meant
            if ends_with_any(tail_words(text, match.start()), ctx.vocab.words("not_day_before")) \
                    or text[match.end():match.end() + 1] == "%":
                return None
        elif not bare_day_in_context(ctx, text, match.start(), match.end(), match.group("sep")):
            return None
    return ctx.reading(match, "day_range", "period", year=year, first_month=month1, first_day=day1,
                       last_month=month2, last_day=day2)


def read_day_list(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`ngày 2 và 3/9`: days of one month listed, read as the stretch from the first to the last."""
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    month, first, last = int(match.group("m2")), int(match.group("d1")), int(match.group("d2"))
    if first >= last or last > calendar.monthrange(year or 2024, month)[1]:
        return None
    return ctx.reading(match, "day_list", "period", year=year, first_month=month, first_day=first,
                       last_month=month, last_day=last)


def read_day_of_month(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`ngày 1` in `từ ngày 1 đến ngày 15/3`: a day whose month the next day gives."""
    return day_reading(ctx, match, "day_of_month", int(match.group("d")), int(match.group("m")), None)


def day_reading(ctx: ReadingContext, match: regex.Match, rule: str, day: int, month: int, year: int | None) -> DateReading | None:
    if day > calendar.monthrange(year or 2024, month)[1]:
        return None
    return ctx.reading(match, rule, "day", year=year, first_month=month, first_day=day, last_month=month,
                       last_day=day, has_value=True, time=clock_of(ctx, match))


def read_day_words(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    month = ctx.month_of(match)
    lunar = bool(match.group("mname")) and starts_with_any(match.group("mname"), ctx.vocab.words("lunar_months"))
    if month is None or (not match.group("dayword") and year is None and not lunar):
        return None
    reading = day_reading(ctx, match, "day_words", int(match.group("d")), month, year)
    if reading is not None and lunar:  # `26 tháng Chạp`: a lunar day, not a day of our calendar
        return dataclasses.replace(reading, has_value=False, datable=False)
    return reading


def clock_text(hour: int, minute: int = 0) -> str | None:
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def clock_of(ctx: ReadingContext, match: regex.Match) -> str | None:
    raw = match.groupdict().get("clock")
    if not raw:
        return None
    first = ctx.first_time.match(raw)  # `10h đến 14h`: the stretch starts at 10:00
    return clock_text(int(first.group(1)), int(first.group(2) or 0))


def read_clock(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    hour = int(match.group("h"))
    minute = int(match.group("min")) if match.group("min") else None
    if minute is None and not (match.group("cue") or match.group("part") or match.group("day")):
        return None  # `24 giờ`: a length of time
    time = clock_text(hour, minute or 0)
    if time is None:
        return None
    reading = ctx.reading(match, "clock", "time", datable=False, time=time)
    return dataclasses.replace(reading, start=match.start("h"))  # `lúc` says it is a time; the span is the time


def read_clock_range(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    """`6-7h sáng`, `17h-19h`: hours of the clock when a part of day or both hour words say so,
    not `kéo dài 2-3 giờ` (a length of time)."""
    if ends_with_any(tail_words(text, match.start(), 2), ctx.vocab.words("duration_cues")):
        return None
    if not (match.group("part") or match.group("hw1")
            or ends_with_any(tail_words(text, match.start(), 2), ctx.vocab.words("clock_cues"))):
        return None
    first = ctx.first_time.match(match.group(0))
    time = clock_text(int(first.group(1)), int(first.group(2) or 0))
    if time is None or clock_text(int(match.group("h2"))) is None:
        return None
    return ctx.reading(match, "clock_range", "time", datable=False, time=time)


def read_weekday(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    if ends_with_any(tail_words(text, match.start(), 1), ctx.vocab.words("not_weekday_before")):
        return None  # `lần thứ Hai`: an ordinal
    return ctx.reading(match, "weekday", "day", datable=False)


def read_named(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    return ctx.reading(match, "named_day", "day", datable=False)


def read_festival(ctx: ReadingContext, text: str, match: regex.Match) -> DateReading | None:
    year = ctx.valid_year(match.group("y"))
    if match.group("y") and year is None:
        return None
    return ctx.reading(match, "festival", "day", year=year, datable=False)
