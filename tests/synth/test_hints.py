"""Commonsense hints: ATOMIC TSV retrieval (English and Chinese), teacher-written hints, the option."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from synth.helpers import teacher_double

from crisp.cr.schema import Seed
from crisp.cr.taxonomy import SubStep
from crisp.errors import ConfigError, InputError
from crisp.synth.hints import (
    STEP_RELATIONS,
    AtomicHints,
    TeacherHints,
    TfidfIndex,
    hint_fingerprint,
    hint_source,
    read_atomic_tsv,
    tokens,
)

ATOMIC = """head\trelation\ttail
PersonX fails PersonX's exam\txReact\tdisappointed in themselves
PersonX fails PersonX's exam\txReact\tashamed
PersonX fails PersonX's exam\txWant\tto study harder next time
PersonX fails PersonX's exam\txNeed\tto have taken the exam
PersonX fails PersonX's exam\txAttr\tunprepared
PersonX fails PersonX's exam\tHinderedBy\tPersonX is sick
PersonX gets fired from work\txReact\tworthless
PersonX gets fired from work\txWant\tto find a new job
PersonX gets fired from work\txEffect\tloses income
PersonX bakes a cake\txReact\tproud
PersonX bakes a cake\txWant\tto share it
PersonX goes to the beach\txReact\trelaxed
某人考试不及格\txReact\t失望
某人考试不及格\txWant\t下次更努力复习
某人被公司辞退\txReact\t觉得自己没用
"""


@pytest.fixture
def atomic_file(tmp_path: Path) -> Path:
    path = tmp_path / "atomic.tsv"
    path.write_text(ATOMIC, encoding="utf-8")
    return path


def test_tsv_reading_groups_by_head_and_keeps_the_six_relations(atomic_file: Path) -> None:
    events = {e.head: e for e in read_atomic_tsv(atomic_file)}
    exam = events["PersonX fails PersonX's exam"]
    assert exam.tails["xReact"] == ("disappointed in themselves", "ashamed")
    assert "HinderedBy" not in exam.tails  # not one of the person-centred relations


def test_retrieval_returns_tails_of_the_most_similar_head(atomic_file: Path) -> None:
    source = AtomicHints.from_file(atomic_file)
    seed = Seed(id="s", situation="I failed my statistics exam again and feel like giving up on my degree.",
                language="en")
    best, score = source.retrieve(seed.situation)[0]
    assert best.head == "PersonX fails PersonX's exam" and score > 0
    hints = asyncio.run(source.hints(seed, SubStep.AUTOMATIC_THOUGHT))
    assert hints and all(h.relation in STEP_RELATIONS[SubStep.AUTOMATIC_THOUGHT] for h in hints)
    assert any("disappointed in themselves" in h.text for h in hints)
    assert all(h.substep is SubStep.AUTOMATIC_THOUGHT and h.source == "atomic:atomic.tsv" for h in hints)
    assert "someone fails" in hints[0].text  # PersonX made readable
    verdict = asyncio.run(source.hints(seed, SubStep.VERDICT))
    assert any("study harder" in h.text for h in verdict)


def test_fired_situation_gets_job_hints_not_exam_hints(atomic_file: Path) -> None:
    source = AtomicHints.from_file(atomic_file)
    seed = Seed(id="s", situation="I was fired from my job last week and I feel worthless.", language="en")
    hints = asyncio.run(source.hints(seed, SubStep.AUTOMATIC_THOUGHT))
    assert hints[0].text.endswith("worthless")
    assert not any("exam" in h.text for h in hints)


def test_chinese_retrieval_uses_word_segmentation(atomic_file: Path) -> None:
    source = AtomicHints.from_file(atomic_file)
    seed = Seed(id="z", situation="我这次考试又不及格，觉得自己太差了。", language="zh")
    hints = asyncio.run(source.hints(seed, SubStep.AUTOMATIC_THOUGHT))
    assert [h.text for h in hints] == ["某人考试不及格 → 失望"]
    assert "考试" in list(tokens("我这次考试又不及格"))


def test_unrelated_situation_gets_no_hints(atomic_file: Path) -> None:
    source = AtomicHints.from_file(atomic_file)
    seed = Seed(id="s", situation="Quantum chromodynamics lattice simulations", language="en")
    assert asyncio.run(source.hints(seed, SubStep.DEFENSE)) == []


def test_tfidf_prefers_rare_shared_words() -> None:
    index = TfidfIndex(["the exam was hard", "the weather was nice", "the the the exam"])
    ranked = index.search("nice weather", 3)
    assert ranked[0][0] == 1 and len(ranked) == 1


def test_bad_atomic_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_atomic_tsv(tmp_path / "none.tsv")
    short = tmp_path / "short.tsv"
    short.write_text("PersonX eats\txWant\tmore\nPersonX runs only two columns\txWant\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"short.tsv:2: expected head<TAB>relation<TAB>tail"):
        read_atomic_tsv(short)
    other = tmp_path / "other.tsv"
    other.write_text("PersonX eats\tHinderedBy\tnothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="no rows with the relations"):
        read_atomic_tsv(other)


def test_teacher_hints_make_one_call_per_seed_for_all_steps_and_variants() -> None:
    model = teacher_double()
    source = TeacherHints(model)
    seed = Seed(id="s", situation="My manager criticised my report in front of the team.", language="en")

    async def many() -> list[list[object]]:
        steps = [*SubStep, None]
        return await asyncio.gather(*(source.hints(seed, step) for step in steps * 3))

    results = asyncio.run(many())
    assert len(model.calls) == 1
    assert all(results) and all(h.source == "teacher" for r in results for h in r)  # type: ignore[attr-defined]


def test_teacher_hints_failure_gives_no_hints_instead_of_failing() -> None:
    model = teacher_double(script=lambda messages, schema, seed: "no json here")
    source = TeacherHints(model)
    seed = Seed(id="s", situation="I feel alone.", language="en")
    assert asyncio.run(source.hints(seed, SubStep.DEFENSE)) == []
    assert source.failures == 1


def test_hint_option(atomic_file: Path) -> None:
    model = teacher_double()
    assert hint_source("off", model) is None
    assert isinstance(hint_source("teacher", model), TeacherHints)
    assert isinstance(hint_source(f"atomic:{atomic_file}", model), AtomicHints)
    with pytest.raises(ConfigError, match="use off, teacher or atomic:PATH"):
        hint_source("atomic", model)
    assert hint_fingerprint(f"atomic:{atomic_file}") != hint_fingerprint(f"atomic:{atomic_file}x")
    assert hint_fingerprint(f"atomic:{atomic_file}").startswith("atomic:")
