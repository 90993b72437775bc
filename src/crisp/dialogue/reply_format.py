"""How a model in model mode is asked to answer: its system prompt, and what shape its reply must take.

- `RELEASE` (every model by default): the Crispers release recipe, the Peppy system prompt verbatim
  and free text. A Crispers model was trained on exactly this and writes its strategy tags itself.
- `SMALL_MODEL_CR` (the embedded models): a small general model, asked as the release asks, writes
  advice lists. So it gets a CR prompt with a worked exchange in the person's language
  (`prompts/*/small_counsellor.txt`), and a grammar the decoder must follow: two to four tagged
  sentences (`[Strategy] sentence`, the tagged-reply format of `crisp.cr.tags`), opening with a
  reflection or restatement and ending with one `[Question]`; no line breaks, digits or colons, so
  no numbered list and no "Restatement:" prefix; the letters of the person's language only. The
  tags are parsed into the record and stripped before anything is shown, as for a Crispers model.

The grammar needs a backend that enforces one (`Capabilities.grammar`, llama.cpp); on others
`SMALL_MODEL_CR` falls back to the release recipe.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from crisp.cr.tags import TagStyle, strategy_tag
from crisp.cr.taxonomy import Lang, Strategy
from crisp.llm.base import ChatModel
from crisp.prompts import template
from crisp.prompts.peppy import peppy_system_prompt

# The specs of the embedded models, which get the small-model format by default.
EMBEDDED_SPECS = ("default", "default:lite")

OPENING = (Strategy.REFLECTION_OF_FEELINGS, Strategy.RESTATEMENT)
MIDDLE = (Strategy.RESTATEMENT, Strategy.REFLECTION_OF_FEELINGS, Strategy.AFFIRMATION_AND_REASSURANCE)


class ReplyFormat(StrEnum):
    RELEASE = "release"
    SMALL_MODEL_CR = "small-model-cr"


@dataclass(frozen=True)
class _Script:
    """What a sentence of a language may hold, and how it ends."""

    first: str  # GBNF character class of a sentence's first character
    body: str  # GBNF character class of the rest
    min_chars: int
    max_chars: int
    full_stop: str
    question_mark: str
    after_tag: str  # what follows a tag: a space in English, nothing in Chinese


# What a sentence may hold, listed, not excluded: letters of the person's language, spaces, commas,
# quotes, brackets and dashes. So no line breaks, digits (numbered lists), colons (labels), control
# characters, or words in another script.
_EN_BODY = r"[a-zA-Z ,'\u2019\u201c\u201d\"()\u00c0-\u024f\u2013\u2014-]"
_ZH_BODY = r"[\u3400-\u4dbf\u4e00-\u9fff\uff0c\u3001\u201c\u201d\u2018\u2019\uff08\uff09\u300a\u300b\u2014\u2026\u00b7]"
_SCRIPTS: dict[Lang, _Script] = {
    Lang.EN: _Script(first="[A-Z]", body=_EN_BODY, min_chars=12, max_chars=170, full_stop='"."',
                     question_mark='"?"', after_tag='" "'),
    Lang.ZH: _Script(first=_ZH_BODY, body=_ZH_BODY, min_chars=4, max_chars=70, full_stop='"\u3002"',
                     question_mark='"\uff1f"', after_tag=""),
}


def _alternatives(strategies: tuple[Strategy, ...]) -> str:
    return " | ".join(f'"{strategy_tag(s, TagStyle.INLINE)}"' for s in strategies)


def reply_grammar(lang: Lang) -> str:
    """The GBNF grammar of a small-model CR reply in `lang` (see the module docstring)."""
    s = _SCRIPTS[lang]
    space = ' " "' if lang is Lang.EN else ""
    after = f" {s.after_tag}" if s.after_tag else ""
    question = strategy_tag(Strategy.QUESTION, TagStyle.INLINE)
    return "\n".join([
        "root ::= opening middle? middle? question",
        f"opening ::= ({_alternatives(OPENING)}){after} sentence{space}",
        f"middle ::= ({_alternatives(MIDDLE)}){after} sentence{space}",
        f'question ::= "{question}"{after} {s.first} {s.body}{{{s.min_chars // 2},{s.max_chars}}} {s.question_mark}',
        f"sentence ::= {s.first} {s.body}{{{s.min_chars},{s.max_chars}}} {s.full_stop}",
    ])


def choose_reply_format(model: ChatModel, wanted: ReplyFormat | None = None) -> ReplyFormat:
    """The format for `model`: `wanted` when given, else the small-model format for the embedded models.
    The small-model format needs a grammar; without one the release recipe answers."""
    chosen = wanted or (ReplyFormat.SMALL_MODEL_CR if model.spec in EMBEDDED_SPECS else ReplyFormat.RELEASE)
    if chosen is ReplyFormat.SMALL_MODEL_CR and not model.capabilities.grammar:
        return ReplyFormat.RELEASE
    return chosen


def system_prompt_for(reply_format: ReplyFormat, lang: Lang) -> str:
    if reply_format is ReplyFormat.SMALL_MODEL_CR:
        return template("small_counsellor", lang)
    return peppy_system_prompt(lang)


def grammar_for(reply_format: ReplyFormat, lang: Lang) -> str | None:
    return reply_grammar(lang) if reply_format is ReplyFormat.SMALL_MODEL_CR else None


__all__ = ["EMBEDDED_SPECS", "ReplyFormat", "choose_reply_format", "grammar_for", "reply_grammar",
           "system_prompt_for"]
