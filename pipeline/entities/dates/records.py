"""The records of the date grammar: what an expression says (``DateReading``, first pass) and
what it means once its year is settled (``ResolvedDate``, second pass)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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

@dataclass(frozen=True)
class ResolvedDate:
    """A reading with its year settled: what ``Entity.normalized`` and ``detail`` hold."""

    normalized: str | None
    first: dt.date | None
    last: dt.date | None
    year_inferred: bool
