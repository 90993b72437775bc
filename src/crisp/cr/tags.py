"""Strategy tags in counsellor replies: writing them for training, reading them back.

A model learns sentence-level strategies by seeing a tag before every counsellor
sentence. Two tag styles are written:

- `inline`: the English display name in square brackets, plain text that any
  tokenizer can learn: ``[Question] What went through your mind?``
- `special`: one token per strategy, ``<|question|>``, built from the stable enum
  value (no spaces, so it stays one added token). The list for the tokenizer is
  `special_tokens()`.

Both styles use the same English tags for English and Chinese records, so a model
has one tag vocabulary. After a tag comes a space in English and nothing in
Chinese, and tagged sentences are joined the way `CounsellorTurn.text` joins them.

`parse_tagged_reply` is the inverse, used by chat to strip tags from a model's
reply. It accepts either style, any display name or enum value in any case, and
the Chinese names (via `crisp.cr.taxonomy.parse_label`). A bracketed word that
names no strategy (``[laughs]``) is left in the text.

Not done here: splitting untagged text into sentences, or guessing strategies.
"""

from __future__ import annotations

import re
from functools import cache
from collections.abc import Iterable
from enum import StrEnum

from crisp.cr.language import join_sentences, sentence_joiner
from crisp.cr.schema import Sentence
from crisp.cr.taxonomy import Lang, Strategy, accepted_labels, parse_label, term


class TagStyle(StrEnum):
    """How strategy tags precede counsellor sentences in a reply."""

    NONE = "none"
    INLINE = "inline"
    SPECIAL = "special"


# A tag is short and on one line; anything longer in brackets is text.
_TAG = re.compile(r"\[([^\[\]\n]{1,40})\]|【([^【】\n]{1,40})】|<\|([^|<>\n]{1,40})\|>")


def strategy_tag(strategy: Strategy, style: TagStyle) -> str:
    """The tag written before a sentence of `strategy` (empty for `TagStyle.NONE`)."""
    if style is TagStyle.INLINE:
        return f"[{term(strategy).name_en}]"
    if style is TagStyle.SPECIAL:
        return f"<|{strategy.value}|>"
    return ""


def special_tokens() -> list[str]:
    """The special tokens of `TagStyle.SPECIAL`, in taxonomy order, for `tokenizer.add_special_tokens`."""
    return [strategy_tag(s, TagStyle.SPECIAL) for s in Strategy]


def format_reply(sentences: Iterable[Sentence], lang: Lang | str, style: TagStyle) -> str:
    """A counsellor turn as one reply, each sentence preceded by its strategy tag."""
    joiner = after_tag = sentence_joiner(lang)  # a tag is followed like a sentence
    parts = []
    for sentence in sentences:
        text = sentence.text.strip()
        tag = strategy_tag(sentence.strategy, style)
        parts.append(f"{tag}{after_tag}{text}" if tag else text)
    return joiner.join(parts)


def _strategy_of(match: re.Match[str]) -> Strategy | None:
    label = next(g for g in match.groups() if g is not None)
    try:
        return parse_label(Strategy, label)
    except ValueError:
        return None


def parse_tagged_reply(text: str) -> list[tuple[Strategy | None, str]]:
    """Split a tagged reply into (strategy, sentence) pairs, in order.

    Text before the first tag comes back with strategy None; a reply without any
    tag is one `(None, text)` pair. Segments are stripped; empty ones (a tag right
    before another tag, or at the very end) are dropped. Empty text gives [].
    """
    pieces: list[tuple[Strategy | None, str]] = []
    current: Strategy | None = None
    start = 0
    for match in _TAG.finditer(text):
        strategy = _strategy_of(match)
        if strategy is None:
            continue  # a bracketed word, not a tag: keep it in the text
        pieces.append((current, text[start : match.start()]))
        current, start = strategy, match.end()
    pieces.append((current, text[start:]))
    return [(strategy, segment.strip()) for strategy, segment in pieces if segment.strip()]


@cache
def _leading_label() -> re.Pattern[str]:
    names = sorted({label for label in accepted_labels(Strategy)} | {s.value.replace("_", " ") for s in Strategy},
                   key=len, reverse=True)
    label = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    # A tag ("[Question] ", "<|question|>") with or without a colon, or a bare name with one ("Question: ").
    return re.compile(r"^\s*(?:(?:\[" + label + r"\]|【" + label + r"】|<\|" + label + r"\|>)\s*[:：]?|" + label
                      + r"\s*[:：])\s*", re.IGNORECASE)


def strip_leading_label(text: str) -> str:
    """A sentence without a strategy label written into it ("Restatement: I hear that...", "[Question] What..."),
    as small models do when a strategy field sits beside the text. Text that only starts with the
    word ("Information about this is scarce") is left alone: a bare name needs its colon."""
    return _leading_label().sub("", text, count=1)


def strip_tags(text: str, lang: Lang | str) -> str:
    """The reply without its strategy tags, sentences joined as in `CounsellorTurn.text`."""
    return join_sentences((segment for _, segment in parse_tagged_reply(text)), lang)


__all__ = ["TagStyle", "format_reply", "parse_tagged_reply", "special_tokens", "strategy_tag", "strip_tags"]
