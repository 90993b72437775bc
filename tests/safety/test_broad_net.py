"""The broad net (`rules.broad_net`): lexical fields and their combinations, not fixed phrases."""

from __future__ import annotations

import pytest

from crisp.safety import assess
from crisp.safety.results import RiskLevel


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # Chinese particles and word order do not break a match.
        ("我又用刀划了手臂", RiskLevel.HIGH),
        ("我用刀又把手臂划了", RiskLevel.HIGH),
        ("手臂都被我自己划破了", RiskLevel.HIGH),
        ("我刚刚用刀割了手腕，止不住血", RiskLevel.IMMINENT),
        ("绳子和凳子我都准备好了", RiskLevel.IMMINENT),
        ("没有我的话，爸妈就不用这么辛苦了", RiskLevel.MODERATE),
        ("我宁愿死也不想再过这样的日子", RiskLevel.MODERATE),
        # English: fields, not phrases.
        ("Some days I wish I could just fade out of existence.", RiskLevel.MODERATE),
        ("I just slashed my wrist and I feel dizzy.", RiskLevel.IMMINENT),
        ("I've been saving up my sleeping pills.", RiskLevel.IMMINENT),
        ("Everyone would be happier without me around.", RiskLevel.MODERATE),
    ],
)
def test_broad_net_catches_new_wordings(text: str, level: RiskLevel) -> None:
    assert assess(text).level >= level


@pytest.mark.parametrize(
    "text",
    [
        "I cut my finger slicing onions, ouch.",
        "I bought pills for my headache this weekend.",
        "I nearly died laughing at that video.",
        "My sourdough starter died while I was on vacation.",
        "切菜的时候不小心划到手了",
        "这首歌叫《我想去死》，其实很欢快",
        "这周忙得要死",
        "我家的金鱼死了",
        "我们社会学课在讨论自杀率",
        "这件事让我尴尬到想原地消失",
    ],
)
def test_broad_net_leaves_ordinary_words_alone(text: str) -> None:
    assert assess(text).level < RiskLevel.MODERATE


def test_someone_elses_words_are_third_party() -> None:
    result = assess("My sister says she wants to fade out of existence.")
    assert result.level == RiskLevel.LOW and result.concern == "third_party"


def test_broad_net_only_adds_where_it_raises_the_level() -> None:
    reasons = assess("I want to kill myself").reasons
    assert reasons == ["active thoughts of suicide"]
