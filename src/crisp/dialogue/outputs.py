"""What the CRDial roles ask a model for, as pydantic models (structured output).

One model per sub-step: the findings fields differ per step, and a model that
constrains decoding with the schema (llama.cpp grammar, response_format) then
cannot return a field that does not belong to the step.

In a step that asks (`crisp.cr.step_strategies`), the counsellor's words are one to three lead-in
sentences (any strategy but Question, with no question mark) and then one required `question`, a Question
sentence with one question mark, at its end: the schema, not the prompt alone, makes every turn of the step
ask exactly once.
"""

from __future__ import annotations

import json
import re

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from crisp.cr.plan import LoopDecision
from crisp.cr.schema import Persona, Resistance, Sentence
from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, Distortion, Lang, Strategy, SubStep

MAX_SENTENCES_PER_TURN = 4
# Every string a model writes under a schema has a bound the grammar enforces, so a small model that
# starts repeating itself inside a string still closes its JSON within the token limit.
MAX_SENTENCE_CHARS = 200  # a spoken sentence; longer ones were run-ons, and cost time on a CPU
MAX_THOUGHT_CHARS = 240  # a thought, a belief, an example thought
MAX_CLIENT_TURN_CHARS = 400  # 1 to 3 sentences
MAX_SHORT_CHARS = 60  # a name, a gender, an occupation
MAX_DESCRIPTION_CHARS = 300

Thought = Annotated[str, Field(max_length=MAX_THOUGHT_CHARS)]


class SpokenSentence(Sentence):
    """A counsellor sentence as a model writes it: bounded, and always labelled."""

    text: str = Field(min_length=1, max_length=MAX_SENTENCE_CHARS)
    strategy: Strategy


# One question, in English or Chinese: a question mark ends it and none comes before. A small model
# otherwise strings five questions into the one field; the paper's counsellor asks one at a time.
ONE_QUESTION = "^[^?？]+[?？]$"
NO_QUESTION = "^[^?？]+$"  # a lead-in sentence asks nothing: the turn's question comes last, once
LeadStrategy = Literal[tuple(s for s in Strategy if s is not Strategy.QUESTION)]  # type: ignore[valid-type]


class QuestionSentence(SpokenSentence):
    """The one question a counsellor turn of an asking step ends with."""

    text: str = Field(min_length=2, max_length=MAX_SENTENCE_CHARS, pattern=ONE_QUESTION)
    strategy: Literal[Strategy.QUESTION]


class LeadSentence(SpokenSentence):
    """A sentence before the question of an asking step: it reflects, restates, affirms..., and does not ask."""

    text: str = Field(min_length=1, max_length=MAX_SENTENCE_CHARS, pattern=NO_QUESTION)
    strategy: LeadStrategy


class _Said(BaseModel):
    """A counsellor turn or exchange as written; `spoken` is what the counsellor says, in order."""

    model_config = ConfigDict(extra="forbid")

    def spoken(self) -> list[Sentence]:
        return list(self.sentences)  # type: ignore[attr-defined]


class _Asked(_Said):
    def spoken(self) -> list[Sentence]:
        return [*self.sentences, self.question]  # type: ignore[attr-defined]


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

# The first character of a counsellor sentence in a turn's language. A small model answered a person who
# had just switched to Chinese in the English of the dialogue before; written under a grammar, a
# sentence that starts in the turn's language goes on in it.
FIRST_CHARACTER: dict[Lang, str] = {
    Lang.EN: "[A-Za-z0-9\"'\u201c\u2018(]",
    Lang.ZH: "[\u3400-\u4dbf\u4e00-\u9fff\u201c\u2018\uff08\u300a]",
}


@cache
def sentence_types(lang: Lang | None = None) -> tuple[type[SpokenSentence], type[LeadSentence], type[QuestionSentence]]:
    """The spoken, lead-in and question sentence models; with `lang`, each must start in that language."""
    if lang is None:
        return SpokenSentence, LeadSentence, QuestionSentence
    first = FIRST_CHARACTER[lang]

    def text(min_length: int, rest: str) -> Any:
        return (str, Field(min_length=min_length, max_length=MAX_SENTENCE_CHARS, pattern=f"^{first}{rest}"))

    return (create_model("SpokenSentence", __base__=SpokenSentence, text=text(1, ".*$")),
            create_model("LeadSentence", __base__=LeadSentence, text=text(1, "[^?？]*$")),
            create_model("QuestionSentence", __base__=QuestionSentence, text=text(2, "[^?？]*[?？]$")))


def _said_fields(ask: bool, lang: Lang | None) -> dict[str, Any]:
    spoken, lead, question = sentence_types(lang)
    if ask:
        return {"sentences": (list[lead], Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN - 1)),  # type: ignore[valid-type]
                "question": (question, ...)}
    return {"sentences": (list[spoken], Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN))}  # type: ignore[valid-type]


