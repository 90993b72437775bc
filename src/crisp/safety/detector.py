"""Risk assessment of what a person writes: rules, cue combinations and the conversation.

Policy (rules only; `second_opinion` adds the optional model on top):

1. The level of a message is the highest level among its signals (`rules.scan`).
2. Cues in the same message raise it to `imminent`: a wish to die or thoughts
   of suicide together with a time or farewell ("...goodbye") or with means
   ("...I have the pills"); self-harm with bleeding; giving things away with
   a farewell.
3. The conversation raises it to `imminent`: a time, farewell or means cue
   ("tonight is the night") after earlier turns at `moderate` or above, or
   after earlier `low` turns that mentioned means; thoughts of suicide now
   after means were mentioned earlier. Only the person's turns count, at most
   `MAX_CONTEXT_TURNS` of them.
4. The broad net (`rules.broad_net`, fields in `patterns_*.FIELDS`) is a second,
   recall-first layer: lexical fields instead of phrases, and it speaks only where
   it raises the level the phrase rules reached. A hit counts when no negator
   stands right before it, the last person named before it in its clause is the
   speaker or nobody (English needs a first-person word in the sentence), and its
   sentence has no fiction/news/coursework frame or ordinary circumstance
   (accident, cooking, sport, pets, devices, travel; `BROAD_EXCLUDE`). Someone
   else's hit is `third_party` (low); a past, resolved one `past_risk` (low).
   Fields combine so:
   - dying/death after a wish, death as relief, not existing or not waking up,
     "disappear"-type words after a wish, being a burden, final arrangements,
     said of oneself -> `moderate`; ending one's own life -> `high`;
   - damage to one's own body (a damaging verb with a body part, myself or a
     blade; Chinese in character windows, so 了/又/把/都/过 and word order do not
     matter) -> `high`; with blood, dizziness or "just" -> `imminent`;
   - means (pills, rope, charcoal, blades...) with preparation or intent words,
     or with a death word (even "...make sure you die") -> `imminent`; ordinary
     places and ways (bridge, train, height, jump) need a death word, and
     standing at a drop needs a time, intent or death word -> `imminent`;
   - two final arrangements, or one with means or a death word -> `imminent`;
   - someone hurting the person ("...hits me", "打我") -> `high` (`low` with a
     joke marker).
5. The action follows the level (`results.ACTION_FOR_LEVEL`).

Stickiness across a session (one reassuring message does not close a check)
is `SessionRiskTracker`'s job, not this function's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from crisp.cr.language import detect_language
from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety.normalize import check_text
from crisp.safety.results import (
    ACTION_FOR_LEVEL,
    Concern,
    RiskAssessment,
    RiskLevel,
    Signal,
)
from crisp.safety.rules import REASONS, Scan, scan

MAX_CONTEXT_TURNS = 6

# A turn of context: the person's text, or a chat message with `role` and `content` (dict or object).
ContextTurn = str | Mapping[str, str] | object

_CONCERN_PRIORITY: dict[Concern, int] = {"self": 0, "abuse": 1, "others": 2, "third_party": 3}
_CONTEXT_CUES = frozenset({"timing", "farewell", "means", "bleeding", "giving_away", "letters", "jump", "doing_it"})


def resolve_lang(text: str, lang: str | Lang | None) -> Lang:
    """The given language, else the one the text is written in, else English."""
    if lang is not None:
        try:
            return Lang(str(lang).strip().lower())
        except ValueError:
            raise InputError(f"unknown language {lang!r}; use one of: {', '.join(l.value for l in Lang)}") from None
    return detect_language(text) or Lang.EN


def user_turns(context: Iterable[ContextTurn]) -> list[str]:
    """The person's texts in `context`: plain strings, and messages whose role is "user"."""
    texts: list[str] = []
    for turn in context:
        if isinstance(turn, str):
            texts.append(turn)
            continue
        if isinstance(turn, Mapping):
            role, content = turn.get("role"), turn.get("content")
        else:
            role, content = getattr(turn, "role", None), getattr(turn, "content", None)
        if role == "user" and isinstance(content, str):
            texts.append(content)
    return texts


def assess(text: str, context: Sequence[ContextTurn] = (), lang: str | Lang | None = None) -> RiskAssessment:
    """Screen one message of a person, with a few earlier turns as context.

    Raises `InputError` for what is not text or is longer than `MAX_MESSAGE_CHARS`;
    empty or whitespace-only text is `none`.
    """
    check_text(text)
    language = resolve_lang(text, lang)
    found = scan(text)
    signals = [*found.signals, *_same_message_combinations(found)]
    earlier = user_turns(context)[-MAX_CONTEXT_TURNS:]
    if earlier:
        scans = [scan(check_text(turn, what="context turn")) for turn in earlier]
        signals.extend(_context_escalation(found, scans))
    return build_assessment(signals, language)


def build_assessment(signals: Sequence[Signal], lang: Lang, *, held: bool = False) -> RiskAssessment:
    """Level, concern and action from a list of signals."""
    level = max((s.level for s in signals), key=lambda level: level.rank, default=RiskLevel.NONE)
    top = [s for s in signals if s.level == level]
    concern: Concern | None = None
    for signal in top:  # self before abuse before others: the first question asked is about the person's life
        if concern is None or _CONCERN_PRIORITY[signal.concern] < _CONCERN_PRIORITY[concern]:
            concern = signal.concern
    ordered = tuple(sorted(signals, key=lambda s: -s.level.rank))
    return RiskAssessment(
        level=level, action=ACTION_FOR_LEVEL[level], lang=lang, signals=ordered, concern=concern, held=held
    )


def _signal(code: str, *, source: str = "rules", level: RiskLevel = RiskLevel.IMMINENT) -> Signal:
    return Signal(code=code, level=level, reason=REASONS[code], concern="self", source=source)  # type: ignore[arg-type]


def _same_message_combinations(found: Scan) -> list[Signal]:
    out: list[Signal] = []
    if found.has_ideation():
        if "timing" in found.cues:
            out.append(_signal("timing_with_ideation"))
        if "means" in found.cues:
            out.append(_signal("means_with_ideation"))
    if "bleeding" in found.cues and any(s.code == "self_harm" for s in found.signals):
        out.append(_signal("bleeding_with_self_harm"))
    if "giving_away" in found.cues and ({"timing", "farewell"} & found.cues or found.has_ideation()):
        out.append(_signal("preparation_cues"))
    if "doing_it" in found.cues and "means" in found.cues:
        out.append(_signal("doing_it_with_means"))
    if "jump" in found.cues and "means" in found.cues:
        out.append(_signal("jump_with_place"))
    if "letters" in found.cues and ({"timing", "means", "jump", "giving_away"} & found.cues or found.has_ideation()):
        out.append(_signal("letters_with_cue"))
    return out


def _context_escalation(found: Scan, earlier: list[Scan]) -> list[Signal]:
    before = max((s.self_level() for s in earlier), key=lambda level: level.rank, default=RiskLevel.NONE)
    means_before = any("means" in s.cues for s in earlier)
    out: list[Signal] = []
    if found.cues & _CONTEXT_CUES and (before >= RiskLevel.MODERATE or (before >= RiskLevel.LOW and means_before)):
        out.append(_signal("context_escalation", source="context"))
    elif {"means", "giving_away"} & found.cues and before >= RiskLevel.LOW:
        out.append(_signal("context_means", source="context", level=RiskLevel.HIGH))
    if found.has_ideation() and means_before:
        out.append(_signal("means_with_ideation", source="context"))
    return out
