"""Catching a counsellor sentence that only says the client's own words back.

Small models often "restate" by copying the client's sentence word for word, or by saying it in the
first person as if it were their own. A restatement puts the thought in other words; a copy is not
one. A counsellor sentence parrots when, after lower-casing and dropping punctuation, it is mostly
the same words (English) or the same two-character pieces (Chinese) as one sentence the client said:
at least `PARROT_OVERLAP` of the shorter one's pieces are in the other, and it is long enough to
tell (`MIN_PIECES`). A short echo ("It was your exam") is not caught; a question built on the
client's words is, only when it is a copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crisp.cr.language import is_cjk

PARROT_OVERLAP = 0.8
MIN_PIECES = 6

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_WORD = re.compile(r"[a-z0-9']+")


def _pieces(text: str) -> set[str]:
    text = text.lower()
    cjk = [ch for ch in text if is_cjk(ch)]
    if len(cjk) * 2 > len(text.replace(" ", "")):
        return {a + b for a, b in zip(cjk, cjk[1:])}
    return set(_WORD.findall(text)) - {"i", "you", "my", "your", "me", "a", "the", "and", "to"}


def client_sentences(texts: Iterable[str]) -> list[set[str]]:
    """The client's sentences as sets of pieces, ready for `parrots`."""
    out = []
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            pieces = _pieces(sentence)
            if len(pieces) >= MIN_PIECES:
                out.append(pieces)
    return out


def parrots(sentence: str, client: list[set[str]]) -> bool:
    """True when `sentence` is mostly one of the client's sentences said again."""
    mine = _pieces(sentence)
    if len(mine) < MIN_PIECES:
        return False
    for theirs in client:
        shorter = min(len(mine), len(theirs))
        if shorter >= MIN_PIECES and len(mine & theirs) >= PARROT_OVERLAP * shorter:
            return True
    return False


__all__ = ["MIN_PIECES", "PARROT_OVERLAP", "client_sentences", "parrots"]
