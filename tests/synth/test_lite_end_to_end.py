"""End to end with the embedded models: one short dialogue per language, through grammar-constrained
structured output, the store and every filter but the judge.

Slow (real models on the CPU; runs in CI with `pytest -m slow`), and kept short: one channel, one
loop, segment granularity with one exchange per sub-step (8 model calls per dialogue).

English runs on `default:lite` (0.5B). Chinese runs on `default` (1.5B): in Chinese the 0.5B model
loops on one sentence inside the profile's JSON until the token limit, so its jobs end as rejects.
Each language must complete the CRDial plan with a record that passes the schema and every structural
check. The filters are not asserted to keep anything: models this small are weak counsellors, and
the basic filter rightly drops their repetitive, lecturing dialogues.
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
    {"id": "default-zh", "language": "zh", "category": "career",
     "situation": "领导当着全组的面批评了我的报告，我一直在回想那个场面。"},
]
# which embedded model writes each language's dialogue
MODEL_FOR = {"lite-en": "default:lite", "default-zh": "default"}


@pytest.fixture(scope="module")
def lite_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, float]]:
    """One run per seed (each on its language's model): seed id -> (run folder, seconds)."""
    runs = {}
    for seed in SEEDS:
        folder = tmp_path_factory.mktemp(str(seed["id"]))
        seeds = folder / "seeds.jsonl"
        seeds.write_text(json.dumps(seed, ensure_ascii=False) + "\n", encoding="utf-8")
        # 640 reply tokens: room for a segment's bounded JSON with its required question (320 cut it short).
        config = SynthConfig(
            seeds=str(seeds), out=folder / "run", models=[MODEL_FOR[str(seed["id"])]], granularity="segment",
            segment_max_exchanges=1, max_channels=1, max_loops=1, max_turns=16, hints="off", concurrency=1,
            resistance="low", temperature=0.7, random_seed=0, max_new_tokens=640, max_attempts=2, n_ctx=4096,
        )
        started = time.monotonic()
        asyncio.run(run_synthesis(config))
        runs[str(seed["id"])] = (folder / "run", time.monotonic() - started)
    return runs


def _outcome(run: Path, seed_id: str) -> tuple[str, dict[str, object]]:
    for name in ("dialogues.jsonl", "filtered.jsonl", "rejects.jsonl"):
        path = run / name
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else ():
            row = json.loads(line)
            if row.get("seed_id") == seed_id or (row.get("seed") or {}).get("id") == seed_id:
                return name, row
    raise AssertionError(f"no outcome for {seed_id}")


@pytest.mark.parametrize("seed_id", list(MODEL_FOR))
def test_every_job_is_accounted_for(lite_run: dict[str, tuple[Path, float]], seed_id: str) -> None:
    run, elapsed = lite_run[seed_id]
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert manifest["status"] == "complete"
    assert counts["kept"] + sum(counts["dropped"].values()) + counts["rejected"] == 1, counts
    assert manifest["usage"]["calls"] >= 2
    print(f"{MODEL_FOR[seed_id]} end to end: {elapsed:.0f}s, {manifest['usage']}")


@pytest.mark.parametrize("seed_id", list(MODEL_FOR))
def test_each_language_completes_a_structurally_valid_dialogue(
    lite_run: dict[str, tuple[Path, float]], seed_id: str
) -> None:
    run, _ = lite_run[seed_id]
    where, row = _outcome(run, seed_id)
    assert where != "rejects.jsonl", f"{seed_id} was rejected: {row.get('reason')}"
    record = _check_valid(row if where == "dialogues.jsonl" else row["record"], seed_id)  # type: ignore[arg-type]
    assert record.end_reason == "plan_complete"
    if where == "filtered.jsonl":
        print(f"{seed_id}: valid, dropped by {row['filter']}: {row['reasons']}")


def _check_valid(data: dict[str, object], seed_id: str) -> CrispRecord:
    record = CrispRecord.model_validate(data)
    assert record.language.value == seed_id[-2:]
    assert record.end_reason in ("plan_complete", "max_turns")
    assert check_record(record) == [], [str(v) for v in check_record(record)]
    assert len(record.turns) >= 2 and record.provenance.granularity == "segment"
    return record
