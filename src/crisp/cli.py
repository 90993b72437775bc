"""The `crisp` command: one sub-command per package.

Each package keeps its commands in `<package>/commands.py` as a typer app;
heavy imports stay inside the command functions so `crisp --help` is instant.
`CrispError` becomes one line on stderr and the error's exit code, here and
nowhere else.
"""

from __future__ import annotations

import importlib
import sys

import typer

from crisp import __version__
from crisp.errors import CrispError

app = typer.Typer(
    name="crisp",
    help="Crisp: cognitive restructuring dialogues - synthesis, data, training, evaluation and the Peppy counsellor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# sub-command name -> module holding a typer app called `app`
SUBCOMMANDS: dict[str, str] = {
    "models": "crisp.llm.commands",
    "data": "crisp.data.commands",
    "safety": "crisp.safety.commands",
    "synth": "crisp.synth.commands",
    "eval": "crisp.eval.commands",
    "serve": "crisp.serve.commands",
    "train": "crisp.train.commands",
}
# single commands registered at the top level: name -> "module:function"
TOP_LEVEL: dict[str, str] = {
    "chat": "crisp.chat.commands:chat",
    "schema": "crisp.cr.commands:schema",
    "taxonomy": "crisp.cr.commands:taxonomy",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"crisp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Crisp toolkit."""


def _register() -> None:
    for name, module in SUBCOMMANDS.items():
        try:
            sub = importlib.import_module(module).app
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            continue  # a package whose commands are not built yet
        app.add_typer(sub, name=name)
    for name, target in TOP_LEVEL.items():
        module, _, function = target.partition(":")
        app.command(name)(getattr(importlib.import_module(module), function))


_register()


def main() -> None:
    try:
        app()
    except CrispError as error:
        message = " ".join(str(error).split())
        typer.echo(f"error: {message}", err=True)
        sys.exit(error.exit_code)
