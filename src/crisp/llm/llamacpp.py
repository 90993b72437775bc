"""GGUF models through llama.cpp, in-process (the `default`, `default:lite` and `gguf:PATH` specs).

`xllamacpp.Server` runs llama.cpp's own server engine inside this process:
continuous batching over `n_parallel` slots, prompt caching, the GGUF's own
chat template (Jinja), and grammar-constrained sampling. We call its
in-process chat-completion method (`handle_chat_completions`), never HTTP.
That call blocks and releases the GIL, so it runs on a small thread pool owned
by the model; tokens come back through a callback on that thread and are
handed to the event loop by `_ChunkRelay`, which wakes the loop only when a
consumer is actually waiting.

Structured output: the JSON schema becomes a grammar (LLGuidance in the
xllamacpp wheels) with every object closed and fixed separators, so even a
tiny or random-weight model can only write JSON that parses into the schema's
shape. llama.cpp's own chat-output parser is switched off (pure content): we
never ask for tool calls or reasoning, and its parser rejected valid grammar
output in our tests.

Not here: assembling the embedded model files (`embedded`), HTTP serving
(`crisp.serve`), tool calls, images, embeddings.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import json
import secrets
import struct
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from crisp.errors import (
    BackendUnavailableError,
    CapabilityError,
    InputError,
    ModelFileError,
    ModelNotInstalledError,
    ModelSpecError,
)
from crisp.llm.base import Capabilities, ChatModel, Completion, GenerationParams, Message, StreamDelta, Usage
from crisp.llm.registry import ModelOptions, ModelSpec

GGUF_MAGIC = b"GGUF"
# llama.cpp's log level for this process: 0 keeps its per-request lines off the user's terminal.
LLAMA_VERBOSITY = 0
# Separators the grammar forces between JSON items and after keys: what models most often write.
JSON_ITEM_SEPARATOR = ", "
JSON_KEY_SEPARATOR = ": "


class LlamaCppModel(ChatModel):
    """A GGUF model run in-process by llama.cpp (xllamacpp).

    `n_ctx` is the context of one conversation; the model keeps `n_parallel`
    slots of that size and decodes them in one batch. Requests beyond
    `n_parallel` wait in llama.cpp's queue.
    """

    capabilities = Capabilities(streaming=True, constrained_output=True, grammar=True)

    def __init__(
        self,
        path: str | Path,
        *,
        spec: str | None = None,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        n_parallel: int = 1,
        max_concurrency: int = 8,
        cache: Any = None,
    ) -> None:
        self.path = Path(path)
        super().__init__(spec or f"gguf:{self.path}", max_concurrency=max_concurrency, cache=cache)
        self.n_ctx = n_ctx
        self.n_parallel = n_parallel
        started = time.perf_counter()
        self._server = _start_server(self.path, n_ctx=n_ctx, n_threads=n_threads, n_parallel=n_parallel)
        self.load_s = time.perf_counter() - started
        self._executor = ThreadPoolExecutor(
            max_workers=max(max_concurrency, n_parallel), thread_name_prefix="crisp-llamacpp"
        )

    async def aclose(self) -> None:
        # Dropping the server stops llama.cpp's loop once in-flight calls (which hold it) return.
        self._server = None
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- requests --------------------------------------------------------------------------
    def request_body(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The chat-completion request llama.cpp gets. `None` settings keep the server's defaults."""
        body: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": params.max_new_tokens,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        body.update(params.sampling_fields())
        if json_schema is not None:
            body["grammar"] = grammar_for_schema(json.dumps(json_schema))
        elif params.grammar is not None:
            body["grammar"] = params.grammar
        if params.repetition_penalty is not None:
            body["repeat_penalty"] = params.repetition_penalty
        if params.dry_multiplier is not None:
            # The whole context, prompt included, named as a number: this llama.cpp's -1 (its default,
            # "the context size") left the prompt unseen, so a copy of an earlier turn went unpenalised.
            body |= {"dry_multiplier": params.dry_multiplier, "dry_penalty_last_n": self.n_ctx}
        return body

    def _server_or_raise(self) -> Any:
        server = self._server
        if server is None:
            raise BackendUnavailableError(f"model {self.spec!r} is closed; load it again with load_model()")
        return server

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        body = self.request_body(messages, params, json_schema)
        collector = _Collector(self._server_or_raise())
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, collector.run, body)
        except asyncio.CancelledError:
            collector.stopped = True  # the native call ends at its next token
            raise
        if collector.failure is not None:
            raise collector.failure
        return Completion(
            text="".join(collector.parts),
            model=self.spec,
            usage=collector.usage,
            latency_s=collector.latency_s,
            first_token_s=collector.first_token_s,
            finish_reason=collector.finish_reason,
        )

    async def _stream(self, messages: list[Message], params: GenerationParams,
                      json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        body = self.request_body(messages, params, json_schema)
        server = self._server_or_raise()
        loop = asyncio.get_running_loop()
        relay = _ChunkRelay(loop)
        future = loop.run_in_executor(self._executor, _relay_run, server, body, relay)
        future.add_done_callback(_consume_result)
        usage: Usage | None = None
        finish: str | None = None
        try:
            while True:
                for chunk in await relay.drain():
                    if chunk is _END:
                        yield StreamDelta(usage=usage, finish_reason=finish)
                        return
                    if isinstance(chunk, BaseException):
                        raise _call_error(chunk)
                    if "error" in chunk:
                        raise request_error(chunk["error"])
                    for choice in chunk.get("choices") or ():
                        text = choice.get("delta", {}).get("content")
                        if text:
                            yield StreamDelta(text=text)
                        if choice.get("finish_reason"):
                            finish = choice["finish_reason"]
                    if "usage" in chunk:
                        usage = usage_from(chunk["usage"])
        finally:
            relay.stopped = True  # early close (or error): llama.cpp stops at its next token


def from_spec(spec: ModelSpec, options: ModelOptions) -> LlamaCppModel:
    """Build the backend for `default`, `default:lite` or `gguf:PATH`. Blocking: loads the weights."""
    if spec.kind == "default":
        from crisp.llm.embedded import ensure_embedded_model

        path = ensure_embedded_model(spec.raw)
    elif spec.kind == "gguf":
        path = Path(spec.target).expanduser()
    else:
        raise ModelSpecError(f"model spec {spec.raw!r} is not a default or gguf: spec")
    return LlamaCppModel(
        path,
        spec=spec.raw,
        n_ctx=options.n_ctx,
        n_threads=options.n_threads,
        n_parallel=options.n_parallel,
        max_concurrency=options.max_concurrency,
        cache=options.cache,
    )


# -- loading ---------------------------------------------------------------------------------


def _start_server(path: Path, *, n_ctx: int, n_threads: int | None, n_parallel: int) -> Any:
    try:
        import xllamacpp
    except ImportError:
        raise ModelNotInstalledError(
            "the llama.cpp backend needs the xllamacpp package; install it with pip install xllamacpp"
        ) from None
    if not path.is_file():
        raise ModelFileError(f"GGUF model file {path} does not exist; check the path (gguf:PATH)")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != GGUF_MAGIC:
        raise ModelFileError(f"{path} is not a GGUF model file (it starts with {magic!r}); point to a .gguf file")
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.n_ctx = n_ctx * n_parallel
    params.n_parallel = n_parallel
    if n_threads is not None:
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
    params.offline = True  # never download anything
    params.verbosity = LLAMA_VERBOSITY
    params.force_pure_content_parser = True  # see the module docstring
    # The engine also listens on a loopback port; a random key keeps other local users off it.
    params.api_keys = [secrets.token_urlsafe(32)]
    params.ui = False
    params.endpoint_slots = False
    try:
        return xllamacpp.Server(params)
    except RuntimeError:
        problem = gguf_problem(path)
        if problem is not None:
            raise ModelFileError(f"cannot load {path}: {problem}; re-download or re-assemble the file") from None
        raise ModelFileError(
            f"llama.cpp could not load {path} although its GGUF structure is intact; it may use an "
            f"architecture this xllamacpp does not support (try pip install -U xllamacpp), or n_ctx={n_ctx} "
            f"x n_parallel={n_parallel} may need more memory than is free"
        ) from None


# -- structured output -----------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def grammar_for_schema(schema_json: str) -> str:
    """The llama.cpp grammar that enforces a JSON schema (given as JSON text, so it can be cached).

    Objects without `additionalProperties` are closed (as in OpenAI's strict mode),
    and whitespace is fixed, so a weak model cannot wander into extra keys or
    endless blank space before it closes the object.
    """
    import xllamacpp

    schema = _close_objects(json.loads(schema_json))
    schema["x-guidance"] = {
        "whitespace_flexible": False,
        "item_separator": JSON_ITEM_SEPARATOR,
        "key_separator": JSON_KEY_SEPARATOR,
    }
    try:
        return str(xllamacpp.json_schema_to_grammar(schema))
    except Exception as error:  # the converter raises plain exceptions for schemas it cannot express
        reason = _one_line(str(error))
        raise CapabilityError(f"llama.cpp cannot enforce this JSON schema ({reason}); simplify it") from None


def _close_objects(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            node.setdefault("additionalProperties", False)
        for key, value in node.items():
            if key not in ("enum", "const", "default", "examples"):
                _close_objects(value)
    elif isinstance(node, list):
        for item in node:
            _close_objects(item)
    return node


# -- calling the engine ----------------------------------------------------------------------


class _Collector:
    """Runs one request on a worker thread and gathers the whole reply there (no per-token hand-off)."""

    def __init__(self, server: Any) -> None:
        self._server = server
        self.parts: list[str] = []
        self.usage = Usage()
        self.finish_reason: str | None = None
        self.first_token_s: float | None = None
        self.latency_s = 0.0
        self.failure: Exception | None = None
        self.stopped = False
        self._start = 0.0

    def run(self, body: dict[str, Any]) -> None:
        self._start = time.perf_counter()
        try:
            self._server.handle_chat_completions(body, self._on_chunk)
        except Exception as error:  # turned into a CrispError for the caller
            self.failure = _call_error(error)
        self.latency_s = time.perf_counter() - self._start

    def _on_chunk(self, chunk: dict[str, Any]) -> bool:
        if "error" in chunk:
            self.failure = request_error(chunk["error"])
            return True
        for choice in chunk.get("choices") or ():
            text = choice.get("delta", {}).get("content")
            if text:
                if self.first_token_s is None:
                    self.first_token_s = time.perf_counter() - self._start
                self.parts.append(text)
            if choice.get("finish_reason"):
                self.finish_reason = choice["finish_reason"]
        if "usage" in chunk:
            self.usage = usage_from(chunk["usage"])
        return self.stopped


_END = object()


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class _ChunkRelay:
    """Hands chunks from the engine's worker thread to the event loop.

    The worker appends to a deque (thread-safe) and schedules a wake-up only when
    the consumer is parked on a waiter, so a consumer that keeps up costs one
    cross-thread call per wait, not per token. Order matters on both sides: the
    worker appends before it looks for a waiter; the consumer publishes its
    waiter before it looks at the deque again.
    """

    __slots__ = ("_chunks", "_loop", "_waiter", "stopped")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._chunks: collections.deque[Any] = collections.deque()
        self._waiter: asyncio.Future[None] | None = None
        self.stopped = False

    def push(self, chunk: Any) -> bool:
        """Worker thread: queue a chunk; True asks llama.cpp to stop generating."""
        self._chunks.append(chunk)
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            self._loop.call_soon_threadsafe(_wake, waiter)
        return self.stopped

    async def drain(self) -> list[Any]:
        """Event loop: wait for at least one chunk and take all that are queued."""
        chunks = self._chunks
        while not chunks:
            waiter = self._loop.create_future()
            self._waiter = waiter
            if chunks:
                self._waiter = None
                break
            await waiter
        taken = []
        while chunks:
            taken.append(chunks.popleft())
        return taken


def _relay_run(server: Any, body: dict[str, Any], relay: _ChunkRelay) -> None:
    try:
        server.handle_chat_completions(body, relay.push)
    except Exception as error:  # re-raised on the event loop side
        relay.push(error)
    relay.push(_END)


def _consume_result(future: asyncio.Future[Any]) -> None:
    # The worker reports through the relay; this only keeps asyncio from logging an unread result.
    if not future.cancelled():
        future.exception()


def request_error(error: Any) -> Exception:
    """The CrispError for an error object llama.cpp returned instead of a completion."""
    if not isinstance(error, dict):
        return BackendUnavailableError(f"llama.cpp failed: {_one_line(str(error))}")
    message = _one_line(str(error.get("message", "unknown error")))
    if error.get("type") == "exceed_context_size_error":
        return InputError(
            f"the conversation ({error.get('n_prompt_tokens', '?')} tokens) does not fit the model's context "
            f"({error.get('n_ctx', '?')} tokens); shorten it or raise n_ctx"
        )
    if "grammar" in message or "sampler" in message:
        return CapabilityError(f"llama.cpp cannot enforce this JSON schema ({message}); simplify it")
    return BackendUnavailableError(f"llama.cpp rejected the request ({message})")


def _call_error(error: BaseException) -> Exception:
    if isinstance(error, InputError | CapabilityError | BackendUnavailableError):
        return error
    return BackendUnavailableError(f"llama.cpp failed during generation ({_one_line(str(error))})")


def usage_from(raw: dict[str, Any]) -> Usage:
    details = raw.get("prompt_tokens_details") or {}
    return Usage(
        prompt_tokens=int(raw.get("prompt_tokens", 0)),
        completion_tokens=int(raw.get("completion_tokens", 0)),
        cached_tokens=int(details.get("cached_tokens", 0)),
    )


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


# -- GGUF structure (read only to explain a file llama.cpp refused) ---------------------------

# ggml type id -> (elements per block, bytes per block), for the common types;
# tensors of other types count as 0 bytes, which keeps the size check a lower bound.
_GGML_BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34), 9: (32, 36),
    10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176), 14: (256, 210), 15: (256, 292),
    24: (1, 1), 25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8), 30: (1, 2),
}  # fmt: skip
# GGUF metadata value type -> fixed size in bytes (8: string and 9: array are variable).
_GGUF_SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_SANE_COUNT = 10_000_000
_DEFAULT_ALIGNMENT = 32


