"""`crisp data split`: train / valid / test by seed situation, stratified by language.

All dialogues of one seed situation (`seed.id`) go to the same split, so no
situation a model was trained on shows up in its evaluation. Each language is
split on its own: its situations, sorted by id, are shuffled with a generator
seeded by (`seed`, language); then each situation in that order goes to test if
adding its dialogues brings test closer to its share of the language's
dialogues, else to valid on the same rule, else to train. Shares are of
dialogues, not situations, so a split is off its share by at most half a
situation's dialogues, and a language too small for a share gives that split none.

Deterministic: the same input, fractions and seed give byte-identical files. The
records are copied as the exact bytes of their input lines, in input order, and
the manifest (`split.json`) holds no time stamp or absolute path.

Streams in two passes: the first reads each record's seed and language (and
stops at the first line that is not a record), the second copies lines.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisp.data.files import Line, Outputs, iter_lines, refuse_existing
from crisp.data.records import read_records
from crisp.errors import ConfigError, InputError

SPLITS = ("train", "valid", "test")
MANIFEST_NAME = "split.json"


@dataclass
class SplitResult:
    files: dict[str, Path]  # split name -> JSONL file
    manifest_path: Path
    manifest: dict[str, Any]


def split_paths(out_dir: Path) -> dict[str, Path]:
    return {**{name: out_dir / f"{name}.jsonl" for name in SPLITS}, "manifest": out_dir / MANIFEST_NAME}


def assign_situations(
    situations: dict[str, tuple[str, int]], valid: float, test: float, seed: int
) -> dict[str, str]:
    """Seed id -> split, from seed id -> (language, dialogues)."""
    by_lang: dict[str, list[str]] = defaultdict(list)
    for seed_id, (lang, _) in situations.items():
        by_lang[lang].append(seed_id)
    assignment: dict[str, str] = {}
    for lang in sorted(by_lang):
        ids = sorted(by_lang[lang])
        random.Random(f"crisp-split:{seed}:{lang}").shuffle(ids)
        total = sum(situations[s][1] for s in ids)
        targets = {"test": test * total, "valid": valid * total}
        filled = Counter[str]()
        for seed_id in ids:
            size = situations[seed_id][1]
            # Take the situation where it brings the split closer to its target.
            name = next((n for n in ("test", "valid") if filled[n] + size / 2 < targets[n]), "train")
            assignment[seed_id] = name
            filled[name] += size
    return assignment


def _check_fractions(valid: float, test: float) -> None:
    for name, value in (("--valid", valid), ("--test", test)):
        if not 0 <= value < 1:
            raise ConfigError(f"{name} must be a fraction in [0, 1), not {value}")
    if valid + test >= 1:
        raise ConfigError(f"--valid + --test is {valid + test:g}; it must stay below 1 to leave a train split")


def split_file(
    path: Path, out_dir: Path, valid: float = 0.05, test: float = 0.05, seed: int = 0, force: bool = False
) -> SplitResult:
    _check_fractions(valid, test)
    outputs = split_paths(out_dir)
    refuse_existing(outputs.values(), force)

    situations: dict[str, tuple[str, int]] = {}
    line_seed: list[str] = []  # seed id of each record, in order
    digest = hashlib.sha256()
    for _, line, record in read_records([path]):
        seed_id, lang = record.seed.id, record.language.value
        known = situations.get(seed_id)
        if known is not None and known[0] != lang:
            raise InputError(
                f"{path}:{line.number}: seed.id: situation {seed_id!r} appears in {known[0]} and {lang} records; "
                "a seed situation has one language"
            )
        situations[seed_id] = (lang, (known[1] if known else 0) + 1)
        line_seed.append(seed_id)
    if not line_seed:
        raise InputError(f"{path}: no records to split")
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)

    assignment = assign_situations(situations, valid, test, seed)
    counts = {name: Counter[str]() for name in SPLITS}
    seeds = {name: Counter[str]() for name in SPLITS}
    for seed_id, (lang, n) in situations.items():
        counts[assignment[seed_id]][lang] += n
        seeds[assignment[seed_id]][lang] += 1

    with Outputs(force) as out:
        handles = {name: out.open(outputs[name], "wb") for name in SPLITS}
        index = 0
        for item in iter_lines(path):
            if not isinstance(item, Line):
                continue  # cannot happen: the first pass stopped at any problem
            handles[assignment[line_seed[index]]].write(item.data + b"\n")
            index += 1
        manifest = {
            "source": Path(path).name,
            "source_sha256": digest.hexdigest(),
            "seed": seed,
            "fractions": {"valid": valid, "test": test},
            "method": "by seed situation (seed.id), stratified by language; shares are of dialogues",
            "splits": {
                name: {
                    "file": outputs[name].name,
                    "dialogues": sum(counts[name].values()),
                    "situations": sum(seeds[name].values()),
                    "by_language": {lang: {"dialogues": counts[name][lang], "situations": seeds[name][lang]}
                                    for lang in sorted(counts[name] | seeds[name])},
                }
                for name in SPLITS
            },
        }
        out.write_text(outputs["manifest"], json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return SplitResult({name: outputs[name] for name in SPLITS}, outputs["manifest"], manifest)


__all__ = ["MANIFEST_NAME", "SPLITS", "SplitResult", "assign_situations", "split_file", "split_paths"]
