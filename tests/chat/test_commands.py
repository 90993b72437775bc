"""`crisp chat` one-shot and scripting use, run as the real command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisp.cr.schema import CrispRecord

CRISP = [sys.executable, "-c", "from crisp.cli import main; main()"]


def run_chat(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [*CRISP, "chat", *args], input=stdin if stdin is not None else "", capture_output=True, text=True,
        timeout=timeout, env=env, check=False,
    )


def test_help_lists_the_options() -> None:
    result = run_chat("--help")
    assert result.returncode == 0
    for flag in ("--model", "--lang", "--guided", "--system", "--max-new-tokens", "--temperature", "--save",
                 "--load", "--message", "--json"):
        assert flag in result.stdout


def test_one_shot_message_prints_the_reply(tiny_gguf_path: Path) -> None:
    result = run_chat("--model", f"gguf:{tiny_gguf_path}", "--message", "I feel stuck at work.",
                      "--max-new-tokens", "8", "--temperature", "0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\n") and result.stdout.strip()
    assert "I feel stuck" not in result.stderr  # no conversation content on stderr (logs)


def test_json_output_has_reply_safety_model_and_usage(tiny_gguf_path: Path, tmp_path: Path) -> None:
    save = tmp_path / "one.json"
    result = run_chat("--model", f"gguf:{tiny_gguf_path}", "--json", "--max-new-tokens", "8", "--save", str(save),
                      stdin="My sister says I always ruin everything.\n")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"reply", "safety", "model", "usage"}
    assert data["safety"]["level"] == "none" and data["safety"]["answered_by"] == "model"
    assert data["model"] == f"gguf:{tiny_gguf_path}"
    assert data["usage"]["completion_tokens"] > 0
    record = CrispRecord.model_validate_json(save.read_text(encoding="utf-8"))
    assert record.seed.situation == "My sister says I always ruin everything."


def test_crisis_message_one_shot_answers_from_the_safety_layer(tmp_path: Path) -> None:
    # A spec whose file does not exist would fail to load: the model is loaded before the message is
    # screened, so use the tiny model and check the answer came from the safety layer.
    from fixtures.tiny_gguf import write_tiny_qwen2_gguf

    path = write_tiny_qwen2_gguf(tmp_path / "tiny.gguf")
    result = run_chat("--model", f"gguf:{path}", "--json", "--message", "I want to kill myself tonight.")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["safety"]["answered_by"] == "safety"
    assert data["safety"]["level"] in ("moderate", "high", "imminent")
    assert data["usage"]["calls"] == 0


def test_unknown_model_spec_is_one_line_and_non_zero() -> None:
    result = run_chat("--model", "nonsense:thing", "--message", "hi")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: unknown model spec 'nonsense:thing'")
    assert result.stdout == ""


def test_missing_gguf_file_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = run_chat("--model", f"gguf:{tmp_path / 'none.gguf'}", "--message", "hi")
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "does not exist" in result.stderr


@pytest.mark.parametrize("content", [None, "not json at all", '{"id": "x"}'])
def test_unreadable_load_file_is_one_line_and_non_zero(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "saved.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run_chat("--model", "default:lite", "--load", str(path), "--message", "hi")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "cannot load" in lines[0] or "not a Crisp record" in lines[0]


def test_bad_flags() -> None:
    result = run_chat("--lang", "fr", "--message", "hi")
    assert result.returncode == 2 and "use en, zh or auto" in result.stderr
    result = run_chat("--guided", "--system", "x.txt", "--message", "hi")
    assert result.returncode == 2 and "model mode" in result.stderr
    result = run_chat("--model", "default:lite", "--message", "   ")
    assert result.returncode == 2 and "no message" in result.stderr
