"""The CRDial taxonomy: the one place that lists distortions, strategies, stages and sub-steps.

Each item carries an English and a Chinese name, a one-paragraph definition in
both languages, and an example in both languages. The enum values are stable
identifiers used in records, prompts and exports; display names come from here.
Definitions are the standard CBT ones (Burns, Grohol) and Hill's helping skills,
written by this team; the paper's own wording is not published.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar, cast


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


class Distortion(StrEnum):
    CATASTROPHIZING = "catastrophizing"
    ALL_OR_NOTHING_THINKING = "all_or_nothing_thinking"
    OVERGENERALIZATION = "overgeneralization"
    PERSONALIZATION = "personalization"
    MENTAL_FILTERING = "mental_filtering"
    FORTUNE_TELLING = "fortune_telling"
    MIND_READING = "mind_reading"
    DISQUALIFYING_THE_POSITIVE = "disqualifying_the_positive"
    JUMPING_TO_CONCLUSIONS = "jumping_to_conclusions"
    EMOTIONAL_REASONING = "emotional_reasoning"
    SHOULD_STATEMENTS = "should_statements"
    COMPARING_AND_DESPAIRING = "comparing_and_despairing"
    BLAMING = "blaming"
    CONTROL_FALLACY = "control_fallacy"
    EXTERNAL_VALIDATION = "external_validation"


class StrategyCategory(StrEnum):
    DESCRIPTION = "description"
    EXPRESSION = "expression"
    ASSERTION = "assertion"
    REINFORCEMENT = "reinforcement"
    NEGOTIATION = "negotiation"


class Strategy(StrEnum):
    QUESTION = "question"
    RESTATEMENT = "restatement"
    REFLECTION_OF_FEELINGS = "reflection_of_feelings"
    SELF_DISCLOSURE = "self_disclosure"
    PROVIDING_SUGGESTIONS = "providing_suggestions"
    INFORMATION = "information"
    AFFIRMATION_AND_REASSURANCE = "affirmation_and_reassurance"
    NEGOTIATE = "negotiate"

    @property
    def category(self) -> StrategyCategory:
        return STRATEGY_CATEGORY[self]


STRATEGY_CATEGORY: dict[Strategy, StrategyCategory] = {
    Strategy.QUESTION: StrategyCategory.DESCRIPTION,
    Strategy.RESTATEMENT: StrategyCategory.DESCRIPTION,
    Strategy.REFLECTION_OF_FEELINGS: StrategyCategory.EXPRESSION,
    Strategy.SELF_DISCLOSURE: StrategyCategory.EXPRESSION,
    Strategy.PROVIDING_SUGGESTIONS: StrategyCategory.ASSERTION,
    Strategy.INFORMATION: StrategyCategory.ASSERTION,
    Strategy.AFFIRMATION_AND_REASSURANCE: StrategyCategory.REINFORCEMENT,
    Strategy.NEGOTIATE: StrategyCategory.NEGOTIATION,
}


class Stage(StrEnum):
    IDENTIFICATION = "identification"
    RESTRUCTURING = "restructuring"


class SubStep(StrEnum):
    AUTOMATIC_THOUGHT = "automatic_thought"
    INTERMEDIATE_BELIEF = "intermediate_belief"
    CORE_BELIEF = "core_belief"
    DEFENSE = "defense"
    PROSECUTION = "prosecution"
    VERDICT = "verdict"

    @property
    def stage(self) -> Stage:
        return SUBSTEP_STAGE[self]


# Sub-steps in the order the dialogue visits them.
SUBSTEP_ORDER: tuple[SubStep, ...] = tuple(SubStep)
IDENTIFICATION_STEPS: tuple[SubStep, ...] = SUBSTEP_ORDER[:3]
RESTRUCTURING_STEPS: tuple[SubStep, ...] = SUBSTEP_ORDER[3:]
SUBSTEP_STAGE: dict[SubStep, Stage] = {
    **{s: Stage.IDENTIFICATION for s in IDENTIFICATION_STEPS},
    **{s: Stage.RESTRUCTURING for s in RESTRUCTURING_STEPS},
}

# Limits from the paper: at most 3 candidate distortions per identification.
MAX_CHANNELS_PER_IDENTIFICATION = 3


@dataclass(frozen=True)
class Term:
    """Bilingual name, definition and example of one taxonomy item."""

    name_en: str
    name_zh: str
    definition_en: str
    definition_zh: str
    example_en: str
    example_zh: str

    def name(self, lang: Lang | str) -> str:
        return self.name_zh if Lang(lang) is Lang.ZH else self.name_en

    def definition(self, lang: Lang | str) -> str:
        return self.definition_zh if Lang(lang) is Lang.ZH else self.definition_en

    def example(self, lang: Lang | str) -> str:
        return self.example_zh if Lang(lang) is Lang.ZH else self.example_en


# ---------------------------------------------------------------------------
# Bilingual terms. Every enum member above has exactly one entry below; the
# English display names are the ones the paper uses.
# ---------------------------------------------------------------------------

DISTORTION_TERMS: dict[Distortion, Term] = {
    Distortion.CATASTROPHIZING: Term(
        name_en="Catastrophizing",
        name_zh="灾难化",
        definition_en=(
            "Expecting the worst possible outcome and treating it as likely, or blowing the "
            "importance of a setback far out of proportion. A manageable problem is pictured as "
            "a disaster the person will not be able to bear."
        ),
        definition_zh=(
            "把事情往最坏的方向设想，并认定最糟的结局很可能发生，或者把一次挫折的严重性无限放大。"
            "原本可以应对的困难，在脑海里变成了一场自己无法承受的灾难。"
        ),
        example_en="If I fail this exam, my whole future is ruined and I'll never recover.",
        example_zh="这次考试要是挂了，我这辈子就全完了，再也翻不了身。",
    ),
    Distortion.ALL_OR_NOTHING_THINKING: Term(
        name_en="All-or-Nothing Thinking",
        name_zh="非黑即白思维",
        definition_en=(
            "Seeing people, events or oneself in two extreme categories with no middle ground. "
            "Anything short of perfect counts as a total failure, and one flaw cancels out "
            "everything else."
        ),
        definition_zh=(
            "用两个极端来看待自己、他人或事情，中间没有任何过渡地带。只要没做到完美就等于彻底失败，"
            "一个缺点就能抹掉其余的一切。"
        ),
        example_en="I made one mistake in the presentation, so the whole thing was a disaster.",
        example_zh="汇报里出了一个错，整场汇报就等于白做了。",
    ),
    Distortion.OVERGENERALIZATION: Term(
        name_en="Overgeneralization",
        name_zh="过度概括",
        definition_en=(
            "Drawing a sweeping conclusion from a single event or a few events. One "
            "disappointment is taken as proof of an endless pattern, often signalled by words "
            "such as 'always', 'never' or 'everyone'."
        ),
        definition_zh=(
            "凭一两次经历就得出适用于一切情况的结论，把一次失望看成永远不会改变的规律。"
            "这类想法里常常出现“总是”“从来不”“所有人都”之类的字眼。"
        ),
        example_en="My paper got rejected again. Nothing I write is ever going to be accepted.",
        example_zh="论文又被拒了，我写的东西永远都不会被接收。",
    ),
    Distortion.PERSONALIZATION: Term(
        name_en="Personalization",
        name_zh="个人化",
        definition_en=(
            "Taking personal responsibility for events that are largely outside one's control, "
            "or reading other people's behaviour as a reaction to oneself. The person blames "
            "themselves for outcomes that have many causes."
        ),
        definition_zh=(
            "把很大程度上不由自己决定的事情揽到自己身上，或者把别人的言行都理解成是冲着自己来的。"
            "明明一件事有许多原因，却认定错全在自己。"
        ),
        example_en="My parents argued last night; it must be because I didn't get the job.",
        example_zh="爸妈昨晚吵架了，肯定是因为我没找到工作。",
    ),
    Distortion.MENTAL_FILTERING: Term(
        name_en="Mental Filtering",
        name_zh="心理过滤",
        definition_en=(
            "Picking out a single negative detail and dwelling on it until it colours the whole "
            "situation. Positive or neutral information is still noticed but filtered out of "
            "the overall picture."
        ),
        definition_zh=(
            "只盯住某个负面细节反复琢磨，让它给整件事蒙上一层灰色。正面或中性的信息并非没有看到，"
            "却被过滤掉，不算进对整体的判断里。"
        ),
        example_en=(
            "Everyone praised my work, but one colleague "
            "frowned, and that's all I can think about."
        ),
        example_zh="大家都夸我做得好，可有个同事皱了下眉，我脑子里就只剩下这件事。",
    ),
    Distortion.FORTUNE_TELLING: Term(
        name_en="Fortune Telling",
        name_zh="预言未来",
        definition_en=(
            "Predicting that things will turn out badly and treating the prediction as an "
            "established fact. The expected failure often discourages the person from trying "
            "at all."
        ),
        definition_zh=(
            "预先断定事情一定会朝坏的方向发展，并把这种预测当成既成事实。"
            "因为认定会失败，人往往连尝试都放弃了。"
        ),
        example_en="There's no point applying; I already know they'll turn me down.",
        example_zh="投了也没用，我早就知道他们不会要我。",
    ),
    Distortion.MIND_READING: Term(
        name_en="Mind Reading",
        name_zh="读心术",
        definition_en=(
            "Assuming one knows what others are thinking, usually that they judge one "
            "negatively, without checking. Ambiguous signals are read as clear evidence of "
            "disapproval."
        ),
        definition_zh=(
            "没有经过核实，就认定自己知道别人在想什么，而且通常是在负面地评价自己。"
            "一些模棱两可的信号被当成了对方不满的确凿证据。"
        ),
        example_en="My advisor didn't reply to my email; he must think I'm incompetent.",
        example_zh="导师没回我邮件，他一定觉得我很没用。",
    ),
    Distortion.DISQUALIFYING_THE_POSITIVE: Term(
        name_en="Disqualifying the Positive",
        name_zh="否定积极面",
        definition_en=(
            "Rejecting positive experiences by insisting they do not count. Successes are put "
            "down to luck or other people's kindness, so a negative belief survives even when "
            "everyday experience contradicts it."
        ),
        definition_zh=(
            "坚持认为正面的经历“不算数”，把成功归结为运气好或者别人客气。"
            "于是即便日常经验与消极信念相矛盾，这个信念也依然屹立不倒。"
        ),
        example_en="I only passed because the test was easy; it doesn't mean I'm any good.",
        example_zh="我能通过只是因为题目简单，根本说明不了我有能力。",
    ),
    Distortion.JUMPING_TO_CONCLUSIONS: Term(
        name_en="Jumping to Conclusions",
        name_zh="妄下结论",
        definition_en=(
            "Reaching a negative conclusion quickly when the facts do not support it. The "
            "person skips the step of gathering evidence and treats a first impression as "
            "the truth."
        ),
        definition_zh=(
            "在事实并不足以支持的情况下，匆忙得出负面的结论。"
            "省去了收集证据的环节，把第一印象直接当成了真相。"
        ),
        example_en="She cancelled our plans, so she obviously doesn't want to be friends anymore.",
        example_zh="她取消了我们的约会，显然是不想再跟我做朋友了。",
    ),
    Distortion.EMOTIONAL_REASONING: Term(
        name_en="Emotional Reasoning",
        name_zh="情绪推理",
        definition_en=(
            "Treating a feeling as evidence of how things really are. Because something feels "
            "true, the person concludes that it must be true, even when the facts point "
            "elsewhere."
        ),
        definition_zh=(
            "把自己的感受当作事实的证据。因为感觉是这样，就断定事情一定是这样，"
            "哪怕客观事实指向的是另一种可能。"
        ),
        example_en="I feel like a failure, so I must be one.",
        example_zh="我觉得自己很失败，所以我就是个失败者。",
    ),
    Distortion.SHOULD_STATEMENTS: Term(
        name_en="Should Statements",
        name_zh="应该陈述",
        definition_en=(
            "Holding oneself or others to rigid rules phrased as 'should', 'must' or 'ought "
            "to'. Falling short of these rules brings guilt when aimed at oneself and anger or "
            "resentment when aimed at others."
        ),
        definition_zh=(
            "用“应该”“必须”“理应”这类僵硬的规则来要求自己或别人。"
            "自己做不到时会感到内疚，别人做不到时则会生气或怨恨。"
        ),
        example_en="I should be able to handle all of this on my own without asking for help.",
        example_zh="这些事我应该自己全部搞定，根本不该去找人帮忙。",
    ),
    Distortion.COMPARING_AND_DESPAIRING: Term(
        name_en="Comparing and Despairing",
        name_zh="比较与绝望",
        definition_en=(
            "Measuring oneself against others, usually against their best side, and concluding "
            "that one is inadequate or hopelessly behind. The comparison is selective and "
            "leaves the person discouraged rather than motivated."
        ),
        definition_zh=(
            "总拿自己和别人比，而且往往拿别人最光鲜的一面来比，最后得出自己不够好、远远落后的结论。"
            "这种比较是片面的，带来的不是动力，而是灰心丧气。"
        ),
        example_en="All my classmates have published papers already; I'm hopelessly behind.",
        example_zh="同届的人都发论文了，只有我还一事无成，已经追不上了。",
    ),
    Distortion.BLAMING: Term(
        name_en="Blaming",
        name_zh="归咎他人",
        definition_en=(
            "Holding other people or circumstances entirely responsible for one's pain or "
            "problems. Focusing on who is at fault leaves little room to look at one's own "
            "part or at what one can change."
        ),
        definition_zh=(
            "把自己的痛苦或问题完全归咎于别人或外部环境。"
            "当注意力都放在“谁的错”上，就很难看到自己的部分，也看不到自己能改变什么。"
        ),
        example_en="I'm miserable at work because my boss makes my life hell; it's all his fault.",
        example_zh="我上班这么痛苦，全是因为老板处处刁难我，都是他的错。",
    ),
    Distortion.CONTROL_FALLACY: Term(
        name_en="Control Fallacy",
        name_zh="控制谬误",
        definition_en=(
            "Misjudging how much control one has. Either one feels externally controlled, a "
            "helpless victim of fate, or one feels responsible for everything around, including "
            "other people's feelings."
        ),
        definition_zh=(
            "对自己能掌控多少事情判断失误。有时觉得一切都由外界决定，自己只是命运无助的受害者；"
            "有时又觉得身边的一切，包括别人的情绪，都该由自己负责。"
        ),
        example_en="There's nothing I can do about my situation; it's all up to luck.",
        example_zh="我的处境我一点办法都没有，全看运气。",
    ),
    Distortion.EXTERNAL_VALIDATION: Term(
        name_en="External Validation",
        name_zh="外部认可",
        definition_en=(
            "Basing one's self-worth on other people's approval, praise or attention. Without "
            "recognition from others the person feels worthless, so criticism or silence hurts "
            "far more than it warrants."
        ),
        definition_zh=(
            "把自我价值建立在别人的认可、称赞或关注之上。一旦得不到他人的肯定，就觉得自己一文不值，"
            "因此别人的批评甚至冷淡，都会带来远超实际的伤害。"
        ),
        example_en="Nobody liked my post, so what I have to say clearly doesn't matter.",
        example_zh="我发的动态没人点赞，说明我说的话根本没人在乎。",
    ),
}

STRATEGY_TERMS: dict[Strategy, Term] = {
    Strategy.QUESTION: Term(
        name_en="Question",
        name_zh="提问",
        definition_en=(
            "An open question that invites the client to explore the problem, their thoughts "
            "or their feelings in their own words. It is asked with curiosity rather than as an "
            "interrogation, and one at a time."
        ),
        definition_zh=(
            "用开放式问题邀请来访者用自己的话去探索问题、想法或感受。"
            "提问时带着好奇而非审问的态度，一次只问一个问题。"
        ),
        example_en="What went through your mind when you read your advisor's comments?",
        example_zh="你看到导师的批注时，脑子里冒出来的第一个念头是什么？",
    ),
    Strategy.RESTATEMENT: Term(
        name_en="Restatement",
        name_zh="复述",
        definition_en=(
            "Repeating or paraphrasing the content of what the client said, in fewer or "
            "clearer words. It shows the counsellor has understood and lets the client hear "
            "and correct their own account."
        ),
        definition_zh=(
            "用更简洁或更清楚的话，把来访者所说的内容重新表述一遍。"
            "这既表明咨询师听懂了，也让来访者有机会听到并修正自己的叙述。"
        ),
        example_en=(
            "So you've had several rejections in a "
            "row, and now the revisions feel endless."
        ),
        example_zh="也就是说，你接连被拒了好几次，现在感觉修改永远也改不完。",
    ),
    Strategy.REFLECTION_OF_FEELINGS: Term(
        name_en="Reflection of Feelings",
        name_zh="情感反映",
        definition_en=(
            "Naming the emotion the client expresses, stated or implied, and mirroring it "
            "back. It helps the client feel understood and become aware of what they feel."
        ),
        definition_zh=(
            "点出来访者流露出的情绪，无论是明说的还是隐含的，并把它反映给对方。"
            "这能让来访者感到被理解，也帮助其觉察自己的感受。"
        ),
        example_en="It sounds like you're feeling discouraged and a bit lost right now.",
        example_zh="听起来你现在既灰心，又有点不知所措。",
    ),
    Strategy.SELF_DISCLOSURE: Term(
        name_en="Self-disclosure",
        name_zh="自我表露",
        definition_en=(
            "Briefly sharing a relatable experience or feeling of the counsellor's own to "
            "normalise what the client is going through. The focus returns to the client right "
            "after."
        ),
        definition_zh=(
            "简短地分享咨询师自己相似的经历或感受，让来访者知道这种处境并不罕见。"
            "分享之后，焦点马上回到来访者身上。"
        ),
        example_en=(
            "I remember feeling the same way when my "
            "first manuscript came back covered in red ink."
        ),
        example_zh="我记得自己第一篇稿子被改得满篇通红时，也有过一模一样的感觉。",
    ),
    Strategy.PROVIDING_SUGGESTIONS: Term(
        name_en="Providing Suggestions",
        name_zh="提供建议",
        definition_en=(
            "Offering concrete, practical advice fitted to the client's situation, such as a "
            "next step or a coping technique. It is offered as an option to consider, not as "
            "an order."
        ),
        definition_zh=(
            "结合来访者的具体处境，给出切实可行的建议，比如下一步可以怎么做，或者某种应对方法。"
            "建议以供参考的方式提出，而不是命令。"
        ),
        example_en=(
            "Maybe you could sort the comments into quick fixes "
            "and bigger changes, and start with the quick ones."
        ),
        example_zh="或许可以先把批注分成“马上能改的”和“需要大改的”两类，从容易的开始动手。",
    ),
    Strategy.INFORMATION: Term(
        name_en="Information",
        name_zh="信息提供",
        definition_en=(
            "Giving objective facts or psycho-education relevant to the client's concern, for "
            "instance how stress or thinking patterns work. It is stated plainly, without "
            "citing studies."
        ),
        definition_zh=(
            "提供与来访者困扰相关的客观事实或心理健康知识，例如压力或思维模式是如何起作用的。"
            "表述平实易懂，不引用具体研究。"
        ),
        example_en=(
            "Rejection is a normal part of academic publishing; "
            "most papers are turned down at least once."
        ),
        example_zh="被拒稿在学术发表中很常见，大多数论文都至少被拒过一次。",
    ),
    Strategy.AFFIRMATION_AND_REASSURANCE: Term(
        name_en="Affirmation and Reassurance",
        name_zh="肯定与安慰",
        definition_en=(
            "Recognising the client's strengths, efforts and progress, and offering comfort "
            "and encouragement. It builds confidence and a sense that change is possible."
        ),
        definition_zh=(
            "肯定来访者的优点、付出和进步，并给予安慰与鼓励。"
            "这能增强来访者的信心，让其相信改变是可能的。"
        ),
        example_en="You've kept going through several setbacks, and that takes real persistence.",
        example_zh="经历了这么多挫折你还在坚持，这本身就需要很大的毅力。",
    ),
    Strategy.NEGOTIATE: Term(
        name_en="Negotiate",
        name_zh="协商",
        definition_en=(
            "Working with the client to reach agreements on what to focus on, how to proceed "
            "or what to try next. Plans are built together and the client's consent is sought "
            "rather than assumed."
        ),
        definition_zh=(
            "与来访者一起商量接下来关注什么、怎么推进、尝试什么，共同达成约定。"
            "计划由双方一起制定，并征求来访者的同意，而不是替对方做决定。"
        ),
        example_en="Shall we pick one of these thoughts and look at it more closely together?",
        example_zh="我们先挑其中一个想法，一起仔细看看，你觉得可以吗？",
    ),
}

CATEGORY_TERMS: dict[StrategyCategory, Term] = {
    StrategyCategory.DESCRIPTION: Term(
        name_en="Description",
        name_zh="描述",
        definition_en=(
            "Strategies that clarify the client's account: asking about it and restating it. "
            "They gather and check information without adding the counsellor's own view."
        ),
        definition_zh=(
            "用于厘清来访者叙述的策略，包括提问和复述。"
            "它们收集并核对信息，而不掺入咨询师自己的观点。"
        ),
        example_en="Could you tell me more about what happened after the meeting?",
        example_zh="能再多说说会议结束之后发生了什么吗？",
    ),
    StrategyCategory.EXPRESSION: Term(
        name_en="Expression",
        name_zh="表达",
        definition_en=(
            "Strategies that engage with emotion: reflecting the client's feelings and sharing "
            "relatable experiences. They build empathy and a sense of being understood."
        ),
        definition_zh=(
            "围绕情感展开的策略，包括情感反映和自我表露。"
            "它们拉近彼此的距离，让来访者感到被共情、被理解。"
        ),
        example_en="That sounds really exhausting, and I can understand why you feel worn out.",
        example_zh="这听起来真的很累人，难怪你会觉得身心俱疲。",
    ),
    StrategyCategory.ASSERTION: Term(
        name_en="Assertion",
        name_zh="主张",
        definition_en=(
            "Strategies in which the counsellor contributes content: practical suggestions and "
            "objective information. They offer new options and knowledge the client can use."
        ),
        definition_zh=(
            "由咨询师主动提供内容的策略，包括提供建议和信息提供。"
            "它们为来访者带来可用的新选择和新知识。"
        ),
        example_en="Breaking a big task into small steps often makes it feel less overwhelming.",
        example_zh="把大任务拆成几个小步骤，往往就没那么让人喘不过气了。",
    ),
    StrategyCategory.REINFORCEMENT: Term(
        name_en="Reinforcement",
        name_zh="强化",
        definition_en=(
            "Strategies that strengthen what is going well: affirming strengths, effort and "
            "progress, and reassuring the client. They sustain motivation through difficult "
            "work."
        ),
        definition_zh=(
            "巩固积极面的策略：肯定来访者的优点、付出和进步，并给予安慰。"
            "它们帮助来访者在艰难的过程中保持动力。"
        ),
        example_en="You noticed that thought yourself, which is an important step.",
        example_zh="你自己就察觉到了这个想法，这是很重要的一步。",
    ),
    StrategyCategory.NEGOTIATION: Term(
        name_en="Negotiation",
        name_zh="协商",
        definition_en=(
            "Strategies that build shared agreements about the direction and pace of the "
            "conversation and about plans for action. They keep the client an active partner."
        ),
        definition_zh=(
            "就对话的方向、节奏以及行动计划共同达成约定的策略。"
            "它们让来访者始终是积极参与的合作者。"
        ),
        example_en="Would you be willing to try writing down these thoughts this week?",
        example_zh="这周你愿意试着把这些想法记录下来吗？",
    ),
}

STAGE_TERMS: dict[Stage, Term] = {
    Stage.IDENTIFICATION: Term(
        name_en="CT-guided Identification",
        name_zh="认知理论引导的识别",
        definition_en=(
            "The first stage, guided by Beck's cognitive model, moves from the surface to the "
            "depth of the client's thinking: automatic thoughts, then intermediate beliefs, "
            "then core beliefs expressed as up to three candidate cognitive distortions. Each "
            "candidate becomes a channel for the restructuring stage."
        ),
        definition_zh=(
            "第一阶段以贝克的认知模型为指引，由浅入深地梳理来访者的思维：先是自动思维，"
            "再到中间信念，最后是以至多三种候选认知歪曲呈现的核心信念。"
            "每一种候选认知歪曲都成为后续重构阶段的一个通道。"
        ),
        example_en="Let's slow down and look at the thoughts that came up when this happened.",
        example_zh="我们先放慢一点，看看这件事发生时你心里冒出了哪些想法。",
    ),
    Stage.RESTRUCTURING: Term(
        name_en="DAT-driven Restructuring",
        name_zh="辩护律师技术驱动的重构",
        definition_en=(
            "The second stage, built on the defense attorney technique of trial-based "
            "cognitive therapy, works on one channel at a time. The negative thought is put on "
            "trial through defense, prosecution and verdict until the client reaches a "
            "balanced alternative thought."
        ),
        definition_zh=(
            "第二阶段借鉴审判式认知疗法中的辩护律师技术，每次只处理一个通道。"
            "负面想法像被送上法庭一样，依次经过辩护、起诉和裁决，直到来访者得出一个更平衡的替代想法。"
        ),
        example_en="Let's put this thought on trial and weigh the evidence on each side.",
        example_zh="我们把这个想法“送上法庭”，看看正反两方各有哪些证据。",
    ),
}

SUBSTEP_TERMS: dict[SubStep, Term] = {
    SubStep.AUTOMATIC_THOUGHT: Term(
        name_en="Understanding Automatic Thoughts",
        name_zh="理解自动思维",
        definition_en=(
            "The counsellor helps the client notice the spontaneous thought that popped up in "
            "response to the event. These thoughts are quick, often unexamined, and closely "
            "tied to the emotion the client feels."
        ),
        definition_zh=(
            "咨询师帮助来访者觉察事件发生时脑海中自动冒出的念头。"
            "这类想法来得很快，往往未经审视，并且与来访者当下的情绪紧密相连。"
        ),
        example_en="When you saw all those comments, what was the first thing you told yourself?",
        example_zh="看到那么多批注的时候，你心里对自己说的第一句话是什么？",
    ),
    SubStep.INTERMEDIATE_BELIEF: Term(
        name_en="Exploring Intermediate Beliefs",
        name_zh="探索中间信念",
        definition_en=(
            "The counsellor explores the rules, attitudes and assumptions that lie beneath the "
            "automatic thought. They are often conditional, of the form 'if ..., then ...'."
        ),
        definition_zh=(
            "咨询师探索隐藏在自动思维之下的规则、态度和假设。"
            "这些信念常常以“如果……就……”的条件句形式出现。"
        ),
        example_en="If I can't meet my advisor's expectations, it means I'm not good enough.",
        example_zh="如果我达不到导师的期望，就说明我不够好。",
    ),
    SubStep.CORE_BELIEF: Term(
        name_en="Dissecting Core Beliefs",
        name_zh="剖析核心信念",
        definition_en=(
            "The counsellor helps uncover the deepest, most general belief about oneself, "
            "others or the world. It is made concrete as up to three candidate cognitive "
            "distortions, each illustrated by a thought in the client's words."
        ),
        definition_zh=(
            "咨询师帮助来访者挖掘关于自己、他人或世界最深层、最概括的信念。"
            "在操作上，它被具体化为至多三种候选认知歪曲，每一种都配有一句来访者原话式的想法。"
        ),
        example_en=(
            "When you say you're not good enough, "
            "what does that say about you as a person?"
        ),
        example_zh="你说自己不够好，这在你看来意味着你是一个怎样的人？",
    ),
    SubStep.DEFENSE: Term(
        name_en="Defense",
        name_zh="辩护",
        definition_en=(
            "The client sets out the evidence that supports the negative thought. The "
            "counsellor keeps this evidence to objective, verifiable facts rather than "
            "feelings or guesses."
        ),
        definition_zh=(
            "来访者陈述支持这个负面想法的证据。咨询师引导其只列出客观、可以核实的事实，"
            "而不是感受或猜测。"
        ),
        example_en="What makes you think finishing your thesis won't help your career?",
        example_zh="是什么让你觉得完成论文对你的职业发展没有帮助？",
    ),
    SubStep.PROSECUTION: Term(
        name_en="Prosecution",
        name_zh="起诉",
        definition_en=(
            "The counsellor points out gaps and weaknesses in the evidence for the negative "
            "thought and helps the client find counter-evidence. The client examines the "
            "thought from other angles instead of taking it at face value."
        ),
        definition_zh=(
            "咨询师指出支持负面想法的证据中存在的漏洞和不足，并帮助来访者寻找反面证据。"
            "来访者不再照单全收，而是从别的角度重新审视这个想法。"
        ),
        example_en="Have you feared the worst before, and things turned out better than expected?",
        example_zh="以前有没有哪次你也做了最坏的打算，结果事情比预想的好？",
    ),
    SubStep.VERDICT: Term(
        name_en="Verdict",
        name_zh="裁决",
        definition_en=(
            "Having weighed both sides, the client reaches a balanced alternative thought, the "
            "restructured thought. The counsellor lets the client arrive at it rather than "
            "imposing a conclusion."
        ),
        definition_zh=(
            "权衡了正反两方面之后，来访者得出一个更平衡的替代想法，即重构后的想法。"
            "咨询师让来访者自己得出结论，而不是把结论强加给对方。"
        ),
        example_en=(
            "Completing my thesis is an achievement that shows my resilience; even if academia "
            "is competitive, it opens many doors."
        ),
        example_zh="完成论文本身就是一项成就，说明我有韧性；就算学术圈竞争激烈，它也能为我打开很多扇门。",
    ),
}


class SituationCategory(StrEnum):
    """The 10 categories of the paper's seed situations."""

    FAMILY = "family"
    EDUCATION = "education"
    CAREER = "career"
    HEALTH = "health"
    FINANCES = "finances"
    ROMANTIC_RELATIONSHIPS = "romantic_relationships"
    LIFESTYLE = "lifestyle"
    FRIENDSHIP = "friendship"
    NEIGHBOURHOOD = "neighbourhood"
    TECHNOLOGY = "technology"


