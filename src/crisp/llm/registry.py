"""Model spec strings, resolved in one registry.

Accepted forms (DESIGN.md, "Models and backends"):

    default, default:lite          the embedded GGUF models, through llama.cpp
    gguf:PATH                      any GGUF file, through llama.cpp
    hf:NAME_OR_PATH                transformers (a hub name or a local directory)
    openai:MODEL                   the OpenAI API (key from OPENAI_API_KEY)
    http[s]://HOST[:PORT]/v1#MODEL any OpenAI-compatible server (vLLM, llama.cpp, Ollama)

Backends are imported only when used, so `crisp --help` stays instant and
torch is never imported for a GGUF model.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from crisp.errors import ModelSpecError

if TYPE_CHECKING:
    from crisp.llm.base import ChatModel

ACCEPTED_FORMS = (
    "default, default:lite, gguf:PATH, hf:NAME_OR_PATH, openai:MODEL, "
    "http[s]://HOST:PORT/v1#MODEL"
)


@dataclass(frozen=True)
class ModelSpec:
    """A parsed model spec: which backend (`kind`) and what it points at (`target`).

    For `http` specs `target` is the base URL and `served_model` the name after `#`; for
    `openai` specs both are the model name; elsewhere `served_model` is None.
    """

    kind: str
    target: str
    raw: str
    served_model: str | None = None

    @property
    def identity(self) -> str:
        """What the spec names, independent of where it is served: `http(s)://HOST/v1#NAME` -> `http#NAME`."""
        return f"http#{self.served_model}" if self.kind == "http" else self.raw


class ModelOptions(BaseModel):
    """Settings a backend may use; each backend reads the ones that apply to it."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    max_concurrency: int = Field(default=8, ge=1, le=4096)
    cache: Any = None  # a ResponseCache, or None for no caching
    # HTTP backends
    timeout_s: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=4, ge=0, le=20)
    api_key: str | None = None
    extra_body: dict[str, Any] = Field(default_factory=dict)
    # llama.cpp backend
    n_ctx: int = Field(default=8192, ge=256)
    n_threads: int | None = Field(default=None, ge=1)
    n_parallel: int = Field(default=1, ge=1, le=256)
    # transformers backend
    device_map: str | None = "auto"


# kind -> "module:factory"; a factory takes (ModelSpec, ModelOptions) and returns a ChatModel.
BACKENDS: dict[str, str] = {
    "default": "crisp.llm.llamacpp:from_spec",
    "gguf": "crisp.llm.llamacpp:from_spec",
    "hf": "crisp.llm.transformers_backend:from_spec",
    "openai": "crisp.llm.openai_http:from_spec",
    "http": "crisp.llm.openai_http:from_spec",
}


def parse_spec(spec: str) -> ModelSpec:
    raw = spec.strip()
    if raw in ("default", "default:lite"):
        return ModelSpec("default", raw.partition(":")[2] or "standard", raw)
    if raw.startswith(("http://", "https://")):
        url, _, model = raw.partition("#")
        if not model:
            raise ModelSpecError(
                f"model spec {spec!r} names no model; add it after '#', e.g. http://127.0.0.1:8000/v1#qwen2.5-7b"
            )
        return ModelSpec("http", url, raw, served_model=model)
    kind, sep, target = raw.partition(":")
    if sep and kind in BACKENDS and kind not in ("default", "http") and target:
        return ModelSpec(kind, target, raw, served_model=target if kind == "openai" else None)
    raise ModelSpecError(f"unknown model spec {spec!r}; accepted forms: {ACCEPTED_FORMS}")


def is_embedded(spec: str) -> bool:
    """True when `spec` names one of the embedded models (small, run on this machine's CPU)."""
    try:
        return parse_spec(spec).kind == "default"
    except ModelSpecError:
        return False


def prepare_model(spec: str, progress: Callable[[int, int], None] | None = None) -> ModelSpec:
    """Parse `spec` and, for an embedded model, assemble its file on first use (blocking), calling
    `progress(done, total)` as it goes. Other specs are only parsed: a bad one fails here, before
    anything loads."""
    parsed = parse_spec(spec)
    if parsed.kind == "default":
        from crisp.llm.embedded import ensure_embedded_model

        ensure_embedded_model(parsed.raw, progress=progress)
    return parsed


def load_model(spec: str, options: ModelOptions | None = None, **overrides: Any) -> ChatModel:
    """Resolve a spec string to a ready backend. Blocking: loads weights for local models."""
    parsed = parse_spec(spec)
    opts = ModelOptions(**{**dict(options or ModelOptions()), **overrides})
    module_name, _, factory_name = BACKENDS[parsed.kind].partition(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    return factory(parsed, opts)
