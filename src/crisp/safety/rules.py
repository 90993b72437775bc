"""The rule engine: bilingual phrase and pattern rules with their modifiers.

A rule names a core phrase ("want to die", "想自杀") and a level. Whether a
match counts is decided from its surroundings, the same way for every rule:

- masks: idioms, hyperbole and technical words ("die of embarrassment",
  "笑死我了", "kill the process") are blanked before any rule runs; a few
  masks leave a `low` signal behind ("想死的心都有了");
- negation: a negator just before the phrase in the same clause cancels it
  ("I'm not suicidal", "我从来没想过自杀"); rules whose phrase is itself a
  negation ("don't want to live", "不想活") are not negatable;
- subject: the last person named before the phrase in the same clause decides
  whose risk it is. Someone else's risk becomes a `third_party` signal at
  `low` (and nothing in fiction, news or coursework); "you" (a question to the
  counsellor, an insult) and things ("the company can't go on") count as no risk;
- past: a marker of the past in the same sentence ("years ago", "小时候"),
  or a statement that it is over ("I'm in a good place now"), turns a
  disclosure into `past_risk` / `past_abuse` at `low`, unless the message
  says it is back ("again", "lately", "最近");
- jokes: a threat to others with a joke marker ("lol", "哈哈") drops to `low`;
  a wish to die with a joke marker does not (people hide real risk in jokes);
- reported questions: "she asked if I had thoughts of suicide" counts only when
  the message also says the answer was yes.

Cues (timing, farewells, means, bleeding, giving things away) are no risk
alone; `detector` combines them with risk in the message or the conversation.

After the phrase rules, `broad_net` runs a second, recall-first layer over
lexical fields (`FIELDS` in each pattern table) with the same masks, negation,
subject, frame and past checks; its combination policy is in `detector`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from crisp.cr.taxonomy import Lang
from crisp.safety.normalize import PreparedText, normalize, segment
from crisp.safety.results import MAX_EVIDENCE_CHARS, Concern, RiskLevel, Signal

SubjectMode = Literal["detect", "self", "third_only"]
Subject = Literal["self", "third", "you", "thing", "unknown"]

# Readable reasons, one per signal code.
REASONS: dict[str, str] = {
    "passive_death_wish": "wish to be dead or not to wake up",
    "suicidal_thoughts": "active thoughts of suicide",
    "intent": "intent to act on thoughts of suicide",
    "plan": "a plan for suicide",
    "method": "thinking about a method or asking about means",
    "preparation": "preparing for suicide (means gathered, a note, goodbyes)",
    "attempt": "an attempt or a dangerous injury in progress",
    "attempt_history": "a suicide attempt (when is not said)",
    "self_harm": "self-harm",
    "harm_to_others": "thoughts of harming someone else",
    "abuse": "violence or abuse against the person",
    "abuse_threat": "threats of violence against the person",
    "hopelessness": "hopelessness or feeling like a burden",
    "morbid_thoughts": "thinking about death",
    "hyperbole": "a wish to die said as hyperbole or an idiom",
    "farewell": "a farewell message",
    "past_risk": "past suicidal thoughts, self-harm or an attempt, described as over",
    "past_abuse": "past abuse, described as over",
    "third_party": "worry about someone else's safety, or a loss to suicide",
    "joking_threat": "a threat to others said as a joke",
    "timing_with_ideation": "thoughts of suicide together with a time or a farewell",
    "means_with_ideation": "thoughts of suicide together with access to means",
    "bleeding_with_self_harm": "self-harm with bleeding",
    "preparation_cues": "giving things away together with farewells",
    "letters_with_cue": "farewell letters together with a time, place or means",
    "jump_with_place": "wanting to jump, with a high place named",
    "doing_it_with_means": "saying it will happen now, with a means or place named",
    "context_escalation": "a time, farewell or means after earlier risk in this conversation",
    "context_means": "means mentioned after earlier distress in this conversation",
    "context_window": "this message completes a risk combination with the turns just before it",
    "context_continues": "this message goes on with thoughts of suicide from earlier in the conversation",
    "context_self_harm": "self-harm again, after earlier talk of self-harm",
    "context_abuse": "the violent person from earlier is back or has hurt the person",
    "context_join": "wanting to be with someone whose death was named earlier",
    "context_wish": "hoping that an illness or a brush with death named earlier were real",
    "blade_in_hand": "picking up a blade again",
    "session_hold": "earlier risk in this session: one reassuring message does not close the check",
    "session_floor": "earlier crisis in this session: keep checking in",
    "model_second_opinion": "second opinion of a model",
    "learned_risk": "the learned stage reads this message as a likely crisis the rules did not name",
    "broad_death_wish": "words of dying, not existing, being a burden or final arrangements, said of oneself",
    "broad_active": "words of ending one's own life",
    "broad_self_harm": "words of damaging one's own body",
    "broad_attempt": "damage to one's own body happening now (blood, just done)",
    "broad_means": "means or a method together with preparation or a death word",
    "broad_farewell": "final arrangements together with farewells, means or a death word",
    "broad_abuse": "someone hurting the person",
    "broad_at_place": "being at a high or dangerous place now (bridge, roof, cliff, tracks)",
    "broad_harm": "an urge to kill or badly hurt someone",
}

# Codes that mean the person's own suicidal thinking (used by the cue combinations).
IDEATION_CODES = frozenset(
    {
        "passive_death_wish",
        "suicidal_thoughts",
        "intent",
        "plan",
        "method",
        "preparation",
        "attempt",
        "attempt_history",
        "farewell",
        "broad_death_wish",
        "broad_active",
        "broad_attempt",
        "broad_means",
        "broad_farewell",
        "broad_at_place",
    }
)


@dataclass(frozen=True)
class RuleSpec:
    """One rule as written in a pattern table."""

    code: str
    level: str
    pattern: str
    concern: Concern = "self"
    subject: SubjectMode = "detect"
    negatable: bool = True


@dataclass(frozen=True)
class MaskSpec:
    """Words blanked before the rules run; `emit` leaves a signal (code, level) in their place."""

    pattern: str
    emit: tuple[str, str] | None = None


@dataclass(frozen=True)
class CueSpec:
    kind: str
    pattern: str


@dataclass(frozen=True)
class SubjectSpec:
    """Patterns for who a phrase is about, searched in the words before it."""

    third: str
    you: str
    self_: str
    thing: str


@dataclass(frozen=True)
class _Rule:
    spec: RuleSpec
    level: RiskLevel
    regex: re.Pattern[str]


@dataclass(frozen=True)
class LanguageRules:
    lang: Lang
    rules: tuple[_Rule, ...]
    masks: tuple[tuple[re.Pattern[str], tuple[str, RiskLevel] | None], ...]
    cues: tuple[tuple[str, re.Pattern[str]], ...]
    subject: re.Pattern[str]
    negation: re.Pattern[str]
    past: re.Pattern[str]
    resolved: re.Pattern[str]
    recurrence: re.Pattern[str]
    frame: re.Pattern[str]
    joke: re.Pattern[str]
    reported_question: re.Pattern[str]
    affirmed: re.Pattern[str]
    subject_after: re.Pattern[str]
    broad: BroadTable


@dataclass(frozen=True)
class BroadTable:
    """The broad net of one language: lexical fields, the wish words and the ordinary circumstances."""

    fields: tuple[tuple[str, re.Pattern[str]], ...]
    wish: re.Pattern[str]
    exclude: re.Pattern[str]


@dataclass
class Scan:
    """What the rules found in one message: signals and the cue kinds present."""

    signals: list[Signal] = field(default_factory=list)
    cues: set[str] = field(default_factory=set)

    @property
    def level(self) -> RiskLevel:
        return max((s.level for s in self.signals), key=lambda level: level.rank, default=RiskLevel.NONE)

    def self_level(self) -> RiskLevel:
        """The highest level among signals about the person's own suicidal thinking or self-harm."""
        levels = [s.level for s in self.signals if s.concern == "self"]
        return max(levels, key=lambda level: level.rank, default=RiskLevel.NONE)

    def has_ideation(self, at_least: RiskLevel = RiskLevel.MODERATE) -> bool:
        return any(s.code in IDEATION_CODES and s.level >= at_least for s in self.signals)


