"""Helpers of the synthesis tests: a small seed set, the synthesis teacher double, reading JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crisp.llm.testing import ScriptedModelDouble, crdial_teacher_script

SITUATIONS = [
    ("en", "career", "My manager criticised my quarterly report in front of the whole team and I keep replaying it."),
    ("en", "education", "I failed my statistics exam after studying for weeks and now I doubt I can finish my degree."),
    ("en", "friendship", "My best friend planned a weekend trip with others and did not invite me at all."),
    ("en", "family", "My parents keep comparing me with my cousin who just bought a house."),
    ("en", "health", "My blood test came back with high cholesterol and I cannot stop worrying about a heart attack."),
    ("en", "finances", "I owe money on two credit cards and the rent is due next week."),
    ("en", "technology", "A post of mine was mocked online and I keep rereading the comments at night."),
    ("en", "lifestyle", "I scroll on my phone until three in the morning and feel useless all day."),
    ("zh", "career", "领导当着全组的面批评了我的报告，我一直在脑子里回放那个场面。"),
    ("zh", "education", "我复习了好几周，统计考试还是没过，我开始怀疑自己能不能毕业。"),
    ("zh", "friendship", "最好的朋友和别人约了周末旅行，却完全没有叫我。"),
    ("zh", "family", "父母总拿我和刚买了房的表哥比较。"),
]


def write_seeds(path: Path, rows: list[tuple[str, str, str]] = SITUATIONS) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for k, (lang, category, text) in enumerate(rows):
            handle.write(json.dumps({"id": f"t-{lang}-{k:02d}", "situation": text, "language": lang,
                                     "category": category, "source": "test"}, ensure_ascii=False) + "\n")
    return path



def teacher_double(**kwargs: Any) -> ScriptedModelDouble:
    """The synthesis teacher test double (varied, deterministic replies)."""
    script = kwargs.pop("script", None) or crdial_teacher_script()
    return ScriptedModelDouble(script, spec=kwargs.pop("spec", "scripted:teacher"), **kwargs)


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
