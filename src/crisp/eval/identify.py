"""`crisp eval identify`: distortion identification, scored against labelled thoughts.

Each thought goes through the CRDial counsellor's own core-belief step (the same
prompt and output model, at most 3 distortions), placed in a session whose client
said the thought and whose thought record holds it as the automatic thought. The
report gives micro and macro F1, per-distortion precision and recall, a gold x
predicted co-occurrence table, a binary "any distortion found" score, and, in the
same run, the majority-class baseline and the embedded model zero-shot.

Set format (JSONL, one item per line): `text`, `lang` (en/zh), `distortions` (list of
toolkit ids; `[]` = not distorted; `null` = distorted, type unknown: scored only in the
binary score). Other fields are ignored. This reads the team's set and the real sets of
`../shared/eval-data/open/` as they are.

Not here: training, or any use of the real sets other than measuring.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, Distortion, Lang
from crisp.errors import InputError
from crisp.eval import stats
from crisp.eval.run import (
    ModelSet,
    RunFolder,
    WorkItem,
    finish,
    retry_params,
    run_items,
)
from crisp.llm.base import GenerationParams

NO_DISTORTION = "(none)"
BUILTIN_SET = "builtin"
IDENTIFY_PARAMS = GenerationParams(max_new_tokens=384, temperature=0.0, seed=0)


class LabelledThought(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1)
    lang: Lang
    distortions: list[Distortion] | None

    @field_validator("distortions", mode="before")
    @classmethod
    def _known(cls, value: Any) -> Any:
        if isinstance(value, list):
            unknown = [v for v in value if v not in {d.value for d in Distortion}]
            if unknown:
                raise ValueError(f"unknown distortion label(s) {unknown}; use the toolkit ids "
                                 f"({', '.join(d.value for d in Distortion)})")
        return value


def builtin_set_paths() -> list[Path]:
    from importlib import resources

    folder = resources.files("crisp.eval") / "data"
    return [Path(str(folder / f"distortions_{lang.value}.jsonl")) for lang in Lang]


def load_set(path: str | Path) -> list[LabelledThought]:
    """Read a labelled set; `builtin` is the team's bilingual set. Bad lines raise one clear error."""
    paths = builtin_set_paths() if str(path) == BUILTIN_SET else [Path(path)]
    items: list[LabelledThought] = []
    for file in paths:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InputError(f"--set {file}: cannot read it ({error.strerror}); give a JSONL file or 'builtin'") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                items.append(LabelledThought.model_validate(json.loads(line)))
            except json.JSONDecodeError as error:
                raise InputError(f"{file}:{number}: not JSON ({error.msg}); each line is one JSON object") from None
            except ValidationError as error:
                first = error.errors()[0]
                reason = f"{'.'.join(str(x) for x in first['loc']) or 'line'}: {first['msg']}"
                raise InputError(f"{file}:{number}: not a labelled thought ({reason}); each line needs "
                                 "text, lang and distortions") from None
    if not items:
        raise InputError(f"--set {path} holds no items; give a JSONL file with text, lang and distortions")
    return items


async def identify_distortions(model: Any, text: str, lang: Lang, attempt: int = 0) -> list[Distortion]:
    """The CRDial counsellor's core-belief step on one thought: up to 3 distortions, in the model's order."""
    from crisp.cr.schema import Seed
    from crisp.cr.taxonomy import SubStep
    from crisp.dialogue.crdial import CRDialCounsellor
    from crisp.dialogue.session import Session

    session = Session(Seed(id="identify", situation=text, language=lang), record_id="identify")
    session.add_client(text)
    session.record_automatic_thought(text)
    while session.step.substep is not SubStep.CORE_BELIEF:
        session.advance()
    messages = CRDialCounsellor(model).messages(session, [])
    out = (await model.structured(messages, _finding_model(),
                                 retry_params(IDENTIFY_PARAMS, attempt))).value
    found: list[Distortion] = []
    for finding in out.distortions:  # type: ignore[attr-defined]
        if finding.distortion not in found:
            found.append(finding.distortion)
    return found


