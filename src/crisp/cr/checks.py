"""Structural checks over a Crisp record, reporting every violation with its JSON path.

Synthesis filters, `crisp data validate` and evaluation all call `validate_record`
(schema, then structure) or `check_record` (structure of an already-typed record);
none of them writes its own checks.

Covered: schema and labels, empty text, role alternation, sub-step order and
loops (by replaying the turns through `CRDialPlan`), channels and verdicts,
completeness of a dialogue that claims the plan completed, language.
Not covered: whether the text is any good (that is the expert filter's job).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from pydantic import ValidationError

from crisp.cr.language import detect_language
from crisp.cr.plan import CRDialPlan, IllegalTransition, PlanState, Step
from crisp.cr.schema import CounsellorTurn, CrispRecord
from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, SubStep

# Limits of a run (max channels, loops) are configuration, not structure: replay without them.
_STRUCTURE_PLAN = CRDialPlan(max_channels=10_000, max_loops=10_000)
# Texts shorter than this say too little about their language to flag them.
_MIN_CHARS_FOR_LANGUAGE = 12


@dataclass(frozen=True, order=True)
class Violation:
    path: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def json_path(loc: tuple[int | str, ...]) -> str:
    """`("turns", 3, "sentences", 0)` -> `turns[3].sentences[0]`; the root is `$`."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "$"


def validate_record(data: Any) -> tuple[CrispRecord | None, list[Violation]]:
    """Schema first; if the record has the right shape, then its structure."""
    if isinstance(data, CrispRecord):
        return data, check_record(data)
    try:
        record = CrispRecord.model_validate(data)
    except ValidationError as error:
        return None, [_schema_violation(e) for e in error.errors(include_url=False)]
    return record, check_record(record)


def _schema_violation(error: Any) -> Violation:
    # Discriminated unions add the tag to the location ("turns", 3, "counsellor", ...): drop it.
    loc = tuple(p for p in error["loc"] if p not in ("counsellor", "client"))
    message = error["msg"]
    if error.get("type") == "enum" and "expected" in error.get("ctx", {}):
        message = f"unknown label {error.get('input')!r}; expected {error['ctx']['expected']}"
    elif "input" in error and error.get("type") not in ("missing",) and not isinstance(error["input"], dict | list):
        message = f"{message} (got {str(error['input'])[:60]!r})"
    return Violation(json_path(loc), f"schema.{error.get('type', 'invalid')}", message)


def check_record(record: CrispRecord) -> list[Violation]:
    found: list[Violation] = []
    found += _check_text(record)
    found += _check_alternation(record)
    found += _check_channels(record)
    found += _check_plan(record)
    found += _check_verdicts(record)
    found += _check_language(record)
    return sorted(set(found), key=_path_order)


def _path_order(v: Violation) -> tuple[Any, ...]:
    # Numeric order of indices, so turns[10] comes after turns[9].
    parts: list[Any] = []
    for chunk in v.path.replace("]", "").replace("[", ".").split("."):
        parts.append((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk))
    return (parts, v.code, v.message)


def _check_text(record: CrispRecord) -> list[Violation]:
    found = []
    for i, turn in enumerate(record.turns):
        if isinstance(turn, CounsellorTurn):
            if not turn.sentences:
                found.append(Violation(f"turns[{i}].sentences", "empty", "counsellor turn has no sentences"))
            for j, sentence in enumerate(turn.sentences):
                if not sentence.text.strip():
                    found.append(Violation(f"turns[{i}].sentences[{j}].text", "empty", "empty sentence"))
                if sentence.strategy is None:
                    found.append(
                        Violation(f"turns[{i}].sentences[{j}].strategy", "strategy.missing", "sentence has no strategy")
                    )
        elif not turn.content.strip():
            found.append(Violation(f"turns[{i}].content", "empty", "empty client turn"))
    return found


def _check_alternation(record: CrispRecord) -> list[Violation]:
    found = []
    for i in range(1, len(record.turns)):
        if record.turns[i].role == record.turns[i - 1].role:
            found.append(
                Violation(f"turns[{i}].role", "alternation", f"two {record.turns[i].role} turns in a row")
            )
    return found


def _check_channels(record: CrispRecord) -> list[Violation]:
    found = []
    channels = record.cognition.channels
    for index, count in Counter(c.index for c in channels).items():
        if count > 1:
            found.append(Violation("cognition.channels", "channel.duplicate", f"channel {index} defined {count} times"))
    for loop, count in Counter(c.loop for c in channels).items():
        if count > MAX_CHANNELS_PER_IDENTIFICATION:
            found.append(
                Violation(
                    "cognition.channels",
                    "channel.too_many",
                    f"loop {loop} identifies {count} channels; at most {MAX_CHANNELS_PER_IDENTIFICATION}",
                )
            )
    core_loops = {t.loop for t in record.turns if t.substep is SubStep.CORE_BELIEF}
    for k, channel in enumerate(channels):
        if record.turns and channel.loop not in core_loops:
            found.append(
                Violation(
                    f"cognition.channels[{k}].loop",
                    "channel.no_identification",
                    f"channel {channel.index} is said to be identified in loop {channel.loop}, "
                    "which has no core-belief step",
                )
            )
    if record.end_reason == "plan_complete":
        if not (record.cognition.automatic_thought or "").strip():
            found.append(Violation("cognition.automatic_thought", "cognition.missing", "no automatic thought recorded"))
        if not (record.cognition.intermediate_belief or "").strip():
            found.append(
                Violation("cognition.intermediate_belief", "cognition.missing", "no intermediate belief recorded")
            )
        if not channels:
            found.append(Violation("cognition.channels", "cognition.missing", "no distortion channel identified"))
    return found


