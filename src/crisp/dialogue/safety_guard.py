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

`Screening` is the engine's one switch over it. `Screening.SCREENED` is the default and the only
setting chat and serve know (`tests/dialogue/test_unscreened.py` holds them to that).
`Screening.UNSCREENED_FOR_EVALUATION` gives `UnscreenedGuard`, which reads nothing and passes every
reply: `crisp eval safety` runs it as its comparison arm, to measure what the layer adds. It says
so in the log, on every turn's level (`UNSCREENED_LEVEL`) and in the record's provenance.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import StrEnum

from crisp.cr.taxonomy import Lang
from crisp.errors import ConfigError
from crisp.prompts import keyed_lines
from crisp.safety import (
    RiskAssessment,
    SessionRiskTracker,
    check_reply,
    guard_reply,
    resolve_locale,
    safe_response,
)
from crisp.safety.resources import load_resources

log = logging.getLogger(__name__)

# The level of a turn that no screen read (the unscreened evaluation arm): not a risk level.
UNSCREENED_LEVEL = "unscreened"


class Screening(StrEnum):
    """Whether a conversation goes through the safety layer. See the module docstring."""

    SCREENED = "screened"
    UNSCREENED_FOR_EVALUATION = "unscreened (evaluation only)"


class SafetyGuard:
    """The safety state of one conversation, and the calls the engine makes to the safety layer."""

    screening = Screening.SCREENED

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

    def assess(self, text: str, lang: Lang) -> RiskAssessment | None:
        """The screen of the person's message (None: nothing screened it, see `UnscreenedGuard`)."""
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


class UnscreenedGuard(SafetyGuard):
    """EVALUATION ONLY, UNSCREENED: screens no message and passes every reply, so the model answers
    everything and its replies are shown as written. It exists to measure what the safety layer adds
    (`crisp eval safety`); made only with the token `Screening.UNSCREENED_FOR_EVALUATION`."""

    screening = Screening.UNSCREENED_FOR_EVALUATION
    _warned = False

    def __init__(self, token: Screening) -> None:  # the base's tracker (and learned stage) is not made
        if token is not Screening.UNSCREENED_FOR_EVALUATION:
            raise ConfigError("an unscreened conversation is for evaluation only; pass "
                              "Screening.UNSCREENED_FOR_EVALUATION, or keep the default screened one")
        self.locale = None
        if not UnscreenedGuard._warned:  # once a process: an eval run makes one conversation per persona
            UnscreenedGuard._warned = True
            log.warning("evaluation: conversations run UNSCREENED (no safety layer), as a comparison arm")

    def reset(self) -> None:
        pass

    def replay(self, person_messages: Iterable[tuple[str, Lang]]) -> None:
        pass

    def assess(self, text: str, lang: Lang) -> None:
        return None

    def reply_ok(self, text: str, lang: Lang) -> bool:
        return True


def safety_guard_for(screening: Screening, locale: str | None) -> SafetyGuard:
    """The guard of a new conversation: the safety layer, or (evaluation only) none."""
    if screening is Screening.SCREENED:
        return SafetyGuard(locale)
    return UnscreenedGuard(screening)


__all__ = ["UNSCREENED_LEVEL", "SafetyGuard", "Screening", "UnscreenedGuard", "safety_guard_for"]
