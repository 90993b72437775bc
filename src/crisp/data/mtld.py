"""Lexical diversity: MTLD (McCarthy & Jarvis 2010), bidirectional, threshold 0.72.

A pass walks the tokens keeping the type-token ratio (TTR) of the current
segment. When the TTR falls to the threshold or below (``types / tokens <= 0.72``)
the segment is one full factor and a new segment starts. What is left at the end
counts as a partial factor, ``(1 - TTR) / (1 - 0.72)``. The pass's value is
``tokens / factors``. MTLD is the mean of a forward and a backward pass.

A text with no factor at all (no full one, and a remainder whose words are all
distinct, partial factor 0) has no MTLD: `mtld` returns None and averages skip it.

Tokens: English is lower-cased and split into words (letters and digits, with
inner apostrophes: "don't" is one word); Chinese is segmented with jieba (its
default accurate mode) and lower-cased. Punctuation and whitespace are not tokens.

How the dataset figure is made from it is documented in `crisp.data.stats`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from crisp.cr.schema import CrispRecord
from crisp.cr.taxonomy import Lang

MTLD_THRESHOLD = 0.72

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def mtld_pass(tokens: Sequence[str], threshold: float = MTLD_THRESHOLD) -> float | None:
    """One directional MTLD pass over `tokens`; None when it counts no factor."""
    factors = 0.0
    types: set[str] = set()
    count = 0
    for token in tokens:
        types.add(token)
        count += 1
        if len(types) / count <= threshold:
            factors += 1
            types = set()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    if factors == 0:
        return None
    return len(tokens) / factors


def mtld(tokens: Sequence[str], threshold: float = MTLD_THRESHOLD) -> float | None:
    """Bidirectional MTLD: the mean of a forward and a backward pass; None when undefined."""
    forward = mtld_pass(tokens, threshold)
    backward = mtld_pass(tokens[::-1], threshold)
    if forward is None or backward is None:
        return None
    return (forward + backward) / 2


@cache
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # it announces loading its dictionary on stderr
    jieba.initialize()
    return jieba


def tokenize(text: str, lang: Lang | str) -> list[str]:
    """Word tokens of `text`, lower-cased, without punctuation."""
    if Lang(lang) is Lang.ZH:
        return [w.lower() for w in _jieba().lcut(text) if _WORD.search(w)]
    return _WORD.findall(text.lower())


def dialogue_tokens(record: CrispRecord) -> list[str]:
    """Every turn's words, client and counsellor, in dialogue order."""
    lang = record.language
    tokens: list[str] = []
    for turn in record.turns:
        tokens += tokenize(turn.text(lang), lang)
    return tokens


def dialogue_mtld(record: CrispRecord) -> float | None:
    return mtld(dialogue_tokens(record))


__all__ = ["MTLD_THRESHOLD", "dialogue_mtld", "dialogue_tokens", "mtld", "mtld_pass", "tokenize"]
