"""The strategy mix of each CRDial step: which supportive strategies its counsellor turns lean on,
and whether every counsellor turn of it must ask a question.

The paper gives the eight strategies and how many a counsellor turn holds on average (2.23), not a
mix per step: this is the toolkit's choice, made from what each step is for. Identification, and
the defense and prosecution of a thought, are done by asking: every counsellor turn there ends with
one open question, which the dialogue engine's output schemas require (so a small model writing
under a grammar cannot leave it out). In the verdict the client finds the balanced thought and the
closing sums up and agrees a next step, so a turn there may end without a question.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisp.cr.taxonomy import Strategy, SubStep


@dataclass(frozen=True)
class StepStrategies:
    leans_on: tuple[Strategy, ...]  # in the order a turn typically uses them
    asks: bool  # every counsellor turn of the step ends with one Question


_S = Strategy
STEP_STRATEGIES: dict[SubStep | None, StepStrategies] = {
    SubStep.AUTOMATIC_THOUGHT: StepStrategies((_S.REFLECTION_OF_FEELINGS, _S.RESTATEMENT, _S.QUESTION), asks=True),
    SubStep.INTERMEDIATE_BELIEF: StepStrategies((_S.RESTATEMENT, _S.REFLECTION_OF_FEELINGS, _S.QUESTION), asks=True),
    SubStep.CORE_BELIEF: StepStrategies((_S.RESTATEMENT, _S.INFORMATION, _S.QUESTION), asks=True),
    SubStep.DEFENSE: StepStrategies((_S.RESTATEMENT, _S.REFLECTION_OF_FEELINGS, _S.QUESTION), asks=True),
    SubStep.PROSECUTION: StepStrategies((_S.AFFIRMATION_AND_REASSURANCE, _S.INFORMATION, _S.SELF_DISCLOSURE,
                                         _S.QUESTION), asks=True),
    SubStep.VERDICT: StepStrategies((_S.AFFIRMATION_AND_REASSURANCE, _S.RESTATEMENT, _S.NEGOTIATE, _S.QUESTION),
                                    asks=False),
    None: StepStrategies((_S.AFFIRMATION_AND_REASSURANCE, _S.PROVIDING_SUGGESTIONS, _S.NEGOTIATE), asks=False),
}


def step_strategies(substep: SubStep | None) -> StepStrategies:
    """The mix of a sub-step (None: the closing)."""
    return STEP_STRATEGIES[substep]


__all__ = ["STEP_STRATEGIES", "StepStrategies", "step_strategies"]
