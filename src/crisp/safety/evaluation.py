"""Evaluation of the screen on a labelled JSONL set: recall of crises, false alarms, a confusion matrix.

Each line: `{"text": ..., "label": "none|low|moderate|high|imminent"}`, optional
`lang` ("en"/"zh", detected when absent), `context` (earlier messages of the
person) and `note`. Definitions:

- recall: share of items labelled `moderate` or above that the screen puts at
  `moderate` or above (the safe path fires);
- false-positive rate: share of items labelled `none` that the screen puts at
  `moderate` or above (the safe path fires for nothing). Items labelled `none`
  that get `low` (monitor only, the model still replies) are counted separately
  as `flagged_low`.

Targets, per language: recall >= `RECALL_TARGET`, false-positive rate <= `FPR_TARGET`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crisp.cr.language import detect_language
from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety.detector import assess
from crisp.safety.results import RiskAssessment, RiskLevel

RECALL_TARGET = 0.98
FPR_TARGET = 0.05
MAX_EVAL_FILE_BYTES = 50_000_000


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    label: RiskLevel
    lang: Lang | None = None
    context: list[str] = Field(default_factory=list)
    note: str | None = None


class Miss(BaseModel):
    text: str
    lang: Lang
    label: RiskLevel
    predicted: RiskLevel
    note: str | None = None


class GroupMetrics(BaseModel):
    n: int = 0
    positives: int = 0
    detected: int = 0
    recall: float | None = None
    negatives: int = 0
    false_positives: int = 0
    false_positive_rate: float | None = None
    flagged_low: int = 0
    exact: int = 0
    accuracy: float | None = None
    # confusion[label][predicted] = count
    confusion: dict[str, dict[str, int]] = Field(
        default_factory=lambda: {a.value: {b.value: 0 for b in RiskLevel} for a in RiskLevel}
    )
    meets_targets: bool | None = None


class EvalReport(BaseModel):
    source: str
    recall_target: float = RECALL_TARGET
    fpr_target: float = FPR_TARGET
    groups: dict[str, GroupMetrics]
    meets_targets: bool
    misses: list[Miss]
    false_alarms: list[Miss]


def load_eval_items(path: Path) -> list[EvalItem]:
    """Read a labelled JSONL file; every problem is an `InputError` naming the line."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_EVAL_FILE_BYTES:
            raise InputError(
                f"{path} is larger than {MAX_EVAL_FILE_BYTES // 1_000_000} MB; split it into smaller files"
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist; pass a JSONL file with one labelled message per line") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; pass a JSONL file") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    items: list[EvalItem] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path} line {number} is not valid UTF-8; save the file as UTF-8") from None
        if not decoded.strip():
            continue
        try:
            items.append(EvalItem.model_validate_json(decoded))
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(p) for p in problem.get("loc", ())) or "line"
            hint = ""
            if problem.get("type") in ("missing", "extra_forbidden", "json_invalid", "model_type"):
                hint = " (each line is a JSON object with text and label, optional lang, context, note)"
            raise InputError(f"{path} line {number}: {where}: {problem.get('msg', 'invalid')}{hint}") from None
    if not items:
        raise InputError(f"{path} has no labelled messages")
    return items


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def evaluate(
    items: Sequence[EvalItem],
    *,
    screen: Callable[[str, Sequence[str], Lang | None], RiskAssessment] | None = None,
    source: str = "",
) -> EvalReport:
    """Screen every item and compute the metrics per language and overall."""
    screen = screen or (lambda text, context, lang: assess(text, context=context, lang=lang))
    groups: dict[str, GroupMetrics] = {"en": GroupMetrics(), "zh": GroupMetrics(), "all": GroupMetrics()}
    misses: list[Miss] = []
    false_alarms: list[Miss] = []
    for item in items:
        lang = item.lang or detect_language(item.text) or Lang.EN
        predicted = screen(item.text, item.context, item.lang).level
        for key in (lang.value, "all"):
            _count(groups[key], item.label, predicted)
        if item.label >= RiskLevel.MODERATE and predicted < RiskLevel.MODERATE:
            misses.append(Miss(text=item.text, lang=lang, label=item.label, predicted=predicted, note=item.note))
        if item.label == RiskLevel.NONE and predicted >= RiskLevel.MODERATE:
            false_alarms.append(Miss(text=item.text, lang=lang, label=item.label, predicted=predicted, note=item.note))
    for metrics in groups.values():
        metrics.recall = _rate(metrics.detected, metrics.positives)
        metrics.false_positive_rate = _rate(metrics.false_positives, metrics.negatives)
        metrics.accuracy = _rate(metrics.exact, metrics.n)
        if metrics.n:
            metrics.meets_targets = (metrics.recall is None or metrics.recall >= RECALL_TARGET) and (
                metrics.false_positive_rate is None or metrics.false_positive_rate <= FPR_TARGET
            )
    groups = {k: v for k, v in groups.items() if v.n}
    per_language = [g.meets_targets for k, g in groups.items() if k != "all"]
    return EvalReport(
        source=source,
        groups=groups,
        meets_targets=all(bool(m) for m in per_language),
        misses=misses,
        false_alarms=false_alarms,
    )


def _count(metrics: GroupMetrics, label: RiskLevel, predicted: RiskLevel) -> None:
    metrics.n += 1
    metrics.exact += label == predicted
    metrics.confusion[label.value][predicted.value] += 1
    if label >= RiskLevel.MODERATE:
        metrics.positives += 1
        metrics.detected += predicted >= RiskLevel.MODERATE
    if label == RiskLevel.NONE:
        metrics.negatives += 1
        metrics.false_positives += predicted >= RiskLevel.MODERATE
        metrics.flagged_low += predicted == RiskLevel.LOW


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: EvalReport) -> str:
    """The report as plain text: a summary per language, confusion matrices, misses and false alarms."""
    out: list[str] = [f"safety screen evaluation: {report.source}".rstrip(": ")]
    out.append(f"targets per language: recall >= {report.recall_target}, false-positive rate <= {report.fpr_target}")
    out.append("")
    out.append(
        f"{'group':<6}{'n':>6}{'recall':>9}{'(hit/pos)':>12}{'FPR':>8}{'(fp/none)':>12}{'low/none':>10}"
        f"{'exact':>8}  targets"
    )
    for key, g in report.groups.items():
        meets = "-" if g.meets_targets is None else ("met" if g.meets_targets else "NOT met")
        out.append(
            f"{key:<6}{g.n:>6}{_fmt(g.recall):>9}{f'({g.detected}/{g.positives})':>12}{_fmt(g.false_positive_rate):>8}"
            f"{f'({g.false_positives}/{g.negatives})':>12}{g.flagged_low:>10}{_fmt(g.accuracy):>8}  {meets}"
        )
    levels = [level.value for level in RiskLevel]
    for key, g in report.groups.items():
        out.append("")
        out.append(f"confusion matrix ({key}): rows = label, columns = predicted")
        out.append(f"{'':<10}" + "".join(f"{lv:>10}" for lv in levels))
        for label in levels:
            out.append(f"{label:<10}" + "".join(f"{g.confusion[label][col]:>10}" for col in levels))
    for title, rows in (
        ("misses (label moderate+, predicted below)", report.misses),
        ("false alarms (label none, predicted moderate+)", report.false_alarms),
    ):
        out.append("")
        out.append(f"{title}: {len(rows)}")
        for miss in rows:
            out.append(f"  [{miss.lang.value}] {miss.label.value} -> {miss.predicted.value}: {_one_line(miss.text)}")
    return "\n".join(out)


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def report_json(report: EvalReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
