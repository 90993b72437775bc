"""Dataset figures on records whose numbers are known exactly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.records import make_record

from crisp.cr.schema import CrispRecord
from crisp.cr.taxonomy import Distortion, Strategy
from crisp.data.mtld import dialogue_mtld
from crisp.data.options import GroupBy
from crisp.data.stats import PUBLISHED_CRISP, Tally, collect_stats, render_text, sample_key
from crisp.errors import InputError

# make_record: per loop 3 identification pairs, per channel 3 restructuring pairs (client + counsellor,
# 2 sentences: Reflection of Feelings, Question), then one closing client turn.
#   A en (2,):      (3 + 6) pairs = 18 turns + 1 = 19; 9 counsellor turns; channels 2; loops 1
#   B en (1,):      (3 + 3) pairs = 12 + 1 = 13;       6 counsellor turns; channels 1; loops 1
#   C zh (3, 2, 1): (9 + 18) pairs = 54 + 1 = 55;      27 counsellor turns; channels 6; loops 3
# Channel k gets distortion number (k - 1) % 5 of [catastrophizing, all-or-nothing, mind reading,
# overgeneralization, blaming].
RECORDS = [
    make_record("en", (2,), record_id="A", seed_id="s1", category="education"),
    make_record("en", (1,), record_id="B", seed_id="s1", category="education"),
    make_record("zh", (3, 2, 1), record_id="C", seed_id="s2", category="career"),
]


@pytest.fixture
def data(jsonl: Callable[..., Path]) -> Path:
    return jsonl("d.jsonl", RECORDS)


def test_figures_of_known_records(data: Path) -> None:
    stats = collect_stats([data], jobs=1)
    figures = stats.overall.figures()
    expected = {
        "dialogues": 3,
        "dialogues_en": 2,
        "dialogues_zh": 1,
        "seed_situations": 2,
        "categories": 2,
        "subcategories": 0,
        "dialogues_per_situation": 1.5,
        "utterances": 87,
        "turns_per_dialogue": 29.0,
        "turns_per_dialogue_median": 19.0,
        "turns_per_dialogue_min": 13,
        "turns_per_dialogue_max": 55,
        "counsellor_turns": 42,
        "channels_per_dialogue": 3.0,
        "loops_per_dialogue": 5 / 3,
        "strategies_per_counsellor_turn": 2.0,
        "distinct_strategies_per_counsellor_turn": 2.0,
        "mtld_dialogues": 3,
    }
    assert {k: figures[k] for k in expected} == expected
    assert stats.overall.distortion_counts() == {
        **{d: 0 for d in Distortion},
        Distortion.CATASTROPHIZING: 4,  # A1, B1, C1, C6
        Distortion.ALL_OR_NOTHING_THINKING: 2,  # A2, C2
        Distortion.MIND_READING: 1,
        Distortion.OVERGENERALIZATION: 1,
        Distortion.BLAMING: 1,
    }
    assert stats.overall.strategy_counts() == {
        **{s: 0 for s in Strategy}, Strategy.REFLECTION_OF_FEELINGS: 42, Strategy.QUESTION: 42,
    }


def test_mtld_is_the_dialogue_weighted_mean_of_language_means(data: Path) -> None:
    values = {r["id"]: dialogue_mtld(CrispRecord.model_validate(r)) for r in RECORDS}
    stats = collect_stats([data], jobs=1)
    en = (values["A"] + values["B"]) / 2
    assert stats.by_language["en"].figures()["mtld"] == pytest.approx(en)
    assert stats.by_language["zh"].figures()["mtld"] == pytest.approx(values["C"])
    # Every dialogue measured: the weighted mean is the plain mean over dialogues.
    assert stats.overall.figures()["mtld"] == pytest.approx(sum(values.values()) / 3)
    assert stats.overall.figures()["mtld_by_language"] == pytest.approx({"en": en, "zh": values["C"]})


def test_mtld_sample_takes_the_smallest_id_hashes_whatever_the_order(jsonl: Callable[..., Path]) -> None:
    records = [make_record("en", (1,), record_id=f"r{i}") for i in range(6)]
    # Give each dialogue a different text so their MTLDs differ.
    for i, record in enumerate(records):
        record["turns"][0]["content"] = " ".join(f"word{j}" for j in range(i * 7 + 3)) + " and so on and on"
    forward = jsonl("f.jsonl", records)
    backward = jsonl("b.jsonl", records[::-1])
    chosen = sorted(records, key=lambda r: sample_key(r["id"]))[:2]
    expected = sum(dialogue_mtld(CrispRecord.model_validate(r)) for r in chosen) / 2
    for path in (forward, backward):
        stats = collect_stats([path], mtld_sample=2, jobs=1)
        figures = stats.overall.figures()
        assert figures["mtld_dialogues"] == 2
        assert figures["mtld"] == pytest.approx(expected)
        assert figures["dialogues"] == 6  # the other figures count every dialogue


def test_groups_by_language_and_category(data: Path) -> None:
    stats = collect_stats([data], by_category=True, jobs=1)
    assert list(stats.groups(GroupBy.LANG)) == ["en", "zh"]
    assert stats.groups(GroupBy.LANG)["en"].figures()["utterances"] == 32
    categories = stats.groups(GroupBy.CATEGORY)
    assert list(categories) == ["career", "education"]
    assert categories["career"].figures()["channels_per_dialogue"] == 6.0
    assert categories["education"].figures()["mtld_dialogues"] == 2


def test_lines_that_are_not_records_are_skipped_and_counted(jsonl: Callable[..., Path]) -> None:
    path = jsonl("d.jsonl", RECORDS[:1])
    with path.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
        f.write(json.dumps({"id": "no schema"}) + "\n")
    stats = collect_stats([path], jobs=1)
    assert stats.overall.dialogues == 1
    assert stats.skipped_lines == 2
    assert stats.first_skipped == f"{path}:2"
    assert "2 lines skipped, not valid records (first at" in render_text(stats)


def test_a_file_without_records_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        collect_stats([tmp_path / "empty.jsonl"], jobs=1)


def test_tallies_merge_into_the_tally_of_the_union() -> None:
    records = [CrispRecord.model_validate(r) for r in RECORDS]
    whole, a, b = Tally(), Tally(), Tally()
    for r in records:
        whole.add(r)
    a.add(records[0])
    b.add(records[1])
    b.add(records[2])
    assert a.merge(b) == whole


def test_text_and_json_show_published_figures_beside(data: Path) -> None:
    stats = collect_stats([data], jobs=1)
    text = render_text(stats, GroupBy.LANG)
    header = next(line for line in text.splitlines() if line.startswith("figure"))
    assert header.split() == ["figure", "all", "en", "zh", "Crisp", "(published)"]
    row = next(line for line in text.splitlines() if line.startswith("strategies per counsellor turn"))
    assert row.split()[-4:] == ["2.00", "2.00", "2.00", "2.23"]
    row = next(line for line in text.splitlines() if line.startswith("utterances"))
    assert row.split()[-4:] == ["87", "32", "55", "796,859"]
    out = stats.to_json(GroupBy.LANG)
    json.dumps(out)  # serialisable
    assert out["all"]["utterances"] == 87
    assert out["groups"]["zh"]["dialogues"] == 1
    assert out["published_crisp"]["strategies_per_counsellor_turn"] == PUBLISHED_CRISP["strategies_per_counsellor_turn"]
    assert out["published_crisp"]["distortions"]["catastrophizing"] == 3014


def test_worker_processes_give_the_same_figures(jsonl: Callable[..., Path]) -> None:
    records = [make_record("en" if i % 3 else "zh", (1 + i % 3,), record_id=f"r{i}", seed_id=f"s{i % 4}")
               for i in range(40)]
    path = jsonl("d.jsonl", records)
    serial = collect_stats([path], by_category=True, mtld_sample=5, jobs=1)
    parallel = collect_stats([path], by_category=True, mtld_sample=5, jobs=2)
    assert serial.to_json(GroupBy.CATEGORY) == parallel.to_json(GroupBy.CATEGORY)
