"""Throughput of `crisp eval pointwise` against a remote-like LLM, compared with a plain sequential loop.

A local OpenAI-compatible server (`crisp.llm.testing.OpenAIServerDouble` serving
`crisp.eval.testing.eval_script_double()`, test doubles, in a process of their own) plays the
model under test, the simulated client and the judge: every call answers after a fixed latency
plus a token rate, with unlimited parallelism. Against it, in one run:

    baseline        a plain sequential loop: simulate one session (profile, client turns, model
                    turns through the conversation engine with its safety layer, as `run_pointwise`
                    drives them), judge it, next session; no run folder, no cache
    concurrency K   `run_pointwise` (run folder, fsync per row, response cache, manifest, sanity
                    check) at K = 1, 8, 64 with waves x K sessions each

Figures and targets:
    speed-up at K   (sessions/min at K) / (baseline sessions/min); target >= 0.9 x K
    screen share    the safety layer's rule screen (`crisp.safety.assess`) on the baseline's client
                    messages, replayed after the run, / baseline elapsed (after a warm-up; the one-time
                    pattern compile is reported apart)
    learned stage   the learned stage (`crisp.safety.screen` minus the rules alone) on the same
                    messages, as a share of the baseline's time. The eval path screens as Peppy does
                    (the whole screen: the stage reads only what the rules put at `low`), so the
                    K-levels include it wherever it is installed

    python benchmarks/eval_throughput.py                    # 0.5 s + 100 tokens/s per call
    python benchmarks/eval_throughput.py --latency 0.2 --waves 1 --levels 1,8

Writes benchmarks/results/eval_throughput.json. Not a test: it never fails on a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "eval_throughput.json"
TARGET_SPEEDUP = 0.9
TURNS = 2


def serve(latency: float, tokens_per_s: float, port_file: Path) -> None:
    """The child process: the scripted server until killed."""
    from crisp.eval.testing import eval_script_double
    from crisp.llm.testing import OpenAIServerDouble

    server = OpenAIServerDouble(eval_script_double(), latency_s=latency, tokens_per_s=tokens_per_s)
    server.httpd.request_queue_size = 1024  # a burst of 64+ new connections must not be refused
    port_file.write_text(str(server.port))
    server.serve_forever()


def start_server(latency: float, tokens_per_s: float) -> tuple[subprocess.Popen[bytes], str]:
    port_file = Path(tempfile.mkstemp(prefix="eval-bench-port-")[1])
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
    return child, f"http://127.0.0.1:{port}/v1"


async def sequential(url: str, n: int) -> dict[str, Any]:
    """The baseline: sessions and judging alone, one after another, over the same backend."""
    from crisp.cr.taxonomy import Lang
    from crisp.eval.pointwise import rate, sanity_transcript
    from crisp.eval.sessions import choose_clients, simulate_session, transcript_lines
    from crisp.llm import load_model

    model, client, judge = (load_model(f"{url}#{name}") for name in ("under-test", "client", "judge"))
    clients = choose_clients("builtin", ["en"], n)
    from crisp.safety import assess

    warm_started = time.perf_counter()
    assess("warming up the screen", lang="en")  # the patterns compile on first use: timed apart
    first_use_s = time.perf_counter() - warm_started
    started = time.perf_counter()
    said: list[str] = []
    for spec in clients:
        session = await simulate_session(model, client, spec, TURNS)
        await rate(judge, transcript_lines(session), session.lang)
        said += [t.text(session.lang) for t in session.record.turns if t.role == "client"]
    for which in ("good", "poor"):  # the sanity check every pointwise run makes
        await rate(judge, sanity_transcript(Lang.EN, which), Lang.EN)
    elapsed = time.perf_counter() - started
    calls = sum(m.usage.total.calls for m in (model, client, judge))
    for m in (model, client, judge):
        await m.aclose()
    rules_s = rule_screen_seconds(said)
    return {"sessions": n, "elapsed_s": elapsed, "per_minute": 60 * n / elapsed, "calls": calls,
            "rule_screen_s": rules_s, "rule_screen_share": rules_s / elapsed, "rule_screen_first_use_s": first_use_s,
            "learned_stage": learned_stage_share(said, elapsed)}


def rule_screen_seconds(messages: list[str]) -> float:
    """The rule screen's time on `messages` (each with the earlier ones as context, as in a session)."""
    from crisp.safety import assess

    started = time.perf_counter()
    for i, text in enumerate(messages):
        assess(text, context=messages[max(0, i - 4):i], lang="en")
    return time.perf_counter() - started


