"""How a conversation uses the safety layer (`crisp.safety`): one place, so every path goes through it.

- the person's message: `SessionRiskTracker.assess` with the whole screen (the rules, with the
  person's earlier messages as context, then the learned stage where the rules are unsure; the
  rules alone when it cannot load, see `crisp.safety.learned`) and the session hold; at `moderate` and above
  (`needs_safe_response`) the safety layer's `safe_response` answers, not the model;
- the model's reply: `check_reply` on the visible text before it is shown; a reply
  that fails is replaced by `guard_reply`'s fallback;

The conversation engine (`crisp.dialogue.conversation`) holds one guard per conversation and
calls it on every turn; nothing outside the engine calls it. No rule, message or phone number is
written here.
"""

from __future__ import annotations

from collections.abc import Iterable

from crisp.cr.taxonomy import Lang
from crisp.prompts import keyed_lines
from crisp.safety import RiskAssessment, SessionRiskTracker, check_reply, guard_reply, resolve_locale, safe_response
from crisp.safety.resources import load_resources


class SafetyGuard:
    """The safety state of one conversation, and the calls the engine makes to the safety layer."""

    def __init__(self, locale: str | None = None) -> None:
        self.locale = locale
        self.tracker = SessionRiskTracker(learned=True)

    def reset(self) -> None:
        self.tracker.reset()

    def replay(self, person_messages: Iterable[tuple[str, Lang]]) -> None:
        """Rebuild the session's risk state from a loaded transcript (the person's messages and their
        languages, in order)."""
        self.tracker.reset()
        for text, lang in person_messages:
            self.tracker.assess(text, lang)

    def assess(self, text: str, lang: Lang) -> RiskAssessment:
        return self.tracker.assess(text, lang)

    def safe_reply(self, assessment: RiskAssessment) -> str:
        """The safety layer's scripted reply; with the international resources (nothing told where the
        person is) it ends with how to set the locale."""
        reply = safe_response(assessment, self.locale)
        if resolve_locale(self.locale, assessment.lang) == load_resources().fallback:
            reply += "\n\n" + keyed_lines("labels", assessment.lang)["locale_hint"]
        return reply

    def reply_ok(self, text: str, lang: Lang) -> bool:
        return check_reply(text, lang).passed

    def replacement(self, text: str, lang: Lang) -> str:
        """The safety layer's fallback for a reply that failed the check (it logs the event, never the text)."""
        return guard_reply(text, lang, locale=self.locale)



__all__ = ["SafetyGuard"]