def _compile(module_name: str, lang: Lang) -> LanguageRules:
    import importlib

    table = importlib.import_module(module_name)
    subjects: SubjectSpec = table.SUBJECTS
    subject = re.compile(
        f"(?P<third>{subjects.third})|(?P<thing>{subjects.thing})|(?P<you>{subjects.you})|(?P<self>{subjects.self_})"
    )
    return LanguageRules(
        lang=lang,
        rules=tuple(_Rule(spec, RiskLevel(spec.level), re.compile(spec.pattern)) for spec in table.RULES),
        masks=tuple(
            (re.compile(m.pattern), (m.emit[0], RiskLevel(m.emit[1])) if m.emit else None) for m in table.MASKS
        ),
        cues=tuple((c.kind, re.compile(c.pattern)) for c in table.CUES),
        subject=subject,
        negation=re.compile(f"(?:{table.NEGATION})"),
        past=re.compile(table.PAST),
        resolved=re.compile(table.RESOLVED),
        recurrence=re.compile(table.RECURRENCE),
        frame=re.compile(table.FRAME),
        joke=re.compile(table.JOKE),
        reported_question=re.compile(table.REPORTED_QUESTION),
        affirmed=re.compile(table.AFFIRMED),
        subject_after=re.compile(table.SUBJECT_AFTER),
        broad=BroadTable(
            fields=tuple((kind, re.compile(pattern)) for kind, pattern in table.FIELDS.items()),
            wish=re.compile(table.WISH),
            exclude=re.compile(table.BROAD_EXCLUDE),
        ),
    )


