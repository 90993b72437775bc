"""`crisp eval` at the front door: help for every subcommand, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval.conftest import run_crisp
from typer.testing import CliRunner

from crisp.cli import app

SUBCOMMANDS = ("identify", "pointwise", "pairwise", "intervention", "strategies", "safety", "ablation", "export-human", "import-human")


def test_help_names_every_subcommand_and_the_shared_options() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for name in SUBCOMMANDS:
        assert name in result.output
    for name in SUBCOMMANDS:
        sub = runner.invoke(app, ["eval", name, "--help"])
        assert sub.exit_code == 0, sub.output
        assert "--out" in sub.output
        if name not in ("export-human", "import-human"):
            assert "--limit" in sub.output and "--price" in sub.output


@pytest.mark.parametrize(("args", "message"), [
    (["identify", "--model", "default", "--limit", "0"], "--limit 0: give a positive number"),
    (["identify", "--model", "nonsense-backend:x"], "unknown model spec 'nonsense-backend:x'"),
    (["identify", "--model", "default", "--set", "missing.jsonl"], "missing.jsonl: cannot read it"),
    (["identify", "--model", "default", "--price", "default"], "is not SPEC=IN,OUT"),
    (["pointwise", "--model", "default", "--judge", "default", "--lang", "fr"], "--lang 'fr': use en, zh or en,zh"),
    (["intervention", "--arm", "crispers"], "--arm 'crispers' is not NAME=SPEC"),
    (["pairwise", "--a", "default", "--b", "default:lite", "--judge", "default", "--dialogues", "missing.jsonl"],
     "--dialogues missing.jsonl: cannot read it"),
    (["strategies", "--model", "default", "--set", "missing.jsonl"], "missing.jsonl: cannot read it"),
])
def test_bad_input_gets_one_line_and_a_non_zero_exit(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_crisp("eval", *args, "--out", str(tmp_path / "run"), "--no-progress", timeout=60)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], result.stderr
