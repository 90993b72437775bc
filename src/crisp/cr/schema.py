"""The Crisp record: one dialogue with everything needed to check, train on and evaluate it.

Types only: a record that validates here has the right shape and known labels.
Whether it is a *well-formed CRDial dialogue* (order of sub-steps, a verdict for
every channel, language...) is decided by `crisp.cr.checks`, which reports every
problem with its JSON path instead of stopping at the first.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crisp.cr.language import join_sentences
from crisp.cr.taxonomy import (
    MAX_CHANNELS_PER_IDENTIFICATION,
    Distortion,
    Lang,
    Stage,
    Strategy,
    SubStep,
)

SCHEMA_VERSION = "1.0"

MAX_TEXT_CHARS = 20_000
MAX_CRITERION_SCORE = 5.0
MIN_CRITERION_SCORE = 1.0

Resistance = Literal["low", "medium", "high"]
EndReason = Literal["plan_complete", "client_ended", "max_turns", "user_ended"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Seed(_Strict):
    """The help-seeking situation a dialogue starts from."""

    id: str = Field(min_length=1)
    situation: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    language: Lang
    category: str | None = None
    subcategory: str | None = None
    source: str | None = None
    # Columns of the seed file that the schema does not know, kept as they were.
    extra: dict[str, Any] = Field(default_factory=dict)


class Persona(_Strict):
    """Who the client is. For a simulated client, also how hard it holds on to its thoughts."""

    name: str | None = None
    age: int | None = Field(default=None, ge=10, le=110)
    gender: str | None = None
    occupation: str | None = None
    description: str = ""
    resistance: Resistance = "medium"


class DistortionChannel(_Strict):
    """One candidate cognitive distortion, identified at a core-belief step, restructured on its own."""

    index: int = Field(ge=1, description="channel number, 1-based, unique in the record")
    loop: int = Field(ge=1, description="the loop whose core-belief step identified it")
    distortion: Distortion
    example_thought: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)


class Cognition(_Strict):
    """The thought record: what identification found."""

    automatic_thought: str | None = None
    intermediate_belief: str | None = None
    channels: list[DistortionChannel] = Field(default_factory=list)


class _TurnTags(_Strict):
    """Where in the CRDial plan a turn stands. `substep=None` marks closing talk after the last verdict."""

    stage: Stage | None = None
    substep: SubStep | None = None
    channel: int | None = Field(default=None, ge=1)
    loop: int = Field(default=1, ge=1)
    # The turn's own language where the person switched away from the record's (`language` stays the first).
    language: Lang | None = None

    def lang_in(self, record_lang: Lang) -> Lang:
        """The language this turn is in, in a record whose language is `record_lang`."""
        return self.language or record_lang

    @model_validator(mode="after")
    def _stage_from_substep(self) -> _TurnTags:
        if self.substep is not None:
            expected = self.substep.stage
            if self.stage is None:
                self.stage = expected
            elif self.stage is not expected:
                raise ValueError(f"stage {self.stage.value!r} does not contain sub-step {self.substep.value!r}")
        elif self.stage is not None:
            raise ValueError("a turn with a stage needs a sub-step")
        return self


class Sentence(_Strict):
    """One counsellor sentence and its supportive strategy.

    `strategy` is None only where nobody labelled it (a chat with a model that emits no
    tags); the structural checks report such sentences, so datasets stay fully labelled.
    """

    text: str = Field(max_length=MAX_TEXT_CHARS)
    strategy: Strategy | None


class CounsellorTurn(_TurnTags):
    role: Literal["counsellor"] = "counsellor"
    sentences: list[Sentence]

    def text(self, lang: Lang | str = Lang.EN) -> str:
        return join_sentences((s.text.strip() for s in self.sentences), lang)


class ClientTurn(_TurnTags):
    role: Literal["client"] = "client"
    content: str = Field(max_length=MAX_TEXT_CHARS)

    def text(self, lang: Lang | str = Lang.EN) -> str:
        return self.content


Turn = Annotated[CounsellorTurn | ClientTurn, Field(discriminator="role")]


class Verdict(_Strict):
    """The balanced alternative thought the client reached for one channel."""

    channel: int = Field(ge=1)
    loop: int = Field(ge=1)
    restructured_thought: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)


class CommonsenseHint(_Strict):
    """A social-commonsense inference (ATOMIC-style relation) given to the teacher at a sub-step."""

    relation: str = Field(min_length=1, description="e.g. xIntent, xNeed, xReact, xWant, xEffect, xAttr")
    text: str = Field(min_length=1)
    substep: SubStep | None = None
    source: str | None = None


class Provenance(_Strict):
    """How the record was made."""

    toolkit_version: str | None = None
    models: dict[str, str] = Field(default_factory=dict, description="role -> model spec")
    prompt_version: str | None = None
    granularity: Literal["turn", "segment"] | None = None
    generation: dict[str, Any] = Field(default_factory=dict)
    random_seed: int | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    finished_at: datetime | None = None


class QualityScores(_Strict):
    """Scores of the expert filter: criterion name -> 1..5, and their mean."""

    judge: str | None = None
    criteria: dict[str, Annotated[float, Field(ge=MIN_CRITERION_SCORE, le=MAX_CRITERION_SCORE)]] = Field(
        default_factory=dict
    )
    mean: float | None = Field(default=None, ge=MIN_CRITERION_SCORE, le=MAX_CRITERION_SCORE)


class CrispRecord(_Strict):
    """One CR dialogue. JSON Schema: `crisp schema`."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    id: str = Field(min_length=1)
    language: Lang
    seed: Seed
    persona: Persona = Field(default_factory=Persona)
    cognition: Cognition = Field(default_factory=Cognition)
    turns: list[Turn] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)
    commonsense_hints: list[CommonsenseHint] = Field(default_factory=list)
    end_reason: EndReason = "plan_complete"
    provenance: Provenance = Field(default_factory=Provenance)
    quality: QualityScores | None = None

    @property
    def counsellor_turns(self) -> list[CounsellorTurn]:
        return [t for t in self.turns if isinstance(t, CounsellorTurn)]

    @property
    def loops(self) -> int:
        return max((t.loop for t in self.turns if t.substep is not None), default=0)


def record_json_schema() -> dict[str, Any]:
    return CrispRecord.model_json_schema()


__all__ = [
    "MAX_CHANNELS_PER_IDENTIFICATION",
    "SCHEMA_VERSION",
    "ClientTurn",
    "CommonsenseHint",
    "Cognition",
    "CounsellorTurn",
    "CrispRecord",
    "DistortionChannel",
    "Persona",
    "Provenance",
    "QualityScores",
    "Seed",
    "Sentence",
    "Turn",
    "Verdict",
    "record_json_schema",
]
