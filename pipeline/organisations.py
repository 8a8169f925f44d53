"""Organisations (ORG): state and Party bodies, companies, banks, schools, media.

In: a document's text. Out: ORG ``Entity`` candidates (the entity stage keeps the outermost).
Four shapes cover nearly every body in news and government texts, all as data in
``rules/organisations.yml``:

- a known name or abbreviation (``Chính phủ``, ``NHCSXH``, ``VnExpress``);
- a council that stands alone or takes an admin unit (``UBND``, ``UBND huyện Mỹ Xuyên``,
  ``HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN``); the unit is part of the ORG, not a LOC of its own;
- a head noun and a name (``Sở Công Thương``, ``Công ty CP Đầu tư hạ tầng giao thông Đèo Cả``),
  the name being a field of government or a run of capitalised words that may bridge a few
  lower-case syllables, then an optional admin unit;
- a capitalised common noun that stands for a body (``của Thành phố``).

A position is never part of the span (``Chủ tịch UBND tỉnh`` → ``UBND tỉnh``), simply because
no position word is a head.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import places, rules
from .entity_patterns import AFTER, BEFORE, alternation, case_variants
from .records import Entity

TOKEN = regex.compile(r"\G[ ]+([^\s]+)")
NOT_IN_CODE = r"(?<![\p{L}\p{N}/-])"  # 'NQ-HĐND' is part of a document number, not a body
TRAILING_PUNCTUATION = ",;:.!?)(\"'”“…"
BRAND = regex.compile(r"[A-Za-z+&]+")


@dataclass(frozen=True)
class OrganisationGrammar:
    known: regex.Pattern
    known_values: dict[str, str]
    not_followed_by: dict[str, tuple[str, ...]]
    councils: regex.Pattern
    council_alone: dict[str, bool]
    heads: regex.Pattern
    fields: regex.Pattern
    level_word: regex.Pattern
    capitalised_bodies: regex.Pattern
    prefixes: regex.Pattern
    stop_words: frozenset[str]
    name_breakers: frozenset[str]
    bridging_heads: frozenset[str]
    lowercase_heads: frozenset[str]
    abbreviations: dict[str, str]
    abbreviation_pattern: regex.Pattern
    place_suffix: regex.Pattern
    head_blockers: dict[str, tuple[str, ...]]
    body_after: frozenset[str]


@lru_cache(maxsize=1)
def grammar() -> OrganisationGrammar:
    data = rules.load("organisations")
    place_data = rules.load("places")
    known_values = dict(data["known"])
    council_alone: dict[str, bool] = {}
    for council, alone in data["councils"].items():
        for variant in case_variants(council):
            council_alone[variant] = bool(alone)
    heads = list(data["heads"]) + list(data["lowercase_heads"])
    for name, value in list(known_values.items()):
        if " " in name:  # headers write bodies in capitals: NGÂN HÀNG CHÍNH SÁCH XÃ HỘI
            known_values.setdefault(name.upper(), value)
    fields = alternation(data["fields"])
    levels = alternation(place_data["level_words"], with_case_variants=True)
    abbreviations = dict(data["abbreviations"])
    countries = alternation(list(place_data["countries"]) + ["Việt Nam"])
    return OrganisationGrammar(
        known=regex.compile(rf"{NOT_IN_CODE}(?:{alternation(known_values)}){AFTER}"),
        known_values=known_values,
        not_followed_by={k: tuple(v) for k, v in (data.get("not_followed_by") or {}).items()},
        councils=regex.compile(rf"{NOT_IN_CODE}(?:{alternation(council_alone)}){AFTER}"),
        council_alone=council_alone,
        heads=regex.compile(rf"{BEFORE}(?:{alternation(heads)})(?=[ ])"),
        fields=regex.compile(rf"(?:{fields})(?:[ ]-[ ](?:{fields}))*{AFTER}"),
        level_word=regex.compile(rf"[ ](?:{levels})(?![\p{{L}}\p{{N}}])"),
        capitalised_bodies=regex.compile(rf"{BEFORE}(?:{alternation(data.get('capitalised_bodies') or [])}){AFTER}"),
        prefixes=regex.compile(rf"(?:{alternation(data.get('prefixes') or [])})[ ]$"),
        stop_words=frozenset(data["stop_words"]),
        name_breakers=frozenset(data["name_breakers"]),
        bridging_heads=frozenset(data["bridging_heads"]),
        lowercase_heads=frozenset(w for h in data["lowercase_heads"] for w in h.split()[:1]),
        abbreviations=abbreviations,
        abbreviation_pattern=regex.compile(rf"{BEFORE}(?:{alternation(abbreviations)})(?![\p{{L}}\p{{N}}])"),
        head_blockers={k: tuple(v) for k, v in (data.get("head_blockers") or {}).items()},
        body_after=frozenset(data.get("capitalised_body_after") or []),
        place_suffix=regex.compile(rf"[ ](?:{countries})(?![\p{{L}}\p{{N}}])"),
    )


def normalized_name(span: str) -> str:
    """The span with its abbreviations spelt out: 'UBND tỉnh' → 'Ủy ban nhân dân tỉnh'."""
    g = grammar()
    if span in g.known_values:
        return g.known_values[span]
    return g.abbreviation_pattern.sub(lambda m: g.abbreviations[m.group()], span)


def organisation(text: str, start: int, end: int, rule: str) -> Entity:
    start = with_prefix(text, start)
    span = text[start:end]
    return Entity(start, end, span, "ORG", normalized_name(span), {}, rule)


def with_prefix(text: str, start: int) -> int:
    """Extend to a standing-committee prefix written before the body ('TT. HĐND tỉnh')."""
    match = grammar().prefixes.search(text[max(0, start - 20):start])
    return start - len(match.group()) if match else start


def admin_suffix_end(text: str, end: int) -> int | None:
    """The end of an admin unit right after a body ('UBND| huyện Mỹ Xuyên'), or None."""
    match = grammar().level_word.match(text, end)
    if not match:
        return None
    located = places.admin_unit_at(text, end + 1, text)
    if located and located[0] >= match.end():
        return located[0]
    return match.end()


def name_end(text: str, start: int, bridging: bool = True) -> int | None:
    """Where a body's name that begins at ``start`` ends, or None if no name begins there.

    A field of government ('Tài chính', 'Kế hoạch và Đầu tư') is taken whole. Otherwise the name
    is a run of capitalised words; a lower-case syllable right after one belongs to it ('Thống
    kê'), and up to four more lower-case words may bridge to a later capitalised one ('Đầu tư
    hạ tầng giao thông Đèo Cả'). Stop words, punctuation and a new head end the name.
    """
    g = grammar()
    field = g.fields.match(text, start)
    if field:
        return field.end()
    end = None
    pending = 0
    previous_capitalised = False
    cursor = start - 1
    for count, token in enumerate(TOKEN.finditer(text, cursor)):
        if count > 14:
            break
        raw = token.group(1)
        word = raw.rstrip(TRAILING_PUNCTUATION)
        closes = word != raw
        if not word:
            break
        if word == "-" or word == "&":
            if end is None:
                break
            pending += 1
            previous_capitalised = False
            continue
        if word[0].isupper():
            if word in g.name_breakers and end is not None or places.grammar().level_of.get(word) and end is not None:
                break
            end = token.start(1) + len(word)
            pending = 0
            previous_capitalised = True
        elif word[0].islower():
            if end is None or word in g.stop_words or word in places.grammar().level_of:
                break
            if word in g.lowercase_heads and not previous_capitalised:
                break
            if previous_capitalised:
                end = token.start(1) + len(word)
                previous_capitalised = False
            else:
                pending += 1
                if pending > 4 or not bridging:
                    break
        elif word[0].isdigit() and end is not None and previous_capitalised:
            end = token.start(1) + len(word)
            previous_capitalised = False
        else:
            break
        if closes:
            break
    return end


def find_organisations(text: str) -> list[Entity]:
    """Every ORG candidate in ``text``; overlaps are left for the entity stage to resolve."""
    g = grammar()
    found: list[Entity] = []
    for match in g.known.finditer(text):
        following = text[match.end():match.end() + 12].split()
        if following and following[0] in g.not_followed_by.get(match.group(), ()):
            continue
        end = match.end()
        if BRAND.fullmatch(match.group()):
            suffix = g.place_suffix.match(text, end)
            if suffix:
                end = suffix.end()
            else:
                bare = places.grammar().title_run.match(text, end + 1) if text[end:end + 1] == " " else None
                if bare and places.bare_unit(bare.group(), False, text):
                    end = bare.end()
        found.append(organisation(text, match.start(), end, "org.known"))
    for match in g.councils.finditer(text):
        if text.startswith(" các ", match.end()):
            continue  # 'UBND các xã' names a kind of body, not one
        end = admin_suffix_end(text, match.end())
        if end is None:
            if not g.council_alone[match.group()]:
                continue
            end = match.end()
        found.append(organisation(text, match.start(), end, "org.council"))
    for match in g.heads.finditer(text):
        if match.group()[0].islower() and previous_word(text, match.start()) in g.head_blockers.get(match.group(), ()):
            continue  # 'thị trường Singapore' is a market, not a school
        end = name_end(text, match.end() + 1, match.group() in g.bridging_heads)
        if end is None:
            continue
        end = admin_suffix_end(text, end) or end
        found.append(organisation(text, match.start(), end, "org.head"))
    for match in g.capitalised_bodies.finditer(text):
        if places.inside_longer_name(text, match.start(), match.end()) or sentence_initial(text, match.start()):
            continue
        if previous_word(text, match.start()) not in g.body_after:
            continue
        found.append(organisation(text, match.start(), match.end(), "org.capitalised"))
    return found


def previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 20):start].split()
    return words[-1] if words else ""


def sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?:;\"“(-–"
