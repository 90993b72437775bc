"""Small models' slips in a counsellor sentence: headings, repeats and narration about the client."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from crisp.dialogue.conversation import Conversation
from crisp.dialogue.spoken import collapse_repeats, narrates, strip_heading
from crisp.llm.base import Message
from crisp.llm.testing import ScriptedModelDouble


@pytest.mark.parametrize(("text", "said"), [
    ("Counsellor: I understand that you are anxious.", "I understand that you are anxious."),
    ("Understanding the automatic thought: your wife just gave birth.", "Your wife just gave birth."),
    ("咨询师：听起来你很累。", "听起来你很累。"),
    # Words introduced with a colon are not headings.
    ("You said: I am useless.", "You said: I am useless."),
    ("你说：我就是个废物。", "你说：我就是个废物。"),
    ("At 9:30 you left the meeting.", "At 9:30 you left the meeting."),
    ("Here's the thing: you tried.", "Here's the thing: you tried."),
])
def test_headings_are_taken_out_and_quoted_words_kept(text: str, said: str) -> None:
    assert strip_heading(text) == said


def test_a_sentence_said_over_again_is_said_once() -> None:
    assert collapse_repeats("你真的很累。你真的很累。你真的很累。") == "你真的很累。"
    assert collapse_repeats("That is hard. That is hard. What happened?") == "That is hard. What happened?"
    assert collapse_repeats("That is hard. What happened? That is hard.") == "That is hard. What happened? That is hard."


@pytest.mark.parametrize(("text", "narration"), [
    ("The client says they are unsure why they wrote.", True),
    ("The client's reflection of feelings shows worry.", True),
    ("来访者提到自己很累。", True),
    ("The person says it hurts.", True),
    ("The person you love matters to you.", False),
    ("Clients often feel this way after a setback.", False),
    ("It sounds like that hurt.", False),
])
def test_narration_about_the_client(text: str, narration: bool) -> None:
    assert narrates(text) is narration


def test_a_guided_turn_says_no_heading_no_repeat_and_no_case_note() -> None:
    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return json.dumps({"sentences": [
            {"text": "The client says their manager criticised the report.", "strategy": "restatement"},
            {"text": "Counsellor: That sounds painful. That sounds painful.", "strategy": "reflection_of_feelings"},
            {"text": "That sounds painful.", "strategy": "reflection_of_feelings"}],
            "question": {"text": "What did you tell yourself right then?", "strategy": "question"},
            "goal_met": False, "automatic_thought": "I am a failure."})

    conversation = Conversation(ScriptedModelDouble(script), guided=True)
    reply = asyncio.run(conversation.reply("My manager criticised my report in front of everyone."))
    assert reply.text == "That sounds painful. What did you tell yourself right then?"
    turn = conversation.record.turns[1]  # type: ignore[union-attr]
    assert [s.text for s in turn.sentences] == ["That sounds painful.", "What did you tell yourself right then?"]  # type: ignore[union-attr]
