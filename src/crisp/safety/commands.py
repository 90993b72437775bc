"""`crisp safety`: check one message or model reply, and evaluate the screen on a labelled set.

Heavy imports stay inside the commands; errors are `CrispError`s for the CLI edge to print.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from crisp.errors import InputError

app = typer.Typer(
    help="Crisis screening: check a message or a model reply, evaluate the rules on a labelled set.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class LangChoice(str, Enum):
    en = "en"
    zh = "zh"


class RoleChoice(str, Enum):
    user = "user"
    assistant = "assistant"


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("standard input is not valid UTF-8; send UTF-8 text") from None


@app.command()
def check(
    text: Annotated[str, typer.Argument(help="The message to check; '-' reads it from standard input.")],
    lang: Annotated[
        LangChoice | None, typer.Option("--lang", help="Language of the message (default: detected).")
    ] = None,
    role: Annotated[
        RoleChoice, typer.Option("--role", help="user: screen a person's message; assistant: check a model reply.")
    ] = RoleChoice.user,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Screen with the rules alone.")] = False,
) -> None:
    """Screen one message for risk (user), or check one model reply for harm (assistant)."""
    from crisp.safety.detector import assess
    from crisp.safety.learned import screen, stages_in_use
    from crisp.safety.reply_check import check_reply
    from crisp.safety.responses import safe_response

    if text == "-":
        text = _read_stdin()
    if not text.strip():
        raise InputError("the message is empty; pass the text to check, or '-' to read it from standard input")
    language = lang.value if lang else None
    if role is RoleChoice.assistant:
        reply = check_reply(text, language)
        if as_json:
            typer.echo(json.dumps(reply.summary(), ensure_ascii=False))
            return
        typer.echo(f"passed: {'yes' if reply.passed else 'no'}")
        typer.echo(f"action: {reply.summary()['action']}")
        typer.echo(f"lang: {reply.lang.value}")
        _echo_reasons(reply.reasons)
        return
    stages = ["rules"] if rules_only else stages_in_use()
    result = screen(text, lang=language) if "learned" in stages else assess(text, lang=language)
    if as_json:
        typer.echo(json.dumps({**result.summary(), "stages": stages}, ensure_ascii=False))
        return
    typer.echo(f"level: {result.level.value}")
    typer.echo(f"action: {result.action.value}")
    typer.echo(f"lang: {result.lang.value}")
    typer.echo(f"stages: {', '.join(stages)}")
    _echo_reasons(result.reasons)
    if result.needs_safe_response:
        typer.echo("safe response:")
        typer.echo(f"  {safe_response(result)}")


def _echo_reasons(reasons: list[str]) -> None:
    typer.echo("reasons:" if reasons else "reasons: -")
    for reason in reasons:
        typer.echo(f"  - {reason}")


@app.command("eval")
def evaluate_file(
    file: Annotated[
        Path,
        typer.Argument(
            help="JSONL file: text, label (none|low|moderate|high|imminent), optional lang, context, note, "
            "label_range [lo, hi], posts (per-user label), source, data_source."
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    misses: Annotated[
        int | None,
        typer.Option("--misses", min=0, help="Show at most N misses and N false alarms (default: 20 in text, all in JSON)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit with code 1 when a language misses --min-recall or --max-false-alarms."),
    ] = False,
    min_recall: Annotated[
        float | None, typer.Option("--min-recall", min=0.0, max=1.0, help="Target recall of moderate-or-above.")
    ] = None,
    max_false_alarms: Annotated[
        float | None,
        typer.Option("--max-false-alarms", min=0.0, max=1.0, help="Target false-alarm rate on items labelled none."),
    ] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Evaluate the rules alone.")] = False,
) -> None:
    """Recall of moderate-or-above, false alarms on none, in-range accuracy, misses; per language and source."""
    from crisp.safety.evaluation import (
        DEFAULT_MISSES_SHOWN,
        evaluate,
        format_report,
        load_eval_items,
        report_json,
        rules_screen,
    )
    from crisp.safety.learned import screen_with_learned_stage, stages_in_use

    if strict and min_recall is None and max_false_alarms is None:
        raise InputError("--strict needs a target: add --min-recall and/or --max-false-alarms")
    shown = misses if misses is not None or as_json else DEFAULT_MISSES_SHOWN
    items = load_eval_items(file)
    stages = ["rules"] if rules_only else stages_in_use()
    report = evaluate(
        items,
        screen=screen_with_learned_stage if "learned" in stages else rules_screen,
        stages=stages,
        source=str(file),
        min_recall=min_recall,
        max_false_alarms=max_false_alarms,
        misses_shown=shown,
    )
    typer.echo(report_json(report) if as_json else format_report(report))
    if strict and not report.meets_targets:
        raise typer.Exit(code=1)
