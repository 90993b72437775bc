"""The result types of the safety layer: risk levels, signals, assessments, reply checks."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from crisp.cr.taxonomy import Lang


class RiskLevel(StrEnum):
    """Screening levels, ordered. Comparisons (`<`, `>=`) follow the order, not the spelling."""

    NONE = "none"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    IMMINENT = "imminent"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RiskLevel):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {level: i for i, level in enumerate(RiskLevel)}


def max_level(*levels: RiskLevel) -> RiskLevel:
    return max(levels, key=lambda level: level.rank, default=RiskLevel.NONE)


class Action(StrEnum):
    """What the caller should do with the person's message."""

    CONTINUE = "continue"  # no risk seen: the counsellor replies as usual
    MONITOR = "monitor"  # the counsellor replies; keep watching the session
    SAFE_RESPONSE = "safe_response"  # bypass the model: scripted message, direct question, resources
    EMERGENCY = "emergency"  # bypass the model: urge emergency services now, plus resources


ACTION_FOR_LEVEL: dict[RiskLevel, Action] = {
    RiskLevel.NONE: Action.CONTINUE,
    RiskLevel.LOW: Action.MONITOR,
    RiskLevel.MODERATE: Action.SAFE_RESPONSE,
    RiskLevel.HIGH: Action.SAFE_RESPONSE,
    RiskLevel.IMMINENT: Action.EMERGENCY,
}

# Whose safety a signal is about; it picks the confirming question and the resources.
Concern = Literal["self", "others", "abuse", "third_party"]
Source = Literal["rules", "context", "session", "model", "learned"]

MAX_EVIDENCE_CHARS = 80


class Signal(BaseModel):
    """One reason behind a level. `evidence` holds the matched words: never log it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    level: RiskLevel
    reason: str
    concern: Concern = "self"
    source: Source = "rules"
    evidence: str = Field(default="", max_length=MAX_EVIDENCE_CHARS)


class RiskAssessment(BaseModel):
    """The screen of one message: level, why, the message language and what to do."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level: RiskLevel
    action: Action
    lang: Lang
    signals: tuple[Signal, ...] = ()
    # Whose safety the top signal is about (None when nothing fired).
    concern: Concern | None = None
    # True when the level is held from earlier in the session rather than set by this message.
    held: bool = False

    @property
    def reasons(self) -> list[str]:
        """Readable reasons, highest level first, without duplicates."""
        seen: list[str] = []
        for signal in sorted(self.signals, key=lambda s: -s.level.rank):
            if signal.reason not in seen:
                seen.append(signal.reason)
        return seen

    @property
    def needs_safe_response(self) -> bool:
        """At moderate and above the model is bypassed."""
        return self.level >= RiskLevel.MODERATE

    def summary(self) -> dict[str, object]:
        """The fields the CLI prints with `--json`."""
        return {
            "level": self.level.value,
            "action": self.action.value,
            "reasons": self.reasons,
            "lang": self.lang.value,
        }


ReplyIssueCode = Literal[
    "encourages_self_harm",
    "method_information",
    "medication_dosing",
    "diagnosis_claim",
    "claims_human",
    "speaks_as_at_risk",
    "empty_reply",
    "too_long_to_check",
]


class ReplyIssue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: ReplyIssueCode
    reason: str
    evidence: str = Field(default="", max_length=MAX_EVIDENCE_CHARS)


class ReplyCheck(BaseModel):
    """The check of one model reply before it reaches a person."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    passed: bool
    lang: Lang
    issues: tuple[ReplyIssue, ...] = ()

    @property
    def reasons(self) -> list[str]:
        seen: list[str] = []
        for issue in self.issues:
            if issue.reason not in seen:
                seen.append(issue.reason)
        return seen

    def summary(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "action": "show" if self.passed else "replace",
            "reasons": self.reasons,
            "lang": self.lang.value,
        }
