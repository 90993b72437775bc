"""The training target: what a counsellor turn looks like to a model that learns from it.

A reply in the target is up to two parts, in this order:

1. a **plan note**, one line, for the formats that write one::

       <<core_belief | loop 1 | identified 1 catastrophizing, 2 mind_reading>>
       <<defense | loop 1 | channel 2 mind_reading>>
       <<closing>>

   It names the counsellor's sub-step (`crisp.cr.taxonomy.SubStep` value, or
   ``closing`` for talk after the last verdict), the loop, and the distortion
   channel the turn works on. The last core-belief turn of a loop also lists the
   channels that loop identified (index and distortion, as `Cognition.channels`
   holds them). Labels are the stable enum values in English for both languages,
   so a model has one vocabulary. A newline ends the note.
2. the **sentences**, each preceded by its strategy tag in the run's tag style,
   exactly as `crisp.cr.tags.format_reply` writes them.

The formats (`TargetFormat`):

- ``full``: plan note with loop, channel and distortions, plus strategy tags;
- ``no_strategies``: the paper's ablation without sentence-level strategies:
  the full plan note, no tags;
- ``no_identification``: the ablation without multi-channel distortion
  identification: strategy tags, and a note with the sub-step only (no loop,
  channel or distortion);
- ``plain``: no note; tags only if a tag style is chosen. With no tags this is
  the release recipe: the reply exactly as a person reads it.

`MODEL_FORMAT_FILE` (``crisp_format.json``) in a model folder says which target
format, tag style, system prompts and languages the model was trained with;
`read_model_format` returns `RELEASE_RECIPE` (Peppy's prompt, plain replies) for
a folder without it. `display_text` turns any target reply back into what a
person is shown.

Not done here: reading models or files other than the metadata file, or
deciding how a conversation engine uses the parsed plan note.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crisp.cr.schema import CounsellorTurn, CrispRecord
from crisp.cr.tags import TagStyle, format_reply, parse_tagged_reply
from crisp.cr.taxonomy import Distortion, Lang, Strategy, SubStep
from crisp.errors import ModelFileError

MODEL_FORMAT_FILE = "crisp_format.json"
SystemPromptChoice = Literal["peppy", "none"]
CLOSING_STEP = "closing"
FORMAT_VERSION = 1


class TargetFormat(StrEnum):
    """What a counsellor reply in the training data holds besides its sentences."""

    FULL = "full"
    NO_STRATEGIES = "no_strategies"
    NO_IDENTIFICATION = "no_identification"
    PLAIN = "plain"


# Which tag styles each format allows: strategies are the point of `full` and
# `no_identification`, and the whole difference of `no_strategies`.
ALLOWED_TAGS: dict[TargetFormat, tuple[TagStyle, ...]] = {
    TargetFormat.FULL: (TagStyle.INLINE, TagStyle.SPECIAL),
    TargetFormat.NO_IDENTIFICATION: (TagStyle.INLINE, TagStyle.SPECIAL),
    TargetFormat.NO_STRATEGIES: (TagStyle.NONE,),
    TargetFormat.PLAIN: (TagStyle.NONE, TagStyle.INLINE, TagStyle.SPECIAL),
}


def check_tag_style(fmt: TargetFormat, tags: TagStyle) -> None:
    """Raise ValueError when `fmt` cannot be written with `tags`."""
    allowed = ALLOWED_TAGS[fmt]
    if tags not in allowed:
        names = " or ".join(t.value for t in allowed)
        raise ValueError(f"target format {fmt.value!r} needs tag style {names}, not {tags.value!r}")


# -- plan notes ----------------------------------------------------------------------------

_NOTE = re.compile(r"\A\s*<<([^<>\n]{1,400})>>[ \t]*(?:\n|\Z)")
_LOOP = re.compile(r"loop (\d+)")
_CHANNEL = re.compile(r"channel (\d+) ([a-z_]+)")
_IDENTIFIED = re.compile(r"identified ((?:\d+ [a-z_]+)(?:, \d+ [a-z_]+)*)")


@dataclass(frozen=True)
class PlanNote:
    """Where the counsellor stands, as a plan note says it. `substep=None` is closing talk."""

    substep: SubStep | None
    loop: int | None = None
    channel: tuple[int, Distortion] | None = None
    identified: tuple[tuple[int, Distortion], ...] = ()

    def render(self) -> str:
        parts = [self.substep.value if self.substep is not None else CLOSING_STEP]
        if self.loop is not None:
            parts.append(f"loop {self.loop}")
        if self.channel is not None:
            parts.append(f"channel {self.channel[0]} {self.channel[1].value}")
        if self.identified:
            parts.append("identified " + ", ".join(f"{i} {d.value}" for i, d in self.identified))
        return "<<" + " | ".join(parts) + ">>"


def _parse_note(body: str) -> PlanNote | None:
    step, *rest = [part.strip() for part in body.split("|")]
    try:
        substep = None if step == CLOSING_STEP else SubStep(step)
    except ValueError:
        return None
    loop = channel = None
    identified: tuple[tuple[int, Distortion], ...] = ()
    try:
        for part in rest:
            if m := _LOOP.fullmatch(part):
                loop = int(m.group(1))
            elif m := _CHANNEL.fullmatch(part):
                channel = (int(m.group(1)), Distortion(m.group(2)))
            elif m := _IDENTIFIED.fullmatch(part):
                identified = tuple(
                    (int(i), Distortion(d)) for i, d in (item.split(" ") for item in m.group(1).split(", "))
                )
            else:
                return None
    except ValueError:
        return None
    return PlanNote(substep, loop, channel, identified)


def _identifying_turns(record: CrispRecord) -> dict[int, int]:
    """Loop -> index in `record.turns` of that loop's last core-belief counsellor turn."""
    found: dict[int, int] = {}
    for i, turn in enumerate(record.turns):
        if isinstance(turn, CounsellorTurn) and turn.substep is SubStep.CORE_BELIEF:
            found[turn.loop] = i
    return found


