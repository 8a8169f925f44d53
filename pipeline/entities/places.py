"""Places (LOC): admin units with their level word, countries and regions, named sites.

In: a document's text. Out: LOC ``Entity`` records, possibly overlapping (the entity stage keeps
the outermost). Admin units come from the gazetteer that ``scripts/build_gazetteer.py`` builds
out of underthesea's 2025 administrative-unit data; a unit keeps its level word in the span
(``xã Ngọc Đông``) and is normalised to its official name, with the unit it was merged into on
2025-07-01 in ``detail``. Everything else (level words, aliases, countries, site heads) is in
``rules/entities/places.yml``. All matching is regex and dictionary over the raw text: no tokenizer.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from .. import rules
from .names import AFTER, BEFORE, RE_BEFORE, TITLE_SYLLABLE, alternation, case_variants, literal_finder
from ..paths import RULES_DIR
from ..records import Entity

GAZETTEER_FILE = RULES_DIR / "gazetteer" / "admin_units.tsv"
HOUSE_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])số[ ]\d+[\p{L}\d/]*[ ]$")
MAJOR_LEVELS = ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "đặc khu")
# Old tone placement (hoà, thuỷ) and new (hòa, thủy) name the same unit.
OLD_TONE_SPELLINGS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
OLD_TONE_PATTERN = re.compile("|".join(OLD_TONE_SPELLINGS))  # stdlib re: fastest on these literals
UNEVEN_SPACING = re.compile(r"\s\s|[^\S ]|-|^\s|\s$")
CAPITALISED_NEXT = regex.compile(r"[ ]\p{Lu}\p{Ll}")
CAPITALISED_BEFORE = regex.compile(r"(?:^|(?<=[\n.!?:;\"(]\s*))?(\p{Lu}\p{Ll}*)[ ]$")
LISTED_BEFORE = regex.compile(r"(?s)(.*?)(?:,|[ ]và)[ ]*$")
LISTED_AFTER = regex.compile(r"(?:,|[ ]và)[ ]+(.{0,30})")


def spelling_key(name: str) -> str:
    """Lower case, one tone-placement convention, single spaces, hyphens spaced alike."""
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
    minor: regex.Pattern
    named: re.Pattern  # countries, regions, aliases: exact phrases
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
    site_starts: re.Pattern
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
def grammar() -> PlaceGrammar:
    data = rules.load("entities/places")
    level_of: dict[str, str] = {}
    for word, level in data["level_words"].items():
        for variant in case_variants(word):
            level_of[variant] = level
    levels = alternation(level_of)
    admin = regex.compile(
        rf"{BEFORE}(?P<level>{levels})(?:(?<=\.)[ ]?|[ ])(?P<name>{NAME_SYLLABLES}(?:{UNIT_NUMBER})?|{CAPS_SYLLABLES}|\d+[A-Z]?){AFTER}"
    )
    minor = regex.compile(
        rf"{BEFORE}(?P<level>{alternation(data['minor_units'])})[ ](?P<name>(?:{TITLE_SYLLABLE})(?:[ ](?:{TITLE_SYLLABLE})){{0,2}}|\d+[A-Z]?){AFTER}"
    )
    named_values: dict[str, str] = {}
    for name, value in (data.get("countries") or {}).items():
        named_values[name] = value
    for name in data.get("regions") or []:
        named_values[name] = name
        named_values.setdefault(name[:1].upper() + name[1:], name)  # 'Châu Âu bước vào mùa đông' opens a sentence
    for name in data.get("aliases") or {}:
        named_values[name] = name
    named = literal_finder(named_values)
    lowercase_only = set(data.get("site_heads_lowercase_only") or [])
    heads = alternation([h for h in data["site_heads"] if h not in lowercase_only], with_case_variants=True)
    heads += "|" + alternation(lowercase_only)
    numbered = alternation(data["numbered_heads"], with_case_variants=True)
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
        level_of=level_of, admin=admin, minor=minor, named=named, named_values=named_values, site=site,
        list_item=list_item, title_run=title_run, site_head=site_head,
        site_starts=re.compile(rf"{RE_BEFORE}(?=(?:{heads})[ ]|(?:{numbered})[ ]?\d)"),
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


def place_entity(text: str, start: int, end: int, rule: str, unit: AdminUnit | None = None,
                 normalized: str | None = None) -> Entity:
    if unit is not None:
        return Entity(start, end, text[start:end], "LOC", unit.official_name, unit.detail(), rule)
    return Entity(start, end, text[start:end], "LOC", normalized or text[start:end], {}, rule)


def admin_unit_at(text: str, start: int, context: str = "") -> tuple[int, AdminUnit | None] | None:
    """An admin unit written from ``start`` ('tỉnh Sóc Trăng', 'TP Móng Cái', 'xã 3'): its end and
    the gazetteer unit. A major level needs a known name; a commune or ward may be unknown."""
    g = grammar()
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


def inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the span is part of a longer run of capitalised words ('Mỹ' in 'Mỹ Xuyên'); a
    capitalised word that opens a sentence ('Tại Mỹ') does not count."""
    if CAPITALISED_NEXT.match(text, end, end + 3):
        return True
    before = CAPITALISED_BEFORE.search(text[max(0, start - 20):start])
    if not before:
        return False
    word_start = start - len(before.group(1)) - 1
    opening = text[:word_start].rstrip()
    return not (opening == "" or opening[-1] in "\n.!?:;\"(-–")


