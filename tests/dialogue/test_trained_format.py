"""A model trained by `crisp train` is asked and read the way it was trained (its crisp_format.json)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from crisp.cr.tags import TagStyle
from crisp.cr.target_format import MODEL_FORMAT_FILE, ModelFormat, TargetFormat, write_model_format
from crisp.cr.taxonomy import Strategy
from crisp.dialogue.conversation import Conversation
from crisp.dialogue.reply_format import ReplyFormat
from crisp.llm.base import Message
from crisp.llm.testing import ScriptedModelDouble

FULL_REPLY = "<<automatic_thought | loop 1>>\n[Reflection of Feelings] That sounds heavy. [Question] What went through your mind?"


def test_a_full_target_reply_shows_no_plan_note_and_no_tags() -> None:
    model = ScriptedModelDouble(lambda messages, schema: FULL_REPLY)  # a test double for a trained model
    model.trained_format = ModelFormat(target_format=TargetFormat.FULL, tag_style=TagStyle.INLINE, system_prompt="none")
    conversation = Conversation(model)
    assert conversation.reply_format is ReplyFormat.TRAINED
    reply = asyncio.run(conversation.reply("My manager criticised my report in front of everyone."))
    assert reply.text == "That sounds heavy. What went through your mind?"
    assert model.calls[0][0] == Message(role="user", content="My manager criticised my report in front of everyone.")
    turn = conversation.record.turns[1]  # type: ignore[union-attr]
    assert [s.strategy for s in turn.sentences] == [Strategy.REFLECTION_OF_FEELINGS, Strategy.QUESTION]  # type: ignore[union-attr]
    assert conversation.history[1].content == FULL_REPLY  # the model sees its own note and tags again


def test_the_hf_backend_reads_the_model_folders_format(tiny_hf_dir: Path, tmp_path: Path) -> None:
    from crisp.llm import load_model

    folder = tmp_path / "trained"
    shutil.copytree(tiny_hf_dir, folder)
    plain = load_model(f"hf:{folder}", device_map=None)
    assert plain.trained_format == ModelFormat()  # no metadata: the release recipe
    write_model_format(folder, ModelFormat(target_format=TargetFormat.NO_STRATEGIES, system_prompt="none"))
    trained = load_model(f"hf:{folder}", device_map=None)
    assert (folder / MODEL_FORMAT_FILE).is_file()
    assert trained.trained_format is not None and trained.trained_format.system_prompt == "none"
    assert Conversation(trained).system_message("en") is None
