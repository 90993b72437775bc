"""The CRDial plan: a small state machine over loops, sub-steps and channels.

A dialogue runs in loops. Each loop starts with identification (automatic
thought -> intermediate belief -> core belief); the core-belief step names up
to 3 new distortion channels. Then one channel at a time is restructured
(defense -> prosecution -> verdict). After a verdict the caller decides
(`LoopDecision`), the plan only says whether that decision is legal:

- `next_channel`: restructure the next identified channel that has no verdict yet;
- `loop`: go back to identification (for a pending channel or a newly surfaced thought);
- `close`: end the dialogue; only once every identified channel has a verdict.

A sub-step may span several turns, so staying at the current step is legal.
Nothing is skipped, and restructuring only ever targets an identified channel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from crisp.cr.taxonomy import (
    IDENTIFICATION_STEPS,
    MAX_CHANNELS_PER_IDENTIFICATION,
    Stage,
    SubStep,
)

DEFAULT_MAX_CHANNELS = 6
DEFAULT_MAX_LOOPS = 4


class LoopDecision(StrEnum):
    NEXT_CHANNEL = "next_channel"
    LOOP = "loop"
    CLOSE = "close"


@dataclass(frozen=True)
class Step:
    """A position in the plan. `substep=None` is the closing talk after the dialogue is closed."""

    substep: SubStep | None
    loop: int
    channel: int | None = None

    @property
    def stage(self) -> Stage | None:
        return self.substep.stage if self.substep is not None else None

    def describe(self) -> str:
        if self.substep is None:
            return "closing"
        where = f"loop {self.loop}"
        if self.channel is not None:
            where += f", channel {self.channel}"
        return f"{self.substep.value} ({where})"


@dataclass(frozen=True)
class PlanState:
    """Where a dialogue stands. `step` is None before the first turn."""

    step: Step | None = None
    channels: tuple[int, ...] = ()  # identified channels, in order
    resolved: tuple[int, ...] = ()  # channels that reached a verdict
    closed: bool = False
    channel_loops: Mapping[int, int] = field(default_factory=dict)  # channel -> loop that identified it

    @property
    def pending(self) -> tuple[int, ...]:
        return tuple(c for c in self.channels if c not in self.resolved)


FIRST_STEP = Step(SubStep.AUTOMATIC_THOUGHT, loop=1)


class IllegalTransition(ValueError):
    """A move the plan does not allow; the message says why."""


@dataclass(frozen=True)
class CRDialPlan:
    max_channels: int = DEFAULT_MAX_CHANNELS
    max_loops: int = DEFAULT_MAX_LOOPS

    def __post_init__(self) -> None:
        if self.max_channels < 1 or self.max_loops < 1:
            raise ValueError("max_channels and max_loops must be at least 1")

    # -- what comes next ---------------------------------------------------------------
    def next_step(self, state: PlanState, decision: LoopDecision | None = None) -> Step:
        """The step that follows once the current one is finished.

        After a verdict `decision` is required; elsewhere it must be None.
        Raises IllegalTransition when the decision is not allowed here.
        """
        step = state.step
        if step is None:
            return FIRST_STEP
        if state.closed:
            raise IllegalTransition("the dialogue is closed; nothing follows the closing")
        sub = step.substep
        if sub is SubStep.VERDICT:
            if decision is None:
                raise IllegalTransition("after a verdict a loop decision is needed: next_channel, loop or close")
            return self._after_verdict(state, decision)
        if decision is not None:
            raise IllegalTransition(f"a loop decision is only taken after a verdict, not during {sub.value}")
        if sub is SubStep.AUTOMATIC_THOUGHT:
            return Step(SubStep.INTERMEDIATE_BELIEF, step.loop)
        if sub is SubStep.INTERMEDIATE_BELIEF:
            return Step(SubStep.CORE_BELIEF, step.loop)
        if sub is SubStep.CORE_BELIEF:
            if not state.pending:
                return Step(None, step.loop)  # nothing to restructure: close
            return Step(SubStep.DEFENSE, step.loop, state.pending[0])
        if sub is SubStep.DEFENSE:
            return Step(SubStep.PROSECUTION, step.loop, step.channel)
        return Step(SubStep.VERDICT, step.loop, step.channel)

    def legal_decisions(self, state: PlanState) -> tuple[LoopDecision, ...]:
        """The loop decisions allowed after the current verdict (empty elsewhere)."""
        if state.step is None or state.step.substep is not SubStep.VERDICT or state.closed:
            return ()
        legal = []
        if state.pending:
            legal.append(LoopDecision.NEXT_CHANNEL)
        if state.step.loop < self.max_loops and (
            state.pending or len(state.channels) < self.max_channels
        ):
            legal.append(LoopDecision.LOOP)
        if not state.pending:
            legal.append(LoopDecision.CLOSE)
        return tuple(legal)

    def _after_verdict(self, state: PlanState, decision: LoopDecision) -> Step:
        loop = state.step.loop if state.step else 1
        if decision not in self.legal_decisions(state):
            allowed = ", ".join(d.value for d in self.legal_decisions(state)) or "none"
            raise IllegalTransition(
                f"decision {decision.value!r} is not legal here ({len(state.pending)} channel(s) pending, "
                f"loop {state.step.loop} of at most {self.max_loops}); legal: {allowed}"
            )
        if decision is LoopDecision.NEXT_CHANNEL:
            return Step(SubStep.DEFENSE, loop, state.pending[0])
        if decision is LoopDecision.LOOP:
            return Step(SubStep.AUTOMATIC_THOUGHT, loop + 1)
        return Step(None, loop)

    # -- moving -------------------------------------------------------------------------
    def why_illegal(self, state: PlanState, step: Step) -> str | None:
        """None when `step` may follow `state` (staying or advancing), else the reason."""
        current = state.step
        if current is not None and step == current:
            return None  # a sub-step can span several turns
        if state.closed:
            return "the dialogue was closed; only closing talk may follow"
        if step.substep is None:
            if current is None or current.substep not in (SubStep.VERDICT, SubStep.CORE_BELIEF):
                return "the dialogue can only close after a verdict"
            if state.pending:
                return f"cannot close with channel(s) {list(state.pending)} still without a verdict"
            return None
        if step.substep in IDENTIFICATION_STEPS and step.channel is not None:
            return f"{step.substep.value} is an identification step and takes no channel"
        if step.substep not in IDENTIFICATION_STEPS:
            if step.channel is None:
                return f"{step.substep.value} must name the channel it restructures"
            if step.channel not in state.channels:
                return f"channel {step.channel} was never identified"
            if step.channel in state.resolved:
                return f"channel {step.channel} already has a verdict"
        candidates = self._successors(state)
        if step in candidates:
            return None
        expected = " or ".join(c.describe() for c in candidates) or "nothing"
        return f"{step.describe()} cannot follow {current.describe() if current else 'the start'}; expected {expected}"

    def _successors(self, state: PlanState) -> list[Step]:
        current = state.step
        if current is not None and current.substep is SubStep.VERDICT:
            return [self._after_verdict(state, d) for d in self.legal_decisions(state)]
        try:
            return [self.next_step(state)]
        except IllegalTransition:
            return []

    def apply(self, state: PlanState, step: Step, new_channels: tuple[int, ...] = ()) -> PlanState:
        """Move to `step`; at a core-belief step, `new_channels` are the channels it identified."""
        reason = self.why_illegal(state, step)
        if reason is not None:
            raise IllegalTransition(reason)
        resolved = state.resolved
        if step.substep is SubStep.VERDICT and step.channel not in resolved:
            resolved = resolved + (step.channel,)  # type: ignore[operator]
        moved = replace(state, step=step, resolved=resolved, closed=step.substep is None)
        return self.identify(moved, new_channels) if new_channels else moved

    def identify(self, state: PlanState, new_channels: tuple[int, ...]) -> PlanState:
        """Register channels named at the current core-belief step (at most 3 per identification)."""
        if state.step is None or state.step.substep is not SubStep.CORE_BELIEF:
            raise IllegalTransition("channels can only be identified at a core-belief step")
        this_loop = len(new_channels) + sum(1 for c in state.channels if state.channel_loops.get(c) == state.step.loop)
        if this_loop > MAX_CHANNELS_PER_IDENTIFICATION:
            raise IllegalTransition(
                f"{this_loop} channels identified in loop {state.step.loop}; at most {MAX_CHANNELS_PER_IDENTIFICATION}"
            )
        if clash := [c for c in new_channels if c in state.channels]:
            raise IllegalTransition(f"channel(s) {clash} already identified")
        channels = state.channels + tuple(new_channels)
        if len(channels) > self.max_channels:
            raise IllegalTransition(f"{len(channels)} channels in total; at most {self.max_channels}")
        loops = {**state.channel_loops, **{c: state.step.loop for c in new_channels}}
        return replace(state, channels=channels, channel_loops=loops)

    def is_complete(self, state: PlanState) -> bool:
        """True once the dialogue closed with every channel restructured."""
        return state.closed and not state.pending
