"""The OpenAI-compatible API: `POST /v1/chat/completions` (SSE and not) and `GET /v1/models`.

Two models: `peppy` (model mode) and `peppy-guided` (the CRDial counsellor). The client's own
system messages are dropped: Peppy's prompt and the safety layer are not the client's to replace.
`max_tokens` (or `max_completion_tokens`) lowers the reply's token limit below the server's; the
other sampling fields OpenAI clients send (temperature, top_p, ...) are accepted and ignored: the
server's Peppy settings apply. A safe-path answer is ordinary assistant content; the `crisp`
field beside `choices` (on the last chunk when streaming) gives the level, who answered, the
resources when the safety layer answered, and the signed `state` to send back next time.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from crisp.errors import InputError
from crisp.serve.turns import ChatLine, Done, Failed, Text, Waiting

MODELS = {"peppy": False, "peppy-guided": True}  # model id -> guided
OWNER = "crisp"


class TextPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: Literal["text"]
    text: str


class ApiMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["system", "developer", "user", "assistant"]
    content: str | list[TextPart] | None = None
    name: str | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text for part in self.content)
        return self.content or ""


class CrispRequestFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: str | None = None
    lang: Literal["en", "zh"] | None = None


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str
    messages: list[ApiMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    n: Literal[1] = 1
    # Accepted for compatibility, not applied (see the module docstring).
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    presence_penalty: float | None = None
    frequency_penalty: float | None = None
    seed: int | None = None
    stop: str | list[str] | None = None
    user: str | None = None
    crisp: CrispRequestFields | None = None


def build_router() -> APIRouter:
    router = APIRouter(prefix="/v1")

    @router.get("/models")
    async def list_models(request: Request) -> dict[str, Any]:
        await request.app.state.serve.api_caller(request)
        created = int(request.app.state.serve.started)
        return {"object": "list", "data": [{"id": m, "object": "model", "created": created, "owned_by": OWNER} for m in MODELS]}

    @router.post("/chat/completions", response_model=None)
    async def chat_completions(body: ChatCompletionRequest, request: Request) -> Any:
        serve = request.app.state.serve
        caller = await serve.api_caller(request)
        if body.model not in MODELS:
            raise InputError(f"unknown model {body.model!r}; this server has {', '.join(MODELS)} (GET /v1/models)")
        lines = [ChatLine(m.role, m.text()) for m in body.messages if m.role in ("user", "assistant")]  # type: ignore[arg-type]
        serve.check_lines(lines)
        serve.check_rate(request, caller)
        fields = body.crisp or CrispRequestFields()
        turn = serve.prepare(lines, guided=MODELS[body.model], state=fields.state, lang=fields.lang,
                             accept_language=request.headers.get("accept-language"),
                             max_new_tokens=body.max_completion_tokens or body.max_tokens)
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        if body.stream:
            usage_wanted = bool((body.stream_options or {}).get("include_usage"))
            return StreamingResponse(
                _sse(serve, turn, completion_id, body.model, usage_wanted),
                media_type="text/event-stream",
                headers={"x-accel-buffering": "no"},
            )
        done: Done | None = None
        async for event in turn.events():
            if isinstance(event, Failed):
                raise event.error
            if isinstance(event, Done):
                done = event
        assert done is not None  # events() always ends with Done or Failed
        await serve.note_safety("api", done)
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": done.text}, "finish_reason": "stop"}],
            "usage": _usage(done),
            "crisp": crisp_field(done),
        }

    return router


def crisp_field(done: Done) -> dict[str, Any]:
    return {
        "level": done.level,
        "answered_by": done.answered_by,
        "reply_blocked": done.reply_blocked,
        "locale": done.locale,
        "resources": done.resources,
        "state": done.state,
        "thought_record": done.thought_record,
    }


def _usage(done: Done) -> dict[str, int]:
    prompt = int(done.usage.get("prompt_tokens", 0))
    completion = int(done.usage.get("completion_tokens", 0))
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


async def _sse(serve: Any, turn: Any, completion_id: str, model: str, usage_wanted: bool) -> AsyncIterator[bytes]:
    created = int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> bytes:
        body = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return b"data: " + json.dumps(body, ensure_ascii=False).encode() + b"\n\n"

    yield chunk({"role": "assistant", "content": ""})
    events = turn.events()
    try:
        async for event in events:
            if isinstance(event, Waiting):
                yield f": waiting {event.ahead}\n\n".encode()  # an SSE comment: OpenAI clients skip it
            elif isinstance(event, Text):
                yield chunk({"content": event.piece})
            elif isinstance(event, Failed):
                error = {"error": {"message": str(event.error), "type": type(event.error).__name__, "code": 500}}
                yield b"data: " + json.dumps(error).encode() + b"\n\n"
                break
            elif isinstance(event, Done):
                await serve.note_safety("api", event)
                yield chunk({}, "stop", crisp=crisp_field(event))
                if usage_wanted:
                    body = {"id": completion_id, "object": "chat.completion.chunk", "created": created,
                            "model": model, "choices": [], "usage": _usage(event)}
                    yield b"data: " + json.dumps(body).encode() + b"\n\n"
        yield b"data: [DONE]\n\n"
    finally:
        await events.aclose()
