"""Content shipped with the package: the built-in seed situations and the two worked CRDial examples.

The seeds feed synthesis when the user brings none; the worked examples are few-shot exemplars in
prompts and fixtures elsewhere. Both must stay well-formed as the schema and checks evolve.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib.resources import files
from typing import Any

import pytest

from crisp.cr.checks import validate_record
from crisp.cr.language import detect_language
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord, Seed
from crisp.cr.taxonomy import Lang, SituationCategory, Strategy, SubStep

SEEDS_PER_CELL = 5  # at least this many per (language, category)
MIN_SUBCATEGORIES = 40
# Seeds at acute risk are screened out by the safety layer; the built-in ones must never need it.
CRISIS_WORDS = (
    "suicide", "suicidal", "kill myself", "end my life", "end it all", "self-harm", "self harm",
    "hurt myself", "cut myself", "want to die", "overdose",
    "自杀", "轻生", "不想活", "自残", "割腕", "结束生命", "寻死", "活着没意思", "跳楼",
)
_SNAKE = re.compile(r"^[a-z]+(_[a-z]+)*$")


def _load_seeds() -> list[Seed]:
    text = (files("crisp") / "synth" / "builtin_seeds.jsonl").read_text(encoding="utf-8")
    return [Seed.model_validate_json(line) for line in text.splitlines() if line.strip()]


def _load_example(lang: str) -> dict[str, Any]:
    text = (files("crisp") / "prompts" / lang / "example_dialogue.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


SEEDS = _load_seeds()


# -- built-in seeds ------------------------------------------------------------------------------


def test_seed_counts_per_language_and_category() -> None:
    counts = Counter((s.language, s.category) for s in SEEDS)
    for lang in Lang:
        for category in SituationCategory:
            assert counts[(lang, category.value)] >= SEEDS_PER_CELL, (lang.value, category.value)
    assert len(SEEDS) >= 2 * len(SituationCategory) * SEEDS_PER_CELL


def test_seed_ids_are_unique_and_prefixed_by_language_and_category() -> None:
    ids = [s.id for s in SEEDS]
    assert len(ids) == len(set(ids))
    for seed in SEEDS:
        assert re.fullmatch(rf"{seed.language.value}-{seed.category}-\d{{3}}", seed.id), seed.id


def test_seed_fields() -> None:
    categories = {c.value for c in SituationCategory}
    for seed in SEEDS:
        assert seed.category in categories, seed.id
        assert seed.subcategory and _SNAKE.match(seed.subcategory), seed.id
        assert seed.source == "crisp-builtin", seed.id
        assert seed.extra == {}, seed.id
    # Each subcategory belongs to one category, and there are about as many as in the paper (54).
    owners: dict[str, set[str | None]] = {}
    for seed in SEEDS:
        owners.setdefault(seed.subcategory or "", set()).add(seed.category)
    assert all(len(cats) == 1 for cats in owners.values()), {k: v for k, v in owners.items() if len(v) > 1}
    assert len(owners) >= MIN_SUBCATEGORIES


def test_seed_language_is_detected() -> None:
    for seed in SEEDS:
        assert detect_language(seed.situation) is seed.language, seed.id


def test_seeds_are_short_first_person_posts() -> None:
    for seed in SEEDS:
        if seed.language is Lang.ZH:
            sentences = len(re.findall(r"[。！？]", seed.situation))
            assert "我" in seed.situation, seed.id
        else:
            sentences = len(re.findall(r"[.!?]['\"’”]?(?=\s|$)", seed.situation.replace("a.m.", "am")))
            assert re.search(r"\b(I|I'm|I've|my)\b", seed.situation), seed.id
        assert 2 <= sentences <= 4, (seed.id, sentences)


def test_no_seed_trips_crisis_words() -> None:
    for seed in SEEDS:
        lowered = seed.situation.casefold()
        assert not [w for w in CRISIS_WORDS if w in lowered], seed.id


# -- worked examples -----------------------------------------------------------------------------


@pytest.fixture(params=["en", "zh"])
def example(request: pytest.FixtureRequest) -> CrispRecord:
    record, violations = validate_record(_load_example(request.param))
    assert violations == []
    assert record is not None
    assert record.language.value == request.param
    return record


def test_example_is_a_complete_two_loop_two_channel_dialogue(example: CrispRecord) -> None:
    assert example.end_reason == "plan_complete"
    assert example.loops == 2
    assert [(c.index, c.loop) for c in example.cognition.channels] == [(1, 1), (2, 1)]
    assert [(v.channel, v.loop) for v in example.verdicts] == [(1, 1), (2, 2)]
    assert example.cognition.automatic_thought and example.cognition.intermediate_belief
    assert example.persona.resistance == "medium"
    assert 30 <= len(example.turns) <= 40


def test_example_follows_the_plan_order(example: CrispRecord) -> None:
    # Collapse consecutive turns at the same step to the sequence of steps the dialogue visits.
    steps: list[tuple[SubStep | None, int, int | None]] = []
    for turn in example.turns:
        step = (turn.substep, turn.loop, turn.channel)
        if not steps or steps[-1] != step:
            steps.append(step)
    at, ib, cb = SubStep.AUTOMATIC_THOUGHT, SubStep.INTERMEDIATE_BELIEF, SubStep.CORE_BELIEF
    d, p, v = SubStep.DEFENSE, SubStep.PROSECUTION, SubStep.VERDICT
    assert steps == [
        (at, 1, None), (ib, 1, None), (cb, 1, None), (d, 1, 1), (p, 1, 1), (v, 1, 1),
        (at, 2, None), (ib, 2, None), (cb, 2, None), (d, 2, 2), (p, 2, 2), (v, 2, 2),
        (None, 2, None),
    ]
    closing = [t for t in example.turns if t.substep is None]
    assert 1 <= len(closing) <= 2


def test_example_roles_alternate_starting_with_client(example: CrispRecord) -> None:
    assert isinstance(example.turns[0], ClientTurn)
    for before, after in zip(example.turns, example.turns[1:], strict=False):
        assert before.role != after.role


def test_example_strategies(example: CrispRecord) -> None:
    turns: list[CounsellorTurn] = example.counsellor_turns
    used = {s.strategy for t in turns for s in t.sentences}
    assert used == set(Strategy)
    assert all(1 <= len(t.sentences) <= 4 for t in turns)
    average = sum(len(t.sentences) for t in turns) / len(turns)
    assert 1.8 <= average <= 2.8


def test_example_seeds_are_not_builtin_seeds() -> None:
    builtin = {s.situation for s in SEEDS} | {s.id for s in SEEDS}
    for lang in ("en", "zh"):
        seed = _load_example(lang)["seed"]
        assert seed["situation"] not in builtin and seed["id"] not in builtin
