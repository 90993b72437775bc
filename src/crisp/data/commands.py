"""`crisp data`: validate, measure, split, export Crisp records and write their dataset card.

Commands parse their options and delegate to the modules of `crisp.data`; heavy
imports (matplotlib, datasets, jieba) happen inside them so `crisp --help` stays
instant. Failures raise `CrispError` subclasses, which the CLI prints on one line.
Every output that exists is refused unless `--force`, and outputs appear whole or
not at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from crisp.data.options import (
    DEFAULT_LICENSE,
    DEFAULT_MTLD_SAMPLE,
    ExportFormat,
    GroupBy,
    SystemPrompt,
)
from crisp.cr.tags import TagStyle

app = typer.Typer(
    name="data",
    help="Validate, measure, split and export Crisp records, and write their dataset card.",
    no_args_is_help=True,
    add_completion=False,
)

_FILES = typer.Argument(..., help="JSONL files of Crisp records.", show_default=False)
_JOBS = typer.Option(None, "--jobs", min=1, help="Worker processes (default: the CPU count for large inputs, else 1).")
_FORCE = typer.Option(False, "--force", help="Replace outputs that already exist.")
_MTLD_SAMPLE_HELP = "Dialogues per language measured for MTLD, chosen by record-id hash (0: every dialogue)."


@app.command("validate")
def validate(files: list[Path] = _FILES, jobs: int | None = _JOBS) -> None:
    """Check the schema and the structure of every record; report each problem as file:line: json.path: message.

    Exits 1 when any record is invalid or any file gives no records.
    """
    from crisp.data.validate import validate_files

    summary = validate_files(files, lambda problem: typer.echo(str(problem)), jobs=jobs)
    typer.echo(str(summary))
    if not summary.ok:
        raise typer.Exit(1)


@app.command("stats")
def stats(
    files: list[Path] = _FILES,
    by: GroupBy | None = typer.Option(None, "--by", help="Also give each figure per language or per category."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    plots: Path | None = typer.Option(None, "--plots", help="Write PNG charts into this folder."),
    mtld_sample: int = typer.Option(DEFAULT_MTLD_SAMPLE, "--mtld-sample", min=0, help=_MTLD_SAMPLE_HELP),
    force: bool = _FORCE,
    jobs: int | None = _JOBS,
) -> None:
    """The paper's dataset figures for FILES, beside Crisp's published ones."""
    from crisp.data.files import refuse_existing
    from crisp.data.stats import collect_stats, render_text

    if plots is not None:
        from crisp.data.plots import PLOT_FILES

        refuse_existing([plots / name for name in PLOT_FILES], force)
    result = collect_stats(files, by_category=by is GroupBy.CATEGORY, mtld_sample=mtld_sample, jobs=jobs)
    if as_json:
        typer.echo(json.dumps(result.to_json(by), indent=2, ensure_ascii=False))
    else:
        typer.echo(render_text(result, by))
    if plots is not None:
        from crisp.data.plots import write_plots

        for path in write_plots(result, plots, force=force):
            typer.echo(f"wrote {path}", err=as_json)


@app.command("split")
def split(
    file: Path = typer.Argument(..., help="JSONL file of Crisp records.", show_default=False),
    out: Path = typer.Option(..., "--out", help="Folder for train.jsonl, valid.jsonl, test.jsonl and split.json."),
    valid: float = typer.Option(0.05, "--valid", help="Share of each language's dialogues for validation."),
    test: float = typer.Option(0.05, "--test", help="Share of each language's dialogues for test."),
    seed: int = typer.Option(0, "--seed", help="Shuffling seed; the same seed gives byte-identical files."),
    force: bool = _FORCE,
) -> None:
    """Split by seed situation (none is in two splits), stratified by language, deterministically."""
    from crisp.data.split import SPLITS, split_file

    result = split_file(file, out, valid=valid, test=test, seed=seed, force=force)
    for name in SPLITS:
        info = result.manifest["splits"][name]
        typer.echo(
            f"{name:<5}  {info['dialogues']:>8,} dialogues  {info['situations']:>6,} situations  {result.files[name]}"
        )
    typer.echo(f"manifest: {result.manifest_path}")


@app.command("export")
def export(
    files: list[Path] = _FILES,
    fmt: ExportFormat = typer.Option(..., "--format", help="messages (TRL), sharegpt or alpaca (LLaMA-Factory), hf."),
    out: Path = typer.Option(..., "--out", help="Output file (a folder for hf)."),
    strategy_tags: TagStyle = typer.Option(
        TagStyle.NONE,
        "--strategy-tags",
        help="Tag each counsellor sentence: none, inline [Question], special <|question|>.",
    ),
    system: SystemPrompt = typer.Option(
        SystemPrompt.PEPPY, "--system", help="System prompt: the Peppy prompt in each record's language, or none."
    ),
    force: bool = _FORCE,
) -> None:
    """Convert records to the formats training tools read."""
    from crisp.data.export import ExportOptions, export_records

    summary = export_records(files, fmt, out, ExportOptions(tags=strategy_tags, system=system), force=force)
    typer.echo(f"{summary}")
    for path in summary.written:
        typer.echo(f"wrote {path}")


@app.command("card")
def card(
    files: list[Path] = _FILES,
    out: Path = typer.Option(..., "--out", help="Where to write the card, e.g. README.md."),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="Synthesis manifest (default: manifest.json beside the data, if there is one)."
    ),
    name: str | None = typer.Option(None, "--name", help="Title of the dataset."),
    license: str = typer.Option(DEFAULT_LICENSE, "--license", help="Licence id for the front matter, e.g. cc-by-4.0."),
    mtld_sample: int = typer.Option(DEFAULT_MTLD_SAMPLE, "--mtld-sample", min=0, help=_MTLD_SAMPLE_HELP),
    force: bool = _FORCE,
    jobs: int | None = _JOBS,
) -> None:
    """Write a Hugging Face dataset card with the figures, provenance, intended use, limits and licence."""
    from crisp.data.card import find_manifest, write_card
    from crisp.manifest import read_manifest
    from crisp.data.files import refuse_existing
    from crisp.data.stats import collect_stats

    refuse_existing([out], force)
    manifest_path = manifest if manifest is not None else find_manifest(files)
    manifest_data = read_manifest(manifest_path) if manifest_path is not None else None
    result = collect_stats(files, mtld_sample=mtld_sample, jobs=jobs)
    if result.skipped_lines:
        typer.echo(
            f"warning: {result.skipped_lines:,} lines are not valid records and are left out of the card "
            f"(first at {result.first_skipped}); run `crisp data validate`",
            err=True,
        )
    write_card(result, out, manifest_data, name=name, license=license, force=force)
    typer.echo(f"wrote {out}" + (f" (manifest: {manifest_path})" if manifest_path is not None else ""))
