"""Helpers for the data tests: JSONL files of records made in the test."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def jsonl(tmp_path: Path) -> Callable[[str, Iterable[dict[str, Any]]], Path]:
    """`jsonl(name, records)` writes records to tmp_path/name and returns the path."""
    return lambda name, records: write_jsonl(tmp_path / name, records)
