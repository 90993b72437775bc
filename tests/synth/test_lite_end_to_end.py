"""End to end with the embedded `default:lite` model: one short dialogue per language, through
grammar-constrained structured output, the store and every filter but the judge.

Slow (a real 0.5B model on the CPU; runs in CI with `pytest -m slow`), and kept short: one channel,
one loop, segment granularity with one exchange per sub-step (8 model calls per dialogue), both
languages at once on two llama.cpp slots.

What it asserts is what a model this small does: every job ends as a schema-valid record whose
structure passes `check_record` (a completed plan, or a valid dialogue cut at max_turns), or as a
reject that keeps the model's raw text; and at least one language gets a valid dialogue. Observed on
two CPU cores: English completes the plan with a structurally valid record (which the basic filter
then rightly drops for repetition and lecturing); in Chinese the 0.5B model tends to loop on one
sentence inside the profile's JSON until the token limit, and the profile is rejected. The filters
are not asserted to keep anything: the lite model is a weak counsellor.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from crisp.cr.checks import check_record
from crisp.cr.schema import CrispRecord
from crisp.synth.config import SynthConfig
from crisp.synth.run import run_synthesis

pytestmark = pytest.mark.slow

SEEDS = [
    {"id": "lite-en", "language": "en", "category": "career",
     "situation": "My manager criticised my report in front of the team and I keep replaying it."},
    {"id": "lite-zh", "language": "zh", "category": "career",
     "situation": "领导当着全组的面批评了我的报告，我一直在回想那个场面。"},
]


@pytest.fixture(scope="module")
def lite_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    folder = tmp_path_factory.mktemp("lite")
    seeds = folder / "seeds.jsonl"
    seeds.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in SEEDS), encoding="utf-8")
    config = SynthConfig(
        seeds=str(seeds), out=folder / "run", models=["default:lite"], granularity="segment",
        segment_max_exchanges=1, max_channels=1, max_loops=1, max_turns=16, hints="off", concurrency=2,
        resistance="low", temperature=0.7, random_seed=0, max_new_tokens=320, max_attempts=1, n_ctx=4096,
    )
    started = time.monotonic()
    asyncio.run(run_synthesis(config))
    return folder / "run", time.monotonic() - started


def _outcome(run: Path, seed_id: str) -> tuple[str, dict[str, object]]:
    for name in ("dialogues.jsonl", "filtered.jsonl", "rejects.jsonl"):
        path = run / name
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else ():
            row = json.loads(line)
            if row.get("seed_id") == seed_id or (row.get("seed") or {}).get("id") == seed_id:
                return name, row
    raise AssertionError(f"no outcome for {seed_id}")


def test_every_job_is_accounted_for(lite_run: tuple[Path, float]) -> None:
    run, elapsed = lite_run
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert manifest["status"] == "complete"
    assert counts["kept"] + sum(counts["dropped"].values()) + counts["rejected"] == 2, counts
    assert manifest["usage"]["calls"] >= 2
    print(f"default:lite end to end: {elapsed:.0f}s, {manifest['usage']}")


@pytest.mark.parametrize("seed_id", ["lite-en", "lite-zh"])
def test_each_dialogue_is_a_valid_record_or_a_kept_failure(lite_run: tuple[Path, float], seed_id: str) -> None:
    run, _ = lite_run
    where, row = _outcome(run, seed_id)
    if where == "rejects.jsonl":
        assert row["error"] == "StructuredOutputError" and row["raw_text"] and row["final"], row
        print(f"{seed_id}: rejected ({row['reason'][:120]}); raw text kept, {len(str(row['raw_text']))} chars")
        return
    _check_valid(row if where == "dialogues.jsonl" else row["record"], seed_id)  # type: ignore[arg-type]
    if where == "filtered.jsonl":
        print(f"{seed_id}: valid, dropped by {row['filter']}: {row['reasons']}")


def test_at_least_one_language_gets_a_valid_dialogue(lite_run: tuple[Path, float]) -> None:
    run, _ = lite_run
    records = [row if where == "dialogues.jsonl" else row["record"]
               for where, row in (_outcome(run, s["id"]) for s in SEEDS) if where != "rejects.jsonl"]
    assert records, "the lite model wrote no dialogue in either language"
    for data in records:
        _check_valid(data, str(data["seed"]["id"]))  # type: ignore[index]


def _check_valid(data: dict[str, object], seed_id: str) -> None:
    record = CrispRecord.model_validate(data)
    assert record.language.value == seed_id.removeprefix("lite-")
    assert record.end_reason in ("plan_complete", "max_turns")
    assert check_record(record) == [], [str(v) for v in check_record(record)]
    assert len(record.turns) >= 2 and record.provenance.granularity == "segment"
