"""The statistics of eval reports against values worked out by hand or published."""

from __future__ import annotations

import math

import pytest

from crisp.eval import stats


def test_bootstrap_mean_and_interval() -> None:
    import numpy as np

    values = list(np.random.default_rng(1).normal(3.0, 1.0, size=400))
    ci = stats.bootstrap_ci(values)
    assert ci.estimate == pytest.approx(float(np.mean(values)))
    half = 1.96 * float(np.std(values, ddof=1)) / math.sqrt(len(values))
    # The percentile bootstrap of a mean approximates the normal interval for large n.
    assert ci.low == pytest.approx(ci.estimate - half, abs=0.25 * half)
    assert ci.high == pytest.approx(ci.estimate + half, abs=0.25 * half)
    assert stats.bootstrap_ci(values) == ci  # seeded: the same interval every time


def test_bootstrap_degenerate_cases() -> None:
    assert stats.bootstrap_ci([4.0, 4.0, 4.0]) == stats.Interval(4.0, 4.0, 4.0, 3)
    empty = stats.bootstrap_ci([])
    assert empty.n == 0 and math.isnan(empty.estimate)


def test_wilson_interval_known_value() -> None:
    ci = stats.proportion_ci(8, 10)
    # Wilson 95% for 8/10: 0.490 to 0.943
    assert (round(ci.low, 3), round(ci.high, 3)) == (0.49, 0.943)


def test_paired_t_by_hand() -> None:
    before = [1, 2, 3, 4, 5]
    after = [2, 4, 5, 4, 7]
    result = stats.paired_t(before, after)
    # changes 1,2,2,0,2: mean 1.4, sd sqrt(0.8); t = 1.4 / (sqrt(0.8)/sqrt(5)) = 3.5 on 4 df
    assert result.t == pytest.approx(3.5)
    assert result.p == pytest.approx(0.02489, abs=1e-4)
    assert result.cohens_d == pytest.approx(1.4 / math.sqrt(0.8))
    assert result.mean_change == pytest.approx(1.4)


def test_tukey_hsd_matches_published_example() -> None:
    # The three-group example of scipy.stats.tukey_hsd's documentation (Hollander & Wolfe data).
    groups = {
        "g0": [24.5, 23.5, 26.4, 27.1, 29.9],
        "g1": [28.4, 34.2, 29.5, 32.2, 30.1],
        "g2": [26.1, 28.3, 24.3, 26.2, 27.8],
    }
    result = stats.anova_tukey(groups)
    pairs = {(p["a"], p["b"]): p for p in result.pairs}
    assert pairs[("g0", "g1")]["mean_difference"] == pytest.approx(-4.6)
    assert pairs[("g0", "g2")]["mean_difference"] == pytest.approx(-0.26)
    assert pairs[("g1", "g2")]["mean_difference"] == pytest.approx(4.34)
    assert pairs[("g0", "g1")]["p"] == pytest.approx(0.014, abs=0.001)
    assert pairs[("g0", "g2")]["p"] == pytest.approx(0.980, abs=0.001)
    assert pairs[("g1", "g2")]["p"] == pytest.approx(0.020, abs=0.001)
    assert result.p is not None and result.p < 0.05


def test_cohens_d_pooled() -> None:
    # means 3 and 5, both SDs 1.5811 (var 2.5): d = -2 / 1.5811
    assert stats.cohens_d([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]) == pytest.approx(-2 / math.sqrt(2.5))
    assert stats.cohens_d([1], [2, 3]) is None


def test_weighted_kappa_by_hand() -> None:
    # Two categories: weighted = unweighted. po = 0.75, pe = 0.5 -> 0.5
    assert stats.weighted_kappa([1, 1, 2, 2], [1, 2, 2, 2], categories=(1, 2)) == pytest.approx(0.5)
    assert stats.weighted_kappa([1, 3, 5, 2], [1, 3, 5, 2]) == pytest.approx(1.0)
    # Quadratic weights punish a 1-vs-5 disagreement more than a 1-vs-2 one.
    near = stats.weighted_kappa([1, 2, 3, 4, 5], [2, 2, 3, 4, 5])
    far = stats.weighted_kappa([1, 2, 3, 4, 5], [5, 2, 3, 4, 5])
    assert near is not None and far is not None and near > far


def test_krippendorff_alpha_published_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units, missing values.
    n = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert stats.krippendorff_alpha(data, level="nominal") == pytest.approx(0.743, abs=0.001)
    assert stats.krippendorff_alpha(data, level="interval") == pytest.approx(0.849, abs=0.001)


def test_multilabel_f1_by_hand() -> None:
    gold = [{"a"}, {"a", "b"}, set(), {"b"}]
    pred = [{"a"}, {"a"}, {"b"}, {"c"}]
    scores = stats.multilabel_scores(gold, pred)
    # a: tp2 fp0 fn0 -> 1.0; b: tp0 fp1 fn2 -> 0; c: tp0 fp1 fn0 (no gold support)
    assert scores["per_label"]["a"]["f1"] == pytest.approx(1.0)
    assert scores["per_label"]["b"]["recall"] == 0.0
    assert scores["macro_f1"] == pytest.approx(0.5)  # over a and b, the labels with gold support
    # micro: tp 2, fp 2, fn 2 -> P = R = 0.5
    assert scores["micro_f1"] == pytest.approx(0.5)


def test_spearman_and_single_label() -> None:
    assert stats.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert stats.spearman([1, 1, 1], [1, 2, 3]) is None
    single = stats.single_label_scores(["x", "x", "y"], ["x", "y", "y"])
    assert single["accuracy"] == pytest.approx(2 / 3)