def foreign_city(level: str, words: list[str]) -> bool:
    """'thành phố Los Angeles': a city the gazetteer cannot know, but not a person's name run on
    after a level word ('UBND tỉnh Cao Tường Huy' is 'UBND tỉnh' and a name)."""
    return (level == "thành phố" and not words[0].isupper() and len(words) <= 3
            and words[0] not in grammar().stop_words and not people_name_follows(words))


def part_of_a_code(text: str, start: int, end: int) -> bool:
    """Whether letters are joined by a hyphen to a code's letters or digits ('VN-A653', 'US-2B')."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] == "-" and after[1].isalnum()
            or len(before) == 2 and before[1] == "-" and before[0].isalnum())


def find_places(text: str) -> list[Entity]:
    """Every LOC candidate in ``text``; overlaps are left for the entity stage to resolve."""
    g = grammar()
    found: list[Entity] = []
    for match in g.admin.finditer(text, overlapped=True):
        located = admin_unit_at(text, match.start(), text)
        if located:
            end, unit = located
            found.append(place_entity(text, match.start(), end, "place.admin", unit))
    for match in g.minor.finditer(text):
        found.append(place_entity(text, match.start(), match.end(), "place.minor"))
    for match in g.named.finditer(text):
        if not match.group().isupper() and inside_longer_name(text, match.start(), match.end()):
            continue
        if match.group().isupper() and part_of_a_code(text, match.start(), match.end()):
            continue  # 'VN-A653' is an aircraft's registration, not Vietnam
        words_before = text[max(0, match.start() - 16):match.start()].split()
        if words_before and words_before[-1].lower() in g.not_after or side_of_a_site(text, match.start(), match.end()):
            continue  # 'đô la Mỹ' is a currency, 'hướng Tây Bắc' a direction
        word_after = text[match.end():match.end() + 12].split()[:1]
        if word_after and text[match.end():match.end() + 1] == " " and \
                word_after[0].lower().strip(",.;:") in g.not_before.get(match.group(), ()):
            continue  # 'Pháp lệnh', 'Pháp luật': a word, not France
        unit = gazetteer().aliases.get(spelling_key(match.group()))
        if unit is not None:
            found.append(place_entity(text, match.start(), match.end(), "place.alias", unit))
        else:
            found.append(place_entity(text, match.start(), match.end(), "place.named",
                                      normalized=g.named_values.get(match.group())))
    for name, after in g.regions_after.items():
        for match in regex.finditer(rf"{BEFORE}{regex.escape(name)}{AFTER}", text):
            words = text[max(0, match.start() - 16):match.start()].split()
            if (words and words[-1].lower() in after or listed_with_countries(text, match.start(), match.end())) \
                    and not side_of_a_site(text, match.start(), match.end()):
                found.append(place_entity(text, match.start(), match.end(), "place.named"))
    found.extend(named_sites(text))
    found.extend(bare_units(text))
    found.extend(datelines(text))
    found.extend(placed_in_brackets(text))
    return found


def listed_with_countries(text: str, start: int, end: int) -> bool:
    """'Mỹ, Nhật Bản, ASEAN và Trung Quốc': a bloc listed among countries is a market, a place."""
    names = grammar().named_values
    before = text[max(0, start - 30):start]
    joined = LISTED_BEFORE.match(before)
    if joined and any(joined.group(1).endswith(name) for name in names):
        return True
    after = LISTED_AFTER.match(text[end:end + 35])
    return bool(after and any(after.group(1).startswith(name) for name in names))


def side_of_a_site(text: str, start: int, end: int) -> bool:
    """'phía Đông Bắc núi Sam': a side of a place named next, not a region ('phía Nam' alone is)."""
    words = text[max(0, start - 8):start].split()
    return bool(words and words[-1].lower() == "phía" and grammar().site_head.match(text, end + 1)
                and text[end:end + 1] == " ")


def named_sites(text: str) -> list[Entity]:
    """'hầm Hải Vân 2', 'Khu công nghiệp Quang Châu', 'số 27 đường Đông Lạnh', and the rest of a
    list a plural head governs ('các tuyến phố Mễ Trì, Bạch Mai')."""
    g = grammar()
    found: list[Entity] = []
    names: set[str] = set()
    named_at: set[int] = set()  # 'các tuyến phố Kim Mã' also holds 'phố Kim Mã': the longest head wins
    for start in g.site_starts.finditer(text):  # the standard re finds heads fast; regex reads the name
        match = g.site.match(text, start.start())
        if not match or match.start("name") in named_at:
            continue
        named_at.add(match.start("name"))
        head = spelling_key(match.group("head"))
        preceding = text[max(0, match.start() - 12):match.start()].split()
        if preceding and spelling_key(f"{preceding[-1]} {match.group('head').split(' ')[0]}") in g.blockers:
            continue
        name = match.group("name")
        if name.split(" ")[0] in g.stop_words and not (head in g.honorific_heads and name.split(" ")[0] in ("Ông", "Bà")):
            continue  # 'Sở …' after a head opens a body; but 'núi Bà Đen' is a mountain's name
        if head in g.two_syllable_heads and " " not in name:
            continue
        start = match.start("name") if head in g.heads_outside else match.start()
        house = HOUSE_NUMBER.search(text, max(0, match.start() - 16), match.start())
        if house and start == match.start():  # 'số 27 đường Đông Lạnh': the address is one place
            start = house.start()
        found.append(place_entity(text, start, match.end(), "place.site"))
        names.add(name)
        if head in g.heads_with_lists:
            cursor = match.end()
            while item := g.list_item.match(text, cursor):
                found.append(place_entity(text, item.start("name"), item.end("name"), "place.site_list"))
                cursor = item.end()
    found.extend(site_repeats(text, {n for n in names if " " in n}))
    return found


def site_repeats(text: str, names: set[str]) -> list[Entity]:
    """A site named once with its head ('hầm Hải Vân 1') recurs without it ('đi Hải Vân 1')."""
    if not names:
        return []
    pattern = regex.compile(rf"{BEFORE}(?:{alternation(names)}){AFTER}(?![ ]\p{{Lu}})")
    return [place_entity(text, m.start(), m.end(), "place.site_repeat") for m in pattern.finditer(text)]


def bare_units(text: str) -> list[Entity]:
    """Provinces and districts named without a level word ('Quảng Ninh', 'Bắc Từ Liêm'): only a
    whole run of capitalised syllables (so 'Savills Hà Nội' or a person's name is not split),
    or that run without a sentence-initial word ('Tại Hà Nội')."""
    g = grammar()
    found: list[Entity] = []
    for match in g.title_run.finditer(text):
        start, run = match.start(), match.group()
        in_brackets = text[start - 1:start] == "(" and text[match.end():match.end() + 1] in (")", ",")  # '(Đống Đa, Hà Nội)'
        candidates = [(start, run)]
        words = run.split(" ")
        if len(words) > 2 and words[1] != "-":
            candidates.append((start + len(words[0]) + 1, " ".join(words[1:])))
        for size in range(len(words) - 2, 1, -1):  # 'Quảng Ninh' before a person's name in one run
            if people_name_follows(words[size:]):
                candidates.append((start, " ".join(words[:size])))
        for candidate_start, name in candidates:
            unit = bare_unit(name, in_brackets, text)
            if unit is not None:
                found.append(place_entity(text, candidate_start, candidate_start + len(name), "place.bare", unit))
                break
    return found


DATELINE = regex.compile(r"(?m)^(?P<name>(?:\p{Lu}\p{Ll}+[ ]){0,3}\p{Lu}\p{Ll}+)(?=\p{Lu}\p{Ll})")


def datelines(text: str) -> list[Entity]:
    """A news dateline glued to the first word of the story ('Hà NộiNhận thông báo …'), as
    pages copied from news sites often are: the place is still a place."""
    g = grammar()
    found = []
    for match in DATELINE.finditer(text):
        name = match.group("name")
        unit = bare_unit(name, True, text) or gazetteer().aliases.get(spelling_key(name))
        if unit is not None:
            found.append(place_entity(text, match.start(), match.end(), "place.bare", unit))
        elif name in g.named_values:
            found.append(place_entity(text, match.start(), match.end(), "place.named",
                                      normalized=g.named_values[name]))
    return found


PLACED_IN = regex.compile(
    r"(?<![\p{L}\p{N}])(?P<name>\p{Lu}[\p{L}]+(?:[ ]\p{Lu}[\p{L}]+){0,3})[ ]\((?P<where>\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,3})"
    r"(?:,[ ](?:TP\.?[ ]?|tỉnh[ ]|thành[ ]phố[ ])?\p{Lu}[\p{L}.]*(?:[ ]\p{Lu}\p{Ll}*){0,3})?\)"  # 'Duy Tân (Cầu Giấy, Hà Nội)'
)


HOUSE_NUMBER_BEFORE = regex.compile(  # '14 ', '27A ', '12/3 ', not a year ('năm 2020 Nguyễn Văn An')
    r"(?<![\p{L}\p{N},./-])(?<!(?:năm|tháng|ngày|quý|Năm|Tháng|Ngày|Quý)[ ])(?!(?:19|20)\d\d[ ])\d{1,4}[A-Z]?(?:/\d{1,4}[A-Z]?)*[ ]$")


def placed_in_brackets(text: str) -> list[Entity]:
    """A named site followed by its district in brackets ('Ciputra (Tây Hồ)', 'Imperia Garden
    (Thanh Xuân)'): the site is a place too, unless the name is a person's."""
    found = []
    for match in PLACED_IN.finditer(text):
        name = match.group("name")
        if bare_unit(match.group("where"), True, text) is None:
            continue
        if HOUSE_NUMBER_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            # '14 Trần Đăng Ninh (Cầu Giấy)': after a house number even a person's name is a street
            found.append(place_entity(text, match.start(), match.end("name"), "place.addressed"))
            continue
        if people_name_follows(name.split(" ")):
            continue
        words = name.split(" ")
        if not sentence_start(text, match.start()) or len(words) > 1:
            found.append(place_entity(text, match.start(), match.end("name"), "place.placed_in"))
    return found


def sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?"


def people_name_follows(words: list[str]) -> bool:
    from . import people  # people imports places; the dependency back is only at call time

    return people.surname_led(words)


def bare_unit(name: str, in_brackets: bool, context: str) -> AdminUnit | None:
    g = grammar()
    key = spelling_key(name)
    if len(key.split()) < 2 and key not in ("huế",):
        return None
    if key in g.not_bare and not in_brackets:
        return None
    levels = MAJOR_LEVELS
    return gazetteer().lookup(name, levels, context)
