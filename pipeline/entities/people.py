"""People (PER): names after titles, surname-led names, bylines and photo credits, initials.

In: a document's text. Out: PER ``Entity`` candidates whose span is the name alone, never the
title (``đồng chí Cao Tường Huy`` → ``Cao Tường Huy``, ``bầu Đức`` → ``Đức``). A name is a run of
capitalised syllables; what makes it a person's is the word before it (a title, from
``rules/entities/people.yml``), its first syllable (a Vietnamese surname), or its place (a short line of
its own at the foot of an article: a byline). A name found once is found again wherever the same
run recurs in the text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from .bare_places import bare_place
from .gazetteer import gazetteer, place_grammar
from .names import (AFTER, BEFORE, MAYBE_CAPITAL, TITLE_SYLLABLE, OpeningScan, WordStartScan, alternation, case_variants,
                    find_phrases, inside_longer_name, looks_foreign, matches_before_anchors, name_words,
                    overlapping_starts, surname_led)
from ..records import Entity

# Korean and other foreign given names keep their hyphen: 'Kim Sang-sik', 'Park Hang-seo'.
# a foreign surname may hold a second capital (MacGregor, DeSantis, McCain) after the first syllable
NAME_RUN = rf"(?:{TITLE_SYLLABLE})(?:[ ](?:{TITLE_SYLLABLE})(?:\p{{Lu}}\p{{Ll}}+|-\p{{Ll}}+)?){{0,4}}"
LOWER_CASE_NEXT = regex.compile(r"[ ]\p{Ll}")
ALL_CAPITALS = regex.compile(r"\p{Lu}+")
TITLE_SYLLABLE_WORD = regex.compile(TITLE_SYLLABLE)
CAPITALISED_WORD_BEFORE = regex.compile(r"\p{Lu}\p{Ll}*[ ]$")
DASH_DIGIT = regex.compile(r"-\d")
# A short name with an age in brackets after it: 'Lan Thương (26 tuổi)'.
WITH_AGE = regex.compile(rf"{BEFORE}(?P<name>(?:{TITLE_SYLLABLE})(?:[ ](?:{TITLE_SYLLABLE})){{1,3}})[ ]\((?:\d{{1,3}}[ ]tuổi|SN[ ]\d{{4}}|sinh năm)")
AGE_WORDS = ("tuổi", "SN ", "sinh năm")  # what WITH_AGE holds after its bracket: a text without them has none
INITIALS = regex.compile(rf"{BEFORE}(?:\p{{Lu}}\.){{2,4}}(?:\p{{Lu}}(?![\p{{L}}\p{{N}}.]))?")
LINE = regex.compile(r"[^\n]+")
CAPS_NAME = r"\p{Lu}{2,}(?:[ ]\p{Lu}{2,}){1,3}(?![\p{L}\p{N}])"  # 'Luật sư VŨ PHI LONG'


@dataclass(frozen=True)
class PeopleGrammar:
    titled: regex.Pattern
    title_starts: WordStartScan  # where a title may begin, overlapping
    surname_led: OpeningScan  # overlapping
    surnames: frozenset[str]
    weak_surnames: frozenset[str]
    needs_surname: frozenset[str]
    not_names: frozenset[str]
    breakers: frozenset[str]
    phrase_starters: frozenset[str]
    country_titles: frozenset[str]
    not_bylines: frozenset[str]
    apposition: regex.Pattern
    apposition_gate: re.Pattern  # ', nhà phân tích': what every ``apposition`` match holds
    credited_initials: OpeningScan  # 'Ảnh: H.Nụ', 'Ảnh T.D': a photographer's initialled name
    title_words: frozenset[str]
    honorifics: frozenset[str]
    caps_heading: OpeningScan  # 'KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ PHẠM MINH CHÍNH TẠI …'
    caps_signature: OpeningScan  # '… nuôi ốc hương TRẦN THANH PHONG Tuy nhiên …': a credit in capitals
    initials_line: regex.Pattern  # 'Đ.Q' alone on a line: the writer's initials
    initials_line_gate: re.Pattern  # a line opening with a letter and a full stop: what ``initials_line`` needs
    bracketed_credit: regex.Pattern  # '(Ảnh chụp ngày 6/4: M.Minh)'
    outlet_credit: OpeningScan  # '(Ảnh: VGP/Nhật Bắc)': the outlet, then the photographer
    initialled_party: OpeningScan  # 'bà NTMP', 'ông NĐT': a party named by initials without dots


@lru_cache(maxsize=1)
def grammar() -> PeopleGrammar:
    data = rules.load("entities/people")
    titles: list[str] = []
    for title in data["titles"]:
        titles.extend(case_variants(title)[:2])
    needs_surname = {variant for t in data["titles_needing_surname"] for variant in case_variants(t)[:2]}
    surnames = alternation(data["surnames"])
    caps_surname_list = [s.upper() for s in data["surnames"]]
    caps_surnames = f"(?:{alternation(caps_surname_list)})"
    caps_titles = [t.upper() for t in data["titles_needing_surname"] if t[:1].isupper()]
    credit_cues = data.get("credit_cues") or []
    countries = alternation(rules.load("entities/places")["countries"])
    return PeopleGrammar(
        titled=regex.compile(
            rf"{BEFORE}(?P<title>{alternation(titles)})[ ]+(?:(?P<country>{countries})[ ]+)?"
            rf"(?P<name>\p{{Lu}}\.(?![\p{{L}}\p{{N}}])|{NAME_RUN}{AFTER}|{CAPS_NAME})"
        ),
        title_starts=WordStartScan(rf"(?:{alternation(titles, look_ahead=False)})(?=[ ])", overlapped=True),
        surname_led=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{surnames})(?:[ ](?:{TITLE_SYLLABLE})){{1,4}}{AFTER}(?:[ ]\p{{Lu}}\.(?![\p{{L}}\p{{N}}]))?"
        ), data["surnames"], overlapped=True),  # the last part may be an initial: 'Trần Văn T.'

        surnames=frozenset(s.upper() for s in data["surnames"]),
        weak_surnames=frozenset(data.get("weak_surnames") or []),
        needs_surname=frozenset(needs_surname),
        not_names=frozenset(data["not_names"]),
        breakers=frozenset(data["name_breakers"]),
        phrase_starters=frozenset(data["phrase_starters"]),
        country_titles=frozenset(data["titles_with_country"]),
        not_bylines=frozenset(s.upper() for s in data.get("not_bylines") or []),
        apposition=regex.compile(
            rf"{BEFORE}(?P<name>{NAME_RUN})(?<=[ ]\p{{Lu}}\p{{Ll}}+)(?:,|[ ][-–])[ ](?:{alternation(data.get('roles_after_name') or [])}){AFTER}"
        ),
        apposition_gate=re.compile(rf"(?:,|[ ][-–])[ ](?:{alternation(data.get('roles_after_name') or [])})"),
        credited_initials=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{alternation(credit_cues)})[:]?[ ]"
            r"(?P<name>(?:\p{Lu}\.[ ]?)+\p{Lu}[\p{L}]*(?:[ ]\p{Lu}[\p{Ll}]+)?)(?![\p{L}\p{N}]|\.\p{L})"), credit_cues),
        title_words=frozenset(t.lower() for t in data["titles"] if " " not in t),
        honorifics=frozenset(data["honorifics"]),
        caps_heading=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{alternation(caps_titles)})"
            rf"(?:[ ](?:{alternation(data.get('caps_heading_bodies') or [])}))?[ ]"
            rf"(?P<name>{caps_surnames}(?:[ ]\p{{Lu}}+){{1,3}}?)(?=[ ](?:{alternation(data.get('caps_heading_after') or [])}){AFTER}|[ ]*(?:\n|$|,))"), caps_titles),
        caps_signature=OpeningScan(regex.compile(
            rf"(?<=\p{{Ll}}[ ])(?P<name>{caps_surnames}(?:[ ]\p{{Lu}}+){{1,3}})(?=[ ]\p{{Lu}}\p{{Ll}})"), caps_surname_list),
        initials_line=regex.compile(r"(?m)^[ ]*(?P<name>(?:\p{Lu}\.){1,3}\p{Lu}[\p{L}]*)\.?[ ]*$"),
        initials_line_gate=re.compile(rf"\n[ ]*{MAYBE_CAPITAL}\."),  # a line after the first: a literal to skip to
        bracketed_credit=regex.compile(r"\([^()\n]{0,40}:[ ](?P<name>\p{Lu}\.[ ]?\p{Lu}\p{Ll}+)\)"),
        outlet_credit=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{alternation(credit_cues)}):?[ ][A-Z][A-Za-z.]{{1,20}}/(?P<name>{NAME_RUN}){AFTER}"), credit_cues),
        initialled_party=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{alternation(data['honorifics'])})[ ](?P<name>\p{{Lu}}{{2,4}})(?![\p{{L}}\p{{N}}]|\.\p{{L}})"),
            data["honorifics"], after=f"(?=[ ]{MAYBE_CAPITAL}{{2}})"),  # 'ông Nam' opens no initials
    )


def trimmed_name(words: list[str], lower_case_follows: bool = False, after_honorific: bool = False) -> list[str]:
    """The name's words up to the first one that opens something else (a body, a position);
    the last word also goes when it opens a phrase with the lower-case word after it. After
    'ông', 'bà', 'anh', 'chị' … a capitalised word is nearly always a name ('ông Kính', 'anh
    Nam', 'ông Chương'), so only the words that never are one stop it there."""
    g = grammar()
    if not words or words[0] in (g.breakers if after_honorific else g.not_names):
        return []
    kept = [words[0]]
    for word in words[1:]:
        if word in g.breakers:
            break
        kept.append(word)
    if len(kept) == len(words) and len(kept) > 1 and lower_case_follows and kept[-1] in g.phrase_starters:
        kept.pop()
    return kept[:4]


def lower_case_after(text: str, end: int) -> bool:
    return bool(LOWER_CASE_NEXT.match(text, end, end + 2))


def person(text: str, start: int, name: str, rule: str, title: str | None = None) -> Entity:
    return Entity(start, start + len(name), name, "PER", name, {"title": title} if title else {}, rule)


def find_people(text: str) -> list[Entity]:
    """Every PER candidate in ``text``; overlaps are left for the entity stage to resolve."""
    g = grammar()
    found: list[Entity] = []
    for match in titled_names(text):
        title, name = match.group("title"), match.group("name")
        if name.endswith("."):
            found.append(person(text, match.start("name"), name, "person.initial"))
            continue
        honorific = title.lower() in g.honorifics
        if name.isupper() and len(name) > 2:
            caps = name.split(" ")
            if caps[0] in g.surnames:  # a name in capitals must at least start like one
                found.append(person(text, match.start("name"), " ".join(caps[:3]), "person.titled", title))
            continue
        if DASH_DIGIT.match(text[match.end("name"):match.end("name") + 2]):
            continue  # 'bệnh nhân Covid-19' is a disease's name
        words = trimmed_name(name.split(" "), lower_case_after(text, match.end("name")), honorific)
        if (title.endswith(":") and len(words) > 1 and len(words) == len(name.split(" "))
                and lower_case_after(text, match.end("name"))):
            words = words[:-1]  # 'Ảnh: Hoài Anh Thuê căn hộ …': the next heading runs on after the credit
        if not words or names_a_body(words):
            continue  # '(Ảnh: Reuters)', 'Theo Oxford Economics': an agency or a firm, not a person
        if match.group("country"):
            if title not in g.country_titles or len(words) < 2:
                continue  # 'Bộ trưởng Mỹ' alone, or a country that is no title's
        elif title in g.needs_surname and not surname_led(words) and not (
                len(words) >= 2 and words[0].upper() in g.surnames) and not foreign_name(words):
            continue
        if title[0].isupper() and (bare_place(f"{title} {words[0]}", True) is not None
                                   or f"{title} {words[0]}" in place_grammar().named_values):
            continue  # 'Bà Rịa', 'Cô Tô', 'Anh Quốc' are places (but commune 'Ông Đình' is rarer than Mr Đình)
        found.append(person(text, match.start("name"), " ".join(words), "person.titled", title))
    for match in g.surname_led.finditer(text):  # "Quảng Ninh Cao Tường Huy"
        words = trimmed_name(match.group().split(" "), lower_case_after(text, match.end()))
        previous = text[max(0, match.start() - 12):match.start()].split(" ")
        if len(previous) >= 2 and previous[-1] == "" and words and bare_place(
                f"{previous[-2]} {words[0]}", True) is not None:
            continue  # 'Ninh' closes 'Quảng Ninh' here, it does not open a name
        if len(words) > 2 and bare_place(" ".join(words[:2]), False):
            continue  # 'Lâm Đồng Trần Đức Quận': a province, then the name (found on its own)
        if words and words[-1].endswith(".") and len(words) >= 2:
            found.append(person(text, match.start(), " ".join(words), "person.initial"))
        elif surname_led(words):
            found.append(person(text, match.start(), " ".join(words), "person.surname"))
    aged = " (" in text and any(word in text for word in AGE_WORDS)
    for match in WITH_AGE.finditer(text) if aged else ():
        words = match.group("name").split(" ")
        start = match.start("name")
        if words[0].lower() in g.title_words and len(words) > 1:  # 'Chị Lan Thương (29 tuổi)'
            start += len(words[0]) + 1
            words = words[1:]
        words = trimmed_name(words)
        if words:
            found.append(person(text, start, " ".join(words), "person.age"))
    for match in INITIALS.finditer(text):
        found.append(person(text, match.start(), match.group(), "person.initial"))
    for match in g.credited_initials.finditer(text):
        found.append(person(text, match.start("name"), match.group("name"), "person.credit"))
    for match in appositions(text):  # 'Liz Lee, nhà phân tích của …': the role names a person
        words = match.group("name").split(" ")
        if words[0] not in g.not_names and not any(w in g.breakers for w in words) and (
                bare_place(match.group("name"), True) is None):
            found.append(person(text, match.start("name"), match.group("name"), "person.apposition"))
    found.extend(filing_clerks(text))
    found.extend(signed_names(text))
    found.extend(bylines(text))
    found.extend(repeats(text, found))
    return found


CAPITAL = regex.compile(r"\p{Lu}")


def appositions(text: str) -> Iterator[regex.Match]:
    """``apposition.finditer``, tried only at the capitals of the five words before a role that
    follows a comma or a dash (a name has at most five syllables); the plain scan, with
    look-behinds first, tries every position of a text."""
    g = grammar()
    return matches_before_anchors(g.apposition, text, overlapping_starts(g.apposition_gate, text), 5, CAPITAL)


def signed_names(text: str) -> list[Entity]:
    """Names that sign or credit a text or a photo: in capitals inside a heading after a position
    ('… THỦ TƯỚNG CHÍNH PHỦ PHẠM MINH CHÍNH TẠI …') or between a caption and the next sentence,
    initials alone on a line ('Đ.Q') or closing a bracketed credit ('(Ảnh chụp …: M.Minh)'), the
    photographer after the outlet ('Ảnh: VGP/Nhật Bắc'), and a party named by initials ('bà NTMP')."""
    g = grammar()
    found = []
    for pattern, rule in ((g.caps_heading, "person.titled"), (g.caps_signature, "person.byline"),
                          (g.initials_line, "person.initial"), (g.bracketed_credit, "person.credit"),
                          (g.outlet_credit, "person.credit"), (g.initialled_party, "person.initial")):
        if pattern is g.initials_line and not may_hold_initials_line(text):
            continue
        for match in pattern.finditer(text):
            name = match.group("name")
            if rule == "person.byline" and bare_place(name.title(), True) is not None:
                continue  # 'HÀ NỘI' in capitals is a place
            found.append(person(text, match.start("name"), name, rule))
    return found


INITIAL_OPENING = re.compile(rf"[ ]*{MAYBE_CAPITAL}\.")


def may_hold_initials_line(text: str) -> bool:
    """Whether a line of ``text`` opens with what may be a capital and a full stop, as every line of
    initials does ('Đ.Q'); most texts have none, and ``initials_line`` tries every position."""
    return bool(grammar().initials_line_gate.search(text) or INITIAL_OPENING.match(text))


def foreign_name(words: list[str]) -> bool:
    """'Jensen Huang', 'Elon Musk' after a position: two or three plain Latin words, one of them no
    Vietnamese syllable, none a company's name or a corporate word ('Samsung Vina' is a company)."""
    bodies = name_words()
    return (2 <= len(words) <= 3 and all(w.isascii() and w.isalpha() for w in words)
            and looks_foreign(" ".join(words))
            and not any(w in bodies.known_bodies or w in bodies.company_last_words for w in words))


def names_a_body(words: list[str]) -> bool:
    """Whether a run read after a title is a body's name ('Reuters') or ends with a corporate word
    ('Oxford Economics')."""
    bodies = name_words()
    return " ".join(words) in bodies.known_bodies or len(words) > 1 and words[-1] in bodies.company_last_words


def titled_names(text: str):
    """``titled.finditer`` run faster: the standard re finds where a title starts, regex reads
    the name from there (starts inside an earlier match are skipped, as finditer does)."""
    g = grammar()
    last_end = -1
    for start in g.title_starts.finditer(text):
        if start.start() < last_end:
            continue
        match = g.titled.match(text, start.start())
        if match:
            last_end = match.end()
            yield match


FILING_LINE = regex.compile(r"(?<![\p{L}])Lưu[ ]?:[ ]*VT\b[^\n]{0,60}")
CLERK = regex.compile(rf"(?<=[,;(][ ]?|[ ])(?P<name>{TITLE_SYLLABLE}(?:[ ]{TITLE_SYLLABLE})?)(?![\p{{L}}\p{{N}}])")


def filing_clerks(text: str) -> list[Entity]:
    """The clerk a government document names in its filing note: 'Lưu: VT, Biên KT.' → 'Biên'."""
    found = []
    for line in FILING_LINE.finditer(text) if "Lưu" in text else ():
        for match in CLERK.finditer(line.group()):
            found.append(person(text, line.start() + match.start("name"), match.group("name"), "person.clerk"))
    return found


SOURCE_NOTE = regex.compile(r"\s*\((?:[Tt]ổng hợp|[Tt]/[Hh]|[Tt]heo [^)]{1,40})\)\s*$")
# A byline copied from a web page runs into the source note: 'Kim DungTheo Nikkei Asian Review'.
GLUED_SOURCE = regex.compile(r"(?<=\p{Ll})(?:Theo|Nguồn:?)[ ][^\n]{1,60}$")
GLUED_SOURCE_REACH = len("Nguồn: ") + 60  # how far from a line's end such a note may begin


@lru_cache(maxsize=1)
def glued_outlet() -> regex.Pattern:
    """An outlet's name run into the writer's at the end of a line, with no space between."""
    outlets = rules.load("entities/people").get("glued_outlets") or []
    return regex.compile(rf"(?<=\p{{Ll}})(?:{alternation(outlets)})[ ]*$")


@lru_cache(maxsize=1)
def glued_outlet_names() -> tuple[str, ...]:
    """What a line must end with (less spaces) for ``glued_outlet`` to find an outlet in it."""
    return tuple(rules.load("entities/people").get("glued_outlets") or [])


def without_notes(line: str) -> str:
    """A line less a source note ('Nhã Phương (Tổng hợp)', 'Kim DungTheo …') and an outlet run into
    it ('Nhật ThanhVietnamNet'); each pattern runs only on a line holding what it needs."""
    if "(" in line and line.rstrip().endswith(")"):  # a note closes its line
        line = SOURCE_NOTE.sub("", line)
    if "Theo" in (tail := line[-GLUED_SOURCE_REACH:]) or "Nguồn" in tail:  # the note closes its line
        line = GLUED_SOURCE.sub("", line)
    if line.rstrip(" ").endswith(glued_outlet_names()):
        line = glued_outlet().sub("", line)
    return line


BYLINE_PART = regex.compile(rf"{TITLE_SYLLABLE}(?:[ ]{TITLE_SYLLABLE}){{1,3}}|\p{{Lu}}+(?:[ ]\p{{Lu}}+){{1,3}}")


def bylines(text: str) -> list[Entity]:
    """A line that is only a short name ('MAI THU HƯƠNG', 'Nguyễn Mạnh'): the writer's byline."""
    found = []
    for line in LINE.finditer(text):
        note_free = without_notes(line.group()).rstrip(" -–")  # 'Nhã Phương (Tổng hợp)', 'Thanh Nga -'
        if " - " not in note_free and not 1 <= note_free.strip().count(" ") <= 3:
            continue  # one part of more or fewer than 2 to 4 words: no name (most lines are sentences)
        parts = [p.strip() for p in note_free.split(" - ")] if " - " in note_free else [note_free.strip()]
        if len(parts) > 1 and not all(BYLINE_PART.fullmatch(p) for p in parts):
            continue  # 'Nước Mỹ - vùng dịch lớn nhất …' is a sentence, not two writers
        offset = 0
        for part in parts:  # two writers: 'Nhật Huy - Kim Hà'
            part_start = line.group().index(part, offset) if part else offset
            offset = part_start + len(part)
            found.extend(byline(text, line, part, part_start, len(parts) > 1))
    return found


def byline(text: str, line: regex.Match, stripped: str, offset: int, shared: bool) -> list[Entity]:
    """The writer's name if this line, or this part of a line shared by two writers, is one."""
    g = grammar()
    if not 1 <= stripped.count(" ") <= 3:
        return []  # not 2 to 4 words (counted before a long line is split)
    words = stripped.split(" ")
    if stripped.upper() in g.not_bylines:
        return []
    if not all(TITLE_SYLLABLE_WORD.fullmatch(w) for w in words) and not all(
            ALL_CAPITALS.fullmatch(w) for w in words):
        return []
    if stripped.isupper() and not any(w in g.surnames for w in words):
        return []
    if any(w.capitalize() in g.breakers or w in g.breakers for w in words) or words[0] in g.not_names and not (
            not text[line.end():].strip()):
        return []  # the last line may start like a body ('Trường Thịnh'); others may not
    if gazetteer().lookup(stripped, ("tỉnh", "thành phố")) or stripped in place_grammar().named_values:
        return []  # a province or country alone on a line is a heading or a dateline
    if shared and bare_place(stripped, True) is not None:
        return []  # 'Cầu Giấy - Đống Đa' is a route between districts
    last = not text[line.end():].strip() and bare_place(stripped, True) is None
    return [person(text, line.start() + offset, stripped, "person.byline_last" if last else "person.byline")]

def repeats(text: str, people: list[Entity]) -> list[Entity]:
    """Other places where a name already found recurs as a whole run of capitalised words, and
    where its given name (the last syllable) stands alone inside a sentence ('… , Thương khảo
    sát'), as Vietnamese texts refer to a person after naming them once."""
    named = [p.text for p in people if p.rule in ("person.titled", "person.surname", "person.age") and " " in p.text]
    if not named:
        return []
    given = {name.split(" ")[-1] for name in named} - grammar().not_names
    found = []
    for start, end in find_phrases(text, set(named) | given):  # BEFORE (?:names) AFTER
        if inside_longer_name(text, start, end) or CAPITALISED_WORD_BEFORE.search(text[max(0, start - 12):start]):
            continue  # 'Nhã Phương' is not the 'Phương' of 'Nguyễn Phương'
        if " " not in text[start:end] and first_in_sentence(text, start):
            continue
        found.append(person(text, start, text[start:end], "person.repeat"))
    return found


def first_in_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?:;\"“(-–"
