"""What `crisp chat` costs on top of llama.cpp: time to first token and decode speed, as ratios.

    python benchmarks/chat_overhead.py [--model default:lite] [--rounds 3] [--max-new-tokens 96]
                                       [--threads N] [--out chat_overhead.json]

Two paths answer the same prompts on the same loaded model, in one run:

- raw: `xllamacpp` itself. The request body that `crisp.llm` would send (Peppy's
  system prompt and the message, greedy decoding) goes straight to the engine's
  `handle_chat_completions` on a worker thread; tokens arrive by callback.
- chat: `Peppy.astream`, the path of `crisp chat`: the safety screen of the message,
  the history fit, the async stream through `crisp.llm`, the reply gate (tag
  stripping, the safety reply check on every released sentence), and the
  transcript update.

Figures per path (medians over prompts x rounds):
- first token: seconds from the call to the first token of the model;
- first text (chat only): seconds to the first text released to the person, i.e.
  once the first sentence is complete and checked (the gate's hold-back, a safety
  choice, not machinery overhead);
- decode: completion tokens per second after the first token, to the end of the
  reply (the chat path's end includes the final check and release);
- safety (chat only): time spent in the safety layer per reply (the message screen and
  every reply check), and its share of the reply time.

Because end-to-end ratios on a busy machine mix in the machine's noise, the run
also replays the raw path's recorded deltas through the chat path with no model
behind it (`ReplayModel`) and reports the path's own cost: milliseconds to the
first token and microseconds per token, as a share of the raw engine's times.

A last part measures a six-turn conversation on the model's own reply format with llama.cpp's prompt
cache on, as `crisp chat` runs: on turns 1, 3 and 6, the prompt tokens found cached and the time to
first token, against the same prompt sent fresh (cache off, emptied first).

Prompt caching is off for both paths (`cache_prompt: false`, and a one-token request
with another prompt before every measured one), so both process the whole prompt. The order of the paths
alternates per prompt and round. Both paths decode greedily from the same prompt,
so they write the same tokens; the script says so when they do not.
Writes the figures as JSON to --out and prints them with the ratios chat / raw.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from crisp.chat.peppy import Peppy
from crisp.cr.taxonomy import Lang
from crisp.dialogue.reply_format import ReplyFormat, grammar_for
from crisp.llm import ChatModel, Completion, GenerationParams, Message, Usage, load_model
from crisp.llm.base import StreamDelta
from crisp.llm.registry import ModelOptions
from crisp.prompts.peppy import peppy_system_prompt

PROMPTS = [
    ("en", "I failed my driving test for the second time and I feel like I can't do anything right."),
    ("en", "My manager did not reply to my email today, so I think she is unhappy with my work."),
    ("en", "Everyone in my class seems to have their life together except me."),
    ("zh", "我又一次没通过驾照考试，感觉自己什么都做不好。"),
    ("zh", "朋友没有回我消息，我觉得她一定是在生我的气。"),
]
FLUSH_MESSAGES = [
    {"role": "system", "content": "Cache flush."},
    {"role": "user", "content": "Say one word."},
]


def raw_run(server: Any, body: dict[str, Any]) -> dict[str, Any]:
    """One streamed request straight to xllamacpp; times measured on the caller's side."""
    state: dict[str, Any] = {"first": None, "parts": [], "usage": None}
    start = time.perf_counter()

    def on_chunk(chunk: dict[str, Any]) -> bool:
        for choice in chunk.get("choices") or ():
            text = (choice.get("delta") or {}).get("content")
            if text:
                if state["first"] is None:
                    state["first"] = time.perf_counter() - start
                state["parts"].append(text)
        if "usage" in chunk:
            state["usage"] = chunk["usage"]
        return False

    done = threading.Event()

    def work() -> None:
        server.handle_chat_completions(body, on_chunk)
        done.set()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    end = time.perf_counter() - start
    tokens = int((state["usage"] or {}).get("completion_tokens", 0))
    return {"first_token_s": state["first"], "end_s": end, "tokens": tokens, "text": "".join(state["parts"]),
            "deltas": state["parts"]}


