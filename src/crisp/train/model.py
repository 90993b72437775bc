"""The model and tokenizer a run trains: where they load from, precision, tag tokens, LoRA/QLoRA/full.

Model names (`model.name`):

- `default`, `default:lite`: the embedded GGUF (`crisp.llm.embedded`), loaded into
  transformers with `gguf_file=` and dequantised to float32, so nothing is
  downloaded;
- `hf:NAME_OR_DIR` or a bare local directory: `from_pretrained`, as the `hf:`
  backend loads it (a hub name is fetched only because the user named it).

Special strategy tokens (`target.tags: special`) are added as added (not
"special") tokens: they stay single tokens, and decoding with
`skip_special_tokens=True`, as the release recipe does, keeps them so chat can
parse the strategies. Embeddings grow only when the vocabulary outgrows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisp.cr.tags import TagStyle, special_tokens
from crisp.errors import ConfigError, CrispError, ModelFileError, ModelNotInstalledError
from crisp.train.config import MethodKind, Precision, TrainConfig
from crisp.train.tokens import check_chat_template

TRAIN_INSTALL_HINT = "pip install 'crisp-cr[hf,train]' (after torch==2.13.0)"


@dataclass(frozen=True)
class ModelSource:
    """Where `from_pretrained` finds a model: a folder or hub name, and a GGUF file in it."""

    location: str
    gguf_file: str | None = None
    display: str = ""


def resolve_model(name: str) -> ModelSource:
    """`model.name` as a from_pretrained location; ModelFileError for a local path that is not there."""
    if name == "default" or name.startswith("default:"):
        from crisp.llm.embedded import ensure_embedded_model

        try:
            path = ensure_embedded_model(name)
        except KeyError:
            raise ConfigError(f"no embedded model {name!r}; use default or default:lite") from None
        return ModelSource(str(path.parent), path.name, name)
    target = name.removeprefix("hf:")
    path = Path(target).expanduser()
    looks_local = target.startswith((".", "/", "~")) or target.count("/") != 1 or path.exists()
    if looks_local:
        if not path.is_dir():
            raise ModelFileError(
                f"no model folder at {str(path)!r}; check model.name (a folder written by save_pretrained, "
                "hf:OWNER/NAME for a hub model, or default:lite)"
            )
        if not (path / "config.json").is_file():
            raise ModelFileError(f"{str(path)!r} has no config.json, so it is not a transformers model folder")
        return ModelSource(str(path), None, name)
    return ModelSource(target, None, name)


def load_tokenizer(source: ModelSource) -> Any:
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(source.location, gguf_file=source.gguf_file)
    except (OSError, ValueError) as error:
        raise ModelFileError(f"could not load the tokenizer of {source.display!r} ({_line(error)})") from None
    check_chat_template(tokenizer, source.display)
    if tokenizer.pad_token is None:  # Llama-3 style tokenizers ship without one
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def on_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


def choose_precision(wanted: Precision) -> Precision:
    """bf16 where the hardware has it, fp16 on other GPUs, fp32 on CPU; a choice the hardware lacks is refused."""
    import torch

    gpu = torch.cuda.is_available()
    bf16 = gpu and torch.cuda.is_bf16_supported()
    if wanted is Precision.AUTO:
        return Precision.BF16 if bf16 else Precision.FP16 if gpu else Precision.FP32
    if wanted is Precision.BF16 and not bf16:
        raise ConfigError("precision bf16 needs a GPU that supports it; set precision: auto (fp32 on CPU)")
    if wanted is Precision.FP16 and not gpu:
        raise ConfigError("precision fp16 needs a GPU; set precision: auto (fp32 on CPU)")
    return wanted


def check_method(config: TrainConfig) -> None:
    """Fail before any loading when the method cannot run here."""
    import importlib.util

    if config.method.kind in (MethodKind.LORA, MethodKind.QLORA) and importlib.util.find_spec("peft") is None:
        raise ModelNotInstalledError(f"LoRA needs peft, which is not installed; {TRAIN_INSTALL_HINT}")
    if config.method.kind is MethodKind.QLORA:
        if not on_gpu():
            raise ConfigError(
                "QLoRA (method.kind: qlora) needs a CUDA GPU (bitsandbytes 4-bit); on CPU use method.kind: lora"
            )
        if importlib.util.find_spec("bitsandbytes") is None:
            raise ModelNotInstalledError("QLoRA needs bitsandbytes; pip install bitsandbytes")
        if config.model.name.startswith("default"):
            raise ConfigError("QLoRA quantises hf: weights; the embedded GGUF is already quantised, use method.kind: lora")


def load_model(config: TrainConfig, source: ModelSource, precision: Precision) -> Any:
    import torch
    from transformers import AutoModelForCausalLM

    dtype = {Precision.BF16: torch.bfloat16, Precision.FP16: torch.float16}.get(precision, torch.float32)
    kwargs: dict[str, Any] = {"attn_implementation": config.model.attn_implementation}
    if config.method.kind is MethodKind.FULL:
        kwargs["dtype"] = torch.float32  # fp32 master weights; bf16/fp16 come from autocast
    else:
        kwargs["dtype"] = dtype if source.gguf_file is None else torch.float32
    if config.method.kind is MethodKind.QLORA:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=dtype
        )
    if source.gguf_file is not None:
        kwargs["gguf_file"] = source.gguf_file
    try:
        model = AutoModelForCausalLM.from_pretrained(source.location, **kwargs)
    except MemoryError:
        raise CrispError(
            f"out of memory loading {source.display!r}; use a smaller model or method.kind: lora/qlora"
        ) from None
    except (OSError, ValueError) as error:
        raise ModelFileError(f"could not load {source.display!r} ({_line(error)})") from None
    if source.gguf_file is not None:
        dequantised(model)
    model.config.use_cache = False  # a cache would also hide packed sequences from the mask builder
    return model


def dequantised(model: Any) -> Any:
    """Drop the GGUF "quantised" marks of a model whose weights transformers already dequantised.

    transformers keeps them for bookkeeping only; left in place, Trainer refuses to train the
    model and `save_pretrained` writes a config that asks for a GGUF file to load.
    """
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    return model


def add_tag_tokens_to_tokenizer(tokenizer: Any, tags: TagStyle) -> list[int]:
    """Add the strategy tokens for `tags: special`; the ids of the tokens that were new."""
    if tags is not TagStyle.SPECIAL:
        return []
    wanted = special_tokens()
    before = len(tokenizer)
    tokenizer.add_tokens(wanted, special_tokens=False)
    return [i for i in tokenizer.convert_tokens_to_ids(wanted) if i >= before]


def fit_embeddings(model: Any, tokenizer: Any) -> None:
    """Grow the embeddings when the tokenizer outgrew them (new rows start at the mean embedding)."""
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))


def add_tag_tokens(tokenizer: Any, model: Any, tags: TagStyle) -> list[int]:
    """Add the strategy tokens to tokenizer and model; the ids of the tokens that were new."""
    new_ids = add_tag_tokens_to_tokenizer(tokenizer, tags)
    fit_embeddings(model, tokenizer)
    return new_ids


def apply_method(model: Any, config: TrainConfig, new_token_ids: list[int]) -> Any:
    """Wrap `model` for LoRA/QLoRA (PEFT); full fine-tuning trains it as it is."""
    if config.model.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
    if config.method.kind is MethodKind.FULL:
        return model
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if config.method.kind is MethodKind.QLORA:
        model = prepare_model_for_kbit_training(model, config.model.gradient_checkpointing)
    lora = config.method.lora
    extra: dict[str, Any] = {}
    if new_token_ids:
        tied = bool(getattr(model.config, "tie_word_embeddings", False))
        extra["trainable_token_indices"] = (
            {"embed_tokens": new_token_ids} if tied else {"embed_tokens": new_token_ids, "lm_head": new_token_ids}
        )
    peft_config = LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=lora.target_modules,
        task_type="CAUSAL_LM",
        **extra,
    )
    if config.model.gradient_checkpointing:
        model.enable_input_require_grads()
    return get_peft_model(model, peft_config)


__all__ = [
    "ModelSource",
    "add_tag_tokens",
    "add_tag_tokens_to_tokenizer",
    "apply_method",
    "check_method",
    "choose_precision",
    "dequantised",
    "fit_embeddings",
    "load_model",
    "load_tokenizer",
    "resolve_model",
]
