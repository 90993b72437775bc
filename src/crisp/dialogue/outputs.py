"""What the CRDial roles ask a model for, as pydantic models (structured output).

One model per sub-step: the findings fields differ per step, and a model that
constrains decoding with the schema (llama.cpp grammar, response_format) then
cannot return a field that does not belong to the step.
"""

from __future__ import annotations

import json
import re

from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from crisp.cr.plan import LoopDecision
from crisp.cr.schema import Persona, Resistance, Sentence
from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, Distortion, Strategy, SubStep

MAX_SENTENCES_PER_TURN = 4
# Every string a model writes under a schema has a bound the grammar enforces, so a small model that
# starts repeating itself inside a string still closes its JSON within the token limit.
MAX_SENTENCE_CHARS = 300
MAX_THOUGHT_CHARS = 240  # a thought, a belief, an example thought
MAX_CLIENT_TURN_CHARS = 600
MAX_SHORT_CHARS = 60  # a name, a gender, an occupation
MAX_DESCRIPTION_CHARS = 300

Thought = Annotated[str, Field(max_length=MAX_THOUGHT_CHARS)]


class SpokenSentence(Sentence):
    """A counsellor sentence as a model writes it: bounded, and always labelled."""

    text: str = Field(min_length=1, max_length=MAX_SENTENCE_CHARS)
    strategy: Strategy


class DistortionFinding(BaseModel):
    model_config = ConfigDict(extra="forbid")

    distortion: Distortion
    example_thought: Thought


# Findings a step produces, by sub-step (None: closing). Field name -> (type, default).
FINDINGS: dict[SubStep | None, dict[str, Any]] = {
    SubStep.AUTOMATIC_THOUGHT: {"automatic_thought": (Thought, "")},
    SubStep.INTERMEDIATE_BELIEF: {"intermediate_belief": (Thought, "")},
    SubStep.CORE_BELIEF: {
        "distortions": (list[DistortionFinding], Field(default_factory=list, max_length=MAX_CHANNELS_PER_IDENTIFICATION))
    },
    SubStep.DEFENSE: {},
    SubStep.PROSECUTION: {},
    SubStep.VERDICT: {"restructured_thought": (Thought, ""), "next": (LoopDecision, LoopDecision.CLOSE)},
    None: {},
}

# A segment always ends its step, so its findings are always recorded: there they are required and
# non-empty, or a weak model writing under a grammar simply leaves them out.
SEGMENT_FINDINGS: dict[SubStep | None, dict[str, Any]] = {
    SubStep.AUTOMATIC_THOUGHT: {"automatic_thought": (str, Field(min_length=1, max_length=MAX_THOUGHT_CHARS))},
    SubStep.INTERMEDIATE_BELIEF: {"intermediate_belief": (str, Field(min_length=1, max_length=MAX_THOUGHT_CHARS))},
    SubStep.CORE_BELIEF: {
        "distortions": (list[DistortionFinding], Field(min_length=1, max_length=MAX_CHANNELS_PER_IDENTIFICATION))
    },
    SubStep.DEFENSE: {},
    SubStep.PROSECUTION: {},
    SubStep.VERDICT: {
        "restructured_thought": (str, Field(min_length=1, max_length=MAX_THOUGHT_CHARS)),
        "next": (LoopDecision, ...),
    },
    None: {},
}

_Sentences = (list[SpokenSentence], Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN))


@cache
def counsellor_turn_model(substep: SubStep | None, *, speak_first: bool = False) -> type[BaseModel]:
    """`goal_met`, the step's findings, then the sentences, in that order (the model decides first);
    with `speak_first`, the sentences come first, so a reader of the stream can show them as they are
    written while the findings follow (guided chat)."""
    name = f"CounsellorTurn_{substep.value if substep else 'closing'}"
    fields: dict[str, Any] = {} if substep is None else {"goal_met": (bool, False)}
    if speak_first:
        # Chat shows the thought record as it fills in: the thought and the belief are always written,
        # as the counsellor reads them so far (the latest reading wins).
        findings = {**FINDINGS[substep], **{k: v for k, v in SEGMENT_FINDINGS[substep].items()
                                            if k in ("automatic_thought", "intermediate_belief")}}
        return create_model(name, __config__=ConfigDict(extra="forbid"), sentences=_Sentences, **fields, **findings)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields, **FINDINGS[substep],
                        sentences=_Sentences)


# One finished sentence object in a streamed turn: {"text": "...", "strategy": "..." or null}.
_SENTENCE_OBJECT = re.compile(
    r'\{\s*"text"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"strategy"\s*:\s*(null|"(?:[^"\\]|\\.)*")\s*\}'
)


class SentenceReader:
    """Reads the sentences of a `speak_first` counsellor turn out of its JSON while it is streamed."""

    def __init__(self) -> None:
        self.text = ""
        self.sentences: list[Sentence] = []
        self._searched = 0

    def feed(self, delta: str) -> list[Sentence]:
        """The sentences that `delta` completed."""
        self.text += delta
        new: list[Sentence] = []
        for match in _SENTENCE_OBJECT.finditer(self.text, self._searched):
            self._searched = match.end()
            try:
                sentence = Sentence(text=json.loads(match.group(1)), strategy=json.loads(match.group(2)))
            except (ValueError, ValidationError):
                continue  # not a valid sentence: the full parse at the end decides
            new.append(sentence)
        self.sentences += new
        return new


class Exchange(BaseModel):
    """One client turn and the counsellor's answer (segment granularity)."""

    model_config = ConfigDict(extra="forbid")

    client: str = Field(max_length=MAX_CLIENT_TURN_CHARS)
    counsellor: list[SpokenSentence] = Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN)


@cache
def segment_model(substep: SubStep | None, max_exchanges: int) -> type[BaseModel]:
    name = f"Segment_{substep.value if substep else 'closing'}"
    return create_model(
        name,
        __config__=ConfigDict(extra="forbid"),
        exchanges=(list[Exchange], Field(min_length=1, max_length=max_exchanges)),
        **SEGMENT_FINDINGS[substep],
    )


class ClientProfile(BaseModel):
    """The simulated client's hidden cognition, derived from a seed."""

    model_config = ConfigDict(extra="forbid")

    persona: Persona
    automatic_thought: str
    intermediate_belief: str
    distortions: list[DistortionFinding] = Field(min_length=1, max_length=MAX_CHANNELS_PER_IDENTIFICATION)


class ProfileDraft(BaseModel):
    """What the model writes for a profile; resistance is set by the run, not the model."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=MAX_SHORT_CHARS)
    age: int = Field(ge=10, le=110)
    gender: str = Field(max_length=MAX_SHORT_CHARS)
    occupation: str = Field(max_length=MAX_SHORT_CHARS)
    description: str = Field(max_length=MAX_DESCRIPTION_CHARS)
    automatic_thought: Thought
    intermediate_belief: Thought
    distortions: list[DistortionFinding] = Field(min_length=1, max_length=MAX_CHANNELS_PER_IDENTIFICATION)

    def to_profile(self, resistance: Resistance) -> ClientProfile:
        persona = Persona(name=self.name, age=self.age, gender=self.gender, occupation=self.occupation,
                          description=self.description, resistance=resistance)
        return ClientProfile(persona=persona, automatic_thought=self.automatic_thought,
                             intermediate_belief=self.intermediate_belief, distortions=self.distortions)


class ClientTurnOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_CLIENT_TURN_CHARS)
    end_conversation: bool = False

