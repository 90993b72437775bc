"""A response cache on one SQLite file, so re-running a synthesis or evaluation job costs nothing.

The key is a sha256 over everything that changes a reply: the model spec, the
messages, the generation settings and the JSON schema, as canonical JSON
(sorted keys, no whitespace). The value is the `Completion` as JSON. A hit
comes back with `from_cache=True`.

Many async callers in one process and many processes may share one file:
each thread has its own connection, every read and write is one short
statement in autocommit mode, the journal is WAL (readers never block the
writer) and a busy timeout makes writers queue instead of failing.

Not here: eviction or expiry (delete the file to start over), and caching of
streamed replies (`ChatModel.stream` does not consult the cache). Chat leaves
the cache off; synthesis and evaluation pass one in through
`ModelOptions(cache=ResponseCache(path))`. The file holds generated text, which
may be sensitive, so it is created readable by its owner only; the messages
themselves are stored only as part of the hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisp.llm.base import Completion, GenerationParams, Message

# Bump when the key recipe changes, so old entries stop matching instead of matching wrongly.
KEY_VERSION = 1
# Settings added after KEY_VERSION 1: left out of a key while unset, so earlier keys still hit.
ADDED_PARAMS = ("grammar", "repetition_penalty", "dry_multiplier")
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    completion TEXT NOT NULL,
    created_at REAL NOT NULL
)
"""


def cache_key(
    spec: str,
    messages: Sequence[Message],
    params: GenerationParams,
    json_schema: dict[str, Any] | None,
) -> str:
    """The hex sha256 that names one request. Stable across processes and Python versions (and across
    the addition of `grammar`: left out when unset, so earlier keys still hit)."""
    payload = {
        "v": KEY_VERSION,
        "spec": spec,
        "messages": [m.model_dump(mode="json") for m in messages],
        "params": params.model_dump(mode="json", exclude={k for k in ADDED_PARAMS if getattr(params, k) is None}),
        "json_schema": json_schema,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheStats:
    """Lookups answered from the file (`hits`) and not (`misses`) by this `ResponseCache` object."""

    hits: int = 0
    misses: int = 0


class ResponseCache:
    """Completions stored in one SQLite file, keyed by `cache_key`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            # Owner-only from the first byte; SQLite gives its -wal and -shm files the same mode.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._local = threading.local()
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0
        self._connections: list[tuple[int, sqlite3.Connection]] = []
        self._connect()  # create the table now, so a bad path fails here and not mid-run

    # -- the interface `ChatModel` uses ----------------------------------------------------
    def get(
        self,
        spec: str,
        messages: Sequence[Message],
        params: GenerationParams,
        json_schema: dict[str, Any] | None,
    ) -> Completion | None:
        key = cache_key(spec, messages, params, json_schema)
        row = self._connect().execute("SELECT completion FROM responses WHERE key = ?", (key,)).fetchone()
        completion = None
        if row is not None:
            try:
                completion = Completion.model_validate_json(row[0])
            except ValueError:
                completion = None  # written by an incompatible version: treat as a miss, it gets replaced
        with self._lock:
            if completion is None:
                self._misses += 1
            else:
                self._hits += 1
        if completion is None:
            return None
        completion.from_cache = True
        return completion

    def put(
        self,
        spec: str,
        messages: Sequence[Message],
        params: GenerationParams,
        json_schema: dict[str, Any] | None,
        completion: Completion,
    ) -> None:
        key = cache_key(spec, messages, params, json_schema)
        stored = completion.model_copy(update={"from_cache": False}).model_dump_json()
        self._connect().execute(
            "INSERT OR REPLACE INTO responses (key, spec, completion, created_at) VALUES (?, ?, ?, ?)",
            (key, spec, stored, time.time()),
        )

    # -- extras ----------------------------------------------------------------------------
    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(hits=self._hits, misses=self._misses)

    def __len__(self) -> int:
        return int(self._connect().execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        """Close every connection this object opened (all threads). Safe to call twice."""
        with self._lock:
            connections, self._connections = self._connections, []
        for pid, connection in connections:
            if pid != os.getpid():
                continue  # inherited through fork: the parent still owns it
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed from another thread
                connection.close()
        self._local = threading.local()

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ResponseCache({str(self.path)!r})"

    # -- connections -----------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (and again in a forked child)."""
        held: tuple[int, sqlite3.Connection] | None = getattr(self._local, "held", None)
        if held is not None and held[0] == os.getpid():
            return held[1]
        # isolation_level=None: autocommit, so every statement is its own short transaction.
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute(_SCHEMA)
        self._local.held = (os.getpid(), connection)
        with self._lock:
            self._connections.append((os.getpid(), connection))
        return connection
