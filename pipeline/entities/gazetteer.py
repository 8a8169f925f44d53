"""The gazetteer and the admin-unit grammar every entity finder reads.

A place, a person and a body all meet at admin units: 'tỉnh Sóc Trăng' is a place, 'UBND tỉnh
Sóc Trăng' a body seated there, 'Bà Rịa' no woman. So the gazetteer of units (built by
``scripts/build_gazetteer.py`` from underthesea's 2025 data), the spelling key that joins the
tone placements, and the patterns compiled from ``rules/entities/places.yml`` live here, below the
finders, and each finder asks them instead of asking another finder.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import rules
from .names import (AFTER, BEFORE, RE_AFTER, TITLE_SYLLABLE, OpeningScan, WordStartScan, WordStartSpans, alternation,
                    case_variants, surname_led)
from ..paths import RULES_DIR

GAZETTEER_FILE = RULES_DIR / "gazetteer" / "admin_units.tsv"
MAJOR_LEVELS = ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "đặc khu")
# Old tone placement (hoà, thuỷ) and new (hòa, thủy) name the same unit.
OLD_TONE_SPELLINGS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
OLD_TONE_PATTERN = re.compile("|".join(OLD_TONE_SPELLINGS))  # stdlib re: fastest on these literals
UNEVEN_SPACING = re.compile(r"\s\s|[^\S ]|-|^\s|\s$")


@lru_cache(maxsize=1 << 16)
def spelling_key(name: str) -> str:
    """Lower case, one tone-placement convention, single spaces, hyphens spaced alike (cached: the
    finders ask it of the same few names again and again)."""
    key = name.lower().replace("’", "'").replace("–", "-")  # an en dash joins 'Bà Rịa – Vũng Tàu' too
    if UNEVEN_SPACING.search(key):
        key = " ".join(key.replace("-", " - ").split())
    if OLD_TONE_PATTERN.search(key):
        key = OLD_TONE_PATTERN.sub(lambda m: OLD_TONE_SPELLINGS[m.group()], key)
    return key


class AdminUnit(NamedTuple):
    """One row of the gazetteer (a named tuple: 14,000 of them load in a blink)."""

    level: str  # tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu
    name: str  # without the level word
    official_name: str
    province: str  # the province's official name; '' for a province
    era: str  # old (before 2025-07-01) | new
    merged_into: str  # the unit it now belongs to, '' if unchanged or new

    def detail(self) -> dict[str, str]:
        return {"level": self.level, "official_name": self.official_name,
                "province": self.province, "merged_into": self.merged_into}


class Gazetteer:
    """Admin units by spelling key, with a ranking that prefers the unit the text is about."""

    def __init__(self, units: list[AdminUnit], aliases: dict[str, str]):
        self.by_name: dict[str, list[AdminUnit]] = defaultdict(list)
        by_official: dict[str, AdminUnit] = {}
        wanted = {spelling_key(official) for official in aliases.values()}
        for unit in units:
            self.by_name[spelling_key(unit.name)].append(unit)
            if unit.level + " " + unit.name.lower() in wanted or unit.official_name.lower() in wanted:
                by_official.setdefault(spelling_key(unit.official_name), unit)
        self.aliases: dict[str, AdminUnit] = {}
        for alias, official in aliases.items():
            unit = by_official.get(spelling_key(official))
            if unit is None:  # an alias for a unit the data no longer lists (Bà Rịa - Vũng Tàu …)
                level, _, name = official.partition(" ")
                unit = AdminUnit(level.lower(), official.split(" ", 1)[1] if " " in official else official,
                                 official, "", "old", "")
            self.aliases[spelling_key(alias)] = unit
        self.province_names = {spelling_key(u.name) for u in units if u.level == "tỉnh" or
                               (u.level == "thành phố" and not u.province)}
        self.max_syllables = max(len(k.split()) for k in self.by_name)

    def lookup(self, name: str, levels: tuple[str, ...] | None = None, context: str = "") -> AdminUnit | None:
        """The unit called ``name`` at one of ``levels``; the old unit first, then one whose
        province the text names, so that normalisation reaches the 2025 successor."""
        key = spelling_key(name)
        candidates = [u for u in self.by_name.get(key, []) if levels is None or u.level in levels]
        if not candidates:
            alias = self.aliases.get(key)
            if alias and (levels is None or alias.level in levels or not alias.level):
                return alias
            return None
        context_key = context_key_of(context)

        def rank(unit: AdminUnit) -> tuple:
            province_named = bool(unit.province) and spelling_key(unit.province.split(" ", 1)[-1]) in context_key
            level_rank = MAJOR_LEVELS.index(unit.level) if unit.level in MAJOR_LEVELS else len(MAJOR_LEVELS)
            return (not (province_named or not unit.province), level_rank, unit.era != "old")

        return min(candidates, key=rank)

    def longest_prefix(self, words: list[str], levels: tuple[str, ...] | None) -> int:
        """How many of ``words`` form the longest known unit name (0 if none)."""
        for size in range(min(len(words), self.max_syllables), 0, -1):
            if self.lookup(" ".join(words[:size]), levels) is not None:
                return size
        return 0


@lru_cache(maxsize=8)
def context_key_of(context: str) -> str:
    """A document's spelling key, once per document (every lookup in it asks for it)."""
    return spelling_key(context)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    with open(GAZETTEER_FILE, encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split("\t")
        assert tuple(header) == AdminUnit._fields, f"{GAZETTEER_FILE}: unexpected columns {header}"
        units = [AdminUnit._make(line.rstrip("\n").split("\t")) for line in handle]
    return Gazetteer(units, rules.load("entities/places").get("aliases") or {})


@dataclass(frozen=True)
class PlaceGrammar:
    """The compiled patterns, built once a process from rules/entities/places.yml."""

    level_of: dict[str, str]
    admin: regex.Pattern
    admin_scan: OpeningScan  # ``admin`` over a whole text, overlapping
    minor: OpeningScan
    named: WordStartScan  # countries, regions, aliases: exact phrases
    named_values: dict[str, str]
    site: regex.Pattern
    list_item: regex.Pattern
    title_run: regex.Pattern
    heads_outside: frozenset[str]
    heads_with_lists: frozenset[str]
    blockers: frozenset[str]
    not_bare: frozenset[str]
    stop_words: frozenset[str]
    two_syllable_heads: frozenset[str]
    regions_after: dict[str, frozenset[str]]
    not_before: dict[str, frozenset[str]]
    site_head: regex.Pattern
    site_starts: WordStartSpans  # where a head may begin, overlapping
    site_starts_lowered: WordStartSpans  # the same places and a few more, found in the lower-cased text
    honorific_heads: frozenset[str]
    not_after: frozenset[str]


# Foreign names keep their hyphen (Champs-Élysées); a one-letter syllable opens highland names
# ('A Lưới', 'Ia Grai' has two letters already) when a syllable follows it; highland syllables
# may hold an apostrophe ('Nâm N'Jang', 'Đắk R'Lấp', 'Ea H'leo').
WORD = rf"(?:{TITLE_SYLLABLE}(?:-\p{{Lu}}\p{{Ll}}+)?|\p{{Lu}}['’]\p{{L}}\p{{Ll}}*|\p{{Lu}}(?=[ ]\p{{Lu}}\p{{Ll}}))"
NAME_SYLLABLES = rf"(?:{WORD})(?:[ ](?:{WORD}))*(?:[ ][-–][ ](?:{WORD})(?:[ ](?:{WORD}))*){{0,3}}"  # 'Bà Rịa – Vũng Tàu' too
# Communes numbered after merging ('xã A Lưới 1'); not a decimal ('1,5') or a date ('1/5').
UNIT_NUMBER = r"[ ]\d{1,2}(?!\d|[.,/]\d)"
# A facility may carry a code before or instead of its name: 'nhà ga T3 Tân Sơn Nhất', 'nhà ga T1'.
FACILITY_CODE = r"(?:\p{Lu}\d{1,2}(?![\p{L}\p{N}])|[A-Z]{2,5}(?=[ ]\p{Lu}\p{Ll}))"  # and a brand in capitals: 'Khu công nghiệp VSIP Bắc Ninh'
CAPS_SYLLABLES = r"\p{Lu}+(?:[ ]\p{Lu}+)*(?:[ ]-[ ]\p{Lu}+(?:[ ]\p{Lu}+)*)?"


@lru_cache(maxsize=1)
def place_grammar() -> PlaceGrammar:
    data = rules.load("entities/places")
    level_of: dict[str, str] = {}
    for word, level in data["level_words"].items():
        for variant in case_variants(word):
            level_of[variant] = level
    levels = alternation(level_of)
    admin = regex.compile(
        rf"{BEFORE}(?P<level>{levels})(?:(?<=\.)[ ]?|[ ])(?P<name>{NAME_SYLLABLES}(?:{UNIT_NUMBER})?|{CAPS_SYLLABLES}|\d+[A-Z]?){AFTER}"
    )
    minor = OpeningScan(regex.compile(
        rf"{BEFORE}(?P<level>{alternation(data['minor_units'])})[ ](?P<name>(?:{TITLE_SYLLABLE})(?:[ ](?:{TITLE_SYLLABLE})){{0,2}}|\d+[A-Z]?){AFTER}"
    ), data["minor_units"])
    named_values: dict[str, str] = {}
    for name, value in (data.get("countries") or {}).items():
        named_values[name] = value
    for name in data.get("regions") or []:
        named_values[name] = name
        named_values.setdefault(name[:1].upper() + name[1:], name)  # 'Châu Âu bước vào mùa đông' opens a sentence
    for name in data.get("aliases") or {}:
        named_values[name] = name
    named = WordStartScan(rf"(?:{alternation(named_values, look_ahead=False)}){RE_AFTER}")
    lowercase_only = set(data.get("site_heads_lowercase_only") or [])
    heads = alternation([h for h in data["site_heads"] if h not in lowercase_only], with_case_variants=True)
    heads += "|" + alternation(lowercase_only)
    numbered = alternation(data["numbered_heads"], with_case_variants=True)
    # the same lists for the standard re's scan, which skips to their first letters by itself
    plain_heads = (alternation([h for h in data["site_heads"] if h not in lowercase_only], with_case_variants=True,
                               look_ahead=False) + "|" + alternation(lowercase_only, look_ahead=False))
    plain_numbered = alternation(data["numbered_heads"], with_case_variants=True, look_ahead=False)
    modifiers = alternation(data.get("site_head_modifiers") or [])
    site = regex.compile(  # a numbered head first: 'đường Vành đai 3' is not 'đường Vành'
        rf"{BEFORE}(?P<head>{numbered})[ ]?(?P<name>\d+[A-Z]?){AFTER}"
        rf"|{BEFORE}(?P<head>{heads})(?:[ ](?:{modifiers}))?(?:[ ]\(\p{{Lu}}{{2,6}}\))?"
        rf"[ ](?P<name>(?:{FACILITY_CODE}[ ])?{NAME_SYLLABLES}(?:[ ]\d+[A-Z]?)?|{FACILITY_CODE})(?!\p{{L}})"
    )
    list_item = regex.compile(rf"\G(?:,[ ]|[ ]và[ ])(?P<name>(?:{FACILITY_CODE}[ ])?{NAME_SYLLABLES}(?:{UNIT_NUMBER})?){AFTER}")
    title_run = regex.compile(rf"{BEFORE}{NAME_SYLLABLES}{AFTER}")
    site_head = regex.compile(rf"{BEFORE}(?:{heads}){AFTER}")
    return PlaceGrammar(
        level_of=level_of, admin=admin, admin_scan=OpeningScan(admin, level_of, overlapped=True), minor=minor, named=named, named_values=named_values, site=site,
        list_item=list_item, title_run=title_run, site_head=site_head,
        site_starts=WordStartSpans(rf"(?:{plain_heads})(?=[ ])|(?:{plain_numbered})(?=[ ]?\d)", overlapped=True),
        # every head in lower case, in one trie: a third of the letters to try at each word
        site_starts_lowered=WordStartSpans(
            rf"(?:{alternation({h.lower() for h in [*data['site_heads'], *data['numbered_heads']]}, look_ahead=False)})"
            rf"(?=[ ]|\d)", overlapped=True),
        honorific_heads=frozenset(spelling_key(h) for h in data.get("heads_taking_honorifics") or []),
        not_after=frozenset(data.get("not_after") or []),
        heads_outside=frozenset(spelling_key(h) for h in data.get("heads_outside_span") or []),
        heads_with_lists=frozenset(spelling_key(h) for h in data.get("heads_with_lists") or []),
        blockers=frozenset(spelling_key(b) for b in data.get("head_blockers") or []),
        not_bare=frozenset(spelling_key(n) for n in data.get("not_bare") or []),
        stop_words=frozenset(data.get("stop_words") or []),
        regions_after={k: frozenset(v) for k, v in (data.get("regions_after") or {}).items()},
        not_before={k: frozenset(v) for k, v in (data.get("not_before") or {}).items()},
        two_syllable_heads=frozenset(spelling_key(h) for h in data.get("heads_needing_two_syllables") or []),
    )


def admin_unit_at(text: str, start: int, context: str = "") -> tuple[int, AdminUnit | None] | None:
    """An admin unit written from ``start`` ('tỉnh Sóc Trăng', 'TP Móng Cái', 'xã 3'): its end and
    the gazetteer unit. A major level needs a known name; a commune or ward may be unknown."""
    g = place_grammar()
    match = g.admin.match(text, start)
    if not match:
        return None
    level = g.level_of[match.group("level")]
    name = match.group("name")
    name_start = match.start("name")
    name_words = name.split(" ")
    for size in range(len(name_words), 0, -1):  # 'TP.HCM', 'TP HCM' are aliases as a whole
        end = name_start + len(" ".join(name_words[:size]))
        whole_alias = gazetteer().aliases.get(spelling_key(text[match.start():end]))
        if whole_alias is not None:
            return end, whole_alias
    if (name.isupper() and len(name) > 1 and size_of_known(name, level) == 0
            and gazetteer().aliases.get(spelling_key(name)) is None):
        return None  # a heading in capitals ('XÃ HỘI CHỦ NGHĨA') names a unit only when it is known
    if name[0].isdigit():
        if level in ("phường", "quận"):
            return match.end(), None
        return None
    words = name.split(" ")
    size = gazetteer().longest_prefix(words, (level,))
    if size == 0:
        alias_unit = gazetteer().aliases.get(spelling_key(name))
        if alias_unit is not None:
            return match.end(), alias_unit
        if level in MAJOR_LEVELS and not foreign_city(level, words):
            return None
        size = 1
        while size < min(len(words), 3) and words[size] not in g.stop_words and words[size] not in ("-", "–"):
            size += 1
    kept = " ".join(words[:size])
    end = name_start + len(kept)
    return end, gazetteer().lookup(kept, (level,), context)


def size_of_known(name: str, level: str) -> int:
    return gazetteer().longest_prefix(name.split(" "), (level,))


def foreign_city(level: str, words: list[str]) -> bool:
    """'thành phố Los Angeles': a city the gazetteer cannot know, but not a person's name run on
    after a level word ('UBND tỉnh Cao Tường Huy' is 'UBND tỉnh' and a name)."""
    return (level == "thành phố" and not words[0].isupper() and len(words) <= 3
            and words[0] not in place_grammar().stop_words and not surname_led(words))


ONE_WORD_UNITS = ("huế",)  # the units named by one syllable alone: any other word alone is no place


def long_enough_for_a_unit(name: str) -> bool:
    """Whether ``name`` may name a unit without its level word: two syllables or more, or a unit
    named by one alone (Huế). Cheap: a single capitalised word is refused before any lookup."""
    key = spelling_key(name)
    return len(key.split()) >= 2 or key in ONE_WORD_UNITS


def bare_unit(name: str, in_brackets: bool, context: str) -> AdminUnit | None:
    """A province or district named without its level word ('Quảng Ninh'), if the gazetteer knows it."""
    g = place_grammar()
    key = spelling_key(name)
    if not long_enough_for_a_unit(name):
        return None
    if key in g.not_bare and not in_brackets:
        return None
    levels = MAJOR_LEVELS
    return gazetteer().lookup(name, levels, context)
