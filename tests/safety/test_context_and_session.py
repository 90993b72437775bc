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


def test_a_subject_of_study_is_not_a_means_across_turns() -> None:
    # "medicine" as a major, then "已经" (already) in the next turn, once read as means plus intent.
    context = ["my parents just found out I switched my major from medicine to art and they are so angry"]
    assert assess("我爸现在都不理我了，我觉得他已经对我很失望了。", context=context).level == RiskLevel.NONE
    assert assess("I have my medicine ready and I want to die tonight.").level == RiskLevel.IMMINENT


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


# Context families (policy 3c): what an earlier turn establishes, and what a short later message then means.
_FAMILY_CASES = [
    # means made ready or a place asked about, then a time, "done", "here now", a goodbye
    (["i've been stockpiling my sleeping pills", "got about 30 now"], "saturday then", RiskLevel.IMMINENT),
    (["how many of my dad's heart pills would it take"], "nvm. i have enough", RiskLevel.IMMINENT),
    (["how high is the multistorey by the station"], "i'm here now. nobody else up here", RiskLevel.IMMINENT),
    (["i have a whole box of paracetamol", "i've decided"], "took them all", RiskLevel.IMMINENT),
    (["我存了好多安眠药", "家里这几天没人"], "就明天", RiskLevel.IMMINENT),
    (["你知道那座桥有多高吗"], "我到了 风好大", RiskLevel.IMMINENT),
    (["我已经想好了", "你不用劝我"], "刚才都吞下去了", RiskLevel.IMMINENT),
    # a self-harm habit, then "again"
    (["i used to cut but i'd been 5 months clean"], "relapsed last night", RiskLevel.HIGH),
    (["我之前戒了半年没划"], "没忍住 又来了", RiskLevel.HIGH),
    # a violent person, then he is back or an injury
    (["my boyfriend came home drunk again"], "i can hear him outside the door", RiskLevel.HIGH),
    (["他又喝多了"], "他在外面砸门", RiskLevel.HIGH),
    # a death named, then wanting to be with them; an illness tested, then hoping it is
    (["my grandad died in february"], "i just want to be with him", RiskLevel.MODERATE),
    (["外婆去年去世了"], "好想去陪外婆", RiskLevel.MODERATE),
    (["waiting for biopsy results, they think it might be cancer"], "part of me hopes it is", RiskLevel.MODERATE),
    (["医生说检查结果可能是肿瘤"], "我倒希望是", RiskLevel.MODERATE),
    # thoughts of suicide earlier, then "worse every night", "I mean it"
    (["i keep thinking about killing myself"], "it's getting worse every night", RiskLevel.HIGH),
    (["最近老想自杀"], "越来越严重了", RiskLevel.HIGH),
    (["people say kms as a joke all the time"], "but when i say it i mean it", RiskLevel.HIGH),
]

_FAMILY_NEGATIVES = [
    (["went cliff diving at the quarry", "the drop is like 6m"], "ok gonna jump lol"),
    (["went cliff diving at the quarry"], "lol yeah"),
    (["感冒了 医生开了药"], "药我都吃完了"),
    (["bought a new kitchen knife"], "dinner tonight then"),
    (["my grandma is in hospital"], "i want to be with her"),
    (["我爸住院了"], "我想去陪他"),
    (["my friend got a promotion"], "lucky him"),
    (["the doctor is testing for cancer"], "i hope it's nothing"),
    (["医生说要做检查看看是不是肿瘤"], "希望没事"),
    (["i quit smoking 3 months ago"], "had one again at the party"),
    (["我戒烟三个月了"], "今天又没忍住"),
    (["my dad came home late"], "i can hear him snoring"),
    (["i've decided to quit my job"], "bye boss"),
]


@pytest.mark.parametrize(("context", "text", "level"), _FAMILY_CASES)
def test_context_families_raise_a_short_later_message(context: list[str], text: str, level: RiskLevel) -> None:
    assert assess(text, context=context).level >= level


@pytest.mark.parametrize(("context", "text"), _FAMILY_NEGATIVES)
def test_context_families_hard_negatives_stay_below_moderate(context: list[str], text: str) -> None:
    assert assess(text, context=context).level < RiskLevel.MODERATE
