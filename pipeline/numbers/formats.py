"""Reading a number written in digits the Vietnamese way into a float.

Vietnamese groups thousands with ``.`` and marks decimals with ``,`` (``3.798,254``). Writers
slip, so the reading follows the team's conventions (see shared/gold/README.md): one comma is
always a decimal comma (``108,987`` is 108.987), dots followed by groups of three digits group
thousands, and a dot followed by one or two digits is an English decimal point (``10.6``).
"""
from __future__ import annotations

from functools import lru_cache

import regex

DIGITS = regex.compile(r"\d+(?:[.,]\d+)*")


@lru_cache(maxsize=8192)
def parse_number(written: str) -> float:
    """The value of ``written`` (digits with ``.``/``,`` separators, optional sign). Kept per
    string: the same figures (1, 10, 2024) are read again and again."""
    text = written.strip().replace("\u2212", "-").replace(" ", "")
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-")
    if not DIGITS.fullmatch(text):
        raise ValueError(f"not a number written in digits: {written!r}")
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        if text.rfind(",") > text.rfind("."):  # 3.798,254: Vietnamese
            text = text.replace(".", "").replace(",", ".")
        else:  # 1,234.5: English
            text = text.replace(",", "")
    elif commas:
        groups = text.split(",")
        if commas > 1 and all(len(g) == 3 for g in groups[1:]):
            text = "".join(groups)  # 1,000,000 written English-style
        else:
            text = groups[0] + "." + "".join(groups[1:])
    elif dots:
        groups = text.split(".")
        if all(len(g) == 3 for g in groups[1:]):
            text = "".join(groups)
        elif dots == 1:
            text = groups[0] + "." + groups[1]
        else:
            raise ValueError(f"unreadable grouping: {written!r}")
    return sign * float(text)


def has_thousands_groups(written: str) -> bool:
    """True when ``written`` groups thousands with dots (``280.000``), as in a full amount."""
    parts = written.split(",")[0].split(".")
    return len(parts) > 1 and all(len(p) == 3 for p in parts[1:])