def _category(name_en: str, name_zh: str, covers_en: str, covers_zh: str, ex_en: str, ex_zh: str) -> Term:
    return Term(
        name_en=name_en,
        name_zh=name_zh,
        definition_en=f"Situations about {covers_en}.",
        definition_zh=f"与{covers_zh}有关的处境。",
        example_en=ex_en,
        example_zh=ex_zh,
    )


SITUATION_CATEGORY_TERMS: dict[SituationCategory, Term] = {
    SituationCategory.FAMILY: _category(
        "Family", "家庭", "parents, children, siblings and relatives", "父母、子女、兄弟姐妹和亲戚",
        "My parents compare me with my cousin all the time.", "父母总拿我和表哥比较。"),
    SituationCategory.EDUCATION: _category(
        "Education", "教育", "school, exams, studies and academic work", "学业、考试和学术工作",
        "I failed my mid-term exam and my thesis is behind schedule.", "期中考试没过，论文进度也落后了。"),
    SituationCategory.CAREER: _category(
        "Career", "职业", "jobs, colleagues, bosses and work prospects", "工作、同事、上司和职业前景",
        "My manager criticised my report in front of the whole team.", "领导当着全组的面批评了我的报告。"),
    SituationCategory.HEALTH: _category(
        "Health", "健康", "physical and mental health, illness and the body", "身心健康、疾病和身体",
        "My check-up showed high blood pressure and I cannot stop worrying.", "体检查出血压偏高，我一直放心不下。"),
    SituationCategory.FINANCES: _category(
        "Finances", "财务", "money, debt, spending and financial security", "金钱、债务、开销和经济保障",
        "I owe money on two credit cards and rent is due next week.", "两张信用卡都欠着钱，下周还要交房租。"),
    SituationCategory.ROMANTIC_RELATIONSHIPS: _category(
        "Romantic Relationships", "恋爱关系", "dating, partners, marriage and break-ups", "恋爱、伴侣、婚姻和分手",
        "My partner has been distant since we moved in together.", "和男朋友同居以后，他对我越来越冷淡。"),
    SituationCategory.LIFESTYLE: _category(
        "Lifestyle", "生活方式", "daily routines, habits, sleep and leisure", "日常作息、习惯、睡眠和休闲",
        "I stay up scrolling until 3 a.m. and feel useless the next day.", "我每天刷手机到凌晨三点，第二天什么都做不了。"),
    SituationCategory.FRIENDSHIP: _category(
        "Friendship", "友谊", "friends, social circles and loneliness", "朋友、社交圈和孤独",
        "My best friend planned a trip with others and did not invite me.", "最好的朋友和别人约了旅行，却没有叫我。"),
    SituationCategory.NEIGHBOURHOOD: _category(
        "Neighbourhood", "邻里", "neighbours, housing and the local community", "邻居、住房和社区",
        "My upstairs neighbour is loud every night and ignored my note.", "楼上邻居每晚都很吵，我留了纸条也没用。"),
    SituationCategory.TECHNOLOGY: _category(
        "Technology", "科技", "social media, phones, online life and technical change", "社交媒体、手机、网络生活和技术变化",
        "A post of mine got mocked online and I keep rereading the comments.", "我发的帖子在网上被嘲讽，我忍不住反复看评论。"),
}

