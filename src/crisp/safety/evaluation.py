"""Evaluation of the screen on a labelled JSONL set: recall of crises, false alarms, a confusion matrix.

Each line: `{"text": ..., "label": "none|low|moderate|high|imminent"}`, optional
`lang` ("en"/"zh", detected when absent), `context` (earlier messages of the
person) and `note`. The real-text sets (`../shared/eval-data/`) are read as they
are, with these fields used in scoring:

- `label_range` [lo, hi]: the levels a clinician would accept given only the source
  label. An item whose range crosses the moderate line (lo below `moderate`, hi at or
  above it) says nothing about the safe path: it is left out of recall and false
  alarms and counted as `unclear`. Without a range, the range is the label alone.
- `posts`: a per-user label. The user's level is the highest level the screen gives
  any one of the posts (each post screened on its own).
- `source`, `data_source`: the same metrics again per value (`by_source`, `by_data_source`).

Definitions, over items whose range does not cross the moderate line:

- recall: share of items at `moderate` or above that the screen puts at `moderate`
  or above (the safe path fires);
- false-positive rate: share of items labelled `none` that the screen puts at
  `moderate` or above (the safe path fires for nothing). Items labelled `none`
  that get `low` (monitor only, the model still replies) are counted as `flagged_low`;
- in range: share of all items whose predicted level lies inside `label_range`.

Targets are given per run (`min_recall`, `max_false_alarms`); a group meets them when
every given target holds. `RECALL_TARGET` and `FPR_TARGET` are the team's targets for
its own LLM-written sets, used by their tests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crisp.cr.language import detect_language
from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety.results import RiskAssessment, RiskLevel, max_level

RECALL_TARGET = 0.98
FPR_TARGET = 0.05
MAX_EVAL_FILE_BYTES = 50_000_000
DEFAULT_MISSES_SHOWN = 20

# A screen: (text, earlier turns of the person, language or None) -> assessment.
Screen = Callable[[str, Sequence[str], Lang | None], RiskAssessment]


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    label: RiskLevel
    lang: Lang | None = None
    context: list[str] = Field(default_factory=list)
    note: str | None = None
    label_range: tuple[RiskLevel, RiskLevel] | None = None
    posts: list[str] | None = None
    source: str | None = None
    data_source: str | None = None
    # Fields of the real-text sets, read so their files load as they are; scoring does not use them.
    source_label: str | int | list[str] | None = None
    source_idx: int | None = None
    split: str | None = None
    truncated: bool | None = None
    ambiguous_mapping: bool | None = None
    label_level: str | None = None
    user: str | None = None
    n_posts: int | None = None

    @model_validator(mode="after")
    def _range_holds_label(self) -> EvalItem:
        if self.label_range is not None:
            lo, hi = self.label_range
            if lo > hi:
                raise ValueError(f"label_range [{lo.value}, {hi.value}] is reversed; write [lowest, highest]")
        if self.posts is not None and not self.posts:
            raise ValueError("posts is empty; leave it out or give the user's posts")
        return self

    @property
    def range(self) -> tuple[RiskLevel, RiskLevel]:
        return self.label_range or (self.label, self.label)

    @property
    def binary(self) -> bool | None:
        """True: the safe path should fire; False: it should not; None: the range crosses the moderate line."""
        lo, hi = self.range
        if lo >= RiskLevel.MODERATE:
            return True
        if hi < RiskLevel.MODERATE:
            return False
        return None


class Miss(BaseModel):
    text: str
    lang: Lang
    label: RiskLevel
    predicted: RiskLevel
    label_range: tuple[RiskLevel, RiskLevel] | None = None
    source: str | None = None
    data_source: str | None = None
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
    # Items whose label_range crosses the moderate line: out of recall and false alarms.
    unclear: int = 0
    unclear_flagged: int = 0
    in_range: int = 0
    in_range_accuracy: float | None = None
    exact: int = 0
    accuracy: float | None = None
    # confusion[label][predicted] = count
    confusion: dict[str, dict[str, int]] = Field(
        default_factory=lambda: {a.value: {b.value: 0 for b in RiskLevel} for a in RiskLevel}
    )
    meets_targets: bool | None = None


class EvalReport(BaseModel):
    source: str
    recall_target: float | None = None
    fpr_target: float | None = None
    stages: list[str] = Field(default_factory=lambda: ["rules"])
    groups: dict[str, GroupMetrics]
    by_source: dict[str, GroupMetrics] = Field(default_factory=dict)
    by_data_source: dict[str, GroupMetrics] = Field(default_factory=dict)
    # Items scored as the maximum over their `posts` (per-user labels).
    scored_per_user: int = 0
    meets_targets: bool | None
    misses_total: int = 0
    false_alarms_total: int = 0
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
                hint = " (each line is a JSON object with text and label, optional lang, context, note, label_range, posts)"
            message = " ".join(str(problem.get("msg", "invalid")).split())
            raise InputError(f"{path} line {number}: {where}: {message}{hint}") from None
    if not items:
        raise InputError(f"{path} has no labelled messages")
    return items


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def rules_screen(text: str, context: Sequence[str], lang: Lang | None) -> RiskAssessment:
    from crisp.safety.detector import assess

    return assess(text, context=context, lang=lang)


def predict(item: EvalItem, screen: Screen) -> RiskLevel:
    """The screen's level for an item: per user, the highest level over its posts."""
    if item.posts:
        return max_level(*(screen(post, (), item.lang).level for post in item.posts))
    return screen(item.text, item.context, item.lang).level


