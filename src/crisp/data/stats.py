"""`crisp data stats`: the paper's dataset figures for given data, beside Crisp's published ones.

How each figure is counted (every record that passes the schema counts; lines
that do not are skipped and their number reported, `crisp data validate` says why):

- dialogues: records, in total and per language (`record.language`).
- seed situations: distinct `seed.id`. Categories and subcategories: distinct
  `seed.category` and (category, `seed.subcategory`) pairs among those set.
- dialogues per situation: dialogues / seed situations.
- utterances: turns, client and counsellor alike, closing talk included; one turn
  is one utterance. Turns per dialogue: utterances / dialogues (also the median,
  min and max). The paper's 796,859 utterances over 22,063 dialogues (36.12 per
  dialogue) fits this reading.
- channels per dialogue: entries of `cognition.channels` (identified distortion
  channels), averaged over dialogues.
- loops per dialogue: `record.loops`, the highest loop number of any plan turn.
- strategies per counsellor turn: strategy labels per counsellor turn, i.e.
  sentences, since every sentence carries exactly one label. A turn of a
  Question and two Restatements counts 3. This is the reading that fits the
  paper's "every sentence carries one strategy ... 2.23 strategies per
  counsellor turn". Distinct strategies per counsellor turn (that turn counts 2)
  is reported beside it.
- distortion distribution: one count per identified channel, by its distortion.
  The paper's counts sum to 28,375, well under 2.94 channels x 22,063 dialogues
  (about 64,900), so it counted something it does not describe: compare shares,
  not raw counts.
- strategy distribution: one count per counsellor sentence, by its strategy.
- MTLD: per dialogue, over the words of all its turns (client and counsellor, in
  order; see `crisp.data.mtld` for the measure and the tokenization), then the mean
  over dialogues, per language. The figure for several languages is the mean of
  the per-language means weighted by their dialogue counts (the plain mean over
  dialogues when every dialogue is measured). Chinese word segmentation costs
  about 4 ms per dialogue, so by default MTLD is measured on a sample of at most
  `DEFAULT_MTLD_SAMPLE` dialogues per language: those whose record id has the
  smallest BLAKE2b hash, which depends neither on file order nor on chance (the
  same data gives the same sample). Smaller languages are measured in full;
  `mtld_sample=0` measures every dialogue. Group figures (`--by category`) use the
  dialogues of the sample that fall in the group; `mtld_dialogues` says how many.

Everything streams: records are tallied batch by batch (in worker processes for
large inputs) into counters whose size does not grow with the data, except the
set of seed ids; the MTLD sample is chosen in the same pass and measured in a
second, which reads only the sampled lines again.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from crisp.cr.schema import CounsellorTurn, CrispRecord
from crisp.cr.taxonomy import Distortion, Lang, Strategy, term
from crisp.data.files import Line, Problem, batched_lines, iter_lines, read_line_at
from crisp.data.options import DEFAULT_MTLD_SAMPLE, GroupBy
from crisp.data.workers import default_jobs, map_ordered
from crisp.errors import InputError

NO_CATEGORY = "(none)"

# The published figures of the Crisp dataset (Zhou et al., EMNLP 2025, Table 1 and
# section 4), the one place the toolkit keeps them. "turns_per_dialogue" is the
# paper's utterances / dialogues (it says "about 36").
PUBLISHED_CRISP: dict[str, Any] = {
    "dialogues": 22_063,
    "dialogues_en": 10_733,
    "dialogues_zh": 11_330,
    "seed_situations": 2_985,
    "categories": 10,
    "subcategories": 54,
    "dialogues_per_situation": 7.39,
    "utterances": 796_859,
    "turns_per_dialogue": 36.12,
    "channels_per_dialogue": 2.94,
    "loops_per_dialogue": 2.28,
    "strategies_per_counsellor_turn": 2.23,
    "mtld": 70.51,
    "mtld_esconv": 34.27,
    "teacher": "GPT-4o",
    # Share of dialogues (or seeds) each filter stage dropped, in percent.
    "filter_drops_percent": {"basic": 11.03, "safety (seed screening)": 29.8, "expert": 11.00},
    # Human audit of labels, percent accurate.
    "strategy_label_accuracy": 97.6,
    "distortion_label_accuracy": 85.5,
    "distortions": {
        Distortion.CATASTROPHIZING: 3_014,
        Distortion.ALL_OR_NOTHING_THINKING: 2_906,
        Distortion.OVERGENERALIZATION: 2_673,
        Distortion.PERSONALIZATION: 2_583,
        Distortion.MENTAL_FILTERING: 2_557,
        Distortion.FORTUNE_TELLING: 2_160,
        Distortion.MIND_READING: 1_972,
        Distortion.DISQUALIFYING_THE_POSITIVE: 1_955,
        Distortion.JUMPING_TO_CONCLUSIONS: 1_830,
        Distortion.EMOTIONAL_REASONING: 1_600,
        Distortion.SHOULD_STATEMENTS: 1_348,
        Distortion.COMPARING_AND_DESPAIRING: 1_155,
        Distortion.BLAMING: 1_047,
        Distortion.CONTROL_FALLACY: 931,
        Distortion.EXTERNAL_VALIDATION: 644,
    },
}


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    integer: bool = False


# The scalar figures, in display order.
FIGURES: tuple[Figure, ...] = (
    Figure("dialogues", "dialogues", integer=True),
    *(Figure(f"dialogues_{lang.value}", f"  {term_name}", integer=True)
      for lang, term_name in ((Lang.EN, "English"), (Lang.ZH, "Chinese"))),
    Figure("seed_situations", "seed situations", integer=True),
    Figure("categories", "situation categories", integer=True),
    Figure("subcategories", "situation subcategories", integer=True),
    Figure("dialogues_per_situation", "dialogues per situation"),
    Figure("utterances", "utterances (turns)", integer=True),
    Figure("turns_per_dialogue", "turns per dialogue (mean)"),
    Figure("turns_per_dialogue_median", "turns per dialogue (median)"),
    Figure("counsellor_turns", "counsellor turns", integer=True),
    Figure("channels_per_dialogue", "channels per dialogue"),
    Figure("loops_per_dialogue", "loops per dialogue"),
    Figure("strategies_per_counsellor_turn", "strategies per counsellor turn"),
    Figure("distinct_strategies_per_counsellor_turn", "distinct strategies per counsellor turn"),
    Figure("mtld", "lexical diversity (MTLD)"),
    Figure("mtld_dialogues", "  dialogues measured for MTLD", integer=True),
)


@dataclass
class Tally:
    """Counts over a set of dialogues; two tallies merge into the tally of their union."""

    dialogues: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    seeds: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    subcategories: set[tuple[str, str]] = field(default_factory=set)
    turns: int = 0
    turn_counts: Counter[int] = field(default_factory=Counter)  # turns in a dialogue -> dialogues
    counsellor_turns: int = 0
    sentences: int = 0
    distinct_strategies: int = 0
    channels: int = 0
    loops: int = 0
    distortions: Counter[str] = field(default_factory=Counter)
    strategies: Counter[str] = field(default_factory=Counter)
    end_reasons: Counter[str] = field(default_factory=Counter)
    models: Counter[str] = field(default_factory=Counter)  # "role: model spec" -> dialogues
    prompt_versions: Counter[str] = field(default_factory=Counter)
    mtld_sum: Counter[str] = field(default_factory=Counter)  # language -> sum of dialogue MTLDs
    mtld_count: Counter[str] = field(default_factory=Counter)  # language -> dialogues measured

    def add(self, record: CrispRecord) -> None:
        self.dialogues += 1
        self.languages[record.language.value] += 1
        seed = record.seed
        self.seeds.add(seed.id)
        if seed.category:
            self.categories.add(seed.category)
            if seed.subcategory:
                self.subcategories.add((seed.category, seed.subcategory))
        self.turns += len(record.turns)
        self.turn_counts[len(record.turns)] += 1
        for turn in record.turns:
            if isinstance(turn, CounsellorTurn):
                self.counsellor_turns += 1
                self.sentences += len(turn.sentences)
                labels = [s.strategy.value for s in turn.sentences]
                self.distinct_strategies += len(set(labels))
                self.strategies.update(labels)
        self.channels += len(record.cognition.channels)
        self.distortions.update(c.distortion.value for c in record.cognition.channels)
        self.loops += record.loops
        self.end_reasons[record.end_reason] += 1
        self.models.update(f"{role}: {spec}" for role, spec in sorted(record.provenance.models.items()))
        if record.provenance.prompt_version:
            self.prompt_versions[record.provenance.prompt_version] += 1

    def add_mtld(self, lang: str, value: float | None) -> None:
        if value is not None:
            self.mtld_sum[lang] += value
            self.mtld_count[lang] += 1

    def merge(self, other: Tally) -> Tally:
        self.dialogues += other.dialogues
        self.seeds |= other.seeds
        self.categories |= other.categories
        self.subcategories |= other.subcategories
        for name in ("turns", "counsellor_turns", "sentences", "distinct_strategies", "channels", "loops"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("languages", "turn_counts", "distortions", "strategies", "end_reasons", "models",
                     "prompt_versions", "mtld_sum", "mtld_count"):
            getattr(self, name).update(getattr(other, name))
        return self

    # -- figures -----------------------------------------------------------------
    def mtld_by_language(self) -> dict[str, float]:
        return {lang: self.mtld_sum[lang] / n for lang, n in sorted(self.mtld_count.items()) if n}

    def mtld(self) -> float | None:
        means = self.mtld_by_language()
        weights = {lang: self.languages[lang] for lang in means}
        total = sum(weights.values())
        if not total:
            return None
        return sum(means[lang] * weights[lang] for lang in means) / total

    def figures(self) -> dict[str, Any]:
        """The scalar figures of `FIGURES` (None where there is nothing to count)."""
        n = self.dialogues
        return {
            "dialogues": n,
            **{f"dialogues_{lang.value}": self.languages[lang.value] for lang in Lang},
            "seed_situations": len(self.seeds),
            "categories": len(self.categories),
            "subcategories": len(self.subcategories),
            "dialogues_per_situation": _ratio(n, len(self.seeds)),
            "utterances": self.turns,
            "turns_per_dialogue": _ratio(self.turns, n),
            "turns_per_dialogue_median": _median_from_counts(self.turn_counts),
            "turns_per_dialogue_min": min(self.turn_counts, default=None),
            "turns_per_dialogue_max": max(self.turn_counts, default=None),
            "counsellor_turns": self.counsellor_turns,
            "channels_per_dialogue": _ratio(self.channels, n),
            "loops_per_dialogue": _ratio(self.loops, n),
            "strategies_per_counsellor_turn": _ratio(self.sentences, self.counsellor_turns),
            "distinct_strategies_per_counsellor_turn": _ratio(self.distinct_strategies, self.counsellor_turns),
            "mtld": self.mtld(),
            "mtld_by_language": self.mtld_by_language(),
            "mtld_dialogues": sum(self.mtld_count.values()),
        }

    def distortion_counts(self) -> dict[Distortion, int]:
        return {d: self.distortions[d.value] for d in Distortion}

    def strategy_counts(self) -> dict[Strategy, int]:
        return {s: self.strategies[s.value] for s in Strategy}

    def to_json(self) -> dict[str, Any]:
        return {
            **self.figures(),
            "distortions": {d.value: c for d, c in self.distortion_counts().items()},
            "strategies": {s.value: c for s, c in self.strategy_counts().items()},
            "turns_histogram": {str(k): self.turn_counts[k] for k in sorted(self.turn_counts)},
            "end_reasons": dict(sorted(self.end_reasons.items())),
            "models": dict(sorted(self.models.items())),
            "prompt_versions": dict(sorted(self.prompt_versions.items())),
        }


def _ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def _median_from_counts(counts: Counter[int]) -> float | None:
    total = sum(counts.values())
    if not total:
        return None
    seen = 0
    ordered = sorted(counts)
    for i, value in enumerate(ordered):
        seen += counts[value]
        if seen * 2 > total:
            return float(value)
        if seen * 2 == total:
            return (value + ordered[i + 1]) / 2
    return float(ordered[-1])


@dataclass
class DatasetStats:
    """The tallies of one `collect_stats` run."""

    files: list[str]
    by_language: dict[str, Tally]
    by_category: dict[str, Tally] | None = None
    skipped_lines: int = 0
    first_skipped: str | None = None  # "file:line" of the first line that is not a record
    mtld_sample: int = DEFAULT_MTLD_SAMPLE

    @cached_property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_language.values():
            total.merge(tally)
        return total

    def groups(self, by: GroupBy | None) -> dict[str, Tally]:
        if by is GroupBy.LANG:
            return dict(self.by_language)
        if by is GroupBy.CATEGORY:
            return dict(self.by_category or {})
        return {}

    def to_json(self, by: GroupBy | None = None) -> dict[str, Any]:
        published = dict(PUBLISHED_CRISP)
        published["distortions"] = {d.value: c for d, c in PUBLISHED_CRISP["distortions"].items()}
        out: dict[str, Any] = {
            "files": self.files,
            "skipped_lines": self.skipped_lines,
            "mtld_sample_per_language": self.mtld_sample or None,
            "all": self.overall.to_json(),
        }
        if by is not None:
            out["by"] = by.value
            out["groups"] = {key: tally.to_json() for key, tally in self.groups(by).items()}
        out["published_crisp"] = published
        return out


# ---------------------------------------------------------------------------
# Collecting
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sampled:
    """One dialogue considered for the MTLD sample."""

    key: int  # BLAKE2b of the record id
    file_index: int
    offset: int
    lang: str
    category: str


def sample_key(record_id: str) -> int:
    return int.from_bytes(hashlib.blake2b(record_id.encode("utf-8"), digest_size=8).digest(), "big")


def _category(record: CrispRecord) -> str:
    return record.seed.category or NO_CATEGORY


@dataclass
class _BatchTally:
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_category: dict[str, Tally] = field(default_factory=dict)
    candidates: list[_Sampled] = field(default_factory=list)
    skipped: int = 0
    first_skipped: int | None = None  # line number


def _tally_batch(job: tuple[int, list[Line | Problem], bool]) -> tuple[int, _BatchTally]:
    from crisp.data.records import parse_line

    file_index, items, by_category = job
    out = _BatchTally()
    for item in items:
        record = parse_line(item.data) if isinstance(item, Line) else None
        if record is None:
            out.skipped += 1
            if out.first_skipped is None:
                out.first_skipped = item.number if isinstance(item, Line) else item.line
            continue
        lang, category = record.language.value, _category(record)
        out.by_language.setdefault(lang, Tally()).add(record)
        if by_category:
            out.by_category.setdefault(category, Tally()).add(record)
        out.candidates.append(_Sampled(sample_key(record.id), file_index, item.offset, lang, category))
    return file_index, out


class _Sample:
    """The `size` dialogues per language with the smallest keys (all of them when size is 0)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._heaps: dict[str, list[tuple[int, int, int, _Sampled]]] = {}

    def offer(self, item: _Sampled) -> None:
        heap = self._heaps.setdefault(item.lang, [])
        entry = (-item.key, -item.file_index, -item.offset, item)  # a max-heap of the kept keys
        if not self.size or len(heap) < self.size:
            heapq.heappush(heap, entry)
        elif entry > heap[0]:
            heapq.heapreplace(heap, entry)

    def items(self) -> list[_Sampled]:
        chosen = [entry[3] for heap in self._heaps.values() for entry in heap]
        return sorted(chosen, key=lambda s: (s.file_index, s.offset))