@cache
def english_rules() -> LanguageRules:
    return _compile("crisp.safety.patterns_en", Lang.EN)


@cache
def chinese_rules() -> LanguageRules:
    return _compile("crisp.safety.patterns_zh", Lang.ZH)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _evidence(text: str) -> str:
    return " ".join(text.split())[:MAX_EVIDENCE_CHARS]


def _subject(prefix: str, tables: list[LanguageRules]) -> Subject:
    """Who the words before a phrase name last: self, someone else, "you", a thing, or nobody."""
    best: tuple[int, Subject] = (-1, "unknown")
    for table in tables:
        last = None
        for last in table.subject.finditer(prefix):
            pass
        if last is not None and last.start() > best[0]:
            best = (last.start(), last.lastgroup)  # type: ignore[assignment]
    return best[1]


def scan(text: str, *, speaker: Literal["user", "assistant"] = "user") -> Scan:
    """Run the rules of every script present in `text` (already checked by `check_text`).

    For `speaker="assistant"` (a model reply) only rules whose phrase is itself in
    the first person count ("kill myself", "better off without me"): a reply that
    reflects the person's words ("you want to die") is not the model at risk.
    """
    norm = normalize(text)
    result = Scan()
    if not norm:
        return result
    tables: list[LanguageRules] = []
    if re.search(r"[a-z]", norm):
        tables.append(english_rules())
    if re.search(r"[\u3400-\u9fff]", norm):
        tables.append(chinese_rules())
    if not tables:
        return result

    masked = norm
    for table in tables:
        for regex, emit in table.masks:
            if emit is not None and speaker == "user":
                for match in regex.finditer(masked):
                    code, level = emit
                    result.signals.append(
                        Signal(code=code, level=level, reason=REASONS[code], evidence=_evidence(match.group(0)))
                    )
            masked = regex.sub(_blank, masked)
    prepared = segment(masked)

    for table in tables:
        for kind, regex in table.cues:
            if regex.search(masked):
                result.cues.add(kind)
    frame = any(t.frame.search(masked) for t in tables)
    joke = any(t.joke.search(masked) for t in tables)
    recurrence = any(t.recurrence.search(masked) for t in tables)
    affirmed = any(t.affirmed.search(masked) for t in tables)

    for table in tables:
        for rule in table.rules:
            if speaker == "assistant" and rule.spec.subject != "self":
                continue
            for match in rule.regex.finditer(masked):
                signal = _judge(
                    rule,
                    match,
                    prepared,
                    table,
                    tables,
                    frame=frame,
                    joke=joke,
                    recurrence=recurrence,
                    affirmed=affirmed,
                )
                if signal is not None:
                    result.signals.append(signal)
    if speaker == "user":
        # The broad net is a second layer: it speaks only where it raises the level the phrase rules reached.
        level = result.level
        result.signals.extend(s for s in broad_net(prepared, tables, joke=joke, recurrence=recurrence) if s.level > level)
    result.signals = _dedupe(result.signals)
    return result


