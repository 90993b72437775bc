"""Risk levels of single messages: each C-SSRS level, idioms, negation, past, someone else, scripts."""

from __future__ import annotations

import pytest

from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety import Action, RiskLevel, assess

NONE, LOW, MODERATE, HIGH, IMMINENT = (
    RiskLevel.NONE,
    RiskLevel.LOW,
    RiskLevel.MODERATE,
    RiskLevel.HIGH,
    RiskLevel.IMMINENT,
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I wish I could go to sleep and not wake up.", MODERATE),
        ("Everyone would be better off without me.", MODERATE),
        ("I want to kill myself.", HIGH),
        ("I've been having suicidal thoughts.", HIGH),
        ("I've been cutting myself again.", HIGH),
        ("My husband hits me when he drinks.", HIGH),
        ("I want to hurt my stepfather.", HIGH),
        ("I have a plan to kill myself on Friday.", IMMINENT),
        ("I've been saving up my sleeping pills.", IMMINENT),
        ("I just took a whole bottle of pills.", IMMINENT),
        ("What is the most painless way to kill myself?", IMMINENT),
        ("我不想活了", MODERATE),
        ("我想自杀", HIGH),
        ("我又开始自残了", HIGH),
        ("我老公喝醉了就打我", HIGH),
        ("我已经攒了很多安眠药", IMMINENT),
        ("我刚吃了一整瓶安眠药", IMMINENT),
    ],
)
def test_levels_follow_cssrs(text: str, level: RiskLevel) -> None:
    assert assess(text).level == level


@pytest.mark.parametrize(
    "text",
    [
        "This exam is killing me.",
        "I'd kill for a coffee right now.",
        "How do I kill the process on port 8080?",
        "I could die of embarrassment.",
        "I'm not suicidal, just stressed about work.",
        "I would never hurt myself.",
        "I don't want to die without seeing Japan.",
        "We're writing an essay about suicide prevention.",
        "In the novel the hero jumps off a bridge.",
        "I want to die my hair purple.",
        "笑死我了",
        "热死了",
        "我想死你了！",
        "饿死我了，快去吃饭",
        "我从来没有想过自杀",
        "这部电影的主角最后自杀了",
        "把卡死的进程杀掉",
    ],
)
def test_idioms_negation_and_frames_are_not_risk(text: str) -> None:
    result = assess(text)
    assert result.level == NONE, result.reasons
    assert result.action == Action.CONTINUE


@pytest.mark.parametrize(
    "text",
    [
        "I tried to kill myself when I was 16, but I'm in a good place now.",
        "Years ago I used to self-harm, I've been clean for four years.",
        "My best friend told me she wants to kill herself. What do I do?",
        "我以前有过自杀的念头，但是现在已经好多了",
        "我朋友说她不想活了，我很担心她",
    ],
)
def test_past_resolved_and_someone_else_are_low(text: str) -> None:
    result = assess(text)
    assert result.level == LOW, result.reasons
    assert result.action == Action.MONITOR


def test_a_thought_that_is_back_is_not_past() -> None:
    assert assess("I used to want to die, and lately those thoughts are back.").level >= MODERATE


def test_joke_markers_lower_threats_to_others_but_not_a_wish_to_die() -> None:
    assert assess("I'm going to kill him if he eats my leftovers again lol").level == LOW
    assert assess("i wanna die lol").level == MODERATE


def test_result_carries_language_reasons_and_action() -> None:
    result = assess("I want to end my life tonight.")
    assert result.level == IMMINENT
    assert result.action == Action.EMERGENCY
    assert result.lang == Lang.EN
    assert result.concern == "self"
    assert result.reasons and all(isinstance(r, str) and r for r in result.reasons)
    assert result.needs_safe_response
    assert result.summary() == {
        "level": "imminent",
        "action": "emergency",
        "reasons": result.reasons,
        "lang": "en",
    }


def test_levels_compare_by_severity_not_spelling() -> None:
    assert RiskLevel.LOW < RiskLevel.MODERATE < RiskLevel.HIGH < RiskLevel.IMMINENT
    assert max([RiskLevel.HIGH, RiskLevel.IMMINENT, RiskLevel.LOW], key=lambda lv: lv.rank) == IMMINENT
    assert sorted([IMMINENT, NONE, HIGH]) == [NONE, HIGH, IMMINENT]


@pytest.mark.parametrize(
    ("text", "lang", "level"),
    [
        ("我想kill myself", Lang.EN, HIGH),  # language is decided by crisp.cr.language
        ("最近 really want to die 怎么办", Lang.ZH, MODERATE),
        ("I feel so 绝望, I don't want to live anymore.", Lang.EN, MODERATE),
        ("我想自殺", Lang.ZH, HIGH),  # traditional characters
        ("我 想 死", Lang.ZH, MODERATE),  # spaced out
        ("ｉ ｗａｎｔ ｔｏ ｄｉｅ", Lang.EN, MODERATE),  # full-width letters
        ("i want to d\u200bie", Lang.EN, MODERATE),  # zero-width space
        ("I want to die 😢💊", Lang.EN, IMMINENT),  # pill emoji counts as means
        ("我想紫砂", Lang.ZH, HIGH),  # homophone slang
    ],
)
def test_mixed_scripts_and_spellings(text: str, lang: Lang, level: RiskLevel) -> None:
    result = assess(text)
    assert result.lang == lang
    assert result.level == level


def test_given_language_wins_and_bad_language_is_a_clear_error() -> None:
    assert assess("ok", lang="zh").lang == Lang.ZH
    with pytest.raises(InputError, match="unknown language"):
        assess("ok", lang="fr")
