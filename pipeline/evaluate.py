"""Evaluate: score a database against a gold file, by the rules of ``shared/gold/README.md``.

Per document, a predicted mention matches a gold one of the same type whose value agrees within
0.5% (and, for money and percent, the same unit); an entity matches one of the same type whose
text equals it, or contains or lies inside it while at least half as long. Matching is greedy in
reading order, each gold item used once. On matched money/percent mentions, ``kind`` is scored as
accuracy and per-kind F1, ``indicator`` as token F1. The reference scorer beside the gold file
must agree with this module; a test checks that it does.
"""
from __future__ import annotations

import json
import os
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

NUMBER_TYPES = ("money", "percent", "quantity")
ENTITY_TYPES = ("PER", "ORG", "LOC", "DOC", "DATE")
KINDS = ("target", "actual", "other")


def comparable_text(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").lower().split())


def values_agree(gold, predicted) -> bool:
    try:
        gold, predicted = float(gold), float(predicted)
    except (TypeError, ValueError):
        return False
    return gold == predicted or abs(gold - predicted) <= 0.005 * max(abs(gold), abs(predicted))


def mention_matches(gold: dict, predicted: dict) -> bool:
    if not values_agree(gold.get("value"), predicted.get("value")):
        return False
    if gold["type"] == "quantity":
        return True
    return comparable_text(gold.get("unit")) == comparable_text(predicted.get("unit"))


def entity_matches(gold: dict, predicted: dict) -> bool:
    gold_text, predicted_text = comparable_text(gold.get("text")), comparable_text(predicted.get("text"))
    if not gold_text or not predicted_text:
        return False
    if gold_text == predicted_text:
        return True
    shorter, longer = sorted((gold_text, predicted_text), key=len)
    return shorter in longer and 2 * len(shorter) >= len(longer)


def greedy_pairs(golds: list[dict], predictions: list[dict], ok: Callable[[dict, dict], bool]):
    """(pairs, missed golds, spurious predictions), each gold matched to the first free prediction."""
    used = [False] * len(predictions)
    pairs, missed = [], []
    for gold in golds:
        for i, predicted in enumerate(predictions):
            if not used[i] and ok(gold, predicted):
                used[i] = True
                pairs.append((gold, predicted))
                break
        else:
            missed.append(gold)
    spurious = [p for i, p in enumerate(predictions) if not used[i]]
    return pairs, missed, spurious


def token_f1(gold: str | None, predicted: str | None) -> float:
    gold_words, predicted_words = comparable_text(gold).split(), comparable_text(predicted).split()
    if not gold_words or not predicted_words:
        return 0.0
    common = sum(min(gold_words.count(w), predicted_words.count(w)) for w in set(gold_words))
    if not common:
        return 0.0
    precision, recall = common / len(predicted_words), common / len(gold_words)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Tally:
    hits: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Tally") -> None:
        self.hits += other.hits
        self.gold += other.gold
        self.predicted += other.predicted


@dataclass
class ScoreError:
    document: str
    status: str  # missed | spurious
    type: str
    text: str | None
    value: float | None = None
    unit: str | None = None


@dataclass
class FactDisagreement:
    """A matched money/percent mention whose kind or indicator differs from gold."""

    document: str
    text: str
    gold_kind: str | None
    predicted_kind: str | None
    gold_indicator: str | None
    predicted_indicator: str | None
    indicator_f1: float | None


@dataclass
class Scores:
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[ScoreError] = field(default_factory=list)
    kind_pairs: list[tuple[str, str | None]] = field(default_factory=list)  # (gold kind, predicted kind)
    indicator_scores: list[float] = field(default_factory=list)
    fact_disagreements: list[FactDisagreement] = field(default_factory=list)
    missing_documents: list[str] = field(default_factory=list)

    def group(self, types: Iterable[str]) -> Tally:
        total = Tally()
        for t in types:
            total.add(self.by_type[t])
        return total

    @property
    def kind_accuracy(self) -> float:
        if not self.kind_pairs:
            return 0.0
        return sum(g == p for g, p in self.kind_pairs) / len(self.kind_pairs)

    def kind_f1(self, kind: str) -> float:
        agreed = sum(g == p == kind for g, p in self.kind_pairs)
        gold = sum(g == kind for g, _ in self.kind_pairs)
        predicted = sum(p == kind for _, p in self.kind_pairs)
        return 2 * agreed / (gold + predicted) if gold + predicted else 0.0

    @property
    def indicator_f1(self) -> float:
        return sum(self.indicator_scores) / len(self.indicator_scores) if self.indicator_scores else 0.0

    def as_dict(self) -> dict:
        result = {}
        for name, types in (("numbers", NUMBER_TYPES), ("entities", ENTITY_TYPES)):
            for t in types:
                result[t] = tally_dict(self.by_type[t])
            result[name] = tally_dict(self.group(types))
        result["kind_accuracy"] = round(self.kind_accuracy, 4)
        result["kind_f1"] = {k: round(self.kind_f1(k), 4) for k in KINDS}
        result["kind_macro_f1"] = round(sum(self.kind_f1(k) for k in KINDS) / len(KINDS), 4)
        result["indicator_f1"] = round(self.indicator_f1, 4)
        result["missing_docs"] = self.missing_documents
        return result


def tally_dict(t: Tally) -> dict:
    return {"p": round(t.precision, 4), "r": round(t.recall, 4), "f1": round(t.f1, 4),
            "gold": t.gold, "pred": t.predicted, "hits": t.hits}


def read_gold(gold_path: Path) -> list[dict]:
    with open(gold_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_predictions(db_path: Path):
    """(document names, mentions by document name, entities by document name), in row order."""
    connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        names = {row["id"]: os.path.basename(row["path"]) for row in connection.execute("select id, path from documents")}
        mentions, entities = defaultdict(list), defaultdict(list)
        for table, bucket in (("mentions", mentions), ("entities", entities)):
            for row in connection.execute(f"select * from {table} order by rowid"):
                bucket[names.get(row["document_id"])].append(dict(row))
    finally:
        connection.close()
    return set(names.values()), mentions, entities


def score(gold_path: Path, db_path: Path) -> Scores:
    present, predicted_mentions, predicted_entities = read_predictions(db_path)
    scores = Scores()
    for record in read_gold(gold_path):
        name = record["doc"]
        if name not in present:
            scores.missing_documents.append(name)
        for kind_of_item, types, predicted, ok in (
            ("mentions", NUMBER_TYPES, predicted_mentions, mention_matches),
            ("entities", ENTITY_TYPES, predicted_entities, entity_matches),
        ):
            for t in types:
                golds = [g for g in record.get(kind_of_item, []) if g["type"] == t]
                predictions = [p for p in predicted.get(name, []) if p.get("type") == t]
                pairs, missed, spurious = greedy_pairs(golds, predictions, ok)
                scores.by_type[t].add(Tally(len(pairs), len(golds), len(predictions)))
                if t in ("money", "percent"):
                    for gold, guess in pairs:
                        overlap = None
                        if gold.get("kind"):
                            scores.kind_pairs.append((gold["kind"], guess.get("kind")))
                        if gold.get("indicator"):
                            overlap = token_f1(gold["indicator"], guess.get("indicator"))
                            scores.indicator_scores.append(overlap)
                        if (gold.get("kind") and gold["kind"] != guess.get("kind")) or (overlap is not None and overlap < 0.5):
                            scores.fact_disagreements.append(FactDisagreement(
                                name, gold.get("text"), gold.get("kind"), guess.get("kind"),
                                gold.get("indicator"), guess.get("indicator"), overlap))
                scores.errors += [ScoreError(name, "missed", t, g.get("text"), g.get("value"), g.get("unit")) for g in missed]
                scores.errors += [ScoreError(name, "spurious", t, p.get("text"), p.get("value"), p.get("unit")) for p in spurious]
    return scores


def format_report(scores: Scores, show_errors: int = 0) -> str:
    lines = [f"{'':9s} {'P':>6s} {'R':>6s} {'F1':>6s}  {'gold':>5s} {'pred':>5s}"]
    for name, types in (("numbers", NUMBER_TYPES), ("entities", ENTITY_TYPES)):
        for t in types + (name,):
            tally = scores.group(types) if t == name else scores.by_type[t]
            lines.append(f"{t:9s} {tally.precision:6.3f} {tally.recall:6.3f} {tally.f1:6.3f}  {tally.gold:5d} {tally.predicted:5d}")
    lines.append(
        f"kind accuracy on matched money/percent: {scores.kind_accuracy:.3f} "
        f"(F1 target {scores.kind_f1('target'):.3f}, actual {scores.kind_f1('actual'):.3f}, "
        f"other {scores.kind_f1('other'):.3f}); indicator token F1: {scores.indicator_f1:.3f}"
    )
    if scores.missing_documents:
        lines.append(f"documents absent from the database: {', '.join(scores.missing_documents)}")
    for error in scores.errors[:show_errors]:
        detail = f" = {error.value} {error.unit or ''}".rstrip() if error.value is not None else ""
        lines.append(f"  {error.status:8s} {error.type:8s} {error.document}: {error.text!r}{detail}")
    if show_errors and scores.fact_disagreements:
        lines.append("matched figures whose kind differs, or whose indicator overlaps gold by less than half:")
    for fact in scores.fact_disagreements[:show_errors]:
        kind = f"kind {fact.predicted_kind} (gold {fact.gold_kind})" if fact.predicted_kind != fact.gold_kind else f"kind {fact.gold_kind}"
        lines.append(f"  {fact.document}: {fact.text!r} {kind}; indicator {fact.predicted_indicator!r} "
                     f"(gold {fact.gold_indicator!r})")
    return "\n".join(lines)
