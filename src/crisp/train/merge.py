"""`crisp train merge`: a LoRA run's adapter folded into its base model, saved as a full model folder.

The result loads with `crisp chat --model hf:DIR` (and anything else that reads
a transformers folder): weights, tokenizer (with any strategy tokens the run
added) and the run's `crisp_format.json`. The folder is written beside its
final place and renamed into it when complete, so a failure leaves no half model.

Not done here: GGUF conversion (the installed `gguf` package has no
Hugging Face converter); the README gives the llama.cpp command.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from crisp.cr.target_format import MODEL_FORMAT_FILE
from crisp.errors import ConfigError
from crisp.train.config import MethodKind, load_config
from crisp.train.model import dequantised, fit_embeddings, resolve_model
from crisp.train.run import CONFIG_NAME, FINAL_DIR

MERGE_DTYPES = ("bf16", "fp16", "fp32")


def merge_run(run_dir: Path, out: Path, *, force: bool = False, dtype: str = "bf16") -> Path:
    """Merge `run_dir`'s final adapter into its base model and save the full model at `out`."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    run_dir, out = Path(run_dir), Path(out)
    if dtype not in MERGE_DTYPES:
        raise ConfigError(f"--dtype {dtype!r}: choose one of {', '.join(MERGE_DTYPES)}")
    if not (run_dir / CONFIG_NAME).is_file():
        raise ConfigError(f"{run_dir} is not a run folder (no {CONFIG_NAME}); pass the --out folder of `crisp train sft`")
    config = load_config(run_dir / CONFIG_NAME)
    final = run_dir / FINAL_DIR
    if config.method.kind is MethodKind.FULL:
        raise ConfigError(f"{run_dir} is a full fine-tuning run; its model is already whole: use hf:{final}")
    if not (final / "adapter_config.json").is_file():
        raise ConfigError(f"{final} has no adapter_config.json; the run did not finish (resume it with --resume)")
    if out.exists() and not force:
        raise ConfigError(f"{out} already exists; pass --force to replace it")

    source = resolve_model(config.model.name)
    tokenizer = AutoTokenizer.from_pretrained(str(final))
    base = AutoModelForCausalLM.from_pretrained(source.location, gguf_file=source.gguf_file, dtype=torch.float32)
    if source.gguf_file is not None:
        dequantised(base)
    fit_embeddings(base, tokenizer)
    merged = PeftModel.from_pretrained(base, str(final)).merge_and_unload()
    merged = merged.to({"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}[dtype])
    merged.config.use_cache = True  # training switched it off; generation wants it

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        merged.save_pretrained(str(staging))
        tokenizer.save_pretrained(str(staging))
        shutil.copy2(final / MODEL_FORMAT_FILE, staging / MODEL_FORMAT_FILE)
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


__all__ = ["merge_run"]