def _measure_batch(job: list[tuple[str, _Sampled]]) -> list[tuple[_Sampled, float | None]]:
    from crisp.data.mtld import dialogue_mtld

    out = []
    for path, item in job:
        record = CrispRecord.model_validate_json(read_line_at(path, item.offset))
        out.append((item, dialogue_mtld(record)))
    return out


def _tally_jobs(paths: list[Path], by_category: bool) -> Iterator[tuple[int, list[Line | Problem], bool]]:
    for index, path in enumerate(paths):
        for batch in batched_lines(_lines_or_fail(path)):
            yield index, batch, by_category


def _lines_or_fail(path: Path) -> Iterator[Line | Problem]:
    for item in iter_lines(path):
        if isinstance(item, Problem) and item.line is None:
            raise InputError(str(item))
        yield item


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def collect_stats(
    paths: Iterable[Path | str],
    by_category: bool = False,
    mtld_sample: int = DEFAULT_MTLD_SAMPLE,
    jobs: int | None = None,
) -> DatasetStats:
    """Tally every record of `paths`; lines that are not records are skipped and counted.

    A file that gives no records at all (missing, a folder, empty, not UTF-8) raises `InputError`.
    """
    paths = [Path(p) for p in paths]
    jobs = default_jobs(paths) if jobs is None else jobs
    stats = DatasetStats([str(p) for p in paths], {}, {} if by_category else None, mtld_sample=mtld_sample)
    sample = _Sample(mtld_sample)
    for file_index, part in map_ordered(_tally_batch, _tally_jobs(paths, by_category), jobs):
        for lang, tally in part.by_language.items():
            stats.by_language.setdefault(lang, Tally()).merge(tally)
        for category, tally in part.by_category.items():
            stats.by_category.setdefault(category, Tally()).merge(tally)  # type: ignore[union-attr]
        for item in part.candidates:
            sample.offer(item)
        if part.skipped and stats.first_skipped is None:
            stats.first_skipped = f"{paths[file_index]}:{part.first_skipped}"
        stats.skipped_lines += part.skipped
    measure_jobs = _chunks([(str(paths[s.file_index]), s) for s in sample.items()], 64)
    for results in map_ordered(_measure_batch, measure_jobs, jobs):
        for item, value in results:
            stats.by_language[item.lang].add_mtld(item.lang, value)
            if stats.by_category is not None:
                stats.by_category[item.category].add_mtld(item.lang, value)
    stats.by_language = dict(sorted(stats.by_language.items()))
    if stats.by_category is not None:
        stats.by_category = dict(sorted(stats.by_category.items()))
    return stats


