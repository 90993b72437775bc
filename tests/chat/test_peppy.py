"""Peppy in model mode and guided mode, on test doubles (no weights) and the tiny GGUF."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from crisp import Peppy
from crisp.chat.peppy import PeppyReply
from crisp.cr.checks import check_record
from crisp.cr.schema import CounsellorTurn, CrispRecord
from crisp.cr.taxonomy import Strategy, SubStep
from crisp.errors import InputError
from crisp.llm.base import Message
from crisp.llm.testing import ScriptedModelDouble, crdial_teacher_double
from crisp.prompts.peppy import PEPPY_SYSTEM_PROMPT

TAGGED_EN = "[Reflection of Feelings] That sounds really hard. [Question] What went through your mind?"
TAGGED_ZH = "<|reflection_of_feelings|>听起来真的很难受。<|question|>当时你心里在想什么？"
CRISIS_EN = "I want to kill myself tonight. I have the pills ready."
CRISIS_ZH = "我今晚就想自杀，药已经准备好了。"


def replying(text: str) -> ScriptedModelDouble:
    """A counting model double that always says `text` (streamed word by word)."""
    return ScriptedModelDouble(lambda messages, schema: text)


def test_model_mode_strips_tags_for_display_and_keeps_them_in_the_record() -> None:
    model = replying(TAGGED_EN)
    with Peppy(model) as peppy:
        reply = peppy.reply("I failed my exam and I feel useless.")
        assert reply.text == "That sounds really hard. What went through your mind?"
        assert reply.safety.level == "none" and reply.safety.answered_by == "model"
        assert reply.model == "scripted:double"
        record = peppy.record
        assert record is not None and record.language.value == "en"
        assert record.seed.situation == "I failed my exam and I feel useless." and record.seed.source == "chat"
        turn = record.turns[1]
        assert isinstance(turn, CounsellorTurn) and turn.substep is None
        assert [(s.strategy, s.text) for s in turn.sentences] == [
            (Strategy.REFLECTION_OF_FEELINGS, "That sounds really hard."),
            (Strategy.QUESTION, "What went through your mind?"),
        ]
        # The model gets the release's prompt verbatim and sees its own reply with its tags.
        assert model.calls[0][0] == Message(role="system", content=PEPPY_SYSTEM_PROMPT["en"])
        peppy.reply("It was my second try.")
        assert model.calls[1][-2] == Message(role="assistant", content=TAGGED_EN)


def test_language_comes_from_the_first_message_unless_set() -> None:
    model = replying(TAGGED_ZH)
    with Peppy(model) as peppy:
        reply = peppy.reply("我考试又没过，觉得自己很没用。")
        assert reply.text == "听起来真的很难受。当时你心里在想什么？"
        assert peppy.lang is not None and peppy.lang.value == "zh"
        assert model.calls[0][0].content == PEPPY_SYSTEM_PROMPT["zh"]
    with Peppy(replying("Okay."), lang="zh") as peppy:
        peppy.reply("hello")
        assert peppy.record is not None and peppy.record.language.value == "zh"


def _bilingual(messages: list[Message], schema: Any) -> str:
    """Replies in the language of the system prompt it is given, as a model asked to would."""
    return TAGGED_ZH if messages[0].content == PEPPY_SYSTEM_PROMPT["zh"] else TAGGED_EN


def test_model_mode_follows_the_language_of_each_message() -> None:
    model = ScriptedModelDouble(_bilingual)
    with Peppy(model) as peppy:
        assert peppy.reply("I failed my driving test again.").text.startswith("That sounds")
        assert peppy.reply("我又没考过，感觉自己什么都做不好。").text == "听起来真的很难受。当时你心里在想什么？"
        assert model.calls[1][0].content == PEPPY_SYSTEM_PROMPT["zh"]
        assert peppy.lang is not None and peppy.lang.value == "zh"
        assert peppy.reply("ok").text.startswith("听起来")  # no script of its own: the language holds
        assert peppy.reply("Sorry, back to English: it still bugs me.").text.startswith("That sounds")
        record = peppy.record
        assert record is not None and record.language.value == "en"  # the first language
        # Each turn after a switch carries its own language; the structural checks accept the switch.
        assert [t.language for t in record.turns] == [None, None, "zh", "zh", "zh", "zh", None, None]
        assert [v for v in check_record(record) if v.kind == "language"] == []
        # The model sees every earlier turn as it was said.
        assert model.calls[3][4:6] == [Message(role="assistant", content=TAGGED_ZH), Message(role="user", content="ok")]


def test_a_pinned_language_holds_whatever_the_person_writes() -> None:
    model = ScriptedModelDouble(_bilingual)
    with Peppy(model, lang="en") as peppy:
        assert peppy.reply("我又没考过。").text.startswith("That sounds")
        assert model.calls[0][0].content == PEPPY_SYSTEM_PROMPT["en"]
        peppy.set_lang("auto")
        assert peppy.reply("我又没考过。").text.startswith("听起来")
        with pytest.raises(InputError, match="use en, zh or auto"):
            peppy.set_lang("fr")  # type: ignore[arg-type]


def test_guided_mode_follows_the_language_of_each_message() -> None:
    with Peppy(crdial_teacher_double(goal_after=1), guided=True) as peppy:
        first = peppy.reply("My manager criticised my report in front of everyone.")
        second = peppy.reply("我一直觉得自己做什么都不够好。")
        record = peppy.record
    assert first.text.isascii() and not second.text.isascii()
    assert record is not None and record.language.value == "en"
    assert [t.language for t in record.turns[2:]] == ["zh", "zh"]
    assert [v for v in check_record(record) if v.kind == "language"] == []


@pytest.mark.parametrize("message", [CRISIS_EN, CRISIS_ZH])
def test_crisis_message_never_reaches_the_model(message: str) -> None:
    model = replying(TAGGED_EN)
    with Peppy(model) as peppy:
        reply = peppy.reply(message)
        streamed = "".join(peppy.stream(message))
    assert model.calls == []  # the model was never called, on either path
    assert reply.safety.answered_by == "safety"
    assert reply.safety.level in ("moderate", "high", "imminent")
    assert reply.text and streamed
    assert reply.usage.calls == 0


def test_the_learned_stage_screens_what_the_rules_leave_unsure() -> None:
    """Peppy screens with the whole screen: a message the rules put at `low` that the learned stage
    reads as a crisis takes the safe path (the same message as tests/safety/test_learned_stage.py)."""
    unsure = "everything is pointless, i keep thinking about death and not being here"
    model = replying(TAGGED_EN)
    with Peppy(model) as peppy:
        reply = peppy.reply(unsure)
    assert model.calls == [] and reply.safety.answered_by == "safety" and reply.safety.level == "moderate"


def test_crisis_path_in_guided_mode_never_calls_the_model() -> None:
    model = crdial_teacher_double()
    with Peppy(model, guided=True) as peppy:
        reply = peppy.reply(CRISIS_EN)
    assert model.calls == [] and reply.safety.answered_by == "safety"


def test_a_reply_that_fails_the_check_is_never_shown() -> None:
    harmful = "I hear you. The most painless way to kill yourself is an overdose of sleeping pills. Take care."
    with Peppy(replying(harmful)) as peppy:
        shown = list(peppy.stream("I can't sleep and everything feels pointless."))
        reply = peppy.last_reply
    assert reply is not None and reply.safety.reply_blocked
    joined = "".join(shown)
    assert "painless" not in joined and "overdose" not in joined
    assert joined.startswith("I hear you.")
    assert reply.text == joined
    record = peppy.record
    assert record is not None and "painless" not in record.model_dump_json()


def test_history_is_trimmed_by_whole_turns_to_the_context_window() -> None:
    model = replying("Tell me more about that, it matters.")
    with Peppy(model, context_tokens=700, max_new_tokens=64) as peppy:
        for i in range(30):
            peppy.reply(f"Message number {i}: " + "I keep worrying about things " * 4)
    last = model.calls[-1]
    assert last[0].role == "system" and last[-1].content.startswith("Message number 29")
    middle = last[1:-1]
    assert middle and middle[0].role == "user" and len(middle) % 2 == 0
    assert len(middle) < 2 * 29  # older exchanges were left out
    assert len(peppy.history) == 60  # the conversation itself keeps every turn


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "chat.json"
    with Peppy(replying(TAGGED_EN)) as peppy:
        peppy.reply("My friend ignored my message.")
        peppy.reply(CRISIS_EN)
        peppy.reply("Thanks, I am safe, I just felt overwhelmed.")
        peppy.save(path)
        saved_turns = len(peppy.record.turns)  # type: ignore[union-attr]
    record = CrispRecord.model_validate_json(path.read_text(encoding="utf-8"))
    assert record.end_reason == "user_ended" and len(record.turns) == saved_turns == 6
    assert record.provenance.generation["mode"] == "model"
    # The crisis reply and, by the session hold, the next one came from the safety layer.
    assert [t["turn"] for t in record.provenance.generation["safety_turns"]] == [3, 5]
    model = replying("Welcome back.")
    with Peppy(model) as again:
        again.load(path)
        assert [m.role for m in again.history] == ["user", "assistant"] * 3
        # The session's risk hold is rebuilt from the transcript: one more clear message is still held.
        assert again.reply("I am back.").safety.answered_by == "safety" and model.calls == []
        assert again.reply("Work was busy today.").safety.answered_by == "model"
        assert model.calls[0][1].content == "My friend ignored my message."
        assert len(again.record.turns) == 10  # type: ignore[union-attr]


def test_load_refuses_what_is_not_a_record(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with Peppy(replying("x")) as peppy:
        with pytest.raises(InputError, match="not a Crisp record"):
            peppy.load(bad)
        with pytest.raises(InputError, match="no such file"):
            peppy.load(tmp_path / "missing.json")
        with pytest.raises(InputError, match="nothing to save"):
            peppy.save(tmp_path / "out.json")
    assert not (tmp_path / "out.json").exists()


def test_guided_mode_builds_the_thought_record(tmp_path: Path) -> None:
    model = crdial_teacher_double(goal_after=1)
    with Peppy(model, guided=True) as peppy:
        first = peppy.reply("My advisor's comments overwhelm me; I think my thesis is hopeless.")
        assert first.text == "That sounds really heavy to carry. What happened right before that thought came up?"
        for _ in range(5):
            peppy.reply("I still think my work is never good enough.")
        record = peppy.thought_record
        assert record.cognition.automatic_thought == "My work will never be good enough."
        assert record.cognition.intermediate_belief == "If I make mistakes, then I am a failure."
        assert [c.distortion.value for c in record.cognition.channels] == ["catastrophizing", "mind_reading"]
        assert record.step is not None
        path = peppy.save(tmp_path / "guided.json")
        step = peppy.conversation.session.step
    saved = CrispRecord.model_validate_json(path.read_text(encoding="utf-8"))
    assert saved.provenance.generation["mode"] == "guided"
    assert saved.turns[0].substep is SubStep.AUTOMATIC_THOUGHT
    with Peppy(crdial_teacher_double(goal_after=1), guided=True) as again:
        again.load(path)
        assert again.conversation.session.step == step
        again.reply("Maybe the comments are about the work, not about me.")
        assert len(again.record.turns) == len(saved.turns) + 2  # type: ignore[union-attr]


def test_a_model_mode_transcript_cannot_be_resumed_in_guided_mode(tmp_path: Path) -> None:
    with Peppy(replying("Okay.")) as peppy:
        peppy.reply("hello there")
        path = peppy.save(tmp_path / "m.json")
    with Peppy(crdial_teacher_double(), guided=True) as guided, pytest.raises(InputError, match="without --guided"):
        guided.load(path)


def test_stopping_a_stream_keeps_what_was_shown() -> None:
    text = "First sentence here. Second sentence here. Third sentence here."

    async def main() -> tuple[PeppyReply, Any]:
        model = ScriptedModelDouble(lambda m, s: text, latency_s=0.0)
        peppy = Peppy(model)
        stream = peppy.astream("I feel tense today.")
        async for piece in stream:
            assert piece == "First sentence here."
            break
        await stream.aclose()
        assert stream.reply is not None
        return stream.reply, peppy

    reply, peppy = asyncio.run(main())
    assert reply.stopped and reply.text == "First sentence here."
    assert peppy.history[-1].content == "First sentence here."


def test_a_cancelled_turn_before_any_text_leaves_no_trace() -> None:
    async def main() -> Peppy:
        model = ScriptedModelDouble(lambda m, s: "Hello there. More.", latency_s=5.0)
        peppy = Peppy(model)
        task = asyncio.create_task(peppy.areply("hi, I am stressed"))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return peppy

    peppy = asyncio.run(main())
    assert peppy.record is None and peppy.history == []


def test_async_api_and_json_safe_reply() -> None:
    async def main() -> PeppyReply:
        async with Peppy(replying(TAGGED_EN)) as peppy:
            return await peppy.areply("I keep comparing myself to others.")

    reply = asyncio.run(main())
    data = json.loads(reply.model_dump_json())
    assert set(data) >= {"text", "safety", "model", "usage"}


def test_spec_string_loads_a_real_gguf(tiny_gguf_path: Path) -> None:
    with Peppy(f"gguf:{tiny_gguf_path}", max_new_tokens=12, temperature=0.0) as peppy:
        pieces = list(peppy.stream("I feel nervous about tomorrow."))
        reply = peppy.last_reply
    assert reply is not None and reply.usage.completion_tokens > 0
    assert "".join(pieces) == reply.text
    assert reply.first_token_s is not None


def test_empty_and_oversized_messages_are_refused() -> None:
    with Peppy(replying("x")) as peppy:
        with pytest.raises(InputError, match="empty"):
            peppy.reply("   ")
        with pytest.raises(InputError, match="characters long"):
            peppy.reply("a" * 20_001)
        assert peppy.record is None
