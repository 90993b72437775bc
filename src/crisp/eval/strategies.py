"""The sentence strategy labeller, and `crisp eval strategies`, which measures it on real supporter turns.

`label_sentences(model, sentences, lang, context)` labels each sentence of a supporter turn with
one of the 8 strategies, in one structured call (prompt `prompts/{en,zh}/eval_strategies.txt`);
any model can do it, and `crisp data` can use it to tag untagged dialogues (`split_sentences`
cuts a turn into sentences first).

The measurement reads ESConv-style files (`turns` of `role` seeker/supporter with a per-turn
`strategy` in toolkit ids, null = no counterpart, skipped), as in
`../shared/eval-data/open/esconv_test_en.jsonl`. ESConv labels whole turns, so a turn's
predicted label is the most frequent of its sentences' labels (ties: the earliest). Report:
accuracy and macro F1 over the gold classes, per-strategy scores, against the majority class.

Not here: the counsellor labelling its own sentences while it writes them (`crisp.dialogue`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from crisp.cr.taxonomy import Lang, Strategy
from crisp.errors import InputError
from crisp.eval import stats
from crisp.eval.run import (
    ModelSet,
    RunFolder,
    WorkItem,
    finish,
    retry_params,
    run_items,
)
from crisp.llm.base import GenerationParams, Message

LABEL_PARAMS = GenerationParams(max_new_tokens=256, temperature=0.0, seed=0)
MAX_SENTENCES = 12  # a longer turn is labelled in its first 12 sentences; the rest take the last label
DEFAULT_SET = "../shared/eval-data/open/esconv_test_en.jsonl"
_SENTENCE_END = {Lang.EN: re.compile(r"(?<=[.!?])\s+|(?<=\.\.)\s*(?=[A-Z])"), Lang.ZH: re.compile(r"(?<=[。！？!?])")}


def split_sentences(text: str, lang: Lang) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END[lang].split(text.strip())]
    return [p for p in parts if p] or ([text.strip()] if text.strip() else [])


def labels_model(count: int) -> type[BaseModel]:
    return create_model("SentenceStrategies", __config__=ConfigDict(extra="forbid"),
                        strategies=(list[Strategy], Field(min_length=count, max_length=count)))


async def label_sentences(model: Any, sentences: list[str], lang: Lang, context: str = "",
                          attempt: int = 0) -> list[Strategy]:
    """One strategy per sentence, in order."""
    from crisp.dialogue.context import strategies_block
    from crisp.prompts import render

    head = sentences[:MAX_SENTENCES]
    prompt = render("eval_strategies", lang, strategies=strategies_block(lang), context=context or "-",
                    sentences="\n".join(f"{i}. {s}" for i, s in enumerate(head, 1)), count=len(head))
    out = await model.structured([Message(role="user", content=prompt)], labels_model(len(head)),
                                 retry_params(LABEL_PARAMS, attempt))
    labels = list(out.value.strategies)  # type: ignore[attr-defined]
    return labels + [labels[-1]] * (len(sentences) - len(head))


def turn_label(labels: list[Strategy]) -> Strategy:
    counts = Counter(labels)
    top = max(counts.values())
    return next(label for label in labels if counts[label] == top)


@dataclass(frozen=True)
class SupporterTurn:
    key: str
    lang: Lang
    context: str
    text: str
    gold: Strategy


def load_turns(path: str | Path) -> list[SupporterTurn]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"--set {path}: cannot read it ({error.strerror}); give an ESConv-style JSONL file") from None
    turns: list[SupporterTurn] = []
    known = {s.value for s in Strategy}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            dialogue = json.loads(line)
            lang = Lang(dialogue.get("lang", "en"))
            context = ""
            for i, turn in enumerate(dialogue["turns"]):
                if turn["role"] == "seeker":
                    context = turn["text"]
                elif turn["role"] == "supporter" and turn.get("strategy") is not None:
                    if turn["strategy"] not in known:
                        raise ValueError(f"unknown strategy {turn['strategy']!r}; use the toolkit ids "
                                         f"({', '.join(sorted(known))})")
                    turns.append(SupporterTurn(f"{dialogue.get('id', number)}@{i}", lang, context, turn["text"],
                                               Strategy(turn["strategy"])))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise InputError(f"{path}:{number}: not a labelled dialogue ({error}); each line needs turns with "
                             "role, text and (for supporter turns) strategy") from None
    if not turns:
        raise InputError(f"--set {path} holds no labelled supporter turn; nothing to measure")
    return turns


async def run_strategies(folder: RunFolder, models: ModelSet, spec: str, set_path: str, limit: int | None,
                         concurrency: int, progress: Any = None) -> dict[str, Any]:
    turns = load_turns(set_path)[:limit] if limit else load_turns(set_path)
    items = [WorkItem(f"turn|{t.key}", t) for t in turns]

    async def work(w: WorkItem, attempt: int) -> dict[str, Any]:
        turn: SupporterTurn = w.payload
        sentences = split_sentences(turn.text, turn.lang)
        labels = await label_sentences(models.get(spec, "labeller"), sentences, turn.lang, turn.context, attempt)
        return {"gold": turn.gold.value, "predicted": turn_label(labels).value,
                "sentence_labels": [s.value for s in labels]}

    await run_items(folder, items, work, concurrency=concurrency, progress=progress, checkpoint=folder.write_manifest)
    finish(folder, models, [w.key for w in items])
    rows = [r for r in (folder.row(w.key) for w in items) if r is not None]
    return strategies_report(rows, [t.gold.value for t in turns], spec)


def strategies_report(rows: list[dict[str, Any]], all_gold: list[str], spec: str) -> dict[str, Any]:
    gold = [r["gold"] for r in rows]
    model_scores = stats.single_label_scores(gold, [r["predicted"] for r in rows])
    majority = Counter(all_gold).most_common(1)[0][0] if all_gold else ""
    baseline = stats.single_label_scores(gold, [majority] * len(gold))
    return {"task": "strategies", "model": spec, "turns": len(rows), "turns_failed": len(all_gold) - len(rows),
            "model_accuracy": model_scores["accuracy"], "model_macro_f1": model_scores["macro_f1"],
            "majority_label": majority, "majority_accuracy": baseline["accuracy"],
            "majority_macro_f1": baseline["macro_f1"], "per_strategy": model_scores["per_label"],
            "sentences_per_turn": sum(len(r["sentence_labels"]) for r in rows) / len(rows) if rows else None}


def strategies_markdown(report: dict[str, Any]) -> str:
    lines = [f"# crisp eval strategies: {report['model']}", "",
             f"Supporter turns scored: {report['turns']} (failed: {report['turns_failed']}). A turn's label is the "
             "most frequent of its sentences' labels.", "", "| system | accuracy | macro F1 |", "|---|---|---|",
             f"| labeller {report['model']} | {report['model_accuracy']:.3f} | {report['model_macro_f1']:.3f} |",
             f"| majority ({report['majority_label']}) | {report['majority_accuracy']:.3f} | "
             f"{report['majority_macro_f1']:.3f} |", "", "| strategy | precision | recall | F1 | gold | predicted |",
             "|---|---|---|---|---|---|"]
    for label, s in sorted(report["per_strategy"].items()):
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} | "
                     f"{s['predicted']} |")
    return "\n".join(lines)
