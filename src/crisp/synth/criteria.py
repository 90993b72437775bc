"""The 16 criteria of the expert filter, in one place: 5 for the counsellor, 9 for the help-seeker,
2 for a supervisor's view of the whole dialogue (the split of the paper, whose own criteria are not
published; these are ours).

Each criterion is scored 1 to 5 by an LLM judge (`crisp synth run --judge SPEC`); a dialogue whose
mean score is below `MIN_MEAN_SCORE` (3.5, as in the paper) is dropped. Scores are stored in
`record.quality.criteria` under the criterion ids below, so datasets and evaluation reports name them
the same way.

Scale, for every criterion: 1 = absent or harmful, 2 = poor, 3 = acceptable with clear flaws,
4 = good, 5 = exemplary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from crisp.cr.schema import MAX_CRITERION_SCORE, MIN_CRITERION_SCORE
from crisp.cr.taxonomy import Lang

MIN_MEAN_SCORE = 3.5

Perspective = Literal["counsellor", "help_seeker", "supervisor"]


@dataclass(frozen=True)
class Criterion:
    id: str
    perspective: Perspective
    name_en: str
    name_zh: str
    question_en: str
    question_zh: str

    def name(self, lang: Lang | str) -> str:
        return str(getattr(self, f"name_{Lang(lang).value}"))

    def question(self, lang: Lang | str) -> str:
        return str(getattr(self, f"question_{Lang(lang).value}"))


CRITERIA: tuple[Criterion, ...] = (
    # -- the counsellor (5) -------------------------------------------------------------------
    Criterion(
        "counsellor_empathy", "counsellor", "Empathy", "共情",
        "Does the counsellor notice and reflect the client's feelings accurately and warmly, without clichés?",
        "咨询师是否准确、温暖地觉察并回应来访者的情绪，而不是说套话？",
    ),
    Criterion(
        "counsellor_method", "counsellor", "Method fidelity", "方法遵循",
        "Does the counsellor follow CRDial in order (automatic thought, belief, distortions, then defense, "
        "prosecution and verdict per distortion) without skipping a step or forcing a conclusion?",
        "咨询师是否按顺序遵循CRDial（自动思维、信念、认知扭曲，再对每个扭曲进行辩护、质疑与裁决），不跳步、不强行下结论？",
    ),
    Criterion(
        "counsellor_strategies", "counsellor", "Strategy use", "策略运用",
        "Does every sentence do what its strategy label says, and do the strategies fit the moment?",
        "每句话是否符合所标注的策略，策略的选择是否契合当时的情境？",
    ),
    Criterion(
        "counsellor_questioning", "counsellor", "Guided discovery", "引导式提问",
        "Does the counsellor help the client find answers through open, non-interrogating questions "
        "instead of lecturing or giving long monologues?",
        "咨询师是否通过开放、不审问式的提问帮助来访者自己找到答案，而不是说教或长篇大论？",
    ),
    Criterion(
        "counsellor_professionalism", "counsellor", "Professionalism and safety", "专业与安全",
        "Is what the counsellor says accurate and safe: no diagnosis, no judgement, no harmful or over-confident "
        "claims, no promises it cannot keep?",
        "咨询师所说的内容是否准确、安全：不做诊断、不评判、没有有害或过度自信的断言、不做无法兑现的承诺？",
    ),
    # -- the help-seeker (9) ------------------------------------------------------------------
    Criterion(
        "client_situation", "help_seeker", "Faithful to the situation", "贴合处境",
        "Does the client's story stay consistent with the seed situation and with what they said earlier?",
        "来访者的叙述是否与种子处境以及自己先前说过的话保持一致？",
    ),
    Criterion(
        "client_persona", "help_seeker", "Consistent persona", "人设一致",
        "Does the client speak like the same believable person throughout (age, occupation, circumstances)?",
        "来访者是否始终像同一个可信的人（年龄、职业、处境）在说话？",
    ),
    Criterion(
        "client_naturalness", "help_seeker", "Natural language", "语言自然",
        "Does the client write like a real person in a chat: plain words, short turns, no jargon?",
        "来访者是否像真人聊天那样说话：用词朴素、发言简短、没有专业术语？",
    ),
    Criterion(
        "client_role", "help_seeker", "Stays in role", "角色坚守",
        "Does the client stay a help-seeker and never counsel, analyse or summarise like a therapist?",
        "来访者是否始终是求助者，从不像咨询师那样开导、分析或总结？",
    ),
    Criterion(
        "client_emotion", "help_seeker", "Emotional expression", "情绪表达",
        "Does the client express plausible emotions that fit the situation and shift over the dialogue?",
        "来访者是否表达了符合处境、并随对话变化的可信情绪？",
    ),
    Criterion(
        "client_cognition", "help_seeker", "Coherent cognition", "认知连贯",
        "Do the client's automatic thought, belief and distortions fit together and match what the counsellor "
        "identified?",
        "来访者的自动思维、信念和认知扭曲是否彼此吻合，并与咨询师识别出的一致？",
    ),
    Criterion(
        "client_resistance", "help_seeker", "Plausible resistance", "合理的抗拒",
        "Does the client doubt and push back as a real person would, neither agreeing at once nor refusing forever?",
        "来访者是否像真人一样有所怀疑和反驳，既不立刻认同，也不一味拒绝？",
    ),
    Criterion(
        "client_gradual_change", "help_seeker", "Gradual change", "渐进转变",
        "Does the client's view change step by step, following from the evidence discussed?",
        "来访者的看法是否随着讨论的证据一步步转变？",
    ),
    Criterion(
        "client_own_verdict", "help_seeker", "Own balanced thought", "自主形成新想法",
        "Are the balanced thoughts the client reaches believable and in their own words, not the counsellor's?",
        "来访者最后形成的平衡想法是否可信、是用自己的话说出的，而不是照搬咨询师的话？",
    ),
    # -- the supervisor (2) -------------------------------------------------------------------
    Criterion(
        "supervisor_effectiveness", "supervisor", "Restructuring effectiveness", "重构成效",
        "Seen as a whole, would this dialogue help a real person loosen the negative thought and feel better?",
        "从整体来看，这段对话能否帮助真实的人松动负面想法、感觉好一些？",
    ),
    Criterion(
        "supervisor_overall", "supervisor", "Overall quality", "整体质量",
        "Is the dialogue coherent, specific to this person, varied and free of repetition, fit to teach from?",
        "对话是否连贯、切合这个人、富有变化且没有重复，适合作为教学范例？",
    ),
)

CRITERION_IDS: tuple[str, ...] = tuple(c.id for c in CRITERIA)
_COUNTS = {p: sum(1 for c in CRITERIA if c.perspective == p) for p in ("counsellor", "help_seeker", "supervisor")}
if _COUNTS != {"counsellor": 5, "help_seeker": 9, "supervisor": 2} or len(set(CRITERION_IDS)) != len(CRITERIA):
    raise RuntimeError(f"the expert criteria must be 5 + 9 + 2 with unique ids, not {_COUNTS}")


@cache
def judge_output_model() -> type[BaseModel]:
    """What the judge returns: one integer score per criterion, in the order above."""
    score = (int, Field(ge=int(MIN_CRITERION_SCORE), le=int(MAX_CRITERION_SCORE)))
    fields: dict[str, Any] = {c.id: score for c in CRITERIA}
    return create_model("JudgeScores", __config__=ConfigDict(extra="forbid"), **fields)


def criteria_block(lang: Lang | str) -> str:
    """The criteria as the judge reads them, grouped by perspective."""
    heads = {
        "counsellor": {Lang.EN: "The counsellor", Lang.ZH: "咨询师"},
        "help_seeker": {Lang.EN: "The help-seeker", Lang.ZH: "来访者"},
        "supervisor": {Lang.EN: "The whole dialogue, as a supervisor sees it", Lang.ZH: "督导视角下的整段对话"},
    }
    lines = []
    for perspective, head in heads.items():
        lines.append(head[Lang(lang)])
        lines += [f"- {c.id} ({c.name(lang)}): {c.question(lang)}" for c in CRITERIA if c.perspective == perspective]
    return "\n".join(lines)


def mean_score(scores: dict[str, float]) -> float:
    return round(sum(scores.values()) / len(scores), 4) if scores else 0.0


__all__ = ["CRITERIA", "CRITERION_IDS", "MIN_MEAN_SCORE", "Criterion", "criteria_block", "judge_output_model",
           "mean_score"]
