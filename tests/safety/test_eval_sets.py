"""The labelled evaluation sets: their shape, and the screen's figures on them.

`eval_set.jsonl` (beside this file, not in the package) is the development set: the rules were written against it. It
holds the first hand-written set, three earlier held-out sets (v1-v3), the blind set of round 4,
and every set of later rounds once its held-out figures were recorded: 6,643 messages
written by a dozen independent writers, each with a different brief (teen slang, long adult
messages, the acute end, hard negatives, forum posts, short messages and context, violence,
passive wishes). The rules meet the targets on it; that is development, not an estimate.

Held-out figures, each measured once, on a set written by someone who never saw the rules, after
the rules were frozen and before anyone changing them read the set (recall of moderate-or-above,
false-positive rate on `none`, per language):

    held-out set        rules of     recall en   recall zh   FPR en   FPR zh
    v1                  round 1      0.514       0.486       0.000    0.033
    v2                  round 2      0.694       0.722       0.000    0.033
    v3                  round 3      0.750       0.556       0.000    0.033
    blind (222)         round 4      0.694       0.750       0.000    0.031
    s1+s2 (600)         round 4      0.320       0.530       0.037    0.029
    s1+s2 (600)         round 5      0.593       0.778       0.028    0.029
    s3+s4 (600)         round 6      0.783       0.762       0.019    0.048
    s5+s6 (593)         round 7      0.845       0.884       0.048    0.058

The targets (recall >= 0.98, FPR <= 0.05 per language on unseen text) are NOT met by the rules
alone: recall on new text rose by 5 to 20 points a round and is still well short of 0.98.
`heldout_round7.jsonl` (s5+s6, less 7 messages that also occur in the development set) stays
here unread as a floor, so a change cannot lose ground on it; whoever changes rules must not read
its misses, or it stops being held out. Chinese false alarms on it (0.058) are also over the 0.05
target: the ceiling test holds them at 0.06.
"""

from __future__ import annotations

from collections import Counter
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

EVAL_SET = Path(__file__).with_name("eval_set.jsonl")
HELDOUT_SET = Path(__file__).with_name("heldout_round7.jsonl")
# Round-7 figures on the held-out set; a change may raise them, never lower them.
HELDOUT_RECALL_FLOOR = {"en": 0.84, "zh": 0.88}
HELDOUT_FPR_CEILING = {"en": 0.05, "zh": 0.06}
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


@pytest.fixture(scope="module")
def heldout_report() -> EvalReport:
    return evaluate(load_eval_items(HELDOUT_SET), source=str(HELDOUT_SET))


@pytest.mark.parametrize("path", [EVAL_SET, HELDOUT_SET], ids=["development", "held-out"])
def test_set_shape(path: Path) -> None:
    items = load_eval_items(path)
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
    texts = [" ".join(item.text.split()).casefold() for item in items]
    assert len(set(texts)) == len(texts)  # no duplicates


def test_heldout_set_shares_no_message_with_the_development_set() -> None:
    development = {" ".join(item.text.split()).casefold() for item in load_eval_items(EVAL_SET)}
    assert not [item.text for item in load_eval_items(HELDOUT_SET) if " ".join(item.text.split()).casefold() in development]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_development_set_meets_targets(eval_report: EvalReport, lang: str) -> None:
    group = eval_report.groups[lang]
    assert group.recall is not None and group.recall >= RECALL_TARGET, eval_report.misses
    assert group.false_positive_rate is not None and group.false_positive_rate <= FPR_TARGET, eval_report.false_alarms


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_set_holds_its_floor(heldout_report: EvalReport, lang: str) -> None:
    # No misses in the message: printing them would show the held-out set to whoever runs the tests.
    group = heldout_report.groups[lang]
    assert group.recall is not None and group.recall >= HELDOUT_RECALL_FLOOR[lang], group.recall
    assert group.false_positive_rate is not None, lang
    assert group.false_positive_rate <= HELDOUT_FPR_CEILING[lang], group.false_positive_rate


@pytest.mark.xfail(reason="rules alone reach 0.85 (en) / 0.88 (zh) recall on unseen text, not 0.98", strict=True)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_set_meets_targets(heldout_report: EvalReport, lang: str) -> None:
    group = heldout_report.groups[lang]
    assert group.recall is not None and group.recall >= RECALL_TARGET, group.recall
    assert group.false_positive_rate is not None and group.false_positive_rate <= FPR_TARGET, group.false_positive_rate


@pytest.fixture(scope="module")
def heldout_screen_report() -> EvalReport:
    from crisp.safety.learned import screen_with_learned_stage

    items = load_eval_items(HELDOUT_SET)
    return evaluate(items, screen=screen_with_learned_stage, source=str(HELDOUT_SET), stages=["rules", "learned"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_heldout_set_holds_its_floor_with_the_learned_stage(heldout_screen_report: EvalReport, lang: str) -> None:
    # The whole screen (rules + learned stage) keeps the rules' floor and ceiling on the held-out set.
    group = heldout_screen_report.groups[lang]
    assert group.recall is not None and group.recall >= HELDOUT_RECALL_FLOOR[lang], group.recall
    assert group.false_positive_rate is not None, lang
    assert group.false_positive_rate <= HELDOUT_FPR_CEILING[lang], group.false_positive_rate
