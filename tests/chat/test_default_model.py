"""`crisp chat` one-shot on the real embedded default model, in English and Chinese.

Slow: loads the ~1.1 GB default model (assembled into the user cache on first use) and
generates on the CPU. Runs in CI (`pytest -m slow`). The embedded model answers in the small-model
CR format (`crisp.dialogue.reply_format`): two to four sentences ending in one question, no list.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

CRISP = [sys.executable, "-c", "from crisp.cli import main; main()", "chat"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def one_shot(message: str, *extra: str) -> dict:
    result = subprocess.run(
        [*CRISP, "--model", "default", "--json", "--max-new-tokens", "300", "--temperature", "0",
         "--message", message, *extra],
        capture_output=True, text=True, timeout=600, env={**os.environ}, check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_english_one_shot() -> None:
    data = one_shot("I failed my driving test again and I feel like I can't do anything right.")
    assert data["model"] == "default"
    assert data["safety"] == {"level": "none", "answered_by": "model", "reply_blocked": False}
    assert 0 < data["usage"]["completion_tokens"] <= 300
    reply = data["reply"]
    assert reply.strip() and not CJK.search(reply)
    assert re.search(r"\b[A-Za-z]{3,}\b", reply)
    # A CR reply: a few sentences, ending in a question, no list, no tag shown.
    assert reply.rstrip().endswith("?") and 2 <= reply.count(".") + reply.count("?") <= 4
    assert "[" not in reply and "\n" not in reply and not re.search(r"\d", reply)


def test_chinese_one_shot() -> None:
    data = one_shot("我又一次没通过驾照考试，感觉自己什么都做不好。")
    assert data["safety"]["answered_by"] == "model" and data["safety"]["level"] == "none"
    assert 0 < data["usage"]["completion_tokens"] <= 300
    reply = data["reply"]
    assert len(CJK.findall(reply)) >= 5 and not re.search(r"[A-Za-z]", reply)  # a Chinese reply
    assert reply.rstrip().endswith("？") and "[" not in reply and "\n" not in reply
