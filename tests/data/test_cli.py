"""`crisp data ...` through typer's CliRunner: exit codes and output lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from fixtures.records import make_record
from typer.testing import CliRunner

from crisp.data.commands import app
from crisp.errors import ConfigError, InputError

runner = CliRunner()


def records() -> list[dict]:
    return [make_record("en", (2,), record_id="A", seed_id="s1"), make_record("en", (1,), record_id="B", seed_id="s1"),
            make_record("zh", (3, 2, 1), record_id="C", seed_id="s2", category="career")]


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("validate", "stats", "split", "export", "card"):
        assert command in result.output


def test_validate_ok_and_failing(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    good = jsonl("good.jsonl", records())
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0
    assert result.output == "3 records in 1 file: 3 valid, 0 invalid\n"

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(make_record(record_id="x")) + "\n{\n", encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["validate", str(bad), str(empty), str(good)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{bad}:2: $: malformed JSON: Expecting property name enclosed in double quotes at column 2",
        f"{empty}: empty file: no records",
        "5 records in 3 files: 4 valid, 1 invalid; 1 file without records (see above)",
    ]


def test_stats_text_json_and_plots(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", records())
    result = runner.invoke(app, ["stats", str(source), "--by", "lang"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "3 dialogues in 1 file"
    assert lines[2].split() == ["figure", "all", "en", "zh", "Crisp", "(published)"]
    assert lines[3].split() == ["dialogues", "3", "2", "1", "22,063"]

    result = runner.invoke(app, ["stats", str(source), "--json", "--by", "category"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["all"]["utterances"] == 87
    assert sorted(data["groups"]) == ["career", "education"]

    plots = tmp_path / "plots"
    result = runner.invoke(app, ["stats", str(source), "--plots", str(plots)])
    assert result.exit_code == 0
    names = sorted(p.name for p in plots.iterdir())
    assert names == ["distortions.png", "strategies.png", "turns_per_dialogue.png"]
    assert all((plots / n).read_bytes().startswith(b"\x89PNG") for n in names)
    assert f"wrote {plots / 'distortions.png'}" in result.output

    result = runner.invoke(app, ["stats", str(source), "--plots", str(plots)])
    assert isinstance(result.exception, ConfigError)
    assert result.exit_code == 1


def test_split(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", [make_record("en", (1,), record_id=f"r{i}", seed_id=f"s{i // 2}") for i in range(40)])
    out = tmp_path / "splits"
    result = runner.invoke(app, ["split", str(source), "--out", str(out), "--valid", "0.1", "--test", "0.1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["train", "valid", "test"]
    assert sum(int(line.split()[1]) for line in lines[:3]) == 40
    assert lines[3] == f"manifest: {out / 'split.json'}"
    again = runner.invoke(app, ["split", str(source), "--out", str(out)])
    assert isinstance(again.exception, ConfigError)


def test_export_and_card(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", records())
    out = tmp_path / "train.jsonl"
    result = runner.invoke(app, ["export", str(source), "--format", "messages", "--out", str(out),
                                 "--strategy-tags", "inline"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "3 examples from 3 records (3 closing client turns dropped)",
        f"wrote {out}",
    ]
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["messages"][2]["content"].startswith("[Reflection of Feelings] ")

    result = runner.invoke(app, ["export", str(source), "--format", "nonsense", "--out", str(out)])
    assert result.exit_code == 2  # usage error from typer

    card = tmp_path / "README.md"
    manifest = {"counts": {"attempted": 5, "dropped": {"basic": 2}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["card", str(source), "--out", str(card), "--license", "cc-by-4.0"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {card} (manifest: {tmp_path / 'manifest.json'})\n"
    text = card.read_text(encoding="utf-8")
    assert 'license: "cc-by-4.0"' in text and "  - basic: 2 dropped, 40.0% of 5 attempted" in text


def test_errors_are_crisp_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "missing.jsonl"), "--format", "sharegpt",
                                 "--out", str(tmp_path / "o.jsonl")])
    assert isinstance(result.exception, InputError)
    assert "missing.jsonl: no such file" in str(result.exception)


def test_a_binary_file_is_called_a_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    result = runner.invoke(app, ["validate", str(binary)])
    assert result.exit_code != 0
    assert f"{binary}: is a binary file, not JSONL text (it holds NUL bytes)" in result.output
