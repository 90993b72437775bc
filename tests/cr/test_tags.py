"""Strategy tags: written before each sentence, parsed back in either style, by any name."""

from __future__ import annotations

import pytest

from crisp.cr.schema import Sentence
from crisp.cr.taxonomy import Strategy, term
from crisp.cr.tags import TagStyle
from crisp.cr.tags import format_reply, parse_tagged_reply, special_tokens, strategy_tag, strip_tags

SENTENCES = [
    Sentence(text="It sounds exhausting.", strategy=Strategy.REFLECTION_OF_FEELINGS),
    Sentence(text=" What went through your mind? ", strategy=Strategy.QUESTION),
]
ZH_SENTENCES = [
    Sentence(text="听起来你很累。", strategy=Strategy.REFLECTION_OF_FEELINGS),
    Sentence(text="当时你在想什么？", strategy=Strategy.QUESTION),
]


def test_inline_and_special_tags_in_english() -> None:
    assert format_reply(SENTENCES, "en", TagStyle.INLINE) == (
        "[Reflection of Feelings] It sounds exhausting. [Question] What went through your mind?"
    )
    assert format_reply(SENTENCES, "en", TagStyle.SPECIAL) == (
        "<|reflection_of_feelings|> It sounds exhausting. <|question|> What went through your mind?"
    )
    assert format_reply(SENTENCES, "en", TagStyle.NONE) == "It sounds exhausting. What went through your mind?"


def test_chinese_joins_without_spaces() -> None:
    assert format_reply(ZH_SENTENCES, "zh", TagStyle.NONE) == "听起来你很累。当时你在想什么？"
    assert format_reply(ZH_SENTENCES, "zh", TagStyle.INLINE) == "[Reflection of Feelings]听起来你很累。[Question]当时你在想什么？"


@pytest.mark.parametrize("style", [TagStyle.INLINE, TagStyle.SPECIAL])
@pytest.mark.parametrize("lang, sentences", [("en", SENTENCES), ("zh", ZH_SENTENCES)])
def test_round_trip(style: TagStyle, lang: str, sentences: list[Sentence]) -> None:
    text = format_reply(sentences, lang, style)
    assert parse_tagged_reply(text) == [(s.strategy, s.text.strip()) for s in sentences]


def test_every_strategy_round_trips_in_both_styles() -> None:
    sentences = [Sentence(text=f"Sentence {i}.", strategy=s) for i, s in enumerate(Strategy)]
    for style in (TagStyle.INLINE, TagStyle.SPECIAL):
        assert [s for s, _ in parse_tagged_reply(format_reply(sentences, "en", style))] == list(Strategy)


def test_display_names_in_any_case_values_and_chinese_names() -> None:
    affirmation_zh = term(Strategy.AFFIRMATION_AND_REASSURANCE).name_zh
    text = (
        "[question] A? [REFLECTION OF FEELINGS] B. <|Reflection of Feelings|> C. <|self-disclosure|> D. "
        f"【{term(Strategy.QUESTION).name_zh}】E？[{affirmation_zh}]F。"
    )
    parsed = parse_tagged_reply(text)
    assert [s for s, _ in parsed] == [
        Strategy.QUESTION,
        Strategy.REFLECTION_OF_FEELINGS,
        Strategy.REFLECTION_OF_FEELINGS,
        Strategy.SELF_DISCLOSURE,
        Strategy.QUESTION,
        Strategy.AFFIRMATION_AND_REASSURANCE,
    ]
    assert [t for _, t in parsed] == ["A?", "B.", "C.", "D.", "E？", "F。"]


def test_untagged_text_and_words_in_brackets() -> None:
    assert parse_tagged_reply("Just a reply.") == [(None, "Just a reply.")]
    assert parse_tagged_reply("") == []
    assert parse_tagged_reply("Hello. [Question] How are you? [laughs] Fine.") == [
        (None, "Hello."),
        (Strategy.QUESTION, "How are you? [laughs] Fine."),
    ]
    # A tag with nothing after it, or two tags in a row, gives no empty sentence.
    assert parse_tagged_reply("[Question][Restatement] So you said no. [Question]") == [
        (Strategy.RESTATEMENT, "So you said no."),
    ]
    # Chat-template tokens are not strategies.
    assert parse_tagged_reply("<|im_end|>") == [(None, "<|im_end|>")]


def test_strip_tags() -> None:
    assert strip_tags(format_reply(SENTENCES, "en", TagStyle.SPECIAL), "en") == (
        "It sounds exhausting. What went through your mind?"
    )
    assert strip_tags(format_reply(ZH_SENTENCES, "zh", TagStyle.INLINE), "zh") == "听起来你很累。当时你在想什么？"


def test_special_tokens_cover_the_taxonomy() -> None:
    tokens = special_tokens()
    assert tokens == [f"<|{s.value}|>" for s in Strategy]
    assert all(" " not in t for t in tokens)
    assert strategy_tag(Strategy.NEGOTIATE, TagStyle.NONE) == ""


def test_a_strategy_label_written_into_a_sentence_is_taken_out() -> None:
    from crisp.cr.tags import strip_leading_label

    assert strip_leading_label("Restatement: I understand that your manager criticised your report.") == (
        "I understand that your manager criticised your report.")
    assert strip_leading_label("[Question]: What went through your mind?") == "What went through your mind?"
    assert strip_leading_label("[Question] What went through your mind?") == "What went through your mind?"
    assert strip_leading_label("<|question|>当时你在想什么？") == "当时你在想什么？"
    assert strip_leading_label("情感反映：听起来你很难过。") == "听起来你很难过。"
    assert strip_leading_label("reflection of feelings : That sounds hard.") == "That sounds hard."
    # A sentence that only starts with such a word is left alone: a label needs its colon.
    assert strip_leading_label("Information about this is hard to find.") == "Information about this is hard to find."
    assert strip_leading_label("Question everything, but gently.") == "Question everything, but gently."
