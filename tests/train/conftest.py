"""Fixtures of the training tests: Crisp records on disk and a tiny-model config builder."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures.records import make_record

from crisp.train.config import TrainConfig, load_config

REPO = Path(__file__).resolve().parents[2]
TINY_CONFIG = REPO / "configs" / "tiny.yaml"


def write_records(path: Path, count: int = 10) -> Path:
    """`count` valid dialogues over `count` seed situations, languages alternating."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            record = make_record("zh" if i % 2 else "en", (1,), record_id=f"r{i}", seed_id=f"s{i}")
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def records_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_records(tmp_path_factory.mktemp("records") / "records.jsonl")


@pytest.fixture
def tiny_config(tiny_hf_dir: Path, records_file: Path, tmp_path: Path) -> Callable[..., TrainConfig]:
    """configs/tiny.yaml pointed at the tiny model, the records and a fresh run folder, plus overrides."""

    def make(**overrides: Any) -> TrainConfig:
        values = {"model.name": str(tiny_hf_dir), "data.path": str(records_file), "output.dir": str(tmp_path / "run"),
                  "logging.report_to": []}
        values.update({k.replace("__", "."): v for k, v in overrides.items()})
        return load_config(TINY_CONFIG, list(values.items()))

    return make
