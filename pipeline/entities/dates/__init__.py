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

The package, by what each part does: ``vocabulary`` (the words of the rule file), ``fragments``
and ``rule_table`` (the patterns), ``context`` with the readers ``days``, ``months`` and ``years``
(what a match says), ``scan`` (the first pass) and ``settle`` (the second).
"""
from __future__ import annotations

from collections.abc import Iterable

from ...records import Entity
from .records import DateReading, ResolvedDate
from .scan import DateGrammar, grammar
from .settle import YearMention, cited_starts, detail_of, reference_years, resolve, year_for
from .vocabulary import Vocabulary, roman_value, vocabulary

__all__ = [
    "DateGrammar", "DateReading", "ResolvedDate", "Vocabulary", "YearMention", "find_dates", "grammar",
    "reference_years", "resolve", "roman_value", "stated_day", "vocabulary", "year_for",
]


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
    date_grammar = grammar()
    readings = date_grammar.readings(text)
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
