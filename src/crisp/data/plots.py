"""PNG charts of `crisp data stats --plots DIR`, by language.

- ``distortions.png``: share of identified channels per distortion, one bar per
  language, and Crisp's published shares beside them;
- ``strategies.png``: share of counsellor sentences per strategy, per language;
- ``turns_per_dialogue.png``: how many dialogues have how many turns, per language.

Shares rather than counts, so languages of different sizes compare. Labels are the
English display names (a CJK font may be missing). Uses matplotlib's object API,
so nothing global is touched; files are written through `Outputs`, all or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crisp.cr.taxonomy import Distortion, Lang, Strategy, term
from crisp.data.files import Outputs, refuse_existing
from crisp.data.stats import PUBLISHED_CRISP, DatasetStats

PLOT_FILES = ("distortions.png", "strategies.png", "turns_per_dialogue.png")
_LANG_NAMES = {Lang.EN.value: "English", Lang.ZH.value: "Chinese"}


def _shares(counts: dict[Any, int]) -> list[float]:
    total = sum(counts.values())
    return [100 * c / total if total else 0.0 for c in counts.values()]


def _bars(title: str, labels: list[str], series: dict[str, list[float]], xlabel: str) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 0.45 * len(labels) + 1.5), layout="constrained")
    ax = fig.subplots()
    height = 0.8 / max(1, len(series))
    positions = range(len(labels))
    for k, (name, values) in enumerate(series.items()):
        ax.barh([p + k * height for p in positions], values, height=height, label=name)
    ax.set_yticks([p + height * (len(series) - 1) / 2 for p in positions], labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend()
    return fig


def _turns(stats: DatasetStats) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5), layout="constrained")
    ax = fig.subplots()
    for lang, tally in stats.by_language.items():
        xs = sorted(tally.turn_counts)
        ax.step(xs, [tally.turn_counts[x] for x in xs], where="mid", label=_LANG_NAMES.get(lang, lang))
    ax.set_xlabel("turns per dialogue")
    ax.set_ylabel("dialogues")
    ax.set_title("Turns per dialogue")
    ax.legend()
    return fig


def write_plots(stats: DatasetStats, out_dir: Path, force: bool = False) -> list[Path]:
    """Write the charts into `out_dir` (created if needed); return their paths."""
    out_dir = Path(out_dir)
    paths = [out_dir / name for name in PLOT_FILES]
    refuse_existing(paths, force)
    languages = {_LANG_NAMES.get(lang, lang): tally for lang, tally in stats.by_language.items()}
    distortions = {name: _shares(t.distortion_counts()) for name, t in languages.items()}
    distortions["Crisp (published)"] = _shares(PUBLISHED_CRISP["distortions"])
    strategies = {name: _shares(t.strategy_counts()) for name, t in languages.items()}
    figures = [
        _bars("Cognitive distortions (identified channels)", [term(d).name_en for d in Distortion],
              distortions, "% of channels"),
        _bars("Counsellor strategies (sentences)", [term(s).name_en for s in Strategy],
              strategies, "% of counsellor sentences"),
        _turns(stats),
    ]
    with Outputs(force) as outputs:
        for path, fig in zip(paths, figures, strict=True):
            with outputs.open(path, "wb") as f:
                fig.savefig(f, format="png", dpi=110)
    return paths


__all__ = ["PLOT_FILES", "write_plots"]
