"""Splits by seed situation: no leakage, stratified by language, byte-identical for a seed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.records import make_record

from crisp.data.split import SPLITS, assign_situations, split_file
from crisp.errors import ConfigError, InputError


def dataset(jsonl: Callable[..., Path], situations: int = 60, per_situation: int = 5) -> tuple[Path, list[dict]]:
    records = []
    for s in range(situations):
        lang = "zh" if s % 3 == 0 else "en"  # a third Chinese
        for k in range(per_situation - s % 2):  # 5 or 4 dialogues per situation
            records.append(make_record(lang, (1,), record_id=f"r{s}-{k}", seed_id=f"seed{s:03d}"))
    return jsonl("all.jsonl", records), records


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_no_situation_in_two_splits_and_every_record_once(
    jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    source, records = dataset(jsonl)
    result = split_file(source, tmp_path / "out", valid=0.1, test=0.1, seed=1)
    seeds = {name: {r["seed"]["id"] for r in read(result.files[name])} for name in SPLITS}
    assert not seeds["train"] & seeds["valid"]
    assert not seeds["train"] & seeds["test"]
    assert not seeds["valid"] & seeds["test"]
    ids = [r["id"] for name in SPLITS for r in read(result.files[name])]
    assert sorted(ids) == sorted(r["id"] for r in records)
    # Lines are copied as they were, in input order within each split.
    source_lines = source.read_bytes().splitlines()
    for name in SPLITS:
        lines = result.files[name].read_bytes().splitlines()
        assert lines == [line for line in source_lines if line in set(lines)]


def test_stratified_by_language(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source, records = dataset(jsonl, situations=120)
    result = split_file(source, tmp_path / "out", valid=0.1, test=0.2, seed=3)
    total = Counter(r["language"] for r in records)
    for name, share in (("valid", 0.1), ("test", 0.2)):
        got = Counter(r["language"] for r in read(result.files[name]))
        for lang in ("en", "zh"):
            # Off by at most half a situation's dialogues (5 / 2) from the language's share.
            assert abs(got[lang] - share * total[lang]) <= 2.5, (name, lang, got[lang], share * total[lang])
    by_lang = result.manifest["splits"]["test"]["by_language"]
    assert set(by_lang) == {"en", "zh"}
    assert sum(v["dialogues"] for v in by_lang.values()) == result.manifest["splits"]["test"]["dialogues"]


def test_same_seed_same_bytes_other_seed_other_split(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source, _ = dataset(jsonl)
    a = split_file(source, tmp_path / "a", seed=7, valid=0.1, test=0.1)
    b = split_file(source, tmp_path / "b", seed=7, valid=0.1, test=0.1)
    c = split_file(source, tmp_path / "c", seed=8, valid=0.1, test=0.1)
    for name in [*SPLITS, "split.json"]:
        file = f"{name}.jsonl" if name in SPLITS else name
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    assert a.files["test"].read_bytes() != c.files["test"].read_bytes()
    assert a.manifest == b.manifest


def test_manifest(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source, records = dataset(jsonl, situations=20)
    result = split_file(source, tmp_path / "out", valid=0.1, test=0.1, seed=0)
    manifest = json.loads((tmp_path / "out" / "split.json").read_text(encoding="utf-8"))
    assert manifest == result.manifest
    assert manifest["source"] == "all.jsonl"
    assert manifest["seed"] == 0 and manifest["fractions"] == {"valid": 0.1, "test": 0.1}
    assert len(manifest["source_sha256"]) == 64
    assert sum(manifest["splits"][n]["dialogues"] for n in SPLITS) == len(records)
    assert sum(manifest["splits"][n]["situations"] for n in SPLITS) == 20


def test_tiny_languages_keep_their_only_situation_in_train() -> None:
    # One situation of 5 dialogues, a 5% share is 0.25 dialogues: taking it would overshoot by far more.
    assert assign_situations({"s": ("en", 5)}, valid=0.05, test=0.05, seed=0) == {"s": "train"}


def test_refuses_to_overwrite_and_bad_fractions(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source, _ = dataset(jsonl, situations=10)
    out = tmp_path / "out"
    split_file(source, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(ConfigError, match="already exists; pass --force"):
        split_file(source, out, seed=5)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    split_file(source, out, seed=5, force=True)
    assert json.loads((out / "split.json").read_text())["seed"] == 5
    with pytest.raises(ConfigError, match="below 1"):
        split_file(source, tmp_path / "x", valid=0.5, test=0.5)
    with pytest.raises(ConfigError, match=r"--test must be a fraction"):
        split_file(source, tmp_path / "x", test=-0.1)


def test_bad_input_stops_before_writing(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", [make_record(record_id="a", seed_id="s"), make_record("zh", record_id="b", seed_id="s")])
    with pytest.raises(InputError, match=r"d.jsonl:2: seed.id: situation 's' appears in en and zh records"):
        split_file(source, tmp_path / "out")
    broken = tmp_path / "broken.jsonl"
    broken.write_text(json.dumps(make_record()) + "\n{nope\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.jsonl:2: \$: malformed JSON.*crisp data validate"):
        split_file(broken, tmp_path / "out2")
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").iterdir())
