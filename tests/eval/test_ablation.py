"""`crisp eval ablation`: the three named models, pointwise and pairwise in one report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.conftest import run_crisp

from crisp.errors import ConfigError
from crisp.eval.ablation import parse_ablation_models


def test_the_three_models_are_named() -> None:
    assert parse_ablation_models(["full=a", "no_strategies=b", "no_identification=c"]) == {
        "full": "a", "no_strategies": "b", "no_identification": "c"}
    with pytest.raises(ConfigError, match="lacks no_identification"):
        parse_ablation_models(["full=a", "no_strategies=b"])
    with pytest.raises(ConfigError, match="NAME one of"):
        parse_ablation_models(["fool=a"])


def test_a_whole_ablation_run(tmp_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    url = judge_server.url
    out = tmp_path / "run"
    result = run_crisp("eval", "ablation", "--models", f"full={url}#full no_strategies={url}#ns",
                       "--models", f"no_identification={url}#ni", "--judge", judge_server.spec,
                       "--client", judge_server.spec, "--sessions", "1", "--turns", "1", "--lang", "en",
                       "--out", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert set(report["pairwise"]) == {"no_strategies", "no_identification"}
    assert set(report["pointwise"]["tables"]["en"]) == {f"{url}#full", f"{url}#ns", f"{url}#ni"}
    assert set(report["drop_from_full"]["en"]) == {"no_strategies", "no_identification"}
    assert (out / "pointwise" / "rows.jsonl").exists() and (out / "pairwise_no_strategies" / "rows.jsonl").exists()
    assert report["manifest"]["usage"][judge_server.spec]["calls"] > 0
