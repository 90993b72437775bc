"""The `crisp train sft` config: one pydantic model, read from YAML, overridden by `--set key=value`.

Every section refuses unknown keys; a bad key is named with the nearest valid
one. Overrides use the same dotted names as the file (`schedule.epochs=1`) and
are parsed as YAML scalars (`true`, `2e-5`, `[q_proj, v_proj]`).
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crisp.cr.tags import TagStyle
from crisp.cr.target_format import SystemPromptChoice, TargetFormat, check_tag_style
from crisp.errors import ConfigError

MAX_LENGTH_LIMIT = 131_072


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSection(_Section):
    # `default:lite` / `default` (the embedded GGUF, dequantised), `hf:NAME_OR_DIR`, or a local directory.
    name: str
    attn_implementation: Literal["sdpa", "eager", "flash_attention_2"] = "sdpa"
    gradient_checkpointing: bool = False


class Truncation(StrEnum):
    DROP = "drop"  # leave out examples longer than max_length
    CUT = "cut"  # keep their first max_length tokens


class DataSection(_Section):
    # A `crisp data split` folder, Crisp records (JSONL), or a `messages`/`sharegpt` export (JSONL).
    path: Path | None = None
    valid_ratio: float = Field(default=0.05, ge=0.0, lt=1.0)  # when the input is not a split folder
    max_dialogues: int | None = Field(default=None, ge=1)  # first N training dialogues, in file order
    max_length: int = Field(default=4096, ge=16, le=MAX_LENGTH_LIMIT)
    truncation: Truncation = Truncation.DROP
    packing: bool = True
    skip_invalid: bool = False


class TargetSection(_Section):
    format: TargetFormat = TargetFormat.FULL
    tags: TagStyle = TagStyle.INLINE
    system: SystemPromptChoice = "peppy"

    @model_validator(mode="after")
    def _tags_fit(self) -> TargetSection:
        check_tag_style(self.format, self.tags)
        return self


class MethodKind(StrEnum):
    LORA = "lora"
    QLORA = "qlora"
    FULL = "full"


class LoraSection(_Section):
    r: int = Field(default=16, ge=1)
    alpha: int = Field(default=32, ge=1)
    dropout: float = Field(default=0.05, ge=0.0, lt=1.0)
    target_modules: list[str] | Literal["all-linear"] = "all-linear"


class MethodSection(_Section):
    kind: MethodKind = MethodKind.LORA
    lora: LoraSection = Field(default_factory=LoraSection)


class OptimizerSection(_Section):
    name: str = "adamw_torch"  # any transformers `optim` value
    learning_rate: float = Field(default=2e-4, gt=0)
    weight_decay: float = Field(default=0.0, ge=0)
    adam_beta1: float = 0.9
    adam_beta2: float = 0.999
    max_grad_norm: float = Field(default=1.0, gt=0)


class ScheduleSection(_Section):
    epochs: float = Field(default=3.0, gt=0)
    max_steps: int | None = Field(default=None, ge=1)
    batch_size: int = Field(default=1, ge=1)  # per device
    gradient_accumulation: int = Field(default=1, ge=1)
    warmup_ratio: float = Field(default=0.03, ge=0, lt=1)
    lr_scheduler: str = "cosine"


class Precision(StrEnum):
    AUTO = "auto"  # bf16 where supported, else fp16 on GPU, fp32 on CPU
    BF16 = "bf16"
    FP16 = "fp16"
    FP32 = "fp32"


class LoggingSection(_Section):
    steps: int = Field(default=10, ge=1)
    eval_steps: int | None = Field(default=None, ge=1)  # None: validation loss at the end only
    save_steps: int = Field(default=500, ge=1)
    save_total_limit: int | None = Field(default=2, ge=1)
    report_to: list[str] = Field(default_factory=lambda: ["tensorboard"])


class OutputSection(_Section):
    dir: Path = Path("runs/crisp-sft")


class TrainConfig(_Section):
    model: ModelSection
    data: DataSection = Field(default_factory=DataSection)
    target: TargetSection = Field(default_factory=TargetSection)
    method: MethodSection = Field(default_factory=MethodSection)
    optimizer: OptimizerSection = Field(default_factory=OptimizerSection)
    schedule: ScheduleSection = Field(default_factory=ScheduleSection)
    precision: Precision = Precision.AUTO
    logging: LoggingSection = Field(default_factory=LoggingSection)
    output: OutputSection = Field(default_factory=OutputSection)
    seed: int = 0


def valid_keys(model: type[BaseModel] = TrainConfig, prefix: str = "") -> list[str]:
    """Every dotted key of the config, sections and leaves."""
    keys = []
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        keys.append(key)
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys += valid_keys(annotation, key + ".")
    return keys


def _suggest(key: str) -> str:
    keys = valid_keys()
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.5)
    if not close:  # a right leaf under a wrong section: match on the last part
        leaf = key.rsplit(".", 1)[-1]
        close = [k for k in keys if k.rsplit(".", 1)[-1] == leaf][:1]
    return f"; did you mean {close[0]!r}?" if close else ""


def _error_text(error: ValidationError, source: str) -> str:
    first = error.errors()[0]
    key = ".".join(str(p) for p in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"{source}: unknown key {key!r}{_suggest(key)}"
    if first["type"] == "missing":
        return f"{source}: {key!r} is required"
    return f"{source}: {key or 'config'}: {first['msg']}"


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    node = data
    for part in parts[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise ConfigError(f"--set {key}: {part!r} is a value, not a section{_suggest(key)}")
        node = child
    node[parts[-1]] = value


def parse_override(text: str) -> tuple[str, Any]:
    import yaml

    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"--set {text!r}: expected key=value, e.g. --set schedule.epochs=1")
    if key not in valid_keys():
        raise ConfigError(f"--set {key}: unknown key{_suggest(key)}")
    try:
        return key, yaml.safe_load(raw) if raw.strip() else None
    except yaml.YAMLError:
        return key, raw


def load_config(path: Path | None, overrides: list[tuple[str, Any]] = ()) -> TrainConfig:  # type: ignore[assignment]
    """The config of `path` (YAML) with `overrides` applied; ConfigError names any bad key or value."""
    import yaml

    data: dict[str, Any] = {}
    source = "--set" if path is None else str(path)
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"no config file at {path}; see configs/ for ready ones (e.g. configs/tiny.yaml)")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise ConfigError(f"{path}: not readable YAML ({' '.join(str(error).split())[:200]})") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: a config is a mapping of sections (model:, data:, ...), not a list or value")
        data = loaded or {}
    for key, value in overrides:
        _set(data, key, value)
    try:
        return TrainConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_error_text(error, source)) from None


def dump_config(config: TrainConfig) -> str:
    import yaml

    return yaml.safe_dump(config.model_dump(mode="json"), sort_keys=False, allow_unicode=True)


__all__ = [
    "DataSection",
    "MethodKind",
    "Precision",
    "TrainConfig",
    "Truncation",
    "dump_config",
    "load_config",
    "parse_override",
    "valid_keys",
]
