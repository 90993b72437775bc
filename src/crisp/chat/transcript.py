"""Chat transcripts as files: a conversation saved as one Crisp record (JSON), and read back.

What the record holds is described in `crisp.dialogue.records`. Files are written only when the
person asks (`--save`, `/save`), atomically (`crisp.atomic`), so a failed save never leaves half a
file and never damages the file it replaces.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from crisp.atomic import write_atomic
from crisp.cr.schema import CrispRecord
from crisp.errors import InputError


def save_record(record: CrispRecord, path: str | Path) -> Path:
    """Write `record` as one JSON object (UTF-8), atomically. Returns the path written."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError(f"{target} is a directory; give a file name, e.g. {target / 'chat.json'}")
    if not target.parent.is_dir():
        raise InputError(f"cannot save to {target}: folder {target.parent} does not exist")
    try:
        write_atomic(target, record.model_dump_json(indent=2, exclude_none=False) + "\n")
    except OSError as error:
        raise InputError(f"cannot save to {target}: {error.strerror or error}") from None
    return target


def load_record(path: str | Path) -> CrispRecord:
    """Read a saved chat (or any Crisp record): a JSON object, or a JSONL file holding one record."""
    source = Path(path).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"cannot load {source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot load {source}: it is a directory, not a saved chat") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(f"cannot load {source}: {reason}") from None
    try:
        return CrispRecord.model_validate_json(text)
    except ValidationError as error:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(_is_json_object(line) for line in lines):
            raise InputError(f"{source} holds {len(lines)} records; /load takes a file with one chat") from None
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise InputError(
            f"{source} is not a Crisp record ({error.error_count()} problem(s), first at {where}: {first['msg']}); "
            "load a file written by /save or --save"
        ) from None


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


__all__ = ["load_record", "save_record"]
