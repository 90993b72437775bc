"""The CRDial plan: every legal and illegal transition."""

from __future__ import annotations

import pytest

from crisp.cr.plan import CRDialPlan, IllegalTransition, LoopDecision, PlanState, Step
from crisp.cr.taxonomy import SubStep

AT, IB, CB = SubStep.AUTOMATIC_THOUGHT, SubStep.INTERMEDIATE_BELIEF, SubStep.CORE_BELIEF
D, P, V = SubStep.DEFENSE, SubStep.PROSECUTION, SubStep.VERDICT


def walk(plan: CRDialPlan, steps: list[tuple[Step, tuple[int, ...]]]) -> PlanState:
    state = PlanState()
    for step, new in steps:
        state = plan.apply(state, step, new)
    return state


def at_verdict(plan: CRDialPlan, channels: tuple[int, ...] = (1, 2)) -> PlanState:
    return walk(
        plan,
        [(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), channels),
         (Step(D, 1, channels[0]), ()), (Step(P, 1, channels[0]), ()), (Step(V, 1, channels[0]), ())],
    )


def test_first_step_is_automatic_thought_of_loop_one() -> None:
    assert CRDialPlan().next_step(PlanState()) == Step(AT, 1)


def test_identification_then_restructuring_of_first_pending_channel() -> None:
    plan = CRDialPlan()
    state = walk(plan, [(Step(AT, 1), ())])
    assert plan.next_step(state) == Step(IB, 1)
    state = plan.apply(state, Step(IB, 1))
    assert plan.next_step(state) == Step(CB, 1)
    state = plan.apply(state, Step(CB, 1), (1, 2))
    assert state.pending == (1, 2)
    assert plan.next_step(state) == Step(D, 1, 1)
    state = plan.apply(state, Step(D, 1, 1))
    assert plan.next_step(state) == Step(P, 1, 1)
    state = plan.apply(state, Step(P, 1, 1))
    assert plan.next_step(state) == Step(V, 1, 1)
    state = plan.apply(state, Step(V, 1, 1))
    assert state.resolved == (1,) and state.pending == (2,)


def test_staying_in_a_substep_is_legal() -> None:
    plan = CRDialPlan()
    state = walk(plan, [(Step(AT, 1), ()), (Step(AT, 1), ()), (Step(IB, 1), ()), (Step(IB, 1), ())])
    assert state.step == Step(IB, 1)


@pytest.mark.parametrize(
    ("decision", "expected"),
    [(LoopDecision.NEXT_CHANNEL, Step(D, 1, 2)), (LoopDecision.LOOP, Step(AT, 2))],
)
def test_decisions_with_a_pending_channel(decision: LoopDecision, expected: Step) -> None:
    plan = CRDialPlan()
    state = at_verdict(plan)
    assert set(plan.legal_decisions(state)) == {LoopDecision.NEXT_CHANNEL, LoopDecision.LOOP}
    assert plan.next_step(state, decision) == expected
    plan.apply(state, expected)


def test_close_is_illegal_while_a_channel_is_pending() -> None:
    plan = CRDialPlan()
    state = at_verdict(plan)
    with pytest.raises(IllegalTransition, match="not legal"):
        plan.next_step(state, LoopDecision.CLOSE)
    with pytest.raises(IllegalTransition, match="still without a verdict"):
        plan.apply(state, Step(None, 1))


def test_close_after_last_verdict_completes_the_plan() -> None:
    plan = CRDialPlan()
    state = at_verdict(plan, channels=(1,))
    assert plan.legal_decisions(state) == (LoopDecision.LOOP, LoopDecision.CLOSE)
    step = plan.next_step(state, LoopDecision.CLOSE)
    assert step == Step(None, 1)
    state = plan.apply(state, step)
    assert state.closed and plan.is_complete(state)
    state = plan.apply(state, step)  # closing talk may span turns
    with pytest.raises(IllegalTransition, match="closed"):
        plan.next_step(state)
    with pytest.raises(IllegalTransition, match="closed"):
        plan.apply(state, Step(AT, 2))


def test_next_channel_illegal_without_pending_channel() -> None:
    plan = CRDialPlan()
    state = at_verdict(plan, channels=(1,))
    with pytest.raises(IllegalTransition, match="next_channel"):
        plan.next_step(state, LoopDecision.NEXT_CHANNEL)


def test_loop_illegal_at_max_loops() -> None:
    plan = CRDialPlan(max_loops=1)
    state = at_verdict(plan, channels=(1, 2))
    assert plan.legal_decisions(state) == (LoopDecision.NEXT_CHANNEL,)
    with pytest.raises(IllegalTransition):
        plan.apply(state, Step(AT, 2))


