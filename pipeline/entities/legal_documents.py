"""Legal and party documents (DOC entities): numbered documents and laws by name.

In: a document's text. Out: one ``Entity`` (type ``DOC``) per reference, from the type word
(``Nghị quyết``, ``Quyết định``, ``văn bản`` …) when the text gives one, to the end of the number
(``128/NQ-HĐND``) or, for a law, of its name and year or number. ``normalized`` is the number as
the issuer writes it (spaces removed), or the law's name; ``detail`` splits the number into
serial, year, type code and issuer, names them from the tables in ``rules/entities/legal_documents.yml``,
and gives the document's date where ``ngày …`` follows it (that date stays a DATE of its own).

Why by hand: Vietnamese document numbers follow one official shape (serial, optional year, type
code, issuer code, joined by ``/`` and ``-``), so a small grammar reads them exactly and fast.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from . import dates
from .. import rules
from ..records import Entity
from .names import OpeningScan
from .patterns import STOP, START, PrefixedMatch, alternation, case_sensitive, starts_with_any

RULE_FILE = "entities/legal_documents"

# One code in a number: upper-case first (`NQ`, `TTr`, `QH15`, `CTTN&BĐG`).
CODE = r"(?-i:\p{Lu}[\p{L}\d&.]*(?<!\.))"
# The serial, an optional year, then codes joined by `/` or `-`; after `số` or a type word a
# stray space is allowed (`164/BC- BKTNS`, `215 /BC-UBND`), not in a number standing alone.
# A serial may carry a dotted sub-number (`66.5/2025/NQ-CP`).
CODED_NUMBER = rf"\d{{1,5}}(?:\.\d{{1,3}})?[a-z]?(?:\s?/\d{{4}})?(?:(?:\s?/\s?|-\s?){CODE})+"
# Not the start of a coded number; a one-digit sub-number stays (`Nghị quyết 66.5`), a thousands dot does not.
BARE_NUMBER = r"\d{1,5}(?:\.\d(?!\p{N}))?(?:/(?:19|20)\d{2})?(?![\p{L}\p{N}]|[/.,-][\p{L}\p{N}]|\s?/)"
NOT_AFTER_NAME = r"(?<!\p{Lu}\p{Ll}*\s+\p{Lu}\p{Ll}*\s+)"
NEXT_WORD = regex.compile(r"\G[^\S\n]*(\p{L}+)")
DECIMAL_AFTER = regex.compile(r"\s*[.,]\d")


@dataclass(frozen=True)
class DocumentNumber:
    """A document number split into its parts: ``183/2010/TTLT/BTC-BNN``."""

    text: str  # as canonical: spaces removed
    number: str  # the serial: `183`
    year: int | None  # `2010`
    type_code: str | None  # `TTLT`
    issuer_codes: tuple[str, ...]  # `('BTC', 'BNN')`: every issuing body
    unit_codes: tuple[str, ...]  # codes after the issuer that name no issuer we know (`ĐTCT`)

    @property
    def issuer_code(self) -> str | None:
        return "-".join(self.issuer_codes) or None


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    return rules.load(RULE_FILE)


# The small patterns the readers of a number use on every candidate, compiled once.
TRAILING_DIGITS = regex.compile(r"\d+$")
SPACES = regex.compile(r"\s+")
SPACE = regex.compile(r"\s")
SERIAL_AND_YEAR = regex.compile(r"(\d+(?:\.\d+)?[a-z]?)(?:/(\d{4}))?")
CODE_SEPARATOR = regex.compile(r"[/-]")
LEAD_BEFORE_DATE = regex.compile(r"[\s,(]*")


def issuer_base(code: str) -> str:
    """`QH15` → `QH`: a legislature's term number is not part of who issued the document."""
    return TRAILING_DIGITS.sub("", code) or code


def parse_document_number(text: str, type_hint: str | None = None) -> DocumentNumber:
    """Split a document number into serial, year, type code and issuers.

    The type code is the first code the type table knows, or, when the text named the type
    (``type_hint``, e.g. ``QĐ`` for ``Quyết định``), a first code that begins with it (``QĐXD``);
    issuers are the codes after it that the issuer table knows (the first unknown code is taken
    as the issuer when none is known); codes left over name a department of the issuer.
    """
    canonical = SPACES.sub("", text)
    match = SERIAL_AND_YEAR.match(canonical)
    if match is None:
        raise ValueError(f"not a document number: {text!r}")
    codes = [c for c in CODE_SEPARATOR.split(canonical[match.end():]) if c]
    type_codes = vocabulary()["type_codes"]
    issuers_known = vocabulary()["issuer_codes"]
    type_code = None
    if codes and codes[0] in type_codes:
        type_code = codes.pop(0)
    elif codes and type_hint and codes[0].startswith(type_hint) and codes[0] not in issuers_known:
        type_code = type_hint
        codes.pop(0)
    issuers = [c for c in codes if issuer_base(c) in issuers_known]
    if not issuers and codes:
        issuers = [codes[0]]
    units = [c for c in codes if c not in issuers]
    return DocumentNumber(
        text=canonical,
        number=match.group(1),
        year=int(match.group(2)) if match.group(2) else None,
        type_code=type_code,
        issuer_codes=tuple(issuer_base(c) for c in issuers),
        unit_codes=tuple(units),
    )


