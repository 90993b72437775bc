"""The small-model CR reply format: a grammar the decoder follows, tags parsed into the record and never shown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from crisp.cr.schema import CounsellorTurn
from crisp.cr.tags import parse_tagged_reply
from crisp.cr.taxonomy import Lang, Strategy
from crisp.dialogue.conversation import Conversation
from crisp.dialogue.reply_format import ReplyFormat, choose_reply_format, reply_grammar
from crisp.errors import CapabilityError
from crisp.llm.base import GenerationParams, Message
from crisp.llm.llamacpp import LlamaCppModel
from crisp.llm.testing import ScriptedModelDouble
from crisp.prompts import template

MESSAGES = {Lang.EN: "I failed my driving test again and I think I am useless at everything.",
            Lang.ZH: "我又一次没通过驾照考试，感觉自己什么都做不好。"}


@pytest.fixture(scope="module")
def tiny_as_default(tiny_gguf_path: Path) -> LlamaCppModel:
    # The tiny random-weight GGUF under the embedded model's spec: the format is chosen by spec.
    model = LlamaCppModel(tiny_gguf_path, spec="default", n_ctx=4096, n_threads=1)
    yield model
    asyncio.run(model.aclose())


@pytest.mark.parametrize("lang", [Lang.EN, Lang.ZH])
def test_grammar_makes_even_a_random_model_write_a_short_tagged_cr_reply(tiny_as_default: LlamaCppModel,
                                                                       lang: Lang) -> None:
    # Room for the longest reply the grammar allows: the tiny byte-level vocabulary spends a token on a few bytes.
    params = GenerationParams(max_new_tokens=3000, seed=3, grammar=reply_grammar(lang))
    for seed in range(3):
        raw = asyncio.run(tiny_as_default.complete([Message(role="user", content=MESSAGES[lang])],
                                                   params.model_copy(update={"seed": seed}))).text
        pieces = parse_tagged_reply(raw)
        assert 2 <= len(pieces) <= 4, raw
        assert pieces[0][0] in (Strategy.REFLECTION_OF_FEELINGS, Strategy.RESTATEMENT)
        assert pieces[-1][0] is Strategy.QUESTION and pieces[-1][1].endswith("?" if lang is Lang.EN else "？")
        assert all(strategy is not None for strategy, _ in pieces)
        text = "".join(sentence for _, sentence in pieces)
        if lang is Lang.EN:  # letters, spaces and a little punctuation of the person's script only
            assert all(ch.isascii() or "\u00c0" <= ch <= "\u024f" or ch in "\u2019\u201c\u201d\u2013\u2014" for ch in text), raw
        else:
            assert all("\u3400" <= ch <= "\u9fff" or ch in "，、“”‘’（）《》—…·。？" for ch in text), raw
        assert not any(ch.isdigit() or ch in "\n:：" or not ch.isprintable() for ch in raw), raw


def test_conversation_on_the_embedded_spec_uses_the_format_and_shows_no_tags(tiny_as_default: LlamaCppModel) -> None:
    conversation = Conversation(tiny_as_default, max_new_tokens=3000)
    assert conversation.reply_format is ReplyFormat.SMALL_MODEL_CR
    assert conversation.system_message(Lang.ZH).content == template("small_counsellor", Lang.ZH)
    reply = asyncio.run(conversation.reply(MESSAGES[Lang.EN]))
    assert "[" not in reply.text and reply.text.endswith("?")
    turn = conversation.record.turns[1]  # type: ignore[union-attr]
    assert isinstance(turn, CounsellorTurn) and turn.sentences[-1].strategy is Strategy.QUESTION
    assert conversation.history[1].content.startswith("[")  # the model sees its own tags again


def test_the_release_recipe_for_other_models_and_custom_prompts(tiny_gguf_path: Path,
                                                                tiny_as_default: LlamaCppModel) -> None:
    double = ScriptedModelDouble(lambda messages, schema: "Hello.")
    assert choose_reply_format(double) is ReplyFormat.RELEASE
    # A backend that cannot follow a grammar falls back to the release recipe, and refuses one given directly.
    assert choose_reply_format(double, ReplyFormat.SMALL_MODEL_CR) is ReplyFormat.RELEASE
    with pytest.raises(CapabilityError, match="cannot follow a grammar"):
        double.stream([Message(role="user", content="hi")], GenerationParams(grammar='root ::= "a"'))
    custom = Conversation(tiny_as_default, system_prompt="You are a test.")
    assert custom.reply_format is ReplyFormat.RELEASE
