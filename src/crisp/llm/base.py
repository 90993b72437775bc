"""The one chat interface every backend implements.

A backend subclasses `ChatModel` and implements `_complete` (required) and
`_stream` (optional, with `capabilities.streaming`). Callers use the public
methods: `complete`, `stream`, `structured`. This base class owns what is the
same for every backend: bounded concurrency, the optional response cache,
usage accounting, latency, and structured-output parsing with one repair try.

Not here: transport details (retries on HTTP errors live in the HTTP backend),
model resolution (`registry`), and prompt text (`crisp.prompts`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crisp.cr.target_format import ModelFormat
from crisp.errors import CapabilityError, StructuredOutputError

Role = Literal["system", "user", "assistant"]
T = TypeVar("T", bound=BaseModel)

MAX_NEW_TOKENS_LIMIT = 32_768
# The temperature of a structured retry when the first call used the model's own default.
RETRY_TEMPERATURE = 0.3


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    content: str


def as_messages(messages: Sequence[Message | dict[str, str]]) -> list[Message]:
    return [m if isinstance(m, Message) else Message.model_validate(m) for m in messages]


class GenerationParams(BaseModel):
    """Sampling settings. `None` means "the model's own default" (its generation config)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_new_tokens: int = Field(default=512, ge=1, le=MAX_NEW_TOKENS_LIMIT)
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    stop: tuple[str, ...] = ()
    seed: int | None = None
    # A GBNF grammar the output must follow, for backends that enforce one (`capabilities.grammar`).
    grammar: str | None = None
    # Penalty on repeating recent tokens (1.0: none), for llama.cpp and OpenAI-compatible servers that take one.
    repetition_penalty: float | None = Field(default=None, ge=1.0, le=2.0)
    # DRY ("don't repeat yourself"): a penalty on extending a run of tokens that already occurs in the
    # context, prompt included, growing with the run's length (0: off). It stops a small model copying
    # earlier turns word for word without taxing the common words a flat penalty taxes. llama.cpp and
    # servers that take a repetition penalty; transformers has no DRY and ignores it.
    dry_multiplier: float | None = Field(default=None, ge=0.0, le=5.0)

    def sampling_fields(self) -> dict[str, Any]:
        """The set sampling settings under their OpenAI-style names (temperature, top_p, stop, seed)."""
        fields: dict[str, Any] = {"temperature": self.temperature, "top_p": self.top_p,
                                  "stop": list(self.stop) or None, "seed": self.seed}
        return {name: value for name, value in fields.items() if value is not None}


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    calls: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
            calls=self.calls + other.calls,
        )


class Completion(BaseModel):
    """One finished model call."""

    model_config = ConfigDict(extra="forbid")

    text: str
    model: str
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = 0.0
    first_token_s: float | None = None
    finish_reason: str | None = None
    from_cache: bool = False


@dataclass
class Structured(Generic[T]):
    """A validated structured reply and the completion(s) that produced it."""

    value: T
    completion: Completion
    repaired: bool = False