Label = Distortion | Strategy | StrategyCategory | Stage | SubStep | SituationCategory
E = TypeVar("E", Distortion, Strategy, StrategyCategory, Stage, SubStep, SituationCategory)

_TERMS_BY_KIND: dict[type[StrEnum], Mapping[Any, Term]] = {
    Distortion: DISTORTION_TERMS,
    Strategy: STRATEGY_TERMS,
    StrategyCategory: CATEGORY_TERMS,
    Stage: STAGE_TERMS,
    SubStep: SUBSTEP_TERMS,
    SituationCategory: SITUATION_CATEGORY_TERMS,
}
for _kind, _terms in _TERMS_BY_KIND.items():
    if set(_terms) != set(_kind):
        raise RuntimeError(f"{_kind.__name__} terms do not cover exactly its members")
del _kind, _terms


def term(item: Label) -> Term:
    """The bilingual `Term` of any taxonomy member."""
    for kind, terms in _TERMS_BY_KIND.items():
        if isinstance(item, kind):
            return terms[item]
    raise TypeError(f"not a taxonomy label: {item!r}")


# ---------------------------------------------------------------------------
# Parsing labels written by a model or a person.
# ---------------------------------------------------------------------------

# Wrapping a label may carry: brackets, quotes, markdown emphasis, trailing colons.
_WRAPPING = " \t\r\n[]()<>{}【】（）「」『』《》\"'“”‘’`*_:：.。,，;；"
_SEPARATORS = re.compile(r"[\s\-_‐‑–—/]+")


