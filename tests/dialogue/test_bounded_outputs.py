"""Every string a model writes under a schema is bounded, so even a looping model closes its JSON."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from crisp.cr.schema import Seed
from crisp.cr.taxonomy import Lang, SubStep
from crisp.dialogue.client import derive_profile
from crisp.dialogue.outputs import (
    FIRST_CHARACTER,
    ClientTurnOutput,
    MAX_SENTENCE_CHARS,
    ProfileDraft,
    counsellor_turn_model,
    reply_token_budget,
    segment_model,
)
from crisp.llm.base import GenerationParams, Message
from crisp.llm.llamacpp import LlamaCppModel
from crisp.llm.testing import ScriptedModelDouble


def _without_bounds(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _without_bounds(v) for k, v in schema.items() if k != "maxLength"}
    if isinstance(schema, list):
        return [_without_bounds(v) for v in schema]
    return schema


def _unbounded(schema: Any, path: str = "$") -> list[str]:
    """Paths of strings without maxLength and arrays without maxItems."""
    found: list[str] = []
    if isinstance(schema, dict):
        if schema.get("type") == "string" and not {"maxLength", "enum", "const"} & schema.keys():
            found.append(path)
        if schema.get("type") == "array" and "maxItems" not in schema:
            found.append(path)
        for key, value in schema.items():
            found += _unbounded(value, f"{path}.{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            found += _unbounded(value, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("model", [
    ProfileDraft, ClientTurnOutput,
    *(counsellor_turn_model(s) for s in [*SubStep, None]),
    *(counsellor_turn_model(s, speak_first=True) for s in [*SubStep, None]),
    *(segment_model(s, 3) for s in [*SubStep, None]),
    *(counsellor_turn_model(s, ask=True) for s in [*SubStep, None]),
    *(counsellor_turn_model(s, speak_first=True, ask=True, lang=lang) for s in [*SubStep, None] for lang in Lang),
    *(segment_model(s, 3, ask=True) for s in [*SubStep, None]),
    *(segment_model(s, 3, ask=ask, lang=lang) for s in [*SubStep, None] for ask in (False, True) for lang in Lang),
], ids=lambda m: m.__name__)
def test_every_string_and_list_of_an_output_schema_is_bounded(model: type[BaseModel]) -> None:
    assert _unbounded(model.model_json_schema()) == []


def test_bounded_strings_make_a_random_model_close_its_json_and_unbounded_ones_do_not(tiny_gguf_path: Path) -> None:
    model = LlamaCppModel(tiny_gguf_path, n_ctx=8192, n_threads=1)
    schema = ProfileDraft.model_json_schema()
    ask = [Message(role="user", content="Describe the client.")]

    async def run(json_schema: dict[str, Any], seed: int) -> tuple[str, str | None]:
        completion = await model.complete(ask, GenerationParams(max_new_tokens=1500, seed=seed), json_schema=json_schema)
        return completion.text, completion.finish_reason

    try:
        for seed in range(3):
            text, finish = asyncio.run(run(schema, seed))
            assert finish == "stop"
            ProfileDraft.model_validate_json(text)  # closed and valid
            text, finish = asyncio.run(run(_without_bounds(schema), seed))
            assert finish == "length"  # the same model, unbounded: the token limit cuts it off mid-string
            with pytest.raises(ValidationError):
                ProfileDraft.model_validate_json(text)
    finally:
        asyncio.run(model.aclose())


def _longest_value(schema: dict[str, Any], node: dict[str, Any], char: str) -> Any:
    """The longest JSON value `node` allows, every string filled to its bound with `char`."""
    if "$ref" in node:
        return _longest_value(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[-1]], char)
    if "enum" in node or "const" in node:
        return max(node.get("enum", [node.get("const")]), key=lambda v: len(str(v)))
    kind = node.get("type")
    if kind == "object":
        return {k: _longest_value(schema, v, char) for k, v in node["properties"].items()}
    if kind == "array":
        return [_longest_value(schema, node["items"], char)] * node["maxItems"]
    if kind == "string":
        return char * node["maxLength"]
    return node.get("maximum", 100)


@pytest.mark.parametrize("lang,char,chars_per_token", [("zh", "我", 1), ("en", "a", 3)])
def test_the_reply_budget_holds_the_longest_reply_a_schema_allows(lang: str, char: str, chars_per_token: int) -> None:
    for model in (ProfileDraft, ClientTurnOutput, segment_model(SubStep.CORE_BELIEF, 2, ask=True)):
        schema = model.model_json_schema()
        longest = json.dumps(_longest_value(schema, schema, char), ensure_ascii=False)
        text_chars = longest.count(char)
        budget = reply_token_budget(model, lang)
        assert budget >= text_chars / chars_per_token, model.__name__
        assert budget < len(longest)  # no slack past a token per character of the whole reply
    # The same bounds take about three times the tokens in Chinese: a limit sized for English cuts it off.
    assert reply_token_budget(ProfileDraft, "zh") > 2 * reply_token_budget(ProfileDraft, "en")


class ParamsRecordingDouble(ScriptedModelDouble):
    """A scripted model (test double) that also keeps the generation settings of each call."""

    def __init__(self, script: Any) -> None:
        super().__init__(script)
        self.params: list[GenerationParams] = []

    async def _complete(self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None) -> Any:
        self.params.append(params)
        return await super()._complete(messages, params, json_schema)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_profile_gets_room_for_its_longest_reply_in_its_language(lang: str) -> None:
    draft = {"name": "A", "age": 30, "gender": "f", "occupation": "x", "description": "d",
             "automatic_thought": "t", "intermediate_belief": "b",
             "distortions": [{"distortion": "catastrophizing", "example_thought": "e"}]}
    model = ParamsRecordingDouble(lambda messages, schema: json.dumps(draft))
    seed = Seed(id="s", situation="situation", language=lang)
    asyncio.run(derive_profile(model, seed, params=GenerationParams(max_new_tokens=256)))
    assert model.params[0].max_new_tokens == reply_token_budget(ProfileDraft, lang)


def test_at_the_chinese_budget_a_looping_model_still_closes_its_profile(tiny_gguf_path: Path) -> None:
    model = LlamaCppModel(tiny_gguf_path, n_ctx=4096, n_threads=1)
    budget = reply_token_budget(ProfileDraft, "zh")
    ask = [Message(role="user", content="描述这位来访者。")]

    async def run(seed: int) -> tuple[str, str | None]:
        completion = await model.complete(ask, GenerationParams(max_new_tokens=budget, seed=seed),
                                          json_schema=ProfileDraft.model_json_schema())
        return completion.text, completion.finish_reason

    try:
        for seed in range(3):
            text, finish = asyncio.run(run(seed))
            assert finish == "stop"
            ProfileDraft.model_validate_json(text)
    finally:
        asyncio.run(model.aclose())


def test_under_the_grammar_a_turn_asks_once_at_its_end_and_stays_within_bounds(tiny_gguf_path: Path) -> None:
    model = LlamaCppModel(tiny_gguf_path, n_ctx=4096, n_threads=1)
    turn_model = counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, ask=True)
    ask = [Message(role="user", content="Write the counsellor's next turn.")]

    async def run(seed: int) -> Any:
        completion = await model.complete(ask, GenerationParams(max_new_tokens=1500, seed=seed),
                                          json_schema=turn_model.model_json_schema())
        assert completion.finish_reason == "stop"
        return turn_model.model_validate_json(completion.text)

    try:
        for seed in range(3):
            turn = asyncio.run(run(seed))
            question = turn.question.text
            assert question[-1] in "?？" and sum(question.count(m) for m in "?？") == 1
            assert len(question) <= MAX_SENTENCE_CHARS  # the pattern and the bound hold together
            assert not any(m in s.text for s in turn.sentences for m in "?？")
    finally:
        asyncio.run(model.aclose())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_under_the_grammar_every_sentence_of_a_turn_starts_in_the_turns_language(tiny_gguf_path: Path, lang: str) -> None:
    # Random weights pick characters of any script; the pattern decides how each sentence starts.
    model = LlamaCppModel(tiny_gguf_path, n_ctx=4096, n_threads=1)
    turn_model = counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, ask=True, speak_first=True, lang=Lang(lang))
    segment = segment_model(SubStep.AUTOMATIC_THOUGHT, 2, ask=True, lang=Lang(lang))
    first = re.compile(FIRST_CHARACTER[Lang(lang)])
    ask = [Message(role="user", content="Write the counsellor's next turn.")]
    try:
        for seed in range(3):
            for output_type in (turn_model, segment):
                completion = asyncio.run(model.complete(ask, GenerationParams(max_new_tokens=3000, seed=seed),
                                                        json_schema=output_type.model_json_schema()))
                out: Any = output_type.model_validate_json(completion.text)
                said = ([s.text for s in out.spoken()] if output_type is turn_model else
                        [t for e in out.exchanges for t in (e.client_says, *(s.text for s in e.spoken()))])
                assert all(first.match(text) for text in said), said
    finally:
        asyncio.run(model.aclose())


def test_a_turn_in_one_language_refuses_a_sentence_that_starts_in_the_other() -> None:
    turn = {"sentences": [{"text": "That sounds hard.", "strategy": "reflection_of_feelings"}],
            "question": {"text": "What went through your mind?", "strategy": "question"},
            "goal_met": False, "automatic_thought": "I am useless."}
    chinese = {**turn, "question": {"text": "你当时在想什么？", "strategy": "question"}}
    english_model = counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, ask=True, lang=Lang.EN)
    chinese_model = counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, ask=True, lang=Lang.ZH)
    english_model.model_validate(turn)
    with pytest.raises(ValidationError):
        english_model.model_validate(chinese)
    with pytest.raises(ValidationError):
        chinese_model.model_validate(chinese)  # its lead-in sentence is English
    chinese_model.model_validate({**chinese, "sentences": [{"text": "听起来很难受。", "strategy": "reflection_of_feelings"}]})
    counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, ask=True).model_validate(chinese)  # no language: either
