"""Fixtures for the server tests: the real app on loopback over real SQLite files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crisp.llm.base import ChatModel
from fixtures.serve_server import LiveServer, counsellor_double

ServerFactory = Callable[..., LiveServer]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServerFactory]:
    """`serve(model, **config)` starts a server on a fresh SQLite file; stopped after the test."""
    from crisp.serve.app import create_app
    from crisp.serve.config import ServeConfig

    started: list[LiveServer] = []

    def start(model: ChatModel | None = None, *, slots: int | None = None, **config: Any) -> LiveServer:
        config.setdefault("db_url", f"sqlite:///{tmp_path / f'serve{len(started)}.db'}")
        app = create_app(ServeConfig(model="scripted:double", **config), model=model or counsellor_double(), slots=slots)
        server = LiveServer(app).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__()
