"""A `kill -9` in the middle of a run loses only the dialogues in flight; rerunning completes it exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from synth.helpers import SITUATIONS

from crisp.synth.store import DIALOGUES, RunStore

TARGET = Path(__file__).with_name("kill_target.py")
JOBS = len(SITUATIONS) * 3


def _start(seeds: Path, out: Path, latency: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return subprocess.Popen([sys.executable, str(TARGET), str(seeds), str(out), str(latency)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _keys(out: Path) -> list[str]:
    contents = RunStore(out).open()
    return [r["provenance"]["generation"]["key"] for r in contents.kept] + list(contents.filtered)


def test_kill_9_mid_run_then_resume_to_an_exact_count(seeds_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    process = _start(seeds_file, out, latency=0.01)
    try:
        deadline = time.monotonic() + 60
        path = out / DIALOGUES
        while time.monotonic() < deadline:
            if path.exists() and path.read_bytes().count(b"\n") >= 8:
                break
            assert process.poll() is None, process.communicate()[1].decode()[-2000:]
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    raw = (out / DIALOGUES).read_bytes()
    whole = raw.split(b"\n")[:-1]  # every line but a possibly torn tail
    assert 8 <= len(whole) < JOBS  # killed in the middle
    first = _keys(out)  # opening repairs any torn tail
    assert len(first) == len(set(first))
    assert (out / DIALOGUES).read_bytes().endswith(b"\n")

    finished = _start(seeds_file, out, latency=0.0)
    _, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err.decode()[-2000:]
    keys = _keys(out)
    assert len(keys) == JOBS and len(set(keys)) == JOBS
    assert set(first) <= set(keys)
