"""The real embedded `default` model (Qwen2.5-Coder-1.5B-Instruct Q4_K_M) answers in English and Chinese.

Slow: assembles the model into the user cache on first run (about 1.1 GB) and
generates on the CPU. Runs in CI (`pytest -m slow`).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Iterator
from typing import Literal, TypeVar

import pytest
from pydantic import BaseModel, Field

from crisp.llm import GenerationParams, Message, load_model
from crisp.llm.llamacpp import LlamaCppModel

pytestmark = pytest.mark.slow

T = TypeVar("T")
GREEDY = GenerationParams(max_new_tokens=48, temperature=0.0)
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def run(awaitable: Awaitable[T]) -> T:
    async def main() -> T:
        return await awaitable

    return asyncio.run(main())


@pytest.fixture(scope="module")
def default_model() -> Iterator[LlamaCppModel]:
    model = load_model("default", n_ctx=2048)
    assert isinstance(model, LlamaCppModel)
    yield model
    run(model.aclose())


def test_default_answers_in_english(default_model: LlamaCppModel) -> None:
    messages = [
        Message(role="system", content="You are a kind, brief assistant. Answer in English."),
        Message(role="user", content="In one sentence: what could I say to a friend who failed an exam?"),
    ]

    async def scenario() -> tuple[list[str], object]:
        stream = default_model.stream(messages, GREEDY)
        deltas = [delta async for delta in stream]
        return deltas, stream.completion

    deltas, completion = run(scenario())
    text = "".join(deltas)
    assert text == completion.text  # type: ignore[attr-defined]
    assert len(ENGLISH_WORD.findall(text)) >= 5
    assert not CJK.search(text)
    assert "<|im_" not in text  # the chat template's end token ends the turn, it is not printed
    assert completion.first_token_s is not None  # type: ignore[attr-defined]


def test_default_answers_in_chinese(default_model: LlamaCppModel) -> None:
    messages = [
        Message(role="system", content="你是一个温和、简洁的助手。请用中文回答。"),
        Message(role="user", content="请用一句话回答：朋友考试没有通过，我可以对他说什么？"),
    ]
    completion = run(default_model.complete(messages, GREEDY))
    assert len(CJK.findall(completion.text)) >= 8
    assert "\ufffd" not in completion.text  # multi-byte characters arrive whole
    assert completion.usage.completion_tokens <= GREEDY.max_new_tokens


class Appraisal(BaseModel):
    emotion: Literal["sad", "anxious", "angry", "ashamed", "calm", "happy"]
    intensity: int = Field(ge=0, le=10)
    reason: str = Field(max_length=120)


def test_default_structured_output_validates(default_model: LlamaCppModel) -> None:
    messages = [
        Message(
            role="user",
            content=(
                "I failed my driving test today and I feel terrible. Give my main emotion, "
                "its intensity from 0 to 10, and a short reason, as JSON."
            ),
        )
    ]
    result = run(default_model.structured(messages, Appraisal, GenerationParams(max_new_tokens=80, temperature=0.0)))
    assert isinstance(result.value, Appraisal)
    assert not result.repaired
    assert result.value.reason.strip()
