"""Test doubles for synthesis, named as such: a scripted teacher with varied text, and a local
OpenAI-compatible HTTP server that answers with it.

`synth_teacher_script()` answers every structured call of a synthesis run (profile, client turns,
counsellor turns and segments of every sub-step, teacher hints, judge scores) with well-formed
replies in the language of the prompt. Unlike a fixed script its sentences vary with the prompt and
the request's `seed`, like a sampled model's, so the repetition and duplicate filters see what they
would see from a real teacher. `ScriptedOpenAIServer` serves such a script on 127.0.0.1 with a fixed
latency per request plus a token rate and unlimited parallelism: a stand-in for a remote LLM (vLLM,
a hosted API) that cannot run in a test.

Not for real data: the words are well-formed but mean little.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from crisp.llm.base import Completion, GenerationParams, Message, Usage
from crisp.llm.testing import ScriptedModelDouble, as_json, schema_title

# (messages, json schema or None, request seed or None) -> reply text
SeededScript = Callable[[list[Message], "dict[str, Any] | None", "int | None"], str]

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


def _fill(rng: random.Random, lang: str, template: str) -> str:
    words = _ZH if lang == "zh" else _EN
    return template.format(**{k: rng.choice(v) for k, v in words.items()})


def _sentences(rng: random.Random, lang: str, n: int = 2) -> list[dict[str, str]]:
    kinds = ["reflection_of_feelings", "restatement", "affirmation_and_reassurance", "information"]
    chosen = rng.sample(kinds, n - 1) + ["question"]
    return [{"text": _fill(rng, lang, rng.choice(_SENTENCES[lang][k])), "strategy": k} for k in chosen]


def _turns_in_step(prompt: str) -> int:
    for line in prompt.splitlines():
        if line.startswith(("Turns you have spoken in this step:", "你在这一步已经说了")):
            return int("".join(ch for ch in line if ch.isdigit()) or 0)
    return 0


def synth_teacher_script(goal_after: int = 1, exchanges: int = 2,
                         decisions: tuple[str, ...] = ("next_channel", "close")) -> SeededScript:
    """A deterministic teacher for synthesis runs (see the module docstring).

    The counsellor reports a step's goal met after `goal_after` turns; segments have `exchanges`
    exchanges; verdicts pick `decisions` in turn (the engine replaces an illegal one).
    """

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None = None) -> str:
        lang = _lang(messages)
        title = schema_title(schema)
        digest = hashlib.sha256(f"{seed}|{title}|{messages[-1].content}|{len(messages)}".encode()).digest()
        rng = random.Random(digest)
        found = {k: _fill(rng, lang, v) for k, v in _FINDINGS[lang].items()}
        if title == "ProfileDraft":
            return as_json({"name": rng.choice(["Sam", "Alex", "Lin", "Mei"]), "age": rng.randint(19, 60),
                            "gender": rng.choice(["female", "male"]), "occupation": rng.choice(["student", "nurse"]),
                            "description": "a careful person", "automatic_thought": found["at"],
                            "intermediate_belief": found["ib"],
                            "distortions": [{"distortion": "catastrophizing", "example_thought": found["ex"]},
                                            {"distortion": "mind_reading", "example_thought": found["ex"]}]})
        if title == "ClientTurnOutput":
            return as_json({"text": _fill(rng, lang, rng.choice(_CLIENT[lang])), "end_conversation": False})
        if title.startswith("CounsellorTurn_"):
            step = title.removeprefix("CounsellorTurn_")
            out: dict[str, Any] = {} if step == "closing" else {"goal_met": _turns_in_step(messages[-1].content) >= goal_after}
            out.update(_step_findings(step, found, messages, decisions))
            out["sentences"] = _sentences(rng, lang)
            return as_json(out)
        if title.startswith("Segment_"):
            step = title.removeprefix("Segment_")
            out = {"exchanges": [{"client": _fill(rng, lang, rng.choice(_CLIENT[lang])),
                                  "counsellor": _sentences(rng, lang)} for _ in range(exchanges)]}
            out.update(_step_findings(step, found, messages, decisions))
            return as_json(out)
        if title == "TeacherHintsDraft":
            return as_json({r: [_fill(rng, lang, rng.choice(_CLIENT[lang]))] for r in
                            ("xIntent", "xNeed", "xReact", "xWant", "xEffect", "xAttr")})
        if title == "JudgeScores":
            properties = (schema or {}).get("properties", {})
            return as_json({name: 4 for name in properties})
        if not title:  # plain text asked for
            return _fill(rng, lang, rng.choice(_CLIENT[lang]))
        raise ValueError(f"the synthesis teacher double does not know the output {title!r}")

    return script


def _step_findings(step: str, found: dict[str, str], messages: list[Message],
                   decisions: tuple[str, ...]) -> dict[str, Any]:
    if step == "automatic_thought":
        return {"automatic_thought": found["at"]}
    if step == "intermediate_belief":
        return {"intermediate_belief": found["ib"]}
    if step == "core_belief":
        return {"distortions": [{"distortion": "catastrophizing", "example_thought": found["ex"]},
                                {"distortion": "mind_reading", "example_thought": found["ex"]}]}
    if step == "verdict":
        # How many verdicts the thought record already holds decides which decision comes next.
        done = messages[-1].content.count(" -> \"")
        return {"restructured_thought": found["verdict"], "next": decisions[min(done, len(decisions) - 1)]}
    return {}


class SeededScriptedDouble(ScriptedModelDouble):
    """A `ScriptedModelDouble` whose script also sees the request's `seed`, as a sampling model would."""

    def __init__(self, script: SeededScript, **kwargs: Any) -> None:
        super().__init__(lambda messages, schema: script(messages, schema, None), **kwargs)
        self.seeded_script = script
        self.in_flight = 0
        self.peak_in_flight = 0

    async def _complete(self, messages: list[Message], params: GenerationParams,
                        json_schema: dict[str, Any] | None) -> Completion:
        import asyncio

        self.calls.append(messages)
        self.in_flight += 1
        self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
            text = self.seeded_script(messages, json_schema, params.seed)
        finally:
            self.in_flight -= 1
        usage = Usage(prompt_tokens=estimate_tokens(" ".join(m.content for m in messages)),
                      completion_tokens=estimate_tokens(text))
        return Completion(text=text, model=self.spec, usage=usage, finish_reason="stop")


