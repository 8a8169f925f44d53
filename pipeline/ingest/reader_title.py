"""The title a reader calls a document by, read from its first lines.

A Vietnamese government text opens with its letterhead (the issuing body, ``CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM``, ``Số: 45/NQ-HĐND``, the place-and-date line); what names it is the type line
and the subject below it: ``NGHỊ QUYẾT`` + ``Về kế hoạch phát triển kinh tế - xã hội năm 2025``
is read ``Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2025``. An official letter has a
``V/v …`` line instead. A subject set in capitals is written in sentence case with its names and
abbreviations kept (``TỈNH YÊN BÁI`` → ``tỉnh Yên Bái``, ``UBND`` stays). Anything else is titled
by its first line that is not letterhead: a news page's headline. The rules are data, in
rules/ingest/reader_title.yml.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import rules
from ..text_norm import is_vietnamese_syllable

MAX_TITLE_CHARS = 300
WORD = regex.compile(r"[\p{L}\p{N}/]+")
ROMAN = regex.compile(r"[IVX]+")  # quý I, khóa XV: a numeral, not the syllable i


@dataclass(frozen=True)
class TitleRules:
    header_lines: int
    subject_lines: int
    max_subject_words: int
    type_line: regex.Pattern
    letter_subject: regex.Pattern
    letter_type: str
    subject_end: regex.Pattern
    letterhead: regex.Pattern
    lower_openers: tuple[str, ...]
    # proper names to restore in a subject set in capitals, longest first: each as written,
    # lower-cased, and the pattern (compiled once) that finds it lower-cased as a whole word
    name_patterns: tuple[tuple[str, str, regex.Pattern], ...]
    person: regex.Pattern  # a surname and up to three syllables, lower-cased


@lru_cache(maxsize=1)
def title_rules() -> TitleRules:
    data = rules.load("ingest/reader_title")
    types = sorted(data["types"], key=len, reverse=True)
    names = [row["name"] for row in rules.table("gazetteer/province_centres.tsv")] + ["Việt Nam"]
    names += data["proper_phrases"]
    titles = "|".join(regex.escape(phrase) for phrase in data["proper_phrases"])
    surnames = "|".join(regex.escape(name.lower()) for name in rules.load("entities/people")["surnames"])
    return TitleRules(
        header_lines=data["header_lines"], subject_lines=data["subject_lines"],
        max_subject_words=data["max_subject_words"],
        type_line=regex.compile(rf"^\s*({'|'.join(map(regex.escape, types))})(?:\s+(?P<rest>[^:]*\S))?\s*$"),
        letter_subject=regex.compile(data["letter_subject"]), letter_type=data["letter_type"],
        subject_end=regex.compile(data["subject_end"]),
        letterhead=regex.compile(data["letterhead"]),
        lower_openers=tuple(sorted(data["lower_openers"], key=len, reverse=True)),
        name_patterns=tuple((name, name.lower(), regex.compile(rf"(?<!\p{{L}}){regex.escape(name.lower())}(?!\p{{L}})"))
                            for name in sorted(names, key=len, reverse=True)),
        person=regex.compile(rf"(?<=(?:{titles})\s)(?:{surnames})(?:\s+\p{{Ll}}+){{1,3}}(?=\s+(?:tại|về|với|đến|trong|năm)\b|\s*$|[,.;])"),
    )


def in_capitals(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def sentence_case(text: str) -> str:
    """``THỰC HIỆN … TỈNH YÊN BÁI NĂM 2025`` → ``thực hiện … tỉnh Yên Bái năm 2025``: each
    Vietnamese syllable lower-cased, abbreviations (UBND, GRDP, XV) kept, names restored."""
    def lowered_word(word: str) -> str:
        return word.lower() if is_vietnamese_syllable(word) and not ROMAN.fullmatch(word) else word

    lowered = WORD.sub(lambda m: lowered_word(m.group(0)), text)
    for name, key, pattern in title_rules().name_patterns:
        if key in lowered:  # the pattern finds nothing else
            lowered = pattern.sub(name, lowered)
    return title_rules().person.sub(lambda m: " ".join(w[:1].upper() + w[1:] for w in m.group(0).split(" ")), lowered)


def joined_to_type(subject: str) -> str:
    """The subject as it reads after its type: ``Về kế hoạch`` → ``về kế hoạch``; a name keeps its capital."""
    lowered = subject.lower()
    for opener in title_rules().lower_openers:
        if lowered.startswith(opener) and (len(subject) == len(opener) or not subject[len(opener)].isalpha()):
            return subject[0].lower() + subject[1:]
    return subject


def continues_subject(line: str, first: str) -> bool:
    """A line that goes on with the subject: not an end, not a paragraph, and set like it (a
    subject in capitals goes on in capitals; one in sentence case goes on in lower case)."""
    found = title_rules()
    if not line or found.subject_end.search(line) or len(line.split()) > found.max_subject_words:
        return False
    if in_capitals(first):
        return in_capitals(line)
    return not line[0].isupper()


def subject_after(lines: list[str], start: int, first: str | None) -> str:
    """The subject lines from ``start`` (``first`` is the part of the type line after the type)."""
    found = title_rules()
    parts = [first] if first else []
    for line in lines[start:start + found.subject_lines]:
        if not parts:
            if found.subject_end.search(line) or found.letterhead.search(line) or \
                    len(line.split()) > found.max_subject_words:
                break
            parts.append(line)
        elif continues_subject(line, parts[0]):
            parts.append(line)
        else:
            break
    subject = " ".join(parts)
    return sentence_case(subject) if in_capitals(subject) else subject


def government_title(lines: list[str]) -> str | None:
    """``Nghị quyết về …`` from a type line and its subject; ``Công văn về việc …`` from a ``V/v`` line."""
    found = title_rules()
    header = lines[:found.header_lines]
    for index, line in enumerate(header):
        match = found.type_line.match(line)
        if match:
            kind = match.group(1).capitalize()
            subject = subject_after(lines, index + 1, match.group("rest"))
            return f"{kind} {joined_to_type(subject)}".strip()
    for line in header:
        match = found.letter_subject.match(line)
        if match:
            subject = match.group(1).strip()
            subject = sentence_case(subject) if in_capitals(subject) else subject
            return f"{found.letter_type} về việc {subject}"
    return None


def headline(lines: list[str]) -> str | None:
    """The first line that is not letterhead: a news page's headline, a report's first line."""
    found = title_rules()
    for line in lines[:found.header_lines]:
        if not found.letterhead.search(line):
            return line
    return lines[0] if lines else None


def content_lines(text: str, limit: int) -> list[str]:
    """The first ``limit`` lines with something on them, stripped (and a Markdown heading's ``#``).
    Read line by line up to there: a title never looks further, and a long text's lines, all
    split, cost more than the rest of the title together."""
    lines: list[str] = []
    start = 0
    while len(lines) < limit and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip().lstrip("#").strip()
        if line:
            lines.append(line)
        start = end + 1
    return lines


def reader_title(text: str, format_title: str | None = None) -> str | None:
    """The title a reader uses: a government text's type and subject, else the title the file
    format gives (an HTML headline, a DOCX or PDF title), else the first line past the letterhead."""
    found = title_rules()
    lines = content_lines(text, found.header_lines + found.subject_lines)  # a type line's subject ends there
    title = government_title(lines) or format_title or headline(lines)
    if not title:
        return None
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
