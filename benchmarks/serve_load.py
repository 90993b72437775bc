"""`crisp serve` under load on loopback, against calling the model directly, in one run.

    python benchmarks/serve_load.py [--sessions 200] [--messages 5] [--web-sessions 10]
                                    [--latency-ms 0] [--out benchmarks/results/serve_load.json]

Behind the server: a fast scripted model (`crisp.llm.testing.ScriptedModelDouble`, a stand-in
for an endpoint model, `--latency-ms` per call), so what is measured is the server itself. The
server runs in its own process (uvicorn, one worker, SQLite in WAL mode); this process is the
load: httpx clients over loopback, one coroutine per session.

Figures:
- direct: the same model called in this process (`model.stream`, the same messages), per message;
- idle overhead: one session, messages one after another, through the server's streaming API
  minus direct, per message (p50, p99): the server's own cost with nothing else going on; beside
  it the floor, an empty request (GET /v1/models) over the same connection;
- screen: Peppy's screen on the person's message (the rules; the learned stage runs only on
  messages the rules put at `low`, and none of these is) plus the reply check on the reply, per
  message (in this process; it is part of the idle overhead);
- learned stage: its own time per message on fresh `low` messages, reported apart, with the share
  of this run's messages that reached it;
- load: `--sessions` concurrent sessions through the streaming API (each sends `--messages`
  messages, with its whole history, as OpenAI clients do) plus `--web-sessions` signed-in web
  sessions whose history is stored: p50 and p99 per message, messages per second, and messages
  lost or duplicated (a reply that is not exactly the model's text, a failed request, or a stored
  conversation that does not hold each exchange exactly once). Lost and duplicated must be 0.

- server CPU: the server process's CPU time per message, idle and under load: on a shared machine
  the honest measure of its cost, as other processes inflate wall times but not CPU time.

Writes JSON to --out and prints the figures with the ratios server / direct. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPLY = "That sounds like a lot to carry. What went through your mind when it happened?"
TARGET_P50_MS, TARGET_P99_MS = 5.0, 25.0
# The client keeps idle connections for less time than the server (75 s), as a balancer would.
KEEP_ALIVE_CLIENT_S = 60.0
MESSAGES = [
    "I failed my driving test again and I feel useless.",
    "My manager did not answer my email, she must be unhappy with my work.",
    "Everyone at the party seemed to have more friends than me.",
    "I keep thinking I will fail the exam next week.",
    "My sister never calls me back.",
]


def scripted_model(latency_ms: float) -> Any:
    from crisp.llm.testing import ScriptedModelDouble

    return ScriptedModelDouble(lambda _m, _s: REPLY, spec="scripted:load-double", latency_s=latency_ms / 1000)


def child(port: int, db_url: str, latency_ms: float) -> None:
    import uvicorn

    from crisp.serve.app import create_app
    from crisp.serve.config import ServeConfig

    config = ServeConfig(model="scripted:load-double", db_url=db_url, port=port, rate_per_minute_ip=10**7,
                         rate_per_minute_account=10**7, max_history_messages=1000)
    app = create_app(config, model=scripted_model(latency_ms))
    run = lambda: uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, backlog=4096)
    if profile := os.environ.get("SERVE_LOAD_PROFILE"):  # where the server's time goes, for whoever tunes it
        import cProfile

        cProfile.runctx("run()", globals(), {"run": run}, profile)
    else:
        run()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def direct_message(model: Any, history: list[dict[str, str]]) -> tuple[float, str]:
    from crisp.llm.base import Message

    messages = [Message(role=m["role"], content=m["content"]) for m in history]  # type: ignore[arg-type]
    started = time.perf_counter()
    text = await model.stream(messages).text()
    return time.perf_counter() - started, text


async def api_message(client: Any, history: list[dict[str, str]]) -> tuple[float, str, int]:
    """One streamed completion: seconds, the text, and how many `crisp` fields came back."""
    started = time.perf_counter()
    text, finals = "", 0
    async with client.stream("POST", "/v1/chat/completions",
                             json={"model": "peppy", "messages": history, "stream": True}) as response:
        if response.status_code != 200:
            return time.perf_counter() - started, f"HTTP {response.status_code}", 0
        async for line in response.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            chunk = json.loads(line[6:])
            if "error" in chunk:
                return time.perf_counter() - started, "error", 0
            text += chunk["choices"][0]["delta"].get("content") or ""
            finals += "crisp" in chunk
    return time.perf_counter() - started, text, finals


async def api_session(base: str, index: int, count: int, out: dict[str, Any]) -> None:
    """One person's client: its own connection, kept between its messages."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await _api_messages(client, index, count, out)


