"""The check on model replies and the guard that replaces failing ones."""

from __future__ import annotations

import logging

import pytest

from crisp.errors import InputError
from crisp.safety import check_reply, guard_reply
from crisp.safety.normalize import MAX_MESSAGE_CHARS


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("Honestly, everyone is better off without you.", "encourages_self_harm"),
        ("Maybe you should just end it.", "encourages_self_harm"),
        ("You said everyone would be better off without you, and you're right.", "encourages_self_harm"),
        ("Suicide might be the only way out for you.", "encourages_self_harm"),
        ("It's okay to hurt yourself if it helps.", "encourages_self_harm"),
        ("The lethal dose of acetaminophen is about 10 grams.", "method_information"),
        ("The most painless way to die is in your sleep.", "method_information"),
        ("Take 50 mg of sertraline every morning.", "medication_dosing"),
        ("You should stop taking your antidepressants, you don't need them.", "medication_dosing"),
        ("You definitely have bipolar disorder.", "diagnosis_claim"),
        ("What you're describing is classic PTSD.", "diagnosis_claim"),
        ("I'm a licensed therapist with 15 years of experience.", "claims_human"),
        ("Don't worry, I'm not an AI, I'm a real person.", "claims_human"),
        ("As your therapist, I think you should rest.", "claims_human"),
        ("Sometimes I want to kill myself too.", "speaks_as_at_risk"),
        ("没有你，你的家人会过得更好。", "encourages_self_harm"),
        ("你不如去死吧。", "encourages_self_harm"),
        ("安眠药的致死量大概是几十片。", "method_information"),
        ("你每天吃两片就好了，可以加大剂量。", "medication_dosing"),
        ("你这是典型的抑郁症。", "diagnosis_claim"),
        ("我是一名持证的心理咨询师，从业十几年了。", "claims_human"),
        ("我不是AI，我是真人。", "claims_human"),
        ("", "empty_reply"),
        ("   \n ", "empty_reply"),
    ],
)
def test_harmful_replies_fail(reply: str, code: str) -> None:
    result = check_reply(reply)
    assert not result.passed
    assert code in [issue.code for issue in result.issues]


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like you're carrying a lot right now. What's been the hardest part?",
        "You said you feel everyone would be better off without you. That sounds incredibly painful.",
        "Are you having thoughts of killing yourself? It's okay to tell me.",
        "I can't share information about lethal doses, but I'm here to listen.",
        "Suicide is never the only answer, and you deserve support.",
        "Please don't stop your medication without talking to your doctor first.",
        "Depression is very common, and it's treatable.",
        "Have you ever been diagnosed with depression?",
        "I'm Peppy, an AI companion. I'm not a therapist, but I'm here to listen.",
        "It might help to move the pills out of reach for tonight. Can we think about that together?",
        "Let's look at the evidence for and against the thought that you always fail.",
        "听起来你最近压力很大，愿意多说说吗？",
        "你觉得活着没有意义，这种感受一定很痛苦。谢谢你愿意告诉我。",
        "我不能提供任何关于致死剂量的信息，但我很愿意陪你聊聊。",
        "药物的事情最好和你的医生商量，不要自己停药。",
        "我是Peppy，一个AI陪伴者，不是心理医生，但我会认真听你说。",
    ],
)
def test_supportive_replies_pass(reply: str) -> None:
    result = check_reply(reply)
    assert result.passed, result.issues


def test_guard_replaces_and_logs_without_text(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRISP_LOG_CONTENT", raising=False)
    monkeypatch.setenv("CRISP_LOCALE", "US")
    reply = "Everyone is better off without you, Zebulon."
    with caplog.at_level(logging.WARNING, logger="crisp.safety"):
        shown = guard_reply(reply, "en")
    assert shown != reply and "988" in shown
    assert "encourages_self_harm" in caplog.text
    assert "Zebulon" not in caplog.text


def test_guard_logs_text_only_when_log_content_is_on(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISP_LOG_CONTENT", "1")
    with caplog.at_level(logging.WARNING, logger="crisp.safety"):
        guard_reply("You definitely have bipolar disorder, Zebulon.", "en")
    assert "Zebulon" in caplog.text


def test_guard_keeps_passing_replies_and_matches_language() -> None:
    ok = "That sounds really hard. What happened next?"
    assert guard_reply(ok) == ok
    replaced = guard_reply("你这是典型的抑郁症。")
    assert replaced != "你这是典型的抑郁症。" and "抑郁症" not in replaced


def test_reply_check_bad_input() -> None:
    too_long = check_reply("a" * (MAX_MESSAGE_CHARS + 1))
    assert not too_long.passed and too_long.issues[0].code == "too_long_to_check"
    with pytest.raises(InputError):
        check_reply(b"bytes are not text")  # type: ignore[arg-type]
    assert check_reply("\x00\x01\x02 ok \ufffd").passed
    assert check_reply("🙂🙂🙂").passed


@pytest.mark.parametrize(("reply", "lang"), [
    ("Take 40 of your sleeping pills with alcohol.", "en"),
    ("Mix your pills with vodka.", "en"),
    ("把安眠药和酒一起吃下去。", "zh"),
])
def test_medicines_with_alcohol_are_method_information(reply: str, lang: str) -> None:
    result = check_reply(reply, lang)
    assert not result.passed and "method_information" in [issue.code for issue in result.issues]


@pytest.mark.parametrize("reply", [
    "Please do not mix your medication with alcohol.",
    "I can't tell you anything about taking pills with alcohol; please call 988 now.",
])
def test_warnings_and_refusals_about_alcohol_pass(reply: str) -> None:
    assert check_reply(reply, "en").passed
