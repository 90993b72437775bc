"""Local Hugging Face models (`hf:NAME_OR_PATH`) through transformers, the Crispers way.

The recipe is the one the Crispers release publishes, step for step:
`AutoModelForCausalLM.from_pretrained(name, torch_dtype="auto", device_map="auto")`,
`AutoTokenizer.from_pretrained(name)`, `apply_chat_template(messages,
add_generation_prompt=True)`, `generate(max_new_tokens=...)`, and the new tokens
decoded with `skip_special_tokens=True`. Sampling defaults come from the
model's own `generation_config.json`; only what `GenerationParams` sets is
overridden (`max_new_tokens` always; `temperature`, `top_p`, `seed` when given;
temperature 0 means greedy).

Generation is blocking, so it runs in a worker thread (`asyncio.to_thread`);
streaming hands decoded text from that thread to the event loop as it is
produced. One generation runs at a time per model: a single forward pass
already uses the whole device, and interleaving two would only slow both.

Not here: batching several requests into one forward pass, quantisation,
speculative decoding, or any download the user did not ask for (a hub name is
fetched by transformers' own cache, exactly as the release snippet would; a
local directory never touches the network). For high throughput, serve the
same directory with vLLM and use the `http://...#model` backend.

Seeds: torch has one random generator per device for the whole process. A
seeded call forks it (the caller's random state is left as it was), but
another sampling generation running at the same moment in another model
draws from the same generator, so seeds reproduce when one model samples at a
time, as in tests and evaluation runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib.util
import os
import re
import threading
import weakref
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisp.cr.target_format import read_model_format
from crisp.errors import BackendUnavailableError, CrispError, ModelFileError, ModelNotInstalledError
from crisp.llm.base import (
    Capabilities,
    ChatModel,
    Completion,
    GenerationParams,
    Message,
    StreamDelta,
    Usage,
    as_messages,
)
from crisp.llm.registry import ModelOptions, ModelSpec

INSTALL_HINT = "pip install torch==2.13.0, then pip install 'crisp-cr[hf]'"

try:
    import torch
    import transformers
    from packaging.version import Version
    from transformers import (
        AutoModelForCausalLM,
        AutoTokenizer,
        StoppingCriteria,
        StoppingCriteriaList,
        TextStreamer,
    )
except ImportError as error:  # the registry imports this module only for hf: specs
    raise ModelNotInstalledError(
        f"hf: models need torch and transformers, which are not installed ({error}); {INSTALL_HINT}"
    ) from None

# transformers 4.56 renamed from_pretrained's `torch_dtype` to `dtype` and warns on the old name.
DTYPE_ARG = "dtype" if Version(transformers.__version__) >= Version("4.56.0") else "torch_dtype"

# Files whose presence makes a directory a loadable model (full weights or a PEFT adapter).
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
ADAPTER_CONFIG = "adapter_config.json"
# `owner/name` or a bare `name`, as the hub spells model ids.
HUB_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?")
# Sampling-only settings that greedy decoding clears, so transformers does not warn about them.
SAMPLING_ONLY = ("temperature", "top_p", "top_k", "min_p", "typical_p", "epsilon_cutoff", "eta_cutoff")
# A token is at least one byte, so the last (stop length in bytes + this) tokens contain any stop string
# that the newest token completed, with room for special tokens in between.
STOP_WINDOW_SLACK = 4
ERROR_DETAIL_CHARS = 200
OUT_OF_MEMORY = (MemoryError, getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError))


def from_spec(spec: ModelSpec, options: ModelOptions) -> TransformersModel:
    """Load `spec.target` (a hub name or a local directory) and wrap it as a ChatModel. Blocking."""
    model, tokenizer = load_pretrained(spec.target, device_map=options.device_map)
    chat = TransformersModel(spec.raw, model, tokenizer, max_concurrency=options.max_concurrency, cache=options.cache)
    local = _local_directory(spec.target)
    if local is not None:  # a crisp train model folder says how it writes; a hub model is the release recipe
        chat.trained_format = read_model_format(local)
    return chat


# -- loading -------------------------------------------------------------------------------


def load_pretrained(target: str, *, device_map: str | None = "auto") -> tuple[Any, Any]:
    """`(model, tokenizer)` for a hub name or a local directory, with failures as CrispErrors."""
    if device_map is not None and importlib.util.find_spec("accelerate") is None:
        raise ModelNotInstalledError(
            f"device_map={device_map!r} needs accelerate, which is not installed; {INSTALL_HINT}"
        )
    local = _local_directory(target)
    source = str(local) if local is not None else target
    kwargs: dict[str, Any] = {DTYPE_ARG: "auto"}
    if device_map is not None:
        kwargs["device_map"] = device_map
    try:
        tokenizer = AutoTokenizer.from_pretrained(source)
        model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
    except OUT_OF_MEMORY:
        raise BackendUnavailableError(
            f"not enough memory to load {target!r}; free memory, use a smaller model, or serve it with vLLM "
            "and use an http://...#model spec"
        ) from None
    except Exception as error:  # transformers raises OSError, ValueError, hub and safetensors errors
        raise (_local_load_error(local, error) if local is not None else _hub_load_error(target, error)) from None
    if not getattr(tokenizer, "chat_template", None):
        raise ModelFileError(
            f"{target!r} has no chat template (chat_template.jinja or 'chat_template' in tokenizer_config.json); "
            "hf: needs a chat model such as thu-coai/Crispers-7B-v1 or a *-Instruct model"
        )
    model.eval()
    return model, tokenizer


def _local_directory(target: str) -> Path | None:
    """The checked directory when `target` names a local path, None when it is a hub name."""
    path = Path(target).expanduser()
    path_like = target.startswith((".", "/", "~")) or "\\" in target or target.count("/") > 1
    if not path.exists():
        if path_like or not HUB_NAME.fullmatch(target):
            raise ModelFileError(
                f"no model directory at {str(path)!r}; check the path, or name a hub model "
                "such as hf:thu-coai/Crispers-7B-v1"
            )
        return None
    if not path.is_dir():
        hint = f"; for a GGUF file use gguf:{target}" if path.suffix == ".gguf" else ""
        raise ModelFileError(
            f"{str(path)!r} is a file; hf: needs a transformers model directory "
            f"(config.json, weights, tokenizer files){hint}"
        )
    if (path / ADAPTER_CONFIG).is_file():
        return path
    if not (path / "config.json").is_file():
        raise ModelFileError(
            f"{str(path)!r} has no config.json, so it is not a transformers model directory "
            "(expected config.json, *.safetensors and tokenizer files, as save_pretrained writes them)"
        )
    if not any((path / name).is_file() for name in WEIGHT_FILES) and not any(path.glob("*.safetensors")):
        raise ModelFileError(
            f"{str(path)!r} has config.json but no weights (model.safetensors or pytorch_model.bin); "
            "the copy may be incomplete"
        )
    return path


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:ERROR_DETAIL_CHARS]


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _local_load_error(path: Path, error: BaseException) -> CrispError:
    return ModelFileError(
        f"could not load the model in {str(path)!r} ({_first_line(error)}); the directory may be incomplete "
        "or corrupted: copy it again or re-run save_pretrained"
    )


def _hub_load_error(name: str, error: BaseException) -> CrispError:
    kinds = {type(e).__name__ for e in _causes(error)}
    text = " ".join(str(e) for e in _causes(error))
    if "GatedRepoError" in kinds:
        return BackendUnavailableError(
            f"{name!r} is gated on the Hugging Face hub; accept its terms on the model page and log in "
            "with `hf auth login`"
        )
    if "RepositoryNotFoundError" in kinds or "not a valid model identifier" in text:
        return ModelFileError(
            f"no model {name!r} on the Hugging Face hub; check the name, or give a local directory as hf:./path"
        )
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return BackendUnavailableError(
            f"{name!r} is not in the local Hugging Face cache and HF_HUB_OFFLINE is set; download it once "
            "(unset HF_HUB_OFFLINE on a connected machine), or use a local directory as hf:/path/to/model"
        )
    return BackendUnavailableError(
        f"could not get {name!r} from the Hugging Face hub ({_first_line(error)}); check the connection, "
        "or use a local directory as hf:/path/to/model"
    )


# -- generation ----------------------------------------------------------------------------


@dataclass
class _Generated:
    """What one generate call produced, decoded."""

    text: str
    finish_reason: str
    usage: Usage


class _Stop(StoppingCriteria):
    """Ends generation when a stop string appears in the new text, or when the caller gave up."""

    def __init__(self, tokenizer: Any, prompt_tokens: int, stops: Sequence[str], cancel: threading.Event) -> None:
        self._tokenizer = tokenizer
        self._prompt_tokens = prompt_tokens
        self._stops = tuple(s for s in stops if s)
        self._window = max((len(s.encode()) for s in self._stops), default=0) + STOP_WINDOW_SLACK
        self._cancel = cancel

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        done = self._cancel.is_set()
        if not done and self._stops:
            start = max(self._prompt_tokens, input_ids.shape[1] - self._window)
            tail = self._tokenizer.decode(input_ids[0, start:].tolist(), skip_special_tokens=True)
            done = any(stop in tail for stop in self._stops)
        return torch.full((input_ids.shape[0],), done, dtype=torch.bool, device=input_ids.device)


class _LoopStreamer(TextStreamer):
    """transformers' incremental decoder, handing each finished piece of text to an asyncio queue.

    `TextIteratorStreamer` would make the event loop block on a thread queue (one
    thread hop per piece); this puts pieces straight onto the loop instead. The
    generation thread calls `close()` when it ends, however it ends.
    """

    def __init__(self, tokenizer: Any, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
        super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
        self._loop = loop
        self._queue = queue

    def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
        if text:
            self._send(text)

    def close(self) -> None:
        self._send(None)

    def _send(self, item: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is listening any more
            self._loop.call_soon_threadsafe(self._queue.put_nowait, item)


def first_stop(text: str, stops: Sequence[str], start: int = 0) -> int | None:
    """Where to cut `text`: the start of the stop string that ends first (as a stream would meet it)."""
    best: tuple[int, int] | None = None
    for stop in stops:
        if not stop:
            continue
        at = text.find(stop, start)
        if at != -1 and (best is None or (at + len(stop), at) < best):
            best = (at + len(stop), at)
    return None if best is None else best[1]


def _partial_stop(text: str, stops: Sequence[str]) -> int:
    """Length of the longest end of `text` that could be the start of a stop string."""
    longest = 0
    for stop in stops:
        for size in range(min(len(stop) - 1, len(text)), longest, -1):
            if text.endswith(stop[:size]):
                longest = size
                break
    return longest


class _StopScanner:
    """Passes streamed text through, cut at the first stop string and holding back what may begin one."""

    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = tuple(s for s in stops if s)
        self._text = ""
        self._sent = 0
        self.stopped = False

    def feed(self, piece: str) -> str:
        if self.stopped:
            return ""
        self._text += piece
        # Nothing before `_sent` can start a stop string: such text was held back.
        cut = first_stop(self._text, self._stops, self._sent)
        if cut is not None:
            self.stopped = True
        else:
            cut = len(self._text) - _partial_stop(self._text, self._stops)
        out, self._sent = self._text[self._sent : cut], cut
        return out

    def flush(self) -> str:
        if self.stopped:
            return ""
        out, self._sent = self._text[self._sent :], len(self._text)
        return out


class TransformersModel(ChatModel):
    """A causal LM and its tokenizer, loaded with transformers, behind the one chat interface."""

    capabilities = Capabilities(streaming=True, constrained_output=False)

    def __init__(self, spec: str, model: Any, tokenizer: Any, *, max_concurrency: int = 8, cache: Any = None) -> None:
        super().__init__(spec, max_concurrency=max_concurrency, cache=cache)
        self.model = model
        self.tokenizer = tokenizer
        eos = model.generation_config.eos_token_id
        eos = tokenizer.eos_token_id if eos is None else eos
        self._eos_ids = frozenset([eos] if isinstance(eos, int) else (eos or ()))
        self._pad_id = None
        if model.generation_config.pad_token_id is None:
            pad = tokenizer.pad_token_id
            self._pad_id = pad if pad is not None else min(self._eos_ids, default=None)
        # One generation at a time: an asyncio lock per event loop keeps waiting callers off the thread
        # pool, and a thread lock guards the model itself (callers on two loops, a closing model).
        self._thread_lock = threading.Lock()
        self._loop_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self._closed = False

    # -- prompt and settings ------------------------------------------------------------------
    def prompt_text(self, messages: Sequence[Message | dict[str, str]]) -> str:
        """The exact text the model is given: the model's own chat template with a generation prompt."""
        turns = [m.model_dump() for m in as_messages(messages)]
        return self.tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True)

    def generation_kwargs(self, params: GenerationParams) -> dict[str, Any]:
        """What `generate` gets on top of the model's generation_config: only what `params` sets."""
        kwargs: dict[str, Any] = {"max_new_tokens": params.max_new_tokens}
        if params.temperature == 0:
            kwargs["do_sample"] = False
            for name in SAMPLING_ONLY:
                if getattr(self.model.generation_config, name, None) is not None:
                    kwargs[name] = None
        else:
            if params.temperature is not None:
                kwargs.update(do_sample=True, temperature=params.temperature)
            if params.top_p is not None:
                kwargs.update(do_sample=True, top_p=params.top_p)
        if self._pad_id is not None:
            kwargs["pad_token_id"] = self._pad_id
        return kwargs

    # -- the blocking part, run in a worker thread --------------------------------------------
    def _generate(
        self,
        messages: list[Message],
        params: GenerationParams,
        cancel: threading.Event,
        streamer: _LoopStreamer | None = None,
    ) -> _Generated:
        try:
            with self._thread_lock:
                if self._closed:
                    raise BackendUnavailableError(f"model {self.spec!r} was closed; load it again to use it")
                if cancel.is_set():
                    return _Generated("", "cancelled", Usage())
                encoded = self.tokenizer(self.prompt_text(messages), return_tensors="pt", add_special_tokens=False)
                encoded = encoded.to(self.model.device)
                prompt_tokens = int(encoded["input_ids"].shape[1])
                stop = _Stop(self.tokenizer, prompt_tokens, params.stop, cancel)
                try:
                    with _seeded(params.seed), torch.inference_mode():
                        output = self.model.generate(
                            **encoded,
                            **self.generation_kwargs(params),
                            stopping_criteria=StoppingCriteriaList([stop]),
                            streamer=streamer,
                        )
                except OUT_OF_MEMORY:
                    _release_cached_memory()
                    raise BackendUnavailableError(
                        f"model {self.spec!r} ran out of memory generating for a {prompt_tokens}-token prompt; "
                        "shorten the conversation or lower max_new_tokens"
                    ) from None
                # Decoded here too, under the lock: the tokenizer is not shared with a running generation.
                return self._result(prompt_tokens, output[0, prompt_tokens:].tolist(), params, cancel.is_set())
        finally:
            if streamer is not None:
                streamer.close()

    def _result(self, prompt_tokens: int, new_ids: list[int], params: GenerationParams, cancelled: bool) -> _Generated:
        text = self.tokenizer.decode(new_ids, skip_special_tokens=True)
        cut = first_stop(text, params.stop)
        if cut is not None:
            text, reason = text[:cut], "stop"
        elif cancelled:
            reason = "cancelled"
        elif new_ids and new_ids[-1] in self._eos_ids:
            reason = "stop"
        elif len(new_ids) >= params.max_new_tokens:
            reason = "length"
        else:
            reason = "stop"
        return _Generated(text, reason, Usage(prompt_tokens=prompt_tokens, completion_tokens=len(new_ids)))

    def _turn(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._loop_locks.get(loop)
        if lock is None:
            lock = self._loop_locks[loop] = asyncio.Lock()
        return lock

    # -- ChatModel ----------------------------------------------------------------------------
    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        cancel = threading.Event()
        async with self._turn():
            try:
                generated = await asyncio.to_thread(self._generate, messages, params, cancel)
            except asyncio.CancelledError:
                cancel.set()  # the thread stops at its next token
                raise
        return Completion(
            text=generated.text, model=self.spec, usage=generated.usage, finish_reason=generated.finish_reason
        )

    async def _stream(self, messages: list[Message], params: GenerationParams) -> AsyncIterator[StreamDelta]:
        cancel = threading.Event()
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        streamer = _LoopStreamer(self.tokenizer, asyncio.get_running_loop(), queue)
        scanner = _StopScanner(params.stop)
        async with self._turn():
            worker = asyncio.ensure_future(asyncio.to_thread(self._generate, messages, params, cancel, streamer))
            try:
                while (piece := await queue.get()) is not None:
                    if text := scanner.feed(piece):
                        yield StreamDelta(text=text)
                generated = await worker
                if text := scanner.flush():
                    yield StreamDelta(text=text)
                yield StreamDelta(usage=generated.usage, finish_reason=generated.finish_reason)
            finally:
                if not worker.done():
                    cancel.set()  # closed early: stop generating, and wait so the next call starts clean
                    await asyncio.wait({worker})
                if not worker.cancelled():
                    worker.exception()  # an error after the consumer left is not worth a loop warning

    async def aclose(self) -> None:
        """Drop the weights and return accelerator memory; later calls raise BackendUnavailableError."""

        def release() -> None:
            with self._thread_lock:
                self._closed = True
                self.model = None
            _release_cached_memory()

        await asyncio.to_thread(release)


def _release_cached_memory() -> None:
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


@contextlib.contextmanager
def _seeded(seed: int | None) -> Iterator[None]:
    """Seed torch for one generation without changing the caller's random state."""
    if seed is None:
        yield
        return
    devices = list(range(torch.cuda.device_count())) if torch.cuda.is_available() else []
    with torch.random.fork_rng(devices=devices):
        torch.manual_seed(seed)
        yield
