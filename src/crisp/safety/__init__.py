"""The safety layer: crisis screening of what a person writes, the scripted safe path, and a check on
every model reply. Chat, the web app, synthesis filters and evaluation all use this package; there is
no other copy of these rules.

    assessment = screen(text, context=earlier_user_messages)      # or SessionRiskTracker(learned=True).assess(text)
    if assessment.needs_safe_response:                              # moderate, high, imminent
        show(safe_response(assessment))                             # the model is bypassed
    else:
        show(guard_reply(model_reply, assessment.lang))              # replaced if it fails the check

What is covered
---------------
- Risk levels `none`, `low`, `moderate`, `high`, `imminent` following C-SSRS screening logic: a wish
  to be dead or not to wake up (moderate); active thoughts of suicide (high); method, intent, plan,
  preparation or an attempt in progress (imminent); self-harm, thoughts of harming others, and
  violence or abuse against the person (high). Past, resolved thoughts and worry about someone else
  are `low`.
- English and Chinese (simplified and traditional characters, mixed scripts, chat spellings such as
  "kms", "unalive", "紫砂"), with negation, idiom and hyperbole handling ("this exam is killing me",
  "我想死你了") and fiction, news and coursework frames. Rules are transparent: every level comes with
  readable reasons (`RiskAssessment.reasons`).
- A learned stage beside the rules (`learned`): multilingual sentence embeddings and a small head,
  trained on the team's own messages, that may raise a `low` message to `moderate` and lowers
  nothing; `assess` is the rules alone, `screen` the whole screen. The combining policy is in
  `learned`'s docstring; without the stage the screen warns once and runs on the rules.
- Conversation context (a time, farewell or means after earlier risk is `imminent`) and a per-session
  hold (`SessionRiskTracker`): one reassuring message does not close a check.
- Scripted messages in the person's language with real resources per locale (`resources.yaml`):
  acknowledgement, the direct confirming question, numbers to call or text, and, at `imminent`,
  emergency services first. They never mention methods or argue with the person.
- A check on model replies (`check_reply`, `guard_reply`): encouragement of self-harm, method or
  means information, medication doses, diagnosis claims, claims to be a human or a clinician.
- An optional second opinion from any `crisp.llm` chat model (`assess_with_model`), which can only
  raise the level (policy in `second_opinion`).

What is NOT covered
-------------------
- This is a screen, not a clinical assessment. It does not diagnose, does not estimate suicide risk
  over time, and does not replace a trained person. A `none` result is not a statement that someone
  is safe.
- On real, human-written messages the screen misses many crises: on the open halves of public sets
  it sends 0.81 of PsySUICIDE (zh), 0.69 of SOS-1K (zh), 0.65 of r/SuicideWatch (en) and 0.73 of
  Reddit C-SSRS users (en) at moderate-or-above to the safe path (README, `benchmarks/safety_real_text.py`).
- Rules miss phrasings nobody wrote down. On the latest held-out set (593 messages by writers who
  never saw the rules, measured once after they were frozen) they put 85% of English and 88% of
  Chinese moderate-or-above messages on the safe path, with 4.8% / 5.8% false alarms on harmless
  ones; the history of these figures is in `tests/safety/test_eval_sets.py`. The development set
  (`tests/safety/eval_set.jsonl`, 6,643 messages, kept out of the package) reads near 0.99 only because the rules were written on it.
  A model second opinion (`assess_with_model`) is the way to catch more; it can only add caution. Sarcasm,
  code words, images, audio, and languages other than English and Chinese are not understood (text
  in other languages is screened by the English rules only and will mostly pass as `none`).
- It does not contact anyone, call emergency services, or locate the person. Resource numbers are as
  listed in `resources.yaml` and must be checked by a person before release and kept current.
- Streaming replies: `check_reply` needs the whole reply; callers that stream must check before
  showing, or check the full text and retract.
- Harm to others is screened only as far as the person's own words go; threats made by third parties
  in the conversation are not tracked.
"""

from __future__ import annotations

import importlib
from typing import Any

# The public names, listed once: name -> module. Imported on first use, so `crisp --help` does not pay for the safety layer.
_EXPORTS: dict[str, str] = {
    "MAX_CONTEXT_TURNS": "detector",
    "assess": "detector",
    "MAX_MESSAGE_CHARS": "normalize",
    "load_learned_stage": "learned",
    "screen": "learned",
    "check_reply": "reply_check",
    "guard_reply": "reply_check",
    "resolve_locale": "resources",
    "resources_for": "resources",
    "crisis_message": "responses",
    "fallback_reply": "responses",
    "safe_response": "responses",
    "Action": "results",
    "ReplyCheck": "results",
    "ReplyIssue": "results",
    "RiskAssessment": "results",
    "RiskLevel": "results",
    "Signal": "results",
    "ModelRiskVerdict": "second_opinion",
    "assess_with_model": "second_opinion",
    "combine": "second_opinion",
    "SessionRiskTracker": "tracker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crisp.safety' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"crisp.safety.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
