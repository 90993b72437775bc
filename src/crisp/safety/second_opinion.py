"""An optional second opinion from any chat model, and the policy that combines it with the rules.

Policy (the rules alone meet the screening targets; the model can only add caution):

1. The rules always run first, and their level is a floor: the model never lowers it.
   A person who writes a crisis phrase gets the safe path whatever the model says,
   and a message that talks the model into "none" cannot switch the screen off.
2. The model can raise the level. The final level is the higher of the two; a raise
   adds a signal with source "model" and the model's one-line reason.
3. If the model fails (no valid verdict after its one repair try, a backend error,
   a timeout), the rules' assessment stands and the failure is logged without text.

The model sees the person's latest message and a few earlier turns, as data, with
a fixed instruction (`SECOND_OPINION_INSTRUCTION`). Nothing is logged from either.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator

from crisp.cr.taxonomy import Lang
from crisp.safety.detector import ContextTurn, assess, build_assessment, user_turns
from crisp.safety.results import RiskAssessment, RiskLevel, Signal
from crisp.safety.rules import REASONS

if TYPE_CHECKING:
    from crisp.llm.base import ChatModel, Message

logger = logging.getLogger("crisp.safety")

DEFAULT_TIMEOUT_S = 30.0
MAX_REASON_CHARS = 200
# Why this wording: the model grades only the latest message, on the same C-SSRS scale as the rules,
# and is told plainly which everyday phrases are not risk, so a weak model does not flag idioms.
SECOND_OPINION_INSTRUCTION = (
    "You screen messages sent to a support chat for acute risk. You never reply to the person.\n"
    "Grade the LATEST message of the person, using the earlier turns only as context, on this scale:\n"
    "- none: no risk. Idioms and hyperbole ('this exam is killing me', '笑死我了'), fiction, news, coursework,\n"
    "  technical language ('kill the process') and ordinary sadness or stress are none.\n"
    "- low: hopelessness, feeling like a burden, past suicidal thoughts now over, worry about someone else.\n"
    "- moderate: a wish to be dead or not to wake up.\n"
    "- high: active thoughts of suicide, self-harm, intent to hurt others, violence or abuse against the person.\n"
    "- imminent: a method, intent, a plan, preparations, or an attempt in progress.\n"
    "Answer with the level and a one-sentence reason in English."
)


class ModelRiskVerdict(BaseModel):
    """What the model returns (structured output)."""

    model_config = ConfigDict(extra="forbid")

    level: RiskLevel
    reason: str = Field(default="", description="one sentence")

    @field_validator("reason")
    @classmethod
    def _short(cls, value: str) -> str:
        return " ".join(value.split())[:MAX_REASON_CHARS]


def second_opinion_messages(text: str, context: Sequence[ContextTurn] = ()) -> list[Message]:
    from crisp.llm.base import Message

    earlier = user_turns(context)
    lines = [f"- {turn}" for turn in earlier] or ["(none)"]
    body = "Earlier messages of the person:\n" + "\n".join(lines) + f"\n\nLatest message:\n<<<\n{text}\n>>>"
    return [Message(role="system", content=SECOND_OPINION_INSTRUCTION), Message(role="user", content=body)]


def combine(rules: RiskAssessment, verdict: ModelRiskVerdict | None) -> RiskAssessment:
    """The combination policy (module docstring): the model may raise the level, never lower it."""
    if verdict is None or verdict.level <= rules.level:
        return rules
    reason = REASONS["model_second_opinion"] + (f": {verdict.reason}" if verdict.reason else "")
    signal = Signal(
        code="model_second_opinion",
        level=verdict.level,
        reason=reason,
        concern=rules.concern if rules.concern not in (None, "third_party") else "self",
        source="model",
    )
    return build_assessment([*rules.signals, signal], rules.lang, held=rules.held)


async def assess_with_model(
    text: str,
    model: ChatModel,
    *,
    context: Sequence[ContextTurn] = (),
    lang: str | Lang | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> RiskAssessment:
    """The rules' assessment, combined with a model's verdict under the policy above."""
    from crisp.llm.base import GenerationParams

    rules = assess(text, context=context, lang=lang)
    params = GenerationParams(temperature=0.0, max_new_tokens=200)
    try:
        result = await asyncio.wait_for(
            model.structured(second_opinion_messages(text, context), ModelRiskVerdict, params), timeout_s
        )
    except Exception as error:  # noqa: BLE001 - any failure of an optional model leaves the rules' result standing
        logger.warning(
            "second opinion from %s failed (%s); the rules' level %s stands",
            getattr(model, "spec", "model"),
            type(error).__name__,
            rules.level.value,
        )
        return rules
    return combine(rules, result.value)
