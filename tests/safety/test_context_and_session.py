"""Context escalation across turns, and the session hold of SessionRiskTracker."""

from __future__ import annotations

import logging

import pytest

from crisp.safety import RiskLevel, SessionRiskTracker, assess, safe_response


def test_timing_cue_after_talk_of_pills_is_imminent() -> None:
    context = ["I can't stop thinking about dying.", "I have enough pills in the drawer."]
    assert assess("Tonight is the night.").level == RiskLevel.NONE
    result = assess("Tonight is the night.", context=context)
    assert result.level == RiskLevel.IMMINENT
    assert any(s.source == "context" for s in result.signals)


def test_chinese_farewell_after_earlier_risk_is_imminent() -> None:
    assert assess("再见了，谢谢你一直陪着我").level < RiskLevel.MODERATE
    assert assess("再见了，谢谢你一直陪着我", context=["我想结束自己的生命"]).level == RiskLevel.IMMINENT


def test_only_the_persons_turns_count_as_context() -> None:
    context = [
        {"role": "user", "content": "I'm fine, just tired."},
        {"role": "assistant", "content": "Do you ever want to die? Some people keep pills around."},
    ]
    assert assess("Tonight is the night.", context=context).level == RiskLevel.NONE


def test_harmless_context_does_not_escalate() -> None:
    context = ["My exam is tomorrow.", "I bought pills for my headache."]
    assert assess("I'm ready now.", context=context).level == RiskLevel.NONE


def test_one_reassurance_does_not_close_the_check() -> None:
    tracker = SessionRiskTracker(clear_turns_to_step_down=3)
    first = tracker.assess("I don't want to be alive anymore.")
    assert first.level == RiskLevel.MODERATE and not first.held

    reassured = tracker.assess("No, I'm fine, forget it.")
    assert reassured.level == RiskLevel.MODERATE
    assert reassured.held
    assert any(s.code == "session_hold" for s in reassured.signals)
    assert "still like to check in" in safe_response(reassured)  # follow-up wording, not the same script

    assert tracker.assess("Really, it's ok.").level == RiskLevel.MODERATE
    stepped = tracker.assess("Let's talk about my exam instead.")
    assert stepped.level == RiskLevel.LOW  # watched, never back to none in this session
    assert tracker.assess("The exam is on Monday.").level == RiskLevel.LOW
    assert tracker.peak == RiskLevel.MODERATE


def test_new_risk_resets_the_count_and_higher_level_wins() -> None:
    tracker = SessionRiskTracker(clear_turns_to_step_down=2)
    tracker.assess("I wish I was dead.")
    tracker.assess("I'm ok.")
    assert tracker.assess("I have the pills ready in my hand.").level == RiskLevel.IMMINENT
    held = tracker.assess("never mind")
    assert held.level == RiskLevel.IMMINENT and held.held
    assert tracker.assess("whatever").level == RiskLevel.LOW


def test_tracker_gives_context_to_the_rules() -> None:
    tracker = SessionRiskTracker()
    tracker.assess("我真的不想活了")
    assert tracker.context == ("我真的不想活了",)
    assert tracker.assess("药我已经准备好了，就今晚吧").level == RiskLevel.IMMINENT


def test_tracker_logs_levels_without_text(caplog: pytest.LogCaptureFixture) -> None:
    tracker = SessionRiskTracker()
    with caplog.at_level(logging.INFO, logger="crisp.safety"):
        tracker.assess("I want to kill myself, my secret name is Zebulon")
    assert "high" in caplog.text
    assert "Zebulon" not in caplog.text and "kill myself" not in caplog.text


def test_reset_and_bad_settings() -> None:
    tracker = SessionRiskTracker()
    tracker.assess("I want to die")
    tracker.reset()
    assert tracker.level == RiskLevel.NONE and tracker.context == ()
    with pytest.raises(ValueError):
        SessionRiskTracker(clear_turns_to_step_down=0)
