"""The labelled evaluation sets: their shape, and the screen's figures on them.

`eval_set.jsonl` (package data) is the development set: the rules were written against it, and it
includes two earlier held-out sets (v1, v2) that were used for development after their figures
were recorded. `heldout_set.jsonl` (here, v3) was written after the rules were frozen, in
different words, and has not been used to change a rule. Its figures are the honest estimate for
messages nobody has seen, and they are far below the recall target:

    held-out   rules frozen at      recall en   recall zh   FPR en   FPR zh
    v1         round 1              0.514       0.486       0.000    0.033
    v2         round 2              0.694       0.722       0.000    0.033
    v3 (here)  round 3 (current)    0.750       0.556       0.000    0.033

So the tests below pin the v3 figures as a floor (a change that loses recall or adds false alarms
on unseen text fails), and mark the recall target on unseen text as not met (xfail).
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
HELDOUT_SET = Path(__file__).with_name("heldout_set.jsonl")
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


# Figures of the frozen round-3 rules on the v3 held-out set (see the module docstring).
HELDOUT_RECALL_FLOOR = {"en": 0.75, "zh": 0.555}


@pytest.fixture(scope="module")
def heldout_report() -> EvalReport:
    return evaluate(load_eval_items(HELDOUT_SET), source=str(HELDOUT_SET))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_figures_do_not_regress(heldout_report: EvalReport, lang: str) -> None:
    group = heldout_report.groups[lang]
    assert group.recall is not None and group.recall >= HELDOUT_RECALL_FLOOR[lang], heldout_report.misses
    assert group.false_positive_rate is not None and group.false_positive_rate <= FPR_TARGET


@pytest.mark.xfail(reason="rules alone reach 0.75 (en) / 0.56 (zh) recall on unseen phrasing, not 0.98", strict=True)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_meets_recall_target(heldout_report: EvalReport, lang: str) -> None:
    assert heldout_report.groups[lang].recall >= RECALL_TARGET  # type: ignore[operator]


def test_heldout_set_shape() -> None:
    items = load_eval_items(HELDOUT_SET)
    assert len(items) >= 120
    eval_texts = {item.text for item in load_eval_items(EVAL_SET)}
    assert not eval_texts & {item.text for item in items}  # nothing copied from the development set
    for lang in ("en", "zh"):
        assert {item.label for item in items if item.lang == lang} == set(RiskLevel)
