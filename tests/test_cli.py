"""The `crisp` front door: help, version, error handling, and that it stays light."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from crisp import __version__
from crisp.cli import SUBCOMMANDS, TOP_LEVEL, app

runner = CliRunner()


def test_version_exact() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"crisp {__version__}\n"


def test_help_lists_every_subcommand() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in [*SUBCOMMANDS, *TOP_LEVEL]:
        assert f" {name} " in result.output


def test_every_subcommand_has_help() -> None:
    for name in [*SUBCOMMANDS, *TOP_LEVEL]:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_importing_the_cli_loads_no_heavy_backend() -> None:
    code = (
        "import sys, crisp.cli;"
        "heavy = [m for m in ('torch', 'transformers', 'xllamacpp', 'openai', 'matplotlib', 'datasets', 'jieba')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_schema_command_prints_the_record_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "CrispRecord"


def test_taxonomy_text_and_json() -> None:
    text = runner.invoke(app, ["taxonomy"]).output
    assert text.startswith("Distortions (15)\n  catastrophizing                Catastrophizing\n")
    zh = runner.invoke(app, ["taxonomy", "--lang", "zh"]).output
    assert "灾难化" in zh and "Strategies (8)" in zh
    data = json.loads(runner.invoke(app, ["taxonomy", "--json"]).output)
    assert [len(data[k]) for k in ("distortions", "strategy_categories", "strategies", "stages", "substeps")] == [
        15, 5, 8, 2, 6]
    assert data["strategies"][0] == {**data["strategies"][0], "id": "question", "category": "description"}


def test_crisp_error_becomes_one_line_and_exit_code() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "from crisp.cli import main; main()", "models", "check", "nonsense:model"],
        capture_output=True, text=True,
    )
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith("error: unknown model spec 'nonsense:model'; accepted forms: default")
    assert "Traceback" not in out.stderr
