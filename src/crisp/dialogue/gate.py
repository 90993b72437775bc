"""Holding a streamed reply back until it is checked: release by sentence, tags stripped.

A streamed model reply reaches the person in pieces. Each piece must pass the
safety layer's reply check before it is shown, and a check on a fragment
("you could just end") cannot judge what the fragment becomes. So `ReplyGate`
keeps the model's text back until a sentence is complete, strips strategy tags
(`[Question]`, `<|question|>`), runs the check on the whole visible reply so far
(earlier sentences included, so context across sentences counts) and only then
releases the new sentence. A sentence that fails the check is never shown, and
the gate stays shut for the rest of the reply.

Where a sentence ends: after `.`, `!`, `?` or `…` followed by a space, after a
Chinese full stop, exclamation or question mark, or at a line break. A run of
text that has no such end is released at its last clause break (comma,
semicolon, colon, space) once it is longer than `MAX_HOLD_CHARS`, so a model
that never ends its sentences still streams. A half-written tag is never shown:
a cut is only made before a tag starts.

The cost is latency, not throughput: the first text appears when the first
sentence is complete (see benchmarks/chat_overhead.py for the figures).

Not here: what the check looks for (`crisp.safety`), and what replaces a blocked
reply (the caller decides, from the safety layer).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crisp.cr.language import join_sentences
from crisp.cr.taxonomy import Lang
from crisp.cr.tags import parse_tagged_reply
from crisp.cr.target_format import strip_plan_note

MAX_HOLD_CHARS = 160

# A complete sentence end: Latin terminators need the following space to be sure
# ("3.5", "e.g."), Chinese ones and line breaks do not.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|[。！？；…]+[”’」』）)]*|\n")
_CLAUSE_BREAK = re.compile(r"[,;:，；：、](?=\s)|[，；：、]|\s")
# How tags open and close: never cut between an opener and its closer.
_TAG_BRACKETS = {"[": "]", "【": "】", "<|": "|>"}


def visible_text(raw: str, lang: Lang | str) -> str:
    """What the person sees of a raw model reply: plan note and tags removed, sentences joined as in a record."""
    pieces = parse_tagged_reply(strip_plan_note(raw))
    if len(pieces) == 1 and pieces[0][0] is None:
        return pieces[0][1]  # untagged: keep the model's own line breaks
    return join_sentences((text for _, text in pieces), lang)


class ReplyGate:
    """Feed it model text; it returns the text that may be shown now.

    `check(visible_text_so_far)` returns True when the text may be shown.
    After a failed check `blocked` is True and nothing more is released.
    """

    def __init__(self, lang: Lang | str, check: Callable[[str], bool], *, max_hold_chars: int = MAX_HOLD_CHARS) -> None:
        self.lang = Lang(lang)
        self._check = check
        self._max_hold = max_hold_chars
        self._raw_text = ""
        self._cut = 0  # raw[:cut] has been released
        self.shown = ""  # visible text released so far
        self.blocked = False

    @property
    def raw(self) -> str:
        """All model text fed so far, tags included."""
        return self._raw_text

    @property
    def released_raw(self) -> str:
        """The model text behind what was shown (tags included): what the transcript keeps."""
        return self._raw_text[: self._cut]

    def feed(self, delta: str) -> str:
        """Add model text; return newly released visible text ('' when holding)."""
        if self.blocked or not delta:
            return ""
        self._raw_text += delta
        cut = self._next_cut()
        return self._release(cut) if cut > self._cut else ""

    def finish(self) -> str:
        """The model is done: check and release the rest."""
        if self.blocked:
            return ""
        return self._release(len(self._raw_text))

    def _next_cut(self) -> int:
        text = self._raw_text
        pending = text[self._cut :]
        cut = 0
        for match in _SENTENCE_END.finditer(pending):
            cut = match.end()
        if not cut and len(pending) > self._max_hold:
            for match in _CLAUSE_BREAK.finditer(pending):
                cut = match.end()
        if not cut:
            return self._cut
        # Never cut inside a tag that may still be being written.
        for opener, closer in _TAG_BRACKETS.items():
            start = pending.rfind(opener, 0, cut)
            if start != -1 and pending.find(closer, start, cut) == -1:
                cut = start
        return self._cut + cut

    def _release(self, cut: int) -> str:
        candidate = visible_text(self._raw_text[:cut], self.lang)
        if not candidate.startswith(self.shown):
            # Stripping whitespace at a cut changed earlier text (rare): wait for more.
            if cut < len(self._raw_text):
                return ""
            candidate = self.shown + candidate[len(self.shown) :]
        new = candidate[len(self.shown) :]
        if not new:
            self._cut = cut
            return ""
        if not self._check(candidate):
            self.blocked = True
            return ""
        self._cut = cut
        self.shown = candidate
        return new


__all__ = ["MAX_HOLD_CHARS", "ReplyGate", "visible_text"]
