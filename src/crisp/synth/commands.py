"""`crisp synth seeds` and `crisp synth run`. Parse flags, delegate, print; heavy imports inside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    help="Synthesise CRDial dialogues from a teacher model: seeds, runs, filters.",
    no_args_is_help=True,
    add_completion=False,
)

SITUATION_WIDTH = 70


def _langs(value: str | None) -> list[str] | None:
    if value is None:
        return None
    langs = [x.strip().lower() for x in value.split(",") if x.strip()]
    from crisp.errors import ConfigError

    for lang in langs:
        if lang not in ("en", "zh"):
            raise ConfigError(f"--lang {value!r}: unknown language {lang!r}; use en, zh or en,zh")
    return langs


@app.command("seeds")
def seeds_command(
    seeds: str = typer.Option("builtin", "--seeds", help="Seed file (.jsonl or .csv) or 'builtin'."),
    lang: str | None = typer.Option(None, "--lang", help="Only these languages, e.g. en or en,zh."),
    category: str | None = typer.Option(None, "--category", help="Only this situation category (e.g. career)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON seed per line (a seed file)."),
) -> None:
    """List seed situations (the built-in set by default)."""
    from crisp.synth.seeds import load_seeds, select_seeds

    chosen = select_seeds(load_seeds(seeds), langs=_langs(lang), category=category)
    if as_json:
        for seed in chosen:
            typer.echo(seed.model_dump_json(exclude_defaults=True))
        return
    for seed in chosen:
        kind = "/".join(x for x in (seed.category, seed.subcategory) if x) or "-"
        text = " ".join(seed.situation.split())
        if len(text) > SITUATION_WIDTH:
            text = text[: SITUATION_WIDTH - 3] + "..."
        typer.echo(f"{seed.id}\t{seed.language.value}\t{kind}\t{text}")
    typer.echo(f"{len(chosen)} seed(s)", err=True)


@app.command("run")
def run_command(
    seeds: str | None = typer.Option(None, "--seeds", help="Seed file (.jsonl or .csv) or 'builtin' [builtin]."),
    out: Path | None = typer.Option(None, "--out", help="Run folder; rerun the same command to resume."),
    model: list[str] | None = typer.Option(
        None, "--model", help="Teacher model spec; repeat to load-balance over a fleet [default]."
    ),
    judge: str | None = typer.Option(None, "--judge", help="Judge model spec for the expert filter [none]."),
    lang: str | None = typer.Option(None, "--lang", help="Seed languages, e.g. en,zh [en,zh]."),
    category: str | None = typer.Option(None, "--category", help="Only seeds of this category."),
    per_seed: int | None = typer.Option(None, "--per-seed", help="Dialogues per seed [1]."),
    concurrency: int | None = typer.Option(None, "--concurrency", help="Dialogues in flight [8]."),
    granularity: str | None = typer.Option(
        None, "--granularity", help="turn: one call per turn; segment: one call per sub-step [turn]."
    ),
    max_channels: int | None = typer.Option(None, "--max-channels", help="Distortion channels per dialogue [6]."),
    max_loops: int | None = typer.Option(None, "--max-loops", help="Identification loops per dialogue [4]."),
    max_turns: int | None = typer.Option(None, "--max-turns", help="Turns per dialogue at most [60]."),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N dialogues of the run."),
    resistance: str | None = typer.Option(
        None, "--resistance", help="Simulated client resistance: low, medium, high or mixed [mixed]."
    ),
    hints: str | None = typer.Option(None, "--hints", help="Commonsense hints: off, teacher or atomic:PATH [teacher]."),
    random_seed: int | None = typer.Option(None, "--seed", help="Random seed of the run [0]."),
    temperature: float | None = typer.Option(None, "--temperature", help="Sampling temperature [0.8]."),
    repetition_penalty: float | None = typer.Option(
        None, "--repetition-penalty", help="Penalty on repeated tokens, 1.0 to 2.0 [none: the backend's]."
    ),
    dry_multiplier: float | None = typer.Option(
        None, "--dry-multiplier", help="llama.cpp's DRY penalty on repeating a run of tokens already in the "
        "context, 0 to 5 [none: the backend's; small-model defaults set it]."
    ),
    max_new_tokens: int | None = typer.Option(None, "--max-new-tokens", help="Tokens per model reply [1024]."),
    cost_input: float | None = typer.Option(None, "--cost-input", help="Cost per 1M prompt tokens [0]."),
    cost_output: float | None = typer.Option(None, "--cost-output", help="Cost per 1M completion tokens [0]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not keep model replies in DIR/cache.sqlite."),
    no_screen: bool = typer.Option(False, "--no-screen", help="Do not screen seeds through the safety layer."),
    config: Path | None = typer.Option(None, "--config", help="YAML file of settings; flags override it."),
    defaults: str | None = typer.Option(
        None, "--defaults", help="Defaults of unset settings: auto (small-model ones when every model is "
        "embedded), small or full [auto]."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the settings the run would use and exit."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Synthesise dialogues into a run folder: dialogues.jsonl, filtered.jsonl, rejects.jsonl, manifest.json."""
    import asyncio

    from crisp.errors import ConfigError
    from crisp.synth.config import resolve_config
    from crisp.synth.run import run_synthesis

    overrides: dict[str, Any] = {
        "seeds": seeds, "out": out, "models": list(model) if model else None, "judge": judge,
        "langs": _langs(lang), "category": category, "per_seed": per_seed, "concurrency": concurrency,
        "granularity": granularity, "max_channels": max_channels, "max_loops": max_loops, "max_turns": max_turns,
        "limit": limit, "resistance": resistance, "hints": hints, "random_seed": random_seed,
        "temperature": temperature, "repetition_penalty": repetition_penalty,
        "dry_multiplier": dry_multiplier, "max_new_tokens": max_new_tokens, "cost_per_million_input": cost_input,
        "cost_per_million_output": cost_output, "cache": False if no_cache else None,
        "screen": False if no_screen else None, "defaults": defaults,
    }
    if out is None and config is None:
        raise ConfigError("no run folder; pass --out DIR (or a --config file that sets out)")
    settings, choice = resolve_config(config, overrides)
    if choice is not None:
        typer.echo(choice.line(), err=True)
    if dry_run:
        typer.echo(settings.model_dump_json(indent=2))
        return
    bar = _ProgressBar() if progress else None
    try:
        if bar is not None:
            bar.start()
        result = asyncio.run(run_synthesis(settings, on_progress=bar.update if bar else None))
    except KeyboardInterrupt:
        if bar is not None:
            bar.stop()
        typer.echo(f"interrupted: finished dialogues are kept in {settings.out}; rerun the same command to resume",
                   err=True)
        raise typer.Exit(130) from None
    finally:
        if bar is not None:
            bar.stop()
    counts = result.manifest["counts"]
    dropped = ", ".join(f"{k} {v}" for k, v in counts["dropped"].items() if v) or "none"
    typer.echo(
        f"kept {counts['kept']} of {counts['attempted']} dialogues (dropped: {dropped}; rejected {counts['rejected']}; "
        f"failed {counts['failed_transiently']}, to retry; seeds screened out {counts['seeds_screened_out']} of "
        f"{counts['seeds_selected']}) in {settings.out}; status {result.manifest['status']}"
        + (f", {counts['remaining']} jobs remain: rerun the same command" if counts["remaining"] else "")
    )
    usage = result.manifest["usage"]
    typer.echo(f"tokens: {usage['prompt_tokens']} prompt + {usage['completion_tokens']} completion in "
               f"{usage['calls']} calls; cost {usage['cost']:.4f}")


class _ProgressBar:
    """A rich progress bar on stderr: dialogues done, rate, ETA, tokens and estimated cost."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("synth"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}/min"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[tokens]} tok  cost {task.fields[cost]}"),
            TextColumn("kept {task.fields[kept]} dropped {task.fields[dropped]} rejected {task.fields[rejected]} "
                       "failed {task.fields[failed]}"),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("synth", total=None, rate="0.0", tokens="0", cost="0.00", kept=0,
                                           dropped=0, rejected=0, failed=0)
        self.running = False

    def start(self) -> None:
        self.progress.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.progress.stop()
            self.running = False

    def update(self, stats: Any) -> None:
        tokens = stats.usage.prompt_tokens + stats.usage.completion_tokens
        self.progress.update(
            self.task, total=stats.jobs, completed=stats.done_before + stats.finished, rate=f"{stats.per_minute:.1f}",
            tokens=f"{tokens:,}", cost=f"{stats.cost:.2f}", kept=stats.kept, dropped=sum(stats.dropped.values()),
            rejected=stats.rejected, failed=stats.rejected_transient,
        )
