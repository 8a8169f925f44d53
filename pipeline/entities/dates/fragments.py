"""The regex pieces several parts of the date grammar are built from: the rule table, the
context patterns the readers check and the links the scan looks for between two dates.

Built once from the vocabulary, so that a word list (``tháng``, ``đến``, ``và``) becomes one
pattern everywhere it is used.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..patterns import alternation, case_sensitive
from .vocabulary import Vocabulary

DAY = r"0?[1-9]|[12]\d|3[01]"
MONTH = r"0?[1-9]|1[0-2]"
D = rf"(?P<d>{DAY})"
M = rf"(?P<m>{MONTH})"
Y = r"(?P<y>\d{4})"


@dataclass(frozen=True)
class Fragments:
    """Word lists as regex alternations (``day_w`` is ``ngày``, ``năm`` the ``year_w`` …)."""

    day_w: str
    month_w: str
    year_w: str
    quarter_w: str
    part: str  # a part of the day: `sáng`, `đêm`
    hour_w: str
    minute_w: str
    dash: str
    range_w: str  # `đến`, `tới`
    list_joiner: str  # between listed days or years: `,`, `và`
    weekday: str
    month_ref: str  # a month by its number (group `m`) or its name (group `mname`)


def fragments(v: Vocabulary) -> Fragments:
    day_w, month_w, year_w, quarter_w = (v.alt(k) for k in ("day_words", "month_words", "year_words", "quarter_words"))
    month_names = case_sensitive(v.alt_keys("month_names"))
    return Fragments(
        day_w=day_w,
        month_w=month_w,
        year_w=year_w,
        quarter_w=quarter_w,
        part=v.alt("parts_of_day"),
        hour_w=v.alt("hour_words"),
        minute_w=v.alt("minute_words"),
        dash=alternation(v.words("range_dashes")),
        range_w=v.alt("range_words"),
        list_joiner=alternation(v.words("year_list_joiners")),
        weekday=case_sensitive(v.alt_keys("weekdays")),
        month_ref=rf"(?:{M}|(?P<mname>{month_names}))",
    )
