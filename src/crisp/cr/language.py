"""Which language a text is written in: English or Chinese, by script.

Records, filters, safety and chat all need the same answer, so it is decided here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crisp.cr.taxonomy import Lang

# CJK Unified Ideographs, Extension A, and compatibility ideographs.
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_NOT_LETTER = re.compile(r"[\W\d_]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")

# How the sentences of one turn are joined: a space in English, nothing in Chinese.
SENTENCE_JOINER: dict[Lang, str] = {Lang.EN: " ", Lang.ZH: ""}


def sentence_joiner(lang: Lang | str) -> str:
    return SENTENCE_JOINER[Lang(lang)]


def sentence_gap(previous: str, following: str, lang: Lang | str) -> str:
    """What goes between two sentences of a turn. By their edges, not by the turn's language alone: a
    small model may answer a Chinese turn in English ("bad.Can you…" without a space) or the reverse."""
    if previous and following:
        end, start = previous[-1], following[0]
        if end.isascii() and not end.isspace() and start.isascii() and start.isalnum():
            return " "
        if not end.isascii() and not start.isascii():
            return ""
    return sentence_joiner(lang)


def join_sentences(sentences: Iterable[str], lang: Lang | str) -> str:
    """The sentences of one turn as one text, each gap as `sentence_gap` decides."""
    text = ""
    for sentence in sentences:
        text += (sentence_gap(text, sentence, lang) if text else "") + sentence
    return text


def is_cjk(char: str) -> bool:
    return _CJK.match(char) is not None


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` holds (one regex pass, not a per-character loop)."""
    return len(text) - len(_CJK.sub("", text))


def letter_weight(text: str) -> int:
    """How much language a text carries: one per letter, three per Chinese character (as `detect_language` weighs)."""
    letters = sum(1 for c in _NOT_LETTER.sub("", text) if c.isalpha())
    return letters + 2 * cjk_count(text)


def detect_language(text: str) -> Lang | None:
    """`zh` when Chinese characters make up a fair share of the letters, `en` for Latin text, else None.

    A single Chinese word in English text stays English; an English name in Chinese text stays Chinese.
    Regex passes instead of a per-character loop: `crisp data validate` calls this on every turn.
    """
    if text.isascii():
        return Lang.EN if _ASCII_LETTER.search(text) else None
    letters = sum(1 for c in _NOT_LETTER.sub("", text) if c.isalpha())
    if not letters:
        return None
    cjk = len(text) - len(_CJK.sub("", text))
    # One ideograph carries about as much as a short English word, so weigh it up.
    if cjk * 3 >= letters - cjk:
        return Lang.ZH
    return Lang.EN if _ASCII_LETTER.search(text) else None
