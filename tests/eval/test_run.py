"""The run folder: torn rows, double rows, other settings, every call failed, and resume after kill -9."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from eval.conftest import crisp_process, run_crisp

from crisp.errors import ConfigError
from crisp.eval.run import RunFolder, parse_prices
from crisp.eval.testing import eval_script_double
from crisp.llm.testing import OpenAIServerDouble


def test_a_torn_last_row_is_dropped_and_a_key_counts_once(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run", "eval identify", {"a": 1})
    rows = tmp_path / "run" / "rows.jsonl"
    rows.write_text('{"key": "k1", "x": 1}\n{"key": "k1", "x": 2}\n{"key": "k2", "x"', encoding="utf-8")
    again = RunFolder(tmp_path / "run", "eval identify", {"a": 1})
    assert [r["key"] for r in again.rows] == ["k1"]
    assert again.row("k1") == {"key": "k1", "x": 2}
    assert rows.read_text(encoding="utf-8").endswith('"x": 2}\n')  # the torn line is cut from the file
    folder.close()


def test_a_folder_refuses_other_settings(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run", "eval identify", {"model": "a"})
    folder.write_manifest()
    with pytest.raises(ConfigError, match="other settings"):
        RunFolder(tmp_path / "run", "eval identify", {"model": "b"})


def test_prices_parse_and_bad_prices_say_the_form() -> None:
    assert parse_prices(["openai:gpt-4o=2.5,10"]) == {"openai:gpt-4o": (2.5, 10.0)}
    with pytest.raises(ConfigError, match="SPEC=IN,OUT"):
        parse_prices(["openai:gpt-4o"])


def test_every_call_failed_is_a_failed_run_with_a_non_zero_exit(tmp_path: Path) -> None:
    with OpenAIServerDouble(eval_script_double(), fail=lambda body: 400) as server:
        result = run_crisp("eval", "identify", "--model", server.spec, "--zero-shot-model", "none", "--limit", "2",
                           "--out", str(tmp_path / "run"), "--no-progress")
    assert result.returncode != 0
    assert result.stderr.strip().startswith("error: every item of the run failed")
    assert len(result.stderr.strip().splitlines()) == 1
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["status"] == "failed" and manifest["counts"]["failed"] == 2


def _cached(out: Path) -> int:
    with sqlite3.connect(out / "cache.sqlite") as db:
        return int(db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])


def test_kill_9_then_the_same_command_resumes_without_paying_twice(tmp_path: Path) -> None:
    out = tmp_path / "run"
    items = 16
    with OpenAIServerDouble(eval_script_double(), latency_s=0.15) as server:
        args = ("eval", "identify", "--model", server.spec, "--zero-shot-model", "none", "--limit", str(items),
                "--concurrency", "2", "--out", str(out), "--no-progress")
        process = crisp_process(*args)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            rows = out / "rows.jsonl"
            if rows.exists() and rows.read_bytes().count(b"\n") >= 4:
                break
            assert process.poll() is None, process.communicate()[1][-2000:]
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # A request the killed process sent may still reach the server (it counts on arrival): let it land.
        time.sleep(0.5)
        while server.stats["in_flight"]:
            time.sleep(0.05)
        cached_at_kill = _cached(out)
        assert 4 <= cached_at_kill < items
        requests_before = server.stats["requests"]
        result = run_crisp(*args)
        assert result.returncode == 0, result.stderr[-2000:]
        # Calls answered before the kill come from the cache; only the rest reach the server.
        assert server.stats["requests"] - requests_before == items - cached_at_kill
    keys = [json.loads(line)["key"] for line in (out / "rows.jsonl").read_text().splitlines()]
    assert len(keys) == len(set(keys)) == items
    report = json.loads((out / "report.json").read_text())
    assert report["model_scores"]["items_scored"] == items
    assert report["manifest"]["invocations"] == 2 and report["manifest"]["status"] == "complete"
