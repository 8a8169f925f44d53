"""The second pass: settle the years a first-pass reading leaves to the reader, and compute what
goes into ``Entity.normalized`` and ``detail``.

A report on 2023 says ``tháng 8`` and means August 2023: the year is the one the text last
reported on before the reading, else the one it reports on most. Years that belong to something
else do not count: a baseline (``so với năm 2020``), a birth year, a horizon (``đến năm 2030``)
and the date of a cited document, whose spans the resolver passes in (see ``cited_starts``).
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple

from .records import DateReading, ResolvedDate


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