@cache
def _finding_model() -> type[BaseModel]:
    """The core-belief step's `distortions` finding, required: in a counsellor turn it is optional (a
    turn may find nothing yet), and a small model under a grammar then leaves it out every time. Here
    the finding is what is asked; `[]` still says "not distorted"."""
    from crisp.dialogue.outputs import DistortionFinding

    return create_model("IdentifiedDistortions", __config__=ConfigDict(extra="forbid"),
                        distortions=(list[DistortionFinding], Field(max_length=MAX_CHANNELS_PER_IDENTIFICATION)))


@dataclass(frozen=True)
class IdentifyOptions:
    model: str
    set_path: str
    zero_shot_model: str | None = "default"  # None: leave the zero-shot comparison out
    limit: int | None = None
    concurrency: int = 4


def item_key(spec: str, index: int, item: LabelledThought) -> str:
    import hashlib

    digest = hashlib.sha256(f"{item.lang.value}\n{item.text}".encode()).hexdigest()[:12]
    return f"{spec}|{index}|{digest}"


async def run_identify(folder: RunFolder, models: ModelSet, options: IdentifyOptions,
                       progress: Any = None) -> dict[str, Any]:
    items = load_set(options.set_path)
    if options.limit is not None:
        items = items[: options.limit]
    specs = [options.model]
    if options.zero_shot_model and options.zero_shot_model != options.model:
        specs.append(options.zero_shot_model)
    work_items = [WorkItem(item_key(spec, i, item), (spec, item)) for spec in specs for i, item in enumerate(items)]

    async def work(w: WorkItem, attempt: int) -> dict[str, Any]:
        spec, item = w.payload
        model = models.get(spec, "under test" if spec == options.model else "zero-shot")
        found = await identify_distortions(model, item.text, item.lang, attempt)
        return {"model": spec, "predicted": [d.value for d in found]}

    await run_items(folder, work_items, work, concurrency=options.concurrency, progress=progress,
                    checkpoint=folder.write_manifest)
    finish(folder, models, [w.key for w in work_items])
    predictions: dict[str, list[set[str] | None]] = {spec: [] for spec in specs}
    for w in work_items:
        spec, _ = w.payload
        row = folder.row(w.key)
        predictions[spec].append(set(row["predicted"]) if row else None)
    return identify_report(items, predictions, options.model, options.zero_shot_model if len(specs) > 1 else None)


def majority_label(items: list[LabelledThought]) -> str:
    """The most frequent gold label (a distortion id or `(none)`), ties broken by name."""
    counts: Counter[str] = Counter()
    for item in items:
        if item.distortions is not None:
            counts.update([d.value for d in item.distortions] or [NO_DISTORTION])
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else NO_DISTORTION


def score(items: list[LabelledThought], predicted: list[set[str] | None]) -> dict[str, Any]:
    """Scores of one system over the items it answered (None = the item failed and is not scored)."""
    typed = [(item, p) for item, p in zip(items, predicted) if p is not None and item.distortions is not None]
    gold_sets = [{d.value for d in item.distortions or []} for item, _ in typed]
    pred_sets = [p for _, p in typed]
    out: dict[str, Any] = {"items_scored": len(typed), "items_failed": sum(1 for p in predicted if p is None)}
    if typed:
        labelled = stats.multilabel_scores(gold_sets, pred_sets)
        out.update(micro_f1=labelled["micro_f1"], macro_f1=labelled["macro_f1"], per_distortion=labelled["per_label"],
                   exact_match=sum(1 for g, p in zip(gold_sets, pred_sets) if g == p) / len(typed),
                   confusion=confusion_table(gold_sets, pred_sets))
    binary = [(item.distortions is None or bool(item.distortions), bool(p))
              for item, p in zip(items, predicted) if p is not None]
    if binary:
        tp = sum(1 for g, p in binary if g and p)
        fp = sum(1 for g, p in binary if not g and p)
        fn = sum(1 for g, p in binary if g and not p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        out["binary"] = {"accuracy": sum(1 for g, p in binary if g == p) / len(binary), "precision": precision,
                         "recall": recall, "f1": 2 * precision * recall / (precision + recall) if precision + recall
                         else 0.0, "n": len(binary)}
    return out


def confusion_table(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, dict[str, int]]:
    """rows: gold label (or `(none)`), columns: predicted label (or `(none)`): items with both."""
    table: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted):
        for gl in sorted(g) or [NO_DISTORTION]:
            row = table.setdefault(gl, {})
            for pl in sorted(p) or [NO_DISTORTION]:
                row[pl] = row.get(pl, 0) + 1
    return table


