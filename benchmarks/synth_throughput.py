"""Throughput of `crisp synth run` against a remote-like LLM, compared with a plain sequential loop.

A local OpenAI-compatible server (`crisp.llm.testing.OpenAIServerDouble`, a test double, in a
process of its own) answers every call after a fixed latency plus a token rate, with unlimited
parallelism and scripted valid replies: what a vLLM fleet or a hosted API looks like from the client.
Against it, in one run:

    baseline        a plain sequential loop: the dialogue engine over the same HTTP backend, one
                    dialogue after another, no store, no filters
    concurrency K   `run_synthesis` (store, fsync, filters, dedup, manifest) at K = 1, 8, 64, with
                    waves x K dialogues each (all dialogues have the same number of calls, so a wave
                    of K takes as long as one dialogue if nothing else gets in the way)
    granularity     prompt and completion tokens per dialogue, `turn` against `segment`

Figures and targets:
    speed-up at K   (dialogues/min at K) / (baseline dialogues/min); target >= 0.9 x K
    CPU per call    this process's CPU time (all threads) during the K = 64 run / model calls;
                    target < 5 ms (the server runs in another process and is not counted)
    segment/turn    prompt tokens per dialogue, segment over turn; target <= 0.40

    python benchmarks/synth_throughput.py                    # 0.5 s + 100 tokens/s per call
    python benchmarks/synth_throughput.py --latency 0.2 --tokens-per-s 400 --waves 2 --levels 1,8,64,256

The default server is a mid-size model under load (0.5 s to the first token, then 100 tokens/s);
a faster server puts more calls per second on the client and so measures its overhead harder.

Writes benchmarks/results/synth_throughput.json. Not a test: it never fails on a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "synth_throughput.json"
TARGET_SPEEDUP = 0.9
TARGET_CPU_MS = 5.0
TARGET_SEGMENT_PROMPT = 0.40


def serve(latency: float, tokens_per_s: float, port_file: Path) -> None:
    """The child process: the scripted server until killed."""
    from crisp.llm.testing import OpenAIServerDouble, crdial_teacher_script

    server = OpenAIServerDouble(crdial_teacher_script(goal_after=2, exchanges=2), latency_s=latency, tokens_per_s=tokens_per_s)
    server.httpd.request_queue_size = 1024  # a burst of 64+ new connections must not be refused
    port_file.write_text(str(server.port))
    server.serve_forever()


def start_server(latency: float, tokens_per_s: float) -> tuple[subprocess.Popen[bytes], str]:
    port_file = Path(tempfile.mkstemp(prefix="synth-bench-port-")[1])
    port_file.write_text("")
    child = subprocess.Popen([sys.executable, __file__, "--serve", "--latency", str(latency),
                              "--tokens-per-s", str(tokens_per_s), "--port-file", str(port_file)])
    deadline = time.monotonic() + 30
    while not port_file.read_text().strip():
        if child.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the scripted server did not start")
        time.sleep(0.05)
    port = port_file.read_text().strip()
    port_file.unlink()
    return child, f"http://127.0.0.1:{port}/v1#scripted"


def base_config(out: Path, spec: str, **overrides: Any) -> Any:
    from crisp.synth.config import SynthConfig

    values: dict[str, Any] = {"seeds": "builtin", "out": out, "models": [spec], "hints": "off", "per_seed": 4,
                              "cache": False, "max_channels": 2, "max_loops": 1, "resistance": "mixed",
                              "max_turns": 80, "segment_max_exchanges": 3}
    values.update(overrides)
    return SynthConfig(**values)


async def sequential(spec: str, n: int, workdir: Path) -> dict[str, Any]:
    """The baseline: the engine alone, one dialogue after another over the same backend and settings."""
    from crisp.cr.plan import CRDialPlan
    from crisp.dialogue.client import SimulatedClient, derive_profile
    from crisp.dialogue.crdial import CRDialCounsellor
    from crisp.dialogue.runner import run_session
    from crisp.dialogue.session import Session
    from crisp.llm import GenerationParams, load_model
    from crisp.synth.run import make_jobs, run_fingerprint
    from crisp.synth.seeds import load_seeds

    config = base_config(workdir / "unused", spec, limit=n)
    jobs = make_jobs(load_seeds("builtin"), config, run_fingerprint(config))
    model = load_model(spec)
    started, cpu = time.perf_counter(), time.process_time()
    for job in jobs:
        params = GenerationParams(max_new_tokens=config.max_new_tokens, temperature=config.temperature,
                                  seed=job.sampling_seed(1))
        profile = await derive_profile(model, job.seed, resistance=job.resistance, params=params)
        session = Session(job.seed, persona=profile.persona, plan=CRDialPlan(config.max_channels, config.max_loops))
        await run_session(session, CRDialCounsellor(model, params=params), SimulatedClient(model, profile,
                          params=params), max_turns=config.max_turns)
    elapsed = time.perf_counter() - started
    calls = model.usage.total.calls
    await model.aclose()
    return {"dialogues": n, "elapsed_s": elapsed, "per_minute": 60 * n / elapsed, "calls": calls,
            "cpu_ms_per_call": 1000 * (time.process_time() - cpu) / calls}


async def synthesis(config: Any) -> dict[str, Any]:
    from crisp.synth.run import run_synthesis

    started, cpu = time.perf_counter(), time.process_time()
    result = await run_synthesis(config)
    elapsed = time.perf_counter() - started
    cpu_s = time.process_time() - cpu
    usage = result.manifest["usage"]
    n = result.stats.finished
    return {
        "dialogues": n, "kept": result.stats.kept, "elapsed_s": elapsed, "per_minute": 60 * n / elapsed,
        "calls": usage["calls"], "cpu_ms_per_call": 1000 * cpu_s / max(usage["calls"], 1),
        "prompt_tokens_per_dialogue": usage["prompt_tokens"] / max(n, 1),
        "completion_tokens_per_dialogue": usage["completion_tokens"] / max(n, 1),
        "calls_per_dialogue": usage["calls"] / max(n, 1),
    }


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    child, spec = start_server(args.latency, args.tokens_per_s)
    try:
        with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
            work = Path(tmp)
            base = await sequential(spec, args.waves, work)
            print(f"baseline: {base['dialogues']} dialogues in {base['elapsed_s']:.1f}s "
                  f"({base['per_minute']:.2f}/min, {base['calls']} calls)")
            levels: dict[str, Any] = {}
            for k in args.levels:
                n = args.waves * k
                figures = await synthesis(base_config(work / f"k{k}", spec, concurrency=k, limit=n))
                figures["speedup"] = figures["per_minute"] / base["per_minute"]
                figures["speedup_over_k"] = figures["speedup"] / k
                levels[str(k)] = figures
                print(f"concurrency {k:>3}: {n} dialogues in {figures['elapsed_s']:.1f}s ({figures['per_minute']:.1f}/min)"
                      f"  speed-up {figures['speedup']:.2f} = {figures['speedup_over_k']:.3f} x K"
                      f"  CPU {figures['cpu_ms_per_call']:.2f} ms/call")
            k = min(8, max(args.levels))
            turn = levels[str(k)]
            segment = await synthesis(base_config(work / "segment", spec, concurrency=k, limit=args.waves * k,
                                                  granularity="segment"))
            print(f"segment: {segment['prompt_tokens_per_dialogue']:.0f} prompt tokens per dialogue "
                  f"(turn {turn['prompt_tokens_per_dialogue']:.0f})")
    finally:
        child.kill()
        child.wait()
    top = levels[str(max(args.levels))]
    granularity = {
        "turn": {k: turn[k] for k in ("prompt_tokens_per_dialogue", "completion_tokens_per_dialogue",
                                      "calls_per_dialogue")},
        "segment": {k: segment[k] for k in ("prompt_tokens_per_dialogue", "completion_tokens_per_dialogue",
                                            "calls_per_dialogue")},
        "segment_over_turn_prompt": segment["prompt_tokens_per_dialogue"] / turn["prompt_tokens_per_dialogue"],
        "segment_over_turn_completion": (segment["completion_tokens_per_dialogue"]
                                         / turn["completion_tokens_per_dialogue"]),
    }
    return {
        "benchmark": "synth_throughput",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "server": {"latency_s": args.latency, "tokens_per_s": args.tokens_per_s, "waves": args.waves,
                   "note": "scripted OpenAI-compatible test double in its own process, unlimited parallelism"},
        "baseline_sequential": base,
        "concurrency": levels,
        "granularity": granularity,
        "targets": {
            "speedup_over_k": {"target": TARGET_SPEEDUP,
                               "met": all(v["speedup_over_k"] >= TARGET_SPEEDUP for v in levels.values())},
            "cpu_ms_per_call": {"target": TARGET_CPU_MS, "value": top["cpu_ms_per_call"],
                                "met": top["cpu_ms_per_call"] < TARGET_CPU_MS},
            "segment_over_turn_prompt": {"target": TARGET_SEGMENT_PROMPT,
                                         "value": granularity["segment_over_turn_prompt"],
                                         "met": granularity["segment_over_turn_prompt"] <= TARGET_SEGMENT_PROMPT},
        },
    }


def print_summary(report: dict[str, Any]) -> None:
    print("\nspeed-up over the sequential loop (target >= 0.9 x K):")
    for k, v in report["concurrency"].items():
        print(f"  K={k:>3}  {v['speedup']:6.2f}x  ({v['speedup_over_k']:.3f} x K)  {v['per_minute']:8.1f} dialogues/min")
    t = report["targets"]
    print(f"toolkit CPU per model call at K={max(report['concurrency'], key=int)}: "
          f"{t['cpu_ms_per_call']['value']:.2f} ms (target < {TARGET_CPU_MS:g} ms)")
    g = report["granularity"]
    print(f"prompt tokens per dialogue: turn {g['turn']['prompt_tokens_per_dialogue']:.0f}, "
          f"segment {g['segment']['prompt_tokens_per_dialogue']:.0f}: ratio {g['segment_over_turn_prompt']:.3f} "
          f"(target <= {TARGET_SEGMENT_PROMPT:g})")
    print(f"completion tokens per dialogue: turn {g['turn']['completion_tokens_per_dialogue']:.0f}, "
          f"segment {g['segment']['completion_tokens_per_dialogue']:.0f}")
    print("targets met: " + ", ".join(f"{k} {'yes' if v['met'] else 'NO'}" for k, v in t.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5, help="seconds per request before tokens")
    parser.add_argument("--tokens-per-s", type=float, default=100.0, help="completion tokens per second")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 64])
    parser.add_argument("--waves", type=int, default=1, help="dialogues per level = waves x K; baseline = waves")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.latency, args.tokens_per_s, args.port_file)
        return
    report = asyncio.run(measure(args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(report)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
