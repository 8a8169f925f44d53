"""Places (LOC): admin units with their level word, countries and regions, named sites.

In: a document's text. Out: LOC ``Entity`` records, possibly overlapping (the entity stage keeps
the outermost). Admin units come from the gazetteer that ``scripts/build_gazetteer.py`` builds
out of underthesea's 2025 administrative-unit data; a unit keeps its level word in the span
(``xã Ngọc Đông``) and is normalised to its official name, with the unit it was merged into on
2025-07-01 in ``detail``. Everything else (level words, aliases, countries, site heads) is in
``rules/entities/places.yml``. All matching is regex and dictionary over the raw text: no tokenizer.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .gazetteer import AdminUnit, admin_unit_at, bare_unit, gazetteer, long_enough_for_a_unit, place_grammar, spelling_key
from .names import AFTER, BEFORE, alternation, inside_longer_name, surname_led
from ..records import Entity

HOUSE_NUMBER = regex.compile(r"(?<![\p{L}\p{N}])số[ ]\d+[\p{L}\d/]*[ ]$")
LISTED_BEFORE = regex.compile(r"(?s)(.*?)(?:,|[ ]và)[ ]*$")
LISTED_AFTER = regex.compile(r"(?:,|[ ]và)[ ]+(.{0,30})")


def place_entity(text: str, start: int, end: int, rule: str, unit: AdminUnit | None = None,
                 normalized: str | None = None) -> Entity:
    if unit is not None:
        return Entity(start, end, text[start:end], "LOC", unit.official_name, unit.detail(), rule)
    return Entity(start, end, text[start:end], "LOC", normalized or text[start:end], {}, rule)


def part_of_a_code(text: str, start: int, end: int) -> bool:
    """Whether letters are joined by a hyphen to a code's letters or digits ('VN-A653', 'US-2B')."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    return (len(after) == 2 and after[0] == "-" and after[1].isalnum()
            or len(before) == 2 and before[1] == "-" and before[0].isalnum())


@lru_cache(maxsize=64)
def region_pattern(name: str) -> regex.Pattern:
    """A region's name as a whole word ('Tây Nguyên'), compiled once."""
    return regex.compile(rf"{BEFORE}{regex.escape(name)}{AFTER}")


def find_places(text: str) -> list[Entity]:
    """Every LOC candidate in ``text``; overlaps are left for the entity stage to resolve."""
    g = place_grammar()
    found: list[Entity] = []
    for match in g.admin_scan.finditer(text):
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
        for match in region_pattern(name).finditer(text):
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
    names = place_grammar().named_values
    before = text[max(0, start - 30):start]
    joined = LISTED_BEFORE.match(before)
    if joined and any(joined.group(1).endswith(name) for name in names):
        return True
    after = LISTED_AFTER.match(text[end:end + 35])
    return bool(after and any(after.group(1).startswith(name) for name in names))


def side_of_a_site(text: str, start: int, end: int) -> bool:
    """'phía Đông Bắc núi Sam': a side of a place named next, not a region ('phía Nam' alone is)."""
    words = text[max(0, start - 8):start].split()
    return bool(words and words[-1].lower() == "phía" and place_grammar().site_head.match(text, end + 1)
                and text[end:end + 1] == " ")


def named_sites(text: str) -> list[Entity]:
    """'hầm Hải Vân 2', 'Khu công nghiệp Quang Châu', 'số 27 đường Đông Lạnh', and the rest of a
    list a plural head governs ('các tuyến phố Mễ Trì, Bạch Mai')."""
    g = place_grammar()
    found: list[Entity] = []
    names: set[str] = set()
    named_at: set[int] = set()  # 'các tuyến phố Kim Mã' also holds 'phố Kim Mã': the longest head wins
    # The standard re finds heads fast, regex reads the name. In the lower-cased text the heads are
    # found in lower case: there, every place where a head of any case stands and a few more (`KHu`),
    # where ``site`` finds nothing, as it finds nothing where no head stands.
    lowered = text.lower()
    starts = g.site_starts_lowered.finditer(lowered) if len(lowered) == len(text) else g.site_starts.finditer(text)
    for start, _ in starts:
        match = g.site.match(text, start)
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
    g = place_grammar()
    found: list[Entity] = []
    for match in g.title_run.finditer(text):
        run = match.group()
        if " " not in run and not long_enough_for_a_unit(run):
            continue  # one word ('Theo', 'Nam'): its only candidate is itself, and it is too short
        start = match.start()
        in_brackets = text[start - 1:start] == "(" and text[match.end():match.end() + 1] in (")", ",")  # '(Đống Đa, Hà Nội)'
        candidates = [(start, run)]
        words = run.split(" ")
        if len(words) > 2 and words[1] != "-":
            candidates.append((start + len(words[0]) + 1, " ".join(words[1:])))
        for size in range(len(words) - 2, 1, -1):  # 'Quảng Ninh' before a person's name in one run
            if surname_led(words[size:]):
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
    g = place_grammar()
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
        if surname_led(name.split(" ")):
            continue
        words = name.split(" ")
        if not sentence_start(text, match.start()) or len(words) > 1:
            found.append(place_entity(text, match.start(), match.end("name"), "place.placed_in"))
    return found


def sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?"
