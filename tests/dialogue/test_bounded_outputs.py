"""Every string a model writes under a schema is bounded, so even a looping model closes its JSON."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from crisp.cr.taxonomy import SubStep
from crisp.dialogue.outputs import (
    ClientTurnOutput,
    ProfileDraft,
    counsellor_turn_model,
    segment_model,
)
from crisp.llm.base import GenerationParams, Message
from crisp.llm.llamacpp import LlamaCppModel


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
    *(segment_model(s, 3, ask=True) for s in [*SubStep, None]),
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