def test_loop_illegal_when_channel_budget_spent_and_nothing_pending() -> None:
    plan = CRDialPlan(max_channels=1)
    state = at_verdict(plan, channels=(1,))
    assert plan.legal_decisions(state) == (LoopDecision.CLOSE,)


def test_decision_required_after_verdict_and_refused_elsewhere() -> None:
    plan = CRDialPlan()
    with pytest.raises(IllegalTransition, match="loop decision is needed"):
        plan.next_step(at_verdict(plan))
    state = walk(plan, [(Step(AT, 1), ())])
    with pytest.raises(IllegalTransition, match="only taken after a verdict"):
        plan.next_step(state, LoopDecision.CLOSE)
    assert plan.legal_decisions(state) == ()


@pytest.mark.parametrize(
    ("prefix", "step", "reason"),
    [
        ([], Step(IB, 1), "expected automatic_thought"),
        ([], Step(D, 1, 1), "never identified"),
        ([(Step(AT, 1), ())], Step(CB, 1), "expected intermediate_belief"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ())], Step(AT, 1), "expected core_belief"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), (1,))], Step(P, 1, 1), "expected defense"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), (1,))], Step(D, 1, 2), "never identified"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), (1,))], Step(D, 1), "must name the channel"),
        ([(Step(AT, 1), ())], Step(IB, 1, 1), "takes no channel"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), (1, 2)), (Step(D, 1, 1), ())],
         Step(V, 1, 1), "expected prosecution"),
        ([(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), (1, 2)), (Step(D, 1, 1), ())],
         Step(D, 1, 2), "expected prosecution"),
        ([(Step(AT, 1), ())], Step(None, 1), "only close after a verdict"),
        ([(Step(AT, 1), ())], Step(AT, 2), "expected intermediate_belief"),
    ],
)
def test_illegal_moves_are_refused_with_a_reason(prefix, step, reason) -> None:  # type: ignore[no-untyped-def]
    plan = CRDialPlan()
    state = walk(plan, prefix)
    assert reason in (plan.why_illegal(state, step) or "")
    with pytest.raises(IllegalTransition, match=reason):
        plan.apply(state, step)


def test_restructuring_a_resolved_channel_is_refused() -> None:
    plan = CRDialPlan()
    state = at_verdict(plan, channels=(1, 2))
    state = plan.apply(state, Step(AT, 2))
    state = plan.apply(state, Step(IB, 2))
    state = plan.apply(state, Step(CB, 2))
    assert "already has a verdict" in (plan.why_illegal(state, Step(D, 2, 1)) or "")
    assert plan.next_step(state) == Step(D, 2, 2)


def test_core_belief_identifies_at_most_three_channels_and_max_channels_total() -> None:
    plan = CRDialPlan(max_channels=4)
    state = walk(plan, [(Step(AT, 1), ()), (Step(IB, 1), ())])
    with pytest.raises(IllegalTransition, match="at most 3"):
        plan.apply(state, Step(CB, 1), (1, 2, 3, 4))
    state = plan.apply(state, Step(CB, 1), (1, 2, 3))
    for channel in (1, 2, 3):
        for sub in (D, P, V):
            state = plan.apply(state, Step(sub, 1, channel))
        if channel < 3:
            state = plan.apply(state, plan.next_step(state, LoopDecision.NEXT_CHANNEL))
    state = plan.apply(state, plan.next_step(state, LoopDecision.LOOP))
    state = plan.apply(state, Step(IB, 2))
    with pytest.raises(IllegalTransition, match="at most 4"):
        plan.apply(state, Step(CB, 2), (4, 5))
    with pytest.raises(IllegalTransition, match="already identified"):
        plan.apply(state, Step(CB, 2), (3,))
    with pytest.raises(IllegalTransition, match="only be identified at a core-belief"):
        plan.apply(PlanState(), Step(AT, 1), (1,))


def test_core_belief_without_channels_leads_to_close() -> None:
    plan = CRDialPlan()
    state = walk(plan, [(Step(AT, 1), ()), (Step(IB, 1), ()), (Step(CB, 1), ())])
    assert plan.next_step(state) == Step(None, 1)
    assert plan.is_complete(plan.apply(state, Step(None, 1)))


def test_plan_limits_must_be_positive() -> None:
    with pytest.raises(ValueError):
        CRDialPlan(max_loops=0)