def _judge(
    rule: _Rule,
    match: re.Match[str],
    prepared: PreparedText,
    table: LanguageRules,
    tables: list[LanguageRules],
    *,
    frame: bool,
    joke: bool,
    recurrence: bool,
    affirmed: bool,
) -> Signal | None:
    """Apply the modifiers (module docstring) to one match; None when it does not count."""
    spec = rule.spec
    start = match.start()
    clause_start = prepared.clause_start(start)
    prefix = prepared.text[clause_start:start]
    evidence = _evidence(match.group(0))
    if spec.negatable and table.negation.search(prefix):
        return None
    if table.reported_question.search(prefix) and not affirmed:
        return None
    subject: Subject = "self" if spec.subject == "self" else _subject(prefix, tables)
    if subject == "unknown" and table.subject_after.match(prepared.text, match.end()):
        subject = "third"  # "有自杀念头的同学": the phrase describes someone named after it
    if subject in ("you", "thing"):
        return None
    if spec.subject == "third_only" and subject != "third":
        return None
    if subject == "third":
        if frame:
            return None
        return Signal(
            code="third_party",
            level=RiskLevel.LOW,
            reason=REASONS["third_party"],
            concern="third_party",
            evidence=evidence,
        )
    if subject == "unknown" and any(t.frame.search(prepared.clause(start)) for t in tables):
        return None
    if spec.concern in ("self", "abuse") and not recurrence:
        sentence = prepared.sentence(start)
        if any(t.past.search(sentence) or t.resolved.search(sentence) for t in tables):
            code = "past_abuse" if spec.concern == "abuse" else "past_risk"
            return Signal(code=code, level=RiskLevel.LOW, reason=REASONS[code], concern=spec.concern, evidence=evidence)
    if joke and (spec.concern == "others" or spec.code == "abuse_threat"):
        return Signal(
            code="joking_threat",
            level=RiskLevel.LOW,
            reason=REASONS["joking_threat"],
            concern="others",
            evidence=evidence,
        )
    return Signal(code=spec.code, level=rule.level, reason=REASONS[spec.code], concern=spec.concern, evidence=evidence)


def _dedupe(signals: list[Signal]) -> list[Signal]:
    """One signal per (code, concern): the highest level, the first found among equals."""
    seen: dict[tuple[str, str], Signal] = {}
    for signal in signals:
        key = (signal.code, signal.concern)
        if key not in seen or signal.level > seen[key].level:
            seen[key] = signal
    return list(seen.values())


# --- The broad net -----------------------------------------------------------------------------
# Field kinds whose hit is about someone: who, negation, frame and past are checked around each hit.
_PERSONAL_FIELDS = frozenset(
    {"death", "deathwish", "active", "nonexist", "vanish", "burden", "finality", "arrange", "selfharm", "means", "place", "edge", "atplace", "join", "harm"}
)
# A reaction of one's own ("我竟然有点羡慕", "为什么不是我"): it counts even when the sentence names the news that set it off.
_REACTION_FIELDS = frozenset({"join"})
# Death words said of no one in particular ("make sure you die") still count with means.
_DEATH_FIELDS = frozenset({"death", "deathwish", "active", "nonexist", "vanish", "burden", "finality"})
# Final arrangements and means: the words of the hit itself are blanked before the exclusion, frame and past
# checks of its sentence, so "gave my dog to my cousin" or "pays out after two years" does not excuse itself.
_ARRANGEMENT_FIELDS = frozenset({"finality", "arrange", "means"})
_ARRANGEMENT_BLANK_LANGS = frozenset({Lang.EN})  # Chinese past markers look ahead into the arrangement ("那时候...不在了")


