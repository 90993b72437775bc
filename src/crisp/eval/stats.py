"""The statistics of evaluation reports: confidence intervals, tests, effect sizes, agreement.

Pure functions over plain lists of numbers; numpy and scipy are imported inside
them, so importing this module costs nothing. Every function returns plain
floats (JSON-ready). Known-value checks live in tests/eval/test_stats.py.

Not here: what the numbers mean for a model (the report modules say that), and
multiple-comparison corrections other than Tukey's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

DEFAULT_RESAMPLES = 2000
DEFAULT_CONFIDENCE = 0.95
BOOTSTRAP_SEED = 20250417


@dataclass(frozen=True)
class Interval:
    """A mean (or other estimate) with a confidence interval; `n` items behind it."""

    estimate: float
    low: float
    high: float
    n: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _nan_to_none(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def bootstrap_ci(
    values: Sequence[float],
    *,
    confidence: float = DEFAULT_CONFIDENCE,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Interval:
    """Mean and percentile bootstrap CI. One value: the interval is that value; none: NaNs."""
    import numpy as np

    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(math.nan, math.nan, math.nan, 0)
    mean = float(data.mean())
    if data.size == 1 or float(data.std()) == 0.0:
        return Interval(mean, mean, mean, int(data.size))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(resamples, data.size))
    means = data[idx].mean(axis=1)
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return Interval(mean, float(low), float(high), int(data.size))


def proportion_ci(successes: int, n: int, *, confidence: float = DEFAULT_CONFIDENCE) -> Interval:
    """A share with its Wilson score interval (good for small n and shares near 0 or 1)."""
    if n == 0:
        return Interval(math.nan, math.nan, math.nan, 0)
    from scipy.stats import norm

    z = float(norm.ppf(1 - (1 - confidence) / 2))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half), n)


@dataclass(frozen=True)
class PairedTest:
    mean_before: float
    mean_after: float
    mean_change: float
    t: float | None
    p: float | None
    cohens_d: float | None  # mean change / SD of the changes (d_z)
    n: int


def paired_t(before: Sequence[float], after: Sequence[float]) -> PairedTest:
    """Paired t-test (two-sided) of after vs before, with Cohen's d_z."""
    from scipy.stats import ttest_rel

    if len(before) != len(after):
        raise ValueError("paired samples need the same length")
    n = len(before)
    if n == 0:
        return PairedTest(math.nan, math.nan, math.nan, None, None, None, 0)
    changes = [a - b for a, b in zip(after, before)]
    mean_b, mean_a = sum(before) / n, sum(after) / n
    mean_c = sum(changes) / n
    t = p = None
    if n >= 2:
        result = ttest_rel(after, before)
        t, p = _nan_to_none(float(result.statistic)), _nan_to_none(float(result.pvalue))
    return PairedTest(mean_b, mean_a, mean_c, t, p, cohens_d_paired(before, after), n)


def cohens_d_paired(before: Sequence[float], after: Sequence[float]) -> float | None:
    """d_z: the mean change over the standard deviation of the changes (None when undefined)."""
    changes = [a - b for a, b in zip(after, before)]
    if len(changes) < 2:
        return None
    mean = sum(changes) / len(changes)
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (len(changes) - 1))
    return None if sd == 0 else mean / sd