# ---------------------------------------------------------------------------
# Showing
# ---------------------------------------------------------------------------


def format_value(value: Any, integer: bool = False) -> str:
    if value is None:
        return "-"
    if integer or isinstance(value, int):
        return f"{int(value):,}"
    return f"{value:,.2f}"


def figure_rows(stats: DatasetStats, by: GroupBy | None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the figures table: figure, all, each group, published."""
    groups = stats.groups(by)
    columns = {"all": stats.overall, **groups}
    figures = {name: tally.figures() for name, tally in columns.items()}
    header = ["figure", *columns, "Crisp (published)"]
    rows = []
    for fig in FIGURES:
        published = PUBLISHED_CRISP.get(fig.key)
        rows.append([
            fig.label,
            *(format_value(figures[name][fig.key], fig.integer) for name in columns),
            format_value(published, fig.integer) if published is not None else "",
        ])
    return header, rows


def distribution_rows(stats: DatasetStats, by: GroupBy | None, kind: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the distortion or strategy distribution: count and share per column."""
    groups = stats.groups(by)
    columns = {"all": stats.overall, **groups}
    if kind == "distortions":
        counts = {name: t.distortion_counts() for name, t in columns.items()}
        members: list[Any] = list(Distortion)
        published: dict[Any, int] = PUBLISHED_CRISP["distortions"]
    else:
        counts = {name: t.strategy_counts() for name, t in columns.items()}
        members = list(Strategy)
        published = {}
    totals = {name: sum(c.values()) for name, c in counts.items()}
    header = ["distortion" if kind == "distortions" else "strategy"]
    for name in columns:
        header += [name, "%"]
    if published:
        header += ["Crisp (published)", "%"]
    pub_total = sum(published.values())
    rows = []
    for member in members:
        row = [term(member).name_en]
        for name in columns:
            count = counts[name][member]
            row += [f"{count:,}", _share(count, totals[name])]
        if published:
            row += [f"{published[member]:,}", _share(published[member], pub_total)]
        rows.append(row)
    return header, rows


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}" if total else "-"


