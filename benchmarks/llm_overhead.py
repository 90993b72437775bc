"""What the toolkit's llama.cpp backend costs over raw xllamacpp, on the same model and prompts in one run.

Both sides load the same GGUF with the same engine settings. For each prompt,
"raw" calls `xllamacpp.Server.handle_chat_completions` directly (streaming
through a callback, or one blocking call), and "toolkit" goes through
`LlamaCppModel.stream` / `.complete` under asyncio. Decoding is greedy, so both
sides generate the same tokens; the order alternates between runs so drift in
machine load hits both alike.

Figures (medians over the runs):
    time to first token     streaming; toolkit/raw, lower is better (target <= 1.05)
    decode tokens/s         streaming, tokens after the first over the time after it;
                            toolkit/raw, higher is better (target >= 0.95)
    complete latency        non-streaming; toolkit/raw (target <= 1.05)

    python benchmarks/llm_overhead.py                       # default:lite
    python benchmarks/llm_overhead.py --spec gguf:model.gguf --runs 8 --threads 4

Writes benchmarks/results/llm_overhead.json. Not a test: it never fails on a time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import statistics
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "llm_overhead.json"
PROMPTS = [
    "Describe, in a detailed paragraph, how a person can notice an unhelpful automatic thought.",
    "Write a long, gentle explanation of why the thought 'everyone will laugh at me' may not be accurate.",
    "Explain step by step how to weigh the evidence for and against a worrying thought.",
    "Tell a calm, detailed story about a student who learns to see an exam failure differently.",
    "请详细地解释，为什么“我总是失败”这个想法可能并不准确。",
    "List many practical ways to respond kindly to yourself after a hard day, with a sentence on each.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", default="default:lite", help="default, default:lite or gguf:PATH")
    parser.add_argument("--runs", type=int, default=6, help="prompts measured per side (after one warm-up)")
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--threads", type=int, default=None, help="CPU threads for both sides")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    report = run(args.spec, runs=args.runs, max_new_tokens=args.max_new_tokens, threads=args.threads, n_ctx=args.n_ctx)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(report)
    print(f"written to {args.out}")


def model_path(spec: str) -> Path:
    from crisp.llm.embedded import ensure_embedded_model
    from crisp.llm.registry import parse_spec

    parsed = parse_spec(spec)
    if parsed.kind == "default":
        return ensure_embedded_model(parsed.raw)
    if parsed.kind == "gguf":
        return Path(parsed.target).expanduser()
    raise SystemExit(f"{spec!r} is not a llama.cpp spec (default, default:lite, gguf:PATH)")


def raw_server(path: Path, *, n_ctx: int, threads: int | None) -> Any:
    """xllamacpp on its own, with the engine settings the toolkit uses."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.n_ctx = n_ctx
    params.n_parallel = 1
    if threads is not None:
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
    params.offline = True
    params.verbosity = 0
    params.force_pure_content_parser = True
    params.api_keys = [secrets.token_urlsafe(32)]
    params.ui = False
    params.endpoint_slots = False
    return xllamacpp.Server(params)