def _check_plan(record: CrispRecord) -> list[Violation]:
    """Replay the turns through the plan; after an illegal move, carry on from where the turn says it is.

    A conversation with no plan tags at all (a chat with a model in free mode) has no
    order to check, unless it claims the plan completed.
    """
    plan = _STRUCTURE_PLAN
    if record.end_reason != "plan_complete" and all(t.substep is None for t in record.turns):
        return []
    by_loop: dict[int, tuple[int, ...]] = {}
    for channel in record.cognition.channels:
        by_loop[channel.loop] = by_loop.get(channel.loop, ()) + (channel.index,)
    found: list[Violation] = []
    state = PlanState()
    for i, turn in enumerate(record.turns):
        step = Step(turn.substep, turn.loop, turn.channel)
        entering_core = turn.substep is SubStep.CORE_BELIEF and step != state.step
        new = tuple(c for c in by_loop.get(turn.loop, ()) if c not in state.channels) if entering_core else ()
        try:
            state = plan.apply(state, step, new)
        except IllegalTransition as error:
            found.append(Violation(f"turns[{i}]", "plan.order", str(error)))
            resolved = state.resolved
            if turn.substep is SubStep.VERDICT and turn.channel is not None and turn.channel not in resolved:
                resolved += (turn.channel,)
            state = replace(state, step=step, channels=state.channels + new, resolved=resolved,
                            closed=turn.substep is None)
    if record.end_reason == "plan_complete":
        if not record.turns:
            found.append(Violation("turns", "plan.incomplete", "no turns, but end_reason is plan_complete"))
        elif state.pending:
            found.append(
                Violation(
                    "turns",
                    "plan.incomplete",
                    f"channel(s) {list(state.pending)} never reached a verdict, but end_reason is plan_complete",
                )
            )
        elif state.step is not None and state.step.substep not in (SubStep.VERDICT, None):
            found.append(
                Violation("turns", "plan.incomplete", f"dialogue stops at {state.step.describe()}, before any close")
            )
    return found


def _check_verdicts(record: CrispRecord) -> list[Violation]:
    found = []
    known = {c.index for c in record.cognition.channels}
    verdict_loops = {t.channel: t.loop for t in record.turns if t.substep is SubStep.VERDICT}
    seen: set[int] = set()
    for k, verdict in enumerate(record.verdicts):
        path = f"verdicts[{k}]"
        if verdict.channel not in known:
            found.append(Violation(f"{path}.channel", "verdict.unknown_channel", f"no channel {verdict.channel}"))
        if verdict.channel in seen:
            found.append(Violation(f"{path}.channel", "verdict.duplicate", f"second verdict for channel {verdict.channel}"))
        seen.add(verdict.channel)
        if record.turns:
            if verdict.channel not in verdict_loops:
                found.append(
                    Violation(path, "verdict.no_turns", f"channel {verdict.channel} has a verdict but no verdict turns")
                )
            elif verdict_loops[verdict.channel] != verdict.loop:
                found.append(
                    Violation(
                        f"{path}.loop",
                        "verdict.loop",
                        f"verdict turns of channel {verdict.channel} are in loop {verdict_loops[verdict.channel]}, "
                        f"not {verdict.loop}",
                    )
                )
    if record.end_reason == "plan_complete":
        for k, channel in enumerate(record.cognition.channels):
            if channel.index not in seen:
                found.append(
                    Violation(
                        f"cognition.channels[{k}]",
                        "verdict.missing",
                        f"channel {channel.index} ({channel.distortion.value}) has no verdict",
                    )
                )
    return found


def _check_language(record: CrispRecord) -> list[Violation]:
    lang = record.language
    found = []
    if record.seed.language is not lang:
        found.append(
            Violation("seed.language", "language", f"seed is {record.seed.language.value}, record is {lang.value}")
        )
    for i, turn in enumerate(record.turns):
        expected = turn.lang_in(lang)  # a switch the person made is marked on the turn
        text = turn.text(expected)
        if len(text) < _MIN_CHARS_FOR_LANGUAGE:
            continue
        detected = detect_language(text)
        if detected is not None and detected is not expected:
            found.append(
                Violation(f"turns[{i}]", "language", f"turn is in {detected.value}, its language is {expected.value}")
            )
    return found


__all__ = ["Violation", "check_record", "json_path", "validate_record"]
