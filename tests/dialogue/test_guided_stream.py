"""Guided turns stream: each sentence is shown as soon as the model has written it; findings come after."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from crisp.cr.schema import CounsellorTurn
from crisp.cr.taxonomy import Strategy, SubStep
from crisp.dialogue.conversation import Conversation
from crisp.dialogue.outputs import SentenceReader, counsellor_turn_model
from crisp.llm.base import GenerationParams, Message, StreamDelta
from crisp.llm.llamacpp import LlamaCppModel
from crisp.llm.testing import ScriptedModelDouble, as_json, schema_title

SENTENCES = [{"text": "That sounds really heavy.", "strategy": "reflection_of_feelings"},
             {"text": "What went through your mind when it happened?", "strategy": "question"}]
# An identification turn as the counsellor writes it: lead-in sentences, then its required question.
ASKED = {"sentences": SENTENCES[:1], "question": SENTENCES[1]}


def test_reader_gives_each_sentence_when_its_object_closes() -> None:
    text = as_json({"sentences": SENTENCES, "goal_met": True, "automatic_thought": "I am useless."})
    reader = SentenceReader()
    got: list[tuple[int, str]] = []
    for end in range(1, len(text) + 1):
        got += [(end, s.text) for s in reader.feed(text[end - 1])]
    assert [t for _, t in got] == [s["text"] for s in SENTENCES]
    first_close = text.index("}") + 1
    assert got[0][0] == first_close  # the first sentence comes the moment its object closes
    assert got[1][0] < text.index("goal_met")  # the second before the findings


def test_speak_first_order_puts_sentences_before_the_findings() -> None:
    fields = list(counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT, speak_first=True).model_fields)
    assert fields == ["sentences", "goal_met", "automatic_thought"]
    assert list(counsellor_turn_model(SubStep.AUTOMATIC_THOUGHT).model_fields)[-1] == "sentences"


class EventLoggingDouble(ScriptedModelDouble):
    """A scripted model double (a test double for a teacher model) that logs when each delta leaves it."""

    def __init__(self, log: list[str]) -> None:
        def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
            assert schema_title(schema) == "CounsellorTurn_automatic_thought"
            return json.dumps({**ASKED, "goal_met": True,
                               "automatic_thought": "Everyone will see I am not good enough at this job."})
        super().__init__(script)
        self.log = log

    async def _stream(self, messages: list[Message], params: GenerationParams,
                      json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        async for delta in super()._stream(messages, params, json_schema):
            self.log.append("delta")
            yield delta


def test_guided_turn_shows_sentences_while_the_model_still_writes() -> None:
    log: list[str] = []

    async def scenario() -> tuple[list[str], Conversation]:
        conversation = Conversation(EventLoggingDouble(log), guided=True)
        pieces = []
        async for piece in conversation.turn("My manager criticised my report in front of everyone."):
            log.append("shown")
            pieces.append(piece)
        return pieces, conversation

    pieces, conversation = asyncio.run(scenario())
    assert "".join(pieces) == "That sounds really heavy. What went through your mind when it happened?"
    assert log.index("shown") < len(log) - 1 - log[::-1].index("delta")  # shown before the last delta
    record = conversation.record
    assert record is not None
    assert record.cognition.automatic_thought == "Everyone will see I am not good enough at this job."
    turn = record.turns[1]
    assert isinstance(turn, CounsellorTurn) and turn.substep is SubStep.AUTOMATIC_THOUGHT
    assert [s.strategy for s in turn.sentences] == [Strategy.REFLECTION_OF_FEELINGS, Strategy.QUESTION]


def test_stopping_a_guided_turn_while_it_speaks_keeps_what_was_shown() -> None:
    log: list[str] = []

    async def scenario() -> Conversation:
        conversation = Conversation(EventLoggingDouble(log), guided=True)
        stream = conversation.turn("My manager criticised my report in front of everyone.")
        first = await stream.__anext__()
        assert first == "That sounds really heavy."
        await stream.aclose()
        return conversation

    conversation = asyncio.run(scenario())
    record = conversation.record
    assert record is not None and conversation.last_reply is not None and conversation.last_reply.stopped
    assert [s.text for s in record.turns[1].sentences] == ["That sounds really heavy."]  # type: ignore[union-attr]
    assert record.cognition.automatic_thought is None  # the step found nothing yet: the plan stays
    assert conversation.session.step.substep is SubStep.AUTOMATIC_THOUGHT  # type: ignore[union-attr]


def test_guided_turn_on_a_real_llama_cpp_model_streams_valid_json(tiny_gguf_path: Path) -> None:
    model = LlamaCppModel(tiny_gguf_path, n_ctx=8192, n_threads=1)

    async def scenario() -> tuple[list[str], Conversation]:
        conversation = Conversation(model, guided=True, max_new_tokens=4000)
        pieces = [piece async for piece in conversation.turn("I failed my exam and I feel useless.")]
        await model.aclose()
        return pieces, conversation

    pieces, conversation = asyncio.run(scenario())
    record = conversation.record
    assert record is not None and isinstance(record.turns[1], CounsellorTurn)
    turn = record.turns[1]
    # Grammar-constrained JSON parses even from random weights; what was shown is the turn's text
    # (the gate releases at sentence ends and joins releases with single spaces).
    assert turn.sentences and "".join(pieces).split() == turn.text(record.language).split()
    assert conversation.last_reply is not None and not conversation.last_reply.safety.reply_blocked


def test_guided_turn_shows_no_label_or_tag_the_model_wrote_into_its_sentences() -> None:
    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return json.dumps({"sentences": [
            {"text": "Restatement: so the criticism landed where people whose opinion matters could hear it.", "strategy": "restatement"}],
            # (a tag such as "[Question]" cannot open it: an English sentence starts with a Latin letter)
            "question": {"text": "Question: What did you tell yourself right then?", "strategy": "question"},
            "goal_met": False, "automatic_thought": "I am a failure."})

    conversation = Conversation(ScriptedModelDouble(script), guided=True)
    reply = asyncio.run(conversation.reply("My manager criticised my report in front of everyone."))
    assert reply.text == ("so the criticism landed where people whose opinion matters could hear it. "
                          "What did you tell yourself right then?")
    turn = conversation.record.turns[1]  # type: ignore[union-attr]
    assert [s.text for s in turn.sentences] == [  # type: ignore[union-attr]
        "so the criticism landed where people whose opinion matters could hear it.",
        "What did you tell yourself right then?"]


def test_a_sentence_that_only_says_the_clients_words_back_is_never_shown() -> None:
    said = "My manager criticised my report in front of the whole team and I keep replaying it."

    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return json.dumps({"sentences": [
            {"text": "Your manager criticised your report in front of the whole team and you keep replaying it.",
             "strategy": "restatement"}],
            "question": {"text": "What did you tell yourself right then?", "strategy": "question"},
            "goal_met": False, "automatic_thought": "Everyone saw that I cannot do my job."})

    conversation = Conversation(ScriptedModelDouble(script), guided=True)
    reply = asyncio.run(conversation.reply(said))
    assert reply.text == "What did you tell yourself right then?"
    assert [s.text for s in conversation.record.turns[1].sentences] == [reply.text]  # type: ignore[union-attr]


def test_a_turn_of_nothing_but_parroting_is_asked_again_with_other_sampling() -> None:
    from crisp.dialogue.crdial import CRDialCounsellor
    from crisp.dialogue.session import Session
    from crisp.dialogue.records import new_seed
    from crisp.cr.taxonomy import Lang

    said = "My manager criticised my report in front of the whole team and I keep replaying it."
    seeds: list[int | None] = []

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None) -> str:
        seeds.append(seed)
        lead, question = (said, said[:-1] + "?") if len(seeds) == 1 else (
            "That sounds like it stung.", "What went through your mind?")
        return json.dumps({"goal_met": False, "automatic_thought": "", "sentences": [
            {"text": lead, "strategy": "restatement"}], "question": {"text": question, "strategy": "question"}})

    session = Session(new_seed(said, Lang.EN))
    session.add_client(said)
    turn = asyncio.run(CRDialCounsellor(ScriptedModelDouble(script)).reply(session))
    assert len(seeds) == 2 and seeds[0] != seeds[1]
    assert [s.text for s in turn.sentences] == ["That sounds like it stung.", "What went through your mind?"]


def test_a_question_the_model_also_wrote_as_a_lead_in_sentence_is_said_once() -> None:
    # Lead-in sentences may not ask, so a small model writes its question there with a full stop and
    # then again as the question: the same words, said once.
    asked = "How did you feel right after the meeting?"
    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return json.dumps({"sentences": [{"text": "How did you feel right after the meeting.", "strategy": "restatement"},
                                         SENTENCES[0]],
                           "question": {"text": asked, "strategy": "question"},
                           "goal_met": False, "automatic_thought": "I am a failure."})

    reply = asyncio.run(Conversation(ScriptedModelDouble(script), guided=True).reply("My manager criticised my report."))
    assert reply.text == "How did you feel right after the meeting. That sounds really heavy."


def test_a_sentence_said_in_an_earlier_turn_is_not_said_again() -> None:
    # A small model asks its last question again, turn after turn.
    leads = iter(["That sounds really heavy.", "It makes sense that it still stings."])

    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return json.dumps({"sentences": [{"text": next(leads), "strategy": "reflection_of_feelings"}],
                           "question": SENTENCES[1], "goal_met": False, "automatic_thought": "I am a failure."})

    conversation = Conversation(ScriptedModelDouble(script), guided=True)
    first = asyncio.run(conversation.reply("My manager criticised my report."))
    second = asyncio.run(conversation.reply("I keep replaying it."))
    assert first.text == "That sounds really heavy. What went through your mind when it happened?"
    assert second.text == "It makes sense that it still stings."


def test_after_the_person_switches_language_the_turn_must_start_in_the_new_one() -> None:
    schemas: list[dict[str, Any]] = []
    replies = iter([{"sentences": [SENTENCES[0]], "question": SENTENCES[1]},
                    {"sentences": [{"text": "听起来很难受。", "strategy": "reflection_of_feelings"}],
                     "question": {"text": "你当时在想什么？", "strategy": "question"}}])

    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        schemas.append(schema or {})
        return json.dumps({**next(replies), "goal_met": False, "automatic_thought": "I am useless."})

    conversation = Conversation(ScriptedModelDouble(script), guided=True)
    asyncio.run(conversation.reply("My manager criticised my report in front of everyone."))
    second = asyncio.run(conversation.reply("我现在一想到开会就紧张。"))
    patterns = [s["$defs"]["QuestionSentence"]["properties"]["text"]["pattern"] for s in schemas]
    assert patterns[0].startswith("^[A-Za-z") and patterns[1].startswith("^[\u3400")
    assert second.text == "听起来很难受。你当时在想什么？"