class SafetyTimer:
    """Wraps a Peppy's safety calls to add up the time they take (screen of the message, reply checks)."""

    def __init__(self, peppy: Peppy) -> None:
        self.seconds = 0.0
        self.checks = 0
        guard = peppy.conversation._safety  # the engine's guard: a benchmark may look inside
        for name in ("assess", "reply_ok"):
            setattr(guard, name, self._timed(getattr(guard, name)))

    def _timed(self, call: Any) -> Any:
        def timed(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return call(*args)
            finally:
                self.seconds += time.perf_counter() - start
                self.checks += 1

        return timed


async def chat_run(peppy: Peppy, text: str, timer: SafetyTimer) -> dict[str, Any]:
    peppy.reset()
    timer.seconds, timer.checks = 0.0, 0
    start = time.perf_counter()
    stream = peppy.astream(text)
    first_text = None
    async for _ in stream:
        if first_text is None:
            first_text = time.perf_counter() - start
    end = time.perf_counter() - start
    reply = stream.reply
    assert reply is not None
    return {
        "first_token_s": reply.first_token_s,
        "first_text_s": first_text,
        "end_s": end,
        "tokens": reply.usage.completion_tokens,
        "text": reply.text,
        "level": reply.safety.level,
        "blocked": reply.safety.reply_blocked,
        "safety_s": timer.seconds,
        "safety_calls": timer.checks,
    }


class ReplayModel(ChatModel):
    """Streams recorded deltas at once: the chat path's own cost, with no model time in it."""

    def __init__(self) -> None:
        super().__init__("replay:recorded", max_concurrency=1)
        self.deltas: list[str] = []

    async def _complete(self, messages: list[Message], params: GenerationParams, json_schema: Any) -> Completion:
        return Completion(text="".join(self.deltas), model=self.spec)

    async def _stream(self, messages: list[Message], params: GenerationParams) -> AsyncIterator[StreamDelta]:
        for delta in self.deltas:
            yield StreamDelta(text=delta)
        yield StreamDelta(usage=Usage(completion_tokens=len(self.deltas)), finish_reason="stop")


async def path_cost(runs: list[tuple[str, str, list[str]]], repeats: int) -> dict[str, float]:
    """Seconds the chat path itself spends: to the first model delta, and per delta after it."""
    replay = ReplayModel()
    peppies = {lang: Peppy(replay, lang=lang) for lang in ("en", "zh")}
    first: list[float] = []
    per_delta: list[float] = []
    for _ in range(repeats):
        for lang, text, deltas in runs:
            if len(deltas) < 2:
                continue
            replay.deltas = deltas
            peppy = peppies[lang]
            peppy.reset()
            start = time.perf_counter()
            stream = peppy.astream(text)
            async for _ in stream:
                pass
            end = time.perf_counter() - start
            reply = stream.reply
            assert reply is not None and reply.first_token_s is not None
            first.append(reply.first_token_s)
            per_delta.append((end - reply.first_token_s) / (len(deltas) - 1))
    return {"first_token_s": statistics.median(first), "per_token_s": statistics.median(per_delta)}


def decode_rate(run: dict[str, Any]) -> float | None:
    if run["first_token_s"] is None or run["tokens"] < 2:
        return None
    return (run["tokens"] - 1) / max(run["end_s"] - run["first_token_s"], 1e-9)


def flush(server: Any) -> None:
    server.handle_chat_completions({"messages": FLUSH_MESSAGES, "max_tokens": 1, "stream": False}, lambda c: False)


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


# A person's side of one conversation; turns 1, 3 and 6 are measured.
CONVERSATION = [
    "My manager criticised my report in front of the whole team and I keep replaying it.",
    "I think everyone in the room now sees me as incompetent.",
    "Well, nobody said anything to me afterwards, which feels like proof.",
    "Maybe some of them were just busy. But my manager looked annoyed.",
    "She did say the analysis part was solid, I suppose.",
    "So maybe one bad section does not make the whole report a failure?",
]
MEASURED_TURNS = (1, 3, 6)


async def conversation_turns(model: ChatModel, server: Any, caching: list[bool], max_new_tokens: int) -> list[dict[str, Any]]:
    """Time to first token and cached prompt tokens on turns 1, 3 and 6 of one conversation, with
    llama.cpp's prompt cache on (what `crisp chat` does), each against the same prompt sent fresh."""
    caching[0] = True
    await asyncio.to_thread(flush, server)
    peppy = Peppy(model, lang="en", max_new_tokens=max_new_tokens, temperature=0.0)
    conversation = peppy.conversation
    out = []
    for number, text in enumerate(CONVERSATION, start=1):
        prompt = [conversation.system_message(Lang.EN), *conversation.history, Message(role="user", content=text)]
        reply = await peppy.areply(text)
        if number not in MEASURED_TURNS:
            continue
        # The same prompt again with nothing cached: what the turn would cost without the prefix.
        caching[0] = False
        await asyncio.to_thread(flush, server)
        grammar = grammar_for(conversation.reply_format, Lang.EN)
        fresh = await model.complete(prompt, conversation.params.model_copy(update={"grammar": grammar}))
        caching[0] = True
        out.append({
            "turn": number,
            "prompt_tokens": reply.usage.prompt_tokens,
            "cached_tokens": reply.usage.cached_tokens,
            "first_token_s": reply.first_token_s,
            "fresh_first_token_s": fresh.first_token_s,
            "ratio_to_fresh": (reply.first_token_s or 0) / fresh.first_token_s if fresh.first_token_s else None,
        })
    caching[0] = False
    return out


async def bench(args: argparse.Namespace) -> dict[str, Any]:
    load_start = time.perf_counter()
    model = load_model(args.model, ModelOptions(n_ctx=args.n_ctx, n_threads=args.threads, max_concurrency=1))
    load_s = time.perf_counter() - load_start
    server = model._server  # the same engine both paths use
    # No prompt reuse on either path (llama.cpp's slot and RAM prompt caches): every request
    # processes its whole prompt, so first-token times compare like with like.
    build_body = model.request_body
    caching = [False]  # off for the path comparison; on for the conversation below
    model.request_body = lambda *a, **k: {**build_body(*a, **k), "cache_prompt": caching[0]}  # type: ignore[method-assign]
    params = GenerationParams(max_new_tokens=args.max_new_tokens, temperature=0.0, seed=0)
    # The release recipe on both paths, so both send the same prompt (the embedded models' own CR format
    # has another prompt and a grammar; the conversation below measures that one).
    peppies = {lang: Peppy(model, lang=lang, max_new_tokens=args.max_new_tokens, temperature=0.0,
                           reply_format=ReplyFormat.RELEASE) for lang in ("en", "zh")}
    timers = {}
    for lang, peppy in peppies.items():
        peppy.params = params  # the same settings as the raw body, seed included
        timers[lang] = SafetyTimer(peppy)
    raw_runs: list[dict[str, Any]] = []
    chat_runs: list[dict[str, Any]] = []
    mismatches = 0
    flush(server)
    await chat_run(peppies["en"], PROMPTS[0][1], timers["en"])  # warm-up, not measured
    for round_index in range(args.rounds):
        for i, (lang, text) in enumerate(PROMPTS):
            messages = [Message(role="system", content=peppy_system_prompt(lang)), Message(role="user", content=text)]
            body = model.request_body(messages, params)
            order = ("raw", "chat") if (round_index + i) % 2 == 0 else ("chat", "raw")
            got: dict[str, dict[str, Any]] = {}
            for path in order:
                await asyncio.to_thread(flush, server)
                if path == "raw":
                    got["raw"] = await asyncio.to_thread(raw_run, server, body)
                else:
                    got["chat"] = await chat_run(peppies[lang], text, timers[lang])
            raw_runs.append(got["raw"])
            chat_runs.append(got["chat"])
            if got["raw"]["tokens"] != got["chat"]["tokens"]:
                mismatches += 1
    turns = await conversation_turns(model, server, caching, args.max_new_tokens)
    await model.aclose()
    recorded = [(lang, text, run["deltas"]) for (lang, text), run in zip(PROMPTS * args.rounds, raw_runs, strict=True)]
    cost = await path_cost(recorded, repeats=20)

    def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "first_token_s": median([r["first_token_s"] for r in runs]),
            "first_text_s": median([r.get("first_text_s") for r in runs]),
            "decode_tokens_per_s": median([decode_rate(r) for r in runs]),
            "completion_tokens": median([r["tokens"] for r in runs]),
            "end_s": median([r["end_s"] for r in runs]),
        }

    raw, chat = summary(raw_runs), summary(chat_runs)
    chat["safety_s_per_reply"] = median([r["safety_s"] for r in chat_runs])
    chat["safety_calls_per_reply"] = median([r["safety_calls"] for r in chat_runs])
    chat["safety_share_of_reply_time"] = median([r["safety_s"] / r["end_s"] for r in chat_runs])
    ratios = {
        "first_token": chat["first_token_s"] / raw["first_token_s"],
        "first_text_vs_raw_first_token": (chat["first_text_s"] or 0) / raw["first_token_s"],
        "decode_speed": chat["decode_tokens_per_s"] / raw["decode_tokens_per_s"],
    }
    # The chat path's own cost (replayed with no model time) against the raw engine's times.
    path = {
        "first_token_s": cost["first_token_s"],
        "per_token_s": cost["per_token_s"],
        "first_token_overhead": cost["first_token_s"] / raw["first_token_s"],
        "decode_overhead": cost["per_token_s"] * raw["decode_tokens_per_s"],
    }
    return {
        "model": args.model,
        "load_s": round(load_s, 3),
        "prompts": len(PROMPTS),
        "rounds": args.rounds,
        "max_new_tokens": args.max_new_tokens,
        "threads": args.threads,
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "python": sys.version.split()[0],
        "raw": raw,
        "chat": chat,
        "ratios_chat_over_raw": ratios,
        "chat_path_cost": path,
        "conversation_turns": turns,
        "token_count_mismatches": mismatches,
        "chat_replies_blocked": sum(1 for r in chat_runs if r["blocked"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="default:lite")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("chat_overhead.json"))
    args = parser.parse_args()
    result = asyncio.run(bench(args))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    raw, chat, ratios = result["raw"], result["chat"], result["ratios_chat_over_raw"]
    print(f"model {result['model']}, {result['prompts']} prompts x {result['rounds']} rounds, "
          f"max {result['max_new_tokens']} new tokens")
    print(f"first token   raw {raw['first_token_s']:.3f} s   chat {chat['first_token_s']:.3f} s   "
          f"ratio {ratios['first_token']:.3f}")
    print(f"first text    chat {chat['first_text_s']:.3f} s (first sentence released)   "
          f"ratio to raw first token {ratios['first_text_vs_raw_first_token']:.3f}")
    print(f"decode        raw {raw['decode_tokens_per_s']:.1f} tok/s   chat {chat['decode_tokens_per_s']:.1f} tok/s   "
          f"ratio {ratios['decode_speed']:.3f}")
    print(f"safety        {chat['safety_s_per_reply'] * 1000:.2f} ms per reply over {chat['safety_calls_per_reply']:.0f} "
          f"calls (screen + reply checks), {chat['safety_share_of_reply_time'] * 100:.3f}% of the reply time")
    for turn in result["conversation_turns"]:
        ratio = turn["ratio_to_fresh"]
        print(f"turn {turn['turn']}        first token {turn['first_token_s']:.3f} s with {turn['cached_tokens']} of "
              f"{turn['prompt_tokens']} prompt tokens cached; fresh {turn['fresh_first_token_s']:.3f} s"
              + (f"   ratio {ratio:.3f}" if ratio is not None else ""))
    path = result["chat_path_cost"]
    print(f"path cost     {path['first_token_s'] * 1000:.2f} ms to the first token "
          f"({path['first_token_overhead'] * 100:.2f}% of raw first token), "
          f"{path['per_token_s'] * 1e6:.1f} us per token ({path['decode_overhead'] * 100:.2f}% of raw decode time)")
    if result["token_count_mismatches"]:
        print(f"note: {result['token_count_mismatches']} prompt(s) decoded to different lengths on the two paths")
    print(f"figures written to {args.out}")


if __name__ == "__main__":
    main()
