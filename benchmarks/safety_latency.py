"""Per-message time of the safety screen: rules, and the whole screen (rules + learned stage), against a
plain keyword scan in the same run.

    python benchmarks/safety_latency.py [--repeat 5] [--out benchmarks/results/safety_latency.json]

Messages: the development set (`tests/safety/eval_set.jsonl`, English and Chinese, with context where
an item has it). Timings:

- baseline: `text.lower()` and `keyword in text` over a fixed bilingual keyword list (the cheapest
  screen one could write; it has no negation, idioms or context), best of `--repeat` passes;
- rules: `crisp.safety.rules.scan` (normalisation, masks, every rule and modifier), best pass;
- assess: `crisp.safety.assess` (the rule stage as callers use it: rules, cue combinations, context
  turns, result model), best pass, and p50/p95 over single messages;
- screen: `crisp.safety.screen` (the whole screen: the learned stage runs on messages the rules put
  at `low`), p50/p95/max over single messages, and the share of messages that reach the learned stage.

Peak memory (max RSS of this process) is read after the rule passes and again after the whole
screen, so the second figure includes the encoder. Budgets: rule stage <= 1 ms per message; whole
screen p95 <= 300 ms and p50 <= 50 ms. Prints the ratios; writes the same figures as JSON. Not a
test: nothing here fails on a time.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

BUDGET_US = 1000.0
SCREEN_P95_BUDGET_MS = 300.0
SCREEN_P50_BUDGET_MS = 50.0
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


def _percentiles_ms(run_one, items) -> dict[str, float]:
    times = []
    for item in items:
        start = time.perf_counter()
        run_one(*item)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(times[len(times) // 2], 3),
        "p95_ms": round(times[int(len(times) * 0.95)], 3),
        "max_ms": round(times[-1], 3),
        "mean_ms": round(statistics.fmean(times), 3),
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux reports KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the messages; the best pass counts")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/safety_latency.json"))
    args = parser.parse_args(argv)

    from crisp.safety import assess, load_learned_stage, screen
    from crisp.safety.learned import needs_learned_stage
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
    assess_pct = _percentiles_ms(lambda t, c, l: assess(t, context=c, lang=l), items)
    rules_rss = _peak_rss_mb()

    stage = load_learned_stage()
    screen("warm up the encoder")
    screen_pct = _percentiles_ms(lambda t, c, l: screen(t, context=c, lang=l), items)
    reaching = sum(needs_learned_stage(assess(t, context=c, lang=l)) for t, c, l in items)
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
        "assess_single_message": assess_pct,
        "budget_us": BUDGET_US,
        "within_budget": assess_us <= BUDGET_US,
        "learned_stage_loaded": stage is not None,
        "screen_single_message": screen_pct,
        "screen_p50_over_assess_p50": round(screen_pct["p50_ms"] / assess_pct["p50_ms"], 2),
        "screen_p95_over_assess_p95": round(screen_pct["p95_ms"] / assess_pct["p95_ms"], 2),
        "share_reaching_learned_stage": round(reaching / n, 4),
        "screen_within_budget": screen_pct["p95_ms"] <= SCREEN_P95_BUDGET_MS
        and screen_pct["p50_ms"] <= SCREEN_P50_BUDGET_MS,
        "peak_rss_mb_rules": rules_rss,
        "peak_rss_mb_screen": _peak_rss_mb(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"messages: {n} (median {figures['median_chars']} chars), best of {args.repeat} passes")
    print(f"baseline (lower + keyword in): {baseline_us:9.1f} us/message")
    print(f"rules (scan):                  {rules_us:9.1f} us/message  ({figures['rules_over_baseline']}x baseline)")
    print(f"assess (rules + context):      {assess_us:9.1f} us/message  ({figures['assess_over_baseline']}x baseline)")
    print(f"rule stage budget {BUDGET_US:.0f} us/message: {'within' if figures['within_budget'] else 'OVER'}")
    print(f"assess, one message at a time: p50 {assess_pct['p50_ms']} ms, p95 {assess_pct['p95_ms']} ms")
    print(
        f"whole screen ({'rules + learned' if stage else 'rules only: learned stage did not load'}): "
        f"p50 {screen_pct['p50_ms']} ms (x{figures['screen_p50_over_assess_p50']} assess), "
        f"p95 {screen_pct['p95_ms']} ms (x{figures['screen_p95_over_assess_p95']}), max {screen_pct['max_ms']} ms"
    )
    print(f"share of messages reaching the learned stage: {figures['share_reaching_learned_stage']:.1%}")
    print(
        f"whole screen budget p95 <= {SCREEN_P95_BUDGET_MS:.0f} ms, p50 <= {SCREEN_P50_BUDGET_MS:.0f} ms: "
        f"{'within' if figures['screen_within_budget'] else 'OVER'}"
    )
    print(f"peak memory: {rules_rss} MB after the rules, {figures['peak_rss_mb_screen']} MB with the learned stage")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
