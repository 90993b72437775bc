"""`run_synthesis` with the synthesis teacher double: counts, concurrency, resume, rejects, filters,
load balancing, keys."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from synth.helpers import SITUATIONS, lines, teacher_double, write_seeds

from crisp.cr.checks import validate_record
from crisp.errors import BackendUnavailableError, ConfigError
from crisp.llm.base import Message
from crisp.llm.testing import schema_title
from crisp.prompts import PROMPT_VERSION
from crisp.synth.config import SynthConfig
from crisp.synth.criteria import CRITERION_IDS
from crisp.synth.run import make_jobs, run_fingerprint, run_synthesis
from crisp.synth.seeds import load_seeds
from crisp.llm.testing import crdial_teacher_script


def _run(config: SynthConfig, **kwargs: Any) -> Any:
    return asyncio.run(run_synthesis(config, **kwargs))


def _profiles(model: Any) -> int:
    return sum(1 for m in model.calls if "help-seeking post" in m[-1].content or "求助" in m[-1].content)


def test_a_run_writes_valid_records_and_an_exact_manifest(make_config: Any) -> None:
    config = make_config(judge="scripted:judge")
    teacher, judge = teacher_double(), teacher_double(spec="scripted:judge")
    result = _run(config, models=[teacher], judge=judge)
    records = lines(config.out / "dialogues.jsonl")
    assert len(records) == len(SITUATIONS)
    for data in records:
        record, violations = validate_record(data)
        assert record is not None and violations == []
        assert record.provenance.prompt_version == PROMPT_VERSION
        assert record.provenance.models == {"counsellor": "scripted:teacher", "client": "scripted:teacher",
                                            "judge": "scripted:judge"}
        assert record.provenance.generation["key"] and record.provenance.granularity == "turn"
        assert record.quality is not None and record.quality.mean == 4.0
        assert set(record.quality.criteria) == set(CRITERION_IDS)
    manifest = json.loads((config.out / "manifest.json").read_text())
    assert manifest == result.manifest and manifest["status"] == "complete"
    counts = manifest["counts"]
    assert counts["seeds"] == counts["seeds_used"] == counts["jobs"] == counts["attempted"] == counts["kept"] == 12
    assert counts["rejected"] == counts["seeds_screened_out"] == counts["remaining"] == 0
    assert set(counts["dropped"]) == {"basic", "safety", "expert", "near_duplicate", "seed_diversity"}
    assert manifest["usage"]["calls"] == len(teacher.calls) + len(judge.calls)
    assert manifest["usage"]["prompt_tokens"] > 0 and manifest["config"]["concurrency"] == 4
    assert manifest["versions"]["prompt_version"] == PROMPT_VERSION
    assert not (config.out / "rejects.jsonl").exists() and not (config.out / "filtered.jsonl").exists()


def test_peak_in_flight_equals_concurrency(make_config: Any) -> None:
    teacher = teacher_double(latency_s=0.01)
    _run(make_config(concurrency=5, cache=False), models=[teacher])
    assert teacher.peak_in_flight == 5


def test_rerunning_does_nothing_new(make_config: Any) -> None:
    config = make_config()
    _run(config, models=[teacher_double()])
    again = teacher_double()
    result = _run(config, models=[again])
    assert again.calls == []
    assert result.stats.finished == 0 and result.stats.done_before == 12
    assert len(lines(config.out / "dialogues.jsonl")) == 12
    manifest = result.manifest
    assert len(manifest["invocations"]) == 2 and manifest["counts"]["kept"] == 12


def test_a_partial_file_resumes_only_what_is_missing(make_config: Any) -> None:
    config = make_config(cache=False)
    _run(config, models=[teacher_double()])
    path = config.out / "dialogues.jsonl"
    kept = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(kept[:5]) + kept[5][:40], encoding="utf-8")  # 5 whole lines and a torn one
    teacher = teacher_double()
    _run(config, models=[teacher])
    assert _profiles(teacher) == 7
    records = lines(path)
    keys = [r["provenance"]["generation"]["key"] for r in records]
    assert len(keys) == 12 and len(set(keys)) == 12


def test_redone_dialogues_replay_from_the_response_cache(make_config: Any) -> None:
    config = make_config()
    _run(config, models=[teacher_double()])
    path = config.out / "dialogues.jsonl"
    path.write_text("".join(path.read_text().splitlines(keepends=True)[:4]))
    teacher = teacher_double()
    _run(config, models=[teacher])
    assert teacher.calls == []  # every call of the 8 redone dialogues was cached
    assert len(lines(path)) == 12


def _junk_for(word: str) -> Any:
    base = crdial_teacher_script()

    def script(messages: list[Message], schema: Any, seed: Any) -> str:
        if schema_title(schema) == "ProfileDraft" and word in messages[-1].content:
            return "Sorry, I can't help with that."
        if schema_title(schema) == "ProfileDraft" and "not valid JSON" in messages[-1].content and \
                word in messages[0].content:
            return "Still not JSON, sorry."
        return base(messages, schema, seed)

    return script


def test_junk_replies_become_final_rejects_with_the_raw_text(make_config: Any) -> None:
    config = make_config(max_attempts=2)
    result = _run(config, models=[teacher_double(script=_junk_for("cholesterol"))])
    rejects = lines(config.out / "rejects.jsonl")
    assert len(rejects) == 1
    reject = rejects[0]
    assert reject["seed_id"] == "t-en-04" and reject["error"] == "StructuredOutputError"
    assert reject["raw_text"] == "Still not JSON, sorry." and reject["final"] and reject["attempts"] == 2
    assert "did not return valid ProfileDraft JSON" in reject["reason"]
    assert (reject["schema"], reject["field"]) == ("ProfileDraft", "$")  # not JSON at all: the reply as a whole
    assert result.manifest["counts"]["rejected"] == 1 and result.manifest["counts"]["kept"] == 11
    assert result.manifest["counts"]["schema_failures"] == {"ProfileDraft.$": 1}
    again = teacher_double()
    _run(config, models=[again])
    assert again.calls == []  # a final reject is done


class _DownDouble:
    """A teacher whose endpoint is unreachable (a test double)."""

    @staticmethod
    def make() -> Any:
        double = teacher_double()

        async def down(*args: Any, **kwargs: Any) -> Any:
            raise BackendUnavailableError("cannot reach http://127.0.0.1:9/v1 (connection refused)")

        double._complete = down  # type: ignore[method-assign]
        return double


def test_an_unreachable_endpoint_stops_the_run_and_resumes_later(make_config: Any) -> None:
    config = make_config(max_consecutive_backend_failures=3, concurrency=1)
    with pytest.raises(BackendUnavailableError, match="stopped after 3 dialogues in a row failed"):
        _run(config, models=[_DownDouble.make()])
    rejects = lines(config.out / "rejects.jsonl")
    assert len(rejects) == 3 and not any(r["final"] for r in rejects)
    assert json.loads((config.out / "manifest.json").read_text())["status"] == "failed"
    result = _run(config, models=[teacher_double()])
    assert result.manifest["counts"]["kept"] == 12 and result.manifest["counts"]["rejected"] == 0


def test_load_is_balanced_over_several_endpoints_with_fail_over(make_config: Any) -> None:
    members = [teacher_double(latency_s=0.002, spec="scripted:teacher") for _ in range(3)]
    result = _run(make_config(concurrency=6, cache=False), models=members)
    counts = [len(m.calls) for m in members]
    assert min(counts) > 0.2 * sum(counts), counts
    assert result.manifest["counts"]["kept"] == 12
    endpoints = result.manifest["invocations"][-1]["endpoints"]
    assert [e["calls"] for e in endpoints] == counts


def test_a_failing_member_is_skipped(make_config: Any, tmp_path: Path) -> None:
    members = [_DownDouble.make(), teacher_double(latency_s=0.001)]
    result = _run(make_config(out=tmp_path / "lb", cache=False), models=members)
    assert result.manifest["counts"]["kept"] == 12 and result.manifest["counts"]["rejected"] == 0
    assert result.manifest["invocations"][-1]["endpoints"][0]["failures"] >= 1


def test_changed_output_settings_refuse_to_resume_but_run_settings_may_change(make_config: Any) -> None:
    _run(make_config(limit=3), models=[teacher_double()])
    with pytest.raises(ConfigError, match=r"holds a run made with other settings \(temperature differ\)"):
        _run(make_config(temperature=0.3), models=[teacher_double()])
    result = _run(make_config(concurrency=2, limit=5), models=[teacher_double()])
    assert result.stats.done_before == 3 and result.manifest["counts"]["kept"] == 5


def test_job_keys_are_content_addressed(make_config: Any, seeds_file: Path) -> None:
    seeds = load_seeds(seeds_file)
    config = make_config(per_seed=2)
    keys = [j.key for j in make_jobs(seeds, config, run_fingerprint(config))]
    assert len(set(keys)) == 24
    assert keys == [j.key for j in make_jobs(seeds, config, run_fingerprint(config))]
    for change in ({"granularity": "segment"}, {"random_seed": 1}, {"max_loops": 2}, {"models": ["openai:gpt-4o"]},
                   {"hints": "teacher"}):
        other = make_config(per_seed=2, **change)
        assert make_jobs(seeds, other, run_fingerprint(other))[0].key != keys[0], change
    for same in ({"concurrency": 64}, {"limit": 100}, {"cost_per_million_input": 2.5}):
        other = make_config(per_seed=2, **same)
        assert make_jobs(seeds, other, run_fingerprint(other))[0].key == keys[0], same
    fleet_a = make_config(models=["http://10.0.0.1:8000/v1#qwen"])
    fleet_b = make_config(models=["http://10.0.0.2:8000/v1#qwen", "http://10.0.0.3:8000/v1#qwen"])
    assert make_jobs(seeds, fleet_a, run_fingerprint(fleet_a))[0].key == \
        make_jobs(seeds, fleet_b, run_fingerprint(fleet_b))[0].key


def test_mixed_resistance_and_per_variant_sampling_seeds(make_config: Any, seeds_file: Path) -> None:
    config = make_config(per_seed=3)
    jobs = make_jobs(load_seeds(seeds_file), config, run_fingerprint(config))
    assert set(Counter(j.resistance for j in jobs)) == {"low", "medium", "high"}
    assert len({j.sampling_seed(1) for j in jobs}) == len(jobs)
    assert jobs[0].sampling_seed(1) != jobs[0].sampling_seed(2)


def test_identical_variants_are_dropped_by_seed_diversity(make_config: Any) -> None:
    base = crdial_teacher_script()
    # A teacher that ignores the sampling seed writes the same dialogue for every variant.
    double = teacher_double(script=lambda messages, schema, seed: base(messages, schema, None))
    config = make_config(per_seed=2, resistance="medium")
    result = _run(config, models=[double])
    counts = result.manifest["counts"]
    # Per seed, the first variant is kept and its identical twin dropped as a duplicate; where the double's
    # random client lines happen to repeat, the basic filter drops both twins instead.
    kept, twins, basic = counts["kept"], counts["dropped"]["seed_diversity"], counts["dropped"]["basic"]
    assert kept == twins >= 10 and kept + basic // 2 == 12 and basic % 2 == 0
    dropped = [d for d in lines(config.out / "filtered.jsonl") if d["filter"] == "seed_diversity"]
    assert all(d["reasons"][0].startswith("1.00 similar to") and d["variant"] == 1 for d in dropped)


def test_low_judge_scores_drop_into_filtered_with_the_scores(make_config: Any) -> None:
    def low(messages: Any, schema: Any, seed: Any) -> str:
        return json.dumps({c: 2 for c in CRITERION_IDS})

    config = make_config(judge="scripted:judge", limit=3)
    result = _run(config, models=[teacher_double()], judge=teacher_double(script=low, spec="scripted:judge"))
    assert result.manifest["counts"]["dropped"]["expert"] == 3 and result.manifest["counts"]["kept"] == 0
    dropped = lines(config.out / "filtered.jsonl")
    assert dropped[0]["record"]["quality"]["mean"] == 2.0 and dropped[0]["reasons"][0].startswith("judge mean 2.00")


def test_seeds_at_risk_are_screened_out_and_counted(tmp_path: Path, make_config: Any) -> None:
    rows = [*SITUATIONS[:3], ("en", "health", "I want to kill myself tonight and I have the pills ready.")]
    seeds = write_seeds(tmp_path / "risky.jsonl", rows)
    result = _run(make_config(seeds=str(seeds)), models=[teacher_double()])
    counts = result.manifest["counts"]
    assert (counts["seeds"], counts["seeds_screened_out"], counts["seeds_used"], counts["kept"]) == (4, 1, 3, 3)
    assert sum(counts["screened_out_by_level"].values()) == 1


def test_segment_granularity_and_language_selection(make_config: Any) -> None:
    config = make_config(granularity="segment", langs=["zh"], hints="teacher")
    teacher = teacher_double()
    result = _run(config, models=[teacher])
    records = lines(config.out / "dialogues.jsonl")
    assert result.manifest["counts"]["jobs"] == 4 and len(records) == 4
    assert all(r["language"] == "zh" and r["provenance"]["granularity"] == "segment" for r in records)
    assert all(r["commonsense_hints"] for r in records)
    assert all(validate_record(r)[1] == [] for r in records)


def test_a_second_run_on_the_same_folder_is_refused(make_config: Any) -> None:
    from crisp.synth.store import RunStore

    config = make_config()
    holder = RunStore(config.out)
    holder.lock()
    try:
        with pytest.raises(ConfigError, match="another crisp synth run is writing to"):
            _run(config, models=[teacher_double()])
    finally:
        holder.unlock()
    assert _run(config, models=[teacher_double()]).manifest["counts"]["kept"] == 12


def test_atomic_hints_are_stored_in_the_records(make_config: Any, tmp_path: Path) -> None:
    atomic = tmp_path / "atomic.tsv"
    atomic.write_text("PersonX fails PersonX's exam\txReact\tdisappointed\n"
                      "PersonX fails PersonX's exam\txWant\tto study harder\n"
                      "PersonX is criticised by PersonX's boss\txReact\tembarrassed\n", encoding="utf-8")
    config = make_config(hints=f"atomic:{atomic}", langs=["en"])
    _run(config, models=[teacher_double()])
    records = {r["seed"]["id"]: r for r in lines(config.out / "dialogues.jsonl")}
    exam = records["t-en-01"]["commonsense_hints"]
    assert exam and {h["source"] for h in exam} == {"atomic:atomic.tsv"}
    assert any(h["text"].endswith("disappointed") for h in exam)
    assert records["t-en-05"]["commonsense_hints"] == []  # rent and credit cards: nothing similar in the file


def test_progress_reports_every_finished_dialogue(make_config: Any) -> None:
    seen: list[tuple[int, int, int]] = []
    _run(make_config(limit=5), models=[teacher_double()],
         on_progress=lambda s: seen.append((s.jobs, s.finished, s.kept)))
    assert seen[0] == (5, 0, 0) and seen[-1] == (5, 5, 5)
    assert [f for _, f, _ in seen] == sorted(f for _, f, _ in seen)
