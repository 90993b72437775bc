"""`crisp eval identify`: the team's set, set errors, scoring, the CRDial step, whole runs."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path

import pytest
from eval.conftest import run_crisp

from crisp.cr.taxonomy import Distortion, Lang
from crisp.errors import InputError
from crisp.eval.identify import (
    NO_DISTORTION,
    identify_distortions,
    identify_report,
    load_set,
    majority_label,
    score,
)
from crisp.llm.testing import ScriptedModelDouble, as_json, schema_title

REAL_SETS = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval-data" / "open"


def test_the_team_set_has_200_items_per_language_and_every_distortion() -> None:
    items = load_set("builtin")
    for lang in Lang:
        mine = [i for i in items if i.lang is lang]
        assert len(mine) >= 200
        labels = Counter(d for i in mine for d in i.distortions or [])
        assert set(labels) == set(Distortion)
        assert sum(1 for i in mine if i.distortions == []) >= 15  # not-distorted thoughts too
        assert len({i.text for i in mine}) == len(mine)
        assert all(len(i.distortions or []) <= 3 for i in mine)


def test_bad_sets_get_one_clear_error(tmp_path: Path) -> None:
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text(json.dumps({"text": "x", "lang": "en", "distortions": ["labeling"]}) + "\n")
    with pytest.raises(InputError, match=r"unknown.jsonl:1: .*unknown distortion label.*labeling"):
        load_set(unknown)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(InputError, match="holds no items"):
        load_set(empty)
    with pytest.raises(InputError, match="cannot read"):
        load_set(tmp_path / "missing.jsonl")


@pytest.mark.skipif(not REAL_SETS.is_dir(), reason="../shared/eval-data/open/ is not present")
def test_the_real_sets_load_as_they_are() -> None:
    for name in ("thinking_traps_en", "shreevastava_distortions_en", "cbtbench_distortions_en", "cogdis_zh"):
        items = load_set(REAL_SETS / f"{name}.jsonl")
        assert len(items) > 50
    assert any(i.distortions is None for i in load_set(REAL_SETS / "cogdis_zh.jsonl"))  # distorted, type unknown


def test_scores_by_hand() -> None:
    items = load_set_from([["catastrophizing"], ["catastrophizing", "blaming"], [], None])
    predicted = [{"catastrophizing"}, {"blaming"}, set(), {"mind_reading"}]
    s = score(items, predicted)
    assert s["items_scored"] == 3  # the null item counts only in the binary score
    # catastrophizing: tp1 fn1 -> F1 2/3; blaming: tp1 -> 1.0; macro over the two
    assert s["macro_f1"] == pytest.approx((2 / 3 + 1.0) / 2)
    assert s["micro_f1"] == pytest.approx(0.8)  # tp2 fp0 fn1
    assert s["binary"] == {"accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0, "n": 4}
    assert s["confusion"]["catastrophizing"] == {"blaming": 1, "catastrophizing": 1}
    assert s["confusion"][NO_DISTORTION] == {NO_DISTORTION: 1}
    assert majority_label(items) == "catastrophizing"
    assert majority_label(load_set_from([[], [], ["blaming"]])) == NO_DISTORTION


def load_set_from(labels: list[list[str] | None]) -> list:  # type: ignore[type-arg]
    from crisp.eval.identify import LabelledThought

    return [LabelledThought(text=f"t{i}", lang="en", distortions=d) for i, d in enumerate(labels)]  # type: ignore[arg-type]


def test_report_names_model_and_baseline_figures() -> None:
    items = load_set_from([["blaming"], ["blaming"], ["catastrophizing"]])
    report = identify_report(items, {"m": [{"blaming"}, {"catastrophizing"}, {"catastrophizing"}]}, "m", None)
    assert report["majority_baseline"]["label"] == "blaming"
    # baseline "blaming" everywhere: tp2 fp1 fn1 -> micro 2/3; blaming F1 0.8, catastrophizing 0 -> macro 0.4
    assert report["majority_micro_f1"] == pytest.approx(2 / 3)
    assert report["majority_macro_f1"] == pytest.approx(0.4)
    assert report["model_micro_f1"] == pytest.approx(2 / 3)
    assert report["model_macro_f1"] == pytest.approx(2 / 3)
    assert set(report["by_language"]) == {"en"}


def test_identification_is_the_crdial_core_belief_step() -> None:
    def script(messages, schema):  # type: ignore[no-untyped-def]
        # The core-belief step's prompt, its finding required (a small model leaves an optional one out).
        assert schema_title(schema) == "IdentifiedDistortions" and (schema or {}).get("required") == ["distortions"]
        return as_json({"distortions": [
            {"distortion": "should_statements", "example_thought": "x"},
            {"distortion": "should_statements", "example_thought": "y"},
            {"distortion": "blaming", "example_thought": "z"}]})

    model = ScriptedModelDouble(script)
    found = asyncio.run(identify_distortions(model, "i should be over this by now", Lang.EN))
    assert [d.value for d in found] == ["should_statements", "blaming"]
    prompt = model.calls[0][-1].content
    assert "i should be over this by now" in prompt
    assert "Core" in prompt or "core" in prompt


def test_a_whole_identify_run_against_a_scripted_labeller(tmp_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "run"
    result = run_crisp("eval", "identify", "--model", judge_server.spec, "--zero-shot-model",
                       judge_server.url + "#zero", "--limit", "30", "--out", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    for key in ("model_micro_f1", "model_macro_f1", "majority_micro_f1", "majority_macro_f1"):
        assert 0.0 <= report[key] <= 1.0
    assert report["zero_shot_scores"]["items_scored"] == 30
    assert report["manifest"]["counts"] == {**report["manifest"]["counts"], "items": 60, "done": 60, "failed": 0}
    assert (out / "identify_f1.png").stat().st_size > 1000
    assert "majority baseline" in (out / "report.md").read_text()
