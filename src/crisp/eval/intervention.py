"""`crisp eval intervention`: PANAS before and after, in character, the same clients in every arm.

Each simulated client fills in the PANAS (Watson, Clark & Tellegen 1988: 20 items, 1-5;
positive affect PA and negative affect NA are sums of 10 items each, 10-50) in
character before its session, then talks to the arm's model for T turns, then fills it
in again from the conversation it just had. The pre-session answers are one cached call
per client, so every arm starts from exactly the same scores (a paired design).

Statistics: a paired t-test within each arm (pre vs post), one-way ANOVA and Tukey HSD on
the change between arms, Cohen's d (d_z within arms; pooled-SD d between arms). The
report says in plain words that simulated clients are a proxy, not people.

Not here: real participants (run the human protocol for that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from crisp.cr.taxonomy import Lang
from crisp.eval import stats
from crisp.eval.run import (
    ModelSet,
    RunFolder,
    WorkItem,
    finish,
    retry_params,
    run_items,
)
from crisp.eval.sessions import (
    DEFAULT_REPLY_TOKENS,
    ClientSpec,
    render_transcript,
    simulate_session,
    transcript_lines,
)
from crisp.llm.base import GenerationParams, Message

POSITIVE_ITEMS = ("interested", "excited", "strong", "enthusiastic", "proud", "alert", "inspired", "determined",
                  "attentive", "active")
NEGATIVE_ITEMS = ("distressed", "upset", "guilty", "scared", "hostile", "irritable", "ashamed", "nervous", "jittery",
                  "afraid")
PANAS_PARAMS = GenerationParams(max_new_tokens=300, temperature=0.0, seed=0)
PROXY_NOTE = ("Simulated clients are a proxy, not people: these PANAS scores are what a language model playing a "
              "distressed person reports, and say nothing certain about how real people would feel.")

PanasAnswers: type[BaseModel] = create_model(
    "PanasAnswers", __config__=ConfigDict(extra="forbid"),
    **{item: (int, Field(ge=1, le=5)) for item in POSITIVE_ITEMS + NEGATIVE_ITEMS},
)


@cache
def panas_text(lang: Lang) -> dict[str, str]:
    from crisp.prompts import keyed_lines

    return keyed_lines("eval_panas", lang)


def panas_scores(answers: BaseModel) -> dict[str, int]:
    return {"pa": sum(getattr(answers, i) for i in POSITIVE_ITEMS), "na": sum(getattr(answers, i) for i in NEGATIVE_ITEMS)}


async def fill_in_panas(client_model: Any, client: ClientSpec, *, transcript: list[dict[str, str]] | None,
                        attempt: int = 0) -> dict[str, int]:
    """The client answers the PANAS in character: before its session (`transcript` None) or after it."""
    from crisp.dialogue.client import SimulatedClient, derive_profile
    from crisp.dialogue.session import Session
    from crisp.eval.sessions import CLIENT_PARAMS

    lang = client.seed.language
    profile = await derive_profile(client_model, client.seed, resistance=client.resistance,
                                   params=client.params(CLIENT_PARAMS))
    system = SimulatedClient(client_model, profile).system_prompt(Session(client.seed, persona=profile.persona))
    text = panas_text(lang)
    when = text["before"] if transcript is None else text["after"].format(transcript="\n" + render_transcript(
        transcript, lang))
    items = "\n".join(f"- {i}: {text[i]}" for i in POSITIVE_ITEMS + NEGATIVE_ITEMS)
    messages = [Message(role="system", content=system),
                Message(role="user", content=f"{when}\n\n{text['instruction']}\n{items}")]
    answers = (await client_model.structured(messages, PanasAnswers, retry_params(PANAS_PARAMS, attempt))).value
    return panas_scores(answers)


@dataclass
class InterventionOptions:
    arms: dict[str, str]  # arm name -> model spec
    client: str = "default"
    seeds: str = "builtin"
    langs: list[str] = field(default_factory=lambda: ["en"])
    clients: int = 10
    turns: int = 4
    limit: int | None = None
    concurrency: int = 4
    max_new_tokens: int = DEFAULT_REPLY_TOKENS


async def run_intervention(folder: RunFolder, models: ModelSet, options: InterventionOptions,
                           progress: Any = None) -> dict[str, Any]:
    from crisp.eval.sessions import choose_clients

    clients = choose_clients(options.seeds, options.langs, options.clients)
    if options.limit is not None:
        clients = clients[: options.limit]
    items = [WorkItem(f"client|{arm}|{c.key}", (arm, c)) for c in clients for arm in options.arms]

    async def work(w: WorkItem, attempt: int) -> dict[str, Any]:
        arm, client = w.payload
        client_model = models.get(options.client, "client")
        pre = await fill_in_panas(client_model, client, transcript=None, attempt=attempt)
        session = await simulate_session(models.get(options.arms[arm], "under test"), client_model, client,
                                         options.turns, attempt=attempt, max_new_tokens=options.max_new_tokens)
        lines = transcript_lines(session)
        post = await fill_in_panas(client_model, client, transcript=lines, attempt=attempt)
        return {"arm": arm, "client": client.key, "lang": client.seed.language.value, "pre": pre, "post": post,
                "transcript": lines}

    await run_items(folder, items, work, concurrency=options.concurrency, progress=progress,
                    checkpoint=folder.write_manifest)
    finish(folder, models, [w.key for w in items])
    rows = [r for r in (folder.row(w.key) for w in items) if r is not None]
    return intervention_report(rows, options)


def intervention_report(rows: list[dict[str, Any]], options: InterventionOptions) -> dict[str, Any]:
    arms: dict[str, Any] = {}
    changes: dict[str, dict[str, list[float]]] = {"pa": {}, "na": {}}
    for arm, spec in options.arms.items():
        mine = [r for r in rows if r["arm"] == arm]
        entry: dict[str, Any] = {"model": spec, "clients": len(mine)}
        for scale in ("pa", "na"):
            pre = [float(r["pre"][scale]) for r in mine]
            post = [float(r["post"][scale]) for r in mine]
            test = stats.paired_t(pre, post)
            entry[scale] = {
                "pre": test.mean_before, "post": test.mean_after,
                "pre_ci": stats.bootstrap_ci(pre).as_dict(), "post_ci": stats.bootstrap_ci(post).as_dict(),
                "change": test.mean_change,
                "change_percent": 100 * test.mean_change / test.mean_before if mine and test.mean_before else None,
                "t": test.t, "p": test.p, "cohens_d": test.cohens_d,
            }
            changes[scale][arm] = [b - a for a, b in zip(pre, post)]
        arms[arm] = entry
    between = {}
    for scale in ("pa", "na"):
        comparison = stats.anova_tukey(changes[scale])
        between[scale] = {"anova_f": comparison.f, "anova_p": comparison.p, "tukey_hsd": comparison.pairs}
    return {"task": "intervention", "arms": arms, "between_arms": between, "turns": options.turns,
            "client_model": options.client, "note": PROXY_NOTE}


def intervention_markdown(report: dict[str, Any]) -> str:
    def num(x: Any, fmt: str = ".2f") -> str:
        return "-" if x is None else format(x, fmt)

    lines = ["# crisp eval intervention", "", f"**{report['note']}**", "",
             f"Client model: {report['client_model']}. Turns per session: {report['turns']}.", "",
             "| arm | clients | PA pre | PA post | PA change % | p | d | NA pre | NA post | NA change % | p | d |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for arm, e in report["arms"].items():
        pa, na = e["pa"], e["na"]
        lines.append(f"| {arm} ({e['model']}) | {e['clients']} | {num(pa['pre'])} | {num(pa['post'])} | "
                     f"{num(pa['change_percent'], '+.2f')} | {num(pa['p'], '.4f')} | {num(pa['cohens_d'])} | "
                     f"{num(na['pre'])} | {num(na['post'])} | {num(na['change_percent'], '+.2f')} | "
                     f"{num(na['p'], '.4f')} | {num(na['cohens_d'])} |")
    for scale, b in report["between_arms"].items():
        lines += ["", f"## Change in {scale.upper()} between arms: one-way ANOVA F = {num(b['anova_f'])}, "
                  f"p = {num(b['anova_p'], '.4f')}"]
        if b["tukey_hsd"]:
            lines += ["", "| arms | mean difference | 95% CI | p (Tukey HSD) | Cohen's d |", "|---|---|---|---|---|"]
            for p in b["tukey_hsd"]:
                lines.append(f"| {p['a']} - {p['b']} | {num(p['mean_difference'])} | [{num(p['low'])}, "
                             f"{num(p['high'])}] | {num(p['p'], '.4f')} | {num(p['cohens_d'])} |")
    return "\n".join(lines)


def intervention_plot(path: Any, report: dict[str, Any]) -> None:
    from crisp.eval.report import bars_with_ci

    groups = [f"{arm} {scale.upper()}" for arm in report["arms"] for scale in ("pa", "na")]
    series: dict[str, list[tuple[float, float, float]]] = {"before": [], "after": []}
    for e in report["arms"].values():
        for scale in ("pa", "na"):
            for when, key in (("before", "pre_ci"), ("after", "post_ci")):
                ci = e[scale][key]
                series[when].append((ci["estimate"], ci["low"], ci["high"]))
    bars_with_ci(path / "panas.png", "PANAS before and after (simulated clients)", groups, series,
                 "score (10-50)", (0, 52))
