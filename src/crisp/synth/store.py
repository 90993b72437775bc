"""The output folder of a synthesis run, safe against a crash at any moment.

    DIR/dialogues.jsonl   kept records, one `CrispRecord` per line (a Crisp dataset as it is)
    DIR/filtered.jsonl    dialogues a filter dropped: {key, seed_id, variant, filter, reasons, record}
    DIR/rejects.jsonl     dialogues that failed: {key, seed_id, variant, error, reason, raw_text, final}
    DIR/manifest.json     configuration, versions, counts, usage and timing (written atomically)

Every line is appended with one `write` call on an `O_APPEND` descriptor and fsynced before the
dialogue counts as done, so a `kill -9` can leave at most one torn last line, never a torn line in the
middle or a line written twice. Opening the store repairs that tail: a last line that is not valid
JSON is cut off (it is the dialogue that was in flight; it runs again), a valid one that only lacks
its newline gets it. Any other unreadable line stops the run with `file:line` instead of being
"repaired" away: bad input never destroys data already written.

A job is done when its key is in `dialogues.jsonl`, `filtered.jsonl`, or `rejects.jsonl` with
`final: true` (the model's own failure; a failure of the endpoint is not final and runs again).

Not here: deciding what a key is (`crisp.synth.run`), or reading records for analysis (`crisp data`).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field

from crisp.errors import ConfigError, InputError
from crisp.manifest import MANIFEST_NAME, RunManifest, read_manifest

DIALOGUES = "dialogues.jsonl"
FILTERED = "filtered.jsonl"
REJECTS = "rejects.jsonl"
MANIFEST = MANIFEST_NAME
CACHE = "cache.sqlite"
LOCK = ".lock"
FILE_MODE = 0o600  # counselling text, even synthetic, stays with its owner


class SynthManifest(RunManifest):
    """The manifest of a synthesis run: the shared sections plus what resuming needs."""

    fingerprint: str | None = None  # hash of everything that changes the output
    output_settings: dict[str, Any] = Field(default_factory=dict)  # the settings behind the fingerprint


def record_key(record: dict[str, Any]) -> str | None:
    """The job key a kept record carries in `provenance.generation.key`."""
    generation = (record.get("provenance") or {}).get("generation") or {}
    key = generation.get("key")
    return key if isinstance(key, str) else None


@dataclass
class StoreContents:
    """What the files held when the store was opened."""

    kept: list[dict[str, Any]] = field(default_factory=list)  # records of dialogues.jsonl
    filtered: dict[str, str] = field(default_factory=dict)  # key -> filter name
    rejects_final: set[str] = field(default_factory=set)
    rejects_transient: int = 0
    repaired: list[str] = field(default_factory=list)  # what opening had to fix, one line each

    @property
    def done(self) -> set[str]:
        keys = {k for r in self.kept if (k := record_key(r))}
        return keys | set(self.filtered) | self.rejects_final


class RunStore:
    """Append-only JSONL files and an atomic manifest in one folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self._locks = {name: threading.Lock() for name in (DIALOGUES, FILTERED, REJECTS)}
        self._lock_fd: int | None = None

    def path(self, name: str) -> Path:
        return self.folder / name

    # -- one writer at a time -----------------------------------------------------------------
    def lock(self) -> None:
        """Take the folder for this process; a second run on the same folder is refused, not interleaved.

        The lock is an `flock` on `DIR/.lock`: the kernel drops it when the process dies, even by kill -9.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path(LOCK), os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise ConfigError(f"another crisp synth run is writing to {self.folder}; wait for it or use another "
                              "--out folder") from None
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the flock
            self._lock_fd = None

    # -- opening ------------------------------------------------------------------------------
    def open(self) -> StoreContents:
        """Create the folder if needed, repair torn tails, and read what is there."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot create the output folder {self.folder}: {error.strerror}") from None
        contents = StoreContents()
        for row in self._rows(DIALOGUES, contents):
            contents.kept.append(row)
        for row in self._rows(FILTERED, contents):
            if isinstance(row.get("key"), str):
                contents.filtered[row["key"]] = str(row.get("filter", ""))
        for row in self._rows(REJECTS, contents):
            if row.get("final") and isinstance(row.get("key"), str):
                contents.rejects_final.add(row["key"])
            else:
                contents.rejects_transient += 1
        return contents

    def _rows(self, name: str, contents: StoreContents) -> Iterator[dict[str, Any]]:
        path = self.path(name)
        if not path.exists():
            return
        note = repair_tail(path)
        if note:
            contents.repaired.append(note)
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    row = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    raise InputError(
                        f"{path}:{number}: not a valid JSON line; the file was changed outside crisp. Move it "
                        "away or fix that line, then run again"
                    ) from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}:{number}: expected a JSON object")
                yield row

    # -- appending ----------------------------------------------------------------------------
    async def append(self, name: str, row: dict[str, Any] | str) -> None:
        """Append one JSON line and fsync it; the blocking part runs off the event loop."""
        line = row if isinstance(row, str) else json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        await asyncio.to_thread(self.append_now, name, line)

    def append_now(self, name: str, line: str) -> None:
        data = (line.rstrip("\n") + "\n").encode("utf-8")
        with self._locks[name]:
            fd = os.open(self.path(name), os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            try:
                written = os.write(fd, data)  # one call: the line lands whole or (on a crash) as a torn tail
                while written < len(data):  # a short write (disk full, signal): finish it
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            finally:
                os.close(fd)

    # -- the manifest -------------------------------------------------------------------------
    def read_manifest(self) -> SynthManifest | None:
        path = self.path(MANIFEST)
        return SynthManifest.model_validate(read_manifest(path).model_dump()) if path.exists() else None

    def write_manifest(self, manifest: SynthManifest) -> None:
        manifest.write(self.folder, mode=FILE_MODE)


def repair_tail(path: Path) -> str | None:
    """Fix a torn last line left by a crash; return a note saying what was done, or None."""
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb+") as handle:
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return None
        # Find the start of the last line.
        block = 1 << 16
        pos = size
        start = 0
        while pos > 0:
            step = min(block, pos)
            pos -= step
            handle.seek(pos)
            chunk = handle.read(step)
            cut = chunk.rfind(b"\n")
            if cut != -1:
                start = pos + cut + 1
                break
        handle.seek(start)
        tail = handle.read()
        try:
            json.loads(tail)
        except (json.JSONDecodeError, UnicodeDecodeError):
            handle.truncate(start)
            handle.flush()
            os.fsync(handle.fileno())
            return f"{path.name}: dropped a torn last line of {len(tail)} bytes (a dialogue in flight at a crash)"
        handle.seek(0, os.SEEK_END)
        handle.write(b"\n")
        handle.flush()
        os.fsync(handle.fileno())
        return f"{path.name}: completed the last line's newline"