async def _api_messages(client: Any, index: int, count: int, out: dict[str, Any]) -> None:
    history: list[dict[str, str]] = []
    for n in range(count):
        history.append({"role": "user", "content": f"{MESSAGES[(index + n) % len(MESSAGES)]} ({index}.{n})"})
        try:
            seconds, text, finals = await api_message(client, history)
        except Exception as error:  # noqa: BLE001 - a failed request is a lost message
            out["lost"] += 1
            cause = error.__cause__ or error.__context__
            out["failures"].append(f"session {index} message {n} at {time.perf_counter() - out['t0']:.1f} s: "
                                   f"{type(error).__name__}: {error} ({cause!r})"[:200])
            continue
        if text != REPLY or finals != 1:
            out["lost" if text != REPLY else "duplicated"] += 1
            out["failures"].append(f"reply {text[:80]!r}, {finals} crisp fields")
        out["latencies"].append(seconds)
        history.append({"role": "assistant", "content": text})


async def web_session(base: str, index: int, count: int, out: dict[str, Any]) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await client.get("/")
        client.headers["x-csrf-token"] = client.cookies["crisp_csrf"]
        signup = await client.post("/web/register", json={"username": f"load{index}", "password": "load-test-password"})
        signup.raise_for_status()
        await client.post("/web/history", json={"keep": True})
        conversation = None
        for n in range(count):
            body = {"text": f"{MESSAGES[n % len(MESSAGES)]} (web {index}.{n})", "turn_id": uuid.uuid4().hex,
                    "conversation_id": conversation}
            started = time.perf_counter()
            async with client.stream("POST", "/web/chat", json=body) as response:
                async for line in response.aiter_lines():
                    if line.startswith("data: ") and conversation is None and '"id"' in line:
                        conversation = json.loads(line[6:])["id"]
            out["latencies"].append(time.perf_counter() - started)
        stored = (await client.get(f"/web/conversations/{conversation}")).json()["messages"]
        expected = [m for n in range(count) for m in (f"{MESSAGES[n % len(MESSAGES)]} (web {index}.{n})", REPLY)]
        got = [m["content"] for m in stored]
        missing = sum(1 for m in expected[0::2] if m not in got)
        if missing:
            out["failures"].append(f"web session {index}: {missing} exchanges not stored")
        out["lost"] += missing
        out["duplicated"] += sum(got.count(m) - 1 for m in expected[0::2] if got.count(m) > 1)


def screen_times_us(rounds: int = 300) -> list[float]:
    """Per message, what Peppy's safety calls cost on this path: the screen of the message and the
    reply check on each released sentence (the reply has two)."""
    from crisp.safety import SessionRiskTracker, check_reply

    first_sentence = REPLY.split("? ")[0].split(". ")[0] + "."
    times = []
    for n in range(rounds):
        tracker = SessionRiskTracker(learned=True)  # as `crisp.dialogue.safety_guard` builds it
        started = time.perf_counter()
        # A message of its own each round, as in a session: the screen caches what it has read.
        tracker.assess(f"{MESSAGES[n % len(MESSAGES)]} ({n})", "en")
        check_reply(first_sentence, "en")
        check_reply(REPLY, "en")
        times.append((time.perf_counter() - started) * 1e6)
    return times


LOW_MESSAGE = "sometimes i think about dying and it scares me"  # the rules put it at `low`


