"""`crisp eval strategies`: sentence splitting, turn labels, bad sets, a whole run against a scripted labeller."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval.conftest import run_crisp

from crisp.cr.taxonomy import Lang, Strategy
from crisp.errors import InputError
from crisp.eval.strategies import (
    load_turns,
    split_sentences,
    strategies_report,
    turn_label,
)

ESCONV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval-data" / "open" / "esconv_test_en.jsonl"


def test_sentences_split_in_both_languages() -> None:
    assert split_sentences("That sounds hard. What happened next? I'm here.", Lang.EN) == [
        "That sounds hard.", "What happened next?", "I'm here."]
    assert split_sentences("听起来很难受。后来发生了什么？", Lang.ZH) == ["听起来很难受。", "后来发生了什么？"]
    assert split_sentences("no full stop", Lang.EN) == ["no full stop"]


def test_a_turn_takes_its_most_frequent_sentence_label() -> None:
    q, r = Strategy.QUESTION, Strategy.RESTATEMENT
    assert turn_label([r, q, q]) is q
    assert turn_label([r, q]) is r  # a tie goes to the earliest


def _write(path: Path, turns: list[dict]) -> Path:  # type: ignore[type-arg]
    path.write_text(json.dumps({"id": "d1", "lang": "en", "turns": turns}) + "\n", encoding="utf-8")
    return path


def test_bad_sets_get_one_clear_error(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.jsonl", [{"role": "supporter", "text": "Hi.", "strategy": "cheerleading"}])
    with pytest.raises(InputError, match="bad.jsonl:1: .*unknown strategy 'cheerleading'"):
        load_turns(bad)
    none = _write(tmp_path / "none.jsonl", [{"role": "supporter", "text": "Hi.", "strategy": None}])
    with pytest.raises(InputError, match="no labelled supporter turn"):
        load_turns(none)


def test_report_by_hand() -> None:
    rows = [{"gold": "question", "predicted": "question", "sentence_labels": ["question"]},
            {"gold": "question", "predicted": "restatement", "sentence_labels": ["restatement", "question"]},
            {"gold": "information", "predicted": "information", "sentence_labels": ["information"]}]
    report = strategies_report(rows, ["question", "question", "information"], "m")
    assert report["model_accuracy"] == pytest.approx(2 / 3)
    # question F1 = 2/3 (P 1, R 1/2), information 1.0 -> macro 5/6
    assert report["model_macro_f1"] == pytest.approx(5 / 6)
    assert report["majority_label"] == "question" and report["majority_accuracy"] == pytest.approx(2 / 3)
    assert report["majority_macro_f1"] == pytest.approx(0.4)  # question F1 0.8, information 0
    assert report["sentences_per_turn"] == pytest.approx(4 / 3)


def test_a_whole_strategies_run_against_a_scripted_labeller(tmp_path: Path, judge_server) -> None:  # type: ignore[no-untyped-def]
    data = _write(tmp_path / "d.jsonl", [
        {"role": "seeker", "text": "my boss yelled at me today"},
        {"role": "supporter", "text": "What did he say? Was it in front of others?", "strategy": "question"},
        {"role": "seeker", "text": "that i'm useless"},
        {"role": "supporter", "text": "I'm so sorry you feel that way.", "strategy": "reflection_of_feelings"},
        {"role": "supporter", "text": "Maybe you could talk to HR.", "strategy": "providing_suggestions"},
    ])
    out = tmp_path / "run"
    result = run_crisp("eval", "strategies", "--model", judge_server.spec, "--set", str(data), "--out", str(out),
                       "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads((out / "report.json").read_text())
    assert report["turns"] == 3 and report["model_accuracy"] == pytest.approx(1.0)
    assert report["majority_macro_f1"] < report["model_macro_f1"]


@pytest.mark.skipif(not ESCONV.is_file(), reason="../shared/eval-data/open/ is not present")
def test_esconv_loads_as_it_is() -> None:
    turns = load_turns(ESCONV)
    assert len(turns) > 300 and {t.gold for t in turns} <= set(Strategy) - {Strategy.NEGOTIATE}