def _normalize(text: str) -> str:
    """Case-fold, unify separators to one space, and drop wrapping punctuation."""
    folded = unicodedata.normalize("NFKC", text).strip(_WRAPPING).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def _compact(text: str) -> str:
    """`_normalize` without any spaces, so Chinese written with stray spaces still matches."""
    return _normalize(text).replace(" ", "")


def _build_lookup(terms: Mapping[E, Term]) -> dict[str, E]:
    lookup: dict[str, E] = {}
    for member, t in terms.items():
        for key in {_compact(member.value), _compact(t.name_en), _compact(t.name_zh)}:
            other = lookup.setdefault(key, member)
            if other is not member:
                raise RuntimeError(f"taxonomy label {key!r} names both {other!r} and {member!r}")
    return lookup


_LOOKUPS: dict[type[StrEnum], dict[str, Any]] = {
    kind: _build_lookup(terms) for kind, terms in _TERMS_BY_KIND.items()
}
# English names as word lists, for whole-word prefixes such as "all or nothing".
_ENGLISH_WORDS: dict[type[StrEnum], tuple[tuple[tuple[str, ...], Any], ...]] = {
    kind: tuple((tuple(_normalize(t.name_en).split()), m) for m, t in terms.items())
    for kind, terms in _TERMS_BY_KIND.items()
}


