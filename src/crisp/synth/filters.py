"""The filters a synthesised dialogue must pass before it is kept, cheapest first.

- basic: the structural checks of `crisp.cr.checks.check_record` (schema, role alternation, plan
  order, channels, verdicts, language of every turn), a complete plan, turn length bounds, boilerplate
  ("As an AI", numbered 首先/其次/最后 lectures), identical repeated sentences, a help-seeker who
  counsels, and a counsellor who lectures (no question over `question_window` turns in a row, or a
  very long turn);
- safety: the safety layer over every turn: a simulated client at `moderate` risk or above, or a
  counsellor reply that fails the reply check, drops the dialogue;
- expert: an LLM judge scores the 16 criteria of `crisp.synth.criteria`; a mean below 3.5 drops it;
- near_duplicate / seed_diversity: see `crisp.synth.dedup`.

Each filter returns the reasons it drops a dialogue (empty: it passes); the run writes a dropped
dialogue to `filtered.jsonl` with the filter's name and reasons, and counts it in the manifest.

Not here: rules of our own about crises (they are the safety layer's), or rewriting a dialogue to
make it pass.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from crisp.cr.checks import check_record
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord, QualityScores
from crisp.cr.taxonomy import Lang, term
from crisp.dialogue.client import looks_like_counselling
from crisp.dialogue.context import thought_record
from crisp.dialogue.spoken import same_words
from crisp.llm.base import ChatModel, GenerationParams, Message
from crisp.prompts import keyed_lines, template
from crisp.synth.criteria import (
    MIN_MEAN_SCORE,
    criteria_block,
    judge_output_model,
    mean_score,
)
from crisp.synth.seeds import SCREEN_LEVEL, level_name, risk_at_least

FILTER_NAMES = ("basic", "safety", "expert", "near_duplicate", "seed_diversity")
MAX_REASONS = 20  # a broken dialogue can have hundreds of violations; the first ones say enough


class FilterSettings(BaseModel):
    """Thresholds of the filters. Part of every job's fingerprint: changing one redoes the run's jobs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    require_complete: bool = True  # drop dialogues that stopped at max_turns or when the client left
    max_client_chars: dict[Lang, int] = Field(default_factory=lambda: {Lang.EN: 700, Lang.ZH: 300})
    max_counsellor_chars: dict[Lang, int] = Field(default_factory=lambda: {Lang.EN: 900, Lang.ZH: 400})
    question_window: int = Field(default=6, ge=2)
    max_sentence_repeats: int = Field(default=2, ge=1)  # the same counsellor sentence at most this often
    max_client_repeats: int = Field(default=2, ge=1)
    min_judge_mean: float = Field(default=MIN_MEAN_SCORE, ge=1.0, le=5.0)
    near_duplicate: float = Field(default=0.8, gt=0.0, le=1.0)
    seed_diversity: float = Field(default=0.6, gt=0.0, le=1.0)


# -- basic ----------------------------------------------------------------------------------------

_BOILERPLATE = {
    Lang.EN: re.compile(
        r"\bas an ai\b|\bas an? (?:ai|artificial intelligence|large language|language) (?:model|assistant)\b|"
        r"\bi(?:'m| am) (?:just |only )?an? (?:ai|language model|chatbot|virtual assistant)\b|"
        r"\bi cannot provide (?:medical|professional|therapy)\b|\b(?:chatgpt|openai)\b",
        re.IGNORECASE,
    ),
    Lang.ZH: re.compile(r"作为(?:一个|一名)?(?:AI|ai|人工智能|语言模型|AI助手|虚拟助手)|我(?:只)?是(?:一个)?(?:AI|人工智能|语言模型)"),
}
# A numbered lecture inside one counsellor turn: two or more of these markers.
_LECTURE_MARKERS = {
    Lang.EN: re.compile(r"(?:^|\s)(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|lastly)\s*,|(?:^|\s)\d[.)]\s",
                        re.IGNORECASE),
    Lang.ZH: re.compile(r"首先|其次|再次|最后|第[一二三四五]，|第[一二三四五]点|(?:^|\s)\d[.、)]"),
}
_QUESTION = re.compile(r"[?？]|吗[。！!]?$|呢[。！!]?$")