def learned_stage_share(messages: list[str], elapsed: float) -> dict[str, Any] | None:
    """The learned stage's time on the baseline's client messages: the whole screen (`screen`) minus the
    rules alone (`assess`), as a share of the baseline's time. None when the stage is not installed."""
    from crisp.safety import assess, load_learned_stage, screen

    try:
        stage = load_learned_stage()
    except Exception as error:  # noqa: BLE001 - report why it is absent, do not fail the benchmark
        return {"absent": f"{type(error).__name__}: {error}"[:200]}
    if stage is None:
        return {"absent": "the learned stage is not installed (the `safety` extra)"}
    screen(messages[0], lang="en")  # load and warm the stage outside the clock
    started = time.perf_counter()
    for text in messages:
        assess(text, lang="en")
    rules_s = time.perf_counter() - started
    started = time.perf_counter()
    for text in messages:
        screen(text, lang="en")
    whole_s = time.perf_counter() - started
    learned_s = max(0.0, whole_s - rules_s)
    return {"messages": len(messages), "rules_s": rules_s, "whole_screen_s": whole_s, "learned_s": learned_s,
            "learned_share_of_baseline": learned_s / elapsed}


async def pointwise(url: str, n: int, concurrency: int, out: Path) -> dict[str, Any]:
    from crisp.eval.pointwise import PointwiseOptions, run_pointwise
    from crisp.eval.run import ModelSet, RunFolder

    options = PointwiseOptions(models=[f"{url}#under-test"], judges=[f"{url}#judge"], client=f"{url}#client",
                               langs=["en"], sessions=n, turns=TURNS, concurrency=concurrency)
    folder = RunFolder(out, "eval pointwise", {"bench": concurrency})
    models = ModelSet(cache=folder.cache, concurrency=concurrency)
    started = time.perf_counter()
    try:
        report = await run_pointwise(folder, models, options)
    finally:
        await models.aclose()
        folder.close()
    elapsed = time.perf_counter() - started
    calls = sum(u.calls for u in folder.manifest.usage.values())
    return {"sessions": report["sessions"], "elapsed_s": elapsed, "per_minute": 60 * report["sessions"] / elapsed,
            "calls": calls}


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    child, url = start_server(args.latency, args.tokens_per_s)
    try:
        base = await sequential(url, args.waves)
        print(f"baseline: {base['sessions']} sessions in {base['elapsed_s']:.1f}s ({base['per_minute']:.2f}/min, "
              f"{base['calls']} calls); rule screen {100 * base['rule_screen_share']:.3f}% of the time "
              f"(plus {base['rule_screen_first_use_s']:.2f}s once, compiling its patterns)")
        levels: dict[str, Any] = {}
        with tempfile.TemporaryDirectory(prefix="eval-bench-") as tmp:
            for k in args.levels:
                result = await pointwise(url, args.waves * k, k, Path(tmp) / f"k{k}")
                result["speedup"] = result["per_minute"] / base["per_minute"]
                result["speedup_over_k"] = result["speedup"] / k
                levels[str(k)] = result
                verdict = "meets" if result["speedup_over_k"] >= TARGET_SPEEDUP else "misses"
                print(f"K={k}: {result['sessions']} sessions in {result['elapsed_s']:.1f}s "
                      f"({result['per_minute']:.2f}/min) speed-up {result['speedup']:.2f} = "
                      f"{result['speedup_over_k']:.2f} x K ({verdict} the {TARGET_SPEEDUP} x K target)")
    finally:
        child.kill()
        child.wait()
    learned = base["learned_stage"]
    if learned and "learned_s" in learned:
        print(f"learned safety stage (in the eval path, on what the rules put at low): {learned['learned_s']:.3f}s on "
              f"{learned['messages']} client messages = {100 * learned['learned_share_of_baseline']:.2f}% of the "
              "baseline's time")
    else:
        print(f"learned safety stage: not measured ({learned})")
    return {"server": {"latency_s": args.latency, "tokens_per_s": args.tokens_per_s}, "turns": TURNS,
            "baseline": base, "levels": levels,
            "python": platform.python_version(), "target_speedup_over_k": TARGET_SPEEDUP}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--tokens-per-s", type=float, default=100.0)
    parser.add_argument("--waves", type=int, default=2, help="sessions per concurrency slot (and baseline sessions)")
    parser.add_argument("--levels", type=lambda s: [int(x) for x in s.split(",")], default=[1, 8, 64])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.latency, args.tokens_per_s, args.port_file)
        return
    figures = asyncio.run(measure(args))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
