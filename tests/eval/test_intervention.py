"""`crisp eval intervention`: PANAS scoring, the paired design, a whole run on the tiny GGUF."""

from __future__ import annotations

import json
from pathlib import Path

from eval.conftest import run_crisp

from crisp.eval.intervention import (
    NEGATIVE_ITEMS,
    POSITIVE_ITEMS,
    PanasAnswers,
    panas_scores,
)


def test_panas_has_20_items_scored_as_two_sums_of_10_to_50() -> None:
    assert len(POSITIVE_ITEMS) == len(NEGATIVE_ITEMS) == 10 and not set(POSITIVE_ITEMS) & set(NEGATIVE_ITEMS)
    low = PanasAnswers(**{i: 1 for i in POSITIVE_ITEMS + NEGATIVE_ITEMS})
    assert panas_scores(low) == {"pa": 10, "na": 10}
    mixed = PanasAnswers(**{**{i: 5 for i in POSITIVE_ITEMS}, **{i: 3 for i in NEGATIVE_ITEMS}})
    assert panas_scores(mixed) == {"pa": 50, "na": 30}


def test_a_whole_intervention_run_on_the_tiny_gguf(tmp_path: Path, tiny_gguf_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "run"
    result = run_crisp("eval", "intervention", "--arm", f"tiny=gguf:{tiny_gguf_path}",
                       "--arm", f"scripted={judge_server.url}#arm", "--client", judge_server.spec, "--clients", "3",
                       "--turns", "1", "--max-new-tokens", "24", "--out", str(out), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    rows = [json.loads(line) for line in (out / "rows.jsonl").read_text().splitlines()]
    # The paired design: every client starts every arm from the same pre-session answers.
    pre = {}
    for r in rows:
        assert pre.setdefault(r["client"], r["pre"]) == r["pre"]
    assert len(pre) == 3
    assert report["arms"]["tiny"]["clients"] == 3 and report["arms"]["scripted"]["clients"] == 3
    assert report["arms"]["tiny"]["pa"]["pre"] == 20  # the scripted client: 2 on each positive item
    assert "proxy, not people" in report["note"] and "proxy, not people" in (out / "report.md").read_text()
    assert set(report["between_arms"]) == {"pa", "na"}
    assert (out / "panas.png").exists()