def evaluate(
    items: Sequence[EvalItem],
    *,
    screen: Screen | None = None,
    source: str = "",
    min_recall: float | None = None,
    max_false_alarms: float | None = None,
    misses_shown: int | None = None,
    stages: Sequence[str] = ("rules",),
) -> EvalReport:
    """Screen every item and compute the metrics per language, overall, and per source and data source.

    `misses_shown` caps the misses and false alarms kept in the report (None keeps all).
    """
    screen = screen or rules_screen
    groups: dict[str, GroupMetrics] = {"en": GroupMetrics(), "zh": GroupMetrics(), "all": GroupMetrics()}
    by_source: dict[str, GroupMetrics] = {}
    by_data_source: dict[str, GroupMetrics] = {}
    misses: list[Miss] = []
    false_alarms: list[Miss] = []
    per_user = 0
    for item in items:
        lang = item.lang or detect_language(item.text) or Lang.EN
        predicted = predict(item, screen)
        per_user += bool(item.posts)
        targets = [groups[lang.value], groups["all"]]
        if item.source is not None:
            targets.append(by_source.setdefault(item.source, GroupMetrics()))
        if item.data_source is not None:
            targets.append(by_data_source.setdefault(item.data_source, GroupMetrics()))
        for metrics in targets:
            _count(metrics, item, predicted)
        flagged = predicted >= RiskLevel.MODERATE
        if item.binary is True and not flagged:
            misses.append(_miss(item, lang, predicted))
        if item.binary is False and flagged:
            false_alarms.append(_miss(item, lang, predicted))
    for metrics in (*groups.values(), *by_source.values(), *by_data_source.values()):
        _finish(metrics, min_recall, max_false_alarms)
    groups = {k: v for k, v in groups.items() if v.n}
    per_language = [g.meets_targets for k, g in groups.items() if k != "all"]
    given = min_recall is not None or max_false_alarms is not None
    return EvalReport(
        source=source,
        recall_target=min_recall,
        fpr_target=max_false_alarms,
        stages=list(stages),
        groups=groups,
        by_source=by_source,
        by_data_source=by_data_source,
        scored_per_user=per_user,
        meets_targets=all(bool(m) for m in per_language) if given else None,
        misses_total=len(misses),
        false_alarms_total=len(false_alarms),
        misses=misses if misses_shown is None else misses[:misses_shown],
        false_alarms=false_alarms if misses_shown is None else false_alarms[:misses_shown],
    )


def _miss(item: EvalItem, lang: Lang, predicted: RiskLevel) -> Miss:
    return Miss(
        text=item.text,
        lang=lang,
        label=item.label,
        predicted=predicted,
        label_range=item.label_range,
        source=item.source,
        data_source=item.data_source,
        note=item.note,
    )