@cache
def counsellor_turn_model(substep: SubStep | None, *, speak_first: bool = False, ask: bool = False,
                          lang: Lang | None = None) -> type[BaseModel]:
    """`goal_met`, the step's findings, then the sentences, in that order (the model decides first);
    with `speak_first`, the sentences come first, so a reader of the stream can show them as they are
    written while the findings follow (guided chat). With `ask`, the sentences end with a required
    `question` (the CRDial counsellor asks for it where the step's strategy mix says so). With `lang`,
    every sentence starts in that language. Read what the counsellor said with `.spoken()`."""
    name = f"CounsellorTurn_{substep.value if substep else 'closing'}"
    base = _Asked if ask else _Said
    fields: dict[str, Any] = {} if substep is None else {"goal_met": (bool, False)}
    if speak_first:
        # Chat shows the thought record as it fills in: the thought and the belief are always written,
        # as the counsellor reads them so far (the latest reading wins).
        findings = {**FINDINGS[substep], **{k: v for k, v in SEGMENT_FINDINGS[substep].items()
                                            if k in ("automatic_thought", "intermediate_belief")}}
        return create_model(name, __base__=base, **_said_fields(ask, lang), **fields, **findings)
    return create_model(name, __base__=base, **fields, **FINDINGS[substep], **_said_fields(ask, lang))


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

    # Not `client`: under that key a small model writes who the client is (a name, a description).
    client_says: str = Field(min_length=1, max_length=MAX_CLIENT_TURN_CHARS)
    counsellor: list[SpokenSentence] = Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN)

    def spoken(self) -> list[Sentence]:
        return list(self.counsellor)


class AskingExchange(BaseModel):
    """An exchange of an asking step: the counsellor's lead-in sentences, then its question."""

    model_config = ConfigDict(extra="forbid")

    client_says: str = Field(min_length=1, max_length=MAX_CLIENT_TURN_CHARS)
    counsellor: list[LeadSentence] = Field(min_length=1, max_length=MAX_SENTENCES_PER_TURN - 1)
    question: QuestionSentence

    def spoken(self) -> list[Sentence]:
        return [*self.counsellor, self.question]


@cache
def _exchange_type(ask: bool, lang: Lang | None) -> type[BaseModel]:
    """`Exchange` or `AskingExchange`; with `lang`, the client's turn and every sentence start in it."""
    base = AskingExchange if ask else Exchange
    if lang is None:
        return base
    client_says = (str, Field(min_length=1, max_length=MAX_CLIENT_TURN_CHARS, pattern=f"^{FIRST_CHARACTER[lang]}.*$"))
    return create_model(base.__name__, __base__=base, client_says=client_says,
                        **{"counsellor" if name == "sentences" else name: field
                           for name, field in _said_fields(ask, lang).items()})


@cache
def segment_model(substep: SubStep | None, max_exchanges: int, *, ask: bool = False,
                  lang: Lang | None = None) -> type[BaseModel]:
    """The exchanges of one sub-step and its findings; with `ask`, every counsellor answer ends with a
    required question (`AskingExchange`); with `lang`, every turn starts in that language."""
    name = f"Segment_{substep.value if substep else 'closing'}"
    return create_model(
        name,
        __config__=ConfigDict(extra="forbid"),
        exchanges=(list[_exchange_type(ask, lang)], Field(min_length=1, max_length=max_exchanges)),  # type: ignore[misc]
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


# Tokens per character of bounded text at worst, in the embedded Qwen models' tokenizer: a Chinese
# character is about one token; English runs about four characters a token, three in odd words.
WORST_TOKENS_PER_CHAR = {Lang.EN: 1 / 3, Lang.ZH: 1.0}
JSON_TOKENS_PER_FIELD = 8  # a key, its quotes, colon and comma


def reply_token_budget(output_type: type[BaseModel], lang: Lang | str) -> int:
    """Tokens that the longest reply `output_type`'s bounds allow takes in `lang`. A call given at least
    this many always closes its JSON under a grammar, even when the model fills every string. The
    character bounds are the same in both languages, so a Chinese reply needs about three times the
    tokens of an English one."""
    schema = output_type.model_json_schema()
    chars, fields = _longest(schema, schema.get("$defs", {}))
    return int(chars * WORST_TOKENS_PER_CHAR[Lang(lang)]) + fields * JSON_TOKENS_PER_FIELD


def _longest(node: dict[str, Any], defs: dict[str, Any]) -> tuple[int, int]:
    """(characters of text, fields) of the longest value `node` allows."""
    if "$ref" in node:
        return _longest(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
    if "anyOf" in node:
        return max((_longest(option, defs) for option in node["anyOf"]), key=lambda cf: cf[0] + cf[1])
    if "enum" in node or "const" in node:
        return max(len(str(value)) for value in node.get("enum", [node.get("const")])), 0
    kind = node.get("type")
    if kind == "object":
        parts = [_longest(value, defs) for value in node.get("properties", {}).values()]
        return sum(c for c, _ in parts), sum(f for _, f in parts) + len(parts)
    if kind == "array":
        chars, fields = _longest(node.get("items", {}), defs)
        items = node["maxItems"]  # every list a model writes is bounded (see above)
        return chars * items, (fields + 1) * items
    if kind == "string":
        return node["maxLength"], 0
    return 0, 1  # a number or a boolean: a few tokens


class ClientTurnOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=MAX_CLIENT_TURN_CHARS)
    end_conversation: bool = False

