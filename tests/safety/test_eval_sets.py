"""The labelled evaluation set: its shape, and the screen's figures on it.

`eval_set.jsonl` (package data) is the development set: the rules were written against it, and it
includes three earlier held-out sets (v1, v2, v3) that were used for development after their
figures were recorded. Held-out figures, each measured before its set was used to change a rule:

    held-out   rules frozen at      recall en   recall zh   FPR en   FPR zh
    v1         round 1              0.514       0.486       0.000    0.033
    v2         round 2              0.694       0.722       0.000    0.033
    v3         round 3              0.750       0.556       0.000    0.033

Round 4 added the broad net (lexical fields and their combinations, `rules.broad_net`) against v3;
v3 now reads 1.000 / 1.000 recall and 0.000 / 0.000 FPR, which is development, not an estimate.
The honest figure for round 4 is the one on a set written by someone else after it was frozen:
`blind_set.jsonl` (222 items, written without sight of the rules or the other sets):

    blind      round 4              0.694       0.750       0.000    0.031

The targets (recall >= 0.98, FPR <= 0.05 per language on unseen text) are NOT met by the rules
alone. The blind set stays in the tests as a floor so a change cannot lose ground on it; whoever
changes rules must not read its misses, or it stops being blind.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from crisp.safety.evaluation import (
    FPR_TARGET,
    RECALL_TARGET,
    EvalReport,
    evaluate,
    load_eval_items,
)
from crisp.safety.results import RiskLevel

EVAL_SET = Path(str(resources.files("crisp.safety").joinpath("eval_set.jsonl")))
BLIND_SET = Path(__file__).with_name("blind_set.jsonl")
# Round-4 figures on the blind set; a change may raise them, never lower them.
BLIND_RECALL_FLOOR = {"en": 0.69, "zh": 0.75}
HARD_NEGATIVE_NOTES = (
    "idiom",
    "hyperbole",
    "technical",
    "fiction",
    "news",
    "coursework",
    "grief",
    "negation",
    "resolved",
    "friend",
    "accident",
    "typo",
    "game",
    "history",
    "partner",
    "sibling",
    "relative",
    "pet",
    "joke",
    "meme",
    "company",
    "addressed",
    "timing",
    "giving away",
    "means word",
    "ambiguous",
    "suicide loss",
    "mixed script idiom",
)


@pytest.fixture(scope="module")
def eval_report() -> EvalReport:
    return evaluate(load_eval_items(EVAL_SET), source=str(EVAL_SET))


def test_eval_set_shape() -> None:
    items = load_eval_items(EVAL_SET)
    assert len(items) >= 300
    langs = Counter(item.lang for item in items)
    assert set(langs) == {"en", "zh"} and min(langs.values()) / max(langs.values()) > 0.8  # about even
    for lang in ("en", "zh"):
        labels = Counter(item.label for item in items if item.lang == lang)
        assert set(labels) == set(RiskLevel), labels  # every level in both languages
    hard = [
        item
        for item in items
        if item.label in (RiskLevel.NONE, RiskLevel.LOW)
        and item.note
        and any(k in item.note for k in HARD_NEGATIVE_NOTES)
    ]
    assert len(hard) >= len(items) / 3
    assert len({item.text for item in items}) == len(items)  # no duplicates


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_eval_set_meets_targets(eval_report: EvalReport, lang: str) -> None:
    group = eval_report.groups[lang]
    assert group.recall is not None and group.recall >= RECALL_TARGET, eval_report.misses
    assert group.false_positive_rate is not None and group.false_positive_rate <= FPR_TARGET, eval_report.false_alarms


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blind_set_holds_its_floor(lang: str) -> None:
    report = evaluate(load_eval_items(BLIND_SET), source=str(BLIND_SET))
    group = report.groups[lang]
    assert group.recall is not None and group.recall >= BLIND_RECALL_FLOOR[lang]
    assert group.false_positive_rate is not None and group.false_positive_rate <= FPR_TARGET


@pytest.mark.xfail(reason="rules alone reach 0.69 (en) / 0.75 (zh) recall on the blind set, not 0.98", strict=True)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_blind_set_meets_recall_target(lang: str) -> None:
    report = evaluate(load_eval_items(BLIND_SET), source=str(BLIND_SET))
    assert report.groups[lang].recall >= RECALL_TARGET  # type: ignore[operator]
