"""Entities: every PER, ORG, LOC, DOC and DATE in a document, outermost spans only.

In: a document (and its sentences). Out: ``Entity`` records sorted by offset, none overlapping.
Five finders propose candidates over the raw text (regex and gazetteers, no tokenizer):
``dates`` (DATE), ``legal_documents`` (DOC), ``organisations`` (ORG), ``places`` (LOC) and
``people`` (PER). They overlap on purpose (``UBND tỉnh Quảng Ninh`` holds ``tỉnh Quảng Ninh``;
``ông Hòa Bình`` is also a province), and ``resolve`` settles every overlap the same way:

1. the longer span wins (outermost first, as VLSP annotates);
2. on equal spans, the stronger rule wins, by ``RULE_PRIORITY``: a document reference, then a
   name after a title, then a body, a place written with its level word or head, a date, a
   bare gazetteer place, and last a name guessed from its surname or its line;
3. then the earlier span.

Afterwards a facility that speaks or acts (``đại diện Cảng HKQT Nội Bài cho biết``) is the company
that runs it; a body written right after another (``Ban Kinh tế - Ngân sách`` + ``HĐND tỉnh``,
``Hội đồng Quản trị`` + ``Tập đoàn Đèo Cả``), or a unit right before the site it is posted at
(``Đồn Công an`` + ``sân bay quốc tế Nội Bài``), is one ORG; and a body's short name (an
abbreviation in brackets after it, a Latin-script name found in a company context) is the body
wherever the document uses it again.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache

import regex

from . import dates, legal_documents, organisations, people, places
from .bare_places import bare_place
from .gazetteer import gazetteer, place_grammar, spelling_key
from .names import LATIN_NAME, find_phrases, looks_foreign
from .. import rules
from ..records import Document, Entity, Sentence
from ..text_norm import modern_tone_placement

# Rule (or rule family, the part before the dot) → strength on equal spans; higher wins.
RULE_PRIORITY = {
    "doc": 9,
    "person.titled": 8, "person.clerk": 8,
    "person.byline_last": 7.2,  # a short name closing an article is its writer ('Trường Thịnh'), not a body
    "person.initial": 8,
    "org": 7,
    "place.alias": 7.5, "place.named": 7.5,  # 'Đài Loan' is a country even after the head 'Đài'
    "place.admin": 6, "place.site": 6, "place.addressed": 6, "place.site_list": 6, "place.minor": 5,
    "date": 4,
    "place.bare": 3, "place.site_repeat": 3, "place.placed_in": 1.5,
    "person.byline": 3.5,  # a short name alone on a line is a byline, even if a district has it
    "person.surname": 2, "person.age": 2,
    "person.repeat": 1,
}
TYPE_PRIORITY = {"DOC": 9, "DATE": 4, "ORG": 7, "LOC": 5, "PER": 2}

EntityFinder = Callable[[Document, list[Sentence]], list[Entity]]


def priority(entity: Entity) -> float:
    rule = entity.rule or ""
    if rule in RULE_PRIORITY:
        return RULE_PRIORITY[rule]
    family = rule.split(".", 1)[0]
    return RULE_PRIORITY.get(family, TYPE_PRIORITY.get(entity.type, 0))


def resolve(candidates: list[Entity]) -> list[Entity]:
    """Keep the outermost of overlapping candidates (see the module docstring), by offset."""
    ordered = sorted(candidates, key=lambda e: (-(e.end - e.start), -priority(e), e.start))
    taken = TakenSpans()
    kept: list[Entity] = []
    for entity in ordered:
        if entity.end <= entity.start:
            continue
        if taken.overlaps(entity.start, entity.end):
            continue
        taken.add(entity.start, entity.end)
        kept.append(entity)
    return sorted(kept, key=lambda e: (e.start, -e.end))


class TakenSpans:
    """Spans that do not overlap one another, kept in order: whether a new span overlaps one of them
    is two comparisons by bisection, not one per span taken (a long document has thousands)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        return (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class SpansByStart:
    """Spans that may overlap one another: whether a new span overlaps any is one bisection (a span
    starting before its end that ends after its start: the latest end among those starting before)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.latest_ends: list[int] = []
        latest = -1
        for _, end in spans:
            latest = max(latest, end)
            self.latest_ends.append(latest)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans that start before ``end``
        return i > 0 and self.latest_ends[i - 1] > start


@lru_cache(maxsize=1)
def site_rules() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    data = rules.load("entities/organisations")
    acting = data.get("sites_acting_as_bodies") or {}
    return (frozenset(spelling_key(h) for h in acting.get("heads") or []),
            tuple(w.lower() for w in acting.get("before") or []),
            tuple(f" {w}" for w in acting.get("after") or []),
            frozenset(spelling_key(h) for h in data.get("units_at_sites") or []))


def site_head(text: str, entity: Entity) -> str:
    if entity.type != "LOC" or entity.rule != "place.site":
        return ""
    match = place_grammar().site_head.match(text, entity.start)
    return spelling_key(match.group()) if match else ""


def sites_acting_as_bodies(text: str, entities: list[Entity]) -> list[Entity]:
    """'đại diện Cảng HKQT Nội Bài cho biết': a facility that speaks or acts is the company running it."""
    heads, before, after, _ = site_rules()
    changed = []
    for entity in entities:
        if site_head(text, entity) in heads:
            words = text[max(0, entity.start - 24):entity.start].lower().split()
            preceding = " ".join(words[-3:])
            if any(preceding.endswith(w) for w in before) or text.startswith(after, entity.end):
                entity = Entity(entity.start, entity.end, entity.text, "ORG", entity.text, {}, "org.site_operator")
        changed.append(entity)
    return changed


def join_adjacent_bodies(text: str, entities: list[Entity]) -> list[Entity]:
    """'Ban Kinh tế - Ngân sách' + ' ' + 'HĐND tỉnh' → one ORG (a unit of the body after it), and so
    after a dash before a ministry ('Cục Quản lý Khám chữa bệnh - Bộ Y tế');
    'Đồn Công an' + ' ' + 'sân bay quốc tế Nội Bài' → one ORG (a unit posted at the site)."""
    units_at_sites = site_rules()[3]
    joined: list[Entity] = []
    for entity in entities:
        previous = joined[-1] if joined else None
        at_site = (previous is not None and previous.type == "ORG" and entity.text[:1].islower()
                   and site_head(text, entity) in units_at_sites)
        gap = text[previous.end:entity.start] if previous is not None else ""
        alias_between = GAP_WITH_ALIAS.fullmatch(gap)  # 'Phòng Cảnh sát hình sự (PC02) Công an tỉnh …'
        unit_of_parent = (previous is not None and entity.type == "ORG" and (
            gap in (" - ", " – ") and previous.text.startswith(UNIT_HEADS) and entity.text.startswith(PARENT_BODY_HEADS)
            or gap == " tại " and previous.text.startswith(BOARD_HEADS)))  # 'Ban Kiểm soát đặc biệt tại SCB'
        if (previous is not None and previous.type == "ORG" and (entity.type == "ORG" or at_site)
                and (gap == " " or unit_of_parent or alias_between and entity.type == "ORG"
                     and not names_a_place_or_measure(alias_between.group("alias")))):
            span = text[previous.start:entity.end]
            joined[-1] = Entity(previous.start, entity.end, span, "ORG", organisations.normalized_name(span),
                                {}, "org.joined")
            continue
        joined.append(entity)
    return joined


SHORT_NAME = r"\p{Lu}[\p{Lu}\p{N}&-]{1,11}|[A-Z][A-Za-z]{2,14}"  # 'NHCSXH', 'SMBC', 'Saigonbank'
# The short names in brackets after a body: '(ACV)', '(SMFG - gọi chung là SMBC)', '(Saigonbank - SGB)',
# '(HAGL - mã chứng khoán: HAG)'; a last lower-case syllable of the name may stand before them.
# A unit written before the body it belongs to, after a dash: 'Cục Quản lý Khám chữa bệnh - Bộ Y tế'.
PARENT_BODY_HEADS = ("Bộ ", "Tổng cục ", "UBND ", "Ủy ban nhân dân ")
BOARD_HEADS = ("Ban ", "Tổ ", "Đoàn ")  # a board placed at a body: 'Ban Kiểm soát đặc biệt tại SCB'
UNIT_HEADS = ("Cục ", "Vụ ", "Viện ", "Văn phòng ", "Thanh tra ", "Tổng cục ", "Trung tâm ", "Chi cục ")
BRACKETED_ALIAS = regex.compile(
    rf"(?:[ ]\p{{Ll}}+)?[ ]?\((?P<alias>{SHORT_NAME})(?:\)|[ ]?[-–,][ ]?(?:(?:gọi chung là|gọi tắt là|viết tắt là|"
    rf"mã chứng khoán|mã cổ phiếu|mã)[ ]?:?[ ]?)?(?P<second>{SHORT_NAME})\))")
# An ORG written in capitals ('SMBC', 'VPB'): wherever the text uses it again it is the same body.
ACRONYM = regex.compile(r"[A-Z][A-Z0-9&]{1,5}")
GAP_WITH_ALIAS = regex.compile(r"[ ]\((?P<alias>\p{Lu}[\p{Lu}\p{N}&-]{1,11})\)[ ]")


def names_a_place_or_measure(alias: str) -> bool:
    return bool(gazetteer().aliases.get(spelling_key(alias)) or alias in place_grammar().named_values
                or alias in organisations.grammar().not_latin_names)


ALIAS_BOUNDARY = regex.compile(r"[\p{L}\p{N}/-]")  # an alias is no part of a word, a code or a number ('ACV-2')
SHORT_COMPANY_NAME = regex.compile(r"\p{Lu}\p{Ll}*(?:[ ]\p{Ll}+)?(?:[ ]\p{Lu}\p{Ll}*){1,3}")  # 'Xuân Hòa', 'Nội thất Xuân Hòa'


@lru_cache(maxsize=1)
def short_name_head() -> regex.Pattern:
    """The type words a company's short name follows ('Công ty cổ phần', 'CTCP'), compiled once."""
    heads = "|".join(regex.escape(h) for h in sorted(organisations.grammar().short_name_heads, key=len, reverse=True))
    return regex.compile(rf"(?:^|[ ])(?:{heads})[ ]")


def company_short_name(entity: Entity) -> str:
    """The name a company goes by after its type words ('Công ty cổ phần| Xuân Hòa'): the text calls
    it so again ('Xuân Hòa góp 16,5 tỷ đồng'). Empty when the name is not a run of capitalised words."""
    if entity.type != "ORG" or entity.rule not in ("org.head", "org.joined"):
        return ""
    head = short_name_head().search(entity.text)  # 'HĐQT| CTCP |Dược mỹ phẩm CVI'
    if head is None:
        return ""
    name = entity.text[head.end():]
    if ACRONYM.fullmatch(last := name.rsplit(" ", 1)[-1]) and " " in name and not is_generic_abbreviation(last):
        return last  # 'CTCP Dược mỹ phẩm CVI' … 'CVI đặt kế hoạch'
    return name if SHORT_COMPANY_NAME.fullmatch(name) and not bare_place(name, True) else ""


def is_generic_abbreviation(name: str) -> bool:
    """'UBND', 'HĐQT', 'CP': abbreviations of kinds of bodies, which their own rules place."""
    g = organisations.grammar()
    return name in g.council_alone or name in g.abbreviations or name in g.not_latin_names


def with_aliases(text: str, entities: list[Entity]) -> list[Entity]:
    """A body's short name is the body wherever the text uses it again: an abbreviation in brackets
    after an ORG ('Tổng Công ty Cảng hàng không Việt Nam (ACV)' … 'Lãnh đạo ACV') and a Latin-script
    name seen once in a company context ('thị phần của Zorvex' … 'Zorvex tăng')."""
    aliases: set[str] = set()
    for entity in entities:
        if entity.type != "ORG":
            continue
        bracket = BRACKETED_ALIAS.match(text, entity.end)
        for alias in (bracket.group("alias", "second") if bracket else ()):
            if alias and not names_a_place_or_measure(alias) and (alias.isupper() or looks_foreign(alias)):
                aliases.add(alias)  # but 'Sở Y tế (HCM)' names a place, '(GDP)' a measure
        if entity.rule == "org.latin" or ACRONYM.fullmatch(entity.text) and not is_generic_abbreviation(entity.text):
            aliases.add(entity.text)
        if short := company_short_name(entity):
            aliases.add(short)
    if not aliases:
        return entities
    taken = SpansByStart([(e.start, e.end) for e in entities])
    # (?<![\p{L}\p{N}/-])(?:aliases, longest first)(?![\p{L}\p{N}/-])
    added = [Entity(start, end, text[start:end], "ORG", text[start:end], {}, "org.alias")
             for start, end in find_phrases(text, aliases, ALIAS_BOUNDARY, ALIAS_BOUNDARY)
             if not taken.overlaps(start, end)]
    return sorted(entities + added, key=lambda e: (e.start, -e.end))


def candidates(text: str) -> list[Entity]:
    """Every finder's proposals, overlapping. The dates settle their years knowing where the cited
    documents are: a document's date of issue is not a year the text reports on."""
    documents = legal_documents.find_legal_documents(text)
    return (
        dates.find_dates(text, cited_documents=[(d.start, d.end) for d in documents])
        + documents
        + organisations.find_organisations(text)
        + places.find_places(text)
        + people.find_people(text)
    )


LIST_JOINT = regex.compile(r"(?:[,;][ ]|[ ]và[ ])")


def listed_with_companies(text: str, entities: list[Entity]) -> list[Entity]:
    """'PNJ, SJC, Doji…', 'VNPT; VRG': a Latin-script name listed right after a company named in
    Latin script is a company too."""
    taken = [(e.start, e.end) for e in entities]
    added: list[Entity] = []
    for entity in entities:
        if entity.type != "ORG" or not entity.text.isascii():
            continue
        cursor = entity.end
        while (joint := LIST_JOINT.match(text, cursor)) and (name := LATIN_LISTED.match(text, joint.end())):
            if any(name.start() < end and start < name.end() for start, end in taken):
                break
            if not looks_foreign(name.group()) or name.group() in organisations.grammar().not_latin_names:
                break
            added.append(Entity(name.start(), name.end(), name.group(), "ORG", name.group(), {}, "org.latin"))
            cursor = name.end()
    return sorted(entities + added, key=lambda e: (e.start, -e.end))


LATIN_LISTED = regex.compile(rf"{LATIN_NAME}(?![\p{{L}}\p{{N}}+])")


def find_entities_in_text(text: str) -> list[Entity]:
    resolved = join_adjacent_bodies(text, sites_acting_as_bodies(text, resolve(candidates(text))))
    return [in_modern_spelling(e) for e in with_aliases(text, listed_with_companies(text, resolved))]


def in_modern_spelling(entity: Entity) -> Entity:
    """One spelling per name whatever the tone-mark style it was written in (``Thanh Hoá`` and
    ``Thanh Hóa``, ``Uỷ ban`` and ``Ủy ban`` normalise alike), so that a name groups and searches as one."""
    if not entity.normalized:
        return entity
    modern = in_modern_tone_placement(entity.normalized)
    return entity if modern == entity.normalized else dataclasses.replace(entity, normalized=modern)


@lru_cache(maxsize=4096)
def in_modern_tone_placement(name: str) -> str:
    """``modern_tone_placement`` once a name: a name recurs in a text and across texts."""
    return modern_tone_placement(name)


def find_entities(document: Document, sentences: list[Sentence]) -> list[Entity]:
    """The entity stage of the default pipeline: rules and gazetteers over the raw text."""
    return find_entities_in_text(document.text)
