"""A quick health check of any model spec: does it load, answer in English and Chinese, and keep to a schema?

`check_model` loads the model, asks one short English and one short Chinese
question (greedy, so runs are comparable), asks for one tiny structured reply,
and reports timings, throughput and the process's peak memory. It is what
`crisp models check SPEC` prints.

Not here: quality judgements (see `crisp.eval`) or careful benchmarks
(`benchmarks/`): one short reply per language is a smoke test, not a measurement.
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crisp.errors import StructuredOutputError
from crisp.llm.base import ChatModel, Completion, GenerationParams, Message
from crisp.llm.registry import ModelOptions, load_model

CHECK_MAX_NEW_TOKENS = 64
CHECK_PROMPTS: dict[str, str] = {
    "en": "In one short sentence: what could I tell myself when I think 'I always fail'?",
    "zh": "请用一句话回答：当我觉得“我总是失败”时，可以怎样换个角度看？",
}
STRUCTURED_PROMPT = (
    "I failed my driving test today and I feel terrible. Name my main emotion and rate its intensity from 0 to 10."
)


class CheckedEmotion(BaseModel):
    """The tiny schema the check asks for."""

    emotion: Literal["sad", "anxious", "angry", "ashamed", "calm"]
    intensity: int = Field(ge=0, le=10)


class ReplyCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: str
    prompt: str
    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    first_token_s: float | None
    # Decode speed: tokens after the first, over the time after the first.
    tokens_per_s: float | None
    finish_reason: str | None


class StructuredCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    valid: bool
    constrained: bool  # the backend enforced the schema while decoding
    repaired: bool = False
    text: str = ""
    error: str | None = None


class ModelCheckReport(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: str
    backend: str
    load_s: float
    replies: list[ReplyCheck]
    structured: StructuredCheck
    peak_rss_bytes: int | None  # None where the platform does not report it

    @property
    def ok(self) -> bool:
        return self.structured.valid and all(r.text.strip() for r in self.replies)


def check_model(spec: str, options: ModelOptions | None = None) -> ModelCheckReport:
    """Load `spec` and check it. Blocking; call it from the CLI edge (it runs its own event loop)."""
    started = time.perf_counter()
    model = load_model(spec, options)
    load_s = time.perf_counter() - started
    return asyncio.run(check_loaded_model(model, load_s=load_s))


async def check_loaded_model(model: ChatModel, *, load_s: float = 0.0) -> ModelCheckReport:
    """Run the checks on a model that is already loaded, then close it."""
    try:
        replies = [await _reply_check(model, language, prompt) for language, prompt in CHECK_PROMPTS.items()]
        structured = await _structured_check(model)
    finally:
        await model.aclose()
    return ModelCheckReport(
        spec=model.spec,
        backend=type(model).__name__,
        load_s=load_s,
        replies=replies,
        structured=structured,
        peak_rss_bytes=peak_rss_bytes(),
    )


async def _reply_check(model: ChatModel, language: str, prompt: str) -> ReplyCheck:
    messages = [Message(role="user", content=prompt)]
    params = GenerationParams(max_new_tokens=CHECK_MAX_NEW_TOKENS, temperature=0.0, seed=0)
    completion: Completion | None
    if model.capabilities.streaming:
        stream = model.stream(messages, params)
        await stream.text()
        completion = stream.completion
    else:
        completion = await model.complete(messages, params)
    if completion is None:  # pragma: no cover - a finished stream always has one
        raise RuntimeError("stream finished without a completion")
    return ReplyCheck(
        language=language,
        prompt=prompt,
        text=completion.text,
        prompt_tokens=completion.usage.prompt_tokens,
        completion_tokens=completion.usage.completion_tokens,
        seconds=completion.latency_s,
        first_token_s=completion.first_token_s,
        tokens_per_s=decode_rate(completion),
        finish_reason=completion.finish_reason,
    )


async def _structured_check(model: ChatModel) -> StructuredCheck:
    constrained = model.capabilities.constrained_output
    params = GenerationParams(max_new_tokens=CHECK_MAX_NEW_TOKENS, temperature=0.0, seed=0)
    try:
        result = await model.structured([Message(role="user", content=STRUCTURED_PROMPT)], CheckedEmotion, params)
    except StructuredOutputError as error:
        return StructuredCheck(valid=False, constrained=constrained, text=error.raw_text, error=str(error))
    return StructuredCheck(valid=True, constrained=constrained, repaired=result.repaired, text=result.completion.text)


def decode_rate(completion: Completion) -> float | None:
    """Tokens per second after the first token, or None when there is too little to measure."""
    if completion.first_token_s is None or completion.usage.completion_tokens < 2:
        return None
    decode_s = completion.latency_s - completion.first_token_s
    return (completion.usage.completion_tokens - 1) / decode_s if decode_s > 0 else None


def peak_rss_bytes() -> int | None:
    """This process's peak resident memory so far."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS reports bytes, Linux KiB