class Capabilities(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    streaming: bool = True
    # True when the backend enforces a JSON schema while decoding (grammar or response_format).
    constrained_output: bool = False
    # True when the backend enforces a GBNF grammar (`GenerationParams.grammar`) while decoding.
    grammar: bool = False


@dataclass
class StreamDelta:
    """What `_stream` yields: text, and on the last item usage and finish reason."""

    text: str = ""
    usage: Usage | None = None
    finish_reason: str | None = None


@dataclass
class UsageMeter:
    """Adds up usage over a run. Safe within one event loop."""

    total: Usage = field(default_factory=Usage)

    def add(self, usage: Usage) -> None:
        self.total = self.total + usage


class ChatStream:
    """An async iterator of text deltas; `completion` is set once it is exhausted.

    `aclose()` stops generation early (e.g. Ctrl-C); the text so far is kept.
    """

    def __init__(self, model: ChatModel, deltas: AsyncIterator[StreamDelta]) -> None:
        self._model = model
        self._deltas = deltas
        self._parts: list[str] = []
        self._usage = Usage(calls=1)
        self._finish: str | None = None
        self._start = time.perf_counter()
        self._first: float | None = None
        self.completion: Completion | None = None

    def __aiter__(self) -> AsyncIterator[str]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[str]:
        try:
            async for delta in self._deltas:
                if delta.usage is not None:
                    self._usage = delta.usage.model_copy(update={"calls": 1})
                if delta.finish_reason:
                    self._finish = delta.finish_reason
                if delta.text:
                    if self._first is None:
                        self._first = time.perf_counter() - self._start
                    self._parts.append(delta.text)
                    yield delta.text
        except BaseException:
            self._finish = self._finish or "cancelled"
            raise
        finally:
            if self.completion is None and self._finish is None and not self._deltas_done():
                self._finish = "cancelled"
            self._finish_stream()

    def _deltas_done(self) -> bool:
        # An async generator that ran to its end has no frame left.
        return getattr(self._deltas, "ag_frame", None) is None

    async def text(self) -> str:
        """Consume the whole stream and return the text."""
        async for _ in self:
            pass
        return "".join(self._parts)

    async def aclose(self) -> None:
        await self._deltas.aclose()  # type: ignore[attr-defined]
        if self._finish is None:
            self._finish = "cancelled"
        self._finish_stream()

    def _finish_stream(self) -> None:
        if self.completion is not None:
            return
        self.completion = Completion(
            text="".join(self._parts),
            model=self._model.spec,
            usage=self._usage,
            latency_s=time.perf_counter() - self._start,
            first_token_s=self._first,
            finish_reason=self._finish,
        )
        self._model.usage.add(self._usage)


class CompletionCache(Protocol):
    """Where finished completions are kept and found again (`crisp.llm.cache.ResponseCache` is one)."""

    def get(self, spec: str, messages: Sequence[Message], params: GenerationParams,
            json_schema: dict[str, Any] | None) -> Completion | None: ...

    def put(self, spec: str, messages: Sequence[Message], params: GenerationParams,
            json_schema: dict[str, Any] | None, completion: Completion) -> None: ...


class ChatModel(ABC):
    """A chat model named by a spec string. Subclasses implement `_complete` (and `_stream`)."""

    capabilities: Capabilities = Capabilities()

    def __init__(self, spec: str, *, max_concurrency: int = 8, cache: CompletionCache | None = None) -> None:
        self.spec = spec
        self.cache = cache
        self.usage = UsageMeter()
        # How the model was trained to write (`crisp_format.json` of a `crisp train` model), when known.
        self.trained_format: ModelFormat | None = None
        self._limit = asyncio.Semaphore(max_concurrency)

    # -- what backends implement ---------------------------------------------------------
    @abstractmethod
    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        """One call. `json_schema` is only passed when `capabilities.constrained_output`."""

    def _stream(self, messages: list[Message], params: GenerationParams,
                json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        """Stream one call. `json_schema` is only passed when `capabilities.constrained_output`."""
        raise CapabilityError(f"model {self.spec!r} cannot stream; use complete() instead")

    async def aclose(self) -> None:
        """Release the backend's resources (servers, sockets, weights)."""

    # -- what callers use ----------------------------------------------------------------
    async def complete(
        self,
        messages: Sequence[Message | dict[str, str]],
        params: GenerationParams | None = None,
        *,
        json_schema: dict[str, Any] | None = None,
    ) -> Completion:
        msgs = as_messages(messages)
        params = params or GenerationParams()
        self._check_grammar(params)
        schema = json_schema if self.capabilities.constrained_output else None
        if self.cache is not None:
            hit = self.cache.get(self.spec, msgs, params, json_schema)
            if hit is not None:
                return hit
        async with self._limit:
            start = time.perf_counter()
            completion = await self._complete(msgs, params, schema)
            if not completion.latency_s:
                completion.latency_s = time.perf_counter() - start
        completion.usage.calls = 1
        self.usage.add(completion.usage)
        if self.cache is not None:
            self.cache.put(self.spec, msgs, params, json_schema, completion)
        return completion

    def stream(self, messages: Sequence[Message | dict[str, str]], params: GenerationParams | None = None, *,
               json_schema: dict[str, Any] | None = None) -> ChatStream:
        """The reply as it is written. With `json_schema` (backends with `constrained_output` only) the
        streamed text is JSON that follows the schema, for a caller that reads it as it comes."""
        if not self.capabilities.streaming:
            raise CapabilityError(f"model {self.spec!r} cannot stream; use complete() instead")
        if json_schema is not None and not self.capabilities.constrained_output:
            raise CapabilityError(f"model {self.spec!r} cannot constrain its output to a schema while streaming")
        msgs = as_messages(messages)
        params = params or GenerationParams()
        self._check_grammar(params)
        return ChatStream(self, self._limited_stream(msgs, params, json_schema))

    def _check_grammar(self, params: GenerationParams) -> None:
        if params.grammar is not None and not self.capabilities.grammar:
            raise CapabilityError(f"model {self.spec!r} cannot follow a grammar; leave GenerationParams.grammar unset")

    async def _limited_stream(self, messages: list[Message], params: GenerationParams,
                              json_schema: dict[str, Any] | None) -> AsyncIterator[StreamDelta]:
        # aclosing: stopping early must stop the backend's generation now, not at garbage collection.
        # Backends without constrained output may implement `_stream(messages, params)` only.
        deltas_of = self._stream(messages, params) if json_schema is None else self._stream(messages, params, json_schema)
        async with self._limit, contextlib.aclosing(deltas_of) as deltas:  # type: ignore[type-var]
            async for delta in deltas:
                yield delta

    async def structured(
        self,
        messages: Sequence[Message | dict[str, str]],
        output_type: type[T],
        params: GenerationParams | None = None,
    ) -> Structured[T]:
        """Ask for a reply that validates as `output_type`.

        Backends that constrain decoding get the JSON schema directly. Others get
        the schema in the prompt; a reply that does not validate gets one repair
        attempt, then `StructuredOutputError` with the raw text.
        """
        msgs = as_messages(messages)
        schema = output_type.model_json_schema()
        if not self.capabilities.constrained_output:
            msgs = _with_schema_instruction(msgs, schema)
        first = await self.complete(msgs, params, json_schema=schema)
        try:
            return Structured(parse_json_reply(first.text, output_type), first)
        except ValueError as error:
            problem = str(error)
        repair = [
            *msgs,
            Message(role="assistant", content=first.text),
            Message(
                role="user",
                content=(
                    "That reply is not valid JSON for the schema: "
                    f"{problem[:500]}\nReply again with only the corrected JSON object."
                ),
            ),
        ]
        # The retry is not the same call again: another seed and a cooler temperature.
        second = await self.complete(repair, retry_params(params), json_schema=schema)
        try:
            value = parse_json_reply(second.text, output_type)
        except ValueError as error:
            field = failed_field(second.text, str(error))
            raise StructuredOutputError(
                f"model {self.spec!r} did not return valid {output_type.__name__} JSON after one repair "
                f"attempt ({str(error).splitlines()[0][:200]}); try a stronger model or a lower temperature",
                raw_text=second.text, schema=output_type.__name__, field=field,
            ) from None
        return Structured(value, second, repaired=True)


def _with_schema_instruction(messages: list[Message], schema: dict[str, Any]) -> list[Message]:
    instruction = (
        "Reply with only a JSON object (no prose, no code fence) that follows this JSON schema:\n"
        + json.dumps(schema, ensure_ascii=False)
    )
    if messages and messages[0].role == "system":
        head = Message(role="system", content=messages[0].content + "\n\n" + instruction)
        return [head, *messages[1:]]
    return [Message(role="system", content=instruction), *messages]


def retry_params(params: GenerationParams | None) -> GenerationParams:
    """The settings of a retry after a reply that broke its schema: another seed, a lower temperature."""
    params = params or GenerationParams()
    temperature = RETRY_TEMPERATURE if params.temperature is None else round(params.temperature * 0.5, 3)
    seed = 1 if params.seed is None else params.seed + 1
    return params.model_copy(update={"temperature": temperature, "seed": seed})


_LAST_KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:')


def failed_field(text: str, problem: str) -> str:
    """Which field a broken reply failed on: the first invalid field pydantic names, else (JSON cut short
    or invalid) the last key the reply started, else '$' (the reply as a whole)."""
    lines = problem.splitlines()
    if len(lines) > 1 and "validation error" in lines[0] and lines[1] and not lines[1].startswith(" "):
        located = lines[1].strip()
        if located and located != "Invalid JSON":
            return located
    keys = _LAST_KEY.findall(text)
    return keys[-1] if keys else "$"


def parse_json_reply(text: str, output_type: type[T]) -> T:
    """Validate a model reply as `output_type`, tolerating a code fence or text around the object.

    Raises ValueError with a short reason when it does not fit.
    """
    candidate = text.strip()
    if candidate.startswith("```"):
        candidate = candidate.strip("`")
        candidate = candidate.split("\n", 1)[1] if "\n" in candidate else candidate
    start, end = candidate.find("{"), candidate.rfind("}")
    if start == -1 or end < start:
        raise ValueError("no JSON object found in the reply")
    try:
        return output_type.model_validate_json(candidate[start : end + 1])
    except ValidationError as error:
        raise ValueError(str(error)) from None
