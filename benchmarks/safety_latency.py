"""Per-message time of the safety screen's rule path, against a plain keyword scan in the same run.

    python benchmarks/safety_latency.py [--repeat 5] [--out benchmarks/results/safety_latency.json]

Messages: the development set (`tests/safety/eval_set.jsonl`, English and Chinese, with
context where an item has it). Three timings, each the best of `--repeat` passes over all messages:

- baseline: `text.lower()` and `keyword in text` over a fixed bilingual keyword list (the cheapest
  screen one could write; it has no negation, idioms or context);
- rules: `crisp.safety.rules.scan` (normalisation, masks, every rule and modifier);
- assess: `crisp.safety.assess` (the public call: rules, cue combinations, context turns, result model).

Prints microseconds per message, the ratio to the baseline and whether `assess` stays within the
1 ms budget; writes the same figures as JSON. Not a test: nothing here fails on a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

BUDGET_US = 1000.0
KEYWORDS = (
    "suicide",
    "suicidal",
    "kill myself",
    "end my life",
    "want to die",
    "wish i was dead",
    "better off without me",
    "not wake up",
    "self-harm",
    "cut myself",
    "hurt myself",
    "overdose",
    "pills",
    "hang myself",
    "jump off",
    "no reason to live",
    "goodbye",
    "hits me",
    "abuse",
    "kill him",
    "自杀",
    "想死",
    "不想活",
    "活着没意思",
    "结束生命",
    "自残",
    "割腕",
    "跳楼",
    "安眠药",
    "遗书",
    "轻生",
    "打我",
    "家暴",
)


def _load_items() -> list[tuple[str, list[str], str | None]]:
    path = Path(__file__).resolve().parent.parent / "tests" / "safety" / "eval_set.jsonl"
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            items.append((record["text"], record.get("context", []), record.get("lang")))
    return items


def _best_per_message_us(run, n_messages: int, repeat: int) -> float:
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        passes.append(time.perf_counter() - start)
    return min(passes) / n_messages * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the messages; the best pass counts")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/safety_latency.json"))
    args = parser.parse_args(argv)

    from crisp.safety import assess
    from crisp.safety.rules import scan

    items = _load_items()
    texts = [text for text, _, _ in items]
    scan("warm up the compiled rules")  # compile once, outside the timed passes

    def baseline() -> None:
        for text in texts:
            lowered = text.lower()
            any(keyword in lowered for keyword in KEYWORDS)

    def rules() -> None:
        for text in texts:
            scan(text)

    def full() -> None:
        for text, context, lang in items:
            assess(text, context=context, lang=lang)

    n = len(items)
    baseline_us = _best_per_message_us(baseline, n, args.repeat)
    rules_us = _best_per_message_us(rules, n, args.repeat)
    assess_us = _best_per_message_us(full, n, args.repeat)
    lengths = [len(text) for text in texts]
    figures = {
        "messages": n,
        "median_chars": statistics.median(lengths),
        "repeat": args.repeat,
        "baseline_us_per_message": round(baseline_us, 2),
        "rules_us_per_message": round(rules_us, 2),
        "assess_us_per_message": round(assess_us, 2),
        "rules_over_baseline": round(rules_us / baseline_us, 1),
        "assess_over_baseline": round(assess_us / baseline_us, 1),
        "budget_us": BUDGET_US,
        "within_budget": assess_us <= BUDGET_US,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"messages: {n} (median {figures['median_chars']} chars), best of {args.repeat} passes")
    print(f"baseline (lower + keyword in): {baseline_us:9.1f} us/message")
    print(f"rules (scan):                  {rules_us:9.1f} us/message  ({figures['rules_over_baseline']}x baseline)")
    print(f"assess (rules + context):      {assess_us:9.1f} us/message  ({figures['assess_over_baseline']}x baseline)")
    print(f"budget {BUDGET_US:.0f} us/message: {'within' if figures['within_budget'] else 'OVER'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
