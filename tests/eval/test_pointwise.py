"""`crisp eval pointwise`: a whole run with the tiny GGUF under test, the scripted judge, the sanity check."""

from __future__ import annotations

import json
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from eval.conftest import crisp_process, run_crisp

from crisp.cr.taxonomy import Lang
from crisp.eval.pointwise import (
    DIMENSIONS,
    PointwiseRating,
    anchors,
    judge_messages,
    sanity_transcript,
)
from crisp.eval.testing import eval_script_double, judge_score
from crisp.llm.testing import OpenAIServerDouble


def test_anchors_cover_every_dimension_in_both_languages() -> None:
    for lang in Lang:
        assert set(anchors(lang)) == set(DIMENSIONS)
        for text in anchors(lang).values():
            assert all(f"{n} =" in text for n in range(1, 6))  # a written anchor for every score
    fields = list(PointwiseRating.model_json_schema()["$defs"]["DimensionRating"]["properties"])
    assert fields == ["rationale", "score"]  # the rationale comes before the score


def test_the_scripted_poor_counsellor_reads_worse_to_the_rule_judge() -> None:
    for lang in Lang:
        good = judge_score(judge_messages(sanity_transcript(lang, "good"), lang)[0].content)
        poor = judge_score(judge_messages(sanity_transcript(lang, "poor"), lang)[0].content)
        assert good > poor


def test_a_whole_pointwise_run_on_the_tiny_gguf(tmp_path: Path, tiny_gguf_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "run"
    model = f"gguf:{tiny_gguf_path}"
    second_judge = judge_server.url + "#second-judge"
    args = ("eval", "pointwise", "--model", model, "--model", second_judge, "--judge", judge_server.spec,
            "--judge", second_judge, "--client", judge_server.spec, "--sessions", "1", "--turns", "2",
            "--out", str(out), "--no-progress", "--price", f"{judge_server.spec}=1,2", "--max-new-tokens", "24")
    result = run_crisp(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["sessions"] == 4  # 2 models x 1 client x 2 languages
    for lang in ("en", "zh"):
        assert report["tables"][lang][model]["overall_quality"]["n"] == 1
        assert 1 <= report["tables"][lang][model]["support"]["estimate"] <= 5
    for lang in ("en", "zh"):
        sanity = report["sanity"][judge_server.spec][lang]
        assert sanity["passed"] and sanity["margin_overall"] > 0
    assert set(report["agreement"]) == set(DIMENSIONS)
    rows = [json.loads(line) for line in (out / "rows.jsonl").read_text().splitlines()]
    sessions = [r for r in rows if r["kind"] == "session"]
    # The same client opens every model's session.
    openings = {(r["lang"], r["model"]): r["transcript"][0]["text"] for r in sessions}
    assert openings[("en", model)] == openings[("en", second_judge)]
    assert all(len(r["transcript"]) in (2, 4) for r in sessions)
    manifest = report["manifest"]
    assert any("self-preference" in w for w in manifest["warnings"])  # second-judge is also under test
    assert manifest["usage"][model]["calls"] >= 4 and manifest["usage"][judge_server.spec]["cost_usd"] > 0
    assert (out / "pointwise_en.png").exists() and (out / "pointwise_zh.png").exists()
    assert "| Sensibleness |" in (out / "report.md").read_text()
    # The same command again: everything comes from the folder, nothing is paid again.
    requests = judge_server.stats["requests"]
    again = run_crisp(*args)
    assert again.returncode == 0 and judge_server.stats["requests"] == requests
    assert json.loads((out / "report.json").read_text())["tables"] == report["tables"]


def test_a_judge_that_breaks_the_schema_is_counted_not_dropped(tmp_path: Path) -> None:
    script = eval_script_double()

    def broken(messages, schema, seed=None):  # type: ignore[no-untyped-def]
        if (schema or {}).get("title") == "PointwiseRating":
            return '{"sensibleness": "great"}'
        return script(messages, schema, seed)

    with OpenAIServerDouble(broken) as server:
        result = run_crisp("eval", "pointwise", "--model", server.url + "#under-test", "--judge", server.spec,
                           "--client", server.spec, "--sessions", "1", "--turns", "1", "--lang", "en",
                           "--out", str(tmp_path / "run"), "--no-progress")
    assert result.returncode != 0
    assert "every item of the run failed" in result.stderr
    failures = (tmp_path / "run" / "failures.jsonl").read_text().splitlines()
    assert len(failures) == 3  # the session and both sanity transcripts, each with its reason
    assert all("PointwiseRating" in json.loads(f)["error"] or "rating" in json.loads(f)["error"] for f in failures)


def test_kill_9_mid_run_then_the_same_command_pays_for_no_call_twice(tmp_path: Path) -> None:
    """Counsellor replies come through the engine in one call each, so the cache covers them too."""
    out = tmp_path / "run"

    def cached() -> int:
        with sqlite3.connect(out / "cache.sqlite") as db:
            return int(db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    with OpenAIServerDouble(eval_script_double(), latency_s=0.1) as server:
        args = ("eval", "pointwise", "--model", server.url + "#under-test", "--judge", server.spec, "--client",
                server.spec, "--sessions", "4", "--turns", "2", "--lang", "en", "--concurrency", "1",
                "--out", str(out), "--no-progress")
        process = crisp_process(*args)
        deadline = time.monotonic() + 300  # generous: a shared, busy CPU
        while time.monotonic() < deadline:
            rows = out / "rows.jsonl"
            if rows.exists() and rows.read_bytes().count(b"\n") >= 1:
                break
            assert process.poll() is None, process.communicate()[1][-2000:]
            time.sleep(0.05)
        time.sleep(0.25)  # into the next session: some of its calls answered, some not
        process.send_signal(signal.SIGKILL)
        process.wait()
        cached_at_kill, requests_at_kill = cached(), server.stats["requests"]
        result = run_crisp(*args, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        # Every call the resumed run paid for is a new cache entry: nothing answered before the kill was paid again.
        assert server.stats["requests"] - requests_at_kill == cached() - cached_at_kill
    keys = [json.loads(line)["key"] for line in (out / "rows.jsonl").read_text().splitlines()]
    assert len(keys) == len(set(keys)) == 4 + 2  # four sessions and the two sanity transcripts, each once
    report = json.loads((out / "report.json").read_text())
    assert report["sessions"] == 4 and report["manifest"]["status"] == "complete"
    assert report["manifest"]["invocations"] == 2


@pytest.mark.slow
def test_default_lite_runs_a_pointwise_session_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = run_crisp("eval", "pointwise", "--model", "default:lite", "--judge", "default:lite", "--client",
                       "default:lite", "--sessions", "1", "--turns", "1", "--lang", "en", "--max-new-tokens", "64",
                       "--out", str(out),
                       "--no-progress", timeout=900)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["done"] + manifest["counts"]["failed"] == 3
    session = [json.loads(line) for line in (out / "rows.jsonl").read_text().splitlines()]
    rated = [r for r in session if r["kind"] == "session"]
    assert result.returncode == 0, result.stderr[-2000:]
    assert rated and rated[0]["transcript"][1]["role"] == "counsellor" and rated[0]["transcript"][1]["text"]
    assert all(1 <= s <= 5 for s in next(iter(rated[0]["ratings"].values())).values())
