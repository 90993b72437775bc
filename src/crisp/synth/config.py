"""The settings of a synthesis run: one pydantic model, read from YAML and/or CLI flags.

Settings the user does not give (flag or config file) take their defaults from `defaults`: `full`
(the SynthConfig defaults, for a strong teacher), `small` (`SMALL_MODEL_DEFAULTS`, for a small model
on a CPU), or `auto` (small when every model of the run is an embedded one, else full).

Settings split in two: those that change what a dialogue says (`output_settings`: models, sampling,
granularity, plan limits, hints, filters, random seed...) enter every job's key and must match when
a run folder is resumed; the others (where the seeds come from, which languages, how many dialogues,
concurrency, cost rates, timeouts) only decide which jobs run and how fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crisp.cr.plan import DEFAULT_MAX_CHANNELS, DEFAULT_MAX_LOOPS
from crisp.cr.taxonomy import Lang
from crisp.dialogue.crdial import DEFAULT_MAX_TURNS_PER_STEP, DEFAULT_MIN_TURNS_PER_STEP
from crisp.dialogue.runner import DEFAULT_MAX_TURNS
from crisp.errors import ConfigError
from crisp.llm.base import MAX_NEW_TOKENS_LIMIT
from crisp.synth.filters import FilterSettings

MAX_CONCURRENCY = 4096
MAX_PER_SEED = 1000
ResistanceOption = Literal["low", "medium", "high", "mixed"]
Granularity = Literal["turn", "segment"]
DefaultsOption = Literal["auto", "small", "full"]

# What a small model on a CPU can complete in a few minutes: one call per sub-step, one distortion
# taken through one loop, one exchange a sub-step (a second doubled what the model wrote, most of a
# dialogue's time, and gave it room to loop), no commonsense hints (a small model copies them into the
# dialogue, and they cost a call and prompt tokens on every step), and a context that holds the
# longest segment prompt of such a dialogue plus one reply. The DRY penalty keeps a small model from
# copying the dialogue it is shown (its own earlier turns, word for word); a flat repetition penalty
# taxed every common word instead and let a JSON string run to its bound.
SMALL_MODEL_DEFAULTS: dict[str, Any] = {
    "granularity": "segment",
    "max_channels": 1,
    "max_loops": 1,
    "segment_max_exchanges": 1,
    "hints": "off",
    "n_ctx": 6144,
    "dry_multiplier": 0.8,
}

# Settings that do not change what a dialogue says: left out of job keys and of the resume check.
RUN_ONLY_SETTINGS = frozenset({
    "defaults", "seeds", "out", "langs", "category", "limit", "concurrency", "screen", "cache", "max_attempts",
    "cost_per_million_input", "cost_per_million_output", "timeout_s", "max_retries", "n_ctx",
    "max_consecutive_backend_failures",
})


class SynthConfig(BaseModel):
    """Everything `crisp synth run` needs. YAML keys and CLI flags use the same names."""

    model_config = ConfigDict(extra="forbid")

    seeds: str = "builtin"
    out: Path
    models: list[str] = Field(default_factory=lambda: ["default"], min_length=1)
    judge: str | None = None
    langs: list[Lang] = Field(default_factory=lambda: [Lang.EN, Lang.ZH], min_length=1)
    category: str | None = None
    per_seed: int = Field(default=1, ge=1, le=MAX_PER_SEED)
    limit: int | None = Field(default=None, ge=1)
    concurrency: int = Field(default=8, ge=1, le=MAX_CONCURRENCY)
    granularity: Granularity = "turn"
    max_channels: int = Field(default=DEFAULT_MAX_CHANNELS, ge=1, le=50)
    max_loops: int = Field(default=DEFAULT_MAX_LOOPS, ge=1, le=20)
    max_turns: int = Field(default=DEFAULT_MAX_TURNS, ge=2, le=1000)
    min_turns_per_step: int = Field(default=DEFAULT_MIN_TURNS_PER_STEP, ge=1, le=20)
    max_turns_per_step: int = Field(default=DEFAULT_MAX_TURNS_PER_STEP, ge=1, le=20)
    segment_max_exchanges: int = Field(default=3, ge=1, le=10)
    resistance: ResistanceOption = "mixed"
    hints: str = "teacher"
    random_seed: int = Field(default=0, ge=0)
    temperature: float | None = Field(default=0.8, ge=0.0, le=2.0)
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    repetition_penalty: float | None = Field(default=None, ge=1.0, le=2.0)  # None: the backend's own (off)
    dry_multiplier: float | None = Field(default=None, ge=0.0, le=5.0)  # None: the backend's own (off)
    max_new_tokens: int = Field(default=1024, ge=16, le=MAX_NEW_TOKENS_LIMIT)
    judge_max_new_tokens: int = Field(default=512, ge=16, le=MAX_NEW_TOKENS_LIMIT)
    filters: FilterSettings = Field(default_factory=FilterSettings)
    screen: bool = True
    cache: bool = True
    max_attempts: int = Field(default=2, ge=1, le=10)
    max_consecutive_backend_failures: int = Field(default=20, ge=1)
    cost_per_million_input: float = Field(default=0.0, ge=0.0)
    cost_per_million_output: float = Field(default=0.0, ge=0.0)
    timeout_s: float = Field(default=300.0, gt=0.0)
    max_retries: int = Field(default=4, ge=0, le=20)
    n_ctx: int = Field(default=8192, ge=512)
    # Where unset settings come from; `load_config` resolves `auto`, so a manifest says small or full.
    defaults: DefaultsOption = "auto"

    @field_validator("hints", mode="before")
    @classmethod
    def _hints_off(cls, value: Any) -> Any:
        return "off" if value is False else value  # YAML reads a bare `off` as false

    @field_validator("hints")
    @classmethod
    def _hints(cls, value: str) -> str:
        kind, _, target = value.strip().partition(":")
        if (kind in ("off", "teacher") and not target) or (kind == "atomic" and target):
            return value.strip()
        raise ValueError("use off, teacher or atomic:PATH")

    @field_validator("langs", mode="before")
    @classmethod
    def _langs(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [x.strip() for x in value.split(",") if x.strip()]
        return value

    def output_settings(self) -> dict[str, Any]:
        """The settings that change what a dialogue says, as JSON-ready values."""
        data = self.model_dump(mode="json")
        return {k: v for k, v in sorted(data.items()) if k not in RUN_ONLY_SETTINGS}


@dataclass(frozen=True)
class DefaultsChoice:
    """Which defaults a config took for the settings it was not given, and why."""

    kind: Literal["small", "full"]
    reason: str
    chosen: dict[str, Any]  # the small-model settings put in (empty for full)

    def line(self) -> str:
        """One line for the user: what was chosen and why."""
        if self.kind == "full":
            return f"defaults: full, {self.reason}"
        chosen = ", ".join(f"{k}={v}" for k, v in self.chosen.items()) or "every one was given"
        return f"defaults: for a small model on a CPU, {self.reason}: {chosen} (a flag or --defaults full overrides)"


def choose_defaults(data: dict[str, Any]) -> DefaultsChoice | None:
    """The defaults for the settings `data` (file and flags together) does not give; None when `data`
    holds no valid `defaults` or `models` (validation then says what is wrong)."""
    from crisp.llm.registry import is_embedded

    wanted = data.get("defaults", "auto")
    models = data.get("models", SynthConfig.model_fields["models"].get_default(call_default_factory=True))
    if wanted not in ("auto", "small", "full") or not isinstance(models, list):
        return None
    if wanted != "auto":
        kind, reason = wanted, "as asked"
    elif all(isinstance(m, str) and is_embedded(m) for m in models):
        kind, reason = "small", f"as every model is embedded ({', '.join(models)})"
    else:
        kind, reason = "full", "as not every model is embedded"
    chosen = {k: v for k, v in SMALL_MODEL_DEFAULTS.items() if k not in data} if kind == "small" else {}
    return DefaultsChoice(kind, reason, chosen)


def load_config(path: str | Path | None, overrides: dict[str, Any]) -> SynthConfig:
    """A config from a YAML file (optional) with CLI values on top; unknown keys are refused."""
    return resolve_config(path, overrides)[0]


def resolve_config(path: str | Path | None, overrides: dict[str, Any]) -> tuple[SynthConfig, DefaultsChoice | None]:
    """`load_config`, with the defaults that were chosen for the settings neither the file nor a flag gave."""
    data: dict[str, Any] = {}
    if path is not None:
        file = Path(path)
        try:
            loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {file} does not exist") from None
        except yaml.YAMLError as error:
            raise ConfigError(f"{file}: not valid YAML ({' '.join(str(error).split())[:200]})") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{file}: expected a mapping of settings at the top level")
        data.update(loaded or {})
    data.update({k: v for k, v in overrides.items() if v is not None})
    choice = choose_defaults(data)
    if choice is not None:
        data = {**data, **choice.chosen, "defaults": choice.kind}
    try:
        return SynthConfig.model_validate(data), choice
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"]) or "config"
        source = f"{path}: " if path else ""
        raise ConfigError(f"{source}{where}: {problem['msg']}") from None
