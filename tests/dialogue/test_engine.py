"""The dialogue engine with a scripted teacher (a test double): plan order, records, both granularities."""

from __future__ import annotations

import asyncio

import pytest

from crisp.llm.testing import crdial_teacher_double
from crisp.cr.checks import check_record
from crisp.cr.plan import CRDialPlan
from crisp.cr.schema import Seed
from crisp.cr.taxonomy import SubStep
from crisp.dialogue.client import SimulatedClient, derive_profile, looks_like_counselling
from crisp.dialogue.crdial import CRDialCounsellor, SegmentWriter, run_segment_session
from crisp.dialogue.runner import run_session
from crisp.dialogue.session import Session

SEEDS = {
    "en": Seed(id="s-en", situation="My paper was rejected three times and I feel lost.", language="en"),
    "zh": Seed(id="s-zh", situation="我的论文被拒了三次，我觉得很迷茫。", language="zh"),
}


async def _turn_dialogue(lang: str, goal_after: int = 1, decisions=("next_channel", "close"), **plan):  # type: ignore[no-untyped-def]
    model = crdial_teacher_double(goal_after, decisions)
    profile = await derive_profile(model, SEEDS[lang])
    session = Session(SEEDS[lang], persona=profile.persona, plan=CRDialPlan(**plan))
    record = await run_session(session, CRDialCounsellor(model), SimulatedClient(model, profile), max_turns=80)
    return record, model


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_turn_granularity_writes_a_complete_valid_dialogue(lang: str) -> None:
    record, model = asyncio.run(_turn_dialogue(lang))
    assert record.end_reason == "plan_complete"
    assert check_record(record) == []
    substeps = [t.substep for t in record.turns]
    # identification then two channels restructured, then closing
    assert substeps[0] is SubStep.AUTOMATIC_THOUGHT
    assert [c.index for c in record.cognition.channels] == [1, 2]
    assert {v.channel for v in record.verdicts} == {1, 2}
    assert record.turns[-1].role == "counsellor" and record.turns[-1].substep is None
    assert record.cognition.automatic_thought and record.cognition.intermediate_belief
    assert model.usage.total.calls == len(model.calls)


def test_counsellor_never_leaves_a_step_before_speaking_in_it() -> None:
    # The model claims every goal is met at once; each step still gets exactly one counsellor turn.
    record, _ = asyncio.run(_turn_dialogue("en", goal_after=0))
    counsellor_steps = [(t.substep, t.channel) for t in record.turns if t.role == "counsellor"]
    at, ib, cb = SubStep.AUTOMATIC_THOUGHT, SubStep.INTERMEDIATE_BELIEF, SubStep.CORE_BELIEF
    d, p, v = SubStep.DEFENSE, SubStep.PROSECUTION, SubStep.VERDICT
    assert counsellor_steps == [(at, None), (ib, None), (cb, None), (d, 1), (p, 1), (v, 1),
                                (d, 2), (p, 2), (v, 2), (None, None)]
    assert check_record(record) == []


def test_slow_goal_stays_in_each_step_and_max_turns_forces_progress() -> None:
    record, _ = asyncio.run(_turn_dialogue("en", goal_after=99))  # the model never says the goal is met
    assert record.end_reason == "plan_complete" and check_record(record) == []
    counts: dict[object, int] = {}
    for t in record.turns:
        if t.role == "counsellor" and t.substep is SubStep.AUTOMATIC_THOUGHT:
            counts[t.loop] = counts.get(t.loop, 0) + 1
    assert counts[1] == 4  # max_turns_per_step; the forced transition turn is tagged with the next step


def test_loop_decision_goes_back_to_identification() -> None:
    record, _ = asyncio.run(_turn_dialogue("en", decisions=("loop", "close")))
    assert record.loops == 2
    assert check_record(record) == []
    loop2 = [t.substep for t in record.turns if t.loop == 2 and t.substep is not None]
    assert loop2[0] is SubStep.AUTOMATIC_THOUGHT and SubStep.VERDICT in loop2


def test_illegal_close_from_the_model_is_replaced_by_a_legal_decision() -> None:
    record, _ = asyncio.run(_turn_dialogue("en", decisions=("close",)))  # close while channel 2 is pending
    assert record.end_reason == "plan_complete" and check_record(record) == []
    assert {v.channel for v in record.verdicts} == {1, 2}


def test_max_turns_stops_the_dialogue() -> None:
    model = crdial_teacher_double(goal_after=99)

    async def go():  # type: ignore[no-untyped-def]
        profile = await derive_profile(model, SEEDS["en"])
        return await run_session(Session(SEEDS["en"]), CRDialCounsellor(model), SimulatedClient(model, profile),
                                 max_turns=6)

    record = asyncio.run(go())
    assert record.end_reason == "max_turns" and len(record.turns) == 6


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_segment_granularity_writes_the_same_schema(lang: str) -> None:
    async def go():  # type: ignore[no-untyped-def]
        model = crdial_teacher_double(varied=True)  # fixed text would repeat its client turn: one exchange kept
        profile = await derive_profile(model, SEEDS[lang])
        session = Session(SEEDS[lang], persona=profile.persona)
        return await run_segment_session(session, SegmentWriter(model, profile), max_turns=80), model

    record, model = asyncio.run(go())
    assert record.end_reason == "plan_complete"
    assert check_record(record) == []
    # one call per sub-step (+ profile + closing): far fewer calls than turns
    assert len(model.calls) < len(record.turns) / 2


def test_role_adherence_check() -> None:
    assert looks_like_counselling("As your counsellor, I think you should rest.", "en")  # type: ignore[arg-type]
    assert looks_like_counselling("作为咨询师，我建议你休息。", "zh")  # type: ignore[arg-type]
    assert not looks_like_counselling("I just feel like I'm failing at everything.", "en")  # type: ignore[arg-type]
