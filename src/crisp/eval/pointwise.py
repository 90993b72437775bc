"""`crisp eval pointwise`: simulated clients talk to each model; judges rate six dimensions.

Each model under test is the counsellor of a conversation as a person meets it (the conversation
engine in model mode, with the safety layer: `crisp.eval.sessions`); turns the safety layer answered
or replaced are counted per session (`safety_turns`) and in the report.

Each judge answers one structured call per session: for every dimension a rationale,
then a 1-5 score, against written anchors (`prompts/{en,zh}/eval_anchors.txt`). The
report gives, per model x language x dimension, the mean over sessions (each session's
score is the mean over judges) with a 95% bootstrap CI, in the paper's layout (one
table per language, models as rows, six columns); with several judges, their agreement
(Krippendorff's alpha, interval, per dimension; quadratic weighted kappa per judge pair).

Every report carries the judge sanity check: a scripted good counsellor and a scripted
poor one (lecturing, invalidating, off-topic) in the same conversation; each judge must
rate the good one higher, and the margin is reported.

Not here: people's ratings (`export-human` / `import-human` are not built yet).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from crisp.cr.taxonomy import Lang
from crisp.errors import StructuredOutputError
from crisp.eval import stats
from crisp.eval.run import (
    ModelSet,
    RunFolder,
    WorkItem,
    finish,
    retry_params,
    run_items,
    self_preference_warnings,
)
from crisp.eval.sessions import (
    DEFAULT_REPLY_TOKENS,
    ClientSpec,
    render_transcript,
    safety_turns,
    simulate_session,
    transcript_lines,
)
from crisp.llm.base import GenerationParams, Message

DIMENSIONS: tuple[str, ...] = ("sensibleness", "specificity", "support", "helpfulness", "trustworthiness",
                               "overall_quality")
MAX_RATIONALE_CHARS = 200
JUDGE_PARAMS = GenerationParams(max_new_tokens=1024, temperature=0.0, seed=0)


class DimensionRating(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rationale: str = Field(max_length=MAX_RATIONALE_CHARS)
    score: int = Field(ge=1, le=5)


PointwiseRating: type[BaseModel] = create_model(
    "PointwiseRating", __config__=ConfigDict(extra="forbid"), **{d: (DimensionRating, ...) for d in DIMENSIONS}
)


@cache
def anchors(lang: Lang) -> dict[str, str]:
    from crisp.prompts import keyed_lines

    return keyed_lines("eval_anchors", lang)


def judge_messages(lines: list[dict[str, Any]], lang: Lang) -> list[Message]:
    from crisp.prompts import render

    block = "\n".join(f"- {d}: {anchors(lang)[d]}" for d in DIMENSIONS)
    return [Message(role="user", content=render("eval_pointwise", lang, transcript=render_transcript(lines, lang),
                                                anchors=block))]


async def rate(judge: Any, lines: list[dict[str, Any]], lang: Lang, attempt: int = 0) -> dict[str, int]:
    out = (await judge.structured(judge_messages(lines, lang), PointwiseRating, retry_params(JUDGE_PARAMS, attempt))).value
    return {d: getattr(out, d).score for d in DIMENSIONS}


@cache
def sanity_dialogues() -> dict[str, dict[str, list[str]]]:
    text = (resources.files("crisp.eval") / "data" / "sanity_dialogues.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def sanity_transcript(lang: Lang, which: str) -> list[dict[str, str]]:
    data = sanity_dialogues()[lang.value]
    lines: list[dict[str, str]] = []
    for client, counsellor in zip(data["client"], data[which]):
        lines += [{"role": "client", "text": client}, {"role": "counsellor", "text": counsellor}]
    return lines


@dataclass
class PointwiseOptions:
    models: list[str]
    judges: list[str]
    client: str = "default"
    seeds: str = "builtin"
    langs: list[str] = field(default_factory=lambda: ["en", "zh"])
    sessions: int = 3
    turns: int = 4
    limit: int | None = None
    concurrency: int = 4
    max_new_tokens: int = DEFAULT_REPLY_TOKENS


async def run_pointwise(folder: RunFolder, models: ModelSet, options: PointwiseOptions,
                        progress: Any = None) -> dict[str, Any]:
    from crisp.eval.sessions import choose_clients

    clients = choose_clients(options.seeds, options.langs, options.sessions)
    items = [WorkItem(f"session|{spec}|{c.key}", ("session", spec, c)) for c in clients for spec in options.models]
    if options.limit is not None:
        items = items[: options.limit]
    items += [WorkItem(f"sanity|{judge}|{lang}|{which}", ("sanity", judge, (Lang(lang), which)))
              for judge in options.judges for lang in options.langs for which in ("good", "poor")]
    folder.manifest.warnings = self_preference_warnings(options.judges, options.models)

    async def work(w: WorkItem, attempt: int) -> dict[str, Any]:
        kind, spec, what = w.payload
        if kind == "sanity":
            lang, which = what
            scores = await rate(models.get(spec, "judge"), sanity_transcript(lang, which), lang, attempt)
            return {"kind": "sanity", "judge": spec, "lang": lang.value, "which": which, "scores": scores}
        client: ClientSpec = what
        session = await simulate_session(models.get(spec, "under test"), models.get(options.client, "client"),
                                         client, options.turns, attempt=attempt,
                                         max_new_tokens=options.max_new_tokens)
        lines = transcript_lines(session)
        ratings: dict[str, dict[str, int]] = {}
        judge_failures: dict[str, str] = {}
        for judge in options.judges:
            try:
                ratings[judge] = await rate(models.get(judge, "judge"), lines, session.lang, attempt)
            except StructuredOutputError as error:
                judge_failures[judge] = " ".join(str(error).split())[:300]
        if not ratings:
            raise StructuredOutputError(f"no judge returned a valid rating: {judge_failures}")
        return {"kind": "session", "model": spec, "client": client.key, "lang": session.lang.value,
                "category": client.seed.category, "transcript": lines, "ratings": ratings,
                "judge_failures": judge_failures, "safety_turns": safety_turns(session)}

    await run_items(folder, items, work, concurrency=options.concurrency, progress=progress,
                    checkpoint=folder.write_manifest)
    finish(folder, models, [w.key for w in items])
    rows = [folder.row(w.key) for w in items]
    return pointwise_report([r for r in rows if r is not None], options)


def pointwise_report(rows: list[dict[str, Any]], options: PointwiseOptions) -> dict[str, Any]:
    sessions = [r for r in rows if r["kind"] == "session"]
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for lang in options.langs:
        tables[lang] = {}
        for spec in options.models:
            mine = [r for r in sessions if r["lang"] == lang and r["model"] == spec]
            tables[lang][spec] = {
                d: stats.bootstrap_ci([sum(j[d] for j in r["ratings"].values()) / len(r["ratings"]) for r in mine])
                .as_dict() for d in DIMENSIONS
            }
    agreement: dict[str, Any] = {}
    if len(options.judges) > 1:
        for d in DIMENSIONS:
            matrix = [[r["ratings"].get(j, {}).get(d) for r in sessions] for j in options.judges]
            pairs = {}
            for i, a in enumerate(options.judges):
                for b in options.judges[i + 1:]:
                    both = [(r["ratings"][a][d], r["ratings"][b][d]) for r in sessions
                            if a in r["ratings"] and b in r["ratings"]]
                    pairs[f"{a} vs {b}"] = stats.weighted_kappa([x for x, _ in both], [y for _, y in both]) \
                        if both else None
            agreement[d] = {"krippendorff_alpha_interval": stats.krippendorff_alpha(matrix), "weighted_kappa": pairs}
    sanity: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["kind"] == "sanity":
            entry = sanity.setdefault(r["judge"], {}).setdefault(r["lang"], {})
            entry[r["which"]] = r["scores"]
    for judge_entry in sanity.values():
        for entry in judge_entry.values():
            if "good" in entry and "poor" in entry:
                good, poor = entry["good"]["overall_quality"], entry["poor"]["overall_quality"]
                mean_margin = sum(entry["good"][d] - entry["poor"][d] for d in DIMENSIONS) / len(DIMENSIONS)
                entry.update(margin_overall=good - poor, margin_mean=mean_margin, passed=good > poor)
    judge_failures = sum(len(r.get("judge_failures") or {}) for r in sessions)
    safety = {spec: sum(r.get("safety_turns", 0) for r in sessions if r["model"] == spec) for spec in options.models}
    return {"task": "pointwise", "models": options.models, "judges": options.judges, "client": options.client,
            "dimensions": list(DIMENSIONS), "sessions": len(sessions), "turns": options.turns, "tables": tables,
            "agreement": agreement, "sanity": sanity, "judge_failures": judge_failures, "safety_turns": safety}


def pointwise_markdown(report: dict[str, Any]) -> str:
    def cell(ci: dict[str, Any]) -> str:
        if not ci["n"]:
            return "-"
        return f"{ci['estimate']:.2f} [{ci['low']:.2f}, {ci['high']:.2f}]"

    lines = ["# crisp eval pointwise", "", f"Judges: {', '.join(report['judges'])}. Client: {report['client']}. "
             f"Sessions rated: {report['sessions']} ({report['turns']} client turns each). Judge calls that broke the "
             f"schema after retries: {report['judge_failures']}.", "",
             "Simulated clients are a proxy for people; LLM judges are a proxy for human raters. Each model is "
             "the counsellor of the conversation engine with its safety layer, as a person meets it; turns the "
             "safety layer answered or replaced, per model: "
             + (", ".join(f"{spec} {n}" for spec, n in report.get("safety_turns", {}).items()) or "none") + "."]
    for lang, table in report["tables"].items():
        lines += ["", f"## {lang}: mean [95% bootstrap CI]", "",
                  "| model | " + " | ".join(d.replace("_", " ").title() for d in report["dimensions"]) + " | n |",
                  "|---|" + "---|" * (len(report["dimensions"]) + 1)]
        for spec, row in table.items():
            n = next(iter(row.values()))["n"]
            lines.append(f"| {spec} | " + " | ".join(cell(row[d]) for d in report["dimensions"]) + f" | {n} |")
    if report["agreement"]:
        lines += ["", "## Judge agreement", "", "| dimension | Krippendorff alpha | weighted kappa (pairs) |",
                  "|---|---|---|"]
        for d, a in report["agreement"].items():
            alpha = a["krippendorff_alpha_interval"]
            kappas = "; ".join(f"{k}: {'-' if v is None else f'{v:.2f}'}" for k, v in a["weighted_kappa"].items())
            lines.append(f"| {d} | {'-' if alpha is None else f'{alpha:.2f}'} | {kappas} |")
    lines += ["", "## Judge sanity check (scripted good vs poor counsellor, overall quality)", "",
              "| judge | lang | good | poor | margin | mean margin (6 dims) | passed |", "|---|---|---|---|---|---|---|"]
    for judge, by_lang in report["sanity"].items():
        for lang, e in by_lang.items():
            if "margin_overall" in e:
                lines.append(f"| {judge} | {lang} | {e['good']['overall_quality']} | {e['poor']['overall_quality']} | "
                             f"{e['margin_overall']:+d} | {e['margin_mean']:+.2f} | {'yes' if e['passed'] else 'NO'} |")
    return "\n".join(lines)


def pointwise_plots(path: Any, report: dict[str, Any]) -> None:
    from crisp.eval.report import bars_with_ci

    for lang, table in report["tables"].items():
        series = {spec: [(row[d]["estimate"], row[d]["low"], row[d]["high"]) for d in report["dimensions"]]
                  for spec, row in table.items()}
        bars_with_ci(path / f"pointwise_{lang}.png", f"Pointwise ratings ({lang})",
                     [d.replace("_", " ") for d in report["dimensions"]], series, "mean score (1-5)", (0, 5.2))