def raw_stream(server: Any, prompt: str, max_new_tokens: int) -> dict[str, Any]:
    body = {
        "messages": [{"role": "user", "content": prompt}],
        "max_tokens": max_new_tokens,
        "temperature": 0.0,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    parts: list[str] = []
    stamps: list[float] = []
    usage: dict[str, Any] = {}

    def on_chunk(chunk: dict[str, Any]) -> bool:
        for choice in chunk.get("choices") or ():
            text = choice.get("delta", {}).get("content")
            if text:
                stamps.append(time.perf_counter())
                parts.append(text)
        if "usage" in chunk:
            usage.update(chunk["usage"])
        return False

    start = time.perf_counter()
    server.handle_chat_completions(body, on_chunk)
    return measure(start, stamps, "".join(parts), usage["completion_tokens"])


def raw_complete(server: Any, prompt: str, max_new_tokens: int) -> float:
    body = {"messages": [{"role": "user", "content": prompt}], "max_tokens": max_new_tokens, "temperature": 0.0}
    start = time.perf_counter()
    server.handle_chat_completions(body)
    return time.perf_counter() - start


async def toolkit_stream(model: Any, prompt: str, max_new_tokens: int) -> dict[str, Any]:
    from crisp.llm import GenerationParams, Message

    params = GenerationParams(max_new_tokens=max_new_tokens, temperature=0.0)
    stamps: list[float] = []
    start = time.perf_counter()
    stream = model.stream([Message(role="user", content=prompt)], params)
    async for _ in stream:
        stamps.append(time.perf_counter())
    completion = stream.completion
    return measure(start, stamps, completion.text, completion.usage.completion_tokens)


async def toolkit_complete(model: Any, prompt: str, max_new_tokens: int) -> float:
    from crisp.llm import GenerationParams, Message

    params = GenerationParams(max_new_tokens=max_new_tokens, temperature=0.0)
    start = time.perf_counter()
    await model.complete([Message(role="user", content=prompt)], params)
    return time.perf_counter() - start


def measure(start: float, stamps: list[float], text: str, tokens: int) -> dict[str, Any]:
    first = stamps[0] - start
    decode_s = stamps[-1] - stamps[0]
    return {
        "first_token_s": first,
        "decode_tokens_per_s": (tokens - 1) / decode_s if tokens > 1 and decode_s > 0 else None,
        "tokens": tokens,
        "text": text,
    }


def run(spec: str, *, runs: int, max_new_tokens: int, threads: int | None, n_ctx: int) -> dict[str, Any]:
    import xllamacpp

    from crisp.llm.llamacpp import LlamaCppModel

    path = model_path(spec)
    raw = raw_server(path, n_ctx=n_ctx, threads=threads)
    toolkit = LlamaCppModel(path, spec=spec, n_ctx=n_ctx, n_threads=threads, n_parallel=1, max_concurrency=1)
    loop = asyncio.new_event_loop()
    prompts = [PROMPTS[i % len(PROMPTS)] + f" ({i})" for i in range(runs + 1)]
    samples: dict[str, list[Any]] = {"raw_stream": [], "toolkit_stream": [], "raw_complete": [], "toolkit_complete": []}
    same_text = True
    try:
        for i, prompt in enumerate(prompts):
            sides = ["raw", "toolkit"] if i % 2 == 0 else ["toolkit", "raw"]
            got: dict[str, Any] = {}
            for side in sides:
                if side == "raw":
                    got["raw_stream"] = raw_stream(raw, prompt, max_new_tokens)
                    got["raw_complete"] = raw_complete(raw, prompt + " ", max_new_tokens)
                else:
                    got["toolkit_stream"] = loop.run_until_complete(toolkit_stream(toolkit, prompt, max_new_tokens))
                    got["toolkit_complete"] = loop.run_until_complete(
                        toolkit_complete(toolkit, prompt + " ", max_new_tokens)
                    )
            if i == 0:
                continue  # warm-up
            same_text &= got["raw_stream"]["text"] == got["toolkit_stream"]["text"]
            for key, value in got.items():
                samples[key].append(value)
    finally:
        loop.run_until_complete(toolkit.aclose())
        loop.close()

    def median(key: str, field: str | None = None) -> float:
        values = [s[field] if field else s for s in samples[key]]
        return statistics.median(v for v in values if v is not None)

    figures = {
        side: {
            "first_token_s": median(f"{side}_stream", "first_token_s"),
            "decode_tokens_per_s": median(f"{side}_stream", "decode_tokens_per_s"),
            "complete_latency_s": median(f"{side}_complete"),
        }
        for side in ("raw", "toolkit")
    }
    ratios = {
        "first_token_s": figures["toolkit"]["first_token_s"] / figures["raw"]["first_token_s"],
        "decode_tokens_per_s": figures["toolkit"]["decode_tokens_per_s"] / figures["raw"]["decode_tokens_per_s"],
        "complete_latency_s": figures["toolkit"]["complete_latency_s"] / figures["raw"]["complete_latency_s"],
    }
    for side in ("raw_stream", "toolkit_stream"):
        for sample in samples[side]:
            sample.pop("text")
    return {
        "spec": spec,
        "model_file": path.name,
        "runs": runs,
        "max_new_tokens": max_new_tokens,
        "threads": threads,
        "n_ctx": n_ctx,
        "same_text": same_text,
        "figures": figures,
        "ratios_toolkit_over_raw": ratios,
        "samples": samples,
        "machine": {
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "xllamacpp": getattr(xllamacpp, "__version__", "unknown"),
        },
    }


def print_summary(report: dict[str, Any]) -> None:
    raw, toolkit, ratio = report["figures"]["raw"], report["figures"]["toolkit"], report["ratios_toolkit_over_raw"]
    print(f"{report['spec']} ({report['model_file']}), {report['runs']} runs x {report['max_new_tokens']} tokens")
    print(f"{'':22}{'raw':>10}{'toolkit':>10}{'toolkit/raw':>13}")
    print(
        f"{'time to first token':22}{raw['first_token_s'] * 1000:>8.1f}ms{toolkit['first_token_s'] * 1000:>8.1f}ms"
        f"{ratio['first_token_s']:>13.3f}"
    )
    print(
        f"{'decode tokens/s':22}{raw['decode_tokens_per_s']:>10.1f}{toolkit['decode_tokens_per_s']:>10.1f}"
        f"{ratio['decode_tokens_per_s']:>13.3f}"
    )
    print(
        f"{'complete latency':22}{raw['complete_latency_s']:>9.2f}s{toolkit['complete_latency_s']:>9.2f}s"
        f"{ratio['complete_latency_s']:>13.3f}"
    )
    print(f"same greedy text on both sides: {report['same_text']}")


if __name__ == "__main__":
    main()