def identify_report(items: list[LabelledThought], predictions: dict[str, list[set[str] | None]], model: str,
                    zero_shot: str | None) -> dict[str, Any]:
    majority = majority_label(items)
    baseline = [set() if majority == NO_DISTORTION else {majority} for _ in items]
    by_lang: dict[str, Any] = {}
    for lang in sorted({i.lang.value for i in items}):
        idx = [n for n, i in enumerate(items) if i.lang.value == lang]
        sub = [items[n] for n in idx]
        lang_majority = majority_label(sub)
        by_lang[lang] = {
            "items": len(sub),
            "model": score(sub, [predictions[model][n] for n in idx]),
            "majority_baseline": {"label": lang_majority, **score(
                sub, [set() if lang_majority == NO_DISTORTION else {lang_majority} for _ in sub])},
        }
        if zero_shot:
            by_lang[lang]["zero_shot"] = score(sub, [predictions[zero_shot][n] for n in idx])
    report: dict[str, Any] = {
        "task": "identify",
        "model": model,
        "items": len(items),
        "model_scores": score(items, predictions[model]),
        "majority_baseline": {"label": majority, **score(items, baseline)},
        "zero_shot_model": zero_shot,
        "zero_shot_scores": score(items, predictions[zero_shot]) if zero_shot else None,
        "by_language": by_lang,
    }
    m, b = report["model_scores"], report["majority_baseline"]
    report["model_micro_f1"], report["model_macro_f1"] = m.get("micro_f1"), m.get("macro_f1")
    report["majority_micro_f1"], report["majority_macro_f1"] = b.get("micro_f1"), b.get("macro_f1")
    return report


def identify_markdown(report: dict[str, Any]) -> str:
    def f(x: Any) -> str:
        return "-" if x is None else f"{x:.3f}"

    lines = [f"# crisp eval identify: {report['model']}", "", f"Items: {report['items']}", "",
             "| system | micro F1 | macro F1 | exact match | any-distortion F1 | scored | failed |",
             "|---|---|---|---|---|---|---|"]
    systems = [("model " + report["model"], report["model_scores"]),
               (f"majority baseline ({report['majority_baseline']['label']})", report["majority_baseline"])]
    if report.get("zero_shot_scores"):
        systems.append(("zero-shot " + str(report["zero_shot_model"]), report["zero_shot_scores"]))
    for name, s in systems:
        lines.append(f"| {name} | {f(s.get('micro_f1'))} | {f(s.get('macro_f1'))} | {f(s.get('exact_match'))} | "
                     f"{f((s.get('binary') or {}).get('f1'))} | {s['items_scored']} | {s['items_failed']} |")
    per = report["model_scores"].get("per_distortion") or {}
    if per:
        lines += ["", "## Per distortion (model)", "", "| distortion | precision | recall | F1 | gold | predicted |",
                  "|---|---|---|---|---|---|"]
        for label, s in sorted(per.items()):
            lines.append(f"| {label} | {f(s['precision'])} | {f(s['recall'])} | {f(s['f1'])} | {s['support']} | "
                         f"{s['predicted']} |")
    confusion = report["model_scores"].get("confusion") or {}
    if confusion:
        cols = sorted({c for row in confusion.values() for c in row})
        lines += ["", "## Gold (rows) x predicted (columns), items", "", "| gold | " + " | ".join(cols) + " |",
                  "|---|" + "---|" * len(cols)]
        for g in sorted(confusion):
            lines.append(f"| {g} | " + " | ".join(str(confusion[g].get(c, 0)) for c in cols) + " |")
    return "\n".join(lines)
