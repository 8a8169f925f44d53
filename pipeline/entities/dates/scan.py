"""The first pass: run every rule over a text and keep the outermost readings.

Overlapping readings are settled longest first; a bare count of months (``6 tháng``) is kept only
where the text anchors it as the period it reports on; a date after ``so với`` is marked a baseline.
"""
from __future__ import annotations

import dataclasses
import heapq
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import regex

from ..patterns import START, PrefixedMatch, ends_with_any, starts_with_any
from .context import ReadingContext, reading_context
from .fragments import fragments
from .openings import RuleOpenings, rule_openings
from .records import DateReading
from .rule_table import DateRule, date_rules, day_prefix
from .vocabulary import Vocabulary, tail_words, vocabulary


@dataclass(frozen=True)
class DateGrammar:
    """The date rules and what running them over a text needs; ``readings`` runs them."""

    context: ReadingContext
    rules: tuple[DateRule, ...]
    day_prefix: regex.Pattern  # what may stand before a day, matched backwards from its digits
    after_comparison: regex.Pattern  # `so với …` right before a date
    range_link: regex.Pattern  # between the two ends of a range (`tháng 1 đến tháng 6`)
    period_link: regex.Pattern  # between two counts of months in one list or range (`4 tháng, 5 tháng`)
    openings: RuleOpenings  # where each rule that opens with a word may begin

    @property
    def vocab(self) -> Vocabulary:
        return self.context.vocab

    def candidates(self, text: str, prefixed_only: bool = False) -> list[DateReading]:
        """Every reading of every rule, overlapping (``prefixed_only``: days only)."""
        found = []
        places = self.openings.places(text) if not prefixed_only else {}
        held: dict[str, bool] = {}  # whether the text holds what a rule needs, asked once per piece
        for index, date_rule in enumerate(self.rules):
            if prefixed_only and not date_rule.prefixed:
                continue
            needs = date_rule.needs
            if needs is not None:
                if needs.pattern not in held:
                    held[needs.pattern] = needs.search(text) is not None
                if not held[needs.pattern]:
                    continue
            # where the rule opens with a digit, the engine skips to the digits; where with a word,
            # it is tried where one of its first words begins (both in order, never at one place)
            at_digits = date_rule.at_digits.finditer(text, overlapped=True) if date_rule.at_digits else ()
            starts = places.get(index)
            in_place = filter(None, map(date_rule.in_place.match, repeat(text), starts)) if starts else ()
            # merged by start only where both ways found some: a merge costs Python work per match
            matches = heapq.merge(at_digits, in_place, key=regex.Match.start) if at_digits and starts else (
                in_place if starts else at_digits)
            for match in matches:
                if date_rule.prefixed:
                    prefix = self.day_prefix.search(text, max(0, match.start() - 60), match.start())
                    if prefix is None:
                        continue
                    match = PrefixedMatch(match, prefix)
                reading = date_rule.read(self.context, text, match)
                if reading is not None and reading.end > reading.start:
                    found.append(reading)
        return found

    def readings(self, text: str) -> list[DateReading]:
        """Outermost readings, longest first where two overlap, in text order."""
        found = self.candidates(text)
        anchored_counts = {r.last_month - r.first_month + 1 for r in found
                           if r.rule in ("month_count", "quarter_count") and r.month_count is None}
        pool = [r for r in found if r.month_count is None or self.points_back(text, r, anchored_counts)]
        in_pool = set(pool)  # readings are values: a set answers `not in pool` at once, as the list did slowly
        pool += self.listed_with_periods(text, pool, [r for r in found if r not in in_pool])
        chosen: list[DateReading] = []
        taken = bytearray(len(text) + 1)
        for reading in sorted(pool, key=lambda r: (-(r.end - r.start), r.start)):
            if any(taken[reading.start:reading.end]):
                continue
            taken[reading.start:reading.end] = b"\x01" * (reading.end - reading.start)
            chosen.append(reading)
        return sorted((self.mark_baseline(text, r) for r in chosen), key=lambda r: r.start)

    def listed_with_periods(self, text: str, periods: list[DateReading], counts: list[DateReading]) -> list[DateReading]:
        """`Tiếp đó 4 tháng, 5 tháng … và 9 tháng`, `từ 3 tháng cho đến 11 tháng năm 2020`: counts of
        months listed with, or ranging up to, a period of the calendar are periods too."""
        joined: list[DateReading] = []
        anchors = sorted(periods, key=lambda r: r.start)
        waiting = sorted(counts, key=lambda r: r.start)
        changed = True
        while changed and waiting:
            changed = False
            for reading in list(waiting):
                for anchor in anchors:
                    gap = text[reading.end:anchor.start] if reading.end <= anchor.start else text[anchor.end:reading.start]
                    if anchor.rule in ("month_count", "quarter_count") and self.period_link.fullmatch(gap):
                        joined.append(reading)
                        anchors.append(reading)
                        waiting.remove(reading)
                        changed = True
                        break
        return joined

    def mark_baseline(self, text: str, reading: DateReading) -> DateReading:
        """A date after `so với` is what a figure is compared with, not the year reported on."""
        if reading.baseline or not reading.reported or reading.year is None:
            return reading
        before = text[max(0, reading.start - 60):reading.start]
        if self.after_comparison.search(before):
            return dataclasses.replace(reading, baseline=True)
        return reading

    def range_partner_years(self, text: str, readings: list[DateReading]) -> dict[int, int]:
        """`tháng 1 đến tháng 6 năm 2024`: the first end of a range takes the year of the second."""
        partners = {}
        for first, second in zip(readings, readings[1:]):
            if first.year is None and second.year is not None and self.range_link.fullmatch(text[first.end:second.start]):
                partners[first.start] = second.year
        return partners

    def horizon_starts(self, text: str, readings: list[DateReading]) -> set[int]:
        """Starts of readings that name a horizon (`đến năm 2030`, `tầm nhìn đến năm 2045`)."""
        cues = self.vocab.words("horizon_cues")
        return {r.start for r in readings if ends_with_any(tail_words(text, r.start, 3), cues)}

    def points_back(self, text: str, reading: DateReading, anchored_counts: set[int]) -> bool:
        """A bare ``6 tháng`` is the reported period when the text anchored it, not a length of time."""
        before = tail_words(text, reading.start, 2)
        if ends_with_any(before, self.vocab.words("duration_cues")) or text[:reading.start].endswith("/"):
            return False
        if starts_with_any(text[reading.end:], self.vocab.words("duration_after")):
            return False
        framed = (ends_with_any(tail_words(text, reading.start, 1), self.vocab.words("period_frame_cues"))
                  and text[reading.end:reading.end + 1] == ",")  # `Trong 9 tháng, tỉnh thu hút …`
        cued = (framed or ends_with_any(before, self.vocab.words("period_report_cues"))
                or starts_with_any(text[reading.end:], self.vocab.words("period_result_verbs")))
        return cued or reading.month_count in anchored_counts


def date_grammar(v: Vocabulary) -> DateGrammar:
    f = fragments(v)
    gap = int(v.data.get("comparison_gap") or 0)
    return DateGrammar(
        context=reading_context(v, f),
        rules=(rules := date_rules(v, f)),
        day_prefix=day_prefix(v, f),
        after_comparison=regex.compile(
            rf"{START}{v.alt('comparison_cues')}(?:\s+[\p{{L}}]+){{0,{gap}}}\s*$", regex.IGNORECASE),
        range_link=regex.compile(rf"\s*(?:{f.dash}|{f.range_w})\s*", regex.IGNORECASE),
        period_link=regex.compile(
            rf"\s*(?:{f.list_joiner}|(?:cho\s+)?(?:{f.range_w})|{f.dash})\s*", regex.IGNORECASE),
        openings=rule_openings([r.opening for r in rules]),
    )


@lru_cache(maxsize=1)
def grammar() -> DateGrammar:
    return date_grammar(vocabulary())