def accepted_labels(kind: type[E]) -> list[str]:
    """What `parse_label` accepts for `kind`: every value, English name and Chinese name."""
    labels: dict[str, str] = {}
    for member, t in _TERMS_BY_KIND[kind].items():
        for label in (member.value, t.name_en, t.name_zh):
            labels.setdefault(label.casefold(), label)
    return list(labels.values())


def parse_label(kind: type[E], text: str) -> E:
    """Map a label as a model or a person may write it to the member of `kind`.

    Accepts the enum value ("all_or_nothing_thinking"), the English display name
    in any case with spaces, hyphens or underscores in any mix ("All-or-nothing
    thinking"), a whole-word prefix of the English name that fits one member only
    ("all or nothing", at least two words), and the Chinese name. Surrounding brackets, quotes,
    markdown emphasis and trailing punctuation are ignored.

    Raises ValueError naming the accepted labels when nothing matches.
    """
    if kind not in _LOOKUPS:
        raise TypeError(f"not a taxonomy label kind: {kind!r}")
    key = _compact(text)
    found = _LOOKUPS[kind].get(key)
    if found is not None:
        return cast(E, found)
    words = tuple(_normalize(text).split())
    if len(words) >= 2:  # one word ("all", "should") is too little to name a label
        prefixed = [m for name, m in _ENGLISH_WORDS[kind] if name[: len(words)] == words]
        if len(prefixed) == 1:
            return cast(E, prefixed[0])
    accepted = ", ".join(accepted_labels(kind))
    raise ValueError(f"unknown {kind.__name__} label {text!r}; accepted labels: {accepted}")
