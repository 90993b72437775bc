"""`crisp data card`: a Hugging Face dataset card (README.md) for a set of Crisp records.

The card has YAML front matter (languages, licence, task categories, size
category, tags) and sections: summary, structure, the figures of
`crisp.data.stats` beside Crisp's published ones, provenance, intended and
out-of-scope use, limits, safety notes, licence and citation.

Provenance comes from the records (`provenance.models`, `provenance.prompt_version`)
and, when present, from the synthesis manifest (`manifest.json` beside the data,
or `--manifest`). The manifest describes a run, not a schema, so it is read
leniently: what `crisp synth` writes (`versions.toolkit`, `versions.prompt_version`,
`config.models` (teacher model specs), `config.judge`, `status`, and `counts` with
`seeds`, `seeds_selected`, `seeds_screened_out`, `attempted`, `kept`, `rejected`
and `dropped` as ``{filter: dialogues}``), and also top-level `toolkit_version`,
`prompt_version`, `models` (a list, or role -> spec) and `filters` as
``{name: dropped}``, ``{name: {"dropped": n, ...}}`` or ``[{"name": ..., "dropped": n}]``.
What it does not find, it leaves out.

The licence defaults to `unknown`: whoever publishes the data chooses it, after
reading the terms of the teacher models that wrote it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crisp.data.files import Outputs, refuse_existing
from crisp.data.options import DEFAULT_LICENSE
from crisp.data.stats import (
    PUBLISHED_CRISP,
    DatasetStats,
    distribution_rows,
    figure_rows,
)
from crisp.manifest import MANIFEST_NAME, RunManifest

_LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# The Hub's size buckets: (upper bound, name).
_SIZE_CATEGORIES = tuple(
    (10 ** (3 + k), name)
    for k, name in enumerate(("n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M",
                              "100M<n<1B", "1B<n<10B", "10B<n<100B", "100B<n<1T"))
)


def size_category(n: int) -> str:
    """The Hugging Face `size_categories` value for `n` examples."""
    for bound, name in _SIZE_CATEGORIES:
        if n < bound:
            return name
    return "n>1T"


def find_manifest(data_files: list[Path]) -> Path | None:
    """The synthesis manifest beside the first data file, if there is one."""
    for path in data_files:
        candidate = Path(path).parent / MANIFEST_NAME
        if candidate.is_file():
            return candidate
    return None


def _as_manifest(manifest: RunManifest | dict[str, Any]) -> RunManifest:
    return manifest if isinstance(manifest, RunManifest) else RunManifest.lenient(manifest)


def _other(manifest: RunManifest, key: str) -> Any:
    """A section the run manifest does not define (another tool's manifest shape)."""
    return (manifest.model_extra or {}).get(key)


def _first(*values: Any) -> Any:
    return next((v for v in values if v not in (None, "", [], {})), None)


def filter_drops(manifest: RunManifest | dict[str, Any]) -> list[tuple[str, Any, dict[str, Any]]]:
    """(filter name, dialogues dropped, other numbers) for each filter the manifest reports."""
    manifest = _as_manifest(manifest)
    filters = _first(manifest.counts.get("dropped"), _other(manifest, "filters"))
    out: list[tuple[str, Any, dict[str, Any]]] = []
    if isinstance(filters, dict):
        for name, value in filters.items():
            if isinstance(value, dict):
                rest = {k: v for k, v in value.items() if k != "dropped" and isinstance(v, int | float | str)}
                out.append((str(name), value.get("dropped"), rest))
            else:
                out.append((str(name), value, {}))
    elif isinstance(filters, list):
        for item in filters:
            if isinstance(item, dict) and "name" in item:
                rest = {k: v for k, v in item.items()
                        if k not in ("name", "dropped") and isinstance(v, int | float | str)}
                out.append((str(item["name"]), item.get("dropped"), rest))
    return out


def manifest_lines(manifest: RunManifest | dict[str, Any]) -> list[str]:
    """The provenance facts found in a synthesis manifest, one Markdown list item each."""
    manifest = _as_manifest(manifest)
    versions, config, counts = manifest.versions, manifest.config, manifest.counts
    lines = []
    for label, value in (
        ("Toolkit version", _first(versions.get("toolkit"), _other(manifest, "toolkit_version"))),
        ("Prompt version", _first(versions.get("prompt_version"), _other(manifest, "prompt_version"))),
        ("Run status", manifest.status.value if manifest.status is not None else None),
    ):
        if isinstance(value, str | int | float):
            lines.append(f"- {label} (manifest): `{value}`.")
    models = _first(config.get("models"), _other(manifest, "models"))
    if isinstance(models, list) and models:
        lines.append(f"- Teacher models (manifest): {', '.join(f'`{m}`' for m in models)}.")
    elif isinstance(models, dict) and models:
        lines.append(f"- Models (manifest): {', '.join(f'{role}: `{spec}`' for role, spec in models.items())}.")
    if isinstance(config.get("judge"), str):
        lines.append(f"- Judge of the expert filter (manifest): `{config['judge']}`.")
    listed = {k: v for k, v in counts.items() if isinstance(v, int | float) and not isinstance(v, bool)}
    if listed:
        lines.append("- Run counts (manifest): " + ", ".join(f"{k.replace('_', ' ')}: {_number(v)}"
                                                              for k, v in listed.items()) + ".")
    seeds, screened = counts.get("seeds_selected", counts.get("seeds")), counts.get("seeds_screened_out")
    if isinstance(screened, int) and isinstance(seeds, int) and seeds:
        lines.append(f"- Safety screening of seeds: {screened:,} of {seeds:,} screened out "
                     f"({100 * screened / seeds:.1f}%).")
    drops = filter_drops(manifest)
    attempted = counts.get("attempted")
    if drops:
        lines.append("- Filters and the dialogues each dropped (manifest):")
        for name, dropped, rest in drops:
            share = (f", {100 * dropped / attempted:.1f}% of {attempted:,} attempted"
                     if isinstance(dropped, int) and isinstance(attempted, int) and attempted else "")
            extra = "".join(f", {k}: {v}" for k, v in rest.items())
            lines.append(f"  - {name}: {_number(dropped)} dropped{share}{extra}")
    return lines


def _number(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return "-" if value is None else str(value)


def _table(header: list[str], rows: list[list[str]]) -> str:
    rule = "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"
    lines = ["| " + " | ".join(header) + " |", rule]
    lines += ["| " + " | ".join(cell.strip() or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _yaml_list(key: str, values: list[str]) -> list[str]:
    return [f"{key}:"] + [f"- {json.dumps(v, ensure_ascii=False)}" for v in values]


def render_card(
    stats: DatasetStats,
    manifest: RunManifest | dict[str, Any] | None = None,
    name: str | None = None,
    license: str = DEFAULT_LICENSE,
) -> str:
    overall = stats.overall
    figures = overall.figures()
    languages = sorted(stats.by_language)
    title = name or "Cognitive restructuring dialogues (Crisp format)"
    front = [
        "---",
        *_yaml_list("language", languages),
        f"license: {json.dumps(license)}",
        f"pretty_name: {json.dumps(title, ensure_ascii=False)}",
        *_yaml_list("size_categories", [size_category(overall.dialogues)]),
        *_yaml_list("task_categories", ["text-generation"]),
        *_yaml_list("task_ids", ["dialogue-generation"]),
        *_yaml_list("tags", ["cognitive-restructuring", "mental-health", "emotional-support", "counseling",
                             "synthetic", "dialogue"]),
        "---",
    ]
    lang_text = " and ".join(f"{_LANGUAGE_NAMES.get(lang, lang)} ({stats.by_language[lang].dialogues:,})"
                             for lang in languages)
    parts = [
        "\n".join(front),
        f"# {title}",
        (
            f"{overall.dialogues:,} multi-turn cognitive restructuring (CR) dialogues between a help-seeker and a "
            f"counsellor, in {lang_text}, over {figures['seed_situations']:,} seed situations. Each dialogue "
            "follows CRDial (Zhou et al., EMNLP 2025): identification of the automatic thought, intermediate "
            "belief and core belief (up to three candidate cognitive distortions, each a *channel*), then "
            "restructuring of each channel by defense, prosecution and verdict, looping while distortions "
            "remain. Every counsellor sentence carries one of 8 supportive strategies. The dialogues were "
            "written by language models (see Provenance); they are synthetic."
        ),
        "## Dataset structure",
        (
            "JSON Lines, one Crisp record (schema version 1.0) per line; `crisp schema` prints its JSON Schema "
            "and `crisp data validate` checks a file. Main fields: `id`, `language`, `seed` (the situation, "
            "with `category`), `persona`, `cognition` (automatic thought, intermediate belief and the "
            "distortion `channels`), `turns` (client turns with `content`; counsellor turns with `sentences`, "
            "each with its `strategy`; every turn tagged with its CRDial `stage`, `substep`, `channel` and "
            "`loop`), `verdicts` (the restructured thought of each channel), `end_reason`, `provenance` and "
            "`quality`. `crisp data export` converts it to chat `messages`, ShareGPT, Alpaca or a "
            "`datasets` folder; `crisp data split` splits it by seed situation."
        ),
        "## Figures",
        "Counted as `crisp data stats` documents (utterances are turns; strategies per counsellor turn are "
        "labelled sentences; MTLD per dialogue, threshold 0.72, Chinese segmented with jieba), beside the "
        "figures published for Crisp.",
        _table(*figure_rows(stats, None)) + _mtld_note(stats),
        "### Cognitive distortions (one per identified channel)",
        _table(*distribution_rows(stats, None, "distortions")),
        "### Supportive strategies (one per counsellor sentence)",
        _table(*distribution_rows(stats, None, "strategies")),
        "## Provenance",
        _provenance(stats, manifest),
        "## Intended use",
        (
            "Research on supportive and cognitive-restructuring dialogue: fine-tuning and evaluating counsellor "
            "models (such as the Crispers models), studying strategy use and distortion identification, and "
            "building simulated help-seekers for evaluation."
        ),
        "## Out-of-scope use",
        (
            "- Diagnosing, treating or triaging real people, or replacing a qualified professional.\n"
            "- Serving people in acute crisis (suicidal thoughts, self-harm): a model trained on this data "
            "must hand such conversations to people and real crisis resources, not answer them itself.\n"
            "- Drawing conclusions about real help-seekers or populations: the clients are simulated."
        ),
        "## Limits and biases",
        (
            "- Synthetic text: the dialogues reflect the teacher models' knowledge, style and biases, not "
            "recorded therapy. Clients may resist and come round more tidily than real people do.\n"
            "- Labels (distortions, strategies, plan tags) come from the generating models and automatic checks; "
            f"the paper's human audit of Crisp found strategy labels {PUBLISHED_CRISP['strategy_label_accuracy']}% "
            f"and distortion labels {PUBLISHED_CRISP['distortion_label_accuracy']}% accurate; this data has not "
            "necessarily been audited.\n"
            "- Situations cover the seed categories only (see Figures), in two languages and their cultural "
            "contexts.\n"
            "- Automatic filters remove much, not all, low-quality or unsafe text."
        ),
        "## Safety",
        (
            "Where the synthesis ran a safety filter (see Provenance), seed situations and dialogues were "
            "screened for acute risk; even so, the text discusses distress and negative thoughts throughout. "
            "Anyone deploying a model trained on it needs a crisis-detection layer that routes people at risk "
            "to human help (e.g. 988 in the US, 12356 in mainland China, findahelpline.com elsewhere). Seeds "
            "may paraphrase real posts: do not try to re-identify their authors."
        ),
        "## Licence",
        _licence(license),
        "## Citation",
        (
            "The CRDial framework and the Crisp dataset: Zhou et al., \"Crisp: Cognitive Restructuring of "
            "Negative Thoughts through Multi-turn Supportive Dialogues\", EMNLP 2025, arXiv:2504.17238."
        ),
    ]
    return "\n\n".join(parts) + "\n"


def _mtld_note(stats: DatasetStats) -> str:
    overall = stats.overall
    measured = sum(overall.mtld_count.values())
    if measured >= overall.dialogues:
        return ""
    return (
        f"\n\nMTLD was measured on {measured:,} of the {overall.dialogues:,} dialogues: at most "
        f"{stats.mtld_sample:,} per language, those with the smallest hash of their record id."
    )


def _provenance(stats: DatasetStats, manifest: RunManifest | dict[str, Any] | None) -> str:
    overall = stats.overall
    lines = []
    if overall.models:
        models = ", ".join(f"`{m}` ({n:,} dialogues)" for m, n in sorted(overall.models.items()))
        lines.append(f"- Models, by role (from the records): {models}.")
    if overall.prompt_versions:
        versions = ", ".join(f"`{v}` ({n:,})" for v, n in sorted(overall.prompt_versions.items()))
        lines.append(f"- Prompt versions (from the records): {versions}.")
    if manifest is not None:
        lines += manifest_lines(manifest)
    if not lines:
        lines.append("- No provenance recorded in the records, and no synthesis manifest found.")
    published = ", ".join(f"{name} -{share:.2f}%" for name, share in PUBLISHED_CRISP["filter_drops_percent"].items())
    lines.append(
        f"- For comparison, Crisp itself was written by {PUBLISHED_CRISP['teacher']} and filtered in three "
        f"stages, which dropped: {published}."
    )
    return "\n".join(lines)


def _licence(license: str) -> str:
    if license == DEFAULT_LICENSE:
        return (
            "Not chosen yet (`license: unknown`). Whoever publishes this data chooses its licence "
            "(`crisp data card --license`), after checking the terms of the models that wrote it: some "
            "providers restrict using their outputs to train other models."
        )
    return (
        f"`{license}`. The terms of the models that wrote the dialogues (see Provenance) may add "
        "conditions on how their outputs are used."
    )


def write_card(
    stats: DatasetStats,
    out: Path,
    manifest: RunManifest | dict[str, Any] | None = None,
    name: str | None = None,
    license: str = DEFAULT_LICENSE,
    force: bool = False,
) -> Path:
    refuse_existing([out], force)
    text = render_card(stats, manifest, name, license)
    with Outputs(force) as outputs:
        outputs.write_text(out, text)
    return out


__all__ = [
    "DEFAULT_LICENSE",
    "filter_drops",
    "find_manifest",
    "manifest_lines",
        "render_card",
    "size_category",
    "write_card",
]