def learned_stage_figures(rounds: int = 50) -> dict[str, Any] | None:
    """The learned stage's own time on fresh `low` messages (it caches per text), and the share of
    this benchmark's messages that reach it; None when the stage does not load here."""
    from crisp.safety import assess
    from crisp.safety.learned import load_learned_stage, needs_learned_stage

    stage = load_learned_stage()
    if stage is None:
        return None
    assert needs_learned_stage(assess(LOW_MESSAGE))
    times = []
    for n in range(rounds):
        started = time.perf_counter()
        stage.probability(f"{LOW_MESSAGE} ({n})")
        times.append((time.perf_counter() - started) * 1e3)
    reaching = sum(needs_learned_stage(assess(m)) for m in MESSAGES) / len(MESSAGES)
    return {"ms_per_low_message": {"p50": percentile(times, 0.5), "p99": percentile(times, 0.99)},
            "share_of_these_messages_reaching_it": reaching}


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used: unlike wall time, other load on the machine
    does not inflate it."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(args: argparse.Namespace, base: str, server_pid: int) -> dict[str, Any]:
    import httpx

    model = scripted_model(args.latency_ms)
    limits = httpx.Limits(max_connections=args.sessions + 10, max_keepalive_connections=args.sessions + 10,
                          keepalive_expiry=KEEP_ALIVE_CLIENT_S)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        for n in range(5):  # warm both paths (connections, first-call caches)
            await api_message(client, [{"role": "user", "content": MESSAGES[n]}])
            await direct_message(model, [{"role": "user", "content": MESSAGES[n]}])
        # Idle: one session, one message at a time, server and direct alternating.
        idle_server, idle_direct, idle_floor = [], [], []
        idle_cpu = cpu_seconds(server_pid)
        for n in range(args.idle_messages):
            history = [{"role": "user", "content": MESSAGES[n % len(MESSAGES)]}]
            idle_server.append((await api_message(client, history))[0])
            idle_direct.append((await direct_message(model, history))[0])
        idle_cpu = cpu_seconds(server_pid) - idle_cpu
        # The floor: a request that does nothing (GET /v1/models) over the same connection.
        floor_cpu = cpu_seconds(server_pid)
        for _ in range(args.idle_messages):
            started = time.perf_counter()
            (await client.get("/v1/models")).raise_for_status()
            idle_floor.append(time.perf_counter() - started)
        floor_cpu = cpu_seconds(server_pid) - floor_cpu
        # Load: direct first (the baseline), then through the server.
        direct_latencies: list[float] = []

        async def direct_session(index: int) -> None:
            history: list[dict[str, str]] = []
            for n in range(args.messages):
                history.append({"role": "user", "content": f"{MESSAGES[(index + n) % len(MESSAGES)]} ({index}.{n})"})
                seconds, text = await direct_message(model, history)
                direct_latencies.append(seconds)
                history.append({"role": "assistant", "content": text})

        started = time.perf_counter()
        await asyncio.gather(*(direct_session(i) for i in range(args.sessions)))
        direct_wall = time.perf_counter() - started
        out: dict[str, Any] = {"latencies": [], "lost": 0, "duplicated": 0, "failures": []}
        web: dict[str, Any] = {"latencies": [], "lost": 0, "duplicated": 0, "failures": []}
        load_cpu = cpu_seconds(server_pid)
        started = out["t0"] = time.perf_counter()
        await asyncio.gather(*(api_session(base, i, args.messages, out) for i in range(args.sessions)),
                             *(web_session(base, i, args.messages, web) for i in range(args.web_sessions)))
        wall = time.perf_counter() - started
        load_cpu = cpu_seconds(server_pid) - load_cpu
    sent = (args.sessions + args.web_sessions) * args.messages
    overhead = [s - d for s, d in zip(idle_server, idle_direct)]
    screen = screen_times_us()
    everything = out["latencies"] + web["latencies"]
    return {
        "sessions": args.sessions, "web_sessions": args.web_sessions, "messages_per_session": args.messages,
        "model_latency_ms": args.latency_ms,
        "direct_ms": {"p50": percentile(direct_latencies, 0.5) * 1e3, "p99": percentile(direct_latencies, 0.99) * 1e3},
        "idle_server_ms": {"p50": percentile(idle_server, 0.5) * 1e3, "p99": percentile(idle_server, 0.99) * 1e3},
        "idle_direct_ms": {"p50": percentile(idle_direct, 0.5) * 1e3, "p99": percentile(idle_direct, 0.99) * 1e3},
        "idle_http_floor_ms": {"p50": percentile(idle_floor, 0.5) * 1e3, "p99": percentile(idle_floor, 0.99) * 1e3},
        "idle_overhead_ms": {"p50": percentile(overhead, 0.5) * 1e3, "p99": percentile(overhead, 0.99) * 1e3},
        "server_cpu_ms_per_message": {"idle": idle_cpu / args.idle_messages * 1e3,
                                      "empty_request": floor_cpu / args.idle_messages * 1e3,
                                      "load_incl_web_accounts": load_cpu / sent * 1e3},
        "screen_us_per_message": {"p50": percentile(screen, 0.5), "p99": percentile(screen, 0.99)},
        "idle_overhead_without_screen_ms": {"p50": percentile(overhead, 0.5) * 1e3 - percentile(screen, 0.5) / 1e3},
        "learned_safety_stage": learned_stage_figures(),
        "load_server_ms": {"p50": percentile(everything, 0.5) * 1e3, "p99": percentile(everything, 0.99) * 1e3},
        "load_web_ms": {"p50": percentile(web["latencies"], 0.5) * 1e3 if web["latencies"] else None,
                        "p99": percentile(web["latencies"], 0.99) * 1e3 if web["latencies"] else None},
        "throughput_msgs_per_s": {"server": sent / wall, "direct": args.sessions * args.messages / direct_wall},
        "messages_sent": sent,
        "lost": out["lost"] + web["lost"],
        "duplicated": out["duplicated"] + web["duplicated"],
        "failures": out["failures"] + web["failures"],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--web-sessions", type=int, default=10)
    parser.add_argument("--idle-messages", type=int, default=100)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/serve_load.json"))
    parser.add_argument("--child", nargs=3, metavar=("PORT", "DB", "LATENCY_MS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[0]), args.child[1], float(args.child[2]))
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="crisp-serve-load-"))
    server = subprocess.Popen([sys.executable, __file__, "--child", str(port), f"sqlite:///{folder / 'serve.db'}",
                               str(args.latency_ms)])
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/v1/models", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.1)
        figures = asyncio.run(run(args, base, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    idle, load, direct = figures["idle_overhead_ms"], figures["load_server_ms"], figures["direct_ms"]
    print(f"direct model call      p50 {direct['p50']:.2f} ms  p99 {direct['p99']:.2f} ms")
    print(f"idle server overhead   p50 {idle['p50']:.2f} ms  p99 {idle['p99']:.2f} ms  "
          f"(target {TARGET_P50_MS:.0f} / {TARGET_P99_MS:.0f} ms: {'met' if idle['p50'] <= TARGET_P50_MS and idle['p99'] <= TARGET_P99_MS else 'NOT met'})")
    floor = figures["idle_http_floor_ms"]
    print(f"  an empty request (GET /v1/models) on this machine: p50 {floor['p50']:.2f} ms, p99 {floor['p99']:.2f} ms")
    screen = figures["screen_us_per_message"]
    print(f"  of which the screen + reply checks p50 {screen['p50'] / 1e3:.2f} ms, p99 {screen['p99'] / 1e3:.2f} ms; "
          f"the rest p50 {figures['idle_overhead_without_screen_ms']['p50']:.2f} ms")
    learned = figures["learned_safety_stage"]
    if learned is None:
        print("learned safety stage: did not load here (the screen is the rules alone)")
    else:
        times = learned["ms_per_low_message"]
        print(f"learned safety stage, on a message the rules put at low: p50 {times['p50']:.1f} ms, p99 {times['p99']:.1f} ms; "
              f"share of this run's messages reaching it {learned['share_of_these_messages_reaching_it']:.0%}")
    print(f"under load ({figures['sessions']} API + {figures['web_sessions']} web sessions x {figures['messages_per_session']}): "
          f"p50 {load['p50']:.1f} ms  p99 {load['p99']:.1f} ms  "
          f"(x{load['p50'] / max(direct['p50'], 1e-6):.0f} / x{load['p99'] / max(direct['p99'], 1e-6):.0f} direct)")
    cpu = figures["server_cpu_ms_per_message"]
    print(f"server CPU per message idle {cpu['idle']:.2f} ms (an empty request {cpu['empty_request']:.2f} ms), "
          f"under load {cpu['load_incl_web_accounts']:.2f} ms (with the web accounts' password hashing)")
    tp = figures["throughput_msgs_per_s"]
    print(f"throughput             server {tp['server']:.0f} msg/s, direct {tp['direct']:.0f} msg/s "
          f"(ratio {tp['server'] / tp['direct']:.3f})")
    print(f"messages sent {figures['messages_sent']}, lost {figures['lost']}, duplicated {figures['duplicated']}")
    for failure in figures["failures"][:10]:
        print(f"  {failure}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
