"""Fixtures for the server tests: the real app on loopback over real SQLite files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.serve_server import LiveServer, counsellor_double

from crisp.llm.base import ChatModel

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


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL on a loopback port for this test session (Debian `postgresql`; CI installs it)."""
    import shutil
    import tempfile

    from fixtures.postgres_server import PostgresServer, postgres_bin

    if postgres_bin() is None:
        pytest.skip("PostgreSQL is not installed (make install-dev installs the Debian package)")
    folder = Path(tempfile.mkdtemp(prefix="crisp-pg-"))
    server = PostgresServer(folder).start()
    try:
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A migrated engine on a fresh SQLite file, then on the real PostgreSQL (tables emptied after)."""
    from crisp.serve import db

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    made = db.make_engine(url)
    db.upgrade(made)
    yield made
    if request.param == "postgresql":
        with made.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
    made.dispose()
