"""`crisp train`: fine-tune a counselling model (sft), show its loss mask, merge a LoRA run.

Commands parse options and delegate to `crisp.train`; torch, transformers and
peft are imported inside them so `crisp --help` stays instant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    name="train",
    help="Fine-tune chat models on Crisp data (SFT with LoRA, QLoRA or full), inspect the loss mask, merge LoRA.",
    no_args_is_help=True,
    add_completion=False,
)

_CONFIG = typer.Option(..., "--config", help="YAML run config (see configs/).", show_default=False)
_DATA = typer.Option(None, "--data", help="Shorthand for data.path: a split folder, Crisp JSONL or an export.")
_SET = typer.Option(None, "--set", help="Override a config key, e.g. --set schedule.epochs=1 (repeatable).")


def _config(config: Path, data: Path | None, sets: list[str] | None, **shorthands: Any) -> Any:
    from crisp.train.config import load_config, parse_override

    overrides = [parse_override(text) for text in sets or []]
    if data is not None:
        overrides.append(("data.path", str(data)))
    for key, value in shorthands.items():
        if value is not None:
            overrides.append((key, value))
    return load_config(config, overrides)


@app.command("sft")
def sft(
    config: Path = _CONFIG,
    data: Path | None = _DATA,
    out: Path | None = typer.Option(None, "--out", help="Shorthand for output.dir: the run folder."),
    max_steps: int | None = typer.Option(None, "--max-steps", min=1, help="Shorthand for schedule.max_steps."),
    sets: list[str] | None = _SET,
    resume: bool = typer.Option(False, "--resume", help="Continue the run folder from its last checkpoint."),
    force: bool = typer.Option(False, "--force", help="Delete an existing run folder and start over."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Skip (and count) records that do not validate."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show the progress bar."),
) -> None:
    """Supervised fine-tuning; writes checkpoints, the final model, manifest and loss curve into the run folder."""
    from crisp.train.run import run_sft

    resolved = _config(config, data, sets, **{
        "output.dir": str(out) if out is not None else None,
        "schedule.max_steps": max_steps,
        "data.skip_invalid": True if skip_invalid else None,
    })
    result = run_sft(resolved, resume=resume, force=force, progress=progress, report=typer.echo)
    m = result.manifest
    if m:
        typer.echo(f"{m['steps']} steps, {m['tokens_seen']:,} tokens, train loss {m['train_loss']:.4f}"
                   + (f", valid loss {m['eval_loss']:.4f}" if m.get("eval_loss") is not None else ""))
    typer.echo(f"model: {result.final_dir}  (run folder {result.run_dir})")


@app.command("inspect-mask")
def inspect_mask(
    config: Path = _CONFIG,
    data: Path | None = _DATA,
    example: int = typer.Option(0, "--example", min=0, help="Which conversation (train first, then valid)."),
    sets: list[str] | None = _SET,
) -> None:
    """Print one tokenised example with the supervised tokens marked ⟦like this⟧, then the counts."""
    from rich.console import Console
    from rich.text import Text

    from crisp.train.inspect import CLOSE, OPEN, mask_view

    view = mask_view(_config(config, data, sets), example)
    text = Text()
    for segment, supervised in view.segments:
        if supervised:
            text.append(f"{OPEN}{segment}{CLOSE}", style="bold green")
        else:
            text.append(segment, style="dim")
    console = Console(highlight=False, soft_wrap=True)
    console.print(text)
    console.print(view.counts(), style="bold")


@app.command("merge")
def merge(
    run: Path = typer.Argument(..., help="A LoRA run folder written by `crisp train sft`.", show_default=False),
    out: Path = typer.Option(..., "--out", help="Folder for the merged model.", show_default=False),
    dtype: str = typer.Option("bf16", "--dtype", help="Weights dtype of the merged model: bf16, fp16 or fp32."),
    force: bool = typer.Option(False, "--force", help="Replace --out if it exists."),
) -> None:
    """Merge the run's LoRA adapter into its base model; the result loads with --model hf:DIR."""
    from crisp.train.merge import merge_run

    path = merge_run(run, out, force=force, dtype=dtype)
    typer.echo(f"merged model: {path}  (chat with: crisp chat --model hf:{path})")
