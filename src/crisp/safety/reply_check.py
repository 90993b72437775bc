"""A check on every model reply before it reaches a person, and the guard that replaces failing ones.

Harm looked for, in English and Chinese:

- `encourages_self_harm`: agreeing with or encouraging suicide or self-harm
  ("everyone is better off without you", "你不如去死"). Reflecting the
  person's words back ("you said you feel everyone would be better off
  without you") is not agreement, unless the reply then agrees ("...and you're right").
- `method_information`: methods or means (lethal doses, "painless ways", heights).
  A refusal ("I can't share information about lethal doses") passes.
- `medication_dosing`: doses (any "mg" figure) or advice to start, stop or change
  medication, unless it defers to a doctor or pharmacist in the same sentence.
- `diagnosis_claim`: telling the person they have a disorder. Questions and
  psycho-education ("depression is common") pass.
- `claims_human`: saying it is a human, not an AI, or a licensed clinician.
- `speaks_as_at_risk`: the model itself saying it wants to die or hurt itself,
  judged by the first-person rules of `rules.scan`.

A failing reply is replaced by `fallback_reply` (with resources when the issue is
about self-harm) and the event is logged on the "crisp.safety" logger without the
text, unless `get_settings().log_content` is on.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety.detector import resolve_lang
from crisp.safety.normalize import MAX_MESSAGE_CHARS, normalize, segment
from crisp.safety.responses import fallback_reply
from crisp.safety.results import (
    MAX_EVIDENCE_CHARS,
    ReplyCheck,
    ReplyIssue,
    ReplyIssueCode,
    RiskLevel,
)
from crisp.safety.rules import IDEATION_CODES, scan
from crisp.settings import get_settings

logger = logging.getLogger("crisp.safety")

REASONS: dict[str, str] = {
    "encourages_self_harm": "agrees with or encourages suicide or self-harm",
    "method_information": "gives information about methods or means",
    "medication_dosing": "gives medication doses or tells the person to change medication",
    "diagnosis_claim": "tells the person they have a disorder",
    "claims_human": "claims to be a human or a clinician",
    "speaks_as_at_risk": "speaks as if it wants to die or hurt itself",
    "empty_reply": "the reply is empty",
    "too_long_to_check": "the reply is too long to check",
}
# Issues after which the fallback also offers a crisis line.
_NEEDS_RESOURCES = frozenset({"encourages_self_harm", "method_information", "speaks_as_at_risk"})

# Exemptions a pattern may accept.
ATTRIBUTION, REFUSAL, QUESTION, CLINICIAN = "attribution", "refusal", "question", "clinician"


@dataclass(frozen=True)
class _ReplyRule:
    code: ReplyIssueCode
    pattern: str
    exempt: frozenset[str] = frozenset()


def _r(code: ReplyIssueCode, pattern: str, *exempt: str) -> _ReplyRule:
    return _ReplyRule(code, pattern, frozenset(exempt))


_DIS_EN = (
    r"(?:(?:major\s+|clinical\s+|severe\s+|chronic\s+)?depression|(?:major\s+)?depressive\s+disorder|bipolar(?:\s+disorder)?|"
    r"bpd|borderline\s+personality(?:\s+disorder)?|c-?ptsd|ptsd|post-?traumatic\s+stress(?:\s+disorder)?|ocd|"
    r"obsessive[- ]compulsive(?:\s+disorder)?|adhd|(?:generali[sz]ed\s+)?anxiety\s+disorder|gad|(?:eating|personality|panic|"
    r"mood|mental|dissociative|psychotic)\s+disorder|schizophrenia|schizoaffective\s+disorder|psychosis|autism|anorexia|"
    r"bulimia|npd|narcissistic\s+personality(?:\s+disorder)?|dissociative\s+identity(?:\s+disorder)?|dysthymia)"
)
_DIS_ZH = (
    r"(?:重度|轻度|中度)?(?:抑郁症|焦虑症|双相(?:情感障碍)?|躁郁症|精神分裂(?:症)?|强迫症|创伤后应激障碍|ptsd|多动症|adhd|"
    r"人格障碍|边缘型人格(?:障碍)?|自闭症|厌食症|暴食症|进食障碍|精神病|惊恐障碍)"
)
_MEDS_EN = (
    r"(?:dose|dosage|medication|medications|meds|pills|antidepressants?|prescription|sertraline|fluoxetine|prozac|zoloft|"
    r"lexapro|escitalopram|xanax|lithium|ssris?|sleeping\s+pills|tablets)"
)

RULES_EN: tuple[_ReplyRule, ...] = (
    _r(
        "encourages_self_harm",
        r"\b(?:everyone|everybody|they|your\s+(?:family|friends|parents|kids|children|partner)|the\s+world|people|we|all\s+of"
        r"\s+us)\s+(?:(?:would|will|'d|might|could|really|truly|honestly|probably)\s+)*(?:be|is|are)\s+(?:\w+\s+)?(?:better\s+"
        r"off|happier|better)\s+without\s+you\b",
        ATTRIBUTION,
    ),
    _r(
        "encourages_self_harm",
        r"\byou\s+(?:should|could|might\s+as\s+well|may\s+as\s+well|ought\s+to|need\s+to|deserve\s+to|have\s+every\s+right\s+"
        r"to)\s+(?:just\s+|go\s+(?:ahead\s+and\s+)?)?(?:die|kill\s+yourself|end\s+(?:it|your\s+life|it\s+all|things)|hurt\s+"
        r"yourself|harm\s+yourself|cut\s+yourself|disappear|not\s+exist|take\s+your\s+(?:own\s+)?life)\b",
        ATTRIBUTION,
        REFUSAL,
    ),
    _r(
        "encourages_self_harm",
        r"\b(?:go\s+ahead\s+and|then\s+just|just\s+go\s+and)\s+(?:kill\s+yourself|end\s+it(?:\s+all)?|end\s+your\s+life|do\s+"
        r"it)\b|(?:^|[.!?]\s*)(?:just\s+)?kill\s+yourself\b|\bi\s+(?:won't|will\s+not|wouldn't)\s+(?:try\s+to\s+)?stop\s+you\b",
    ),
    _r(
        "encourages_self_harm",
        r"\b(?:no\s*one|nobody)\s+(?:would|will|is\s+going\s+to)\s+(?:really\s+)?(?:miss|care\s+about|notice)\s+(?:you|if\s+you)"
        r"\b|\b(?:your\s+life|living|life)\s+(?:really\s+|honestly\s+)?(?:isn't|is\s+not|ain't)\s+worth\s+(?:living|it)\b",
        ATTRIBUTION,
        REFUSAL,
    ),
    _r(
        "encourages_self_harm",
        r"\b(?:death|dying|suicide|ending\s+(?:it|your\s+life|things|it\s+all)|killing\s+yourself)\s+(?:is|would\s+be|might\s+"
        r"be|could\s+be|seems\s+like|may\s+be|really\s+is|sounds\s+like)\s+(?:the\s+|a\s+|an\s+)?(?:only\s+|best\s+|right\s+|"
        r"reasonable\s+|good\s+|valid\s+|understandable\s+|sensible\s+|logical\s+|real\s+)?(?:way\s+out|answer|solution|option|"
        r"choice|relief|escape|release|idea|decision)\b",
        ATTRIBUTION,
    ),
    _r(
        "encourages_self_harm",
        r"\bit(?:'s|\s+is|\s+would\s+be)\s+(?:okay|ok|fine|alright|reasonable|understandable|your\s+right|brave)\s+to\s+(?:kill"
        r"\s+yourself|end\s+your\s+life|hurt\s+yourself|harm\s+yourself|cut\s+yourself|take\s+your\s+(?:own\s+)?life|end\s+it)\b|"
        r"\b(?:hurting|cutting|harming|burning)\s+yourself\s+(?:is|can\s+be|might\s+be|sounds\s+like)\s+(?:a|an)\s+(?:good|"
        r"healthy|valid|okay|effective|useful|reasonable)\s+(?:way|option|coping|idea|outlet)\b|\byour\s+(?:choice|decision|"
        r"right)\s+to\s+(?:die|end\s+your\s+life|kill\s+yourself|take\s+your\s+(?:own\s+)?life)\b",
        REFUSAL,
    ),
    _r(
        "method_information",
        r"\b(?:lethal|fatal|deadly|toxic)\s+(?:dose|amount|dosage|quantity|level|threshold)\b|\b(?:most\s+)?(?:painless|quick(?:"
        r"est)?|easiest|fastest|surest|effective|reliable|peaceful|least\s+painful|best)\s+(?:way|ways|method|methods|means)\s+"
        r"(?:to|of|for)\s+(?:die|dying|kill(?:ing)?\s+yourself|end(?:ing)?\s+(?:your|one's|a)\s+life|suicide|commit(?:ting)?\s+"
        r"suicide)\b",
        REFUSAL,
    ),
    _r(
        "method_information",
        r"\b(?:tie|tying|make|making)\s+a\s+noose\b|\bnoose\b|\b(?:radial|carotid|femoral|brachial)\s+arter(?:y|ies)\b|"
        r"\b(?:cut|slit|slice|cutting|slitting)\s+(?:\w+\s+){0,3}?(?:vertical(?:ly)?|lengthwise|along\s+the\s+(?:vein|artery)|"
        r"down\s+the\s+(?:arm|wrist))\b|\bcarbon\s+monoxide\b|\bcharcoal\s+burning\b|\bhelium\s+(?:hood|bag|method)\b|"
        r"\bexit\s+bag\b",
        REFUSAL,
    ),
    _r(
        "method_information",
        r"\b(?:jump(?:ing)?|fall(?:ing)?)\s+from\s+(?:a\s+height\s+of\s+|at\s+least\s+)?(?:\d+|several|ten|twenty|five)\s*"
        r"(?:stor(?:e)?y|stories|storeys|floors|meters|metres|feet|ft|m)\b|\b(?:\d+|a\s+few|several|enough|twenty|thirty|fifty)"
        r"\s+(?:\w+\s+){0,3}?(?:pills|tablets|capsules|grams|g|mg)\s+(?:\w+\s+){0,4}?(?:would|will|can|could|is|are|should)\s+"
        r"(?:\w+\s+){0,2}?(?:kill|fatal|lethal|deadly|enough\s+to\s+die|stop\s+(?:your|the)\s+heart)\b|\bhow\s+to\s+(?:kill\s+"
        r"yourself|commit\s+suicide|overdose|hang\s+yourself|tie\s+a\s+noose|end\s+your\s+life)\b",
        REFUSAL,
    ),
    _r(
        "method_information",
        # Medicines taken with alcohol: a means, whatever the count.
        rf"\b(?:{_MEDS_EN}|sleeping\s+pills|painkillers|sedatives|tablets)\b[^.!?]{{0,40}}?\b(?:with|and|plus|washed\s+down\s+with)"
        r"\s+(?:some\s+|a\s+lot\s+of\s+|lots\s+of\s+)?(?:alcohol|vodka|whisk(?:e)?y|wine|beer|booze|liquor|drinks?)\b"
        rf"|\bmix\w*\s+(?:\w+\s+){{0,3}}?(?:{_MEDS_EN}|sleeping\s+pills|painkillers|sedatives|tablets)\s+(?:with|and)\s+"
        r"(?:alcohol|vodka|whisk(?:e)?y|wine|beer|booze|liquor|drinks?)\b",
        REFUSAL,
    ),
    _r("medication_dosing", r"\b\d+(?:\.\d+)?\s*(?:mg|milligrams?|mcg|micrograms?|ml|milliliters?|millilitres?|iu)\b"),
    _r(
        "medication_dosing",
        r"\b(?:take|taking|try|use|start|take\s+up\s+to|up\s+to|max(?:imum)?\s+of)\s+(?:\w+\s+){0,2}?(?:\d+|one|two|three|four"
        r"|five|six|a\s+couple\s+of|a\s+few)\s+(?:\w+\s+){0,3}?(?:pills|tablets|capsules|doses|puffs|drops)\b",
        REFUSAL,
        CLINICIAN,
    ),
    _r(
        "medication_dosing",
        r"\b(?:increase|double|raise|lower|reduce|halve|decrease|skip|stop|quit|come\s+off|taper|change|adjust)\w*\s+(?:\w+\s+)"
        rf"{{0,2}}?{_MEDS_EN}\b|\byou\s+(?:don't|do\s+not)\s+(?:really\s+)?need\s+(?:your|the|those|these|any)\s+{_MEDS_EN}\b",
        REFUSAL,
        CLINICIAN,
    ),
    _r(
        "diagnosis_claim",
        r"\byou\s+(?:definitely\s+|clearly\s+|probably\s+|likely\s+|most\s+likely\s+|obviously\s+|certainly\s+|really\s+|do\s+)?"
        r"(?:have|'ve\s+got|are\s+suffering\s+from|suffer\s+from|have\s+got|meet\s+the\s+criteria\s+for|show\s+(?:clear\s+|classic"
        r"\s+)?signs\s+of|are\s+showing\s+(?:clear\s+|classic\s+)?signs\s+of)\s+(?:a\s+|an\s+)?(?:case\s+of\s+|form\s+of\s+|touch"
        rf"\s+of\s+)?{_DIS_EN}\b",
        QUESTION,
        REFUSAL,
    ),
    _r(
        "diagnosis_claim",
        r"\byou(?:'re|\s+are)\s+(?:definitely\s+|clearly\s+|obviously\s+|probably\s+)?(?:bipolar|schizophrenic|psychotic|a\s+"
        r"narcissist|autistic|anorexic|bulimic|clinically\s+depressed|a\s+sociopath|a\s+psychopath)\b|\b(?:this|that|it|what\s+"
        r"you(?:'re|\s+are)\s+(?:describing|going\s+through|experiencing))\s+(?:is|is\s+definitely|is\s+clearly|is\s+classic|is\s+"
        rf"a\s+textbook\s+case\s+of|is\s+textbook)\s+(?:a\s+)?(?:classic\s+|textbook\s+|clear\s+)?(?:case\s+of\s+)?{_DIS_EN}\b",
        QUESTION,
        REFUSAL,
    ),
    _r(
        "diagnosis_claim",
        r"\b(?:i\s+(?:can\s+)?diagnose\s+you|my\s+diagnosis\s+(?:is|would\s+be)|i(?:'m|\s+am)\s+diagnosing\s+you|i(?:'d|\s+would)"
        r"\s+diagnose\s+you|diagnos(?:e|ed|ing)\s+you\s+with|you\s+(?:would\s+be|will\s+be)\s+diagnosed\s+with)\b",
        QUESTION,
        REFUSAL,
    ),
    _r(
        "claims_human",
        r"\bi(?:'m|\s+am)\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+)?(?:human(?:\s+being)?|real\s+person|living\s+person)\b|"
        r"\bi(?:'m|\s+am)\s+not\s+(?:a|an)\s+(?:ai|bot|robot|chatbot|machine|program|computer|language\s+model|llm|artificial\s+"
        r"intelligence)\b|\bi(?:'m|\s+am)\s+(?:a|an|your)\s+(?:licensed|certified|registered|qualified|trained|clinical|"
        r"professional|practicing|practising|board[- ]certified|human)\s+(?:\w+\s+)?(?:therapist|psychologist|psychiatrist|"
        r"counsell?or|doctor|physician|clinician|social\s+worker|psychotherapist|nurse)\b|\bi(?:'m|\s+am)\s+(?:a|an|your)\s+"
        r"(?:therapist|psychologist|psychiatrist|doctor|physician|psychotherapist|clinician|nurse)\b",
    ),
    _r(
        "claims_human",
        r"\bas\s+(?:a|an|your)\s+(?:human|(?:licensed|certified|registered|clinical)\s+\w+|therapist|psychologist|psychiatrist|"
        r"doctor|psychotherapist|physician)\b(?!\s+(?:would|might|could|may|will|can)\b)|\bin\s+my\s+(?:\d+\s+|many\s+)?years\s+"
        r"(?:of\s+)?(?:clinical\s+)?(?:practice|experience\s+as\s+a)\b|\bmy\s+(?:other\s+)?(?:clients|patients)\b",
    ),
)

RULES_ZH: tuple[_ReplyRule, ...] = (
    _r(
        "encourages_self_harm",
        r"没有你[,]?(?:大家|他们|你的家人|家人|所有人|世界|你爸妈|你父母|你的朋友)?(?:都|会|也|真的)*(?:过得)?(?:更好|更轻松|更开心|更幸福)",
        ATTRIBUTION,
    ),
    _r(
        "encourages_self_harm",
        r"你(?:应该|可以|还不如|不如|干脆|就|最好)(?:去)?(?:死|自杀|结束(?:自己的)?生命|伤害自己|消失|了结自己)|怎么不去死|快去死|去死吧|"
        r"我不会(?:阻止|拦)你",
        ATTRIBUTION,
        REFUSAL,
    ),
    _r(
        "encourages_self_harm",
        r"(?:死|死亡|自杀|结束生命|一死了之)(?:了)?(?:就|才)?(?:是|也是|不失为|算是)?(?:一种|唯一的|最好的)?(?:解脱|解决办法|出路)|"
        r"(?:自杀|结束生命|自残|伤害自己)(?:是|也是|不失为|算是)(?:一种|一个)?(?:可以理解的|合理的|不错的|好的)?(?:选择|办法|解决方法|"
        r"出路|权利)",
        ATTRIBUTION,
    ),
    _r(
        "encourages_self_harm",
        r"没有?人会(?:在乎|想念|在意|记得|关心)你|活着(?:确实|的确|本来就|真的)?没(?:有)?(?:意义|意思)",
        ATTRIBUTION,
        REFUSAL,
    ),
    _r(
        "method_information",
        r"致死(?:剂)?量|致命剂量|(?:无痛|不痛苦?|最快|最有效|最简单|最可靠)(?:的)?(?:死法|自杀方法|自杀方式)|吃(?:\d+|几十|多少)(?:片|颗|粒)"
        r"[^。]{0,8}(?:就会|会|能|可以)(?:死|致死|丧命)|烧炭|(?:割|划)(?:腕|动脉)[^。]{0,10}(?:竖|深|方向|用力)|(?:几|\d+)(?:楼|层|米)"
        r"[^。]{0,8}(?:必死|会死|能死|致命)|上吊[^。]{0,6}(?:绳|结|方法)",
        REFUSAL,
    ),
    _r("method_information", r"(?:安眠药|药片?|止痛药|镇静剂)[^。！？]{0,12}(?:和|跟|加|配|就着|混着?)[^。！？]{0,4}(?:酒|白酒|啤酒|红酒|烈酒)"
       r"|(?:酒)[^。！？]{0,6}(?:送服|送下|吞下)[^。！？]{0,6}(?:药|安眠药)", REFUSAL),
    _r("medication_dosing", r"\d+(?:\.\d+)?\s*(?:毫克|mg|毫升|ml|微克)"),
    _r("medication_dosing", r"每(?:天|次|日)(?:吃|服用?)(?:[一二两三四五\d]+)(?:片|粒|颗|次)", REFUSAL, CLINICIAN),
    _r(
        "medication_dosing",
        r"(?:加大|加倍|增加|减少|减半|停掉|停用|停|断)(?:一下|掉)?(?:药|药量|剂量|服药)|(?:不用|不需要|没必要)(?:再)?吃药",
        REFUSAL,
        CLINICIAN,
    ),
    _r(
        "diagnosis_claim",
        rf"你(?:肯定|一定|明显|显然|就是|已经|确实|应该)?(?:是|有|患有|患上了|得了|属于)(?:了)?(?:典型的)?{_DIS_ZH}|你这(?:就|明显|显然)?"
        rf"是(?:典型的)?{_DIS_ZH}|我(?:可以)?(?:给你)?(?:诊断|确诊)(?:你)?|诊断(?:结果)?(?:是|为){_DIS_ZH}",
        QUESTION,
        REFUSAL,
    ),
    _r(
        "claims_human",
        r"我是(?:一个|一名|个)?(?:真人|真实的人|人类|活生生的人)|我(?:不是|并不是)(?:ai|人工智能|机器人|聊天机器人|程序|机器|语言模型)|"
        r"我是(?:一名|一位|个|你的)?(?:持证|执业|注册|专业的?|资深的?)?(?:的)?(?:心理医生|精神科医生|心理治疗师|治疗师|医生|精神科大夫)|"
        r"我是(?:一名|一位|个|你的)?(?:持证|执业|注册|国家(?:二级|三级)?)(?:的)?心理咨询师|作为(?:一名|一个|你的)?(?:真人|人类|心理医生|"
        r"治疗师|医生|精神科医生)|我的(?:其他)?(?:来访者|病人|患者)|我(?:从业|执业|做咨询)(?:了)?(?:\d+|十几|几十|多)年",
    ),
)

# What may stand before a match and exempt it, per language.
_ATTRIBUTION = {
    Lang.EN: r"\byou\s+(?:said|say|mentioned|feel|felt|believe|think|thought|wrote|told\s+me|are\s+telling\s+yourself|'ve\s+"
    r"been\s+telling\s+yourself|might\s+feel|may\s+feel|seem\s+to\s+feel|worry|fear|'re\s+(?:thinking|feeling|saying)|"
    r"are\s+(?:thinking|feeling|saying))\b|\bthe\s+(?:thought|belief|idea|voice|feeling|sense)\s+that\b|\bit\s+sounds\s+"
    r"like\b|\bwhen\s+you\s+say\b|\bpart\s+of\s+you\b|\bi\s+hear\b|\bthat\s+(?:thought|voice|belief)\b|\btelling\s+you\b|"
    r"\bmakes\s+you\s+(?:feel|think)\b|\bas\s+if\b",
    Lang.ZH: r"你(?:觉得|认为|说|提到|感觉|相信|在想|会想|担心|觉)|这种想法|这个想法|这样的想法|这个念头|听起来你|你似乎|好像你|你可能觉得|"
    r"一部分的你|脑海里的声音",
}
_AGREEMENT = {
    Lang.EN: r"\b(?:you're|you\s+are)\s+(?:right|correct)\b|\b(?:that's|it's|this\s+is)\s+(?:true|right|correct)\b|\bi\s+"
    r"agree\b",
    Lang.ZH: r"你说得对|确实如此|的确如此|我同意|没错",
}
_REFUSAL = {
    Lang.EN: r"(?:\bcan't|\bcannot|\bcan\s+not|\bwon't|\bwill\s+not|\bnot\s+(?:going|able)\s+to|\bunable\s+to|\bdon't|\bdo\s+"
    r"not|\bnever|\brefuse\s+to|\bno|\bnot)(?:\s+[\w']+){0,6}\s*$",
    Lang.ZH: r"(?:不能|不会|无法|没法|不可以|不方便|拒绝|不想|不应该|不要|别|千万不要|没有)[^,。!?]{0,8}$",
}
_CLINICIAN = {
    Lang.EN: r"\b(?:doctor|doctors|prescriber|pharmacist|psychiatrist|gp|physician|pharmacy|nurse|clinician|healthcare\s+"
    r"provider|medical\s+team)\b",
    Lang.ZH: r"医生|医师|药师|精神科|医院",
}


@dataclass(frozen=True)
class _Compiled:
    rules: tuple[tuple[_ReplyRule, re.Pattern[str], Lang], ...]
    attribution: dict[Lang, re.Pattern[str]]
    agreement: dict[Lang, re.Pattern[str]]
    refusal: dict[Lang, re.Pattern[str]]
    clinician: dict[Lang, re.Pattern[str]]


@cache
def _compiled() -> _Compiled:
    rules = tuple((r, re.compile(r.pattern), Lang.EN) for r in RULES_EN) + tuple(
        (r, re.compile(r.pattern), Lang.ZH) for r in RULES_ZH
    )
    return _Compiled(
        rules=rules,
        attribution={k: re.compile(v) for k, v in _ATTRIBUTION.items()},
        agreement={k: re.compile(v) for k, v in _AGREEMENT.items()},
        refusal={k: re.compile(v) for k, v in _REFUSAL.items()},
        clinician={k: re.compile(v) for k, v in _CLINICIAN.items()},
    )


def check_reply(text: str, lang: str | Lang | None = None) -> ReplyCheck:
    """Scan one model reply for harm (module docstring). Never raises for content; raises
    `InputError` only for what is not text."""
    if not isinstance(text, str):
        raise InputError(f"the reply must be text (str), not {type(text).__name__}")
    language = resolve_lang(text[:MAX_MESSAGE_CHARS], lang)
    if len(text) > MAX_MESSAGE_CHARS:
        return _failed(language, "too_long_to_check")
    norm = normalize(text)
    if not norm:
        return _failed(language, "empty_reply")
    prepared = segment(norm)
    compiled = _compiled()
    issues: dict[str, ReplyIssue] = {}
    for rule, regex, rule_lang in compiled.rules:
        if rule.code in issues:
            continue
        for match in regex.finditer(norm):
            start = match.start()
            clause = norm[prepared.clause_start(start) : start]
            sentence = prepared.sentence(start)
            if REFUSAL in rule.exempt and compiled.refusal[rule_lang].search(clause):
                continue
            if QUESTION in rule.exempt and sentence.rstrip().endswith(("?", "吗")):
                continue
            if CLINICIAN in rule.exempt and compiled.clinician[rule_lang].search(sentence):
                continue
            if (
                ATTRIBUTION in rule.exempt
                and compiled.attribution[rule_lang].search(norm[prepared.sentence_start(start) : start])
                and not compiled.agreement[rule_lang].search(sentence)
            ):
                continue
            issues[rule.code] = ReplyIssue(
                code=rule.code,
                reason=REASONS[rule.code],
                evidence=" ".join(match.group(0).split())[:MAX_EVIDENCE_CHARS],
            )
            break
    at_risk = [
        s
        for s in scan(text, speaker="assistant").signals
        if s.level >= RiskLevel.MODERATE and (s.code in IDEATION_CODES or s.code == "self_harm")
    ]
    if at_risk:
        issues["speaks_as_at_risk"] = ReplyIssue(
            code="speaks_as_at_risk", reason=REASONS["speaks_as_at_risk"], evidence=at_risk[0].evidence
        )
    return ReplyCheck(passed=not issues, lang=language, issues=tuple(issues.values()))


def _failed(lang: Lang, code: ReplyIssueCode) -> ReplyCheck:
    return ReplyCheck(passed=False, lang=lang, issues=(ReplyIssue(code=code, reason=REASONS[code]),))


def guard_reply(text: str, lang: str | Lang | None = None, *, locale: str | None = None) -> str:
    """The text to show the person: the reply itself if it passes, else the safe fallback.

    A replacement is logged on "crisp.safety" (issue codes and language; the reply
    text only when `log_content` is on).
    """
    check = check_reply(text, lang)
    if check.passed:
        return text
    codes = [issue.code for issue in check.issues]
    logger.warning("model reply replaced by the safe fallback: issues=%s lang=%s", ",".join(codes), check.lang.value)
    if get_settings().log_content:
        logger.warning("replaced reply text: %r", text[:2000])
    return fallback_reply(check.lang, locale, with_resources=bool(_NEEDS_RESOURCES & set(codes)))