def cohens_d(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Cohen's d of two independent groups (a minus b), pooled standard deviation."""
    na, nb = len(a), len(b)
    if na < 2 or nb < 2:
        return None
    ma, mb = sum(a) / na, sum(b) / nb
    va = sum((x - ma) ** 2 for x in a) / (na - 1)
    vb = sum((x - mb) ** 2 for x in b) / (nb - 1)
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    return None if pooled == 0 else (ma - mb) / pooled


@dataclass(frozen=True)
class GroupComparison:
    """One-way ANOVA over groups, then Tukey HSD for every pair."""

    f: float | None
    p: float | None
    pairs: list[dict[str, float | str | None]]


def anova_tukey(groups: dict[str, Sequence[float]]) -> GroupComparison:
    """One-way ANOVA and Tukey HSD (`scipy.stats.tukey_hsd`) over named groups of at least 2 values."""
    from scipy.stats import f_oneway, tukey_hsd

    names = [name for name, values in groups.items() if len(values) >= 2]
    if len(names) < 2:
        return GroupComparison(None, None, [])
    samples = [list(groups[name]) for name in names]
    anova = f_oneway(*samples)
    tukey = tukey_hsd(*samples)
    ci = tukey.confidence_interval(confidence_level=DEFAULT_CONFIDENCE)
    pairs: list[dict[str, float | str | None]] = []
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            pairs.append({
                "a": names[i], "b": names[j],
                "mean_difference": float(tukey.statistic[i, j]),
                "p": _nan_to_none(float(tukey.pvalue[i, j])),
                "low": float(ci.low[i, j]), "high": float(ci.high[i, j]),
                "cohens_d": cohens_d(samples[i], samples[j]),
            })
    return GroupComparison(_nan_to_none(float(anova.statistic)), _nan_to_none(float(anova.pvalue)), pairs)


def weighted_kappa(
    a: Sequence[int], b: Sequence[int], *, categories: Sequence[int] = (1, 2, 3, 4, 5),
    weights: Literal["linear", "quadratic"] = "quadratic",
) -> float | None:
    """Cohen's weighted kappa of two raters over ordered categories (None when undefined)."""
    import numpy as np

    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    if not a:
        return None
    index = {c: i for i, c in enumerate(categories)}
    k = len(categories)
    observed = np.zeros((k, k))
    for x, y in zip(a, b):
        observed[index[x], index[y]] += 1
    observed /= observed.sum()
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    i, j = np.indices((k, k))
    w = np.abs(i - j) / (k - 1) if weights == "linear" else ((i - j) / (k - 1)) ** 2
    denom = float((w * expected).sum())
    if denom == 0:
        return None
    return 1.0 - float((w * observed).sum()) / denom


def krippendorff_alpha(
    ratings: Sequence[Sequence[float | None]], *, level: Literal["interval", "nominal"] = "interval",
) -> float | None:
    """Krippendorff's alpha. `ratings[r][u]`: rater r's value for unit u, None where missing.

    Units with fewer than two values do not count (the standard coincidence-matrix form).
    """
    units: list[list[float]] = []
    n_units = max((len(r) for r in ratings), default=0)
    for u in range(n_units):
        values = [r[u] for r in ratings if u < len(r) and r[u] is not None]
        if len(values) >= 2:
            units.append([float(v) for v in values])  # type: ignore[arg-type]
    if not units:
        return None

    def delta(x: float, y: float) -> float:
        return (x - y) ** 2 if level == "interval" else float(x != y)

    observed = 0.0
    pooled: list[float] = []
    for values in units:
        m = len(values)
        observed += sum(delta(x, y) for i, x in enumerate(values) for j, y in enumerate(values) if i != j) / (m - 1)
        pooled.extend(values)
    n = len(pooled)
    observed /= n
    expected = sum(delta(x, y) for i, x in enumerate(pooled) for j, y in enumerate(pooled) if i != j) / (n * (n - 1))
    if expected == 0:
        return 1.0 if observed == 0 else None
    return 1.0 - observed / expected


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    from scipy.stats import spearmanr

    if len(a) < 2 or len(set(a)) < 2 or len(set(b)) < 2:
        return None
    return _nan_to_none(float(spearmanr(a, b).statistic))


@dataclass(frozen=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int  # gold items carrying the label
    predicted: int


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def multilabel_scores(gold: Sequence[set[str]], predicted: Sequence[set[str]]) -> dict[str, object]:
    """Per-label precision/recall/F1, micro F1 over all (item, label) decisions, and macro F1 over the
    labels that occur in `gold` (a label never in gold has no recall to average)."""
    labels = sorted(set().union(*gold, *predicted)) if gold else []
    per: dict[str, LabelScores] = {}
    tp_all = fp_all = fn_all = 0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, predicted) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, predicted) if label in g and label not in p)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        precision, recall, f1 = _f1(tp, fp, fn)
        per[label] = LabelScores(precision, recall, f1, tp + fn, tp + fp)
    supported = [s.f1 for s in per.values() if s.support > 0]
    return {
        "micro_f1": _f1(tp_all, fp_all, fn_all)[2],
        "macro_f1": sum(supported) / len(supported) if supported else 0.0,
        "per_label": {label: asdict(s) for label, s in per.items()},
    }


def single_label_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, object]:
    """Accuracy and macro F1 over the gold classes, for one label per item."""
    scores = multilabel_scores([{g} for g in gold], [{p} for p in predicted])
    accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold) if gold else 0.0
    return {"accuracy": accuracy, "macro_f1": scores["macro_f1"], "per_label": scores["per_label"]}


__all__ = [
    "GroupComparison", "Interval", "LabelScores", "PairedTest", "anova_tukey", "bootstrap_ci", "cohens_d",
    "cohens_d_paired", "krippendorff_alpha", "multilabel_scores", "paired_t", "proportion_ci",
    "single_label_scores", "spearman", "weighted_kappa",
]
