"""Trimming the conversation to the context window by whole turns."""

from __future__ import annotations

import pytest

from crisp.dialogue.history import (
    CONTEXT_MARGIN_TOKENS,
    DEFAULT_CONTEXT_TOKENS,
    context_window,
    estimate_tokens,
    fit_history,
    token_counter,
)
from crisp.errors import InputError
from crisp.llm.base import Message

SYSTEM = Message(role="system", content="You are Peppy.")


def _history(exchanges: int) -> list[Message]:
    out = []
    for i in range(exchanges):
        out.append(Message(role="user", content=f"message {i} " + "x" * 60))
        out.append(Message(role="assistant", content=f"reply {i} " + "y" * 60))
    return out


def test_everything_is_kept_when_it_fits() -> None:
    history = _history(3)
    new = Message(role="user", content="now")
    assert fit_history(SYSTEM, history, new, window=4096, reply_tokens=512) == [SYSTEM, *history, new]


def test_oldest_whole_exchanges_go_first_and_the_kept_part_starts_with_the_person() -> None:
    history = _history(10)
    new = Message(role="user", content="now")
    for window in range(300, 1200, 37):
        out = fit_history(SYSTEM, history, new, window=window, reply_tokens=100)
        kept = out[1:-1]
        assert out[0] == SYSTEM and out[-1] == new
        assert not kept or kept[0].role == "user"
        assert len(kept) % 2 == 0
        assert kept == history[len(history) - len(kept) :]  # a suffix: newest kept, nothing cut mid-turn
        used = sum(estimate_tokens(m.content) + 8 for m in out)
        assert used <= window - 100 - CONTEXT_MARGIN_TOKENS


def test_a_dangling_reply_at_the_cut_is_dropped_with_its_exchange() -> None:
    history = [Message(role="user", content="a"), Message(role="user", content="b"), Message(role="assistant", content="c")]
    out = fit_history(None, history, Message(role="user", content="d"), window=10_000, reply_tokens=10)
    assert [m.content for m in out] == ["a", "b", "c", "d"]


def test_a_message_that_cannot_fit_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="too long"):
        fit_history(SYSTEM, [], Message(role="user", content="x" * 3000), window=1024, reply_tokens=512)


def test_estimate_is_conservative_for_english_and_chinese() -> None:
    assert estimate_tokens("hello there, how are you today?") >= 7
    assert estimate_tokens("我今天很难过") == 6


class _Tokenizer:
    def encode(self, text: str, add_special_tokens: bool = False) -> list[int]:
        return list(range(len(text.split())))


class _Config:
    max_position_embeddings = 32768


class _HFModel:
    tokenizer = _Tokenizer()

    class model:
        config = _Config()


def test_backend_tokenizer_and_window_are_used_when_present() -> None:
    assert token_counter(_HFModel())("one two three") == 3
    assert context_window(_HFModel()) == 32768
    assert token_counter(object()) is estimate_tokens
    assert context_window(object()) == DEFAULT_CONTEXT_TOKENS
