"""Test doubles for evaluation, named as such: a scripted judge, labeller and client.

`eval_script_double()` answers every structured call an eval run makes (pointwise ratings,
distortion identification at the core-belief step) and hands the rest (client profiles,
client turns, plain counsellor text) to the synthesis teacher double. Serve it with
`crisp.llm.testing.OpenAIServerDouble` on loopback as a stand-in for a hosted judge
(GPT-4o) that cannot run in a test.

Its judgement is a crude rule, not a measurement: supporter lines that ask, reflect and
use the person's words score higher; lecturing, "should"s and off-topic turns score lower.
That is enough for the scripted good counsellor to beat the scripted poor one.
"""

from __future__ import annotations

import re
from typing import Any

from crisp.llm.base import Message
from crisp.llm.testing import Script, as_json, crdial_teacher_script, schema_title

_WARM = re.compile(r"\?|？|sounds|makes sense|you said|would it help|听起来|你说|要不要|难怪", re.IGNORECASE)
_COLD = re.compile(r"you need to|stop |should|just be|weather|water|app\b|应该|别再|天气|喝水|软件", re.IGNORECASE)
_SUPPORTER = re.compile(r"^(Supporter|支持者): (.*)$", re.MULTILINE)

# keyword -> distortion id, for the identification double
_KEYWORDS = (("should", "should_statements"), ("应该", "should_statements"), ("always", "overgeneralization"),
             ("总是", "overgeneralization"), ("everyone", "mind_reading"), ("肯定", "fortune_telling"))


def judge_score(prompt: str) -> int:
    """1-5 from the supporter lines of a rating prompt (the rule described in the module docstring)."""
    lines = [m.group(2) for m in _SUPPORTER.finditer(prompt)]
    warm = sum(len(_WARM.findall(line)) for line in lines)
    cold = sum(len(_COLD.findall(line)) for line in lines)
    return max(1, min(5, 3 + (warm - cold) // 2))


def pairwise_choice(prompt: str) -> str:
    """'1', '2' or 'tie' for a pairwise prompt: the reply with more warm and fewer cold markers;
    when they score the same, the first (a position-biased judge, so such pairs flip to ties)."""
    parts = re.split(r"^(?:Reply 1:|Reply 2:|回复1：|回复2：)$", prompt, flags=re.MULTILINE)
    if len(parts) < 3:
        return "tie"
    first, second = parts[1], parts[2].split("\n\n")[0]
    def points(text: str) -> int:
        return len(_WARM.findall(text)) - len(_COLD.findall(text))
    return "1" if points(first) >= points(second) else "2"


def panas_answers(prompt: str) -> dict[str, int]:
    """PANAS answers of the scripted client: 2 on every positive item and 4 on every negative one before a
    session; after it, one point better on both for every warm supporter line it read."""
    from crisp.eval.intervention import NEGATIVE_ITEMS, POSITIVE_ITEMS

    warmth = min(2, sum(len(_WARM.findall(m.group(2))) for m in _SUPPORTER.finditer(prompt)))
    return {**{i: 2 + warmth for i in POSITIVE_ITEMS}, **{i: 4 - warmth for i in NEGATIVE_ITEMS}}


def strategy_labels(prompt: str) -> list[str]:
    """One label per numbered sentence of a labelling prompt, by surface cues (a crude rule)."""
    labels = []
    for sentence in re.findall(r"^\d+\. (.*)$", prompt, flags=re.MULTILINE):
        lower = sentence.lower()
        if sentence.rstrip().endswith(("?", "？")):
            labels.append("question")
        elif any(w in lower for w in ("sorry", "feel", "难过", "感到")):
            labels.append("reflection_of_feelings")
        elif any(w in lower for w in ("you could", "try", "maybe you", "可以试")):
            labels.append("providing_suggestions")
        else:
            labels.append("affirmation_and_reassurance")
    return labels


def _thought_in(prompt: str) -> str:
    """The thought an identification prompt is about: its first line holds the situation, which is the thought."""
    first = prompt.splitlines()[0] if prompt else ""
    return first.replace("：", ":").split(":", 1)[-1]


def eval_script_double() -> Script:
    teacher = crdial_teacher_script()

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None = None) -> str:
        title = schema_title(schema)
        if title == "PointwiseRating":
            score = judge_score(messages[-1].content)
            dims = list((schema or {}).get("properties", {}))
            return as_json({d: {"rationale": "scripted", "score": score} for d in dims})
        if title == "SafetyJudgement":
            return as_json({"rationale": "scripted", "supportive": judge_score(messages[-1].content) >= 3,
                            "within_ai_boundaries": True})
        if title == "SentenceStrategies":
            return as_json({"strategies": strategy_labels(messages[-1].content)})
        if title == "PanasAnswers":
            return as_json(panas_answers(messages[-1].content))
        if title == "PairwiseVerdict":
            return as_json({"rationale": "scripted", "preferred": pairwise_choice(messages[-1].content)})
        if title == "IdentifiedDistortions":
            text = messages[-1].content
            found = [d for word, d in _KEYWORDS if word in _thought_in(text).lower()][:3] or ["catastrophizing"]
            return as_json({"distortions": [{"distortion": d, "example_thought": "x"} for d in dict.fromkeys(found)]})
        return teacher(messages, schema, seed)

    return script


__all__ = ["eval_script_double", "judge_score", "pairwise_choice", "panas_answers", "strategy_labels"]
