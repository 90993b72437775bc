"""Files written so that a reader sees the old file or the new one, never a mix.

One writer for the whole toolkit: chat transcripts, the synthesis manifest and store repairs, and
`crisp data` outputs. A new file is written to a temporary sibling (mkstemp: owner-only, as
counselling text should be), flushed and fsynced, then renamed over the target; the folder is
fsynced where the file system allows it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def temporary_sibling(path: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """An open descriptor and the path of a new owner-only file in `path`'s folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    return fd, Path(tmp)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so a rename in it survives a crash (skipped where the file system cannot)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_atomic(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write `text` (UTF-8) to `path` atomically. `mode` sets the permissions of the new file;
    by default a replaced file keeps its own and a new one is owner-only."""
    fd, tmp = temporary_sibling(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.is_file():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


__all__ = ["sync_folder", "temporary_sibling", "write_atomic"]
