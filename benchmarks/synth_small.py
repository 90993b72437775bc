"""`crisp synth run` on the embedded models: do dialogues complete, and how long do they take?

    python benchmarks/synth_small.py [--model default --model default:lite] [--seeds-per-lang N]
                                     [--label after] [--out benchmarks/results/synth_small_after.json]
                                     [--extra="--dry-multiplier 0"] [--skip N] [--keep DIR]

For each model and language it takes the first N built-in seeds of that language (5 on `default`,
3 on `default:lite` unless `--seeds-per-lang` says otherwise) and runs each as its own
`crisp synth run`, exactly as a user would type it:

    crisp synth run --model M --seeds ONE_SEED.jsonl --lang L --granularity segment
                    --max-channels 1 --max-loops 1 --per-seed 1 --concurrency 1 --no-progress

Everything else is left at the command's defaults, so a run on an older checkout measures what
that checkout did (run it with that checkout's `src` first on PYTHONPATH: the command line and the
run folder's files are the same there). The seeds come from this checkout's file, so both runs use
the same ones. `--extra` adds flags to every run (to compare one setting against the defaults),
`--skip N` starts after the first N seeds of each language (to try a change on seeds the figures do
not use), and `--keep DIR` keeps the run folders to read the dialogues.

Per model and language it reports:
- completed: dialogues that reached the end of the CRDial plan with no structural violation;
- structural rejects: jobs that failed (a reply the engine could not use) or a record that breaks
  the structure (`crisp.cr.checks`); an unreachable endpoint is counted apart, as a backend failure;
- pass basic: dialogues the basic filter kept (the filter is not changed by this script);
- median seconds per dialogue (the command's own wall time, model load included, and the run's
  elapsed time from its manifest, without the load);
- median tokens per dialogue (prompt + completion) and per call.
Writes every dialogue's outcome to --out. Not a test; timings depend on the machine's load. The team's
figures before and after the small-model work are kept in `benchmarks/data/synth_small_measured.json`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "src" / "crisp" / "synth" / "builtin_seeds.jsonl"
DEFAULT_SEEDS_PER_LANG = {"default": 5, "default:lite": 3}
FIXED = ["--granularity", "segment", "--max-channels", "1", "--max-loops", "1", "--per-seed", "1",
         "--concurrency", "1", "--no-progress"]


def first_seeds(lang: str, n: int, skip: int = 0) -> list[dict[str, Any]]:
    seeds = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [s for s in seeds if s.get("language") == lang][skip:skip + n]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def outcome(run: Path) -> dict[str, Any]:
    """What one run folder holds: kept, dropped (by which filter, why) or rejected (why)."""
    from crisp.cr.checks import check_record
    from crisp.cr.schema import CrispRecord

    kept, dropped, rejects = read_jsonl(run / "dialogues.jsonl"), read_jsonl(run / "filtered.jsonl"), read_jsonl(run / "rejects.jsonl")
    row: dict[str, Any] = {"kind": "none"}
    record = None
    if kept:
        row["kind"], record = "kept", kept[0]
    elif dropped:
        row.update(kind="dropped", filter=dropped[0]["filter"], reasons=dropped[0]["reasons"][:6])
        record = dropped[0]["record"]
    elif rejects:
        last = rejects[-1]
        row.update(kind="rejected", error=last.get("error"), reason=str(last.get("reason", ""))[:300],
                   schema=last.get("schema"), field=last.get("field"))
    if record is not None:
        parsed = CrispRecord.model_validate(record)
        violations = check_record(parsed)
        row.update(end_reason=parsed.end_reason, turns=len(parsed.turns), structural=[str(v) for v in violations][:6])
        row["completed"] = parsed.end_reason == "plan_complete" and not violations
    else:
        row["completed"] = False
    row["passes_basic"] = row["kind"] == "kept" or (row["kind"] == "dropped" and row.get("filter") != "basic")
    unreachable = row.get("error") == "BackendUnavailableError"  # the endpoint, not the dialogue, failed
    row["backend_failure"] = unreachable
    row["structural_reject"] = (row["kind"] == "rejected" and not unreachable) or bool(row.get("structural"))
    manifest_path = run / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        usage = manifest.get("usage") or {}
        row["tokens"] = int(usage.get("prompt_tokens", 0)) + int(usage.get("completion_tokens", 0))
        row["calls"] = int(usage.get("calls", 0))
        row["run_elapsed_s"] = sum(float(i.get("elapsed_s", 0)) for i in manifest.get("invocations", []))
        row["status"] = manifest.get("status")
    return row


def run_one(model: str, seed: dict[str, Any], folder: Path, timeout_s: float, extra: list[str]) -> dict[str, Any]:
    seeds = folder / "seed.jsonl"
    seeds.write_text(json.dumps(seed, ensure_ascii=False) + "\n", encoding="utf-8")
    command = [sys.executable, "-c", "from crisp.cli import main; main()", "synth", "run", "--model", model,
               "--seeds", str(seeds), "--lang", seed["language"], "--out", str(folder / "run"), *FIXED, *extra]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, env=os.environ.copy())
        exit_code, tail = done.returncode, (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
    except subprocess.TimeoutExpired:
        exit_code, tail = None, [f"timed out after {timeout_s:.0f} s"]
    row = {"model": model, "lang": seed["language"], "seed": seed["id"], "exit_code": exit_code,
           "wall_s": round(time.monotonic() - started, 1), "last_line": tail[0][:300]}
    row.update(outcome(folder / "run"))
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def median(key: str) -> float | None:
        values = [r[key] for r in rows if r.get(key) is not None]
        return round(statistics.median(values), 1) if values else None

    per_call = [r["tokens"] / r["calls"] for r in rows if r.get("calls")]
    return {
        "dialogues": len(rows),
        "completed": sum(r["completed"] for r in rows),
        "structural_rejects": sum(r["structural_reject"] for r in rows),
        "backend_failures": sum(r["backend_failure"] for r in rows),
        "pass_basic": sum(r["passes_basic"] for r in rows),
        "median_wall_s": median("wall_s"),
        "median_run_s": median("run_elapsed_s"),
        "median_tokens": median("tokens"),
        "median_tokens_per_call": round(statistics.median(per_call), 1) if per_call else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", default=None, help="repeat; default: default and default:lite")
    parser.add_argument("--seeds-per-lang", type=int, default=None)
    parser.add_argument("--lang", action="append", default=None, help="repeat; default: en and zh")
    parser.add_argument("--label", default="now", help="a name for this run, e.g. before or after")
    parser.add_argument("--timeout-s", type=float, default=1200.0, help="per dialogue")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--extra", default="", help="flags added to every crisp synth run, e.g. '--dry-multiplier 0'")
    parser.add_argument("--skip", type=int, default=0, help="start after the first N seeds of each language")
    parser.add_argument("--keep", type=Path, default=None, help="keep the run folders here")
    args = parser.parse_args()
    models = args.model or ["default", "default:lite"]
    langs = args.lang or ["en", "zh"]
    import crisp

    print(f"crisp from {Path(crisp.__file__).parent}", flush=True)
    rows: list[dict[str, Any]] = []
    started = time.monotonic()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    # Run folders go to --keep, or to a scratch folder removed at the end.
    root = contextlib.nullcontext(str(args.keep)) if args.keep else tempfile.TemporaryDirectory(prefix="synth-small-")
    with root as tmp:
        for number, model in enumerate(models):
            n = args.seeds_per_lang or DEFAULT_SEEDS_PER_LANG.get(model, 3)
            for lang in langs:
                for seed in first_seeds(lang, n, args.skip):
                    folder = Path(tmp) / f"model{number}-{seed['id']}"
                    folder.mkdir()
                    row = run_one(model, seed, folder, args.timeout_s, args.extra.split())
                    rows.append(row)
                    print(f"{model:13} {seed['id']:16} {row['kind']:8} completed={row['completed']!s:5} "
                          f"basic={row['passes_basic']!s:5} {row['wall_s']:7.1f} s  {row.get('tokens', 0):6} tokens  "
                          f"{row.get('filter') or row.get('error') or ''}", flush=True)
    summary = {f"{m}/{lang}": summarise([r for r in rows if r["model"] == m and r["lang"] == lang])
               for m in models for lang in langs}
    print(f"\n{'model/lang':18} {'n':>3} {'complete':>8} {'struct.rej':>10} {'basic':>6} {'med s':>7} {'med run s':>9} "
          f"{'med tokens':>10} {'tok/call':>8}")
    for key, s in summary.items():
        print(f"{key:18} {s['dialogues']:3} {s['completed']:8} {s['structural_rejects']:10} {s['pass_basic']:6} "
              f"{s['median_wall_s'] or 0:7.1f} {s['median_run_s'] or 0:9.1f} {s['median_tokens'] or 0:10.0f} "
              f"{s['median_tokens_per_call'] or 0:8.0f}")
    print(f"whole run {time.monotonic() - started:.0f} s")
    out = args.out or HERE / "results" / f"synth_small_{args.label}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"label": args.label, "extra": args.extra, "summary": summary, "rows": rows,
                               "machine": {"python": platform.python_version(), "cpus": os.cpu_count()}},
                              ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
