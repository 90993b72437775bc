"""A real terminal for the REPL tests: tmux, driven by keys and read from its screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

CRISP_CHAT = [sys.executable, "-c", "from crisp.cli import main; main()", "chat"]


# Runs the command in the pane and writes its exit status to a file (tmux itself can be slow to reap
# a finished pane process), then keeps the pane open. The wrapper ignores SIGINT (Ctrl-C is for the command) and restores it for the child.
_WRAPPER = (
    "import signal, subprocess, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
    "code = subprocess.call(sys.argv[2:], preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))\n"
    "open(sys.argv[1], 'w').write(str(code))\n"
    "signal.pause()\n"  # keep the pane (and its screen) until the test closes the session
)


class Terminal:
    """One tmux session running a command; `wait_for` polls the visible screen and scroll-back."""

    def __init__(self, command: list[str], *, cwd: Path, width: int = 120, height: int = 40) -> None:
        self.name = f"crisp-test-{uuid.uuid4().hex[:8]}"
        self.exit_file = cwd / f".exit-{self.name}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), "-c", str(cwd),
             "env", "TERM=xterm-256color", sys.executable, "-c", _WRAPPER, str(self.exit_file), *command],
            check=True,
        )
        subprocess.run(["tmux", "set-option", "-t", self.name, "history-limit", "20000"], check=True)
        self.started = time.monotonic()

    def screen(self) -> str:
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", "-J", "-S", "-20000", "-t", self.name], capture_output=True, text=True, check=False
        )
        return out.stdout

    def wait_for(self, text: str, timeout: float = 60.0, *, after: int = 0) -> str:
        """Wait until `text` shows (past the first `after` characters of the screen); return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen[after:]:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {timeout} s; screen:\n{screen[-3000:]}")

    def exit_status(self, timeout: float = 30.0) -> int:
        """Wait for the command to end and return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists() and (text := self.exit_file.read_text()):
                return int(text)
            time.sleep(0.1)
        raise AssertionError(f"the command did not end within {timeout} s; screen:\n{self.screen()[-3000:]}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[type[Terminal]]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (apt-get install tmux; `make test` does it); the REPL tests drive a real terminal")
    opened: list[Terminal] = []

    def start(args: list[str]) -> Terminal:
        term = Terminal([*CRISP_CHAT, *args], cwd=tmp_path)
        opened.append(term)
        return term

    yield start  # type: ignore[misc]
    for term in opened:
        term.close()
