"""`crisp eval ablation`: pointwise and pairwise over the `full`, `no_strategies` and
`no_identification` models that `crisp train` makes, in one report.

It runs, each in a sub-folder of the run folder (each resumable on its own):
- `pointwise/`: the three models meet the same simulated clients and judges;
- `pairwise_no_strategies/`, `pairwise_no_identification/`: `full` (A) against each ablation (B).

The report puts the pointwise tables and the pairwise win/tie/loss side by side, and the
drop of each ablation from `full` per dimension.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crisp.errors import ConfigError
from crisp.eval.pairwise import PairwiseOptions, pairwise_markdown, run_pairwise
from crisp.eval.pointwise import (
    DIMENSIONS,
    PointwiseOptions,
    pointwise_markdown,
    run_pointwise,
)
from crisp.eval.run import ModelSet, RunFolder
from crisp.manifest import RunStatus

ABLATION_NAMES = ("full", "no_strategies", "no_identification")


def parse_ablation_models(values: list[str]) -> dict[str, str]:
    models: dict[str, str] = {}
    for value in values:
        name, sep, spec = value.partition("=")
        if not sep or name not in ABLATION_NAMES or not spec:
            raise ConfigError(f"--models {value!r}: give NAME=SPEC with NAME one of {', '.join(ABLATION_NAMES)}")
        models[name] = spec
    missing = [n for n in ABLATION_NAMES if n not in models]
    if missing:
        raise ConfigError(f"--models lacks {', '.join(missing)}; give full=SPEC no_strategies=SPEC "
                          "no_identification=SPEC")
    return models


@dataclass
class AblationOptions:
    models: dict[str, str]
    judges: list[str]
    client: str = "default"
    dialogues: str | None = None
    seeds: str = "builtin"
    langs: list[str] = field(default_factory=lambda: ["en", "zh"])
    sessions: int = 3
    turns: int = 4
    limit: int | None = None
    concurrency: int = 4
    max_new_tokens: int = 256


async def run_ablation(folder: RunFolder, models: ModelSet, options: AblationOptions, config: dict[str, Any],
                       progress: Any = None) -> tuple[dict[str, Any], str]:
    specs = [options.models[n] for n in ABLATION_NAMES]
    sub = RunFolder(folder.path / "pointwise", "eval pointwise", {**config, "part": "pointwise"})
    sub_models = ModelSet(cache=folder.cache, injected=dict(models.loaded), prices=models.prices,
                          concurrency=models.concurrency)
    try:
        pointwise = await run_pointwise(sub, sub_models, PointwiseOptions(
            models=specs, judges=options.judges, client=options.client, seeds=options.seeds, langs=options.langs,
            sessions=options.sessions, turns=options.turns, limit=options.limit, concurrency=options.concurrency,
            max_new_tokens=options.max_new_tokens), progress=progress)
    finally:
        _merge(models, sub_models)
        sub.close()
    pairwise: dict[str, Any] = {}
    for name in ABLATION_NAMES[1:]:
        part = RunFolder(folder.path / f"pairwise_{name}", "eval pairwise", {**config, "part": name})
        part_models = ModelSet(cache=folder.cache, injected=dict(models.loaded), prices=models.prices,
                               concurrency=models.concurrency)
        try:
            pairwise[name] = await run_pairwise(part, part_models, PairwiseOptions(
                a=options.models["full"], b=options.models[name], judge=options.judges[0], client=options.client,
                dialogues=options.dialogues, seeds=options.seeds, langs=options.langs, sessions=options.sessions,
                turns=options.turns, limit=options.limit, concurrency=options.concurrency,
                max_new_tokens=options.max_new_tokens), progress=progress)
        finally:
            _merge(models, part_models)
            part.close()
    drops = {lang: {name: {d: _drop(table, options.models["full"], options.models[name], d) for d in DIMENSIONS}
                    for name in ABLATION_NAMES[1:]} for lang, table in pointwise["tables"].items()}
    folder.manifest.counts.items = folder.manifest.counts.done = 1
    folder.manifest.status = RunStatus.COMPLETE
    folder.record_usage(models)
    folder.write_manifest()
    report = {"task": "ablation", "models": options.models, "pointwise": pointwise, "pairwise": pairwise,
              "drop_from_full": drops}
    markdown = "\n\n".join([
        "# crisp eval ablation", _drops_markdown(drops), pointwise_markdown(pointwise),
        *(pairwise_markdown(r) for r in pairwise.values())])
    return report, markdown


def _merge(models: ModelSet, part: ModelSet) -> None:
    """The parts' models and roles belong to the whole run (one load, one usage table, closed once)."""
    models.loaded.update(part.loaded)
    for spec, roles in part.roles.items():
        models.roles.setdefault(spec, set()).update(roles)


def _drop(table: dict[str, Any], full: str, other: str, dimension: str) -> float | None:
    a, b = table[full][dimension], table[other][dimension]
    if not a["n"] or not b["n"]:
        return None
    return float(b["estimate"] - a["estimate"])


def _drops_markdown(drops: dict[str, Any]) -> str:
    lines = ["## Change from `full` (ablation minus full, mean score)", "",
             "| lang | ablation | " + " | ".join(DIMENSIONS) + " |", "|---|---|" + "---|" * len(DIMENSIONS)]
    for lang, by_name in drops.items():
        for name, row in by_name.items():
            lines.append(f"| {lang} | {name} | " + " | ".join("-" if row[d] is None else f"{row[d]:+.2f}"
                                                            for d in DIMENSIONS) + " |")
    return "\n".join(lines)
