"""PNG plots of eval reports: bars with confidence intervals.

matplotlib's object API (no global state) with the Agg canvas; labels are ASCII so a
missing CJK font cannot break a plot. Called only when a report is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def bars_with_ci(path: Path, title: str, groups: Sequence[str], series: dict[str, Sequence[tuple[float, float, float]]],
                 ylabel: str, ylim: tuple[float, float] | None = None) -> Path:
    """Grouped bars: `series[name][i]` = (estimate, low, high) for `groups[i]`; NaN estimates are left out."""
    import math

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(max(6.0, 1.1 * len(groups) * max(1, len(series)) / 2 + 3), 4.5), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    width = 0.8 / max(1, len(series))
    for k, (name, values) in enumerate(series.items()):
        xs, ys, lo, hi = [], [], [], []
        for i, (est, low, high) in enumerate(values):
            if est is None or math.isnan(est):
                continue
            xs.append(i + k * width)
            ys.append(est)
            lo.append(max(0.0, est - low))
            hi.append(max(0.0, high - est))
        ax.bar(xs, ys, width=width, yerr=[lo, hi], capsize=3, label=name)
    ax.set_xticks([i + width * (len(series) - 1) / 2 for i in range(len(groups))], list(groups), rotation=20,
                  ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if ylim:
        ax.set_ylim(*ylim)
    if len(series) > 1:
        ax.legend(fontsize="small")
    fig.savefig(path, dpi=110)
    return path
