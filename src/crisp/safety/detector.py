"""Risk assessment of what a person writes: rules, cue combinations and the conversation.

Policy (rules only; `second_opinion` adds the optional model on top):

1. The level of a message is the highest level among its signals (`rules.scan`).
2. Cues in the same message raise it to `imminent`: a wish to die or thoughts
   of suicide together with a time or farewell ("...goodbye") or with means
   ("...I have the pills"); self-harm with bleeding; giving things away with
   a farewell.
3. The conversation raises it to `imminent`: a time, farewell or means cue
   ("tonight is the night") after earlier turns at `moderate` or above, or
   after earlier `low` turns that mentioned means or a decision/time ("I've made
   up my mind"); "already did it" after earlier turns that named means; thoughts of suicide now
   after means were mentioned earlier. Only the person's turns count, at most
   `MAX_CONTEXT_TURNS` of them.
3b. The conversation window: the last `WINDOW_TURNS` earlier turns of the person and
   this message are screened as one text (`_context_window`); when this message
   completes a combination there ("就今晚吧" after "药都在我这"), the message takes the
   window's level, provided it is above the earlier turns read alone and above
   this message read alone.
3c. Context families (`_context_escalation`, cue kinds in `patterns_*.CUES`). Each earlier
   turn is first read with the turns before it, so what it established counts ("cool" after
   "I'm kind of hoping it is [serious]"). Then a short later message means:
   - a time, "then", being there, "took them", "ready", "bye", a message to pass on ->
     `imminent` after earlier `moderate`, or after means were made ready ("saving", "counted
     them", "in the drawer", "攒", "找出来了") or a drop/dose was asked about ("how high is",
     "吃多少片"), or two of decision/time/nobody home; not when the conversation names a
     harmless activity or an ordinary reason (a hike, cliff diving, a move, cooking, a cold);
   - "again", "relapsed", bleeding, a blade in sight after talk of self-harm or a streak of not
     doing it ("5 months clean", "戒了三个月") -> `high`;
   - he is back, banging on the door, an injury, "he did it again" after a violent or drunk
     person at home -> `high`, concern abuse;
   - wanting to be with or envying someone whose death was named -> `moderate`; hoping that an
     illness being tested or a brush with death were real -> `moderate`;
   - "worse", "every night", "that's what I meant" after thoughts of suicide -> the earlier level;
     "I mean it" after any talk of dying (even someone else's or a joke) -> `high`.
   In the same message, jumping with a place does not count when a harmless activity is named
   ("cliff diving... ok gonna jump"), and picking up a blade again is `high`.
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
   - envy of the dead or wanting to join someone (`join`) when the message names
     a death (`bereaved`) -> `moderate`; such a reaction of one's own counts even
     in a sentence about the news or the past that set it off;
   - damage to one's own body (a damaging verb with a body part, myself or a
     blade; Chinese in character windows, so 了/又/把/都/过 and word order do not
     matter) -> `high`; with blood, dizziness or "just" -> `imminent`;
   - means (pills, rope, charcoal, blades...) with preparation or intent words,
     or with a death word (even "...make sure you die") -> `imminent`; ordinary
     places and ways (bridge, train, height, jump) need a death word, and
     standing at a drop needs a time, intent or death word -> `imminent`;
   - two final arrangements, or one with means or a death word -> `imminent`;
   - someone hurting the person ("...hits me", "打我") -> `high` (`low` with a
     joke marker);
   - an urge to kill or badly hurt someone (`harm`: a wish or intrusive thought with
     a violent verb and a person, "想拿刀捅了主管") -> `high` (`low` with a joke
     marker). For `abuse` and `harm` the person named before the hit is the one
     hurt, not whose risk it is; in a sentence about the past they add nothing
     (the phrase rules say `past_abuse`);
   - being at a drop or on the tracks now ("on the roof of my dorm", "parked on the
     top level", `atplace`) -> `moderate` alone (recall first: the safe path asks a
     direct question), `imminent` with a time, a dwelling cue ("up here", "looking
     down", `dwell`), intent, means, a farewell or a final arrangement;
   - weaker final arrangements (`arrange`: accounts deleted, passwords sent, a pet
     rehomed, "everything's sorted") -> nothing alone, `moderate` with a second
     arrangement, a time, intent or a farewell, `imminent` with a death word or three
     arrangements. Final arrangements and being at a place need no first-person word.
   English only: the words of a final arrangement or means do not excuse themselves ("gave my
   dog to my cousin" is not a pet sentence, "pays out after two years" is not the past: the hit
   is blanked before its sentence is checked for ordinary circumstances and the past); a sentence
   that opens with a wish and drops the "I" ("so tired. want to sleep and not come back") counts
   as the speaker's; and means named after a thing ("got the car in the garage and a hose") still
   count.
5. The action follows the level (`results.ACTION_FOR_LEVEL`).

Stickiness across a session (one reassuring message does not close a check)
is `SessionRiskTracker`'s job, not this function's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

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
# Earlier turns read together with the message for policy 3b.
WINDOW_TURNS = 2

# A turn of context: the person's text, or a chat message with `role` and `content` (dict or object).
ContextTurn = str | Mapping[str, str] | object

_CONCERN_PRIORITY: dict[Concern, int] = {"self": 0, "abuse": 1, "others": 2, "third_party": 3}
_CONTEXT_CUES = frozenset({"timing", "farewell", "means", "bleeding", "giving_away", "letters", "jump", "doing_it"})
# Policy 3c (context families). Later cues that mean "now" after means were made ready or a place was asked about.
_LATER_ACUTE = _CONTEXT_CUES | {"here_now", "took", "relay", "when", "closing", "alone", "decided"}
# Earlier cues that make means ready or settle a decision (two of them, or one with means, make a plan).
_PREPARED = frozenset({"ready", "decided", "timing", "doing_it", "alone", "when", "took"})
_SELF_HARM_CODES = frozenset({"self_harm", "broad_self_harm", "broad_attempt", "past_risk", "bleeding_with_self_harm"})
_TALK_OF_DEATH = frozenset({"passive_death_wish", "suicidal_thoughts", "third_party", "hyperbole", "broad_death_wish", "broad_active"})


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
    found = _scan_turn(text)
    signals = [*found.signals, *_same_message_combinations(found)]
    earlier = user_turns(context)[-MAX_CONTEXT_TURNS:]
    if earlier:
        scans = [_scan_turn(check_text(turn, what="context turn")) for turn in earlier]
        signals.extend(_context_escalation(found, scans))
        signals.extend(_context_window(text, found, earlier))
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


def _signal(
    code: str, *, source: str = "rules", level: RiskLevel = RiskLevel.IMMINENT, concern: Concern = "self"
) -> Signal:
    return Signal(code=code, level=level, reason=REASONS[code], concern=concern, source=source)  # type: ignore[arg-type]


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
    if "jump" in found.cues and "means" in found.cues and "leisure" not in found.cues:  # not "cliff diving... ok gonna jump"
        out.append(_signal("jump_with_place"))
    if "blade_in_hand" in found.cues:  # "又拿起刀片了"
        out.append(_signal("blade_in_hand", level=RiskLevel.HIGH))
    if "letters" in found.cues and ({"timing", "means", "jump", "giving_away"} & found.cues or found.has_ideation()):
        out.append(_signal("letters_with_cue"))
    return out


def _message_level(found: Scan) -> RiskLevel:
    signals = [*found.signals, *_same_message_combinations(found)]
    return max((s.level for s in signals), key=lambda level: level.rank, default=RiskLevel.NONE)


@lru_cache(maxsize=2048)
def _scan_turn(text: str) -> Scan:
    """`scan` of a person's message or window: in a session each turn comes back as context of the
    next ones, and a stateless server (`crisp serve`) replays the whole session on every request.

    Held in this process only, never written anywhere; callers must not change the result.
    """
    return scan(text)


def _context_window(text: str, found: Scan, earlier: list[str]) -> list[Signal]:
    """Policy 3b: the last `WINDOW_TURNS` earlier turns and this message read as one text.

    A combination completed by this message ("都准备好了" after "绳子买回来了") counts
    at the window's level when it is above both the earlier turns read alone and this message.
    """
    before = "\n".join(earlier[-WINDOW_TURNS:])
    window = _message_level(_scan_turn(before + "\n" + text))
    if window < RiskLevel.MODERATE or window <= _message_level(found) or window <= _message_level(_scan_turn(before)):
        return []
    return [_signal("context_window", source="context", level=window)]


def _context_escalation(found: Scan, earlier: list[Scan]) -> list[Signal]:
    # What each earlier turn established, read with the turns before it (policy 3c: "cool" after "hoping it is").
    levels: list[RiskLevel] = []
    for i, turn in enumerate(earlier):
        own = [turn.self_level(), *(s.level for s in _from_context(turn, earlier[:i], levels[:i]) if s.concern == "self")]
        levels.append(max(own, key=lambda level: level.rank))
    return _from_context(found, earlier, levels)


def _from_context(found: Scan, earlier: list[Scan], levels: list[RiskLevel]) -> list[Signal]:
    before = max(levels, key=lambda level: level.rank, default=RiskLevel.NONE)
    cues_before: set[str] = set().union(*(s.cues for s in earlier))
    codes_before = {s.code for turn in earlier for s in turn.signals}
    means_before = "means" in cues_before
    timing_before = "timing" in cues_before
    cues = found.cues
    out: list[Signal] = []
    acute_before = (
        "probe" in cues_before
        or (means_before and bool(cues_before & _PREPARED))
        or len(cues_before & _PREPARED) >= 2
        or "letters" in cues_before
        or ("relay" in cues and bool(cues_before & {"took", "doing_it"}))
        or (bool(cues & {"took", "relay"}) and "decided" in cues_before)
    )
    if cues & _CONTEXT_CUES and (
        before >= RiskLevel.MODERATE or (before >= RiskLevel.LOW and (means_before or timing_before))
    ):
        out.append(_signal("context_escalation", source="context"))
    elif cues & _LATER_ACUTE and (
        before >= RiskLevel.MODERATE or (acute_before and "leisure" not in cues_before | cues)
    ):
        out.append(_signal("context_escalation", source="context"))
    elif "closing" in cues and cues_before & {"timing", "farewell", "letters", "giving_away"}:
        out.append(_signal("context_escalation", source="context"))
    elif "doing_it" in cues and means_before:  # "already did it" after asking about a drug
        out.append(_signal("context_escalation", source="context"))
    elif {"means", "giving_away"} & cues and before >= RiskLevel.LOW:
        out.append(_signal("context_means", source="context", level=RiskLevel.HIGH))
    if found.has_ideation() and means_before:
        out.append(_signal("means_with_ideation", source="context"))
    if "affirm" in cues and before >= RiskLevel.MODERATE:
        out.append(_signal("context_continues", source="context", level=before))
    elif {"affirm", "mean_it"} & cues and "euphemism" in cues_before:
        out.append(_signal("context_continues", source="context", level=RiskLevel.MODERATE))
    if "mean_it" in cues and (codes_before & _TALK_OF_DEATH or "euphemism" in cues_before):
        out.append(_signal("context_continues", source="context", level=RiskLevel.HIGH))
    if cues & {"again", "bleeding"} and ("sh_context" in cues_before or codes_before & _SELF_HARM_CODES):
        out.append(_signal("context_self_harm", source="context", level=RiskLevel.HIGH))
    if "abuse_now" in cues and ("abuser" in cues_before or any(s.concern == "abuse" for t in earlier for s in t.signals)):
        out.append(_signal("context_abuse", source="context", level=RiskLevel.HIGH, concern="abuse"))
    if "join" in cues and "bereaved" in cues_before:
        out.append(_signal("context_join", source="context", level=RiskLevel.MODERATE))
    if "wish_it" in cues and "deathish" in cues_before:
        out.append(_signal("context_wish", source="context", level=RiskLevel.MODERATE))
    return out