def _count(metrics: GroupMetrics, item: EvalItem, predicted: RiskLevel) -> None:
    label = item.label
    lo, hi = item.range
    metrics.n += 1
    metrics.exact += label == predicted
    metrics.in_range += lo <= predicted <= hi
    metrics.confusion[label.value][predicted.value] += 1
    flagged = predicted >= RiskLevel.MODERATE
    if item.binary is None:
        metrics.unclear += 1
        metrics.unclear_flagged += flagged
        return
    if item.binary:
        metrics.positives += 1
        metrics.detected += flagged
    if label == RiskLevel.NONE:
        metrics.negatives += 1
        metrics.false_positives += flagged
        metrics.flagged_low += predicted == RiskLevel.LOW


def _finish(metrics: GroupMetrics, min_recall: float | None, max_false_alarms: float | None) -> None:
    metrics.recall = _rate(metrics.detected, metrics.positives)
    metrics.false_positive_rate = _rate(metrics.false_positives, metrics.negatives)
    metrics.accuracy = _rate(metrics.exact, metrics.n)
    metrics.in_range_accuracy = _rate(metrics.in_range, metrics.n)
    if metrics.n and (min_recall is not None or max_false_alarms is not None):
        metrics.meets_targets = (
            min_recall is None or metrics.recall is None or metrics.recall >= min_recall
        ) and (max_false_alarms is None or metrics.false_positive_rate is None or metrics.false_positive_rate <= max_false_alarms)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _table(title: str, groups: dict[str, GroupMetrics]) -> list[str]:
    width = max([6, *(len(key) + 2 for key in groups)])
    out = [
        title,
        (
            f"{'':<{width}}{'n':>6}{'recall':>9}{'(hit/pos)':>12}{'FPR':>8}{'(fp/none)':>12}{'low/none':>10}"
            f"{'unclear':>9}{'in-range':>10}{'exact':>8}  targets"
        ),
    ]
    for key, g in groups.items():
        meets = "-" if g.meets_targets is None else ("met" if g.meets_targets else "NOT met")
        out.append(
            f"{key:<{width}}{g.n:>6}{_fmt(g.recall):>9}{f'({g.detected}/{g.positives})':>12}"
            f"{_fmt(g.false_positive_rate):>8}{f'({g.false_positives}/{g.negatives})':>12}{g.flagged_low:>10}"
            f"{g.unclear:>9}{_fmt(g.in_range_accuracy):>10}{_fmt(g.accuracy):>8}  {meets}"
        )
    return out


def format_report(report: EvalReport) -> str:
    """The report as plain text: summaries per language and source, confusion matrices, misses and false alarms."""
    out: list[str] = [f"safety screen evaluation: {report.source}".rstrip(": ")]
    out.append(f"stages: {', '.join(report.stages)}")
    if report.recall_target is not None or report.fpr_target is not None:
        out.append(
            f"targets per language: recall >= {_fmt(report.recall_target)}, false-positive rate <= {_fmt(report.fpr_target)}"
        )
    if report.scored_per_user:
        out.append(f"{report.scored_per_user} items scored per user (highest level over their posts)")
    out.append("")
    out.extend(_table("by language", report.groups))
    for title, table in (("by source", report.by_source), ("by data source", report.by_data_source)):
        if table:
            out.append("")
            out.extend(_table(title, table))
    levels = [level.value for level in RiskLevel]
    for key, g in report.groups.items():
        out.append("")
        out.append(f"confusion matrix ({key}): rows = label, columns = predicted")
        out.append(f"{'':<10}" + "".join(f"{lv:>10}" for lv in levels))
        for label in levels:
            out.append(f"{label:<10}" + "".join(f"{g.confusion[label][col]:>10}" for col in levels))
    for title, rows, total in (
        ("misses (label moderate+, predicted below)", report.misses, report.misses_total),
        ("false alarms (label below moderate, predicted moderate+)", report.false_alarms, report.false_alarms_total),
    ):
        out.append("")
        shown = f" (showing {len(rows)})" if len(rows) < total else ""
        out.append(f"{title}: {total}{shown}")
        for miss in rows:
            out.append(f"  [{miss.lang.value}] {miss.label.value} -> {miss.predicted.value}: {_one_line(miss.text)}")
    return "\n".join(out)


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def report_json(report: EvalReport) -> str:
    return json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)
