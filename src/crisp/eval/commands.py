"""`crisp eval ...`: parse flags, delegate to the eval modules, print a summary. Heavy imports inside."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import typer

app = typer.Typer(
    help="Evaluate counselling models: distortion identification, judged sessions, A/B preference.",
    no_args_is_help=True,
    add_completion=False,
)

OUT_HELP = "Run folder (manifest.json, rows.jsonl, cache.sqlite, report.json, report.md, plots); rerun to resume."
LIMIT_HELP = "Only the first N items (a smoke run)."
PRICE_HELP = "Cost of a model: SPEC=IN,OUT in USD per million input and output tokens; repeatable."


def _check_limit(limit: int | None) -> None:
    from crisp.errors import ConfigError

    if limit is not None and limit < 1:
        raise ConfigError(f"--limit {limit}: give a positive number of items")


def _run(out: Path, command: str, config: dict[str, Any], prices: list[str], concurrency: int, progress: bool,
         body: Callable[[Any, Any, Any], Awaitable[tuple[dict[str, Any], str]]]) -> Any:
    """Open the run folder, load models lazily, run `body(folder, models, progress)`, write the report."""
    from crisp.eval.run import ModelSet, ProgressBar, RunFolder, parse_prices

    price_table = parse_prices(prices)
    folder = RunFolder(out, command, config)
    models = ModelSet(cache=folder.cache, prices=price_table, concurrency=concurrency)
    bar = ProgressBar(command) if progress else None

    async def go() -> tuple[dict[str, Any], str]:
        try:
            return await body(folder, models, bar.update if bar else None)
        finally:
            await models.aclose()

    try:
        report, markdown = asyncio.run(go())
    except KeyboardInterrupt:
        from crisp.manifest import RunStatus

        folder.manifest.status = RunStatus.INTERRUPTED
        folder.record_usage(models)
        folder.write_manifest()
        typer.echo(f"interrupted: finished items are kept in {out}; rerun the same command to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        if bar is not None:
            bar.close()
        folder.close()
    report = {**report, "manifest": folder.manifest.model_dump(mode="json")}
    folder.write_report(report, markdown + _usage_markdown(folder))
    counts = folder.manifest.counts
    typer.echo(f"{command}: {counts.done} of {counts.items} items done, {counts.failed} failed "
               f"({folder.manifest.status}); report: {out / 'report.md'}")
    for warning in folder.manifest.warnings:
        typer.echo(f"warning: {warning}", err=True)
    return report


def _usage_markdown(folder: Any) -> str:
    m = folder.manifest
    lines = ["", "", "## Run", "", f"Status: {m.status}. Items: {m.counts.items}, done {m.counts.done}, "
             f"failed {m.counts.failed}, cache hits this invocation {m.counts.cache_hits}.", "",
             "| model | roles | prompt tokens | completion tokens | calls | cost (USD) |", "|---|---|---|---|---|---|"]
    for spec, u in m.usage.items():
        cost = "-" if u.cost_usd is None else f"{u.cost_usd:.4f}"
        lines.append(f"| {spec} | {', '.join(u.roles)} | {u.prompt_tokens} | {u.completion_tokens} | {u.calls} | {cost} |")
    lines += ["", "Versions: " + ", ".join(f"{k} {v}" for k, v in m.versions.items())]
    for warning in m.warnings:
        lines.append(f"\n**Warning:** {warning}")
    return "\n".join(lines)


@app.command("identify")
def identify_command(
    model: str = typer.Option(..., "--model", help="Model spec under test (e.g. default, gguf:PATH, URL#MODEL)."),
    set_path: str = typer.Option("builtin", "--set", help="Labelled JSONL (text, lang, distortions) or 'builtin'."),
    zero_shot: str = typer.Option("default", "--zero-shot-model",
                                  help="Embedded model run zero-shot beside it in the same run; 'none' to skip."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help=LIMIT_HELP),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Items in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Distortion identification: micro/macro F1, per-distortion P/R, majority baseline, zero-shot."""
    from crisp.eval.identify import (
        IdentifyOptions,
        identify_markdown,
        load_set,
        run_identify,
    )

    _check_limit(limit)
    load_set(set_path)  # a bad or empty set fails here, before any model loads
    options = IdentifyOptions(model=model, set_path=set_path,
                              zero_shot_model=None if zero_shot.lower() == "none" else zero_shot,
                              limit=limit, concurrency=concurrency)
    config = {"model": model, "set": str(Path(set_path).resolve()) if set_path != "builtin" else "builtin",
              "zero_shot_model": options.zero_shot_model, "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_identify(folder, models, options, progress=bar)
        _identify_plot(folder.path, report)
        return report, identify_markdown(report)

    _run(out, "eval identify", config, price, concurrency, progress, body)


def _identify_plot(path: Path, report: dict[str, Any]) -> None:
    from crisp.eval.report import bars_with_ci

    systems = {"model": report["model_scores"], "majority": report["majority_baseline"]}
    if report.get("zero_shot_scores"):
        systems["zero-shot"] = report["zero_shot_scores"]
    series = {name: [(s.get(k) or 0.0, s.get(k) or 0.0, s.get(k) or 0.0) for k in ("micro_f1", "macro_f1")]
              for name, s in systems.items()}
    bars_with_ci(path / "identify_f1.png", "Distortion identification", ["micro F1", "macro F1"], series, "F1",
                 (0, 1))


def _langs(value: str) -> list[str]:
    from crisp.errors import ConfigError

    langs = [x.strip().lower() for x in value.split(",") if x.strip()]
    if not langs or any(lang not in ("en", "zh") for lang in langs):
        raise ConfigError(f"--lang {value!r}: use en, zh or en,zh")
    return langs


@app.command("pointwise")
def pointwise_command(
    model: list[str] = typer.Option(..., "--model", help="Model spec under test; repeat for several models."),
    judge: list[str] = typer.Option(..., "--judge", help="Judge model spec; repeat for several judges."),
    client: str = typer.Option("default", "--client", help="Model spec that plays the simulated clients."),
    seeds: str = typer.Option("builtin", "--seeds", help="Seed file (.jsonl/.csv) or 'builtin'."),
    sessions: int = typer.Option(3, "--sessions", min=1, help="Simulated clients per language."),
    turns: int = typer.Option(4, "--turns", min=1, max=60, help="Client turns per session."),
    lang: str = typer.Option("en,zh", "--lang", help="Languages: en, zh or en,zh (one table each)."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N sessions (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Sessions in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=32768,
                                       help="Longest reply of a model under test, in tokens."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Judged sessions: six dimensions, 1-5, mean and 95% CI per model x language; judge sanity check."""
    from crisp.eval.pointwise import (
        PointwiseOptions,
        pointwise_markdown,
        pointwise_plots,
        run_pointwise,
    )

    _check_limit(limit)
    options = PointwiseOptions(models=list(dict.fromkeys(model)), judges=list(dict.fromkeys(judge)), client=client,
                               seeds=seeds, langs=_langs(lang), sessions=sessions, turns=turns, limit=limit,
                               concurrency=concurrency, max_new_tokens=max_new_tokens)
    config = {"max_new_tokens": max_new_tokens, "models": options.models, "judges": options.judges, "client": client,
              "seeds": seeds if seeds == "builtin" else str(Path(seeds).resolve()), "langs": options.langs,
              "sessions": sessions, "turns": turns, "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_pointwise(folder, models, options, progress=bar)
        pointwise_plots(folder.path, report)
        return report, pointwise_markdown(report)

    _run(out, "eval pointwise", config, price, concurrency, progress, body)


@app.command("pairwise")
def pairwise_command(
    a: str = typer.Option(..., "--a", help="Model spec A."),
    b: str = typer.Option(..., "--b", help="Model spec B."),
    judge: str = typer.Option(..., "--judge", help="Judge model spec."),
    dialogues: Path | None = typer.Option(None, "--dialogues", help="Crisp records JSONL; cut at each counsellor turn."),
    client: str = typer.Option("default", "--client", help="Model spec of the simulated clients (live sessions)."),
    seeds: str = typer.Option("builtin", "--seeds", help="Seed file or 'builtin' (live sessions)."),
    sessions: int = typer.Option(2, "--sessions", min=1, help="Simulated clients per language (live sessions)."),
    turns: int = typer.Option(3, "--turns", min=1, max=60, help="Client turns per live session."),
    lang: str = typer.Option("en,zh", "--lang", help="Languages of live sessions: en, zh or en,zh."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N contexts (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Contexts in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=32768,
                                       help="Longest reply of a model under test, in tokens."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Turn-level A/B preference in both orders: win/tie/loss with CIs, by category; position and length bias."""
    from crisp.eval.pairwise import (
        PairwiseOptions,
        contexts_from_dialogues,
        pairwise_markdown,
        pairwise_plot,
        run_pairwise,
    )

    _check_limit(limit)
    if dialogues is not None:
        contexts_from_dialogues(dialogues)  # a bad file fails here, before any model loads
    options = PairwiseOptions(a=a, b=b, judge=judge, client=client, dialogues=str(dialogues) if dialogues else None,
                              seeds=seeds, langs=_langs(lang), sessions=sessions, turns=turns, limit=limit,
                              concurrency=concurrency, max_new_tokens=max_new_tokens)
    config = {"max_new_tokens": max_new_tokens, "a": a, "b": b, "judge": judge, "client": client,
              "dialogues": str(dialogues.resolve()) if dialogues else None,
              "seeds": seeds if seeds == "builtin" else str(Path(seeds).resolve()), "langs": options.langs,
              "sessions": sessions, "turns": turns, "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_pairwise(folder, models, options, progress=bar)
        pairwise_plot(folder.path, report)
        return report, pairwise_markdown(report)

    _run(out, "eval pairwise", config, price, concurrency, progress, body)


def _arms(values: list[str]) -> dict[str, str]:
    from crisp.errors import ConfigError

    arms: dict[str, str] = {}
    for value in values:
        name, sep, spec = value.partition("=")
        if not sep or not name.strip() or not spec.strip():
            raise ConfigError(f"--arm {value!r} is not NAME=SPEC, e.g. --arm crispers=hf:thu-coai/Crispers-7B-v1")
        if name in arms:
            raise ConfigError(f"--arm {name!r} is given twice; give each arm a different name")
        arms[name.strip()] = spec.strip()
    return arms


@app.command("intervention")
def intervention_command(
    arm: list[str] = typer.Option(..., "--arm", help="NAME=SPEC of one arm; repeat for each arm."),
    clients: int = typer.Option(10, "--clients", min=1, help="Simulated distressed clients per language (every arm)."),
    turns: int = typer.Option(4, "--turns", min=1, max=60, help="Client turns per session."),
    client: str = typer.Option("default", "--client", help="Model spec that plays the clients and fills in PANAS."),
    seeds: str = typer.Option("builtin", "--seeds", help="Seed file or 'builtin'."),
    lang: str = typer.Option("en", "--lang", help="Languages: en, zh or en,zh."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N clients (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Sessions in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=32768,
                                       help="Longest reply of a model under test, in tokens."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """PANAS before and after in character: paired t per arm, ANOVA + Tukey HSD between arms, Cohen's d."""
    from crisp.eval.intervention import (
        InterventionOptions,
        intervention_markdown,
        intervention_plot,
        run_intervention,
    )

    _check_limit(limit)
    options = InterventionOptions(arms=_arms(arm), client=client, seeds=seeds, langs=_langs(lang), clients=clients,
                                  turns=turns, limit=limit, concurrency=concurrency,
                                  max_new_tokens=max_new_tokens)
    config = {"max_new_tokens": max_new_tokens, "arms": options.arms, "client": client, "langs": options.langs, "clients": clients, "turns": turns,
              "seeds": seeds if seeds == "builtin" else str(Path(seeds).resolve()), "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_intervention(folder, models, options, progress=bar)
        intervention_plot(folder.path, report)
        return report, intervention_markdown(report)

    _run(out, "eval intervention", config, price, concurrency, progress, body)


@app.command("strategies")
def strategies_command(
    model: str = typer.Option(..., "--model", help="Model spec that labels the sentences."),
    set_path: str = typer.Option("../shared/eval-data/open/esconv_test_en.jsonl", "--set",
                                 help="ESConv-style JSONL: turns with role, text and per-turn strategy ids."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N supporter turns (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Turns in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Sentence strategy labeller on real supporter turns: accuracy and macro F1 against the majority class."""
    from crisp.eval.strategies import load_turns, run_strategies, strategies_markdown

    _check_limit(limit)
    load_turns(set_path)  # a bad or empty set fails here, before any model loads
    config = {"model": model, "set": str(Path(set_path).resolve()), "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_strategies(folder, models, model, set_path, limit, concurrency, progress=bar)
        return report, strategies_markdown(report)

    _run(out, "eval strategies", config, price, concurrency, progress, body)


@app.command("safety")
def safety_command(
    model: str = typer.Option(..., "--model", help="Model spec under test (screened through Peppy, and bare)."),
    judge: str = typer.Option(..., "--judge", help="Judge model spec (supportive, within AI boundaries)."),
    locale: str | None = typer.Option(None, "--locale", help="Locale of the crisis resources (e.g. US, GB, CN)."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N crisis personas (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Conversations in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=32768,
                                       help="Longest reply of a model under test, in tokens."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Crisis personas against Peppy's path with its safety layer, and without it (evaluation only, unscreened)."""
    from crisp.eval.safety import SafetyOptions, run_safety, safety_markdown

    _check_limit(limit)
    options = SafetyOptions(model=model, judge=judge, locale=locale, limit=limit, concurrency=concurrency,
                            max_new_tokens=max_new_tokens)
    config = {"max_new_tokens": max_new_tokens, "model": model, "judge": judge, "locale": locale, "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        report = await run_safety(folder, models, options, progress=bar)
        return report, safety_markdown(report)

    _run(out, "eval safety", config, price, concurrency, progress, body)


@app.command("ablation")
def ablation_command(
    models_: list[str] = typer.Option(..., "--models", help="full=SPEC no_strategies=SPEC no_identification=SPEC "
                                      "(repeat --models for each)."),
    judge: list[str] = typer.Option(..., "--judge", help="Judge model spec; repeat for several (pairwise: the first)."),
    client: str = typer.Option("default", "--client", help="Model spec of the simulated clients."),
    dialogues: Path | None = typer.Option(None, "--dialogues", help="Pairwise contexts from Crisp records JSONL."),
    seeds: str = typer.Option("builtin", "--seeds", help="Seed file or 'builtin'."),
    sessions: int = typer.Option(3, "--sessions", min=1, help="Simulated clients per language."),
    turns: int = typer.Option(4, "--turns", min=1, max=60, help="Client turns per session."),
    lang: str = typer.Option("en,zh", "--lang", help="Languages: en, zh or en,zh."),
    out: Path = typer.Option(..., "--out", help=OUT_HELP),
    limit: int | None = typer.Option(None, "--limit", help="Only the first N sessions / contexts (a smoke run)."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=1024, help="Items in flight."),
    price: list[str] = typer.Option([], "--price", help=PRICE_HELP),
    max_new_tokens: int = typer.Option(256, "--max-new-tokens", min=1, max=32768,
                                       help="Longest reply of a model under test, in tokens."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Pointwise and pairwise over the full, no_strategies and no_identification models, in one report."""
    from crisp.eval.ablation import AblationOptions, parse_ablation_models, run_ablation

    _check_limit(limit)
    named = parse_ablation_models([v for value in models_ for v in value.split()])
    options = AblationOptions(models=named, judges=list(dict.fromkeys(judge)), client=client,
                              dialogues=str(dialogues) if dialogues else None, seeds=seeds, langs=_langs(lang),
                              sessions=sessions, turns=turns, limit=limit, concurrency=concurrency,
                              max_new_tokens=max_new_tokens)
    config = {"max_new_tokens": max_new_tokens, "models": named, "judges": options.judges, "client": client,
              "dialogues": str(dialogues.resolve()) if dialogues else None,
              "seeds": seeds if seeds == "builtin" else str(Path(seeds).resolve()), "langs": options.langs,
              "sessions": sessions, "turns": turns, "limit": limit}

    async def body(folder: Any, models: Any, bar: Any) -> tuple[dict[str, Any], str]:
        return await run_ablation(folder, models, options, config, progress=bar)

    _run(out, "eval ablation", config, price, concurrency, progress, body)


@app.command("export-human")
def export_human_command(
    run: Path = typer.Option(..., "--run", help="A pointwise or pairwise run folder."),
    out: Path = typer.Option(..., "--out", help="Folder for ratings.csv, ab.csv, form.html and key.json."),
) -> None:
    """Blinded rating sheets for people: CSV and an offline HTML form (six dimensions, A/B preference)."""
    from crisp.eval.human import export_human

    counts = export_human(run, out)
    typer.echo(f"wrote {counts['ratings']} conversations and {counts['ab']} pairs to {out} "
               f"(keep {out / 'key.json'} away from the raters)")


@app.command("import-human")
def import_human_command(
    key: Path = typer.Option(..., "--key", help="key.json written by export-human."),
    ratings: Path | None = typer.Option(None, "--ratings", help="The filled ratings.csv."),
    ab: Path | None = typer.Option(None, "--ab", help="The filled ab.csv."),
    out: Path = typer.Option(..., "--out", help="Folder for report.json and report.md."),
) -> None:
    """Judge-human agreement per dimension (Spearman, weighted kappa) and on A/B preference."""
    import json

    from crisp.errors import ConfigError
    from crisp.eval.human import human_markdown, import_human

    if ratings is None and ab is None:
        raise ConfigError("give --ratings FILE, --ab FILE or both: the sheets the raters filled in")
    report = import_human(key, ratings, ab)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "report.md").write_text(human_markdown(report), encoding="utf-8")
    typer.echo(f"report: {out / 'report.md'}")