def render_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def render_text(stats: DatasetStats, by: GroupBy | None = None) -> str:
    overall = stats.overall
    parts = [
        f"{overall.dialogues:,} dialogues in {len(stats.files)} file{'s' if len(stats.files) != 1 else ''}"
    ]
    if stats.skipped_lines:
        parts[0] += (
            f"; {stats.skipped_lines:,} line{'s' if stats.skipped_lines != 1 else ''} skipped, not valid records "
            f"(first at {stats.first_skipped}; run `crisp data validate` for details)"
        )
    mtld_n = sum(overall.mtld_count.values())
    if stats.mtld_sample and mtld_n < overall.dialogues:
        parts.append(
            f"MTLD measured on {mtld_n:,} of {overall.dialogues:,} dialogues "
            f"(at most {stats.mtld_sample:,} per language, chosen by record-id hash; --mtld-sample 0 for all)"
        )
    parts.append("")
    parts.append(render_table(*figure_rows(stats, by)))
    parts.append("")
    parts.append("Distortions (one per identified channel; compare shares with Crisp, not counts)")
    parts.append(render_table(*distribution_rows(stats, by, "distortions")))
    parts.append("")
    parts.append("Strategies (one per counsellor sentence)")
    parts.append(render_table(*distribution_rows(stats, by, "strategies")))
    return "\n".join(parts)


__all__ = [
    "DEFAULT_MTLD_SAMPLE",
    "FIGURES",
    "PUBLISHED_CRISP",
    "DatasetStats",
    "Figure",
    "GroupBy",
    "Tally",
    "collect_stats",
    "distribution_rows",
    "figure_rows",
    "render_table",
    "render_text",
    "sample_key",
]
