"""The training target format (crisp.cr.target_format) and the model-folder metadata file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.records import make_record

from crisp.cr.schema import CounsellorTurn, CrispRecord
from crisp.cr.tags import TagStyle
from crisp.cr.target_format import (
    MODEL_FORMAT_FILE,
    ModelFormat,
    PlanNote,
    TargetFormat,
    display_text,
    format_target_reply,
    parse_target_reply,
    read_model_format,
    release_recipe,
    write_model_format,
)
from crisp.cr.taxonomy import Distortion, Strategy, SubStep
from crisp.errors import ModelFileError


@pytest.fixture
def record() -> CrispRecord:
    return CrispRecord.model_validate(make_record("en", (2,)))


def _turn(record: CrispRecord, substep: SubStep, channel: int | None = None) -> int:
    return next(i for i, t in enumerate(record.turns)
                if isinstance(t, CounsellorTurn) and t.substep is substep and t.channel == channel)


def test_full_writes_the_note_then_tagged_sentences(record: CrispRecord) -> None:
    core = _turn(record, SubStep.CORE_BELIEF)
    assert format_target_reply(record, core, TargetFormat.FULL, TagStyle.INLINE) == (
        "<<core_belief | loop 1 | identified 1 catastrophizing, 2 all_or_nothing_thinking>>\n"
        "[Reflection of Feelings] It sounds like these comments have been weighing on you for a while. "
        "[Question] What goes through your mind when you open the comments?"
    )
    defense = _turn(record, SubStep.DEFENSE, channel=2)
    assert format_target_reply(record, defense, TargetFormat.FULL, TagStyle.SPECIAL).startswith(
        "<<defense | loop 1 | channel 2 all_or_nothing_thinking>>\n<|reflection_of_feelings|> It sounds"
    )


def test_ablations_leave_out_what_they_ablate(record: CrispRecord) -> None:
    defense = _turn(record, SubStep.DEFENSE, channel=1)
    no_strategies = format_target_reply(record, defense, TargetFormat.NO_STRATEGIES, TagStyle.NONE)
    assert no_strategies.startswith("<<defense | loop 1 | channel 1 catastrophizing>>\nIt sounds like")
    assert "[" not in no_strategies
    no_identification = format_target_reply(record, defense, TargetFormat.NO_IDENTIFICATION, TagStyle.INLINE)
    assert no_identification.startswith("<<defense>>\n[Reflection of Feelings] It sounds")
    plain = format_target_reply(record, defense, TargetFormat.PLAIN, TagStyle.NONE)
    assert plain == record.turns[defense].text("en")


def test_a_format_refuses_a_tag_style_that_contradicts_it(record: CrispRecord) -> None:
    with pytest.raises(ValueError, match="no_strategies.*none"):
        format_target_reply(record, 1, TargetFormat.NO_STRATEGIES, TagStyle.INLINE)
    with pytest.raises(ValueError, match="full"):
        format_target_reply(record, 1, TargetFormat.FULL, TagStyle.NONE)


@pytest.mark.parametrize("fmt,tags", [(TargetFormat.FULL, TagStyle.INLINE), (TargetFormat.FULL, TagStyle.SPECIAL),
                                      (TargetFormat.NO_STRATEGIES, TagStyle.NONE),
                                      (TargetFormat.NO_IDENTIFICATION, TagStyle.INLINE)])
def test_every_reply_parses_back_to_its_note_and_sentences(record: CrispRecord, fmt: TargetFormat, tags: TagStyle) -> None:
    for i, turn in enumerate(record.turns):
        if not isinstance(turn, CounsellorTurn):
            continue
        parsed = parse_target_reply(format_target_reply(record, i, fmt, tags))
        assert parsed.note is not None and parsed.note.substep is turn.substep
        if tags is not TagStyle.NONE:
            assert [s for _, s in parsed.sentences] == [s.text for s in turn.sentences]
            assert [st for st, _ in parsed.sentences] == [s.strategy for s in turn.sentences]
        else:  # untagged sentences come back as one run of text
            assert parsed.sentences == [(None, turn.text("en"))]
        assert display_text(format_target_reply(record, i, fmt, tags), "en") == turn.text("en")


def test_closing_talk_and_chinese() -> None:
    zh = CrispRecord.model_validate(make_record("zh", (1,)))
    verdict = max(i for i, t in enumerate(zh.turns) if isinstance(t, CounsellorTurn))
    reply = format_target_reply(zh, verdict, TargetFormat.FULL, TagStyle.INLINE)
    assert reply.startswith("<<verdict | loop 1 | channel 1 catastrophizing>>\n[Reflection of Feelings]听起来")
    assert display_text(reply, "zh") == zh.turns[verdict].text("zh")
    assert PlanNote(None).render() == "<<closing>>"
    assert parse_target_reply("<<closing>>\nBye.").note == PlanNote(None)


def test_a_note_that_does_not_parse_stays_in_the_text() -> None:
    parsed = parse_target_reply("<<not a step | loop 1>>\n[Question] Why?")
    assert parsed.note is None
    assert parsed.sentences[0] == (None, "<<not a step | loop 1>>")
    assert parsed.sentences[1] == (Strategy.QUESTION, "Why?")
    note = parse_target_reply("<<prosecution | loop 2 | channel 3 blaming>>\nOk.").note
    assert note == PlanNote(SubStep.PROSECUTION, 2, (3, Distortion.BLAMING))


def test_a_folder_without_metadata_is_the_release_recipe(tmp_path: Path) -> None:
    found = read_model_format(tmp_path)
    assert found == release_recipe()
    assert (found.target_format, found.tag_style, found.system_prompt) == (TargetFormat.PLAIN, TagStyle.NONE, "peppy")
    assert [lang.value for lang in found.languages] == ["en", "zh"]


def test_metadata_round_trips_and_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    written = ModelFormat(target_format=TargetFormat.FULL, tag_style=TagStyle.SPECIAL, system_prompt="none",
                          languages=["en"])
    path = write_model_format(tmp_path, written)
    assert path.name == MODEL_FORMAT_FILE and read_model_format(tmp_path) == written
    path.write_text(json.dumps({"target_format": "full", "tag_style": "none"}))
    with pytest.raises(ModelFileError, match="crisp_format.json.*full.*delete it"):
        read_model_format(tmp_path)
    path.write_text("{oops")
    with pytest.raises(ModelFileError, match="not a valid crisp_format.json"):
        read_model_format(tmp_path)