def _blank_fields(sentence: str, fields: tuple[tuple[str, re.Pattern[str]], ...]) -> str:
    for kind, regex in fields:
        if kind in _ARRANGEMENT_FIELDS:
            sentence = regex.sub(_blank, sentence)
    return sentence


_SELF_WORD = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b|我|自己")
_NOT_A_PERSON = re.compile(
    r"\b(?:it|this|that|reality|life|thought|realization|song|music|wave|ball|door|car|bus|truck|bike|branch|"
    r"guilt|wall|wind|news|memory|feeling|smell|light|sun|heat|pain|grief)\s+(?:\w+\s+)?$"
)


def _broad_signal(code: str, level: RiskLevel, evidence: str, concern: Concern = "self") -> Signal:
    return Signal(code=code, level=level, reason=REASONS[code], concern=concern, evidence=_evidence(evidence))


def broad_net(
    prepared: PreparedText, tables: list[LanguageRules], *, joke: bool = False, recurrence: bool = False
) -> list[Signal]:
    """The second, recall-first layer: lexical fields and how they combine (policy in `detector`).

    Each hit of a personal field counts only when, in its clause, no negator stands right before it,
    the last person named before it is the speaker or nobody (Chinese often names nobody; English
    needs a first-person word in the sentence), its sentence has no fiction, news, coursework or
    ordinary circumstance (accident, sport, cooking, a pet, a device) and is not about the past.
    Someone else's hit is `third_party` (low); a past one `past_risk` (low).
    """
    text = prepared.text
    hits: dict[str, str] = {}
    generic: set[str] = set()
    finality: set[str] = set()
    third = past = ""
    for table in tables:
        broad = table.broad
        for kind, regex in broad.fields:
            for match in regex.finditer(text):
                start = match.start()
                sentence = prepared.sentence(start)
                if kind not in _PERSONAL_FIELDS and kind != "abuse":
                    hits.setdefault(kind, match.group(0))
                    continue
                if kind in _ARRANGEMENT_FIELDS and table.lang in _ARRANGEMENT_BLANK_LANGS:  # "gave my dog to my cousin"
                    sentence = _blank_fields(sentence, broad.fields)
                if kind not in _REACTION_FIELDS and (
                    any(t.frame.search(sentence) for t in tables) or any(t.broad.exclude.search(sentence) for t in tables)
                ):
                    continue
                prefix = text[prepared.clause_start(start) : start]
                if table.negation.search(prefix) or (table.reported_question.search(prefix)):
                    continue
                subject = _subject(prefix, tables)
                if kind in ("vanish", "death") and table.lang == Lang.EN and not broad.wish.search(prefix):
                    if subject != "third" and kind == "death":
                        generic.add(kind)  # "...to make sure you die": counts with means only
                    continue
                if kind in ("abuse", "harm"):  # the person named before is the one hurt, not whose risk it is
                    if not recurrence and any(t.past.search(sentence) or t.resolved.search(sentence) for t in tables):
                        continue  # "小时候我爸经常打我": the phrase rules already say `past_abuse`
                    if subject not in ("you", "thing") and not _NOT_A_PERSON.search(prefix):
                        hits.setdefault(kind, match.group(0))
                    continue
                if subject == "thing" and kind != "means":  # "got the car in the garage and a hose": means are things
                    continue
                if subject == "third":
                    third = third or match.group(0)
                    continue
                if subject == "you" or (
                    subject == "unknown"
                    and table.lang == Lang.EN
                    and kind not in ("means", "place", "atplace", "finality", "arrange")
                    and not _SELF_WORD.search(sentence)
                    and not broad.wish.match(prefix.lstrip())  # "so tired. want to sleep and not come back": the "I" is dropped
                ):
                    generic.add(kind)
                    continue
                if (
                    not recurrence
                    and kind not in _REACTION_FIELDS  # "羡慕去年走了的同学": the past is the other person's death
                    and any(t.past.search(sentence) or t.resolved.search(sentence) for t in tables)
                ):
                    past = past or match.group(0)
                    continue
                hits.setdefault(kind, match.group(0))
                if kind in ("finality", "arrange"):
                    finality.add(match.group(0))
    return _broad_combine(hits, generic, finality, third=third, past=past, joke=joke)


