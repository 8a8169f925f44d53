"""Segment: a document's text → sentences (and, on request, words) with character offsets.

Sentences come from underthesea's ``sent_tokenize``, run line by line: headings, list items and
table rows in government texts end without a full stop, so a line break always ends a sentence.
Each sentence is located in the document text, so its offsets index the stored text exactly.

Words are the expensive part (a CRF over every syllable), and the number stage does not need
them, so ``words`` is a separate call that a stage makes only on the sentences it cares about.
"""
from __future__ import annotations

import importlib.util
import re
from functools import lru_cache

from .paths import underthesea_dir
from .records import Sentence, Token


@lru_cache(maxsize=1)
def _underthesea():
    import underthesea  # imported on first use: the CLI's --help stays instant

    return underthesea


def sentences(text: str) -> list[Sentence]:
    """Split into sentences, one line at most each, with offsets into ``text``."""
    result: list[Sentence] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            cursor = line_start
            for piece in line_sentences(line):
                piece = piece.strip()
                if not piece:
                    continue
                start = text.find(piece, cursor, line_start + len(line))
                if start < 0:  # the tokenizer changed the text: keep the rest of the line whole
                    start = cursor
                    while start < line_start + len(line) and text[start].isspace():
                        start += 1
                    piece = text[start:line_start + len(line)].rstrip()
                    if not piece:
                        break
                end = start + len(piece)
                result.append(Sentence(index=len(result), start=start, end=end, text=piece))
                cursor = end
                if cursor >= line_start + len(line):
                    break
        line_start += len(line) + 1
    return result


# What ends a sentence inside a line for underthesea's sent_tokenize (its SENT_END_CHARS).
SENTENCE_END_MARKS = ".?!"
END_MARK = re.compile(r"[.?!]")


def line_sentences(line: str) -> list[str]:
    """underthesea's sentences of one line. A line without a full stop, question or exclamation
    mark (a heading, a list item, a table row: most lines of a government text) is one sentence,
    the line stripped, as the tokenizer would say after walking it character by character."""
    if not any(mark in line for mark in SENTENCE_END_MARKS):
        return [line.strip()]
    tokenizer = _punkt()
    if tokenizer is None:
        return _underthesea().sent_tokenize(line)
    return punkt_sentences(line, tokenizer)


@lru_cache(maxsize=1)
def _punkt():
    """underthesea's Punkt-style tokenizer (its abbreviations and its test of a boundary), when
    this version of underthesea has the one ``punkt_sentences`` follows; else None."""
    module = _sent_tokenize_module()
    loaded = getattr(module, "_load_model", None)
    if loaded is not None:
        loaded()
    tokenizer = getattr(module, "sentence_tokenizer", None)
    if (getattr(tokenizer, "SENT_END_CHARS", None) != frozenset(SENTENCE_END_MARKS)
            or not callable(getattr(tokenizer, "_is_sentence_boundary", None))):
        return None
    return tokenizer


def _sent_tokenize_module():
    """underthesea's sentence tokenizer module, loaded from its file alone: importing it the usual
    way runs the package's ``__init__``, which loads every model underthesea has (~0.7 s CPU at
    each start), while this module reads one file of abbreviations and imports only the standard
    library. Where this version keeps it elsewhere, or it does not load alone, the usual import."""
    try:
        path = underthesea_dir() / "pipeline" / "sent_tokenize" / "__init__.py"
        spec = importlib.util.spec_from_file_location("underthesea_sent_tokenize_alone", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    except Exception:  # noqa: BLE001 (whatever stops the file loading alone: the usual import)
        from underthesea.pipeline import sent_tokenize as module

        return module


def punkt_sentences(text: str, tokenizer) -> list[str]:
    """underthesea's ``sentences_from_text``, step for step, but going from one end mark to the
    next (``re``) instead of testing every character in Python: only end marks do anything there.
    ``tests/test_segment.py`` holds it to the tokenizer's own answers."""
    if not text or not text.strip():
        return []
    sentences = []
    start = i = 0
    n = len(text)
    while (mark := END_MARK.search(text, i)) is not None:
        i = mark.start()
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis ends a sentence at the end or before a capital
                after = dot_end
                while after < n and text[after] in " \t":
                    after += 1
                if after >= n or text[after].isupper():
                    sentence = text[start:dot_end].strip()
                    if sentence:
                        sentences.append(sentence)
                    while dot_end < n and text[dot_end] in " \t\n\r":
                        dot_end += 1
                    start = dot_end
                i = dot_end
                continue
        if tokenizer._is_sentence_boundary(text, i):
            end = i + 1
            while end < n and text[end] in SENTENCE_END_MARKS:
                end += 1
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            while end < n and text[end] in " \t\n\r":
                end += 1
            start = i = end
            continue
        i += 1
    final = text[start:].strip()
    if final:
        sentences.append(final)
    return sentences


def words(sentence: Sentence) -> list[Token]:
    """underthesea's word segmentation of one sentence, with document offsets."""
    tokens: list[Token] = []
    cursor = 0
    for word in _underthesea().word_tokenize(sentence.text):
        found = sentence.text.find(word, cursor)
        if found < 0:
            continue  # the segmenter normalised this token; skip rather than misplace it
        cursor = found + len(word)
        tokens.append(Token(start=sentence.start + found, end=sentence.start + cursor, text=word))
    return tokens


def sentence_at(sentence_list: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset`` (binary search over sorted starts)."""
    lo, hi = 0, len(sentence_list)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentence_list[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentence_list) and sentence_list[lo].start <= offset < sentence_list[lo].end:
        return sentence_list[lo]
    return None
