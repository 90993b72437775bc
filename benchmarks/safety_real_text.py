"""The crisis screen on every open real-text set, per set and language: rules alone against the whole screen.

    python benchmarks/safety_real_text.py [--data ../shared/eval-data/open] [--stages rules,learned]
                                          [--out benchmarks/results/safety_real_text.json]

Reads the open halves of the human-written sets (`../shared/eval-data/README.md`), in memory only:
nothing from them is written anywhere but the figures.

- PsySUICIDE (zh, per message), SOS-1K (zh, Weibo comments), SDCNL (en, r/SuicideWatch vs
  r/depression), Reddit C-SSRS (en, per user: the highest level over the user's posts);
- real English text without a crisis: every ESConv seeker turn (screened with the seeker's earlier
  turns as context, as in a chat) and every thinking-trap text, all counted as `none`.

Recall is of moderate-or-above over items whose `label_range` does not cross the moderate line;
false alarms are the share of `none` items put at moderate or above (`crisp.safety.evaluation`).
The baseline of the run is the rules alone; each other screen named in `--stages` is scored on the
same items and printed beside it with the change in recall and false alarms. Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

RISK_SETS = ("psysuicide_zh", "sos1k_zh", "sdcnl_en", "reddit_cssrs_en")
NON_CRISIS_SETS = ("esconv_test_en", "thinking_traps_en")


def load_sets(data: Path) -> dict[str, list]:
    """set name -> EvalItems, for every set present under `data`."""
    from crisp.safety.evaluation import EvalItem, load_eval_items
    from crisp.safety.results import RiskLevel

    sets: dict[str, list] = {}
    for name in RISK_SETS:
        path = data / f"{name}.jsonl"
        if path.exists():
            sets[name] = load_eval_items(path)
    esconv = data / "esconv_test_en.jsonl"
    traps = data / "thinking_traps_en.jsonl"
    plain: list = []
    if esconv.exists():
        for line in esconv.read_text(encoding="utf-8").splitlines():
            dialogue = json.loads(line)
            earlier: list[str] = []
            for turn in dialogue["turns"]:
                if turn["role"] == "seeker" and turn["text"].strip():
                    plain.append(
                        EvalItem(text=turn["text"], label=RiskLevel.NONE, lang="en", context=earlier[-6:], source="esconv")
                    )
                    earlier.append(turn["text"])
    if traps.exists():
        for line in traps.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            plain.append(EvalItem(text=record["text"], label=RiskLevel.NONE, lang="en", source="thinking_traps"))
    if plain:
        sets["non_crisis_en"] = plain
    return sets


def screens(stages: list[str]) -> dict[str, Callable]:
    from crisp.safety.evaluation import rules_screen

    out: dict[str, Callable] = {"rules": rules_screen}
    if "learned" in stages:
        from crisp.safety.learned import screen_with_learned_stage

        out["rules+learned"] = screen_with_learned_stage
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/eval-data/open"))
    parser.add_argument("--stages", default="rules", help="comma-separated: rules (always), learned")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/safety_real_text.json"))
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no real-text sets at {args.data}; nothing to measure (they live beside the repo, in ../shared)")
        return 0

    from crisp.safety.evaluation import evaluate

    sets = load_sets(args.data)
    figures: dict[str, dict] = {}
    for screen_name, screen in screens([s.strip() for s in args.stages.split(",")]).items():
        for set_name, items in sets.items():
            start = time.perf_counter()
            report = evaluate(items, screen=screen, source=set_name, misses_shown=0)
            seconds = time.perf_counter() - start
            for lang, g in report.groups.items():
                if lang == "all":
                    continue
                figures.setdefault(f"{set_name}/{lang}", {})[screen_name] = {
                    "recall": g.recall,
                    "positives": g.positives,
                    "false_positive_rate": g.false_positive_rate,
                    "negatives": g.negatives,
                    "unclear": g.unclear,
                    "in_range_accuracy": g.in_range_accuracy,
                    "seconds": round(seconds, 1),
                }
    names = list(screens([s.strip() for s in args.stages.split(",")]))
    print(f"real-text sets under {args.data} (open halves); recall of moderate+ / false alarms on none")
    header = f"{'set/lang':<24}" + "".join(f"{n + ' recall':>22}{n + ' FA':>18}" for n in names)
    print(header)
    for key, per_screen in figures.items():
        row = f"{key:<24}"
        base = per_screen["rules"]
        for name in names:
            f = per_screen[name]
            recall = "-" if f["recall"] is None else f"{f['recall']:.3f} ({f['positives']})"
            fpr = "-" if f["false_positive_rate"] is None else f"{f['false_positive_rate']:.3f} ({f['negatives']})"
            if name != "rules" and f["recall"] is not None and base["recall"]:
                recall += f" x{f['recall'] / base['recall']:.2f}"
            row += f"{recall:>22}{fpr:>18}"
        print(row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
