"""The record schema: shape, versioning, tags, round trips."""

from __future__ import annotations

import json

import pytest
from fixtures.records import make_record
from pydantic import ValidationError

from crisp.cr.language import detect_language, join_sentences, sentence_gap, sentence_joiner
from crisp.cr.schema import SCHEMA_VERSION, CounsellorTurn, CrispRecord, record_json_schema
from crisp.cr.taxonomy import Lang, Stage


def test_round_trip_through_json_is_lossless() -> None:
    record = CrispRecord.model_validate(make_record("zh", (2, 1)))
    again = CrispRecord.model_validate_json(record.model_dump_json())
    assert again == record
    assert again.schema_version == SCHEMA_VERSION
    assert again.loops == 2
    assert len(again.counsellor_turns) == len(again.turns) // 2


def test_stage_is_derived_from_substep() -> None:
    record = CrispRecord.model_validate(make_record())
    assert record.turns[0].stage is Stage.IDENTIFICATION
    assert record.turns[-2].stage is Stage.RESTRUCTURING
    assert record.turns[-1].stage is None  # closing talk


def test_unknown_fields_and_versions_are_refused() -> None:
    data = make_record()
    data["mood"] = "sad"
    with pytest.raises(ValidationError, match="mood"):
        CrispRecord.model_validate(data)
    data = make_record()
    data["schema_version"] = "0.9"
    with pytest.raises(ValidationError, match="schema_version"):
        CrispRecord.model_validate(data)


def test_seed_keeps_unknown_columns_under_extra() -> None:
    data = make_record()
    data["seed"]["extra"] = {"post_url": "r/mentalhealth/abc", "score": 12}
    record = CrispRecord.model_validate(data)
    assert record.seed.extra["score"] == 12


def test_quality_scores_are_bounded() -> None:
    data = make_record()
    data["quality"] = {"criteria": {"empathy": 6}}
    with pytest.raises(ValidationError):
        CrispRecord.model_validate(data)


def test_counsellor_text_joins_sentences_per_language() -> None:
    turn = CounsellorTurn.model_validate(
        {"sentences": [{"text": "你好。", "strategy": "question"}, {"text": "最近怎么样？", "strategy": "question"}]}
    )
    assert turn.text(Lang.ZH) == "你好。最近怎么样？"
    assert turn.text(Lang.EN) == "你好。最近怎么样？"  # two Chinese sentences take no space in any turn


@pytest.mark.parametrize("lang", [Lang.ZH, Lang.EN])
def test_sentences_are_spaced_by_their_edges_when_a_turn_mixes_languages(lang: Lang) -> None:
    # A small model may answer a Chinese turn in English: its sentences still get their space.
    assert join_sentences(["It sounds bad.", "Can you tell me more?"], lang) == "It sounds bad. Can you tell me more?"
    assert join_sentences(["听起来很难受。", "能多说一点吗？"], lang) == "听起来很难受。能多说一点吗？"
    assert sentence_gap("", "Hi.", lang) == sentence_gap("Hi.", "", lang) == sentence_joiner(lang)
    assert sentence_gap("好的。", "What next?", lang) == sentence_joiner(lang)  # a mixed edge: the turn's way


def test_json_schema_names_every_part() -> None:
    schema = record_json_schema()
    text = json.dumps(schema)
    for name in ("Seed", "Persona", "Cognition", "DistortionChannel", "CounsellorTurn", "ClientTurn", "Verdict",
                 "CommonsenseHint", "Provenance", "QualityScores"):
        assert name in schema["$defs"]
    assert "catastrophizing" in text and "reflection_of_feelings" in text
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I feel overwhelmed by the comments.", Lang.EN),
        ("我感到不知所措。", Lang.ZH),
        ("我今天和 advisor 谈了一下，感觉很糟糕。", Lang.ZH),
        ("I tried 加油 but it did not help at all today.", Lang.EN),
        ("12345 !!!", None),
        ("", None),
    ],
)
def test_detect_language(text: str, lang: Lang | None) -> None:
    assert detect_language(text) == lang
