"""A dialogue in progress: the record as it grows, and where it stands in the CRDial plan."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timezone

from crisp.cr.plan import CRDialPlan, LoopDecision, PlanState, Step
from crisp.cr.schema import (
    ClientTurn,
    CommonsenseHint,
    CounsellorTurn,
    CrispRecord,
    DistortionChannel,
    EndReason,
    Persona,
    Seed,
    Sentence,
    Verdict,
)
from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, Distortion, Lang, SubStep
from crisp.llm.base import Message


class Session:
    """One dialogue. Roles read it and append to it; `record` is always a valid `CrispRecord`.

    The plan position moves only through `advance`, which the plan checks, so a
    session can never hold an illegal order of sub-steps. An unplanned session
    (`planned=False`: a plain model as counsellor) has no plan position and its turns
    carry no plan tags.
    """

    def __init__(
        self,
        seed: Seed,
        *,
        persona: Persona | None = None,
        plan: CRDialPlan | None = None,
        record_id: str | None = None,
        planned: bool = True,
    ) -> None:
        self.planned = planned
        self.plan = plan or CRDialPlan()
        self.state = self.plan.apply(PlanState(), self.plan.next_step(PlanState())) if planned else PlanState()
        self.record = CrispRecord(
            id=record_id or uuid.uuid4().hex,
            language=seed.language,
            seed=seed,
            persona=persona or Persona(),
            end_reason="max_turns",
        )
        self.turns_in_step = 0
        # The language the dialogue is in now, where the person switched away from the record's first one.
        self.switched_lang: Lang | None = None

    # -- reading ------------------------------------------------------------------------
    @property
    def lang(self) -> Lang:
        """The language the dialogue is in now (the record's, unless the person switched)."""
        return self.switched_lang or self.record.language

    @property
    def step(self) -> Step:
        if self.state.step is None:
            raise RuntimeError("an unplanned session has no plan step")
        return self.state.step

    @property
    def complete(self) -> bool:
        return self.plan.is_complete(self.state)

    def channel(self, index: int | None) -> DistortionChannel | None:
        return next((c for c in self.record.cognition.channels if c.index == index), None)

    def transcript(self, speaker_names: tuple[str, str] = ("Client", "Counsellor")) -> str:
        """The dialogue as plain text, one line per turn."""
        client, counsellor = speaker_names
        lines = []
        for turn in self.record.turns:
            name = client if isinstance(turn, ClientTurn) else counsellor
            lines.append(f"{name}: {turn.text(turn.lang_in(self.record.language))}")
        return "\n".join(lines)

    def messages_as(self, role: str) -> list[Message]:
        """The turns as chat messages seen by `role` ("counsellor" or "client"): its own turns are the assistant's."""
        out = []
        for turn in self.record.turns:
            mine = turn.role == role
            out.append(Message(role="assistant" if mine else "user",
                               content=turn.text(turn.lang_in(self.record.language))))
        return out

    # -- writing ------------------------------------------------------------------------
    def add_client(self, text: str) -> ClientTurn:
        turn = ClientTurn(content=text.strip(), **self.turn_tags())
        self.record.turns.append(turn)
        return turn

    def add_counsellor(self, sentences: Sequence[Sentence]) -> CounsellorTurn:
        turn = CounsellorTurn(sentences=list(sentences), **self.turn_tags())
        self.record.turns.append(turn)
        self.turns_in_step += 1
        return turn

    def turn_tags(self) -> dict[str, object]:
        """The tags of a turn written now: the plan step (when planned), and the language after a switch."""
        tags: dict[str, object] = {}
        if self.lang is not self.record.language:
            tags["language"] = self.lang
        if self.planned:
            step = self.step
            tags |= {"substep": step.substep, "loop": step.loop, "channel": step.channel}
        return tags

    def record_automatic_thought(self, text: str) -> None:
        if text.strip():
            self.record.cognition.automatic_thought = text.strip()

    def record_intermediate_belief(self, text: str) -> None:
        if text.strip():
            self.record.cognition.intermediate_belief = text.strip()

    def identify_channels(self, found: Sequence[tuple[Distortion, str]]) -> tuple[int, ...]:
        """At a core-belief step: add new channels (skipping distortions already identified, within the
        plan's limits) to the thought record and the plan; return their indices."""
        known = {c.distortion for c in self.record.cognition.channels}
        this_loop = sum(1 for c in self.record.cognition.channels if c.loop == self.step.loop)
        room = min(self.plan.max_channels - len(self.record.cognition.channels),
                   MAX_CHANNELS_PER_IDENTIFICATION - this_loop)
        added: list[int] = []
        for distortion, example in found:
            if distortion in known or len(added) >= room:
                continue
            index = len(self.record.cognition.channels) + 1
            self.record.cognition.channels.append(
                DistortionChannel(index=index, loop=self.step.loop, distortion=distortion,
                                  example_thought=example.strip() or "-")
            )
            known.add(distortion)
            added.append(index)
        self.state = self.plan.identify(self.state, tuple(added)) if added else self.state
        return tuple(added)

    def record_verdict(self, text: str) -> None:
        step = self.step
        if step.substep is SubStep.VERDICT and step.channel is not None and text.strip():
            self.record.verdicts = [v for v in self.record.verdicts if v.channel != step.channel]
            self.record.verdicts.append(Verdict(channel=step.channel, loop=step.loop, restructured_thought=text.strip()))

    def add_hints(self, hints: Sequence[CommonsenseHint]) -> None:
        have = {(h.relation, h.text) for h in self.record.commonsense_hints}
        for hint in hints:
            if (hint.relation, hint.text) not in have:
                self.record.commonsense_hints.append(hint)
                have.add((hint.relation, hint.text))

    def advance(self, decision: LoopDecision | None = None) -> Step:
        """Finish the current step and move to the next one the plan gives."""
        step = self.plan.next_step(self.state, decision)
        self.state = self.plan.apply(self.state, step)
        self.turns_in_step = 0
        return step

    def finish(self, reason: EndReason) -> CrispRecord:
        self.record.end_reason = reason
        self.record.provenance.finished_at = datetime.now(timezone.utc)
        return self.record
