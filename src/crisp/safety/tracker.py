"""Risk across one session: the context for the rules, and a level that does not drop on one reassurance.

C-SSRS screening does not close a risk check on a single denial, and neither
does this tracker. Policy:

- each of the person's messages is assessed with the last few of their earlier
  messages as context (`detector.assess`);
- once the session reaches `moderate` or above, that level is held: later
  messages below it still get the held level (`held=True`, the safe path keeps
  going, with a follow-up wording);
- after `clear_turns_to_step_down` messages in a row below `moderate`, the hold
  steps down to `low` (the counsellor may reply again, the session stays
  watched), never to `none` within the session;
- any new message at `moderate` or above sets the hold again, and a higher
  level replaces a lower one at once.

The tracker keeps the person's texts only as long as the context window needs
them, in memory, and never logs them.
"""

from __future__ import annotations

import logging
from collections import deque

from crisp.cr.taxonomy import Lang
from crisp.safety.detector import MAX_CONTEXT_TURNS, assess, build_assessment
from crisp.safety.results import Concern, RiskAssessment, RiskLevel, Signal
from crisp.safety.rules import REASONS

logger = logging.getLogger("crisp.safety")

CLEAR_TURNS_TO_STEP_DOWN = 3


class SessionRiskTracker:
    """Per-session risk state. Use `assess(text)`, or `record(text, assessment)` after your own assessment
    (for example `await assess_with_model(text, model, context=tracker.context)`)."""

    def __init__(
        self,
        *,
        context_turns: int = MAX_CONTEXT_TURNS,
        clear_turns_to_step_down: int = CLEAR_TURNS_TO_STEP_DOWN,
        learned: bool = False,
    ) -> None:
        if context_turns < 0 or clear_turns_to_step_down < 1:
            raise ValueError("context_turns must be >= 0 and clear_turns_to_step_down >= 1")
        self.clear_turns_to_step_down = clear_turns_to_step_down
        # True: the whole screen (rules, then the learned stage; `learned` module), else the rules alone.
        self.learned = learned
        self._turns: deque[str] = deque(maxlen=context_turns)
        self._held = RiskLevel.NONE
        self._held_concern: Concern = "self"
        self._peak = RiskLevel.NONE
        self._clear = 0

    @property
    def context(self) -> tuple[str, ...]:
        """The person's earlier messages that the next assessment uses as context."""
        return tuple(self._turns)

    @property
    def level(self) -> RiskLevel:
        """The level held now (what a message with no risk of its own would get)."""
        return self._held

    @property
    def peak(self) -> RiskLevel:
        """The highest level this session has reached."""
        return self._peak

    def reset(self) -> None:
        """Forget the session (e.g. after a person took over and closed the check)."""
        self._turns.clear()
        self._held, self._peak, self._clear = RiskLevel.NONE, RiskLevel.NONE, 0

    def assess(self, text: str, lang: str | Lang | None = None) -> RiskAssessment:
        """Assess the person's next message with the screen, in this session's context."""
        if self.learned:
            from crisp.safety.learned import screen

            return self.record(text, screen(text, context=self.context, lang=lang))
        return self.record(text, assess(text, context=self.context, lang=lang))

    def record(self, text: str, assessment: RiskAssessment) -> RiskAssessment:
        """Add the message to the context and apply the session hold to its assessment."""
        self._turns.append(text)
        before = self._held
        result = self._apply(assessment)
        self._peak = max(self._peak, result.level, key=lambda level: level.rank)
        if result.level != before or result.level >= RiskLevel.MODERATE:
            codes = ",".join(sorted({s.code for s in result.signals})) or "-"
            logger.info("session risk %s -> %s (signals %s)", before.value, result.level.value, codes)
        return result

    def _apply(self, assessment: RiskAssessment) -> RiskAssessment:
        level = assessment.level
        if level >= RiskLevel.MODERATE:
            self._clear = 0
            if level >= self._held:
                self._held, self._held_concern = level, assessment.concern or "self"
                return assessment
            return self._with_hold(assessment, "session_hold")
        if self._held >= RiskLevel.MODERATE:
            self._clear += 1
            if self._clear < self.clear_turns_to_step_down:
                return self._with_hold(assessment, "session_hold")
            self._held = RiskLevel.LOW
        if self._held == RiskLevel.LOW and level < RiskLevel.LOW:
            return self._with_hold(assessment, "session_floor")
        return assessment

    def _with_hold(self, assessment: RiskAssessment, code: str) -> RiskAssessment:
        hold = Signal(code=code, level=self._held, reason=REASONS[code], concern=self._held_concern, source="session")
        signals = [*assessment.signals, hold]
        return build_assessment(signals, assessment.lang, held=self._held > assessment.level)
