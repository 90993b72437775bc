"""Peppy's first replies on a model, scored by rule: is it a short CR reply, not an advice list?

    python benchmarks/chat_smoke.py [--model default] [--guided] [--limit N] [--label after]
                                    [--out benchmarks/results/chat_smoke_default_after.json]

The messages are the team's smoke set (`benchmarks/data/chat_smoke.jsonl`, written blind to the
prompts): 40 first messages (20 English, 20 Chinese) and 5 conversations in which the person
switches language. Every reply is scored by five rules, and one more that is reported apart:

- language: the reply is in the language of the message it answers;
- no list: no numbered or bulleted lines, and no inline "1. ... 2." enumeration;
- a question: the reply asks something ("?" or "？");
- no label leak: no strategy tag or label ("[Question]", "<|question|>", "Restatement:") is shown;
- length: at most 160 words in English, 320 characters in Chinese;
- (apart) no claim to be a person, a therapist, a counsellor or a psychologist.

It prints, per kind, how many replies pass each rule and all five, with the median time to the
first shown text and to the whole reply; it writes every reply and its scores to --out. It uses
only the public `Peppy` API, so the same script measures an older checkout for a before/after pair
(run it with that checkout's `src` first on PYTHONPATH). This is a quality smoke test, not a
benchmark of speed: timings depend on the machine's load and are reported as they were.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import time
from pathlib import Path
from typing import Any

from crisp.chat.peppy import Peppy
from crisp.cr.language import detect_language
from crisp.cr.taxonomy import Lang, Strategy, term
from crisp.llm import load_model

HERE = Path(__file__).resolve().parent
SMOKE_SET = HERE / "data" / "chat_smoke.jsonl"
MAX_WORDS_EN = 160
MAX_CHARS_ZH = 320
RULES = ("language", "no_list", "question", "no_label_leak", "length")

_LIST_LINE = re.compile(r"^\s*(?:\d+[.)、]|[-*•·]|[（(]?\d+[）)])\s*\S", re.MULTILINE)
_INLINE_ENUM = re.compile(r"(?<![\d.])1\s*[.)、）](?!\d)\s*\S.*?(?<![\d.])2\s*[.)、）](?!\d)\s*\S", re.DOTALL)
_TAG = re.compile(r"\[[^\]\n]{1,40}\]|【[^】\n]{1,40}】|<\|[^|>\n]{1,40}\|>")
_CLAIM = re.compile(
    r"\b(?:I am|I'm|as) (?:a|an|your) (?:\w+ ){0,2}(?:therapist|psychologist|psychiatrist|counsell?or|doctor|human|person)\b"
    r"|作为一?(?:个|名|位)?(?:专业的?)?(?:心理医生|心理咨询师|咨询师|治疗师|医生|心理学家)|我是(?:一?(?:个|名|位))?(?:专业的?)?(?:心理医生|心理咨询师|咨询师|治疗师|医生|心理学家|真人)",
    re.IGNORECASE,
)


def _labels() -> list[str]:
    names: list[str] = []
    for strategy in Strategy:
        names += [term(strategy).name(Lang.EN), term(strategy).name(Lang.ZH)]
    return names


_LABEL_PREFIX = re.compile(r"(?:^|[\s。.!?！？])(?:" + "|".join(re.escape(n) for n in _labels()) + r")\s*[:：]",
                           re.IGNORECASE)


def score(reply: str, lang: str) -> dict[str, bool]:
    zh = lang == "zh"
    return {
        "language": detect_language(reply) == Lang(lang),
        "no_list": not _LIST_LINE.search(reply) and not _INLINE_ENUM.search(reply),
        "question": "?" in reply or "？" in reply,
        "no_label_leak": not _TAG.search(reply) and not _LABEL_PREFIX.search(reply),
        "length": (len(reply.strip()) <= MAX_CHARS_ZH) if zh else (len(reply.split()) <= MAX_WORDS_EN),
        "no_persona_claim": not _CLAIM.search(reply),
    }


def load_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(model_spec: str, guided: bool, limit: int | None) -> dict[str, Any]:
    items = load_items(SMOKE_SET)
    if limit is not None:  # the first `limit` first messages, half in each language, and every switch
        firsts = [i for i in items if i["kind"] == "first"]
        per_lang = {lang: [i for i in firsts if i["lang"] == lang][: (limit + 1) // 2] for lang in ("en", "zh")}
        items = [*per_lang["en"], *per_lang["zh"]][:limit] + [i for i in items if i["kind"] == "switch"]
    loaded = time.perf_counter()
    model = load_model(model_spec)
    load_s = time.perf_counter() - loaded
    rows = []
    try:
        for item in items:
            langs = item.get("langs") or [item["lang"]] * len(item["messages"])
            with Peppy(model, guided=guided) as peppy:  # a model passed in is not closed by Peppy
                for turn, (message, lang) in enumerate(zip(item["messages"], langs, strict=True)):
                    started = time.perf_counter()
                    reply = peppy.reply(message)
                    rows.append({
                        "id": item["id"], "kind": item["kind"], "turn": turn, "lang": lang, "message": message,
                        "reply": reply.text, "answered_by": reply.safety.answered_by,
                        "first_text_s": reply.first_text_s, "total_s": time.perf_counter() - started,
                        "scores": score(reply.text, lang),
                    })
                    print(f"{item['id']} turn {turn}: {rows[-1]['total_s']:.1f}s "
                          f"{sum(rows[-1]['scores'][r] for r in RULES)}/5", flush=True)
    finally:
        import asyncio

        asyncio.run(model.aclose())
    return {"model": model_spec, "guided": guided, "load_s": round(load_s, 2), "rows": rows,
            "summary": summarise(rows), "machine": {"python": platform.python_version(), "cpus": _cpus()}}


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("first", "switch"):
        chosen = [r for r in rows if r["kind"] == kind and r["answered_by"] == "model"]
        if not chosen:
            continue
        per_rule = {rule: sum(r["scores"][rule] for r in chosen) for rule in (*RULES, "no_persona_claim")}
        firsts = [r["first_text_s"] for r in chosen if r["first_text_s"] is not None]
        out[kind] = {
            "replies": len(chosen),
            "all_five": sum(all(r["scores"][rule] for rule in RULES) for r in chosen),
            "per_rule": per_rule,
            "median_first_text_s": round(statistics.median(firsts), 2) if firsts else None,
            "median_total_s": round(statistics.median(r["total_s"] for r in chosen), 2),
            "safety_answered": sum(1 for r in rows if r["kind"] == kind and r["answered_by"] == "safety"),
        }
    return out


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="default")
    parser.add_argument("--guided", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="only N first messages, half in each language (and every switch conversation)")
    parser.add_argument("--label", default="now", help="a name for this run, e.g. before or after")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.model, args.guided, args.limit)
    result["label"] = args.label
    out = args.out or HERE / "results" / f"chat_smoke_{args.model.replace(':', '-')}_{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"model": args.model, "label": args.label, **result["summary"]}, ensure_ascii=False, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
