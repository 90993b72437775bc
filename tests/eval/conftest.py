"""Fixtures of the eval tests: the scripted eval double on loopback, and a way to run `crisp` in a process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from crisp.eval.testing import eval_script_double
from crisp.llm.testing import OpenAIServerDouble

CRISP = [sys.executable, "-c", "from crisp.cli import main; main()"]


def crisp_process(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    return subprocess.Popen([*CRISP, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kwargs)  # type: ignore[call-overload]


def run_crisp(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    process = crisp_process(*args)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()  # never leave a run behind
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture
def judge_server() -> Iterator[OpenAIServerDouble]:
    """The scripted eval double (judge, labeller, client) on 127.0.0.1: a stand-in for a hosted judge."""
    with OpenAIServerDouble(eval_script_double()) as server:
        yield server
