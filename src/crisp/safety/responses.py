"""The scripted safe path: fixed, short, warm messages with real resources.

At `moderate` and above the model is bypassed and the person gets, in their
language: an acknowledgement, the direct confirming question (C-SSRS style,
asked plainly), resources with real numbers for their locale, and that the
counsellor stays. At `imminent` the message first urges emergency services.
The messages never mention methods and never argue with or reframe what the
person said. When the level is held from earlier in the session, the opening
changes to a follow-up so the person is not greeted with the same words twice.
"""

from __future__ import annotations

from crisp.cr.taxonomy import Lang
from crisp.safety.resources import LocaleResources, Topic, resources_for
from crisp.safety.results import Concern, RiskAssessment, RiskLevel

MAX_LINES_SHOWN = 2

_TEXT: dict[Lang, dict[str, str]] = {
    Lang.EN: {
        "open.self": "Thank you for telling me. I'm really sorry you're in this much pain, and I'm glad you reached out.",
        "open.abuse": "Thank you for telling me. No one deserves to be hurt, and what is happening is not your fault.",
        "open.others": "Thank you for being honest with me. It sounds like you're carrying a lot of anger and pain right now.",
        "open.follow_up": "Thank you for letting me know. I'd still like to check in with you.",
        "ask.self": "Are you having thoughts of ending your life right now?",
        "ask.self.imminent": "Are you safe right now, or have you already done something to hurt yourself?",
        "ask.abuse": "Are you safe where you are right now?",
        "ask.others": "Are you thinking about hurting someone right now?",
        "urgent.self": "If you are in danger or have already hurt yourself, please call {emergency} now, "
        "or go to the nearest emergency department.",
        "urgent.abuse": "If you are in danger, please call {emergency}.",
        "urgent.others": "If you might act on this, please call {emergency} now and move away from the situation.",
        "lines": "You don't have to face this alone. You can reach someone at any time: {lines}.",
        "close": "I'm here with you, and we can keep talking.",
        "join": "; or ",
        "fallback": "I'm sorry, I didn't say that well. I care about how you're feeling. "
        "Could you tell me a little more about what's on your mind right now?",
        "fallback.lines": "If you ever feel unsafe, you can reach {line} at any time.",
    },
    Lang.ZH: {
        "open.self": "谢谢你愿意告诉我。听到你这么痛苦，我很难过，也很高兴你说了出来。",
        "open.abuse": "谢谢你告诉我。任何人都不应该被这样对待，发生这些不是你的错。",
        "open.others": "谢谢你坦诚地告诉我。听起来你现在心里有很多愤怒和痛苦。",
        "open.follow_up": "谢谢你告诉我。我还是想再关心一下你。",
        "ask.self": "你现在有结束自己生命的想法吗？",
        "ask.self.imminent": "你现在安全吗？你是不是已经做了伤害自己的事？",
        "ask.abuse": "你现在所在的地方安全吗？",
        "ask.others": "你现在有伤害别人的想法吗？",
        "urgent.self": "如果你现在有危险，或者已经伤害了自己，请马上拨打{emergency}，或者去最近的医院急诊。",
        "urgent.abuse": "如果你有危险，请马上拨打{emergency}。",
        "urgent.others": "如果你可能会这样做，请马上拨打{emergency}，并先离开当下的环境。",
        "lines": "你不需要独自面对这些，现在就可以找人聊聊：{lines}。",
        "close": "我会一直在这里陪着你，我们可以继续聊。",
        "join": "；或者",
        "fallback": "抱歉，我刚才没有说好。我很在意你现在的感受，能再多和我说说你在想什么吗？",
        "fallback.lines": "如果你任何时候觉得不安全，都可以联系{line}。",
    },
}


def _concern(concern: Concern | None) -> str:
    return concern if concern in ("abuse", "others") else "self"


def _lines(resources: LocaleResources, topic: Topic, lang: Lang) -> str:
    chosen = list(resources.lines_for(topic)[:MAX_LINES_SHOWN])
    if topic == "abuse":
        # Someone being hurt may also be at risk themselves: add the crisis line.
        crisis = resources.lines_for("crisis")[0]
        if crisis not in chosen:
            chosen.append(crisis)
    return _TEXT[lang]["join"].join(line.describe(lang) for line in chosen)


def crisis_message(
    level: RiskLevel,
    lang: Lang | str,
    concern: Concern | None = "self",
    *,
    locale: str | None = None,
    follow_up: bool = False,
) -> str:
    """The scripted message for a level at `moderate` or above."""
    level = RiskLevel(level)
    if level < RiskLevel.MODERATE:
        raise ValueError(f"there is no safe-path message below moderate (got {level.value})")
    lang = Lang(lang)
    text = _TEXT[lang]
    who = _concern(concern)
    resources = resources_for(locale, lang)
    emergency = resources.emergency.get(lang)
    imminent = level >= RiskLevel.IMMINENT
    parts = [text["open.follow_up"] if follow_up else text[f"open.{who}"]]
    if imminent or who == "abuse":
        parts.append(text[f"urgent.{who}"].format(emergency=emergency))
    parts.append(text["ask.self.imminent"] if imminent and who == "self" else text[f"ask.{who}"])
    parts.append(text["lines"].format(lines=_lines(resources, "abuse" if who == "abuse" else "crisis", lang)))
    parts.append(text["close"])
    return (" " if lang == Lang.EN else "").join(parts)


def safe_response(assessment: RiskAssessment, locale: str | None = None) -> str:
    """The message to show instead of a model reply, for an assessment at `moderate` or above."""
    return crisis_message(
        assessment.level, assessment.lang, assessment.concern, locale=locale, follow_up=assessment.held
    )


def fallback_reply(lang: Lang | str, locale: str | None = None, *, with_resources: bool = True) -> str:
    """What replaces a model reply that failed the reply check."""
    lang = Lang(lang)
    text = _TEXT[lang]
    if not with_resources:
        return text["fallback"]
    line = resources_for(locale, lang).lines_for("crisis")[0].describe(lang)
    return (" " if lang == Lang.EN else "").join([text["fallback"], text["fallback.lines"].format(line=line)])
