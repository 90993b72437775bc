"""Guided `crisp chat` in a real terminal on the embedded lite model: words stream before the turn ends.

Slow: loads `default:lite` (0.5B) and generates on the CPU. Runs in CI (`pytest -m slow`).
"""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.slow


def test_guided_reply_streams_and_the_thought_record_fills_in(terminal) -> None:
    term = terminal(["--model", "default:lite", "--guided", "--lang", "en", "--temperature", "0"])
    term.wait_for("(ready)", timeout=300)
    term.wait_for("You:")
    term.type("My manager criticised my report in front of everyone. I think I am a complete failure at my job.")
    term.keys("Enter")
    sent = time.monotonic()
    # Poll the screen: some reply text must show while the turn is still going (no prompt after it yet).
    partial_seen_after = None
    deadline = sent + 600
    while time.monotonic() < deadline:
        screen = term.screen()
        after = screen.rsplit("Peppy:", 1)[1] if "Peppy:" in screen else ""
        if after.strip() and "You:" not in after:
            partial_seen_after = time.monotonic() - sent
        if "You:" in after:
            break
        time.sleep(0.05)
    finished_after = time.monotonic() - sent
    assert partial_seen_after is not None, f"the reply appeared all at once:\n{term.screen()[-2000:]}"
    term.wait_for("You:", timeout=600, after=term.screen().rindex("Peppy:"))  # the turn is over
    assert partial_seen_after < finished_after
    print(f"guided turn on default:lite: first words after {partial_seen_after:.1f} s, whole turn {finished_after:.1f} s")
    term.type("/record")
    term.keys("Enter")
    screen = term.wait_for("Thought record")
    record = screen.rsplit("Thought record", 1)[1]
    automatic_thought = next(line for line in record.splitlines() if "Automatic" in line)
    assert "(not yet found)" not in automatic_thought, record
    term.type("/quit")
    term.keys("Enter")
    assert term.exit_status() == 0
