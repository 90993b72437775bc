"""Real-text scoring in `crisp safety eval`: label ranges, per-user maxima, per-source tables, misses.

Every file here is hand-made for the test; nothing comes from the real sets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisp.errors import InputError
from crisp.safety.commands import app
from crisp.safety.evaluation import EvalItem, evaluate, load_eval_items
from crisp.safety.results import RiskLevel

runner = CliRunner()

CRISIS = "I want to kill myself"  # rules: high
WISH = "I wish I could go to sleep and never wake up"  # rules: moderate
PLAIN = "The bus was late again so I walked to work"  # rules: none


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_the_sentences_used_here_get_the_levels_the_tests_assume() -> None:
    from crisp.safety import assess

    assert assess(CRISIS).level == RiskLevel.HIGH
    assert assess(WISH).level == RiskLevel.MODERATE
    assert assess(PLAIN).level == RiskLevel.NONE


def test_label_range_crossing_the_moderate_line_is_left_out_of_the_binary(tmp_path: Path) -> None:
    rows = [
        {"text": CRISIS, "label": "high", "label_range": ["moderate", "imminent"]},
        {"text": PLAIN, "label": "high", "label_range": ["high", "imminent"]},  # a miss
        {"text": PLAIN, "label": "low", "label_range": ["none", "moderate"]},  # unclear, not flagged
        {"text": CRISIS, "label": "low", "label_range": ["none", "high"]},  # unclear, flagged
        {"text": PLAIN, "label": "none", "label_range": ["none", "none"]},
        {"text": WISH, "label": "low", "label_range": ["none", "low"]},  # over-flagged, but not a `none`
    ]
    report = evaluate(load_eval_items(_write(tmp_path / "r.jsonl", rows)))
    en = report.groups["en"]
    assert (en.positives, en.detected, en.recall) == (2, 1, 0.5)
    assert (en.negatives, en.false_positives, en.false_positive_rate) == (1, 0, 0.0)
    assert (en.unclear, en.unclear_flagged) == (2, 1)
    # Inside range: rows 1, 3, 4, 5 (row 2 is none for [high, imminent], row 6 moderate for [none, low]).
    assert (en.in_range, en.in_range_accuracy) == (4, round(4 / 6, 4))
    assert report.misses_total == 1 and report.misses[0].label_range == (RiskLevel.HIGH, RiskLevel.IMMINENT)
    assert report.false_alarms_total == 1 and report.false_alarms[0].text == WISH


def test_without_a_range_the_label_is_the_range() -> None:
    item = EvalItem(text=PLAIN, label=RiskLevel.MODERATE)
    assert item.range == (RiskLevel.MODERATE, RiskLevel.MODERATE) and item.binary is True
    assert EvalItem(text=PLAIN, label=RiskLevel.LOW).binary is False


def test_per_user_level_is_the_maximum_over_posts(tmp_path: Path) -> None:
    rows = [
        # The crisis is in the third post only; `text` alone would be a miss.
        {"text": PLAIN, "label": "high", "label_range": ["high", "imminent"], "posts": [PLAIN, PLAIN, CRISIS], "user": "u1"},
        {"text": PLAIN, "label": "none", "label_range": ["none", "low"], "posts": [PLAIN, "Had a nice walk"], "user": "u2"},
        {"text": CRISIS, "label": "high", "posts": [PLAIN], "user": "u3"},  # posts decide, not text: a miss
    ]
    report = evaluate(load_eval_items(_write(tmp_path / "u.jsonl", rows)))
    en = report.groups["en"]
    assert report.scored_per_user == 3
    assert (en.positives, en.detected) == (2, 1)
    assert (en.negatives, en.false_positives) == (1, 0)
    assert en.confusion["high"]["high"] == 1 and en.confusion["high"]["none"] == 1


def test_breakdowns_per_source_and_data_source(tmp_path: Path) -> None:
    rows = [
        {"text": CRISIS, "label": "high", "source": "set-a", "data_source": "chat"},
        {"text": PLAIN, "label": "high", "source": "set-a", "data_source": "forum"},
        {"text": PLAIN, "label": "none", "source": "set-b", "data_source": "forum"},
        {"text": "我不想活了", "label": "moderate", "lang": "zh", "source": "set-b"},
    ]
    report = evaluate(load_eval_items(_write(tmp_path / "s.jsonl", rows)))
    assert set(report.by_source) == {"set-a", "set-b"}
    assert report.by_source["set-a"].recall == 0.5 and report.by_source["set-b"].recall == 1.0
    assert report.by_source["set-b"].n == 2 and report.by_source["set-b"].false_positive_rate == 0.0
    assert set(report.by_data_source) == {"chat", "forum"}
    assert report.by_data_source["forum"].n == 2 and report.by_data_source["forum"].recall == 0.0
    assert report.groups["zh"].recall == 1.0 and report.groups["all"].n == 4


def test_cli_misses_option_caps_what_is_shown(tmp_path: Path) -> None:
    rows = [{"text": f"{PLAIN} number {i}", "label": "high"} for i in range(5)]
    rows.append({"text": "Nothing to see", "label": "none", "source": "hand-made"})
    path = _write(tmp_path / "m.jsonl", rows)
    text = runner.invoke(app, ["eval", str(path), "--misses", "2"])
    assert text.exit_code == 0
    assert "misses (label moderate+, predicted below): 5 (showing 2)" in text.output
    assert "number 1" in text.output and "number 2" not in text.output
    assert "by source" in text.output and "hand-made" in text.output
    data = json.loads(runner.invoke(app, ["eval", str(path), "--json", "--misses", "3"]).output)
    assert data["misses_total"] == 5 and len(data["misses"]) == 3
    assert data["groups"]["en"]["recall"] == 0.0 and data["groups"]["en"]["false_positive_rate"] == 0.0
    assert len(json.loads(runner.invoke(app, ["eval", str(path), "--json"]).output)["misses"]) == 5


def test_cli_strict_gates_on_the_run_targets(tmp_path: Path) -> None:
    rows = [
        {"text": CRISIS, "label": "high", "label_range": ["high", "imminent"]},
        {"text": PLAIN, "label": "high", "label_range": ["moderate", "imminent"]},
        {"text": PLAIN, "label": "none"},
        {"text": WISH, "label": "none"},
    ]
    path = _write(tmp_path / "g.jsonl", rows)
    assert runner.invoke(app, ["eval", str(path), "--strict", "--min-recall", "0.5"]).exit_code == 0
    assert runner.invoke(app, ["eval", str(path), "--strict", "--min-recall", "0.51"]).exit_code == 1
    assert runner.invoke(app, ["eval", str(path), "--strict", "--max-false-alarms", "0.5"]).exit_code == 0
    assert runner.invoke(app, ["eval", str(path), "--strict", "--max-false-alarms", "0.4"]).exit_code == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": "x", "label": "low", "label_range": ["high", "none"]}, "reversed"),
        ({"text": "x", "label": "low", "label_range": ["none"]}, "label_range"),
        ({"text": "x", "label": "low", "label_range": ["none", "severe"]}, "label_range"),
        ({"text": "x", "label": "low", "posts": []}, "posts is empty"),
    ],
)
def test_bad_ranges_and_posts_are_clear_errors(tmp_path: Path, row: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_eval_items(_write(tmp_path / "bad.jsonl", [row]))
    assert "\n" not in str(caught.value)
