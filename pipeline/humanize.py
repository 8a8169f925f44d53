"""Numbers as a Vietnamese reader writes them: ``5.4e13 VND`` → ``54.000 tỷ đồng``.

The database keeps full values in a unit (``VND``, ``USD``, ``%``, a counted noun) so they sort
and sum; people read ``tỷ`` and ``triệu`` with ``.`` between thousands and ``,`` before decimals.
Used by the Datasette plugin wherever a value is shown.
"""
from __future__ import annotations

import calendar
import math

# Largest first: the first scale the amount reaches is the one a writer would use.
SCALES = ((1e9, "tỷ"), (1e6, "triệu"))
UNIT_NAMES = {"VND": "đồng", "%": "%", "pp": "điểm phần trăm"}
DECIMALS = 3


def format_number(value: float, decimals: int = DECIMALS) -> str:
    """``1234567.5`` → ``1.234.567,5``: Vietnamese separators, trailing zeros dropped."""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def scaled(value: float) -> str:
    """A magnitude with ``tỷ``/``triệu`` where that reads exactly (or the number is not whole).

    ``308467652`` stays ``308.467.652`` rather than a rounded ``308,468 triệu``: a figure copied
    to the last đồng should not lose digits on the way to the reader.
    """
    magnitude = abs(value)
    for factor, word in SCALES:
        if magnitude >= factor:
            in_scale = value / factor
            rounded = round(in_scale, DECIMALS)
            exact = math.isclose(rounded * factor, value, rel_tol=1e-12, abs_tol=1e-6)
            if exact or not float(value).is_integer():
                return f"{format_number(rounded)} {word}"
            break
    return format_number(value)


def humanize_amount(value: float | None, unit: str | None, per: str | None = None) -> str:
    """The amount as a Vietnamese text would write it, with what a rate is per; ``""`` when there
    is no value.

    >>> humanize_amount(5.4e13, "VND")
    '54.000 tỷ đồng'
    >>> humanize_amount(8.53e8, "USD")
    '853 triệu USD'
    >>> humanize_amount(66.3, "%")
    '66,3%'
    >>> humanize_amount(3415, "USD", "tấn")
    '3.415 USD/tấn'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if per:
        return f"{humanize_amount(value, unit)}/{per}"
    value = float(value)
    unit = (unit or "").strip()
    if unit == "%":
        return f"{format_number(value)}%"
    if unit.startswith("%/"):  # a rate such as 6,5%/năm
        return f"{format_number(value)}{unit}"
    head, slash, rest = unit.partition("/")  # a rate: VND/kg → đồng/kg
    name = UNIT_NAMES.get(head, head) + slash + rest
    number = scaled(value)
    return f"{number} {name}".strip()


def humanize_range(value: float | None, value_max: float | None, unit: str | None, per: str | None = None) -> str:
    """``10–12%``; a single amount when there is no high end."""
    if value_max is None or value is None or value_max == value:
        return humanize_amount(value, unit, per)
    low = humanize_amount(value, unit)
    high = humanize_amount(value_max, unit, per)
    return f"{low} – {high}"


ROMAN_QUARTERS = {1: "I", 4: "II", 7: "III", 10: "IV"}  # a quarter by the month it opens with


def month_end(year: int, month: int) -> int:
    """The last day of a month (28 to 31)."""
    return calendar.monthrange(year, month)[1]


def parse_day(text: str | None) -> tuple[int, int, int] | None:
    """``2024-09-30`` → (2024, 9, 30); ``None`` for anything that is not an ISO day."""
    try:
        year, month, day = (int(part) for part in (text or "").split("-"))
    except ValueError:
        return None
    return year, month, day


def period_label(start: str | None, end: str | None) -> str | None:
    """One label a period, as reports name it, whatever words the text used for it.

    ``năm 2024`` and ``Năm 2024``, ``quý I/2025`` and ``quý I năm 2025`` are one period; their
    bounds say so. A whole year, a quarter, a month, the first N months of a year, the second
    half, a span of whole years; else the two days.

    >>> period_label("2024-01-01", "2024-12-31")
    'năm 2024'
    >>> period_label("2025-01-01", "2025-03-31")
    'quý I/2025'
    >>> period_label("2024-01-01", "2024-06-30")
    '6 tháng 2024'
    >>> period_label("2024-09-01", "2024-09-30")
    'tháng 9/2024'
    >>> period_label("2021-01-01", "2025-12-31")
    'giai đoạn 2021 - 2025'
    >>> period_label("2024-03-05", "2024-04-10")
    '2024-03-05 – 2024-04-10'
    """
    first, last = parse_day(start), parse_day(end)
    if first is None or last is None:
        return start or end or None
    (y1, m1, d1), (y2, m2, d2) = first, last
    whole_months = d1 == 1 and d2 == month_end(y2, m2)
    if not whole_months:
        return f"ngày {d1}/{m1}/{y1}" if first == last else f"{start} – {end}"
    if y1 != y2:
        return f"giai đoạn {y1} - {y2}" if (m1, m2) == (1, 12) else f"{start} – {end}"
    months = m2 - m1 + 1
    if months == 12:
        return f"năm {y1}"
    if months == 1:
        return f"tháng {m1}/{y1}"
    if months == 3 and m1 in ROMAN_QUARTERS:
        return f"quý {ROMAN_QUARTERS[m1]}/{y1}"
    if m1 == 1:
        return f"{months} tháng {y1}"
    if (m1, m2) == (7, 12):
        return f"6 tháng cuối năm {y1}"
    return f"tháng {m1}-{m2}/{y1}"
