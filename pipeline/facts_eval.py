"""Measure the fact stage alone, on gold mentions, so it can be tuned before the number stage lands.

Builds ``Mention`` records from the gold spans, runs ``facts.annotate`` over them with the real
sentences and entities, and scores ``kind`` (accuracy, F1 per kind) and ``indicator`` (token F1,
as ``shared/gold/score.py`` defines it) on the money and percent mentions.

    python -m pipeline.facts_eval ../shared/gold/dev [--gold-entities] [--show-errors 40]
"""
from __future__ import annotations

import argparse
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import entities as entity_stage
from . import facts, segment
from .records import Document, Entity, Mention


def norm_text(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").lower().split())


def token_f1(gold: str | None, pred: str | None) -> float:
    g, p = norm_text(gold).split(), norm_text(pred).split()
    if not g or not p:
        return 0.0
    common = sum(min(g.count(w), p.count(w)) for w in set(g))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


@dataclass
class FactScore:
    kind_agree: int = 0
    kind_total: int = 0
    confusion: Counter = field(default_factory=Counter)  # (gold, predicted) → count
    indicator_f1: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    quantity_kind: Counter = field(default_factory=Counter)  # agreed / total, quantities (not scored by score.py)

    @property
    def kind_accuracy(self) -> float:
        return self.kind_agree / self.kind_total if self.kind_total else 0.0

    def kind_f1(self, kind: str) -> float:
        agreed = self.confusion[(kind, kind)]
        gold = sum(n for (g, _), n in self.confusion.items() if g == kind)
        predicted = sum(n for (_, p), n in self.confusion.items() if p == kind)
        if not agreed:
            return 0.0
        return 2 * agreed / (gold + predicted)

    @property
    def indicator_token_f1(self) -> float:
        return sum(self.indicator_f1) / len(self.indicator_f1) if self.indicator_f1 else 0.0


def gold_mentions(record: dict) -> list[Mention]:
    return [
        Mention(start=m["start"], end=m["end"], text=m["text"], type=m["type"], value=float(m["value"]),
                unit=m.get("unit") or "", value_max=m.get("value_max"), qualifier=m.get("qualifier"))
        for m in record["mentions"]
    ]


def gold_entities(record: dict) -> list[Entity]:
    return [
        Entity(start=e["start"], end=e["end"], text=e["text"], type=e["type"], normalized=e.get("value"))
        for e in record["entities"]
    ]


def evaluate(gold_dir: Path, use_gold_entities: bool = False, show_quantities: bool = False) -> FactScore:
    score = FactScore()
    for line in (gold_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = unicodedata.normalize("NFC", (gold_dir / "docs" / record["doc"]).read_text(encoding="utf-8"))
        document = Document(path=record["doc"], text=text, sha256="", format="txt")
        sentence_list = segment.sentences(text)
        entity_list = gold_entities(record) if use_gold_entities else entity_stage.find_entities(document, sentence_list)
        mentions = gold_mentions(record)
        annotated = facts.annotate(document, sentence_list, mentions, entity_list)
        for gold, predicted in zip(record["mentions"], annotated):
            if gold["type"] == "quantity" and gold.get("kind"):
                score.quantity_kind["total"] += 1
                score.quantity_kind["agreed"] += predicted.kind == gold["kind"]
                if show_quantities and predicted.kind != gold["kind"]:
                    score.errors.append(f"{record['doc'][:22]:22} {gold['text'][:18]:18} quantity kind "
                                        f"{gold['kind']}→{predicted.kind}  {text[max(0, gold['start'] - 50):gold['start']]!r}")
            if gold["type"] not in ("money", "percent"):
                continue
            if gold.get("kind"):
                score.kind_total += 1
                score.kind_agree += predicted.kind == gold["kind"]
                score.confusion[(gold["kind"], predicted.kind)] += 1
            f1 = None
            if gold.get("indicator"):
                f1 = token_f1(gold["indicator"], predicted.indicator)
                score.indicator_f1.append(f1)
            if predicted.kind != gold.get("kind") or (f1 is not None and f1 < 0.5):
                score.errors.append(
                    f"{record['doc'][:22]:22} {gold['text'][:18]:18} kind {gold.get('kind')}→{predicted.kind}"
                    f"  ind {gold.get('indicator')!r} → {predicted.indicator!r} ({predicted.indicator_key})")
    return score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--gold-entities", action="store_true", help="use the gold entities, not ours")
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--quantities", action="store_true", help="also list quantities whose kind disagrees")
    args = parser.parse_args(argv)
    score = evaluate(args.gold_dir, args.gold_entities, args.quantities)
    for line in score.errors[:args.show_errors]:
        print(line)
    print(f"kind accuracy {score.kind_accuracy:.3f} ({score.kind_agree}/{score.kind_total})  "
          + "  ".join(f"F1 {k} {score.kind_f1(k):.3f}" for k in ("target", "actual", "other"))
          + f"  indicator token F1 {score.indicator_token_f1:.3f} (n={len(score.indicator_f1)})"
          + f"  | quantity kind {score.quantity_kind['agreed']}/{score.quantity_kind['total']}")


if __name__ == "__main__":
    main()