def first_words(phrases: list[str]) -> set[str]:
    """The first word of each phrase: what a match of the phrase opens with, however it is spaced."""
    return {str(phrase).split()[0] for phrase in phrases if str(phrase).split()}


def canonical_key(table: dict[str, Any], word: str) -> str | None:
    """The table key a word stands for, ignoring case and spacing (`NGHỊ QUYẾT` → `Nghị quyết`)."""
    squeezed = " ".join(word.split()).casefold()
    for key in table:
        if key.casefold() == squeezed:
            return key
    return None


class DocumentGrammar:
    """The DOC patterns built from the rule file."""

    def __init__(self, vocab: dict[str, Any]) -> None:
        self.vocab = vocab
        alt = alternation
        type_word = "(?:" + alt(vocab["type_words"]) + "|" + case_sensitive(alt(vocab["type_abbreviations"])) + ")"
        # news writes short forms in lower case too (`nghị quyết 170`, `kết luận 77/2024`)
        short_types = list(vocab["short_form_types"])
        short_type = case_sensitive(alt(short_types + [w.lower() for w in short_types
                                                             if w not in vocab.get("short_forms_capitalised_only", [])]))
        cue = alt(vocab["number_cues"])
        most = int(vocab.get("qualifier_words_max") or 0)
        qualifier = rf"(?-i:(?:\s+\p{{Ll}}+){{0,{most}}}?)"  # nearest type word
        qualifier_far = rf"(?-i:(?:\s+\p{{Ll}}+){{0,{most}}})"  # farthest type word
        number_cue = rf"{cue}\s*:?\s*"
        # `Nguyễn Văn Luật`: after two capitalised words, `Luật` ends a person's name.
        # `Công ty Luật TNHH Minh Khuê` is a law firm: `Luật` after these words opens no law.
        firm = "".join(rf"(?<!{regex.escape(w)}\s+)" for w in vocab.get("law_word_not_after") or [])
        law_word = NOT_AFTER_NAME + firm + case_sensitive(alt(vocab["law_words"]))
        agreements = list(vocab.get("agreements") or [])
        named = case_sensitive(alt(list(vocab["named_documents"]) + agreements
                                         + [f"Hiệp định {a}" for a in agreements]))
        year_word = dates.vocabulary().alt("year_words")
        # After a law's name: its year (`năm 2015`, `2024`), its number (`số 72/2025/QH15`), or both.
        doc_year = rf"\s+(?:(?i:{year_word})\s+)?(?P<year>(?:19|20)\d{{2}}){STOP}(?!\s*[/-]\s*\d|%|[.,]\d)"
        # `Luật Sở hữu trí tuệ sửa đổi 2022`: an amending law is named by the law it amends and its year.
        amended = rf"(?:\s+(?P<amended>{alt(vocab.get('amendment_words') or [])}))?"
        law_tail = rf"(?:{amended}{doc_year})?(?:\s+(?P<cue2>{number_cue})(?P<lawnumber>{CODED_NUMBER}))?"
        # After a number: the year of issue (`Quyết định 1867/QĐ-TTg năm 2025`) belongs to the DOC.
        self.number_year = regex.compile(doc_year)
        named_tail = rf"(?:\s+(?P<name>(?i:{alt(vocab.get('named_document_tails') or [])}){STOP}))?"
        flags = regex.IGNORECASE
        # Numbers are found from their first digit; what stands before one (`Nghị quyết số`,
        # `Quyết định`, `Số:`) is matched backwards from there, which keeps the scan fast.
        digit_start = rf"(?=\d){START}"
        self.coded_number = regex.compile(rf"{digit_start}(?P<number>{CODED_NUMBER}){STOP}", flags)
        self.bare_number = regex.compile(rf"{digit_start}(?P<number>{BARE_NUMBER})", flags)
        # Lazy and greedy: `Thông báo kết luận số` holds two type words; the number's code decides.
        type_and_cue = regex.compile(rf"(?r){START}(?P<type>{type_word}){qualifier}\s+(?P<cue>{number_cue})", flags)
        type_far_and_cue = regex.compile(
            rf"(?r){START}(?P<type>{type_word}){qualifier_far}\s+(?P<cue>{number_cue})", flags)
        type_only = regex.compile(rf"(?r){START}(?P<type>{type_word})\s+", flags)
        # `Báo cáo thẩm tra 147/BC-HĐND`: a few lower-case words may qualify the type before a coded number
        type_qualified = regex.compile(rf"(?r){START}(?P<type>{type_word}){qualifier}\s+", flags)
        cue_only = regex.compile(rf"(?r){START}(?P<cue>{number_cue})", flags)
        short_type_only = regex.compile(rf"(?r){START}(?P<type>{short_type})\s+", flags)
        # `None`: the number standing alone (`56/2025/NQ-HĐND`).
        self.coded_prefixes = (type_and_cue, type_far_and_cue, type_only, type_qualified, cue_only, None)
        self.bare_prefixes = (type_and_cue, type_far_and_cue, short_type_only)
        # each of them ends with a cue (`số`) or a short type word (`Nghị định`) right before the number:
        # their last words, folded, say where none can (most numbers in a text are figures)
        self.bare_prefix_last_words = tuple(sorted({str(w).split()[-1].casefold()
                                                    for w in list(vocab["number_cues"]) + short_types}))
        self.longest_last_word = max(map(len, self.bare_prefix_last_words))
        # the far reading differs from the near one only in which type word it takes: where the near
        # one finds none before a number, neither does the far one
        self.tried_only_after = {type_far_and_cue: type_and_cue}
        # A law's name: the listed names first, then any capitalised run of words.
        names = alt(vocab.get("law_names") or [])
        # scanned where the standard re finds the first word of a type (the words may be spaced unevenly)
        law_openings = first_words(vocab["law_words"])
        self.law = OpeningScan(regex.compile(
            rf"{START}(?P<type>{law_word})\s+(?P<name>(?i:{names}){STOP}){law_tail}", 0), law_openings)
        self.law_open = OpeningScan(regex.compile(rf"{START}(?P<type>{law_word})\s+(?=\p{{Lu}})", 0), law_openings)
        self.named = OpeningScan(regex.compile(rf"{START}(?P<type>{named}){named_tail}{law_tail}{STOP}", 0),
                                 first_words(list(vocab["named_documents"]) + agreements + ["Hiệp định"]))
        self.party_resolution = OpeningScan(regex.compile(
            rf"{START}(?P<type>(?-i:Nghị quyết|NGHỊ QUYẾT))\s+(?P<name>{vocab['party_resolution']}){STOP}", flags),
            ("Nghị", "NGHỊ"))
        self.law_tail = regex.compile(law_tail)
        # `Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14`: a name that runs past a
        # stop word is still the law's when its number follows in the same clause, with no other
        # document named in between.
        self.type_word_in = regex.compile(rf"{START}(?:{type_word}){STOP}", flags)  # another document: not ours
        self.number_ahead = regex.compile(
            rf"[^\n.;:,()]{{0,{int(vocab.get('law_name_reach') or 0)}}}?\s(?P<cue2>{number_cue})(?P<lawnumber>{CODED_NUMBER}){STOP}", flags)
        # `Quyết định 99 ngày 12/3`: a day of issue after a bare number (unlike `30 ngày qua`).
        date_words = dates.vocabulary()
        self.day_after = regex.compile(
            rf"\s+{date_words.alt('day_words')}\s+\d{{1,2}}\s*(?:[/.-]\s*\d|{date_words.alt('month_words')}\s)", flags)
        self.stops = {w.casefold() for w in vocab.get("law_name_stops") or []}
        self.number_ends_phrase = regex.compile(
            rf"\s*(?:[,.;:)]|$|(?:{alt(vocab.get('words_after_document') or [])})(?![\w]))")
        self.not_after = [str(w) for w in vocab.get("not_number_after") or []]

    # ----------------------------------------------------------------- finding

    def spans(self, text: str, gated: bool = True) -> list[tuple[int, int, regex.Match | None, dict[str, Any]]]:
        """Candidate (start, end, match, extra) spans from every pattern; ``gated=False`` tries every
        bare number's prefixes, where none could match too (the plain path the gate is held to)."""
        found = []
        for pattern, prefixes in ((self.coded_number, self.coded_prefixes), (self.bare_number, self.bare_prefixes)):
            for number in pattern.finditer(text, overlapped=True):
                if gated and prefixes is self.bare_prefixes and not self.may_end_bare_prefix(text, number.start()):
                    continue
                readings = []
                missed = set()
                for prefix in prefixes:
                    if self.tried_only_after.get(prefix) in missed:
                        continue
                    match = number if prefix is None else self.with_prefix(text, number, prefix)
                    if match is None:
                        missed.add(prefix)
                    elif self.acceptable_number(text, match):
                        readings.append(match)
                if readings:
                    best = max(readings, key=lambda m: (self.type_agrees(m), m.end() - m.start()))
                    year = self.number_year.match(text, best.end())
                    if year:
                        found.append((best.start(), year.end(), best, {"year": year.group("year")}))
                    else:
                        found.append((best.start(), best.end(), best, {}))
        listed_law_starts = set()
        for pattern in (self.law, self.named, self.party_resolution):
            for match in pattern.finditer(text):
                found.append((match.start(), match.end(), match, {}))
                listed_law_starts.add(match.start())
        for match in self.law_open.finditer(text):
            if match.start() in listed_law_starts:
                continue  # a listed name knows where it ends; an open run of words does not
            span = self.open_law_name(text, match)
            if span:
                found.append(span)
        return found

    def may_end_bare_prefix(self, text: str, start: int) -> bool:
        """Whether a cue or a short type word may stand right before a bare number (``\\s*:?\\s*``
        or ``\\s+`` between, as the prefixes allow): one `endswith` instead of a backward search
        per prefix. Python's whitespace holds the pattern's ``\\s``, and folded words are equal
        wherever the ignore-case match finds them equal, so no number a prefix reads is skipped."""
        if not text[start - 1:start].isspace() and text[start - 1:start] != ":":
            return False  # a number right after a letter is no number (START), after a mark no prefix's
        for reach in (24, 120):  # most numbers are decided by the few characters before them
            before = text[max(0, start - reach):start].rstrip()
            if before.endswith(":"):
                before = before[:-1].rstrip()
            if len(before) > self.longest_last_word or reach >= start:
                return before.casefold().endswith(self.bare_prefix_last_words)
        return before.casefold().endswith(self.bare_prefix_last_words)

    def type_agrees(self, match: regex.Match) -> bool:
        """Whether the type word names the type the number's code gives (`Thông báo` for `-TB/`)."""
        type_word = match.groupdict().get("type")
        if not type_word:
            return False
        word_code = self.type_code_of(type_word)
        codes = CODE_SEPARATOR.split(SPACES.sub("", match.group("number")))[1:]
        return word_code in codes

    def type_code_of(self, type_word: str | None) -> str | None:
        """`Nghị quyết` → `NQ`; an abbreviation (`QĐ`, `CV`) is its own code."""
        if not type_word:
            return None
        if type_word in self.vocab["type_abbreviations"]:
            return type_word
        return self.vocab["type_words"].get(canonical_key(self.vocab["type_words"], type_word))

    @staticmethod
    def with_prefix(text: str, number: regex.Match, prefix: regex.Pattern) -> PrefixedMatch | None:
        found = prefix.match(text, max(0, number.start() - 120), number.start())
        return None if found is None else PrefixedMatch(number, found)

    def acceptable_number(self, text: str, match: regex.Match) -> bool:
        number = match.group("number")
        if not match.groupdict().get("type") and not match.groupdict().get("cue"):
            # Standing alone, a number must be written tight and carry a code we know:
            # `RON 95-III` is a grade, `56/2025/NQ-HĐND` a document.
            before = text[max(0, match.start() - 1):match.start()]
            if SPACE.search(number) or (before and before in "/.,-"):
                return False
            return self.has_known_code(number)
        if number.isdigit():
            after = text[match.end():]
            if DECIMAL_AFTER.match(after):
                return False  # `Nghị định 8,5`: a decimal, not a number of a document
            if not match.groupdict().get("cue"):  # `Nghị định 86`: no `số`, so a count is possible
                dated = self.date_after(text, match.end()) is not None or self.day_after.match(after) is not None
                if starts_with_any(after, self.not_after) and not dated:
                    return False
                # in lower case the type word may be a verb (`quyết định 3 vấn đề`): the number must
                # end its phrase (`theo nghị quyết 170 của Bộ Chính trị`, `kết luận 77.`)
                return match.group("type")[:1].isupper() or dated or self.number_ends_phrase.match(after) is not None
        return True

    def has_known_code(self, number: str) -> bool:
        """Whether a number standing alone carries a type or issuer code we know."""
        codes = CODE_SEPARATOR.split(SPACES.sub("", number))[1:]
        return any(code in self.vocab["type_codes"] or issuer_base(code) in self.vocab["issuer_codes"] for code in codes)

    def open_law_name(self, text: str, match: regex.Match) -> tuple[int, int, None, dict[str, Any]] | None:
        """`Luật Phòng chống dịch bệnh …`: a law not in the list, named up to the first stop word."""
        position = match.end()
        words = 0
        end = position
        limit = int(self.vocab.get("law_name_max_words") or 8)
        for word in NEXT_WORD.finditer(text, pos=position):
            if word.group(1).casefold() in self.stops or words >= limit:
                break
            if words and text[end:word.start(1)].strip():
                break
            end = word.end()
            words += 1
        if not words:
            return None
        name = text[position:end]
        tail = self.law_tail.match(text, end)
        extra = {"name": name, "type": match.group("type")}
        if tail and tail.group(0):
            extra.update({k: v for k, v in tail.groupdict().items() if v})
            end = tail.end()
        elif (ahead := self.number_ahead.match(text, end)) and not self.type_word_in.search(text, end, ahead.start("cue2")):
            extra.update({"name": text[position:ahead.start("cue2")].strip(), "lawnumber": ahead.group("lawnumber")})
            end = ahead.end()
        return (match.start(), end, None, extra)

    def entity(self, text: str, start: int, end: int, match: regex.Match | None, extra: dict[str, Any]) -> Entity:
        groups = dict(extra)
        if match is not None:
            groups.update({k: v for k, v in match.groupdict().items() if v})
        type_word = groups.get("type")
        type_words = self.vocab["type_words"]
        canonical_type = canonical_key(type_words, type_word) if type_word else None
        number_text = groups.get("number") or groups.get("lawnumber")
        detail: dict[str, Any] = {"type_word": type_word}
        if number_text:
            word_code = self.type_code_of(type_word)
            parsed = parse_document_number(number_text, type_hint=word_code)
            normalized = parsed.text
            type_code = parsed.type_code or word_code
            year = parsed.year or (int(groups["year"]) if groups.get("year") else None)
            detail.update({"number": parsed.number, "year": year, "issuer_code": parsed.issuer_code,
                           "issuer_name": self.issuer_name(parsed)})
            if parsed.unit_codes:
                detail["unit_code"] = "-".join(parsed.unit_codes)
        else:
            name = groups.get("name")
            normalized = " ".join(f"{canonical_type or type_word} {name}".split()) if name else canonical_type or type_word
            type_code = type_words.get(canonical_type) if canonical_type else None
            detail.update({"number": None, "year": int(groups["year"]) if groups.get("year") else None,
                           "issuer_code": None, "issuer_name": None})
        if name := groups.get("name"):
            detail["name"] = " ".join(name.split())
        detail["type_code"] = type_code
        detail["type_name"] = canonical_type or self.vocab["type_codes"].get(type_code)
        detail["date"] = self.date_after(text, end)
        return Entity(start=start, end=end, text=text[start:end], type="DOC", normalized=normalized,
                      detail=detail, rule="named_law" if not number_text else "numbered")

    def issuer_name(self, parsed: DocumentNumber) -> str | None:
        names = [self.vocab["issuer_codes"].get(code) for code in parsed.issuer_codes]
        return " - ".join(n for n in names if n) or None

    @staticmethod
    def date_after(text: str, end: int) -> str | None:
        """The ISO day of `ngày …` right after a document (`…/NQ-TU (ngày 28/11/2022)`)."""
        return day_stated_at_start(text[end:end + 48])


@lru_cache(maxsize=256)
def day_stated_at_start(window: str) -> str | None:
    """The ISO day a window after a document begins with (marks and spaces before `ngày` aside);
    cached, since a number's reading asks it and its entity again (the date grammar is costly)."""
    lead = LEAD_BEFORE_DATE.match(window)
    following = window[lead.end():]
    if not starts_with_any(following, dates.vocabulary().words("day_words")):
        return None
    return dates.stated_day(following)


@lru_cache(maxsize=1)
def grammar() -> DocumentGrammar:
    return DocumentGrammar(vocabulary())


def outermost(text: str) -> tuple[tuple[int, int, regex.Match | None, dict[str, Any]], ...]:
    """The candidate spans that survive overlap: longest first, then leftmost."""
    chosen = []
    taken = bytearray(len(text) + 1)
    for span in sorted(grammar().spans(text), key=lambda s: (-(s[1] - s[0]), s[0])):
        start, end = span[0], span[1]
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s[0]))


def find_legal_documents(text: str) -> list[Entity]:
    """Every outermost DOC in ``text``: longest span first where two overlap."""
    doc_grammar = grammar()
    return [doc_grammar.entity(text, start, end, match, extra) for start, end, match, extra in outermost(text)]
