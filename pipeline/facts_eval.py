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

from .entities import resolve as entity_stage
from .facts import annotate as facts
from . import segment
from .evaluate import Scores, token_f1
from .records import Document, Entity, Mention


@dataclass
class FactScore:
    """Kind and indicator agreement, kept in ``evaluate.Scores`` so they are computed as the scorer does."""

    scores: Scores = field(default_factory=Scores)
    errors: list[str] = field(default_factory=list)
    quantity_kind: Counter = field(default_factory=Counter)  # agreed / total, quantities (not scored by score.py)

    @property
    def kind_accuracy(self) -> float:
        return self.scores.kind_accuracy

    @property
    def kind_agree(self) -> int:
        return sum(g == p for g, p in self.scores.kind_pairs)

    @property
    def kind_total(self) -> int:
        return len(self.scores.kind_pairs)

    def kind_f1(self, kind: str) -> float:
        return self.scores.kind_f1(kind)

    @property
    def indicator_f1(self) -> list[float]:
        return self.scores.indicator_scores

    @property
    def indicator_token_f1(self) -> float:
        return self.scores.indicator_f1


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
                score.scores.kind_pairs.append((gold["kind"], predicted.kind))
            f1 = None
            if gold.get("indicator"):
                f1 = token_f1(gold["indicator"], predicted.indicator)
                score.scores.indicator_scores.append(f1)
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
