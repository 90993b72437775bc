"""The CRDial counsellor (one model call per turn) and the segment writer (one call per sub-step).

Both drive a model through the plan of `crisp.cr.plan` and write the same record.
The model judges whether a step's goal is met and reports what it found; the
session and the plan decide what that means: a step is never left before the
counsellor has spoken in it (`min_turns_per_step`), and is left at the latest
after `max_turns_per_step` turns so a weak model cannot stall a dialogue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from pydantic import BaseModel

from crisp.cr.plan import LoopDecision
from crisp.cr.schema import (
    ClientTurn,
    CommonsenseHint,
    CounsellorTurn,
    CrispRecord,
    Sentence,
)
from crisp.cr.step_strategies import step_strategies
from crisp.cr.tags import strip_leading_label
from crisp.cr.taxonomy import SubStep, term
from crisp.dialogue import context
from crisp.dialogue.hints import HintSource
from crisp.dialogue.outputs import (
    ClientProfile,
    SentenceReader,
    counsellor_turn_model,
    segment_model,
)
from crisp.dialogue.parroting import client_sentences, parrots
from crisp.dialogue.roles import Counsellor
from crisp.dialogue.spoken import collapse_repeats, narrates, same_words, strip_heading
from crisp.dialogue.session import Session
from crisp.errors import StructuredOutputError
from crisp.llm.base import (
    ChatModel,
    GenerationParams,
    Message,
    parse_json_reply,
    retry_params,
)
from crisp.prompts import keyed_lines, render

DEFAULT_MIN_TURNS_PER_STEP = 1
DEFAULT_MAX_TURNS_PER_STEP = 4


async def _step_hints(source: HintSource | None, session: Session) -> list[CommonsenseHint]:
    if source is None:
        return []
    hints = await source.hints(session.record.seed, session.step.substep)
    session.add_hints(hints)
    return hints


def _record_findings(session: Session, out: BaseModel, forced: bool) -> LoopDecision | None | bool:
    """Write what the step found onto the session. Returns False when the step must go on
    (nothing found and not forced), else the loop decision to advance with (None outside verdicts)."""
    substep = session.step.substep
    data: dict[str, Any] = out.model_dump()
    if substep is SubStep.AUTOMATIC_THOUGHT:
        if not data["automatic_thought"].strip() and not forced:
            return False
        session.record_automatic_thought(data["automatic_thought"])
    elif substep is SubStep.INTERMEDIATE_BELIEF:
        if not data["intermediate_belief"].strip() and not forced:
            return False
        session.record_intermediate_belief(data["intermediate_belief"])
    elif substep is SubStep.CORE_BELIEF:
        found = [(d.distortion, d.example_thought) for d in out.distortions]  # type: ignore[attr-defined]
        added = session.identify_channels(found)
        if not added and not session.state.pending and not forced:
            return False
    elif substep is SubStep.VERDICT:
        if not data["restructured_thought"].strip() and not forced:
            return False
        session.record_verdict(data["restructured_thought"])  # empty when forced: the checks will say so
        return _legal_decision(session, LoopDecision(data["next"]))
    return None


def _client_words(session: Session) -> list[set[str]]:
    """What a counsellor sentence must not copy: what the client has said (the situation and every client
    turn) and the counsellor's own instructions, which small models sometimes recite."""
    said = [session.record.seed.situation, *(t.content for t in session.record.turns if isinstance(t, ClientTurn))]
    return client_sentences([*said, context.counsellor_system(session.lang)])


def _said_before(session: Session) -> set[str]:
    """The `same_words` of every sentence the counsellor has said in earlier turns: a small model says
    its last question again, turn after turn, and a counsellor does not."""
    return {same_words(s.text) for t in session.record.turns if isinstance(t, CounsellorTurn) for s in t.sentences}