def _broad_combine(
    hits: dict[str, str], generic: set[str], finality: set[str], *, third: str, past: str, joke: bool
) -> list[Signal]:
    out: list[Signal] = []
    death = [hits[k] for k in ("active", "death", "deathwish", "nonexist", "vanish", "burden", "finality") if k in hits]
    if "join" in hits and "bereaved" in hits:  # envy of the dead, wanting to join someone who died
        death.append(hits["join"])
    any_death = bool(death) or bool(generic & _DEATH_FIELDS)
    if "selfharm" in hits:
        if "acute" in hits:
            out.append(_broad_signal("broad_attempt", RiskLevel.IMMINENT, hits["selfharm"]))
        else:
            out.append(_broad_signal("broad_self_harm", RiskLevel.HIGH, hits["selfharm"]))
    if "means" in hits and ("intent" in hits or any_death):
        out.append(_broad_signal("broad_means", RiskLevel.IMMINENT, hits["means"]))
    elif "edge" in hits and ("time" in hits or "intent" in hits or any_death):
        out.append(_broad_signal("broad_means", RiskLevel.IMMINENT, hits["edge"]))
    elif "place" in hits and any_death and ("intent" in hits or "time" in hits or death):
        out.append(_broad_signal("broad_means", RiskLevel.IMMINENT, hits["place"]))
    if "finality" in hits and (len(finality) >= 2 or {"means", "active", "death", "deathwish", "nonexist"} & hits.keys()):
        out.append(_broad_signal("broad_farewell", RiskLevel.IMMINENT, hits["finality"]))
    elif "arrange" in hits and (len(finality) >= 2 or {"time", "intent", "farewell"} & hits.keys() or death):
        level = RiskLevel.IMMINENT if death or len(finality) >= 3 else RiskLevel.MODERATE
        out.append(_broad_signal("broad_farewell", level, hits["arrange"]))
    if "atplace" in hits:  # at a drop or on the tracks now: moderate alone, imminent with a second cue
        if {"time", "dwell", "intent", "means", "finality", "arrange", "farewell"} & hits.keys() or death:
            out.append(_broad_signal("broad_means", RiskLevel.IMMINENT, hits["atplace"]))
        else:
            out.append(_broad_signal("broad_at_place", RiskLevel.MODERATE, hits["atplace"]))
    if "active" in hits:
        out.append(_broad_signal("broad_active", RiskLevel.HIGH, hits["active"]))
    elif death:
        out.append(_broad_signal("broad_death_wish", RiskLevel.MODERATE, death[0]))
    if "harm" in hits:  # an urge to kill or badly hurt someone: high, low with a joke marker
        if joke:
            out.append(_broad_signal("joking_threat", RiskLevel.LOW, hits["harm"], concern="others"))
        else:
            out.append(_broad_signal("broad_harm", RiskLevel.HIGH, hits["harm"], concern="others"))
    if "abuse" in hits:
        if joke:
            out.append(_broad_signal("joking_threat", RiskLevel.LOW, hits["abuse"], concern="others"))
        else:
            out.append(_broad_signal("broad_abuse", RiskLevel.HIGH, hits["abuse"], concern="abuse"))
    if not out and third:
        out.append(_broad_signal("third_party", RiskLevel.LOW, third, concern="third_party"))
    if not out and past:
        out.append(_broad_signal("past_risk", RiskLevel.LOW, past))
    return out
