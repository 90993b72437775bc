"""Conversations as Crisp records: the seed, the stamps, the sentences of a reply, safety turns, and a
guided session rebuilt from a record.

A conversation with a person is a `CrispRecord`, the schema synthesis writes, so `crisp data
validate`, the viewers and the evaluators read it like any dialogue:

- the seed is the person's first message (`source="chat"`);
- model-mode counsellor turns carry no plan tags (`substep=None`); their sentences
  come from the model's strategy tags, `strategy=None` where it wrote none;
- guided-mode turns carry the CRDial plan tags, and the thought record is filled in;
- replies given by the safety layer instead of the model are plain counsellor turns,
  and `provenance.generation["safety_turns"]` lists their turn indices and levels
  (levels only, no text);
- `end_reason` is `user_ended`.

Not here: files (`crisp.chat.transcript` saves and loads them).
"""

from __future__ import annotations

import uuid
from typing import Literal

from crisp import __version__
from crisp.cr.plan import IllegalTransition, Step
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord, Seed, Sentence
from crisp.cr.tags import parse_tagged_reply
from crisp.cr.taxonomy import Lang, SubStep
from crisp.dialogue.session import Session
from crisp.errors import InputError

CHAT_SOURCE = "chat"
Mode = Literal["model", "guided"]
MODEL_MODE: Mode = "model"
GUIDED_MODE: Mode = "guided"


def new_seed(first_message: str, lang: Lang) -> Seed:
    return Seed(id=f"chat-{uuid.uuid4().hex[:12]}", situation=first_message.strip(), language=lang, source=CHAT_SOURCE)


def new_record(first_message: str, lang: Lang, *, mode: Mode, model_spec: str) -> CrispRecord:
    """An empty conversation record seeded from the person's first message (for a caller that rebuilds
    a conversation from its messages, such as the stateless web API, before `Conversation.resume`)."""
    record = CrispRecord(id=uuid.uuid4().hex, language=lang, seed=new_seed(first_message, lang), end_reason="user_ended")
    stamp(record, mode=mode, model_spec=model_spec)
    return record


def stamp(record: CrispRecord, *, mode: Mode, model_spec: str) -> None:
    record.provenance.toolkit_version = __version__
    record.provenance.models["counsellor"] = model_spec
    record.provenance.generation["mode"] = mode


def sentences_from_reply(raw: str) -> list[Sentence]:
    """The sentences of a model reply: split at its strategy tags, `strategy=None` where untagged."""
    return [Sentence(text=text, strategy=strategy) for strategy, text in parse_tagged_reply(raw)]


def plain_sentences(text: str) -> list[Sentence]:
    return [Sentence(text=text.strip(), strategy=None)] if text.strip() else []


def mark_safety_turn(record: CrispRecord, turn_index: int, level: str) -> None:
    turns = record.provenance.generation.setdefault("safety_turns", [])
    turns.append({"turn": turn_index, "level": level})


def add_unplanned_exchange(session: Session, person: str | None, reply: list[Sentence]) -> None:
    """Put an exchange on a session without moving its plan (a safety-path reply); on a planned
    session it is tagged with the step the session stands at."""
    tags = session.turn_tags()
    if person is not None:
        session.record.turns.append(ClientTurn(content=person, **tags))
    if reply:
        session.record.turns.append(CounsellorTurn(sentences=reply, **tags))


def restore_session(record: CrispRecord) -> Session:
    """A guided session standing where `record` stopped, its plan replayed from the turns' tags."""
    session = Session(record.seed, persona=record.persona, record_id=record.id)
    plan, state = session.plan, session.state
    turns_in_step = 0
    try:
        for turn in record.turns:
            step = Step(turn.substep, turn.loop, turn.channel)
            if step != state.step:
                current = state.step
                if current is not None and current.substep is SubStep.CORE_BELIEF:
                    found = tuple(
                        c.index for c in record.cognition.channels
                        if c.loop == current.loop and c.index not in state.channels
                    )
                    if found:
                        state = plan.identify(state, found)
                state = plan.apply(state, step)
                turns_in_step = 0
            if isinstance(turn, CounsellorTurn):
                turns_in_step += 1
    except IllegalTransition as error:
        raise InputError(
            f"this transcript cannot be resumed in guided mode ({error}); continue it in model mode (without --guided)"
        ) from None
    session.record = record.model_copy(deep=True)
    session.state = state
    session.turns_in_step = turns_in_step
    return session



__all__ = [
    "CHAT_SOURCE",
    "GUIDED_MODE",
    "MODEL_MODE",
    "Mode",
    "add_unplanned_exchange",
    "mark_safety_turn",
    "new_record",
    "new_seed",
    "plain_sentences",
    "restore_session",
    "sentences_from_reply",
    "stamp",
]
