"""Test doubles that ship with the library, named as such: they stand in for an LLM that cannot run in
a test (a hosted teacher, a remote server), deterministically, with no network and no weights.

- `ScriptedModelDouble`: a `ChatModel` whose replies come from a script, a function of the messages
  and the requested JSON schema (and, when the script takes a third argument, the request's `seed`,
  as a sampling model's output depends on it). It counts calls and calls in flight.
- `OpenAIServerDouble`: an OpenAI-compatible `/v1/chat/completions` (and `/v1/models`) on 127.0.0.1
  that answers from such a script, with a fixed latency plus a token rate, streaming or not; or
  replays injected replies (429 with Retry-After, 500s, slow or malformed answers) for the HTTP
  backend's fault tests. Every request is recorded.
- `crdial_teacher_script`: a script that plays teacher, client and judge for the CRDial engine. It
  answers by the title of the requested output model, so every structured call of the engine gets a
  well-formed reply. `varied=True` gives sentences that vary with the prompt and the seed, like a
  sampled model's, so the repetition and duplicate filters see what they would see from a real
  teacher; `varied=False` gives one fixed text per part, for exact assertions.

Not for real data: the words are well-formed but mean little. Requests carry dialogue text: nothing
here logs them.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import inspect
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from crisp.llm.base import Capabilities, ChatModel, Completion, GenerationParams, Message, StreamDelta, Usage

# (messages, json schema or None[, request seed or None]) -> reply text (JSON text when a schema is asked for)
Script = Callable[..., str]

_TOKENS = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9]+|[^\sA-Za-z0-9\u3400-\u9fff]")


def estimate_tokens(text: str) -> int:
    """A tokenizer-free token count: one per word, CJK character or punctuation mark."""
    return len(_TOKENS.findall(text))


def schema_title(json_schema: dict[str, Any] | None) -> str:
    """The title of the requested output model (e.g. `CounsellorTurn_defense`), or ''."""
    return str((json_schema or {}).get("title", ""))


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _call(script: Script, messages: list[Message], schema: dict[str, Any] | None, seed: int | None) -> str:
    # A script that takes the seed gets it; most scripts do not care.
    takes_seed = len(inspect.signature(script).parameters) >= 3
    return script(messages, schema, seed) if takes_seed else script(messages, schema)


class ScriptedModelDouble(ChatModel):
    """A ChatModel whose replies come from `script`. Counts calls and calls in flight; optional fixed latency."""

    capabilities = Capabilities(streaming=True, constrained_output=True)

    def __init__(self, script: Script, *, spec: str = "scripted:double", latency_s: float = 0.0,
                 max_concurrency: int = 4096) -> None:
        super().__init__(spec, max_concurrency=max_concurrency)
        self.script = script
        self.latency_s = latency_s
        self.calls: list[list[Message]] = []
        self.in_flight = 0
        self.peak_in_flight = 0

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        self.calls.append(messages)
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            text = _call(self.script, messages, json_schema, params.seed)
        finally:
            self.in_flight -= 1
        usage = Usage(prompt_tokens=sum(estimate_tokens(m.content) for m in messages),
                      completion_tokens=estimate_tokens(text))
        return Completion(text=text, model=self.spec, usage=usage, finish_reason="stop")

    async def _stream(self, messages: list[Message], params: GenerationParams,
                      json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        completion = await self._complete(messages, params, json_schema)
        words = completion.text.split(" ")
        for i, word in enumerate(words):
            yield StreamDelta(text=word if i == 0 else " " + word)
        yield StreamDelta(usage=completion.usage, finish_reason="stop")


# -- an OpenAI-compatible server ------------------------------------------------------------------


@dataclass
class InjectedReply:
    """One answer to replay instead of the script. `body=None` means a well-formed chat completion."""

    status: int = 200
    body: bytes | dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    content_type: str = "application/json"
    usage: bool = True  # include usage in well-formed answers (and in streams)
    stream_body: bytes | None = None  # raw SSE to send instead of the well-formed stream


@dataclass
class SeenRequest:
    at: float
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion_body(text: str = "Hello there.", usage: bool = True) -> dict[str, Any]:
    """A well-formed chat completion with fixed ids and usage (what injected replies answer by default)."""
    body: dict[str, Any] = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }
    if usage:
        body["usage"] = {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14,
                         "prompt_tokens_details": {"cached_tokens": 8}}
    return body


def stream_body(pieces: tuple[str, ...] = ("Hel", "lo", "!"), usage: bool = True,
                usage_counts: tuple[int, int] = (9, 3), model: str = "test-model") -> bytes:
    """A well-formed SSE chat completion stream of `pieces`, with a usage chunk at the end."""
    def chunk(choices: list[dict[str, Any]], **extra: Any) -> bytes:
        data = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": model, "choices": choices}
        return b"data: " + json.dumps({**data, **extra}, ensure_ascii=False).encode() + b"\n\n"

    out = chunk([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    for piece in pieces:
        out += chunk([{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
    out += chunk([{"index": 0, "delta": {}, "finish_reason": "stop"}])
    if usage:
        prompt, completion = usage_counts
        out += chunk([], usage={"prompt_tokens": prompt, "completion_tokens": completion,
                                "total_tokens": prompt + completion})
    return out + b"data: [DONE]\n\n"


class OpenAIServerDouble:
    """An OpenAI-compatible server on 127.0.0.1 (a test double for a remote LLM: vLLM, a hosted API).

    Answers, in order of precedence: an injected reply (`enqueue`), else the script's text (each request
    taking `latency_s + completion_tokens / tokens_per_s`, in parallel without limit), else a fixed
    well-formed completion. `fail(body)` may return an HTTP status to answer instead of the script.
    `requests` records every request; `stats` counts requests, peak parallel requests and tokens.
    Use as a context manager (a background thread) or call `serve_forever()` in a process of its own.
    """

    def __init__(self, script: Script | None = None, *, latency_s: float = 0.0, tokens_per_s: float = 0.0,
                 port: int = 0, model: str = "scripted",
                 fail: Callable[[dict[str, Any]], int | None] | None = None) -> None:
        self.script = script
        self.latency_s = latency_s
        self.tokens_per_s = tokens_per_s
        self.model = model
        self.fail = fail
        self.injected: deque[InjectedReply] = deque()
        self.requests: list[SeenRequest] = []
        self.lock = threading.Lock()
        self.stats = {"requests": 0, "in_flight": 0, "peak_in_flight": 0, "prompt_tokens": 0,
                      "completion_tokens": 0}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def spec(self) -> str:
        return f"{self.url}#{self.model}"

    def enqueue(self, *replies: InjectedReply) -> None:
        with self.lock:
            self.injected.extend(replies)

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="openai-server-double", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def scripted_answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The script's answer to a request body: (status, completion or error)."""
        status = self.fail(body) if self.fail else None
        if status:
            return status, {"error": {"message": "scripted failure", "type": "server_error"}}
        assert self.script is not None
        messages = [Message(role=m["role"], content=m["content"]) for m in body.get("messages", [])]
        schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("schema")
        started = time.monotonic()
        with self.lock:
            self.stats["requests"] += 1
            self.stats["in_flight"] += 1
            self.stats["peak_in_flight"] = max(self.stats["peak_in_flight"], self.stats["in_flight"])
        try:
            text = _call(self.script, messages, schema, body.get("seed"))
            prompt_tokens = sum(estimate_tokens(m.content) for m in messages)
            completion_tokens = estimate_tokens(text)
            delay = self.latency_s + (completion_tokens / self.tokens_per_s if self.tokens_per_s else 0.0)
            remaining = delay - (time.monotonic() - started)
            if remaining > 0:
                time.sleep(remaining)
        finally:
            with self.lock:
                self.stats["in_flight"] -= 1
        with self.lock:
            self.stats["prompt_tokens"] += prompt_tokens
            self.stats["completion_tokens"] += completion_tokens
        return 200, {
            "id": f"chatcmpl-{self.stats['requests']}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self.model),
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
            disable_nagle_algorithm = True  # headers and body leave at once, no delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:
                pass  # requests carry dialogue text: never log them

            def _send(self, status: int, payload: bytes, content_type: str = "application/json",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                self._send(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw) if raw else {}
                except json.JSONDecodeError:
                    self._json(400, {"error": {"message": "body is not JSON"}})
                    return
                with server.lock:
                    server.requests.append(
                        SeenRequest(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    injected = server.injected.popleft() if server.injected else None
                # The client may have given up (a timeout test): nothing to do then.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if injected is not None or server.script is None:
                        self._injected(injected or InjectedReply(), stream=bool(body.get("stream")))
                    elif not self.path.rstrip("/").endswith("/chat/completions"):
                        self._json(404, {"error": {"message": "not found"}})
                    else:
                        self._scripted(body)

            def _injected(self, reply: InjectedReply, *, stream: bool) -> None:
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                if reply.status == 200 and reply.body is None and stream:
                    payload = reply.stream_body if reply.stream_body is not None else stream_body(usage=reply.usage)
                    content_type = "text/event-stream"
                else:
                    body = reply.body if reply.body is not None else completion_body(usage=reply.usage)
                    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
                    content_type = reply.content_type
                self._send(reply.status, payload, content_type, reply.headers)

            def _scripted(self, body: dict[str, Any]) -> None:
                try:
                    status, payload = server.scripted_answer(body)
                except Exception as error:  # noqa: BLE001 - a script bug: answer 500 so the client's retries apply
                    status, payload = 500, {"error": {"message": f"{type(error).__name__}: {error}"}}
                if status != 200 or not body.get("stream"):
                    self._json(status, payload)
                    return
                text = payload["choices"][0]["message"]["content"]
                words = text.split(" ")
                usage = payload["usage"]
                self._send(200, stream_body(tuple(w if i == 0 else " " + w for i, w in enumerate(words)),
                                            usage_counts=(usage["prompt_tokens"], usage["completion_tokens"]),
                                            model=payload["model"]), "text/event-stream")

        return Handler


# -- the CRDial teacher script --------------------------------------------------------------------

_FIXED = {
    "en": {
        "client": "I still think my work is never good enough, but I am listening.",
        "sentence": "That sounds really heavy to carry.",
        "question": "What happened right before that thought came up?",
        "at": "My work will never be good enough.",
        "ib": "If I make mistakes, then I am a failure.",
        "example": "Every comment proves I am hopeless.",
        "verdict": "Comments show me where to improve; they do not define me.",
    },
    "zh": {
        "client": "我还是觉得自己做得不够好，不过我在听。",
        "sentence": "听起来这让你压力很大。",
        "question": "那个想法冒出来之前发生了什么？",
        "at": "我的工作永远不够好。",
        "ib": "如果我犯错，就说明我很失败。",
        "example": "每条意见都证明我没希望了。",
        "verdict": "意见告诉我哪里能改进，并不能定义我。",
    },
}
_EN = {
    "feel": ["tired", "worried", "stuck", "drained", "anxious", "restless", "ashamed", "frustrated", "uneasy", "lonely", "tense", "sad"],
    "topic": ["deadline", "report", "exam", "thesis", "meeting", "budget", "rent", "interview", "message", "review", "project", "schedule", "grade", "shift", "family", "dinner", "phone", "call", "contract", "application", "move", "promotion", "course", "portfolio"],
    "detail": ["late in the evening", "last week", "this morning", "on the train", "after lunch", "at the office",
               "in the group chat", "before the weekend", "during the call", "at home"],
    "who": ["my manager", "my mother", "my friend", "my partner", "my advisor", "my colleague", "my brother",
            "my neighbour"],
}
_ZH = {
    "feel": ["疲惫", "担心", "卡住", "焦虑", "不安", "羞愧", "沮丧", "孤单", "紧张", "难过", "委屈", "烦躁"],
    "topic": ["截止日期", "报告", "考试", "论文", "会议", "预算", "房租", "面试", "消息", "评审", "项目", "日程", "成绩", "排班", "家宴", "电话", "合同", "申请", "搬家", "晋升"],
    "detail": ["昨天晚上", "上周", "今天早上", "在地铁上", "午饭后", "在办公室", "在群聊里", "周末前", "通话时", "在家里"],
    "who": ["我的领导", "我妈妈", "我的朋友", "我的伴侣", "我的导师", "我的同事", "我哥哥", "我的邻居"],
}
_SENTENCES = {
    "en": {
        "reflection_of_feelings": ["It sounds like you feel {feel} about the {topic}.",
                                   "Feeling {feel} {detail} about the {topic} makes sense.",
                                   "I can hear how {feel} the {topic} {detail} left you."],
        "restatement": ["So the {topic} {detail} with {who} keeps coming back.",
                        "You are saying the {topic} felt {feel} {detail}."],
        "question": ["What went through your mind {detail} about the {topic}?",
                     "How did {who} react when the {topic} came up?",
                     "What tells you the {topic} will go that way for {who}?",
                     "When you picture the {topic} {detail}, what do you expect?"],
        "affirmation_and_reassurance": ["You handled the {topic} {detail} with real care.",
                                        "Noticing this {detail} about the {topic} takes courage."],
        "information": ["Many people feel {feel} when a {topic} is close, {detail} too."],
    },
    "zh": {
        "reflection_of_feelings": ["听起来{detail}的{topic}让你觉得很{feel}。", "{detail}感到{feel}是很自然的。",
                                   "我能感受到{topic}带给你的{feel}。"],
        "restatement": ["所以{detail}的{topic}和{who}一直在你心里打转。", "你是说{detail}的{topic}让你很{feel}。"],
        "question": ["{detail}想到{topic}时，你脑海里闪过了什么？", "{who}在{topic}这件事上是什么反应？",
                     "是什么让你认定{topic}在{who}那里会那样发展？", "{detail}想到{topic}的时候，你预计会发生什么？"],
        "affirmation_and_reassurance": ["你{detail}处理{topic}时其实很用心。", "能在{detail}留意到{topic}带来的想法很不容易。"],
        "information": ["很多人在{topic}临近时都会感到{feel}，{detail}也一样。"],
    },
}
_CLIENT = {
    "en": ["I keep thinking about the {topic} {detail} and I feel {feel}.",
           "Maybe, but {who} still looked annoyed about the {topic}.",
           "I guess the {topic} {detail} was not a total disaster.",
           "Honestly I feel {feel}; the {topic} {detail} proved it to me.",
           "That is fair, though the {topic} still makes me {feel}."],
    "zh": ["我一直在想{detail}的{topic}，觉得很{feel}。", "也许吧，可是{who}对{topic}明显不满意。",
           "{detail}的{topic}大概也没那么糟。", "说实话我很{feel}，{detail}的{topic}就是证据。",
           "有道理，不过{topic}还是让我{feel}。"],
}
_FINDINGS = {
    "en": {"at": "The {topic} shows I will never be good enough.",
           "ib": "If the {topic} goes wrong, then I am a failure.",
           "ex": "Everyone will see the {topic} and think I am hopeless.",
           "verdict": "One hard {topic} does not decide my worth; I can take the next step."},
    "zh": {"at": "{topic}说明我永远不够好。", "ib": "如果{topic}出了问题，就说明我很失败。",
           "ex": "大家看到{topic}都会觉得我没救了。", "verdict": "一次不顺利的{topic}决定不了我的价值，我可以迈出下一步。"},
}
_LATIN = re.compile(r"[A-Za-z]")


def _lang(messages: list[Message]) -> str:
    text = " ".join(m.content for m in messages)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return "zh" if cjk * 3 >= len(_LATIN.findall(text)) else "en"


class _Writer:
    """The text of one reply: fixed, or varied by a generator seeded from the request."""

    def __init__(self, lang: str, varied: bool, digest: bytes) -> None:
        self.lang = lang
        self.varied = varied
        self.rng = random.Random(digest)

    def fill(self, template: str) -> str:
        words = _ZH if self.lang == "zh" else _EN
        return template.format(**{k: self.rng.choice(v) for k, v in words.items()})

    def client(self) -> str:
        return self.fill(self.rng.choice(_CLIENT[self.lang])) if self.varied else _FIXED[self.lang]["client"]

    def sentences(self) -> list[dict[str, str]]:
        if not self.varied:
            t = _FIXED[self.lang]
            return [{"text": t["sentence"], "strategy": "reflection_of_feelings"},
                    {"text": t["question"], "strategy": "question"}]
        kinds = ["reflection_of_feelings", "restatement", "affirmation_and_reassurance", "information"]
        chosen = self.rng.sample(kinds, 1) + ["question"]
        return [{"text": self.fill(self.rng.choice(_SENTENCES[self.lang][k])), "strategy": k} for k in chosen]

    def findings(self) -> dict[str, str]:
        if not self.varied:
            t = _FIXED[self.lang]
            return {"at": t["at"], "ib": t["ib"], "ex": t["example"], "verdict": t["verdict"]}
        return {k: self.fill(v) for k, v in _FINDINGS[self.lang].items()}


def _turns_in_step(prompt: str) -> int:
    for line in prompt.splitlines():
        if line.startswith(("Turns you have spoken in this step:", "你在这一步已经说了")):
            return int("".join(ch for ch in line if ch.isdigit()) or 0)
    return 0


def crdial_teacher_script(goal_after: int = 1, exchanges: int = 2,
                          decisions: tuple[str, ...] = ("next_channel", "close"), *, varied: bool = True) -> Script:
    """A deterministic teacher, client and judge for the CRDial engine (see the module docstring).

    The counsellor reports a step's goal met after `goal_after` turns; segments have `exchanges`
    exchanges (fewer where the schema allows fewer); verdicts take `decisions` in turn, by how many
    verdicts the thought record in the prompt already holds (the engine replaces an illegal one).
    """

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None = None) -> str:
        title = schema_title(schema)
        digest = hashlib.sha256(f"{seed}|{title}|{messages[-1].content}|{len(messages)}".encode()).digest()
        w = _Writer(_lang(messages), varied, digest)
        found = w.findings()
        distortions = [{"distortion": "catastrophizing", "example_thought": found["ex"]},
                       {"distortion": "mind_reading", "example_thought": found["ex"]}]
        if title == "ProfileDraft":
            name, age = (w.rng.choice(["Sam", "Alex", "Lin", "Mei"]), w.rng.randint(19, 60)) if varied else ("Sam", 27)
            return as_json({"name": name, "age": age, "gender": w.rng.choice(["female", "male"]) if varied else "female",
                            "occupation": w.rng.choice(["student", "nurse"]) if varied else "PhD student",
                            "description": "a careful person", "automatic_thought": found["at"],
                            "intermediate_belief": found["ib"], "distortions": distortions})
        if title == "ClientTurnOutput":
            return as_json({"text": w.client(), "end_conversation": False})
        if title.startswith("CounsellorTurn_"):
            step = title.removeprefix("CounsellorTurn_")
            out: dict[str, Any] = {} if step == "closing" else {"goal_met": _turns_in_step(messages[-1].content) >= goal_after}
            out.update(_step_findings(step, found, distortions, messages, decisions))
            out.update(_said(w.sentences(), "sentences", "question" in (schema or {}).get("properties", {})))
            return as_json(out)
        if title.startswith("Segment_"):
            step = title.removeprefix("Segment_")
            asks = "AskingExchange" in (schema or {}).get("$defs", {})
            most = (schema or {}).get("properties", {}).get("exchanges", {}).get("maxItems", exchanges)
            out = {"exchanges": [{"client_says": w.client(), **_said(w.sentences(), "counsellor", asks)}
                                 for _ in range(min(exchanges, most))]}
            out.update(_step_findings(step, found, distortions, messages, decisions))
            return as_json(out)
        if title == "TeacherHintsDraft":
            return as_json({r: [w.client()] for r in ("xIntent", "xNeed", "xReact", "xWant", "xEffect", "xAttr")})
        if title == "JudgeScores":
            return as_json({name: 4 for name in (schema or {}).get("properties", {})})
        if not title:  # plain text asked for
            return w.client()
        raise ValueError(f"the CRDial teacher double does not know the output {title!r}")

    return script


def _said(sentences: list[dict[str, str]], key: str, asks: bool) -> dict[str, Any]:
    """The counsellor's sentences under `key`; where the schema asks, the closing question apart (`question`)."""
    return {key: sentences[:-1], "question": sentences[-1]} if asks else {key: sentences}


def _step_findings(step: str, found: dict[str, str], distortions: list[dict[str, str]], messages: list[Message],
                   decisions: tuple[str, ...]) -> dict[str, Any]:
    if step == "automatic_thought":
        return {"automatic_thought": found["at"]}
    if step == "intermediate_belief":
        return {"intermediate_belief": found["ib"]}
    if step == "core_belief":
        return {"distortions": distortions}
    if step == "verdict":
        done = messages[-1].content.count(" -> \"")  # verdicts already in the thought record
        return {"restructured_thought": found["verdict"], "next": decisions[min(done, len(decisions) - 1)]}
    return {}


def crdial_teacher_double(goal_after: int = 1, decisions: tuple[str, ...] = ("next_channel", "close"), *,
                          varied: bool = False, **kwargs: Any) -> ScriptedModelDouble:
    """A `ScriptedModelDouble` playing the CRDial teacher (fixed text unless `varied`)."""
    return ScriptedModelDouble(crdial_teacher_script(goal_after, decisions=decisions, varied=varied), **kwargs)


__all__ = [
    "InjectedReply",
    "OpenAIServerDouble",
    "ScriptedModelDouble",
    "SeenRequest",
    "as_json",
    "completion_body",
    "crdial_teacher_double",
    "crdial_teacher_script",
    "estimate_tokens",
    "schema_title",
    "stream_body",
]
