"""Which language a text is written in: English or Chinese, by script.

Records, filters, safety and chat all need the same answer, so it is decided here.
"""

from __future__ import annotations

from crisp.cr.taxonomy import Lang

# CJK Unified Ideographs, Extension A, and CJK symbols/full-width punctuation used in Chinese text.
_CJK_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of `text` (0.0 when it has none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_cjk(c)) / len(letters)


def detect_language(text: str) -> Lang | None:
    """`zh` when Chinese characters make up a fair share of the letters, `en` for Latin text, else None.

    A single Chinese word in English text stays English; an English name in Chinese text stays Chinese.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cjk = sum(1 for c in letters if is_cjk(c))
    # One ideograph carries about as much as a short English word, so weigh it up.
    if cjk * 3 >= len(letters) - cjk:
        return Lang.ZH
    if any(c.isascii() for c in letters):
        return Lang.EN
    return None
