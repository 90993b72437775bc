"""The run manifest: what a run folder says about the run that wrote it.

Defined once, here. `crisp synth` writes it, `crisp data card` reads it, and `crisp train` and
`crisp eval` extend it: each kind of run adds its own sections (extra fields are kept), and the
sections every run has are typed below. The file is `MANIFEST_NAME` in the run folder, written
atomically, so a reader sees the last complete manifest, never half of one.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crisp.atomic import write_atomic
from crisp.errors import InputError

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


class RunStatus(StrEnum):
    """Where a run stands; the one list of statuses, and when each applies."""

    RUNNING = "running"  # in progress; a manifest still saying so after the process ended means it was killed
    COMPLETE = "complete"  # every job was attempted; none remains
    INCOMPLETE = "incomplete"  # ended with jobs still to do (failures that may clear up); the same command retries them
    INTERRUPTED = "interrupted"  # stopped on purpose (Ctrl-C) with jobs remaining; the same command resumes
    FAILED = "failed"  # stopped by an error (the backend down, bad input); finished work is kept


class RunManifest(BaseModel):
    """A run's manifest. Read leniently: every section defaults to empty, and sections this model does
    not name (a run kind's own, or another tool's) are kept as they are."""

    model_config = ConfigDict(extra="allow")

    manifest_version: int = MANIFEST_VERSION
    status: RunStatus | None = None
    config: dict[str, Any] = Field(default_factory=dict)  # the resolved settings of the run
    versions: dict[str, Any] = Field(default_factory=dict)  # toolkit, prompt, schema, python...
    counts: dict[str, Any] = Field(default_factory=dict)
    usage: dict[str, Any] = Field(default_factory=dict)  # tokens, calls, cost
    timing: dict[str, Any] = Field(default_factory=dict)
    invocations: list[dict[str, Any]] = Field(default_factory=list)  # one entry per command that worked on the run

    @classmethod
    def lenient(cls, data: dict[str, Any]) -> RunManifest:
        """The manifest in `data`, with any section of the wrong shape left out (another tool's manifest)."""
        data = dict(data)
        while True:
            try:
                return cls.model_validate(data)
            except ValidationError as error:
                bad = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
                if not bad & data.keys():
                    raise
                for key in bad:
                    data.pop(key, None)

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def write(self, folder: Path, *, mode: int | None = None) -> Path:
        path = Path(folder) / MANIFEST_NAME
        write_atomic(path, self.to_json(), mode=mode)
        return path


def read_manifest(path: Path) -> RunManifest:
    """The manifest in `path` (a file, or a run folder holding one), with a clear error when unreadable."""
    path = Path(path)
    if path.is_dir():
        path = path / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such manifest file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: not a readable JSON manifest ({error}); manifests are written atomically, "
                         "so it was changed outside crisp: restore or delete it") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a manifest is a JSON object, not {type(data).__name__}")
    return RunManifest.lenient(data)


__all__ = ["MANIFEST_NAME", "MANIFEST_VERSION", "RunManifest", "RunStatus", "read_manifest"]
