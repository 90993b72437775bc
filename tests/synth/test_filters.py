"""Each filter, on dialogues crafted to trip it; the 16 criteria; the judge."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from synth.helpers import teacher_double

from crisp.cr.schema import CounsellorTurn, CrispRecord, Sentence
from crisp.cr.taxonomy import Strategy
from crisp.synth.criteria import CRITERIA, CRITERION_IDS, criteria_block, judge_output_model
from crisp.synth.filters import (
    FilterSettings,
    basic_reasons,
    expert_reasons,
    judge_messages,
    judge_record,
    safety_reasons,
)


def _copy(record: CrispRecord) -> CrispRecord:
    return record.model_copy(deep=True)


def _counsellor(record: CrispRecord, k: int = 0) -> tuple[int, CounsellorTurn]:
    found = [(i, t) for i, t in enumerate(record.turns) if isinstance(t, CounsellorTurn)]
    return found[k]


def _client_index(record: CrispRecord, k: int = 0) -> int:
    return [i for i, t in enumerate(record.turns) if t.role == "client"][k]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clean_dialogues_pass_basic_and_safety(clean_records: dict[str, CrispRecord], lang: str) -> None:
    record = clean_records[lang]
    assert record.end_reason == "plan_complete"
    assert basic_reasons(record) == []
    assert safety_reasons(record) == []


def test_structural_violations_are_basic_reasons(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    del record.turns[1]  # two client turns in a row
    assert any(r.startswith("structure: ") and "two client turns in a row" in r for r in basic_reasons(record))


def test_incomplete_dialogue_is_dropped_unless_allowed(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    record.end_reason = "max_turns"
    assert any(r.startswith("incomplete") for r in basic_reasons(record))
    assert basic_reasons(record, FilterSettings(require_complete=False)) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "As an AI, I cannot feel what you feel.", "boilerplate"),
        ("en", "I'm just an AI language model, but that sounds hard.", "boilerplate"),
        ("zh", "作为一个人工智能，我无法真正理解你的感受。", "boilerplate"),
        ("en", "First, breathe. Second, write it down. Finally, rest.", "numbered lecture"),
        ("zh", "首先，你要休息。其次，你要运动。最后，你要早睡。", "numbered lecture"),
    ],
)
def test_boilerplate_and_numbered_lectures(clean_records: dict[str, CrispRecord], lang: str, text: str,
                                           expected: str) -> None:
    record = _copy(clean_records[lang])
    i, turn = _counsellor(record, 2)
    turn.sentences[0] = Sentence(text=text, strategy=Strategy.INFORMATION)
    reasons = basic_reasons(record)
    assert any(r.startswith(f"turns[{i}]") and expected in r for r in reasons), reasons


def test_identical_sentences_repeated_across_turns(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    for k in (1, 3, 5):
        _counsellor(record, k)[1].sentences[0] = Sentence(text="That must be so hard for you.",
                                                          strategy=Strategy.REFLECTION_OF_FEELINGS)
    assert any(r.startswith("repetition: counsellor sentence 'that must be so hard for you'")
               for r in basic_reasons(record))
    record = _copy(clean_records["en"])
    for k in (1, 2, 3):
        record.turns[_client_index(record, k)].content = "I don't know."  # type: ignore[union-attr]
    assert any(r.startswith("repetition: client turn") for r in basic_reasons(record))


def test_same_sentence_twice_in_one_turn(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    i, turn = _counsellor(record, 1)
    turn.sentences = [turn.sentences[-1], turn.sentences[-1]]
    assert f"turns[{i}]: the same sentence twice in one turn" in basic_reasons(record)


def test_counsellor_that_never_asks_is_lecturing(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    for k, (_, turn) in enumerate(t for t in enumerate(record.turns) if isinstance(t[1], CounsellorTurn)):
        turn.sentences = [Sentence(text=f"You should rest more, point {k} of my advice.",
                                   strategy=Strategy.PROVIDING_SUGGESTIONS)]
    assert any("no question in 6 counsellor turns in a row: lecturing" in r for r in basic_reasons(record))


def test_length_bounds(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    i, turn = _counsellor(record, 0)
    turn.sentences = [Sentence(text="word " * 120 + "?", strategy=Strategy.QUESTION),
                      Sentence(text="more " * 120 + ".", strategy=Strategy.INFORMATION)]
    assert any(r.startswith(f"turns[{i}]: counsellor turn of") and "lecturing" in r for r in basic_reasons(record))
    record = _copy(clean_records["zh"])
    j = _client_index(record, 1)
    record.turns[j].content = "我觉得很难过。" * 60  # type: ignore[union-attr]
    assert any(r.startswith(f"turns[{j}]: client turn of") for r in basic_reasons(record))


def test_language_mismatch_and_client_counselling(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["zh"])
    j = _client_index(record, 2)
    record.turns[j].content = "I think I just need some time to sort this out by myself."  # type: ignore[union-attr]
    assert any("language" in r and f"turns[{j}]" in r for r in basic_reasons(record))
    record = _copy(clean_records["en"])
    record.turns[j].content = "As your counsellor, I think you should consider other views."  # type: ignore[union-attr]
    assert f"turns[{j}]: the help-seeker talks like a counsellor" in basic_reasons(record)


def test_safety_drops_a_client_in_crisis_and_harmful_counsellor_text(clean_records: dict[str, CrispRecord]) -> None:
    record = _copy(clean_records["en"])
    j = _client_index(record, 3)
    record.turns[j].content = "Honestly I want to kill myself tonight, I have the pills ready."  # type: ignore[union-attr]
    reasons = safety_reasons(record)
    assert any(r.startswith(f"turns[{j}]: the simulated client is at") for r in reasons), reasons
    record = _copy(clean_records["en"])
    i, turn = _counsellor(record, 3)
    turn.sentences = [Sentence(text="Taking 20 tablets of paracetamol would be enough to end it.",
                               strategy=Strategy.INFORMATION)]
    reasons = safety_reasons(record)
    assert any(r.startswith(f"turns[{i}]: counsellor reply fails the safety check") for r in reasons), reasons


def test_sixteen_criteria_five_nine_two_bilingual() -> None:
    assert len(CRITERIA) == 16
    by = {p: [c for c in CRITERIA if c.perspective == p] for p in ("counsellor", "help_seeker", "supervisor")}
    assert [len(v) for v in by.values()] == [5, 9, 2]
    assert all(c.name_zh and c.question_zh and c.name_en and c.question_en for c in CRITERIA)
    schema = judge_output_model().model_json_schema()
    assert list(schema["properties"]) == list(CRITERION_IDS)
    assert all(p["minimum"] == 1 and p["maximum"] == 5 for p in schema["properties"].values())
    assert "共情" in criteria_block("zh") and "Empathy" in criteria_block("en")


def _judge(score: int | dict[str, int]) -> Any:
    def script(messages: Any, schema: Any, seed: Any) -> str:
        import json

        values = score if isinstance(score, dict) else {c: score for c in CRITERION_IDS}
        return json.dumps(values)

    return teacher_double(script=script, spec="scripted:judge")


def test_judge_scores_go_into_quality_and_low_means_drop(clean_records: dict[str, CrispRecord]) -> None:
    record = clean_records["zh"]
    messages = judge_messages(record)
    assert record.seed.situation in messages[0].content and "[" in messages[0].content  # strategies shown
    good = asyncio.run(judge_record(_judge(4), record))
    assert good.mean == 4.0 and good.judge == "scripted:judge" and set(good.criteria) == set(CRITERION_IDS)
    assert expert_reasons(good) == []
    mixed = {c: (2 if k < 10 else 5) for k, c in enumerate(CRITERION_IDS)}  # mean 3.125
    low = asyncio.run(judge_record(_judge(mixed), record))
    reasons = expert_reasons(low)
    assert len(reasons) == 1 and reasons[0].startswith("judge mean 3.12 < 3.5 (lowest: counsellor_empathy=2")


def test_safety_reads_earlier_client_turns_after_some_risk(clean_records: dict[str, CrispRecord]) -> None:
    from crisp.safety import assess

    earlier, later = "I used to self-harm in high school.", "I still keep the razor blades in my desk."
    assert assess(later, lang="en").level.value == "none"  # harmless alone, high after the earlier turn
    record = _copy(clean_records["en"])
    j, k = _client_index(record, 2), _client_index(record, 3)
    record.turns[j].content = earlier  # type: ignore[union-attr]
    record.turns[k].content = later  # type: ignore[union-attr]
    reasons = safety_reasons(record)
    assert any(r.startswith(f"turns[{k}]: the simulated client is at high risk") for r in reasons), reasons
