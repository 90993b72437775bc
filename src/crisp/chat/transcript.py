"""Chat transcripts as Crisp records: building, saving, loading, and resuming a guided session.

A saved chat is a `CrispRecord`, the schema synthesis writes, so `crisp data
validate`, the viewers and the evaluators read it like any dialogue:

- the seed is the person's first message (`source="chat"`);
- model-mode counsellor turns carry no plan tags (`substep=None`); their sentences
  come from the model's strategy tags, `strategy=None` where it wrote none;
- guided-mode turns carry the CRDial plan tags, and the thought record is filled in;
- replies given by the safety layer instead of the model are plain counsellor turns,
  and `provenance.generation["safety_turns"]` lists their turn indices and levels
  (levels only, no text);
- `end_reason` is `user_ended`.

Files are written only when the person asks (`--save`, `/save`), atomically (a
temporary file renamed into place), so a failed save never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path

from pydantic import ValidationError

from crisp import __version__
from crisp.cr.plan import IllegalTransition, Step
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord, Seed, Sentence
from crisp.cr.taxonomy import Lang, SubStep
from crisp.cr.tags import parse_tagged_reply
from crisp.dialogue.session import Session
from crisp.errors import InputError

CHAT_SOURCE = "chat"
MODEL_MODE = "model"
GUIDED_MODE = "guided"


def new_seed(first_message: str, lang: Lang) -> Seed:
    return Seed(id=f"chat-{uuid.uuid4().hex[:12]}", situation=first_message.strip(), language=lang, source=CHAT_SOURCE)


def new_record(first_message: str, lang: Lang, *, mode: str, model_spec: str) -> CrispRecord:
    """An empty model-mode record seeded from the person's first message."""
    record = CrispRecord(id=uuid.uuid4().hex, language=lang, seed=new_seed(first_message, lang), end_reason="user_ended")
    stamp(record, mode=mode, model_spec=model_spec)
    return record


def stamp(record: CrispRecord, *, mode: str, model_spec: str) -> None:
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
    """Put an exchange on a guided session without moving its plan (a safety-path reply), tagged
    with the step the session stands at."""
    step = session.step
    if person is not None:
        session.record.turns.append(ClientTurn(content=person, substep=step.substep, loop=step.loop, channel=step.channel))
    if reply:
        session.record.turns.append(
            CounsellorTurn(sentences=reply, substep=step.substep, loop=step.loop, channel=step.channel)
        )


# -- files -----------------------------------------------------------------------------------


def save_record(record: CrispRecord, path: str | Path) -> Path:
    """Write `record` as one JSON object (UTF-8), atomically. Returns the path written."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError(f"{target} is a directory; give a file name, e.g. {target / 'chat.json'}")
    if not target.parent.is_dir():
        raise InputError(f"cannot save to {target}: folder {target.parent} does not exist")
    text = record.model_dump_json(indent=2, exclude_none=False) + "\n"
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as error:
        raise InputError(f"cannot save to {target}: {error.strerror or error}") from None
    return target


def load_record(path: str | Path) -> CrispRecord:
    """Read a saved chat (or any Crisp record): a JSON object, or a JSONL file holding one record."""
    source = Path(path).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"cannot load {source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot load {source}: it is a directory, not a saved chat") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(f"cannot load {source}: {reason}") from None
    try:
        return CrispRecord.model_validate_json(text)
    except ValidationError as error:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(_is_json_object(line) for line in lines):
            raise InputError(f"{source} holds {len(lines)} records; /load takes a file with one chat") from None
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the top level"
        raise InputError(
            f"{source} is not a Crisp record ({error.error_count()} problem(s), first at {where}: {first['msg']}); "
            "load a file written by /save or --save"
        ) from None


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


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
            f"this transcript cannot be resumed in guided mode ({error}); load it without --guided"
        ) from None
    session.record = record.model_copy(deep=True)
    session.state = state
    session.turns_in_step = turns_in_step
    return session


__all__ = [
    "add_unplanned_exchange",
    "load_record",
    "mark_safety_turn",
    "new_record",
    "new_seed",
    "plain_sentences",
    "restore_session",
    "save_record",
    "sentences_from_reply",
]
