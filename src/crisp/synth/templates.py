"""Prompt texts of synthesis that are not part of the dialogue engine: teacher-written commonsense
hints and the expert judge. The dialogue prompts themselves live in `crisp.prompts`.

Both texts enter the fingerprint of every synthesis job (`template_texts`), so changing a word here
makes a resumed run redo its dialogues instead of mixing versions.
"""

from __future__ import annotations

from crisp.cr.taxonomy import Lang

SYNTH_TEMPLATE_VERSION = "synth-2026.11-1"

_TEXTS: dict[str, dict[Lang, str]] = {
    "hints": {
        Lang.EN: (
            "A person wrote this help-seeking post: {situation}\n\n"
            "Write social-commonsense inferences about this person, as in the ATOMIC knowledge graph, "
            "1 to {per_relation} short phrases for each relation:\n{relations}\n"
            "Be specific to this situation; no advice, no diagnosis. Write in English."
        ),
        Lang.ZH: (
            "一个人写下了这段求助内容：{situation}\n\n"
            "请像 ATOMIC 常识图谱那样，写出关于这个人的社会常识推断，每种关系写 1 到 {per_relation} 个简短短语：\n"
            "{relations}\n要贴合这个处境；不要给建议，不要做诊断。用中文写。"
        ),
    },
    "judge": {
        Lang.EN: (
            "You are a clinical supervisor rating a synthetic cognitive-restructuring dialogue for a training "
            "dataset. The counsellor uses CRDial: identification (automatic thought, intermediate belief, up to 3 "
            "cognitive distortions), then for each distortion defense, prosecution and verdict. The help-seeker is "
            "simulated.\n\n"
            "Situation: {situation}\n\n"
            "Thought record:\n{thought_record}\n\n"
            "Dialogue (counsellor sentences carry their strategy in brackets):\n{transcript}\n\n"
            "Rate each criterion from 1 to 5 (1 absent or harmful, 2 poor, 3 acceptable with clear flaws, "
            "4 good, 5 exemplary). Be strict: most synthetic dialogues deserve 3 or 4.\n{criteria}"
        ),
        Lang.ZH: (
            "你是一名临床督导，正在为训练数据集评估一段合成的认知重构对话。咨询师使用 CRDial 方法：先识别（自动思维、"
            "中间信念、最多 3 个认知扭曲），再对每个扭曲进行辩护、质疑与裁决。来访者是模拟的。\n\n"
            "处境：{situation}\n\n"
            "思维记录：\n{thought_record}\n\n"
            "对话（咨询师的每句话后用方括号标出策略）：\n{transcript}\n\n"
            "请给每项标准打 1 到 5 分（1 缺失或有害，2 较差，3 尚可但有明显不足，4 良好，5 堪称范例）。"
            "请严格评分：大多数合成对话应得 3 或 4 分。\n{criteria}"
        ),
    },
}


def synth_template(name: str, lang: Lang | str) -> str:
    return _TEXTS[name][Lang(lang)]


def template_texts() -> dict[str, str]:
    """Every synthesis template by `lang/name`, for job fingerprints."""
    return {f"{lang.value}/{name}": texts[lang] for name, texts in sorted(_TEXTS.items()) for lang in Lang}
