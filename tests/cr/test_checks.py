"""Structural checks: a valid record passes; each kind of damage is reported with its JSON path."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fixtures.records import make_record

from crisp.cr.checks import Violation, json_path, validate_record


def problems(data: dict[str, Any]) -> list[Violation]:
    return validate_record(data)[1]


def paths(data: dict[str, Any]) -> set[str]:
    return {v.path for v in problems(data)}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("channels", [(1,), (3,), (2, 1), (3, 2, 1)])
def test_valid_records_have_no_violations(lang: str, channels: tuple[int, ...]) -> None:
    record, found = validate_record(make_record(lang, channels))
    assert record is not None
    assert found == []


def test_json_path_format() -> None:
    assert json_path(("turns", 3, "sentences", 0, "strategy")) == "turns[3].sentences[0].strategy"
    assert json_path(()) == "$"


def test_unknown_strategy_and_distortion_are_schema_violations_with_paths() -> None:
    data = make_record()
    data["turns"][1]["sentences"][0]["strategy"] = "Interrogation"
    data["cognition"]["channels"][0]["distortion"] = "gloominess"
    found = problems(data)
    by_path = {v.path: v for v in found}
    assert "turns[1].sentences[0].strategy" in by_path
    assert "'Interrogation'" in by_path["turns[1].sentences[0].strategy"].message
    assert "question" in by_path["turns[1].sentences[0].strategy"].message  # lists the accepted labels
    assert "cognition.channels[0].distortion" in by_path


def test_missing_fields_and_wrong_types_are_reported_together() -> None:
    data = make_record()
    del data["seed"]
    data["turns"][0]["loop"] = "first"
    assert {"seed", "turns[0].loop"} <= paths(data)


def test_empty_sentence_and_empty_client_turn() -> None:
    data = make_record()
    data["turns"][1]["sentences"][1]["text"] = "   "
    data["turns"][2]["content"] = ""
    data["turns"][3]["sentences"] = []
    assert {"turns[1].sentences[1].text", "turns[2].content", "turns[3].sentences"} <= paths(data)


def test_skipped_substep_is_reported_at_the_turn() -> None:
    data = make_record()
    # remove both turns of the intermediate-belief step (turns 2 and 3)
    del data["turns"][2:4]
    found = [v for v in problems(data) if v.code == "plan.order"]
    assert found and found[0].path == "turns[2]"
    assert "expected intermediate_belief" in found[0].message


def test_wrong_order_inside_restructuring() -> None:
    data = make_record(channels_per_loop=(1,))
    # swap defense (turns 6,7) and prosecution (8,9) tags
    for i in (6, 7):
        data["turns"][i]["substep"] = "prosecution"
    for i in (8, 9):
        data["turns"][i]["substep"] = "defense"
    found = [v for v in problems(data) if v.code == "plan.order"]
    assert found[0].path == "turns[6]"


def test_restructuring_an_unidentified_channel() -> None:
    data = make_record(channels_per_loop=(1,))
    for turn in data["turns"][6:12]:
        turn["channel"] = 7
    messages = [v.message for v in problems(data)]
    assert any("channel 7 was never identified" in m for m in messages)


def test_channel_without_verdict() -> None:
    data = make_record(channels_per_loop=(2,))
    data["verdicts"].pop()
    found = {v.code: v for v in problems(data)}
    assert found["verdict.missing"].path == "cognition.channels[1]"


def test_incomplete_dialogue_is_fine_when_it_does_not_claim_completion() -> None:
    data = make_record(channels_per_loop=(2,))
    data["turns"] = data["turns"][:8]
    data["verdicts"] = []
    assert {v.code for v in problems(data)} >= {"plan.incomplete", "verdict.missing"}
    data["end_reason"] = "max_turns"
    assert problems(data) == []


def test_verdict_problems() -> None:
    data = make_record(channels_per_loop=(1,))
    data["verdicts"].append({"channel": 9, "loop": 1, "restructured_thought": "x"})
    data["verdicts"].append(copy.deepcopy(data["verdicts"][0]))
    data["verdicts"][0]["loop"] = 2
    codes = {v.code for v in problems(data)}
    assert {"verdict.unknown_channel", "verdict.duplicate", "verdict.loop"} <= codes


def test_too_many_channels_in_one_identification() -> None:
    data = make_record(channels_per_loop=(3,))
    data["cognition"]["channels"].append(
        {"index": 4, "loop": 1, "distortion": "blaming", "example_thought": "It is all their fault."}
    )
    codes = {v.code for v in problems(data)}
    assert "channel.too_many" in codes


def test_channel_from_a_loop_without_core_belief() -> None:
    data = make_record(channels_per_loop=(1,))
    data["cognition"]["channels"][0]["loop"] = 3
    assert "cognition.channels[0].loop" in paths(data)


def test_role_alternation() -> None:
    data = make_record()
    data["turns"][1] = {"role": "client", "content": "Again me.", "substep": "automatic_thought", "loop": 1}
    assert "turns[1].role" in paths(data)


@pytest.mark.parametrize("lang,other", [("en", "zh"), ("zh", "en")])
def test_language_mismatch(lang: str, other: str) -> None:
    data = make_record(lang)
    data["turns"][4] = make_record(other)["turns"][4]
    data["seed"]["language"] = other
    assert {"turns[4]", "seed.language"} <= paths(data)


def test_stage_must_match_substep() -> None:
    data = make_record()
    data["turns"][0]["stage"] = "restructuring"
    assert "turns[0]" in paths(data)


def test_closing_talk_before_close_is_reported() -> None:
    data = make_record()
    data["turns"][4]["substep"] = None
    assert any(v.path == "turns[4]" and "only close after a verdict" in v.message for v in problems(data))


def test_violations_come_in_document_order() -> None:
    data = make_record(channels_per_loop=(3, 1))
    for i in (2, 10):
        data["turns"][i]["content"] = ""
    found = [v.path for v in problems(data) if v.code == "empty"]
    assert found == ["turns[2].content", "turns[10].content"]


def test_unlabelled_sentence_is_reported() -> None:
    data = make_record()
    data["turns"][1]["sentences"][0]["strategy"] = None
    assert any(v.code == "strategy.missing" and v.path == "turns[1].sentences[0].strategy" for v in problems(data))


def test_untagged_free_conversation_has_no_plan_violations() -> None:
    data = make_record()
    data["turns"] = [{"role": "client", "content": "I feel stuck with my thesis these days."},
                     {"role": "counsellor", "sentences": [{"text": "That sounds hard.", "strategy": None}]}]
    data["end_reason"] = "user_ended"
    data["cognition"] = {}
    data["verdicts"] = []
    assert [v.code for v in problems(data)] == ["strategy.missing"]
    data["end_reason"] = "plan_complete"
    assert "plan.order" in {v.code for v in problems(data)}
