"""Released reply text, wrapped for the terminal between words, never inside one.

Replies arrive sentence by sentence. `LineWrapper` keeps the column it has reached and breaks the
line before a word that would not fit, so a terminal's own hard wrap never cuts a word in two.
Chinese has no spaces: each ideograph is a word of its own, two columns wide, so a line breaks
between characters. A word longer than a whole line is left to the terminal.
"""

from __future__ import annotations

import re
import unicodedata

# A run of white space, one wide (CJK) character, or a run of anything else.
_TOKEN = re.compile(r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


class LineWrapper:
    """Feed it text; it returns the same text with line breaks where a word would pass `width`."""

    def __init__(self, width: int, column: int = 0) -> None:
        self.width = max(width, 10)
        self.column = column
        self._space = ""  # white space held back until the next word shows whether the line goes on

    def feed(self, text: str) -> str:
        out: list[str] = []
        for token in _TOKEN.findall(text):
            if token.isspace():
                if "\n" in token:
                    out.append(token)
                    self.column = display_width(token.rsplit("\n", 1)[1])
                    self._space = ""
                else:
                    self._space += token
                continue
            width = display_width(token)
            if self.column and self.column + display_width(self._space) + width > self.width:
                out.append("\n")
                self.column = 0
            else:
                out.append(self._space)
                self.column += display_width(self._space)
            self._space = ""
            out.append(token)
            self.column += width
        return "".join(out)


__all__ = ["LineWrapper", "display_width"]
