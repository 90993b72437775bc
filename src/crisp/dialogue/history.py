"""Fitting a conversation into a model's context window, by whole turns.

Model mode sends the whole conversation to the model on every turn. When it no
longer fits, the oldest exchanges (a person's message and Peppy's reply) are
left out together, so the model never sees half a turn and the history it sees
still starts with the person speaking. The system prompt and the newest message
always stay.

Token counts: a backend that carries its tokenizer (transformers: `model.tokenizer`)
counts exactly. Others (llama.cpp in-process, HTTP servers) are counted by a
conservative estimate (`estimate_tokens`): one token per Chinese character and
one per three other characters, which over-counts Qwen-family and GPT-family
tokenizers on both English and Chinese, so an estimated prompt that fits really
fits. Each message adds `MESSAGE_OVERHEAD_TOKENS` for the chat template's role
markers.

The window: `n_ctx` of a llama.cpp model (per conversation slot), the
`max_position_embeddings` of a transformers model, else
`DEFAULT_CONTEXT_TOKENS` (an HTTP server does not say; pass `context_tokens`
to `Peppy` to set it).

Not here: trimming the CRDial counsellor's prompts in guided mode (that counsellor
builds its own prompt from the thought record and the transcript).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from crisp.cr.language import cjk_count
from crisp.errors import InputError
from crisp.llm.base import Message

TokenCounter = Callable[[str], int]

DEFAULT_CONTEXT_TOKENS = 8192
# ChatML spends about 5 tokens per message on `<|im_start|>role\n ... <|im_end|>\n`; other templates a few more.
MESSAGE_OVERHEAD_TOKENS = 8
# Tokens kept free beyond the reply budget: the generation prompt and slack for the estimate.
CONTEXT_MARGIN_TOKENS = 32
CHARS_PER_TOKEN_ESTIMATE = 3


def estimate_tokens(text: str) -> int:
    """A conservative token count for `text`, with no tokenizer (see the module docstring)."""
    cjk = cjk_count(text)
    return cjk + math.ceil((len(text) - cjk) / CHARS_PER_TOKEN_ESTIMATE)


def token_counter(model: Any) -> TokenCounter:
    """The backend's own tokenizer when it has one (exact), else `estimate_tokens`."""
    tokenizer = getattr(model, "tokenizer", None)
    encode = getattr(tokenizer, "encode", None)
    if callable(encode):
        return lambda text: len(encode(text, add_special_tokens=False))
    return estimate_tokens


def context_window(model: Any) -> int:
    """How many tokens one conversation may use on `model` (see the module docstring)."""
    n_ctx = getattr(model, "n_ctx", None)
    if isinstance(n_ctx, int) and n_ctx > 0:
        return n_ctx
    config = getattr(getattr(model, "model", None), "config", None)
    positions = getattr(config, "max_position_embeddings", None)
    if isinstance(positions, int) and positions > 0:
        return positions
    return DEFAULT_CONTEXT_TOKENS


def message_tokens(message: Message, count: TokenCounter) -> int:
    return count(message.content) + MESSAGE_OVERHEAD_TOKENS


def fit_history(
    system: Message | None,
    history: Sequence[Message],
    new: Message,
    *,
    window: int,
    reply_tokens: int,
    count: TokenCounter = estimate_tokens,
) -> list[Message]:
    """The messages to send: `system`, as much recent `history` as fits, and `new`.

    `history` alternates person / Peppy messages. Whole exchanges are dropped from the
    oldest end; a leading Peppy message (history that starts mid-exchange) is dropped
    with the first exchange. Raises `InputError` when even the system prompt and the
    new message leave no room for a reply.
    """
    budget = window - reply_tokens - CONTEXT_MARGIN_TOKENS
    fixed = message_tokens(new, count) + (message_tokens(system, count) if system is not None else 0)
    if fixed > budget:
        raise InputError(
            f"this message is too long for the model's context (about {fixed} tokens with the system prompt; "
            f"{max(budget, 0)} fit beside a {reply_tokens}-token reply); send a shorter message or lower "
            "--max-new-tokens"
        )
    costs = [message_tokens(m, count) for m in history]
    room = budget - fixed
    # Walk back from the newest message; keep a cut only where the kept part starts with the person.
    start = len(history)
    used = 0
    for i in range(len(history) - 1, -1, -1):
        used += costs[i]
        if used > room:
            break
        if history[i].role == "user":
            start = i
    kept = list(history[start:])
    return ([system] if system is not None else []) + kept + [new]


__all__ = [
    "CONTEXT_MARGIN_TOKENS",
    "DEFAULT_CONTEXT_TOKENS",
    "MESSAGE_OVERHEAD_TOKENS",
    "TokenCounter",
    "context_window",
    "estimate_tokens",
    "fit_history",
    "token_counter",
]