def plan_note(record: CrispRecord, turn_index: int, fmt: TargetFormat) -> PlanNote | None:
    """The plan note of counsellor turn `record.turns[turn_index]` in `fmt` (None: the format writes none)."""
    if fmt is TargetFormat.PLAIN:
        return None
    turn = record.turns[turn_index]
    if fmt is TargetFormat.NO_IDENTIFICATION:
        return PlanNote(turn.substep)
    distortions = {c.index: c.distortion for c in record.cognition.channels}
    channel = None
    if turn.channel is not None and turn.channel in distortions:
        channel = (turn.channel, distortions[turn.channel])
    identified: tuple[tuple[int, Distortion], ...] = ()
    if _identifying_turns(record).get(turn.loop) == turn_index:
        identified = tuple((c.index, c.distortion) for c in record.cognition.channels if c.loop == turn.loop)
    return PlanNote(turn.substep, turn.loop if turn.substep is not None else None, channel, identified)


def format_target_reply(record: CrispRecord, turn_index: int, fmt: TargetFormat, tags: TagStyle) -> str:
    """Counsellor turn `record.turns[turn_index]` as the model learns to write it."""
    check_tag_style(fmt, tags)
    turn = record.turns[turn_index]
    if not isinstance(turn, CounsellorTurn):
        raise ValueError(f"turns[{turn_index}] is a {turn.role} turn, not a counsellor turn")
    body = format_reply(turn.sentences, record.language, tags)
    note = plan_note(record, turn_index, fmt)
    return f"{note.render()}\n{body}" if note is not None else body


@dataclass(frozen=True)
class TargetReply:
    """A model reply in the target format, parsed: its plan note (if any) and tagged sentences."""

    note: PlanNote | None
    sentences: list[tuple[Strategy | None, str]]


def parse_target_reply(text: str) -> TargetReply:
    """Split a reply into its plan note and (strategy, sentence) pairs; accepts every format.

    A first line that looks like a note but does not parse stays in the text, so
    nothing a model wrote is lost silently.
    """
    note = None
    match = _NOTE.match(text)
    if match is not None:
        note = _parse_note(match.group(1))
        if note is not None:
            text = text[match.end():]
    return TargetReply(note, parse_tagged_reply(text))


def display_text(text: str, lang: Lang | str) -> str:
    """What a person is shown of a target-format reply: no plan note, no tags."""
    joiner = "" if Lang(lang) is Lang.ZH else " "
    return joiner.join(sentence for _, sentence in parse_target_reply(text).sentences)


# -- the model-folder metadata file -------------------------------------------------------


class ModelFormat(BaseModel):
    """How a model folder's model was trained to write: read by chat and the `hf:` backend."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format_version: int = FORMAT_VERSION
    target_format: TargetFormat = TargetFormat.PLAIN
    tag_style: TagStyle = TagStyle.NONE
    # The system prompt the model saw: Peppy's (`crisp.prompts.peppy`, in the conversation's
    # language) or none. Named, not copied, so the wording keeps one home.
    system_prompt: SystemPromptChoice = "peppy"
    languages: list[Lang] = Field(default_factory=lambda: list(Lang))

    @model_validator(mode="after")
    def _tags_fit_format(self) -> ModelFormat:
        check_tag_style(self.target_format, self.tag_style)
        return self



def release_recipe() -> ModelFormat:
    """The Crispers release: Peppy's system prompt in both languages, plain replies, no tags."""
    return ModelFormat()


def write_model_format(folder: Path, model_format: ModelFormat) -> Path:
    path = Path(folder) / MODEL_FORMAT_FILE
    path.write_text(model_format.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return path


def read_model_format(folder: Path | str) -> ModelFormat:
    """The format of the model in `folder`; the release recipe when the folder has no metadata file."""
    path = Path(folder) / MODEL_FORMAT_FILE
    if not path.is_file():
        return release_recipe()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ModelFormat.model_validate(data)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError, ValueError) as error:
        detail = " ".join(str(error).split())[:200]
        raise ModelFileError(
            f"{path} is not a valid {MODEL_FORMAT_FILE} ({detail}); fix it, or delete it to use the release "
            "recipe (Peppy prompt, no tags)"
        ) from None


def counsellor_turn_indices(record: CrispRecord, kept: Sequence[int] | None = None) -> list[int]:
    """Indices in `record.turns` of its counsellor turns (within `kept` when given)."""
    indices = range(len(record.turns)) if kept is None else kept
    return [i for i in indices if isinstance(record.turns[i], CounsellorTurn)]


__all__ = [
    "ALLOWED_TAGS",
    "MODEL_FORMAT_FILE",
    "ModelFormat",
    "PlanNote",
    "TargetFormat",
    "TargetReply",
    "check_tag_style",
    "counsellor_turn_indices",
    "display_text",
    "format_target_reply",
    "parse_target_reply",
    "plan_note",
    "read_model_format",
    "release_recipe",
    "write_model_format",
]
