"""Reading JSONL files of records line by line, and writing outputs without half files.

Reading (`iter_lines`) never stops at a bad line and never loads a whole file: it
yields each non-blank line as bytes with its number and byte offset, and a
`Problem` for whatever cannot be a record (a line over `MAX_LINE_BYTES`, bytes
that are not UTF-8) or a file that cannot be read at all (missing, a directory,
empty, UTF-16, gzip, or in another encoding: its first `MAX_UNDECODABLE_HEAD`
lines not UTF-8). Blank lines are skipped silently; a UTF-8 byte-order mark
is dropped. Input files are opened read-only.

Writing (`Outputs`) refuses paths that exist unless forced, writes every output
to a temporary sibling, and renames them all into place only when the whole job
succeeded, so a failure leaves no half file and no mix of old and new outputs.
New outputs are readable by their owner only (0600 files, 0700 folders), like the
synthesis store's: counselling text, even synthetic, stays with its owner.

Not done here: parsing JSON or records (`crisp.data.records`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from crisp.atomic import sync_folder, temporary_sibling
from crisp.errors import ConfigError

# Far above any real record (a 36-turn dialogue is ~15 kB; one text field is at most
# 20,000 characters), low enough that one runaway line cannot exhaust memory.
MAX_LINE_BYTES = 8 * 1024 * 1024
# A file whose first this many lines are all not UTF-8 is in another encoding (or binary):
# one line each for these, then the rest of the file is skipped instead of flooding the report.
MAX_UNDECODABLE_HEAD = 5
_SKIP_CHUNK = 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "is UTF-32 encoded (byte-order mark); Crisp reads UTF-8 JSONL: convert it first"),
    (b"\x00\x00\xfe\xff", "is UTF-32 encoded (byte-order mark); Crisp reads UTF-8 JSONL: convert it first"),
    (b"\xff\xfe", "is UTF-16 encoded (byte-order mark); Crisp reads UTF-8 JSONL: convert it first, "
     "e.g. `iconv -f UTF-16 -t UTF-8`"),
    (b"\xfe\xff", "is UTF-16 encoded (byte-order mark); Crisp reads UTF-8 JSONL: convert it first, "
     "e.g. `iconv -f UTF-16 -t UTF-8`"),
    (b"\x1f\x8b", "is gzip-compressed; decompress it first (gunzip)"),
    (b"PK\x03\x04", "is a zip archive; extract the JSONL files first"),
)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: its bytes without the line break, known to be UTF-8."""

    number: int  # 1-based
    offset: int  # byte offset of the line in the file
    data: bytes
    unterminated: bool = False  # the last line of the file, with no newline after it


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a line (`line` set) or with a whole file (`line` None)."""

    file: str
    line: int | None
    json_path: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.json_path or '$'}: {self.message}"

# How much of a file is read to tell binary data from text.
BINARY_SNIFF_BYTES = 8192


def iter_lines(path: Path | str) -> Iterator[Line | Problem]:
    """The records' lines of one JSONL file, with a `Problem` for each one that cannot be read."""
    name = str(path)
    path = Path(path)
    if path.is_dir():
        yield Problem(name, None, None, "is a directory, not a JSONL file; pass the files in it (e.g. DIR/*.jsonl)")
        return
    try:
        f = path.open("rb")
    except FileNotFoundError:
        yield Problem(name, None, None, "no such file")
        return
    except OSError as error:
        yield Problem(name, None, None, f"cannot be read: {error.strerror or error}")
        return
    with f:
        head = f.read(4)
        for magic, what in _FOREIGN_MAGIC:
            if head.startswith(magic):
                yield Problem(name, None, None, what)
                return
        if not head:
            yield Problem(name, None, None, "empty file: no records")
            return
        f.seek(0)
        if b"\0" in f.read(BINARY_SNIFF_BYTES):  # JSONL text never holds a NUL byte
            yield Problem(name, None, None, "is a binary file, not JSONL text (it holds NUL bytes); pass a file "
                          "of Crisp records, one JSON object per line in UTF-8")
            return
        f.seek(len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0)
        seen_record = False
        decoded_any = False
        undecodable = 0
        number = 0
        while True:
            offset = f.tell()
            chunk = f.readline(MAX_LINE_BYTES + 2)
            if not chunk:
                break
            number += 1
            ended = chunk.endswith(b"\n")
            if not ended and len(chunk) == MAX_LINE_BYTES + 2:
                size = len(chunk) + _skip_rest_of_line(f)
                seen_record = True
                yield Problem(
                    name, number, "$",
                    f"line is {size:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one record; skipped",
                )
                continue
            data = chunk.rstrip(b"\r\n") if ended else chunk
            if len(data) > MAX_LINE_BYTES:
                seen_record = True
                yield Problem(
                    name, number, "$",
                    f"line is {len(data):,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one record; skipped",
                )
                continue
            if not data.strip():
                continue
            seen_record = True
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                yield Problem(
                    name, number, "$",
                    f"not UTF-8 (byte 0x{data[error.start]:02x} at byte {error.start + 1} of the line); "
                    "re-save the file as UTF-8 (it may be GBK, Latin-1 or another encoding)",
                )
                undecodable += 1
                if not decoded_any and undecodable >= MAX_UNDECODABLE_HEAD:
                    yield Problem(
                        name, None, None,
                        f"is not UTF-8 text (its first {undecodable} lines are not); the rest of it is skipped: "
                        "re-save it as UTF-8",
                    )
                    return
                continue
            decoded_any = True
            yield Line(number, offset, data, unterminated=not ended)
        if not seen_record:
            yield Problem(name, None, None, "no records: the file has only blank lines")


