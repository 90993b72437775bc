"""Any OpenAI-compatible chat endpoint: the OpenAI API, vLLM, llama.cpp server, Ollama.

One client, the official `openai` SDK, differing only by base URL and key:

    openai:MODEL                    the OpenAI API; key from OPENAI_API_KEY, base URL from
                                    OPENAI_BASE_URL when set
    http[s]://HOST:PORT/v1#MODEL    any compatible server; key from `api_key`, else CRISP_API_KEY,
                                    else a placeholder (local servers need none)

The SDK's own retries are off; `crisp.llm.retry` retries 429, 5xx, timeouts and
connection errors with jittered backoff and honours `Retry-After`. Structured
output goes through `response_format` (type `json_schema`), which vLLM and
llama.cpp enforce with a grammar, so `capabilities.constrained_output` is True.

Error mapping (every message is one line and names the fix):
    unreachable, timeouts, 429, 5xx after the retries  -> BackendUnavailableError naming the URL
    401/403                                            -> ConfigError naming the key variable
    404                                                -> ConfigError naming the model
    other 4xx (not retried)                            -> BackendUnavailableError with the server's reason
    malformed body (not JSON, no `choices`)            -> retried once, then BackendUnavailableError;
        a garbled body is usually a proxy hiccup, but one that comes back twice means the URL is not
        an OpenAI-compatible endpoint, and more retries would only hide that.

Not here: message content in logs (only sizes, statuses and timings are
logged), retries after a stream has started (text already shown cannot be
taken back; a failure mid-stream raises BackendUnavailableError at once), and
the `openai` Responses/Assistants APIs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Literal

import openai
from pydantic import BaseModel

from crisp.errors import BackendUnavailableError, ConfigError, CrispError, ModelSpecError
from crisp.llm.base import Capabilities, ChatModel, Completion, GenerationParams, Message, StreamDelta, Usage
from crisp.llm.registry import ModelOptions, ModelSpec
from crisp.llm.retry import RetryPolicy, Sleep, TransientResponseError, status_of, with_retries

if TYPE_CHECKING:
    from crisp.llm.cache import ResponseCache

log = logging.getLogger(__name__)

OPENAI_KEY_ENV = "OPENAI_API_KEY"
OPENAI_BASE_URL_ENV = "OPENAI_BASE_URL"
CRISP_KEY_ENV = "CRISP_API_KEY"
# The SDK refuses to start without a key; local servers ignore whatever is sent.
PLACEHOLDER_KEY = "no-key-needed"
# Connecting should be quick even when generating is slow.
CONNECT_TIMEOUT_S = 10.0
# A body that fails to parse gets this many extra tries (see the module docstring).
MALFORMED_RETRIES = 1
ERROR_DETAIL_CHARS = 200
SCHEMA_NAME_CHARS = 64

TokenLimitField = Literal["max_tokens", "max_completion_tokens"]


class MalformedResponseError(TransientResponseError):
    """A 2xx answer whose body is not a chat completion."""


class OpenAICompatibleModel(ChatModel):
    """A chat model behind an OpenAI-compatible `/v1/chat/completions` endpoint."""

    capabilities = Capabilities(streaming=True, constrained_output=True)

    def __init__(
        self,
        spec: str,
        *,
        model: str,
        base_url: str | None = None,
        api_key: str = PLACEHOLDER_KEY,
        key_env: str = CRISP_KEY_ENV,
        timeout_s: float = 120.0,
        retry: RetryPolicy | None = None,
        extra_body: dict[str, Any] | None = None,
        token_limit_field: TokenLimitField = "max_tokens",
        takes_repetition_penalty: bool = False,
        max_concurrency: int = 8,
        cache: ResponseCache | None = None,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(spec, max_concurrency=max_concurrency, cache=cache)
        self.model = model
        self.timeout_s = timeout_s
        self.retry = retry or RetryPolicy()
        self.extra_body = dict(extra_body or {})
        self.key_env = key_env
        self.token_limit_field: TokenLimitField = token_limit_field
        # vLLM and llama.cpp's server take a repetition penalty; the OpenAI API refuses unknown fields.
        self.takes_repetition_penalty = takes_repetition_penalty
        self._sleep = sleep
        self._rand = rand
        self._client = openai.AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=openai.Timeout(timeout_s, connect=min(timeout_s, CONNECT_TIMEOUT_S)),
            max_retries=0,  # ours apply, see crisp.llm.retry
        )
        self.base_url = str(self._client.base_url).rstrip("/")

    async def aclose(self) -> None:
        await self._client.close()

    # -- requests --------------------------------------------------------------------------
    def request_body(
        self,
        messages: list[Message],
        params: GenerationParams,
        json_schema: dict[str, Any] | None = None,
        *,
        stream: bool = False,
    ) -> dict[str, Any]:
        """The keyword arguments for `chat.completions.create`. `None` settings are left out."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            self.token_limit_field: params.max_new_tokens,
        }
        body.update(params.sampling_fields())
        if json_schema is not None:
            body["response_format"] = response_format_for(json_schema)
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        extra = dict(self.extra_body)
        if params.repetition_penalty is not None and self.takes_repetition_penalty:
            # vLLM's name and llama.cpp's; each server ignores the other's.
            extra |= {"repetition_penalty": params.repetition_penalty, "repeat_penalty": params.repetition_penalty}
        if params.dry_multiplier is not None and self.takes_repetition_penalty:
            extra["dry_multiplier"] = params.dry_multiplier  # llama.cpp's server and its kin
        if extra:
            body["extra_body"] = extra
        return body

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        body = self.request_body(messages, params, json_schema)
        tries = 0
        malformed = 0

        async def attempt() -> Completion:
            nonlocal tries, malformed
            tries += 1
            try:
                response = await self._client.chat.completions.create(**body)
                return self._parse_completion(response)
            except (ValueError, openai.APIResponseValidationError) as exc:
                # ValueError: the SDK could not decode the JSON body (or we could not read it).
                malformed += 1
                if malformed > MALFORMED_RETRIES:
                    raise self._malformed_error(tries) from None
                raise MalformedResponseError(type(exc).__name__) from exc

        try:
            completion = await with_retries(attempt, self.retry, sleep=self._sleep, rand=self._rand)
        except CrispError:
            raise
        except Exception as exc:
            raise self._map_error(exc, tries) from exc
        log.debug(
            "%s: %d prompt + %d completion tokens in %d tries",
            self.spec,
            completion.usage.prompt_tokens,
            completion.usage.completion_tokens,
            tries,
        )
        return completion

    async def _stream(self, messages: list[Message], params: GenerationParams,
                      json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        body = self.request_body(messages, params, json_schema, stream=True)
        tries = 0

        async def open_stream() -> Any:
            nonlocal tries
            tries += 1
            return await self._client.chat.completions.create(**body)

        try:
            stream = await with_retries(open_stream, self.retry, sleep=self._sleep, rand=self._rand)
        except Exception as exc:
            raise self._map_error(exc, tries) from exc
        usage: Usage | None = None
        finish: str | None = None
        try:
            async for chunk in stream:
                if getattr(chunk, "usage", None) is not None:
                    usage = usage_from(chunk.usage)
                for choice in getattr(chunk, "choices", None) or ():
                    if getattr(choice, "index", 0) != 0:
                        continue
                    if choice.finish_reason:
                        finish = choice.finish_reason
                    text = getattr(choice.delta, "content", None) if choice.delta is not None else None
                    if text:
                        yield StreamDelta(text=text)
        except ValueError:
            raise self._malformed_error(tries, streaming=True) from None
        except Exception as exc:  # the transport's own errors surface raw once streaming
            raise self._map_error(exc, tries, streaming=True) from exc
        finally:
            await stream.close()
        # Servers that ignore `include_usage` send none; the stream then reports zero tokens.
        yield StreamDelta(usage=usage, finish_reason=finish)

    # -- responses -------------------------------------------------------------------------
    def _parse_completion(self, response: Any) -> Completion:
        """Read a chat completion; raise ValueError when the body is not one."""
        choices = getattr(response, "choices", None) if isinstance(response, BaseModel) else None
        if not choices:
            raise ValueError("no choices in the response body")
        choice = choices[0]
        message = getattr(choice, "message", None)
        text = getattr(message, "content", None)
        if text is None:
            text = ""  # a refusal or a tool call: no text to give back
        if not isinstance(text, str):
            raise ValueError("message content is not text")
        return Completion(
            text=text,
            model=self.spec,
            usage=usage_from(getattr(response, "usage", None)),
            finish_reason=getattr(choice, "finish_reason", None),
        )

    # -- errors ----------------------------------------------------------------------------
    def _malformed_error(self, tries: int, *, streaming: bool = False) -> BackendUnavailableError:
        what = "a malformed stream" if streaming else f"a malformed response body ({tries} tries)"
        return BackendUnavailableError(
            f"{self.base_url} returned {what} for model {self.model!r}; "
            "check that the URL is an OpenAI-compatible endpoint ending in /v1"
        )

    def _map_error(self, exc: BaseException, tries: int, *, streaming: bool = False) -> CrispError:
        """One user-facing error for a failure that the retries did not cure."""
        where = self.base_url
        attempts = f"{tries} attempt{'s' if tries != 1 else ''}"
        if isinstance(exc, TransientResponseError):
            return self._malformed_error(tries, streaming=streaming)
        status = status_of(exc)
        if status in (401, 403):
            return ConfigError(
                f"{where} refused the API key (HTTP {status}) for {self.spec!r}; "
                f"set {self.key_env} to a key this endpoint accepts"
            )
        if status == 404:
            return ConfigError(
                f"{where} does not serve model {self.model!r} (HTTP 404); check the model name in "
                f"{self.spec!r} against GET {where}/models, and that the URL ends in /v1"
            )
        if status == 429:
            return BackendUnavailableError(
                f"{where} is still rate-limiting requests (HTTP 429) after {attempts}; "
                "lower max_concurrency or try again later"
            )
        if status is not None and status >= 500:
            return BackendUnavailableError(
                f"{where} failed with HTTP {status} after {attempts}; check the server's logs and health"
            )
        if status is not None and status >= 400:
            return BackendUnavailableError(
                f"{where} rejected the request for {self.model!r} (HTTP {status}: {_server_reason(exc)}); "
                "check the generation settings and prompt length against what the server supports"
            )
        if isinstance(exc, openai.APITimeoutError | TimeoutError):
            return BackendUnavailableError(
                f"{where} did not answer within {self.timeout_s:g}s ({attempts}); "
                "check that the server is up and not overloaded, or raise the timeout"
            )
        if isinstance(exc, openai.APIConnectionError | OSError):
            return BackendUnavailableError(
                f"cannot reach {where} ({attempts}: {_one_line(str(exc.__cause__ or exc))}); "
                "check that the server is running and that the host and port are right"
            )
        return BackendUnavailableError(
            f"call to {where} failed ({type(exc).__name__}: {_one_line(str(exc))}); check the server and the model spec"
        )


def from_spec(spec: ModelSpec, options: ModelOptions) -> OpenAICompatibleModel:
    """Build the backend for an `openai:MODEL` or `http[s]://HOST:PORT/v1#MODEL` spec."""
    token_limit_field: TokenLimitField
    if spec.kind == "openai":
        model = spec.target
        api_key = options.api_key or os.environ.get(OPENAI_KEY_ENV)
        if not api_key:
            raise ConfigError(f"no OpenAI API key for {spec.raw!r}; set {OPENAI_KEY_ENV}")
        base_url = os.environ.get(OPENAI_BASE_URL_ENV) or None
        key_env = OPENAI_KEY_ENV
        # The OpenAI API deprecates max_tokens, and its reasoning models reject it.
        token_limit_field = "max_completion_tokens"
    elif spec.kind == "http":
        base_url, model = spec.target, spec.served_model or ""
        api_key = options.api_key or os.environ.get(CRISP_KEY_ENV) or PLACEHOLDER_KEY
        key_env = CRISP_KEY_ENV
        token_limit_field = "max_tokens"
    else:
        raise ModelSpecError(f"model spec {spec.raw!r} is not an openai: or http(s):// spec")
    return OpenAICompatibleModel(
        spec.raw,
        model=model,
        base_url=base_url,
        api_key=api_key,
        key_env=key_env,
        timeout_s=options.timeout_s,
        retry=RetryPolicy(max_attempts=options.max_retries + 1),
        extra_body=options.extra_body,
        token_limit_field=token_limit_field,
        takes_repetition_penalty=spec.kind == "http",
        max_concurrency=options.max_concurrency,
        cache=options.cache,
    )


def response_format_for(json_schema: dict[str, Any]) -> dict[str, Any]:
    """The `response_format` that asks the server to constrain decoding to `json_schema`.

    `strict` is set only when the schema meets OpenAI's strict-mode rules (every
    object closed, every property required); the OpenAI API rejects strict
    requests with other schemas, while grammar-based servers enforce either way.
    """
    title = str(json_schema.get("title") or "reply")
    name = re.sub(r"[^A-Za-z0-9_-]", "_", title)[:SCHEMA_NAME_CHARS] or "reply"
    return {
        "type": "json_schema",
        "json_schema": {"name": name, "schema": json_schema, "strict": is_strict_schema(json_schema)},
    }


def is_strict_schema(schema: Any) -> bool:
    """True when every object in the schema is closed and requires all its properties."""
    if isinstance(schema, list):
        return all(is_strict_schema(item) for item in schema)
    if not isinstance(schema, dict):
        return True
    if schema.get("type") == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not False:
            return False
        if set(schema.get("required", ())) != set(properties):
            return False
    return all(is_strict_schema(value) for key, value in schema.items() if key not in ("required", "enum", "const"))


def usage_from(raw: Any) -> Usage:
    """Token counts from an SDK usage object; missing fields count as zero."""
    if raw is None:
        return Usage()
    details = getattr(raw, "prompt_tokens_details", None)
    return Usage(
        prompt_tokens=_count(getattr(raw, "prompt_tokens", 0)),
        completion_tokens=_count(getattr(raw, "completion_tokens", 0)),
        cached_tokens=_count(getattr(details, "cached_tokens", 0)) if details is not None else 0,
    )


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def _server_reason(exc: BaseException) -> str:
    """The server's own short explanation of an error answer."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return _one_line(str(message))
    return _one_line(str(getattr(exc, "message", "") or type(exc).__name__))


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= ERROR_DETAIL_CHARS else flat[: ERROR_DETAIL_CHARS - 3] + "..."