class _Truncated(Exception):
    pass


class _Corrupt(Exception):
    pass


def gguf_problem(path: Path) -> str | None:
    """Why `path` is not a whole GGUF file (a short phrase), or None when its structure is intact.

    Reads the header and tensor table only; used to explain a load failure, not on every load.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            return _check_gguf(handle, size)
    except _Truncated:
        return f"the file is truncated ({size} bytes end inside its header)"
    except _Corrupt as error:
        return f"the file is corrupted ({error})"
    except OSError as error:
        return f"the file cannot be read ({error.strerror or error})"


def _check_gguf(handle: BinaryIO, size: int) -> str | None:
    def read(n: int) -> bytes:
        data = handle.read(n)
        if len(data) != n:
            raise _Truncated
        return data

    def number(fmt: str) -> int:
        value: int = struct.unpack("<" + fmt, read(struct.calcsize(fmt)))[0]
        return value

    def count(what: str) -> int:
        value = number("Q")
        if value > _SANE_COUNT:
            raise _Corrupt(f"implausible {what} {value}")
        return value

    def string() -> bytes:
        length = number("Q")
        if length > size:
            raise _Corrupt(f"a string of {length} bytes in a {size}-byte file")
        return read(length)

    def skip_value(kind: int) -> Any:
        if kind in _GGUF_SCALAR_SIZES:
            return read(_GGUF_SCALAR_SIZES[kind])
        if kind == 8:
            return string()
        if kind == 9:
            item_kind, items = number("I"), count("array length")
            if item_kind in _GGUF_SCALAR_SIZES:
                handle.seek(_GGUF_SCALAR_SIZES[item_kind] * items, 1)
                if handle.tell() > size:
                    raise _Truncated
            else:
                for _ in range(items):
                    skip_value(item_kind)
            return None
        raise _Corrupt(f"unknown metadata type {kind}")

    magic = read(4)
    if magic != GGUF_MAGIC:
        return f"it is not a GGUF file (it starts with {magic!r})"
    version = number("I")
    if version not in (2, 3):
        return f"unsupported GGUF version {version}"
    n_tensors, n_kv = count("tensor count"), count("metadata count")
    alignment = _DEFAULT_ALIGNMENT
    for _ in range(n_kv):
        key = string()
        kind = number("I")
        value = skip_value(kind)
        if key == b"general.alignment" and kind == 4 and value is not None:
            alignment = struct.unpack("<I", value)[0] or _DEFAULT_ALIGNMENT
    data_end = 0
    for _ in range(n_tensors):
        string()
        n_dims = number("I")
        if n_dims > 8:
            raise _Corrupt(f"a tensor with {n_dims} dimensions")
        elements = 1
        for _ in range(n_dims):
            elements *= number("Q")
        ggml_type, offset = number("I"), number("Q")
        block, block_bytes = _GGML_BLOCKS.get(ggml_type, (1, 0))
        data_end = max(data_end, offset + elements // block * block_bytes)
    data_start = -(-handle.tell() // alignment) * alignment
    if size < data_start + data_end:
        return f"the file is truncated ({size} bytes; its tensors need at least {data_start + data_end})"
    return None