def _skip_rest_of_line(f: IO[bytes]) -> int:
    """Read past the end of the current line; return how many bytes it had left, line break excluded."""
    skipped = 0
    while True:
        chunk = f.readline(_SKIP_CHUNK)
        if chunk.endswith(b"\n"):
            return skipped + len(chunk.rstrip(b"\r\n"))
        skipped += len(chunk)
        if not chunk:
            return skipped


def read_line_at(path: Path | str, offset: int) -> bytes:
    """The line that starts at byte `offset` (as `Line.offset` gave it), without its line break."""
    with Path(path).open("rb") as f:
        f.seek(offset)
        return f.readline(MAX_LINE_BYTES + 2).rstrip(b"\r\n")


def batched_lines(items: Iterable[Line | Problem], max_bytes: int = 2 * 1024 * 1024) -> Iterator[list[Line | Problem]]:
    """Group lines into batches of about `max_bytes`, for worker processes; order is kept."""
    batch: list[Line | Problem] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.data) if isinstance(item, Line) else 0
        if size >= max_bytes:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def total_size(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:
            pass
    return total


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def refuse_existing(paths: Iterable[Path], force: bool) -> None:
    """Raise `ConfigError` naming the first path that exists, unless `force`."""
    if force:
        return
    for path in paths:
        if path.exists() or path.is_symlink():
            raise ConfigError(f"{path} already exists; pass --force to replace it, or choose another output path")


class Outputs:
    """A set of output files and folders written together: all or none.

    ``with Outputs(force) as out: f = out.open(path); ...`` writes to temporary
    siblings; leaving the block normally renames each into place (replacing an
    old one when forced), an exception removes them all.
    """

    def __init__(self, force: bool = False) -> None:
        self.force = force
        self._staged: list[tuple[Path, Path]] = []  # (temporary, final)
        self._handles: list[IO[Any]] = []

    def _claim(self, path: Path, replace: bool = False) -> Path:
        path = Path(path)
        refuse_existing([path], self.force or replace)
        if any(final == path for _, final in self._staged):
            raise ValueError(f"{path} is already an output of this job")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def open(self, path: Path, mode: str = "w", replace: bool = False) -> IO[Any]:
        """A new file that becomes `path` on success. Text modes write UTF-8 with "\\n" line ends.

        `replace=True` allows replacing an existing file even without force (for files
        the job updates rather than creates, such as a shared dataset_info.json).
        """
        path = self._claim(path, replace)
        fd, tmp = temporary_sibling(path, ".partial")
        handle = os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n")
        self._staged.append((tmp, path))
        self._handles.append(handle)
        return handle

    def write_text(self, path: Path, text: str, replace: bool = False) -> None:
        with self.open(path, replace=replace) as f:
            f.write(text)

    def directory(self, path: Path) -> Path:
        """A new, empty temporary folder that becomes `path` on success."""
        path = self._claim(path)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent))
        self._staged.append((tmp, path))
        return tmp

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        for handle in self._handles:
            handle.close()
        if exc_type is None:
            self._commit()
        else:
            self._discard()

    def _commit(self) -> None:
        for tmp, final in self._staged:
            # New outputs stay private (mkstemp/mkdtemp: owner only), as counselling text should;
            # a replaced file keeps the permissions it had.
            if final.is_file() and tmp.is_file():
                os.chmod(tmp, final.stat().st_mode & 0o777)
            if final.is_dir() and not final.is_symlink():
                # Move the old folder aside first, so a failed rename loses nothing.
                old = Path(tempfile.mkdtemp(prefix=f".{final.name}.", suffix=".old", dir=final.parent))
                os.replace(final, old / final.name)
                os.replace(tmp, final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                if tmp.is_dir() and (final.is_file() or final.is_symlink()):
                    final.unlink()  # a folder cannot be renamed over a file
                os.replace(tmp, final)
            sync_folder(final.parent)
        self._staged.clear()

    def _discard(self) -> None:
        for tmp, _ in self._staged:
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                tmp.unlink(missing_ok=True)
        self._staged.clear()


__all__ = [
    "MAX_LINE_BYTES",
    "MAX_UNDECODABLE_HEAD",
    "Line",
    "Outputs",
    "Problem",
    "batched_lines",
    "iter_lines",
    "read_line_at",
    "refuse_existing",
    "total_size",
]
