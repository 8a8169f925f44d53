"""Organisations (ORG): state and Party bodies, companies, banks, schools, media.

In: a document's text. Out: ORG ``Entity`` candidates (the entity stage keeps the outermost).
Four shapes cover nearly every body in news and government texts, all as data in
``rules/entities/organisations.yml``:

- a known name or abbreviation (``Chính phủ``, ``NHCSXH``, ``VnExpress``);
- a council that stands alone or takes an admin unit (``UBND``, ``UBND huyện Mỹ Xuyên``,
  ``HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN``); the unit is part of the ORG, not a LOC of its own;
- a head noun and a name (``Sở Công Thương``, ``Công ty CP Đầu tư hạ tầng giao thông Đèo Cả``),
  the name being a field of government or a run of capitalised words that may bridge a few
  lower-case syllables, then an optional admin unit;
- a capitalised common noun that stands for a body (``của Thành phố``);
- a name in Latin script with no head, by the words around it (``thị phần của Zorvex``, ``theo
  hãng nghiên cứu Trendlab Insights``, ``các nhà cung cấp như Quintek, Brovia và Stellarix``) or by
  a corporate last word (``Brightline Research``).

Official names capitalise only their first word, so after agency heads (``Viện``, ``Cục``, ``Ban``)
a name goes on through lower-case words of a field vocabulary (``Viện Nghiên cứu biển và hải
đảo``), never through a verb; a named zone is the whole name of the board that runs it
(``Ban quản lý Khu kinh tế Vân Đồn``).

A position is never part of the span (``Chủ tịch UBND tỉnh`` → ``UBND tỉnh``), simply because
no position word is a head.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from .bare_places import bare_place
from .gazetteer import admin_unit_at, place_grammar, spelling_key
from .names import (AFTER, BEFORE, LATIN_NAME, LATIN_WORD, RE_AFTER, RE_BEFORE, VIETNAMESE_SYLLABLE, OpeningScan, StartsScan,
                    WordStartScan, alternation, case_variants, inside_longer_name, known_bodies, literal_finder, looks_foreign,
                    matches_before_anchors, overlapping_starts, surname_led)
from ..records import Entity

WORD_RUN = regex.compile(r"(?:[ ]+([^\s]+)){0,15}")  # the words a name may run through, one capture each
RE_NOT_IN_CODE = r"(?<![\w/-])"  # 'NQ-HĐND' is part of a document number, not a body
IN_CODE = "_/-"  # what RE_NOT_IN_CODE refuses before a body besides letters and digits, for a WordStartScan
TRAILING_PUNCTUATION = ",;:.!?)(\"'”“…"
CAPS_RUN = regex.compile(r"\p{Lu}+(?:[ ]\p{Lu}+)*(?![\p{L}\p{N}])")
BRAND = regex.compile(r"[A-Za-z+&]+")
MODEL_CODE = regex.compile(r"[ ](?:\p{Lu}{1,3}\d+[\p{L}\d]*|\d{3}(?:[ ]?MAX)?)(?![\p{L}\p{N}-])")  # 'A330neo', 'Boeing 737'
PARTY_COMMITTEE_WORD = regex.compile(r"[ ](?:ủy|uỷ|đoàn)(?![\p{L}\p{N}])")
BRANCH = regex.compile(r"[ ](?:chi[ ]nhánh|cơ[ ]sở)(?=[ ])")  # 'Agribank| chi nhánh Hà Tĩnh', 'Bệnh viện K| cơ sở Tân Triều'
FIELD_LIST_JOINT = regex.compile(r"[ ]?,[ ]|[ ]và[ ]")
NUMBER_SUFFIX = regex.compile(  # 'số 2', '108', not a count ('Bệnh viện 30 giường')
    r"[ ](?:số[ ]\d+|\d{2,3}(?![ ]?%|[ ](?:giường|người|bệnh|ca|cơ|năm|ngày|tháng|tỷ|tỉ|triệu|nghìn|ngàn|khoa|"
    r"phòng|bác|y|nhân|học|lớp|chiếc|cán|đơn|lượt|m|km|ha)(?![\p{L}\p{N}])))(?![\p{L}\p{N}/]|[.,]\d)")  # 'Đội quản lý thị trường| số 2'
REGION_SUFFIX = regex.compile(
    r"[ ]khu[ ]vực[ ](?:[IVX]+|\d+|\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){0,3}(?:[ ]-[ ]\p{Lu}\p{Ll}*(?:[ ]\p{Lu}\p{Ll}*){0,2})?)(?![\p{L}\p{N}])")
HIGH_COURT_SEAT = regex.compile(r"[ ][Cc]ấp[ ]cao[ ]tại[ ]")  # 'TAND cấp cao tại Đà Nẵng' is one court
CAPITALISED_NEXT = regex.compile(r"[ ]\p{Lu}")  # a capitalised word goes on after a space
LATIN_CAPITALISED_NEXT = regex.compile(r"[ ][A-Z][a-z]")
TICKER_CODE = regex.compile(r"[A-Z]{3}")
LATIN_NAME_PATTERN = regex.compile(LATIN_NAME)
LATIN_CAPITAL = regex.compile(r"[A-Z]")  # what a name in Latin script opens with
BRACKETED_ABBREVIATION = regex.compile(r"[ ]\([\p{Lu}&-]{2,12}\)(?=[ ])")  # 'Sở Tài nguyên và Môi trường| (TN-MT)| tỉnh …'


@dataclass(frozen=True)
class OrganisationGrammar:
    known: re.Pattern
    known_scan: WordStartScan  # ``known`` over a whole text
    known_values: dict[str, str]
    not_followed_by: dict[str, tuple[str, ...]]
    not_preceded_by: dict[str, tuple[str, ...]]
    councils: re.Pattern
    councils_scan: WordStartScan  # ``councils`` over a whole text
    council_alone: dict[str, bool]
    heads: re.Pattern  # the standard re: a long list of literal heads scans faster there
    heads_scan: WordStartScan  # ``heads`` over a whole text
    fields: regex.Pattern
    level_word: regex.Pattern
    capitalised_bodies: OpeningScan
    prefixes: regex.Pattern
    prefix_at: regex.Pattern
    prefix_ends: tuple[str, ...]  # each prefix and the space after it: what ``prefixes`` matches ends with
    stop_words: frozenset[str]
    name_breakers: frozenset[str]
    bridging_heads: frozenset[str]
    connectors: frozenset[str]
    heads_outside: frozenset[str]
    surnames: frozenset[str]
    lowercase_heads: frozenset[str]
    abbreviations: dict[str, str]
    abbreviation_pattern: regex.Pattern
    place_suffix: regex.Pattern
    head_blockers: dict[str, tuple[str, ...]]
    ticker: StartsScan  # 'mã VNM', 'VNM tăng 2%': a cue or a code opens each shape
    ticker_list: regex.Pattern
    ticker_run: regex.Pattern  # 'BVH, VNM, VIC và MSN giảm': three codes or more in a row are tickers
    glued_suffixes: tuple[str, ...]  # what every glued bank's name holds
    glued_bank: regex.Pattern  # 'DongABank', 'Saigonbank': a bank by the word glued to its name
    coded_latin: regex.Pattern  # 'Digiworld (DGW)': a Latin-script name with its ticker in brackets
    not_tickers: frozenset[str]
    body_after: frozenset[str]
    stop_word_compounds: frozenset[str]
    document_words: frozenset[str]
    head_needs_next: dict[str, tuple[str, ...]]
    generic_after: regex.Pattern
    site_bodies: frozenset[str]
    known_inside_names: frozenset[str]
    lower_case_name_heads: frozenset[str]
    lower_case_names_opening_only: frozenset[str]
    lower_case_names_need_seat: frozenset[str]
    local_heads: frozenset[str]
    unit_codes: regex.Pattern
    name_vocabulary: regex.Pattern
    latin_before: WordStartScan
    not_latin_names: frozenset[str]
    latin_after: regex.Pattern
    latin_company: re.Pattern
    latin_after_cue: re.Pattern  # ' cho biết': where every ``latin_after`` name ends
    latin_company_gate: re.Pattern  # a corporate last word after a space: what every ``latin_company`` match holds
    coded_latin_gate: re.Pattern  # ' (DGW)': what every ``coded_latin`` match holds
    company_last_words: frozenset[str]
    numbered_heads: frozenset[str]
    glued_outlet: OpeningScan
    field_list_gate: re.Pattern  # a plural word and a head with a space between, folded: what every field list holds
    field_list: regex.Pattern  # 'các Sở: Nội vụ, Xây dựng, …': each field names a body of its own
    abbreviated_name_heads: frozenset[str]  # 'Bộ KH&ĐT': the abbreviation is the whole name
    facility_heads: frozenset[str]  # heads whose named bodies are places (plants), LOC not ORG
    place_alias: regex.Pattern  # other spellings of admin units (TPHCM, BR-VT): a seat on their own
    outlet_credit: OpeningScan  # 'Ảnh: VGP/Nhật Bắc': the outlet before the photographer
    short_name_heads: frozenset[str]  # 'Công ty cổ phần| Xuân Hòa': the name after them is the company's short name


@lru_cache(maxsize=1)
def grammar() -> OrganisationGrammar:
    data = rules.load("entities/organisations")
    place_data = rules.load("entities/places")
    known_values = known_bodies(data)
    council_alone: dict[str, bool] = {}
    for council, alone in data["councils"].items():
        for variant in case_variants(council):
            council_alone[variant] = bool(alone)
    heads = list(data["heads"]) + list(data["lowercase_heads"])
    fields = alternation(data["fields"], trie=False)  # read ignoring case
    levels = alternation(place_data["level_words"], with_case_variants=True)
    abbreviations = dict(data["abbreviations"])
    countries = alternation(list(place_data["countries"]) + ["Việt Nam"])
    return OrganisationGrammar(
        known=literal_finder(known_values, before=RE_NOT_IN_CODE),
        known_scan=WordStartScan(rf"(?:{alternation(known_values, look_ahead=False)}){RE_AFTER}", also=IN_CODE),
        known_values=known_values,
        not_followed_by={k.lower(): tuple(w.lower() for w in v) for k, v in (data.get("not_followed_by") or {}).items()},
        not_preceded_by={k.lower(): tuple(w.lower() for w in v) for k, v in (data.get("not_preceded_by") or {}).items()},
        councils=literal_finder(council_alone, before=RE_NOT_IN_CODE),
        councils_scan=WordStartScan(rf"(?:{alternation(council_alone, look_ahead=False)}){RE_AFTER}", also=IN_CODE),
        council_alone=council_alone,
        heads=re.compile(rf"{RE_BEFORE}(?:{alternation(heads)})(?=[ ])"),
        heads_scan=WordStartScan(rf"(?:{alternation(heads, look_ahead=False)})(?=[ ])"),
        fields=regex.compile(rf"(?:{fields})(?:[ ]-[ ](?:{fields}))*{AFTER}", regex.IGNORECASE),
        level_word=regex.compile(rf"[ ](?:{levels})(?![\p{{L}}\p{{N}}])"),
        capitalised_bodies=OpeningScan(regex.compile(rf"{BEFORE}(?:{alternation(data.get('capitalised_bodies') or [])}){AFTER}"),
                                       data.get("capitalised_bodies") or []),
        prefixes=regex.compile(rf"{BEFORE}(?:{alternation(data.get('prefixes') or [], with_case_variants=True)})[ ]$"),
        prefix_at=regex.compile(rf"(?:{alternation(data.get('prefixes') or [])})[ ]"),
        prefix_ends=tuple(f"{variant} " for prefix in data.get("prefixes") or [] for variant in case_variants(prefix)),
        stop_words=frozenset(data["stop_words"]),
        name_breakers=frozenset(data["name_breakers"]),
        bridging_heads=frozenset(h.lower() for h in data["bridging_heads"]),
        connectors=frozenset(data["connectors"]),
        heads_outside=frozenset(data.get("heads_outside_span") or []),
        surnames=frozenset(rules.load("entities/people")["surnames"]) - frozenset(rules.load("entities/people")["weak_surnames"]),
        lowercase_heads=frozenset(w for h in data["lowercase_heads"] for w in h.split()[:1]),
        abbreviations=abbreviations,
        abbreviation_pattern=regex.compile(rf"{BEFORE}(?:{alternation(abbreviations)})(?![\p{{L}}\p{{N}}])"),
        head_blockers={k: tuple(v) for k, v in (data.get("head_blockers") or {}).items()},
        ticker=StartsScan(  # the standard re scans the cue list faster; one group name for each shape
            rf"(?:{alternation(data['ticker_before'], with_case_variants=True, look_ahead=False)})[ ]?:?[ ](?P<after_cue>[A-Z]{{3}}){RE_AFTER}"
            rf"|(?P<moving>[A-Z]{{3}})(?:[ ](?:{alternation(data.get('ticker_adverbs') or [])}))?[ ]"
            rf"(?:(?:{alternation(data['ticker_moves'])})[ ](?:\d|mạnh|nhẹ)|(?:{alternation(data.get('ticker_moves_alone') or [])}){RE_AFTER})"
            rf"|(?P<traded>[A-Z]{{3}})[ ]với[ ][\d.,]+[ ](?:triệu[ ]|nghìn[ ])?cổ[ ]phiếu",
            # a cue, or a code and a space: where each shape begins
            (alternation(data['ticker_before'], with_case_variants=True, look_ahead=False), r"[A-Z]{3}[ ]"),
        ),
        ticker_list=regex.compile(rf"\G(?:,[ ]|[ ]và[ ])(?P<ticker>[A-Z]{{3}}){AFTER}"),
        ticker_run=regex.compile(rf"{BEFORE}[A-Z]{{3}}(?:,[ ][A-Z]{{3}}){{2,}}(?:[ ]và[ ][A-Z]{{3}})?{AFTER}"),
        glued_suffixes=tuple(data.get("glued_company_suffixes") or []),
        glued_bank=regex.compile(rf"{BEFORE}[A-Z][A-Za-z]*[a-zA-Z](?:{alternation(data.get('glued_company_suffixes') or [])}){AFTER}"),
        coded_latin=regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?P<name>{LATIN_NAME})[ ]\((?P<code>[A-Z]{{2,6}})\)"),
        not_tickers=frozenset(data.get("not_tickers") or []),
        body_after=frozenset(data.get("capitalised_body_after") or []),
        place_suffix=regex.compile(rf"[ ](?:{countries})(?![\p{{L}}\p{{N}}])"),
        stop_word_compounds=frozenset(data.get("stop_word_compounds") or []),
        document_words=frozenset(data.get("document_words") or []),
        head_needs_next={k: tuple(v) for k, v in (data.get("head_needs_next") or {}).items()},
        generic_after=regex.compile(rf"[ ](?:{alternation(data.get('generic_after') or [])}){AFTER}"),
        not_latin_names=frozenset(data.get("not_tickers") or []) | frozenset(data.get("not_latin_names") or []),
        latin_before=WordStartScan(  # the standard re: a long list of literal cues scans faster there
            rf"(?:{alternation(data.get('company_cues_before') or [], with_case_variants=True, look_ahead=False)}):?[ ](?P<name>{LATIN_NAME})"
            rf"(?P<list>(?:[,;][ ]{LATIN_NAME}|[ ]và[ ]{LATIN_NAME})*)"),  # 'như: SCIC, VNPT; VRG'
        company_last_words=frozenset(data.get("company_last_words") or []),
        numbered_heads=frozenset(data.get("numbered_heads") or []),
        glued_outlet=OpeningScan(regex.compile(  # 'Nhật ThanhVietnamNet': the byline ran into the outlet's name
            rf"(?<=\p{{Ll}})(?:{alternation(rules.load('entities/people').get('glued_outlets') or [])})(?=[ ]*$)", regex.MULTILINE),
            rules.load("entities/people").get("glued_outlets") or []),
        field_list_gate=re.compile(  # searched in the folded text: an ignore-case scan tries every position
            rf"(?:{alternation({w.casefold() for w in data.get('plural_before_fields') or []}, look_ahead=False)})[ ]"
            rf"(?:{alternation({w.casefold() for w in data.get('field_list_heads') or []}, look_ahead=False)})"),
        field_list=regex.compile(
            rf"{BEFORE}(?:{alternation(data.get('plural_before_fields') or [], trie=False)})[ ]"
            rf"(?P<head>{alternation(data.get('field_list_heads') or [], trie=False)})"
            rf"(?:,[ ](?:{alternation(data.get('field_list_companions') or [], trie=False)}))?(?P<colon>[ ]?:)?[ ]",
            regex.IGNORECASE),
        abbreviated_name_heads=frozenset(data.get("abbreviated_name_heads") or []),
        facility_heads=frozenset(data.get("facility_heads") or []),
        short_name_heads=frozenset(data.get("short_name_heads") or []),
        outlet_credit=OpeningScan(regex.compile(
            rf"{BEFORE}(?:{alternation(rules.load('entities/people').get('credit_cues') or [])}):?[ ](?P<outlet>[A-Z][A-Za-z.]{{1,20}})/\p{{Lu}}"),
            rules.load("entities/people").get("credit_cues") or []),
        place_alias=regex.compile(rf"[ ](?:{alternation(list(place_data.get('aliases') or {}))}){AFTER}"),
        latin_company=re.compile(
            rf"{RE_BEFORE}(?:{LATIN_WORD}[ ](?:&[ ])?){{1,3}}(?:{alternation(data.get('company_last_words') or [])})(?![^\W_])"),
        latin_company_gate=re.compile(rf"[ ](?:{alternation(data.get('company_last_words') or [])})(?![^\W_])"),
        coded_latin_gate=re.compile(r"[ ]\([A-Z]{2,6}\)"),
        latin_after_cue=re.compile(rf"[ ](?:{alternation(data.get('company_cues_after') or [])})"),
        latin_after=regex.compile(
            rf"(?<![\p{{L}}\p{{N}}][ ])(?<=(?:^|[\n.!?:;,(\"“][ ]?|[ ]))(?P<name>{LATIN_NAME})[ ](?:{alternation(data.get('company_cues_after') or [])}){AFTER}"),
        lower_case_name_heads=frozenset(data.get("heads_with_lower_case_names") or []),
        lower_case_names_opening_only=frozenset(data.get("heads_with_lower_case_names_opening_only") or []),
        lower_case_names_need_seat=frozenset(data.get("lower_case_names_need_seat") or []),
        local_heads=frozenset(data.get("local_heads") or []),
        unit_codes=regex.compile(rf"(?<![\p{{L}}\p{{N}}/-])(?:{'|'.join(data.get('unit_codes') or ['(?!)'])})(?![\p{{L}}\p{{N}}/-])"),
        name_vocabulary=regex.compile(rf"(?:{alternation(data.get('name_vocabulary') or [])})(?:[ ](?:{alternation(data.get('name_vocabulary') or [])}))*{AFTER}"),
        known_inside_names=frozenset(data.get("known_inside_names") or []),
        site_bodies=frozenset(spelling_key(h) for h in data.get("sites_named_by_bodies") or []),
    )


@lru_cache(maxsize=8192)
def normalized_name(span: str) -> str:
    """The span with its abbreviations spelt out: 'UBND tỉnh' → 'Ủy ban nhân dân tỉnh' (once a name:
    the same bodies recur in a text and across texts)."""
    g = grammar()
    if span in g.known_values:
        return g.known_values[span]
    return g.abbreviation_pattern.sub(lambda m: g.abbreviations[m.group()], span)


def organisation(text: str, start: int, end: int, rule: str) -> Entity:
    start = with_prefix(text, start)
    span = text[start:end]
    return Entity(start, end, span, "ORG", normalized_name(span), seat(text, start, end), rule)


def seat(text: str, start: int, end: int) -> dict[str, str]:
    """The admin unit a body's name ends with ('UBND huyện Mỹ Xuyên' → Huyện Mỹ Xuyên and what it
    became in 2025), for the detail column; {} when the name holds none."""
    places = place_grammar()
    if places.admin_scan.openings.search(text, start, end) is None:
        return {}  # every admin unit opens with a level word ('huyện'): none in the name, no seat
    for match in places.admin.finditer(text, start, end, overlapped=True):
        located = admin_unit_at(text, match.start(), text)
        if located and located[0] == end and located[1] is not None:
            unit = located[1]
            return {"place": unit.official_name, "level": unit.level, "merged_into": unit.merged_into}
    return {}


def with_prefix(text: str, start: int) -> int:
    """Extend to the prefixes written before the body, each naming a part of what follows: the
    standing committee ('TT. HĐND tỉnh'), the Party committee of a body ('Đảng ủy UBND tỉnh'),
    and both at once ('Ban Thường vụ Đảng ủy UBND tỉnh')."""
    g = grammar()
    while may_end_with_prefix(window := text[max(0, start - 30):start], g.prefix_ends) and (
            match := g.prefixes.search(window)):
        start -= len(match.group())
    return start


def may_end_with_prefix(window: str, prefix_ends: tuple[str, ...]) -> bool:
    """Whether ``window`` ends with a prefix and a space, a last line break aside (as ``[ ]$`` allows):
    where it does not, ``prefixes`` finds nothing, and most bodies have no prefix."""
    return window.endswith(prefix_ends) or window.endswith("\n") and window[:-1].endswith(prefix_ends)


def admin_suffix_end(text: str, end: int) -> int | None:
    """The end of an admin unit right after a body ('UBND| huyện Mỹ Xuyên'), or None."""
    match = grammar().level_word.match(text, end)
    if not match or PARTY_COMMITTEE_WORD.match(text, match.end()):
        return None  # 'Ban Tuyên giáo| Tỉnh ủy Thanh Hóa': a committee of its own follows, not a unit
    located = admin_unit_at(text, end + 1, text)
    if located and located[0] >= match.end():
        return located[0]
    return match.end()


def branch_end(text: str, end: int) -> int | None:
    """The end of a branch named by its seat right after a body ('Ngân hàng Nhà nước| chi nhánh tỉnh
    Nghệ An', 'Agribank| chi nhánh Hà Tĩnh'): the branch is the body, the seat no LOC of its own."""
    branch = BRANCH.match(text, end)
    if not branch:
        return None
    return admin_suffix_end(text, branch.end()) or bare_place_end(text, branch.end())


def bare_place_end(text: str, end: int) -> int | None:
    """The end of a province or district named bare right after a body ('Tỉnh ủy| Lâm Đồng',
    'UBND| TPHCM')."""
    alias = grammar().place_alias.match(text, end)
    if alias:
        return alias.end()
    run = None
    if text[end:end + 1] == " ":
        run = place_grammar().title_run.match(text, end + 1) or CAPS_RUN.match(text, end + 1)
    if not run:
        return None
    words = run.group().split(" ")
    for size in range(min(len(words), 4), 1, -1):
        if bare_place(" ".join(words[:size]), False):  # the text ranks a name's units, not whether it names one
            return run.start() + len(" ".join(words[:size]))
    return None


def name_end(text: str, start: int, bridging: bool = True, lower_case_names: bool = False,
             capital_head: bool = False, lower_case_start: bool = False) -> int | None:
    """Where a body's name that begins at ``start`` ends, or None if no name begins there.

    A field of government ('Tài chính', 'Văn hóa, Thể thao và Du lịch') is taken whole, unless
    the capitalised run goes further. The run: a lower-case syllable right after the first
    capitalised word belongs to it ('Thống kê', 'Bách khoa'); later lower-case words, and
    connectors ('và', '-'), only bridge to a capitalised word after them ('Đầu tư hạ tầng giao
    thông Đèo Cả', for company-like heads). Stop words, punctuation, a new head, and a person's
    name after a complete name ('Tập đoàn Hòa Phát Nguyễn Việt Thắng') end it.
    """
    g = grammar()
    field = g.fields.match(text, start) if text[start:start + 1].isupper() else None  # 'các hãng hàng không'
    end = None
    pending = 0
    capitalised = 0
    run = 0  # capitalised words in a row just before this one
    previous_capitalised = False
    # up to 15 words, each after spaces (one match: a match object a word costs more than the words)
    word_run = WORD_RUN.match(text, start - 1) if text[start - 1:start] == " " else None
    tokens, token_starts = (word_run.captures(1), word_run.starts(1)) if word_run else ([], [])
    skip_until = -1
    for index, raw in enumerate(tokens):
        token_start = token_starts[index]
        if token_start < skip_until:
            continue
        word = raw.rstrip(TRAILING_PUNCTUATION)
        closes = word != raw
        if not word:
            break
        word_end = token_start + len(word)
        previous_end = token_start - 1
        if word in g.connectors:
            if end is None:
                break
            pending += 1
            run = 0
            previous_capitalised = False
        elif word[0].isupper():
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if pending and f"{word} {following.rstrip(TRAILING_PUNCTUATION)}" in g.document_words:
                break  # 'Bộ Chính trị và Thông báo số …': a document follows, not more of the name
            if end is None and word in g.name_breakers:
                break  # 'Vụ Phó GĐ …' is a case about a deputy director, not a department
            previous_raw = tokens[index - 1] if index else ""
            brand_closes = (bridging and pending and previous_raw[:1].islower() and previous_raw not in g.connectors
                            and g.known.match(text, token_start) and not g.heads.match(text, token_start)
                            and not g.councils.match(text, token_start))  # 'Công ty In sách giáo khoa| Hòa Phát'
            if end is not None and not brand_closes and (
                    word in g.name_breakers or word in place_grammar().level_of
                    or opens_another_body(text, token_start)
                    or pending and g.heads.match(text, token_start)):
                break  # '… chi nhánh Hà Tĩnh| và Công ty cổ phần …': another body after a connector
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            # 'Bộ KH&ĐT Nguyễn Chí Dũng': a ministry's short name is whole (a school's is not: 'Trường THCS Trần Phú')
            abbreviated = (capitalised == 1 and index and tokens[index - 1].isupper()
                           and text[:start].rstrip().rsplit(" ", 1)[-1] in g.abbreviated_name_heads)
            if (capitalised >= 2 or abbreviated) and word in g.surnames and following[:1].isupper():
                break  # a person's name after the body's: 'Tập đoàn Hòa Phát Nguyễn Việt Thắng'
            end = word_end
            pending = 0
            capitalised += 1
            run += 1
            previous_capitalised = not (len(word) > 1 and word.isupper())  # 'TN-MT rà' is no 'Thống kê'
            if len(word) > 1 and word.isupper():
                run = 0  # 'Ngân hàng TMCP Quân đội': the name's own first word comes after the abbreviation
        elif word[0].islower():
            if end is None and (lower_case_names or lower_case_start) and index == 0 and capital_head:
                field_words = g.name_vocabulary.match(text, token_start)
                if field_words and " " in field_words.group().removesuffix(" và"):
                    # 'Tổng cục giáo dục nghề nghiệp': a name all in lower case, of field words only
                    return field_words.end() - (3 if field_words.group().endswith(" và") else 0)
            previous = tokens[index - 1] if index else ""
            before_previous = tokens[index - 2] if index > 1 else ""
            in_compound = (f"{previous.lower()} {word}" in g.stop_word_compounds  # 'hàng không'
                           or f"{before_previous.lower()} {previous.lower()} {word}" in g.stop_word_compounds)  # 'dữ liệu mở'
            if f"{previous} {word}" in g.known_inside_names and end == previous_end:
                end = word_end  # 'Bệnh viện Nhi Trung ương'
                run, previous_capitalised = 0, False
                if closes:
                    break
                continue
            if end is None or (word in g.stop_words and not in_compound) or word in place_grammar().level_of:
                break
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            head = g.heads.match(text, token_start) if word in g.lowercase_heads else None
            if head and text[head.end() + 1:head.end() + 2].isupper():
                break  # '… và trường ĐH Sư phạm', '… và hãng luật Baker McKenzie': another body begins
            vocabulary = g.name_vocabulary.match(text, token_start) if lower_case_names else None
            if vocabulary and word != "và":
                end = vocabulary.end()  # 'Viện Nghiên cứu| biển và hải đảo'
                if text[end - 3:end] == " và":
                    end -= 3
                skip_until = end
                if text[end:end + 1] != " ":
                    break  # the vocabulary ran up to a comma or a full stop
                pending = 0
                run = 0
                previous_capitalised = False
                continue
            if previous_capitalised and run == 1 or in_compound and end == previous_end:
                # 'Thống kê', 'Sư phạm Kỹ thuật', 'Hàng không', not 'Bạch Mai quá'
                end = word_end
                pending = 0
            else:
                if not bridging and ends_with_a_place(text[start:end]):
                    break  # 'Bộ Ngoại giao Nhật Bản| thăm Hà Nội': the name ended with its country
                pending += 1
                if pending > 5 or not bridging and not previous_capitalised:
                    break
            run = 0
            previous_capitalised = False
        elif word[0].isdigit() and end is not None and previous_capitalised:
            end = word_end
            previous_capitalised = False
        else:
            break
        if closes:
            break
    if field and (end is None or field.end() > end):
        return field.end()
    if field and end > field.end():
        after = place_grammar().title_run.match(text, field.end() + 1)
        if after and after.start() == field.end() + 1 and surname_led(after.group().split(" ")):
            return field.end()  # 'Bộ Nội vụ Nguyễn Trọng Thừa': the minister's name follows the ministry
    return end


def listed_fields(text: str) -> list[Entity]:
    """'các Sở: Kế hoạch và Đầu tư, Nội vụ, Xây dựng', 'các Bộ Giao thông Vận tải, Tư pháp': one
    head for a list of fields, each field a body (the first takes the head when nothing parts them)."""
    g = grammar()
    found = []
    for match in field_lists(text):
        pos = match.end()
        first = True
        while field := listed_item(text, pos, bool(match.group("colon"))):
            if field.re is LISTED_NAME and opens_another_body(text, field.start()):
                # 'các Bộ, cơ quan: …, Văn phòng Chính phủ': a body named in full, found on its own
                joint = FIELD_LIST_JOINT.match(text, field.end())
                if not joint:
                    break
                pos, first = joint.end(), False
                continue
            start = match.start("head") if first and not match.group("colon") else field.start()
            body = organisation(text, start, field.end(), "org.field_list")
            if start == field.start():  # the field alone: its normalised name takes the head
                head = match.group("head")
                body = dataclasses.replace(body, normalized=normalized_name(f"{head[:1].upper()}{head[1:]} {field.group()}"))
            found.append(body)
            first = False
            joint = FIELD_LIST_JOINT.match(text, field.end())
            if not joint:
                break
            pos = joint.end()
    return found


def field_lists(text: str) -> Iterator[regex.Match]:
    """``field_list.finditer``, tried only where the folded text has a plural word before a head:
    an ignore-case scan tries every position. Characters the ignore-case match takes as equal
    fold alike, so every list the pattern finds begins where the gate finds one; where a letter
    folds to two (``ß``), positions in the folded text are not the text's, and the plain scan runs."""
    g = grammar()
    folded = text.casefold()
    if len(folded) != len(text):
        yield from g.field_list.finditer(text)
        return
    pos = 0
    for start in overlapping_starts(g.field_list_gate, folded):
        if start >= pos and (match := g.field_list.match(text, start)) is not None:
            yield match
            pos = match.end()


LISTED_NAME = regex.compile(r"\p{Lu}[^,;:.\n()]{1,60}?(?=[ ]?[,;.\n]|$)")


def listed_item(text: str, pos: int, after_colon: bool) -> regex.Match | None:
    """The next item of a list of bodies that share a head: a field ('Xây dựng'), or after a colon
    any capitalised name of a few words up to the next comma ('các Tập đoàn: Bưu chính viễn thông
    Việt Nam, …'); lower case ends the list ('các Cục thuế' is a kind of office)."""
    g = grammar()
    field = g.fields.match(text, pos)
    named_on = field is not None and CAPITALISED_NEXT.match(text[field.end():field.end() + 2])
    if field and field.group()[:1].isupper() and not (after_colon and named_on):  # 'Hóa chất| Việt Nam'
        return field
    if not after_colon:
        return None
    item = LISTED_NAME.match(text, pos)
    if item and len(item.group().split(" ")) <= 10:
        return item
    return None


def ends_with_a_place(name: str) -> bool:
    """Whether a name so far ends with a country or a province ('Bộ Ngoại giao Nhật Bản')."""
    words = name.split(" ")
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        if len(words) > size and (tail in place_grammar().named_values or bare_place(tail, False)):
            return True
    return False


def site_name_end(text: str, start: int) -> int | None:
    """The end of a named site that is the whole name of a body ('Ban quản lý| Khu kinh tế Vân Đồn',
    'Ban Quản lý| các khu công nghiệp tỉnh Bắc Ninh'): the body is the ORG, the site inside it no LOC."""
    cursor = start + 4 if text.startswith("các ", start) else start
    site = place_grammar().site.match(text, cursor)
    if site and spelling_key(site.group("head")) in grammar().site_bodies:
        return site.end()
    head = place_grammar().site_head.match(text, cursor)
    if head and spelling_key(head.group()) in grammar().site_bodies:
        return admin_suffix_end(text, head.end())
    return None


def opens_another_body(text: str, start: int) -> bool:
    """Whether a head or a council begins at ``start`` ('Bệnh viện …', 'Tập đoàn …', 'UBND …')."""
    g = grammar()
    known = g.known.match(text, start)
    if known and known.group() in g.known_inside_names:
        known = None  # '… kinh tế Trung ương' ends the name it belongs to
    head = g.heads.match(text, start)
    if head and text[head.end() + 1:head.end() + 2].islower() and head.group() not in g.lower_case_name_heads:
        head = None  # 'Phòng chống thiên tai' is a field of work, not a new 'Phòng …'
    # 'BTV Tỉnh ủy', 'Thường trực HĐND': a prefix naming a part of the body that follows it
    prefixed = g.prefix_at.match(text, start)
    if prefixed and (g.councils.match(text, prefixed.end()) or g.known.match(text, prefixed.end())):
        return True
    return bool(head or g.councils.match(text, start) or known)


def find_organisations(text: str) -> list[Entity]:
    """Every ORG candidate in ``text``; overlaps are left for the entity stage to resolve."""
    g = grammar()
    found: list[Entity] = []
    for match in g.known_scan.finditer(text):
        if BRAND.fullmatch(match.group()) and MODEL_CODE.match(text, match.end()):
            continue  # 'Airbus A330neo', 'VinFast VF8': a product of the company, not the company
        following = text[match.end():match.end() + 12].split()
        if following and following[0].lower().strip(",.;:") in g.not_followed_by.get(match.group().lower(), ()):
            continue  # 'Đảng ủy, …' is the committee, not the Party
        if previous_word(text, match.start()).lower() in g.not_preceded_by.get(match.group().lower(), ()):
            continue  # 'NGÂN SÁCH NHÀ NƯỚC' is the state budget in a heading too
        end = branch_end(text, match.end()) or match.end()
        if end == match.end() and BRAND.fullmatch(match.group()):
            suffix = g.place_suffix.match(text, end)
            if suffix:
                end = suffix.end()
            else:
                bare = place_grammar().title_run.match(text, end + 1) if text[end:end + 1] == " " else None
                if bare and bare_place(bare.group(), False):
                    end = bare.end()
        found.append(organisation(text, match.start(), end, "org.known"))
    for match in g.councils_scan.finditer(text):
        if g.generic_after.match(text, match.end()):
            continue  # 'UBND các xã', 'UBND cấp xã' name a kind of body, not one
        following = text[match.end():match.end() + 12].split()
        if following and following[0].lower().strip(",.;") in g.not_followed_by.get(match.group().lower(), ()):
            continue  # 'Tỉnh ủy viên' is a member of the committee
        end = admin_suffix_end(text, match.end()) or bare_place_end(text, match.end())
        if region := REGION_SUFFIX.match(text, match.end()):
            end = region.end()  # 'Chi cục Thuế khu vực Thủ Đức', 'Cục Hải quan khu vực II'
        if court := HIGH_COURT_SEAT.match(text, match.end()):
            end = bare_place_end(text, court.end() - 1) or end  # 'TAND Cấp cao tại| Hà Nội'
        if end is None:
            if not g.council_alone[match.group()] or generic_earlier_in_sentence(text, match.start()):
                continue
            end = match.end()
        found.append(organisation(text, match.start(), end, "org.council"))
    for match in g.heads_scan.finditer(text):
        previous = previous_word(text, match.start())
        if (previous.lower() in g.head_blockers.get(match.group().lower(), ())
                and (match.group()[:1].islower() or previous[:1].isupper())):
            # 'thị trường Singapore', 'Thông Báo' are words of their own; 'Lễ khởi công Trường …' opens a school
            continue  # 'thị trường Singapore' is a market, not a school
        needed = g.head_needs_next.get(match.group())
        if needed is not None and not text.startswith(tuple(f" {w} " for w in needed), match.end()):
            continue  # 'Trường' opens a school only before a school word: 'Chủ tịch Trường Lưu' is a man
        end = site_name_end(text, match.end() + 1) or name_end(text, match.end() + 1,
                                                              match.group().lower() in g.bridging_heads,
                                                              match.group() in g.lower_case_name_heads,
                                                              match.group()[0].isupper(),
                                                              match.group() in g.lower_case_names_opening_only)
        if match.group() in g.numbered_heads and (number := NUMBER_SUFFIX.match(text, end or match.end())):
            end = number.end()  # 'Đội quản lý thị trường số 2', 'Bệnh viện 108', 'Bệnh viện Quân y 103'
        if end is None:
            continue
        suffix = g.place_suffix.match(text, end)
        bracket = BRACKETED_ABBREVIATION.match(text, end)
        if bracket and admin_suffix_end(text, bracket.end()):
            end = bracket.end()  # the body's short name stands between its name and its seat
        end = branch_end(text, end) or end
        ends_lower = text[end - 1:end].islower() and text[:end].rsplit(" ", 1)[-1][:1].islower()
        if match.group() in g.local_heads and g.generic_after.match(text, end):
            continue  # 'Sở TN-MT các tỉnh', 'Phòng Tư pháp cấp huyện': a kind of office, not one
        name_stop = end
        end = (admin_suffix_end(text, end) or (suffix.end() if suffix else None)
               or (bare_place_end(text, end) if ends_lower else None) or end)  # 'Cục quản lý thị trường| Nam Định'
        if (end == name_stop and match.group() in g.lower_case_names_need_seat
                and text[match.end() + 1:match.end() + 2].islower() and ends_lower
                and not (text[end:end + 1] == " " and opens_another_body(text, end + 1))):  # '… Công an tỉnh'
            continue  # 'do Ban quản lý dự án đầu tư xây dựng làm chủ đầu tư': a kind of board, not one
        start = match.end() + 1 if match.group() in g.heads_outside else match.start()
        body = organisation(text, start, end, "org.head")
        if match.group() in g.facility_heads:  # 'Nhà máy Lọc dầu Dung Quất' is a place its operator runs
            body = dataclasses.replace(body, type="LOC", rule="loc.facility")
        found.append(body)
    found.extend(listed_fields(text))
    for match in g.ticker.finditer(text):
        cursor = match.end()
        group = next(name for name in ("after_cue", "moving", "traded") if match.group(name))
        tickers = [(match.start(group), match.end(group))]
        while following := g.ticker_list.match(text, cursor):
            tickers.append((following.start("ticker"), following.end("ticker")))
            cursor = following.end()
        for start, end in tickers:
            if text[start:end] not in g.not_tickers:
                found.append(Entity(start, end, text[start:end], "ORG", text[start:end], {"ticker": True}, "org.ticker"))
    for match in g.ticker_run.finditer(text):
        for code in TICKER_CODE.finditer(match.group()):
            if code.group() not in g.not_tickers:
                start, end = match.start() + code.start(), match.start() + code.end()
                found.append(Entity(start, end, code.group(), "ORG", code.group(), {"ticker": True}, "org.ticker"))
    found.extend(latin_names(text))
    for match in g.unit_codes.finditer(text):  # 'PC03', 'PA05': police departments by their codes
        if text[match.start() - 1:match.start()] == "(" and text[match.end():match.end() + 1] == ")":
            continue  # '(PC03)' after a department's name is its short name, taken with the name
        found.append(organisation(text, match.start(), match.end(), "org.code"))
    for match in g.glued_outlet.finditer(text):
        found.append(organisation(text, match.start(), match.end(), "org.known"))
    for match in g.capitalised_bodies.finditer(text):
        if inside_longer_name(text, match.start(), match.end()) or sentence_initial(text, match.start()):
            continue
        if previous_word(text, match.start()) not in g.body_after or g.councils.match(text, match.start()):
            continue  # 'đến Ủy ban nhân dân nơi gần nhất' is a council (of a kind), not 'Ủy ban'
        if CAPITALISED_NEXT.match(text[match.end():match.end() + 2]):
            continue  # 'của Ủy ban Quản lý vốn …': the head of a name, found by the heads
        found.append(organisation(text, match.start(), match.end(), "org.capitalised"))
    for match in OUTLET_DATELINE.finditer(text):  # '(QNO) - Sáng 5/7', '(baoxyz.vn)' closing an article
        found.append(organisation(text, match.start("outlet"), match.end("outlet"), "org.outlet"))
    for match in g.outlet_credit.finditer(text):  # '(Ảnh: VGP/Nhật Bắc)'
        found.append(organisation(text, match.start("outlet"), match.end("outlet"), "org.outlet"))
    return found


# An outlet in brackets opening an article before its dateline, or alone on the last lines.
OUTLET_DATELINE = regex.compile(
    r"(?m)^\((?P<outlet>\p{Lu}{2,6}|[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org))\)(?=[ ]?[-–][ ]|[ ]*$)")


def generic_earlier_in_sentence(text: str, start: int) -> bool:
    """Whether the sentence has already named councils as a kind ('UBND cấp tỉnh báo cáo HĐND cùng cấp
    hoặc Thường trực HĐND'): a council named alone after that is one of the kind, not a body."""
    g = grammar()
    sentence_start = max(text.rfind(mark, 0, start) for mark in ".;\n") + 1
    return any(g.generic_after.match(text, council.end())
               for council in g.councils_scan.finditer(text, sentence_start, start))


def without_vietnamese_lead(start: int, name: str) -> tuple[int, str]:
    """A Latin-script name less the Vietnamese words that run into it ('Theo| Digiworld')."""
    while " " in name and VIETNAMESE_SYLLABLE.fullmatch(name.split(" ")[0]):
        start += len(name.split(" ")[0]) + 1
        name = name.split(" ", 1)[1]
    return start, name


def latin_names(text: str) -> list[Entity]:
    """Companies and agencies named in Latin script with no head word, found by the words around
    them (``company_cues_before``/``after`` in the rules), and the rest of a list they open."""
    g = grammar()
    found: list[Entity] = []
    for match in g.latin_before.finditer(text):
        names = [(match.start("name"), match.end("name"))]
        for item in LATIN_NAME_PATTERN.finditer(match.group("list")):
            names.append((match.start("list") + item.start(), match.start("list") + item.end()))
        for start, end in names:
            if looks_foreign(text[start:end]) and text[start:end] not in g.not_latin_names:
                found.append(Entity(start, end, text[start:end], "ORG", text[start:end], {}, "org.latin"))
    # each scan below runs only on a text that holds what all its matches hold (one fast search)
    for match in g.latin_company.finditer(text) if g.latin_company_gate.search(text) else ():
        # 'Brightline Research', 'Theo| Oxford Economics'
        start, name = without_vietnamese_lead(match.start(), match.group())
        end = match.end()
        if country := g.place_suffix.match(text, end):
            end = country.end()  # 'CBRE Hotels Việt Nam': the company's arm in a country
        elif LATIN_CAPITALISED_NEXT.match(text[end:end + 3]):
            continue  # 'Paris Air Show' is an event: the name goes on past the corporate word
        if looks_foreign(name):
            found.append(Entity(start, end, text[start:end], "ORG", text[start:end], {}, "org.latin"))
    glued = any(suffix in text for suffix in g.glued_suffixes)
    for match in g.glued_bank.finditer(text) if glued else ():  # 'DongABank'
        found.append(Entity(match.start(), match.end(), match.group(), "ORG", match.group(), {}, "org.latin"))
    for match in g.coded_latin.finditer(text) if g.coded_latin_gate.search(text) else ():  # 'Digiworld (DGW)'
        start, name = without_vietnamese_lead(match.start("name"), match.group("name"))
        code = match.group("code")
        if looks_foreign(name) and name not in g.not_latin_names and code not in g.not_latin_names:
            found.append(Entity(start, match.end("name"), name, "ORG", name, {}, "org.latin"))
    # 'Zorvex cho biết': a name of at most four words right before a cue, so tried only there
    cues = overlapping_starts(g.latin_after_cue, text)
    for match in matches_before_anchors(g.latin_after, text, cues, 4, LATIN_CAPITAL):
        name = match.group("name")
        if looks_foreign(name) and name not in g.not_latin_names:
            found.append(Entity(match.start("name"), match.end("name"), name, "ORG", name, {}, "org.latin"))
    return found


def previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 20):start].split()
    return words[-1] if words else ""


def sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    return not before or before[-1] in "\n.!?:;\"“(-–"
