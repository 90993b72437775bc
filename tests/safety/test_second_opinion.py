"""The optional model second opinion and the policy that combines it with the rules.

The model is `crisp.llm.testing.ScriptedModelDouble`, the library's test double for a model that
cannot run here; the slow test at the end uses the real embedded `default:lite` model.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest

from crisp.llm.base import Message
from crisp.llm.testing import ScriptedModelDouble
from crisp.safety import ModelRiskVerdict, RiskLevel, assess, assess_with_model, combine


def replies(*texts: str) -> Callable[[list[Message], dict[str, Any] | None], str]:
    """A script that answers with `texts` in order."""
    queue = list(texts)
    return lambda messages, schema: queue.pop(0)


def verdict(level: str, reason: str = "scripted") -> str:
    return json.dumps({"level": level, "reason": reason})


def failing(messages: list[Message], schema: dict[str, Any] | None) -> str:
    raise ConnectionError("backend down")


def test_model_can_raise_the_level() -> None:
    model = ScriptedModelDouble(replies(verdict("high", "a veiled goodbye")))
    text = "I've sorted out who gets my guitar and my books."
    assert assess(text).level == RiskLevel.NONE
    result = asyncio.run(assess_with_model(text, model))
    assert result.level == RiskLevel.HIGH
    assert any(s.source == "model" and "veiled goodbye" in s.reason for s in result.signals)
    assert result.needs_safe_response


def test_model_never_lowers_the_rules() -> None:
    model = ScriptedModelDouble(replies(verdict("none", "sounds fine")))
    result = asyncio.run(assess_with_model("I want to kill myself.", model))
    assert result.level == RiskLevel.HIGH
    assert all(s.source != "model" for s in result.signals)


def test_model_sees_the_message_and_the_persons_context_as_data() -> None:
    model = ScriptedModelDouble(replies(verdict("none")))
    context = ["earlier words", {"role": "assistant", "content": "counsellor words"}]
    asyncio.run(assess_with_model("latest words", model, context=context))
    sent = "\n".join(m.content for m in model.calls[0])
    assert "latest words" in sent and "earlier words" in sent and "counsellor words" not in sent
    assert model.calls[0][0].role == "system"


@pytest.mark.parametrize(
    "model",
    [
        ScriptedModelDouble(replies("not json", "still not json")),
        ScriptedModelDouble(failing),
        ScriptedModelDouble(replies(verdict("imminent")), latency_s=1.0),
    ],
    ids=["invalid-output", "backend-error", "timeout"],
)
def test_model_failure_leaves_the_rules_standing(model: ScriptedModelDouble, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="crisp.safety"):
        result = asyncio.run(assess_with_model("I wish I was dead, Zebulon.", model, timeout_s=0.2))
    assert result.level == RiskLevel.MODERATE
    assert "second opinion" in caplog.text and "Zebulon" not in caplog.text


def test_repaired_reply_is_accepted() -> None:
    model = ScriptedModelDouble(replies("I think it is high", verdict("imminent", "mentions a date")))
    assert asyncio.run(assess_with_model("Friday is the day.", model)).level == RiskLevel.IMMINENT


def test_combine_is_pure() -> None:
    rules = assess("I'm tired.")
    assert combine(rules, None) is rules
    raised = combine(rules, ModelRiskVerdict(level=RiskLevel.MODERATE, reason="x" * 1000))
    assert raised.level == RiskLevel.MODERATE
    assert len(raised.signals[0].reason) < 300
    assert combine(assess("I want to die"), ModelRiskVerdict(level=RiskLevel.LOW)).level == RiskLevel.MODERATE


@pytest.mark.slow
def test_real_embedded_model_as_second_opinion() -> None:
    """The policy holds with a real grammar-constrained model (CPU, about a minute)."""
    from crisp.llm import load_model

    async def scenario() -> tuple[RiskLevel, RiskLevel]:
        model = load_model("default:lite", n_ctx=2048)
        try:
            crisis = await assess_with_model("I want to kill myself.", model, timeout_s=300)
            calm = await assess_with_model("Can you help me plan a study schedule?", model, timeout_s=300)
        finally:
            await model.aclose()
        return crisis.level, calm.level

    crisis, calm = asyncio.run(scenario())
    assert crisis >= RiskLevel.HIGH  # the rules' floor holds whatever the model says
    assert calm in tuple(RiskLevel)
