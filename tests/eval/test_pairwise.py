"""`crisp eval pairwise`: the order-swap tie rule, contexts from dialogues, whole runs on the tiny GGUF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.conftest import run_crisp
from fixtures.records import make_record

from crisp.errors import InputError
from crisp.eval.pairwise import (
    PairwiseOptions,
    combine_orders,
    contexts_from_dialogues,
    pairwise_report,
)


@pytest.mark.parametrize(("a_first", "b_first", "outcome"), [
    ("1", "2", "a"),      # A preferred in both orders
    ("2", "1", "b"),      # B preferred in both orders
    ("1", "1", "tie"),    # the first reply both times: flips with the order -> tie
    ("2", "2", "tie"),    # the second reply both times -> tie
    ("tie", "2", "tie"),
    ("1", "tie", "tie"),
    ("tie", "tie", "tie"),
])
def test_a_verdict_that_flips_with_the_order_is_a_tie(a_first: str, b_first: str, outcome: str) -> None:
    assert combine_orders(a_first, b_first) == outcome


def test_dialogues_are_cut_before_each_counsellor_turn(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(make_record("en", record_id="r1")) + "\n" + json.dumps(make_record("zh", record_id="r2"))
                    + "\n", encoding="utf-8")
    contexts = contexts_from_dialogues(path)
    assert contexts and all(c.lines[-1][0] == "client" for c in contexts)
    assert {c.lang.value for c in contexts} == {"en", "zh"} and contexts[0].category == "education"
    assert len(contexts[1].lines) == len(contexts[0].lines) + 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    with pytest.raises(InputError, match="bad.jsonl:1: not a Crisp record"):
        contexts_from_dialogues(bad)


def test_report_shares_and_biases_by_hand() -> None:
    rows = [
        {"lang": "en", "category": "career", "reply_a": "long reply here", "reply_b": "short", "a_first": "1",
         "b_first": "2", "outcome": "a"},
        {"lang": "en", "category": "career", "reply_a": "x", "reply_b": "longer one", "a_first": "1", "b_first": "1",
         "outcome": "tie"},
        {"lang": "en", "category": "family", "reply_a": "ab", "reply_b": "abcd", "a_first": "2", "b_first": "1",
         "outcome": "b"},
    ]
    report = pairwise_report(rows, PairwiseOptions(a="A", b="B", judge="J"))
    assert report["overall"]["win"]["estimate"] == pytest.approx(1 / 3)
    assert report["by_category"]["career"]["tie"]["estimate"] == pytest.approx(0.5)
    assert report["position_bias"]["flips"] == 1
    assert report["position_bias"]["first_position_share"]["estimate"] == pytest.approx(4 / 6)  # 1,2,1,1,2,1
    assert report["length_bias"]["longer_wins_share"]["estimate"] == pytest.approx(1.0)  # both decided pairs


def test_a_whole_pairwise_run_on_the_tiny_gguf(tmp_path: Path, tiny_gguf_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    dialogues = tmp_path / "d.jsonl"
    dialogues.write_text(json.dumps(make_record("en", record_id="r1")) + "\n", encoding="utf-8")
    out = tmp_path / "run"
    result = run_crisp("eval", "pairwise", "--a", f"gguf:{tiny_gguf_path}", "--b", judge_server.url + "#b",
                       "--judge", judge_server.spec, "--dialogues", str(dialogues), "--limit", "3", "--max-new-tokens", "24", "--out", str(out),
                       "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["pairs"] == 3 and report["overall"]["n"] == 3
    total = sum(report["overall"][k]["estimate"] for k in ("win", "tie", "loss"))
    assert total == pytest.approx(1.0)
    assert "education" in report["by_category"]
    assert (out / "pairwise.png").exists()
    # Live sessions: the same client meets A and B; both sessions' counsellor turns are cut.
    live = tmp_path / "live"
    result = run_crisp("eval", "pairwise", "--a", f"gguf:{tiny_gguf_path}", "--b", judge_server.url + "#b",
                       "--judge", judge_server.spec, "--client", judge_server.spec, "--sessions", "1", "--turns", "1",
                       "--lang", "zh", "--max-new-tokens", "24", "--out", str(live), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads((live / "report.json").read_text())["pairs"] == 2
