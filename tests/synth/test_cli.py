"""`crisp synth seeds` and `crisp synth run`, through the real CLI; the run talks HTTP to a local
OpenAI-compatible server that answers with the synthesis teacher double."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from synth.helpers import lines
from typer.testing import CliRunner

from crisp.cli import app, main
from crisp.errors import BackendUnavailableError, ConfigError
from crisp.llm.testing import OpenAIServerDouble, crdial_teacher_script

runner = CliRunner()


def test_seeds_lists_the_builtin_set_with_filters() -> None:
    result = runner.invoke(app, ["synth", "seeds", "--lang", "zh", "--category", "career"])
    assert result.exit_code == 0, result.output
    rows = [r for r in result.stdout.splitlines() if r]
    assert rows and all(r.split("\t")[1] == "zh" and r.split("\t")[2].startswith("career") for r in rows)
    assert len(rows[0].split("\t")[3]) <= 70


def test_seeds_json_is_a_seed_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "seeds", "--json", "--lang", "en"])
    assert result.exit_code == 0
    path = tmp_path / "out.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    again = runner.invoke(app, ["synth", "seeds", "--seeds", str(path), "--json"])
    assert again.stdout == result.stdout
    assert all(json.loads(x)["language"] == "en" for x in result.stdout.splitlines())


def test_bad_seed_file_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"situation": "ok", "language": "en"}\n{"id": 1\n', encoding="utf-8")
    import sys

    argv = sys.argv
    sys.argv = ["crisp", "synth", "seeds", "--seeds", str(path)]
    try:
        with pytest.raises(SystemExit) as caught:
            main()
    finally:
        sys.argv = argv
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and f"{path}:2: not valid JSON" in err and err.count("\n") == 1


def test_run_help_names_every_option() -> None:
    result = runner.invoke(app, ["synth", "run", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--seeds", "--out", "--model", "--judge", "--lang", "--per-seed", "--concurrency",
                   "--granularity", "--max-channels", "--max-loops", "--limit", "--resistance", "--hints", "--seed",
                   "--max-turns", "--config", "--cost-input", "--cost-output", "--no-cache", "--progress", "--defaults",
                   "--dry-run"):
        assert option in result.stdout, option
    assert "Synthesise dialogues into a run folder" in result.stdout


def test_run_needs_an_output_folder() -> None:
    result = runner.invoke(app, ["synth", "run", "--model", "default"])
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "no run folder; pass --out DIR" in str(result.exception)


def test_a_real_run_over_http_against_a_scripted_server(seeds_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    with OpenAIServerDouble(crdial_teacher_script(), latency_s=0.001) as server:
        args = ["synth", "run", "--seeds", str(seeds_file), "--out", str(out), "--model", server.spec,
                "--judge", server.spec, "--lang", "en", "--limit", "3", "--concurrency", "3", "--hints", "teacher",
                "--granularity", "segment", "--max-channels", "2", "--max-loops", "1", "--seed", "5",
                "--cost-input", "1.5", "--no-progress"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("kept 3 of 3 dialogues (dropped: none; rejected 0; failed 0, to retry; seeds screened out 0 of 8)")
        assert "status complete" in result.stdout
        first_requests = server.stats["requests"]
        again = runner.invoke(app, args)
        assert again.exit_code == 0 and server.stats["requests"] == first_requests  # resumed: nothing new
    records = lines(out / "dialogues.jsonl")
    assert len(records) == 3
    assert all(r["provenance"]["models"]["counsellor"] == "http#scripted" for r in records)
    assert all(r["provenance"]["random_seed"] == 5 for r in records)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["usage"]["prompt_tokens"] > 0 and manifest["usage"]["cost"] > 0
    assert manifest["config"]["models"] == [server.spec] and manifest["config"]["max_loops"] == 1


def test_every_job_failing_on_a_closed_port_is_a_failed_run(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a real port, closed again: connections to it are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "run"
    args = ["synth", "run", "--seeds", "builtin", "--out", str(out), "--model", f"http://127.0.0.1:{port}/v1#x",
            "--limit", "1", "--no-progress"]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, BackendUnavailableError) and result.exception.exit_code == 4
    message = str(result.exception)
    assert message.startswith("every dialogue failed to reach the model: cannot reach")
    assert f"127.0.0.1:{port}" in message and "\n" not in message
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    assert (manifest["counts"]["failed_transiently"], manifest["counts"]["remaining"]) == (1, 1)
    rejects = lines(out / "rejects.jsonl")
    assert [r["error"] for r in rejects] == ["BackendUnavailableError"]


def test_config_file_with_overrides_and_unknown_keys(seeds_file: Path, tmp_path: Path) -> None:
    config = tmp_path / "synth.yaml"
    config.write_text(f"seeds: {seeds_file}\nout: {tmp_path / 'run'}\nmodels: [default]\nbogus: 1\n")
    result = runner.invoke(app, ["synth", "run", "--config", str(config)])
    assert isinstance(result.exception, ConfigError)
    assert "synth.yaml: bogus: Extra inputs are not permitted" in str(result.exception)