def _own_words(session: Session, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences, labels taken out, without those that only say the client's words back or say again
    what the counsellor said in an earlier turn."""
    client = _client_words(session)
    return [s for s in _without_labels(sentences, _said_before(session)) if not parrots(s.text, client)]


def _without_labels(sentences: list[Sentence], said: set[str] | None = None) -> list[Sentence]:
    """The sentences as they may be said (`crisp.dialogue.spoken`): any strategy label or heading the
    model wrote into their text taken out (the strategy field says it), a sentence repeated inside one
    said once; none that narrates about the client, and none said already in this turn, punctuation aside
    (`said`, the `same_words` of what was given so far, is updated)."""
    said = set() if said is None else said
    out = []
    for sentence in sentences:
        text = collapse_repeats(strip_heading(strip_leading_label(sentence.text))).strip()
        if text and not narrates(text) and same_words(text) not in said:
            said.add(same_words(text))
            out.append(sentence.model_copy(update={"text": text}))
    return out


def _as_written(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with only their strategy labels taken out, each said once: what stands when nothing
    else is left."""
    said: set[str] = set()
    out = []
    for sentence in sentences:
        text = strip_leading_label(sentence.text)
        if text.strip() and same_words(text) not in said:
            said.add(same_words(text))
            out.append(sentence.model_copy(update={"text": text}))
    return out


def _note_findings(session: Session, out: BaseModel) -> None:
    """Keep what a turn found in the thought record as soon as it is said, before the step is done
    (the latest wording wins); channels are only added when the step ends, as the plan needs."""
    data: dict[str, Any] = out.model_dump()
    if (data.get("automatic_thought") or "").strip():
        session.record_automatic_thought(data["automatic_thought"])
    if (data.get("intermediate_belief") or "").strip():
        session.record_intermediate_belief(data["intermediate_belief"])
    if (data.get("restructured_thought") or "").strip():
        session.record_verdict(data["restructured_thought"])


def _turn_model(session: Session, *, speak_first: bool = False) -> type[BaseModel]:
    """The counsellor's output model in the session's step: it requires a question where the step's mix
    asks, and sentences that start in the language the dialogue is in now (the person's latest)."""
    substep = session.step.substep
    return counsellor_turn_model(substep, speak_first=speak_first, ask=step_strategies(substep).asks, lang=session.lang)


def _legal_decision(session: Session, wanted: LoopDecision) -> LoopDecision:
    legal = session.plan.legal_decisions(session.state)
    if wanted in legal:
        return wanted
    # A weak model may ask to close with channels pending, or to loop past the limit.
    return LoopDecision.NEXT_CHANNEL if session.state.pending else LoopDecision.CLOSE


class CRDialCounsellor(Counsellor):
    """A counsellor that follows CRDial with any model, one structured call per turn."""

    def __init__(
        self,
        model: ChatModel,
        *,
        params: GenerationParams | None = None,
        hints: HintSource | None = None,
        min_turns_per_step: int = DEFAULT_MIN_TURNS_PER_STEP,
        max_turns_per_step: int = DEFAULT_MAX_TURNS_PER_STEP,
    ) -> None:
        if not 1 <= min_turns_per_step <= max_turns_per_step:
            raise ValueError("need 1 <= min_turns_per_step <= max_turns_per_step")
        self.model = model
        self.params = params
        self.hints = hints
        self.min_turns = min_turns_per_step
        self.max_turns = max_turns_per_step

    def messages(self, session: Session, hints: list[CommonsenseHint]) -> list[Message]:
        lang, step = session.lang, session.step
        name, goal = context.step_goal(session, step)
        user = render(
            "counsellor_turn",
            lang,
            situation=session.record.seed.situation,
            thought_record=context.thought_record(session),
            step_name=name,
            step_goal=goal,
            step_strategies=context.strategies_text(lang, step.substep),
            turns_in_step=session.turns_in_step,
            findings_instruction=context.findings_instruction(session),
            next_step=context.next_step_text(session) if step.substep is not None else "-",
            hints=context.hints_text(lang, hints),
            transcript=context.transcript(session),
        )
        system = context.counsellor_system(lang)
        return [Message(role="system", content=system), Message(role="user", content=user)]

    async def reply(self, session: Session):  # type: ignore[no-untyped-def]
        hints = await _step_hints(self.hints, session)
        messages, output_type = self.messages(session, hints), _turn_model(session)
        out = (await self.model.structured(messages, output_type, self.params)).value
        if not _own_words(session, out.spoken()):  # type: ignore[attr-defined]
            # Every sentence only said the client's words back: ask once more, sampled otherwise.
            out = (await self.model.structured(messages, output_type, retry_params(self.params))).value
        return self._apply(session, out)

    async def speak(self, session: Session) -> AsyncIterator[Sentence]:
        """The next turn's sentences as the model writes them; when the iteration ends the turn is on the
        session and the step's findings are applied (`last_turn`). On a backend that cannot constrain a
        streamed reply, the whole turn is written first and then given sentence by sentence."""
        if not (self.model.capabilities.streaming and self.model.capabilities.constrained_output):
            turn = await self.reply(session)
            self.last_turn = turn
            for sentence in turn.sentences:
                yield sentence
            return
        hints = await _step_hints(self.hints, session)
        output_type = _turn_model(session, speak_first=True)
        stream = self.model.stream(self.messages(session, hints), self.params,
                                   json_schema=output_type.model_json_schema())
        reader = SentenceReader()
        client = _client_words(session)
        shown, said = 0, _said_before(session)
        try:
            async for delta in stream:
                for sentence in _without_labels(reader.feed(delta), said):
                    if not parrots(sentence.text, client):
                        shown += 1
                        yield sentence
        finally:
            await stream.aclose()
        raw = stream.completion.text if stream.completion is not None else reader.text
        try:
            out = parse_json_reply(raw, output_type)
        except StructuredOutputError:
            # Cut short (the token limit): keep what was said; the step goes on with nothing found.
            out = None
        sentences = out.spoken() if out is not None else reader.sentences  # type: ignore[attr-defined]
        for sentence in _without_labels(sentences[len(reader.sentences):], said):
            if not parrots(sentence.text, client):
                shown += 1
                yield sentence
        if not shown:  # nothing of its own was said: one more try, whole, sampled otherwise
            out = (await self.model.structured(self.messages(session, hints), output_type,
                                               retry_params(self.params))).value
            turn = self._apply(session, out)
            self.last_turn = turn
            for sentence in turn.sentences:
                yield sentence
            return
        if out is None:
            self.last_turn = session.add_counsellor(_own_words(session, reader.sentences))
        else:
            self.last_turn = self._apply(session, out)

    def _apply(self, session: Session, out: BaseModel) -> CounsellorTurn:
        """Write what the step found onto the session, move the plan when the step is done, add the turn."""
        substep = session.step.substep
        if substep is not None:
            _note_findings(session, out)
            forced = session.turns_in_step >= self.max_turns
            if forced or (out.goal_met and session.turns_in_step >= self.min_turns):  # type: ignore[attr-defined]
                decision = _record_findings(session, out, forced)
                if decision is not False:
                    session.advance(decision)
        # A turn whose every sentence parrots even after a second try stands as written: the filters judge it.
        spoken = out.spoken()  # type: ignore[attr-defined]
        return session.add_counsellor(_own_words(session, spoken) or _without_labels(spoken) or _as_written(spoken))


def _usable_exchanges(session: Session, exchanges: list[Any]) -> list[Any]:
    """The exchanges of a segment to keep: those whose counsellor says something (a small model writes
    a bare label as a sentence) and whose client turn is not one the client has said before (it copies
    the dialogue it is shown); of those that say something, the first when none is new, so the step
    still has its turn. Empty when no counsellor answer says anything."""
    speaking = [e for e in exchanges if _as_written(e.spoken())]
    said = {same_words(t.content) for t in session.record.turns if isinstance(t, ClientTurn)}
    new = []
    for exchange in speaking:
        words = same_words(exchange.client_says)
        if words not in said:
            said.add(words)
            new.append(exchange)
    return new or speaking[:1]


class SegmentWriter:
    """Writes all turns of one sub-step, both roles, in one call (`segment` granularity)."""

    def __init__(
        self,
        model: ChatModel,
        profile: ClientProfile,
        *,
        params: GenerationParams | None = None,
        hints: HintSource | None = None,
        min_exchanges: int = 1,
        max_exchanges: int = 3,
    ) -> None:
        self.model = model
        self.profile = profile
        self.params = params
        self.hints = hints
        self.min_exchanges = min_exchanges
        self.max_exchanges = max_exchanges

    def messages(self, session: Session, hints: list[CommonsenseHint]) -> list[Message]:
        lang, step = session.lang, session.step
        name, goal = context.step_goal(session, step)
        p = self.profile
        user = render(
            "segment",
            lang,
            situation=session.record.seed.situation,
            persona=p.persona.description or p.persona.name or "-",
            automatic_thought=p.automatic_thought,
            intermediate_belief=p.intermediate_belief,
            client_distortions=", ".join(term(d.distortion).name(lang) for d in p.distortions),
            resistance=keyed_lines("resistance", lang)[p.persona.resistance],
            thought_record=context.thought_record(session),
            step_name=name,
            step_goal=goal,
            step_strategies=context.strategies_text(lang, step.substep),
            findings_instruction=context.findings_instruction(session).replace("goal_met", "the step"),
            min_exchanges=self.min_exchanges,
            max_exchanges=self.max_exchanges,
            hints=context.hints_text(lang, hints),
            transcript=context.transcript(session),
        )
        system = context.counsellor_system(lang)
        return [Message(role="system", content=system), Message(role="user", content=user)]

    async def write_step(self, session: Session) -> None:
        substep = session.step.substep
        hints = await _step_hints(self.hints, session)
        model = segment_model(substep, self.max_exchanges, ask=step_strategies(substep).asks, lang=session.lang)
        messages = self.messages(session, hints)
        out = (await self.model.structured(messages, model, self.params)).value
        exchanges = _usable_exchanges(session, out.exchanges)  # type: ignore[attr-defined]
        if not exchanges:  # the counsellor said nothing but labels: once more, sampled otherwise
            out = (await self.model.structured(messages, model, retry_params(self.params))).value
            exchanges = _usable_exchanges(session, out.exchanges) or out.exchanges[:1]  # type: ignore[attr-defined]
        for exchange in exchanges:
            session.add_client(exchange.client_says)
            spoken = exchange.spoken()
            session.add_counsellor(_own_words(session, spoken) or _without_labels(spoken) or _as_written(spoken))
        if substep is not None:
            decision = _record_findings(session, out, forced=True)
            session.advance(decision if decision is not False else None)


async def run_segment_session(session: Session, writer: SegmentWriter, *, max_turns: int) -> CrispRecord:
    """Segment granularity: one call per sub-step until the plan closes, then one closing segment."""
    while len(session.record.turns) < max_turns:
        closing = session.state.closed
        await writer.write_step(session)
        if closing:
            return session.finish("plan_complete")
    return session.finish("max_turns")
