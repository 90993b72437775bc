"""Test doubles that ship with the library, named as such.

`ScriptedModelDouble` stands in for an LLM that cannot run in a test (a hosted
teacher): it answers from a function of the messages (and the requested JSON
schema), deterministically, with no network and no weights.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

from crisp.llm.base import Capabilities, ChatModel, Completion, GenerationParams, Message, StreamDelta, Usage

# (messages, json schema or None) -> reply text (JSON text when a schema is asked for)
Script = Callable[[list[Message], dict[str, Any] | None], str]


class ScriptedModelDouble(ChatModel):
    """A ChatModel whose replies come from `script`. Counts calls; optional fixed latency."""

    capabilities = Capabilities(streaming=True, constrained_output=True)

    def __init__(self, script: Script, *, spec: str = "scripted:double", latency_s: float = 0.0,
                 max_concurrency: int = 4096) -> None:
        super().__init__(spec, max_concurrency=max_concurrency)
        self.script = script
        self.latency_s = latency_s
        self.calls: list[list[Message]] = []

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        self.calls.append(messages)
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        text = self.script(messages, json_schema)
        prompt_tokens = sum(len(m.content.split()) for m in messages)
        usage = Usage(prompt_tokens=prompt_tokens, completion_tokens=len(text.split()))
        return Completion(text=text, model=self.spec, usage=usage, finish_reason="stop")

    async def _stream(self, messages: list[Message], params: GenerationParams) -> AsyncIterator[StreamDelta]:
        completion = await self._complete(messages, params, None)
        words = completion.text.split(" ")
        for i, word in enumerate(words):
            yield StreamDelta(text=word if i == 0 else " " + word)
        yield StreamDelta(usage=completion.usage, finish_reason="stop")


def schema_title(json_schema: dict[str, Any] | None) -> str:
    """The title of the requested output model (e.g. `CounsellorTurn_defense`), or ''."""
    return str((json_schema or {}).get("title", ""))


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