def basic_reasons(record: CrispRecord, settings: FilterSettings | None = None) -> list[str]:
    """Why the basic filter drops `record` (empty when it passes)."""
    s = settings or FilterSettings()
    lang = record.language
    reasons = [f"structure: {v}" for v in check_record(record)]
    if s.require_complete and record.end_reason != "plan_complete":
        reasons.append(f"incomplete: the dialogue ended with {record.end_reason}, not plan_complete")
    sentence_counts: Counter[str] = Counter()
    client_counts: Counter[str] = Counter()
    since_question = 0
    for i, turn in enumerate(record.turns):
        text = turn.text(lang)
        if isinstance(turn, ClientTurn):
            if len(text) > s.max_client_chars[lang]:
                reasons.append(f"turns[{i}]: client turn of {len(text)} characters (at most {s.max_client_chars[lang]})")
            if looks_like_counselling(text, lang):
                reasons.append(f"turns[{i}]: the help-seeker talks like a counsellor")
            if same_words(text):
                client_counts[same_words(text)] += 1
            continue
        assert isinstance(turn, CounsellorTurn)
        if len(text) > s.max_counsellor_chars[lang]:
            reasons.append(
                f"turns[{i}]: counsellor turn of {len(text)} characters (at most {s.max_counsellor_chars[lang]}): lecturing"
            )
        if _BOILERPLATE[lang].search(text):
            reasons.append(f"turns[{i}]: boilerplate ({_BOILERPLATE[lang].search(text).group()!r})")  # type: ignore[union-attr]
        if len(_LECTURE_MARKERS[lang].findall(text)) >= 2:
            reasons.append(f"turns[{i}]: a numbered lecture (first/second/finally, 首先/其次/最后)")
        in_turn = [same_words(x.text) for x in turn.sentences if same_words(x.text)]
        if len(in_turn) != len(set(in_turn)):
            reasons.append(f"turns[{i}]: the same sentence twice in one turn")
        sentence_counts.update(set(in_turn))
        asks = any(_QUESTION.search(x.text.strip()) for x in turn.sentences)
        since_question = 0 if asks else since_question + 1
        if since_question == s.question_window:
            reasons.append(f"turns[{i}]: no question in {s.question_window} counsellor turns in a row: lecturing")
    for sentence, count in sentence_counts.most_common():
        if count <= s.max_sentence_repeats:
            break
        reasons.append(f"repetition: counsellor sentence {sentence[:60]!r} in {count} turns")
    for text, count in client_counts.most_common():
        if count <= s.max_client_repeats:
            break
        reasons.append(f"repetition: client turn {text[:60]!r} {count} times")
    return reasons[:MAX_REASONS]


# -- safety ---------------------------------------------------------------------------------------


def safety_reasons(record: CrispRecord) -> list[str]:
    """Why the safety filter drops `record`: client turns at moderate risk or more, harmful counsellor text."""
    from crisp.safety import assess, check_reply

    lang = record.language
    reasons: list[str] = []
    said: list[str] = []  # the client's earlier turns: the context the safety layer reads
    risk_before = False
    for i, turn in enumerate(record.turns):
        text = turn.text(lang)
        if isinstance(turn, ClientTurn):
            # Context raises a level only after earlier risk; until a turn shows some, reading the earlier
            # turns again (the safety layer rescans them on every call) cannot change the answer.
            level = level_name(assess(text, context=tuple(said) if risk_before else (), lang=lang).level)
            if risk_at_least(level, SCREEN_LEVEL):
                reasons.append(f"turns[{i}]: the simulated client is at {level} risk")
            risk_before = risk_before or level != "none"
            said.append(text)
        else:
            check = check_reply(text, lang)
            if not reply_passed(check):
                reasons.append(f"turns[{i}]: counsellor reply fails the safety check ({reply_problem(check)})")
    return reasons[:MAX_REASONS]


def reply_passed(check: Any) -> bool:
    return bool(check.passed)


def reply_problem(check: Any) -> str:
    return "; ".join(check.reasons) or "unsafe"


# -- expert ---------------------------------------------------------------------------------------


def judge_transcript(record: CrispRecord) -> str:
    lang = record.language
    labels = keyed_lines("labels", lang)
    client, counsellor = labels["client"], labels["counsellor"]
    lines = []
    for turn in record.turns:
        if isinstance(turn, ClientTurn):
            lines.append(f"{client}: {turn.content}")
        else:
            said = " ".join(
                f"{x.text.strip()} [{term(x.strategy).name(lang) if x.strategy else '-'}]" for x in turn.sentences
            )
            lines.append(f"{counsellor}: {said}")
    return "\n".join(lines)


def judge_messages(record: CrispRecord) -> list[Message]:
    from crisp.dialogue.session import Session

    session = Session(record.seed)  # only to render the thought record the engine shows the counsellor
    session.record = record
    prompt = template("judge", record.language).format(
        situation=record.seed.situation,
        thought_record=thought_record(session),
        transcript=judge_transcript(record),
        criteria=criteria_block(record.language),
    )
    return [Message(role="user", content=prompt)]


async def judge_record(judge: ChatModel, record: CrispRecord, params: GenerationParams | None = None) -> QualityScores:
    """Scores of the 16 criteria by `judge`, with their mean."""
    out = (await judge.structured(judge_messages(record), judge_output_model(), params)).value
    scores = {k: float(v) for k, v in out.model_dump().items()}
    return QualityScores(judge=judge.spec, criteria=scores, mean=mean_score(scores))


def expert_reasons(quality: QualityScores, settings: FilterSettings | None = None) -> list[str]:
    s = settings or FilterSettings()
    if quality.mean is not None and quality.mean < s.min_judge_mean:
        low = sorted(quality.criteria.items(), key=lambda kv: kv[1])[:3]
        worst = ", ".join(f"{k}={v:g}" for k, v in low)
        return [f"judge mean {quality.mean:.2f} < {s.min_judge_mean:g} (lowest: {worst})"]
    return []