_TOKENS = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9]+|[^\sA-Za-z0-9\u3400-\u9fff]")


def estimate_tokens(text: str) -> int:
    """A tokenizer-free token count: one per word, CJK character or punctuation mark."""
    return len(_TOKENS.findall(text))


class ScriptedOpenAIServer:
    """An OpenAI-compatible `/v1/chat/completions` on 127.0.0.1 that answers with a script (a test double).

    Each request takes `latency_s + completion_tokens / tokens_per_s` seconds; requests run in parallel
    without limit. `stats` counts requests, peak parallel requests and tokens. Use as a context manager
    (a background thread) or call `serve_forever()` in a process of its own.
    """

    def __init__(self, script: SeededScript, *, latency_s: float = 0.0, tokens_per_s: float = 0.0,
                 port: int = 0, model: str = "scripted", fail: Callable[[dict[str, Any]], int | None] | None = None,
                 ) -> None:
        self.script = script
        self.latency_s = latency_s
        self.tokens_per_s = tokens_per_s
        self.model = model
        self.fail = fail  # body -> HTTP status to answer instead (to simulate a failing server), or None
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

    def __enter__(self) -> Self:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="scripted-openai", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        status = self.fail(body) if self.fail else None
        if status:
            return status, {"error": {"message": "scripted failure", "type": "server_error"}}
        messages = [Message(role=m["role"], content=m["content"]) for m in body.get("messages", [])]
        response_format = body.get("response_format") or {}
        schema = (response_format.get("json_schema") or {}).get("schema")
        started = time.monotonic()
        with self.lock:
            self.stats["requests"] += 1
            self.stats["in_flight"] += 1
            self.stats["peak_in_flight"] = max(self.stats["peak_in_flight"], self.stats["in_flight"])
        try:
            text = self.script(messages, schema, body.get("seed"))
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
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": text}}],
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

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._send(400, {"error": {"message": "body is not JSON"}})
                    return
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, {"error": {"message": "not found"}})
                    return
                try:
                    status, payload = server.answer(body)
                except Exception as error:  # noqa: BLE001 - a script bug: answer 500 so the client's retries apply
                    status, payload = 500, {"error": {"message": f"{type(error).__name__}: {error}"}}
                self._send(status, payload)

        return Handler
