"""`crisp train sft`: one supervised fine-tuning run, from config to run folder.

The loop is transformers' `Trainer`, fed with our own rows and loss mask
(`crisp.train.tokens`). Why Trainer and not TRL's `SFTTrainer` or a hand loop:
the mask and packing are ours anyway, and Trainer already gives what a run needs
on one CPU and on many GPUs through the same code path (accelerate, DeepSpeed
ZeRO-3 and FSDP via `accelerate launch`), plus checkpoints and `--resume`,
gradient accumulation, evaluation, TensorBoard and any `report_to`. Its overhead
against a plain PyTorch loop is measured by `benchmarks/train_throughput.py`.

The run folder::

    RUN/config.yaml        the resolved config
    RUN/checkpoints/       Trainer checkpoints (checkpoint-STEP/), what --resume reads
    RUN/final/             the adapter (LoRA) or model (full), tokenizer, crisp_format.json
    RUN/tensorboard/       TensorBoard event files (when report_to has tensorboard)
    RUN/manifest.json      data hashes, versions, git commit, hardware, time, tokens, losses
    RUN/loss.png           train and validation loss curves

Not done here: loading data (`examples`), tokenising (`tokens`), models (`model`).
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crisp.cr.target_format import ModelFormat, write_model_format
from crisp.errors import ConfigError, CrispError
from crisp.train.config import Precision, TrainConfig, dump_config
from crisp.train.examples import ExampleSet, load_examples
from crisp.train.model import (
    add_tag_tokens,
    apply_method,
    check_method,
    choose_precision,
    load_model,
    load_tokenizer,
    resolve_model,
)
from crisp.train.tokens import (
    LengthReport,
    Row,
    RowCollator,
    RowDataset,
    packed_rows,
    tokenize_examples,
    unpacked_rows,
)

CONFIG_NAME = "config.yaml"
MANIFEST_NAME = "manifest.json"
LOSS_PLOT = "loss.png"
FINAL_DIR = "final"
CHECKPOINTS_DIR = "checkpoints"
TENSORBOARD_DIR = "tensorboard"
OOM_HINT = (
    "out of memory; lower schedule.batch_size (raise schedule.gradient_accumulation to keep the batch), "
    "lower data.max_length, set model.gradient_checkpointing: true, or use method.kind: lora/qlora"
)

Report = Callable[[str], None]


@dataclass
class RunResult:
    run_dir: Path
    final_dir: Path
    manifest: dict[str, Any]
    model: Any = None  # the trained (PEFT-wrapped for LoRA) model, in memory


@dataclass
class PreparedData:
    examples: ExampleSet
    train_rows: list[Row]
    valid_rows: list[Row]
    train_lengths: LengthReport
    valid_lengths: LengthReport


def prepare_data(config: TrainConfig, tokenizer: Any, examples: ExampleSet | None = None) -> PreparedData:
    """Examples, tokenised and masked, as training and validation rows."""
    if examples is None:
        examples = load_examples(config.data, config.target)
    data = config.data
    train, train_report = tokenize_examples(tokenizer, examples.train, data.max_length, data.truncation)
    valid, valid_report = tokenize_examples(tokenizer, examples.valid, data.max_length, data.truncation)
    if not train:
        raise ConfigError(f"no training example fits data.max_length={data.max_length} ({train_report}); raise "
                          "data.max_length or set data.truncation: cut")
    rows = packed_rows if data.packing else (lambda items, _: unpacked_rows(items))
    return PreparedData(examples, rows(train, data.max_length), rows(valid, data.max_length), train_report, valid_report)


def _prepare_run_dir(run_dir: Path, resume: bool, force: bool) -> None:
    if resume:
        if not (run_dir / CHECKPOINTS_DIR).is_dir() or not any((run_dir / CHECKPOINTS_DIR).glob("checkpoint-*")):
            raise ConfigError(f"--resume: {run_dir} has no checkpoint to resume from; start without --resume")
        return
    if run_dir.exists() and any(run_dir.iterdir()):
        if not force:
            raise ConfigError(
                f"run folder {run_dir} already exists; pass --resume to continue it or --force to start over"
            )
        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)


def _make_trainer_class() -> type:
    from transformers import Trainer

    class CrispTrainer(Trainer):
        """Trainer that counts real (non-padding) tokens and logs tokens/s and supervised tokens."""

        real_tokens = 0
        _since = 0
        _clock = 0.0

        def compute_loss(self, model: Any, inputs: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
            real = inputs.pop("real_tokens", None)
            if real is not None and model.training:
                self.real_tokens += int(real)
                self._since += int(real)
            return super().compute_loss(model, inputs, *args, **kwargs)

        def log(self, logs: dict[str, float], start_time: float | None = None) -> None:
            now = time.perf_counter()
            if "loss" in logs and self._clock:
                logs["tokens_per_s"] = round(self._since / max(now - self._clock, 1e-9), 1)
            if "loss" in logs or not self._clock:
                self._clock, self._since = now, 0
            logs["tokens_seen"] = self.real_tokens
            super().log(logs, start_time)

    return CrispTrainer


def training_arguments(config: TrainConfig, run_dir: Path, precision: Precision, has_valid: bool, progress: bool) -> Any:
    import torch
    from transformers import TrainingArguments

    sched, opt, log = config.schedule, config.optimizer, config.logging
    report_to = [r for r in log.report_to if r != "tensorboard"] or "none"
    return TrainingArguments(
        output_dir=str(run_dir / CHECKPOINTS_DIR),
        num_train_epochs=sched.epochs,
        max_steps=sched.max_steps or -1,
        per_device_train_batch_size=sched.batch_size,
        per_device_eval_batch_size=sched.batch_size,
        gradient_accumulation_steps=sched.gradient_accumulation,
        learning_rate=opt.learning_rate,
        weight_decay=opt.weight_decay,
        adam_beta1=opt.adam_beta1,
        adam_beta2=opt.adam_beta2,
        max_grad_norm=opt.max_grad_norm,
        optim=opt.name,
        lr_scheduler_type=sched.lr_scheduler,
        warmup_steps=sched.warmup_ratio,
        logging_steps=log.steps,
        eval_strategy="steps" if (has_valid and log.eval_steps) else "no",
        eval_steps=log.eval_steps,
        save_strategy="steps",
        save_steps=log.save_steps,
        save_total_limit=log.save_total_limit,
        report_to=report_to,
        seed=config.seed,
        data_seed=config.seed,
        use_cpu=not torch.cuda.is_available(),
        bf16=precision is Precision.BF16,
        fp16=precision is Precision.FP16,
        remove_unused_columns=False,
        dataloader_num_workers=0,
        disable_tqdm=not progress,
    )


def _callbacks(config: TrainConfig, run_dir: Path) -> list[Any]:
    if "tensorboard" not in config.logging.report_to:
        return []
    from transformers.integrations import TensorBoardCallback

    callback = TensorBoardCallback()
    callback.logging_dir = str(run_dir / TENSORBOARD_DIR)  # kept when the final evaluation reopens the writer
    return [callback]


def run_sft(config: TrainConfig, *, resume: bool = False, force: bool = False, progress: bool = True,
            report: Report = print) -> RunResult:
    """Train as `config` says; returns the run folder, its final model folder and the manifest."""
    check_method(config)
    precision = choose_precision(config.precision)
    run_dir = Path(config.output.dir)
    examples = load_examples(config.data, config.target)  # bad data fails before anything is loaded or written
    source = resolve_model(config.model.name)
    _prepare_run_dir(run_dir, resume, force)
    started = datetime.now(UTC)
    (run_dir / CONFIG_NAME).write_text(dump_config(config), encoding="utf-8")

    # Arguments before the model: under DeepSpeed ZeRO-3 they make from_pretrained load the weights
    # already sharded, instead of a full copy in every process.
    args = training_arguments(config, run_dir, precision, bool(examples.valid), progress)
    tokenizer = load_tokenizer(source)
    model = load_model(config, source, precision)
    new_ids = add_tag_tokens(tokenizer, model, config.target.tags)
    data = prepare_data(config, tokenizer, examples)
    report(data.examples.summary())
    report(f"train: {data.train_lengths}; valid: {data.valid_lengths}")
    if not data.valid_rows:
        from transformers.trainer_utils import IntervalStrategy

        args.eval_strategy = IntervalStrategy.NO  # every validation example was over max_length
    model = apply_method(model, config, new_ids)

    import torch

    trainer = _make_trainer_class()(
        model=model,
        args=args,
        train_dataset=RowDataset(data.train_rows),
        eval_dataset=RowDataset(data.valid_rows) if data.valid_rows else None,
        data_collator=RowCollator(tokenizer.pad_token_id),
        processing_class=tokenizer,
        callbacks=_callbacks(config, run_dir),
    )
    try:
        outcome = trainer.train(resume_from_checkpoint=True if resume else None)
        metrics = trainer.evaluate() if data.valid_rows else {}
    except (torch.OutOfMemoryError, MemoryError):
        raise CrispError(OOM_HINT) from None
    final_dir = run_dir / FINAL_DIR
    trainer.save_model(str(final_dir))
    manifest: dict[str, Any] = {}
    if trainer.is_world_process_zero():
        write_model_format(final_dir, ModelFormat(
            target_format=config.target.format, tag_style=config.target.tags,
            system_prompt=config.target.system, languages=data.examples.languages or ["en", "zh"],
        ))
        manifest = _manifest(config, data, trainer, outcome, metrics, started, precision)
        (run_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _plot_losses(trainer.state.log_history, run_dir / LOSS_PLOT)
    return RunResult(run_dir, final_dir, manifest, trainer.model)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=Path(__file__).parent, capture_output=True,
                             text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("crisp-cr", "torch", "transformers", "accelerate", "peft", "deepspeed", "bitsandbytes"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


def _hardware() -> dict[str, Any]:
    import os

    import torch

    gpus = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    return {"platform": platform.platform(), "cpus": os.cpu_count(), "gpus": gpus,
            "world_size": int(os.environ.get("WORLD_SIZE", "1"))}


def _manifest(config: TrainConfig, data: PreparedData, trainer: Any, outcome: Any, metrics: dict[str, float],
              started: datetime, precision: Precision) -> dict[str, Any]:
    train_supervised = sum(sum(1 for x in r.labels if x != -100) for r in data.train_rows)
    return {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": config.model.name,
        "method": config.method.kind.value,
        "precision": precision.value,
        "data": {
            "kind": data.examples.kind,
            "files": {str(p): _sha256(p) for p in data.examples.files},
            "train_conversations": len(data.examples.train),
            "valid_conversations": len(data.examples.valid),
            "skipped_invalid": data.examples.skipped_invalid,
            "train_lengths": str(data.train_lengths),
            "valid_lengths": str(data.valid_lengths),
            "train_rows": len(data.train_rows),
            "train_tokens_per_epoch": sum(r.tokens for r in data.train_rows),
            "train_supervised_tokens_per_epoch": train_supervised,
        },
        "steps": trainer.state.global_step,
        "tokens_seen": trainer.real_tokens,
        "train_loss": outcome.training_loss,
        "train_seconds": outcome.metrics.get("train_runtime"),
        "eval_loss": metrics.get("eval_loss"),
        "versions": _versions(),
        "git_commit": _git_commit(),
        "hardware": _hardware(),
    }


def _plot_losses(history: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    train = [(h["step"], h["loss"]) for h in history if "loss" in h]
    valid = [(h["step"], h["eval_loss"]) for h in history if "eval_loss" in h]
    fig, ax = plt.subplots(figsize=(6, 4))
    for points, label, style in ((train, "train", "-"), (valid, "validation", "o--")):
        if points:
            ax.plot(*zip(*points), style, label=label)
    ax.set_xlabel("step")
    ax.set_ylabel("loss")
    ax.set_title("crisp train sft")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


__all__ = ["RunResult", "prepare_data", "run_sft", "training_arguments"]
