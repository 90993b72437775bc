"""`crisp eval pairwise`: turn-level A/B preference, both orders, by situation category.

Contexts: every counsellor turn of `--dialogues` (Crisp records) cut just before it, or
live sessions (the same simulated clients talk to A and to B; every counsellor turn of
both sessions is a cut). At each cut both models write the next counsellor turn, each through
the conversation engine as a person would meet it (`sessions.counsellor_conversation`: the
conversation so far resumed, its safety state rebuilt from the client's earlier messages, the
client's message screened, the reply gated). The judge sees both orders; a verdict that flips
with the order is a tie (`combine_orders`).

Report: win / tie / loss of A with Wilson 95% CIs, overall and by situation category;
position bias (how often the judge picked the first reply, and how often it flipped);
length bias (how often the longer reply won a decided pair, and the rank correlation of
the length difference with the outcome).

Not here: more than two models at once (run pairs), or human preferences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from crisp.cr.schema import CrispRecord
from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
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
    counsellor_conversation,
    counsellor_params,
    render_transcript,
    simulate_session,
    transcript_lines,
)
from crisp.llm.base import ChatModel, GenerationParams, Message

Outcome = Literal["a", "b", "tie"]
JUDGE_PARAMS = GenerationParams(max_new_tokens=512, temperature=0.0, seed=0)
MAX_RATIONALE_CHARS = 400


class PairwiseVerdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rationale: str = Field(max_length=MAX_RATIONALE_CHARS)
    preferred: Literal["1", "2", "tie"]


def combine_orders(a_first: str, b_first: str) -> Outcome:
    """The outcome for A from the verdict with A shown first and the verdict with B shown first.

    Both orders must name the same model; a verdict that flips with the order, or a tie in
    either order, is a tie.
    """
    first = {"1": "a", "2": "b"}.get(a_first, "tie")
    second = {"1": "b", "2": "a"}.get(b_first, "tie")
    return first if first == second and first != "tie" else "tie"  # type: ignore[return-value]


@dataclass(frozen=True)
class Context:
    key: str
    lang: Lang
    category: str | None
    lines: tuple[tuple[str, str], ...]  # (role, text), ending with a client turn
    record: CrispRecord = field(compare=False, repr=False)  # the dialogue it is cut from (shared, not copied)

    def as_lines(self) -> list[dict[str, str]]:
        return [{"role": r, "text": t} for r, t in self.lines]

    def earlier(self) -> CrispRecord:
        """The dialogue before the client's last message (what a conversation resumes from)."""
        return self.record.model_copy(update={"turns": self.record.turns[: len(self.lines) - 1]}, deep=True)


async def counsellor_turn(model: ChatModel, context: Context, params: GenerationParams) -> str:
    """What `model` shows a person as its next turn after `context`, through the conversation engine."""
    conversation = counsellor_conversation(model, context.lang, params)
    conversation.resume(context.earlier())
    return (await conversation.reply(context.lines[-1][1])).text


def contexts_from_dialogues(path: str | Path) -> list[Context]:
    """One context per counsellor turn of each record: the turns before it (which end with the client)."""
    try:
        raw = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"--dialogues {path}: cannot read it ({error.strerror}); give a Crisp records JSONL file") from None
    contexts: list[Context] = []
    for number, line in enumerate(raw, 1):
        if not line.strip():
            continue
        try:
            record = CrispRecord.model_validate_json(line)
        except ValueError as error:
            raise InputError(f"{path}:{number}: not a Crisp record ({str(error).splitlines()[0]}); "
                             "check it with `crisp data validate`") from None
        lines = [(t.role, t.text(record.language)) for t in record.turns]
        for i, (role, _) in enumerate(lines):
            if role == "counsellor" and i > 0 and lines[i - 1][0] == "client":
                contexts.append(Context(f"{record.id}@{i}", record.language, record.seed.category, tuple(lines[:i]),
                                        record))
    if not contexts:
        raise InputError(f"--dialogues {path} holds no counsellor turn after a client turn; nothing to compare")
    return contexts


@dataclass
class PairwiseOptions:
    a: str
    b: str
    judge: str
    client: str = "default"
    dialogues: str | None = None
    seeds: str = "builtin"
    langs: list[str] = field(default_factory=lambda: ["en", "zh"])
    sessions: int = 2
    turns: int = 3
    limit: int | None = None
    concurrency: int = 4
    max_new_tokens: int = DEFAULT_REPLY_TOKENS


async def _live_contexts(models: ModelSet, options: PairwiseOptions) -> list[Context]:
    from crisp.eval.sessions import choose_clients

    contexts: list[Context] = []
    for client in choose_clients(options.seeds, options.langs, options.sessions):
        for spec in (options.a, options.b):
            session = await simulate_session(models.get(spec, "under test"), models.get(options.client, "client"),
                                             client, options.turns, max_new_tokens=options.max_new_tokens)
            lines = [(t["role"], t["text"]) for t in transcript_lines(session)]
            for i, (role, _) in enumerate(lines):
                if role == "counsellor":
                    contexts.append(Context(f"{spec}|{client.key}@{i}", session.lang, client.seed.category,
                                            tuple(lines[:i]), session.record))
    return contexts


async def judge_pair(judge: Any, context: Context, first: str, second: str, attempt: int) -> PairwiseVerdict:
    from crisp.prompts import render

    prompt = render("eval_pairwise", context.lang, context=render_transcript(context.as_lines(), context.lang),
                    reply_1=first, reply_2=second)
    return (await judge.structured([Message(role="user", content=prompt)], PairwiseVerdict,
                                   retry_params(JUDGE_PARAMS, attempt))).value


async def run_pairwise(folder: RunFolder, models: ModelSet, options: PairwiseOptions,
                       progress: Any = None) -> dict[str, Any]:
    if options.a == options.b:
        from crisp.errors import ConfigError

        raise ConfigError("--a and --b name the same model; compare two different models")
    contexts = contexts_from_dialogues(options.dialogues) if options.dialogues else await _live_contexts(models, options)
    if options.limit is not None:
        contexts = contexts[: options.limit]
    folder.manifest.warnings = self_preference_warnings([options.judge], [options.a, options.b])
    items = [WorkItem(f"pair|{c.key}", c) for c in contexts]

    async def work(w: WorkItem, attempt: int) -> dict[str, Any]:
        context: Context = w.payload
        replies = {name: await counsellor_turn(models.get(spec, "under test"), context,
                                               counsellor_params(options.max_new_tokens))
                   for name, spec in (("a", options.a), ("b", options.b))}
        judge = models.get(options.judge, "judge")
        a_first = await judge_pair(judge, context, replies["a"], replies["b"], attempt)
        b_first = await judge_pair(judge, context, replies["b"], replies["a"], attempt)
        return {"lang": context.lang.value, "category": context.category,
                "context": render_transcript(context.as_lines(), context.lang), "reply_a": replies["a"],
                "reply_b": replies["b"], "a_first": a_first.preferred, "b_first": b_first.preferred,
                "outcome": combine_orders(a_first.preferred, b_first.preferred)}

    await run_items(folder, items, work, concurrency=options.concurrency, progress=progress,
                    checkpoint=folder.write_manifest)
    finish(folder, models, [w.key for w in items])
    rows = [r for r in (folder.row(w.key) for w in items) if r is not None]
    return pairwise_report(rows, options)


def _shares(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    return {"n": n, **{name: stats.proportion_ci(sum(1 for r in rows if r["outcome"] == o), n).as_dict()
                       for name, o in (("win", "a"), ("tie", "tie"), ("loss", "b"))}}


def pairwise_report(rows: list[dict[str, Any]], options: PairwiseOptions) -> dict[str, Any]:
    categories = sorted({r["category"] or "uncategorised" for r in rows})
    verdicts = [v for r in rows for v in (r["a_first"], r["b_first"])]
    decided_calls = [v for v in verdicts if v != "tie"]
    flips = sum(1 for r in rows if r["a_first"] != "tie" and r["b_first"] != "tie" and r["outcome"] == "tie")
    decided = [r for r in rows if r["outcome"] != "tie"]
    longer_won = sum(1 for r in decided if (len(r["reply_a"]) > len(r["reply_b"])) == (r["outcome"] == "a")
                     and len(r["reply_a"]) != len(r["reply_b"]))
    unequal = sum(1 for r in decided if len(r["reply_a"]) != len(r["reply_b"]))
    outcome_score = {"a": 1, "tie": 0, "b": -1}
    return {
        "task": "pairwise", "a": options.a, "b": options.b, "judge": options.judge, "pairs": len(rows),
        "overall": _shares(rows),
        "by_category": {c: _shares([r for r in rows if (r["category"] or "uncategorised") == c]) for c in categories},
        "by_language": {lang: _shares([r for r in rows if r["lang"] == lang]) for lang in sorted({r["lang"] for r in rows})},
        "position_bias": {
            "first_position_share": stats.proportion_ci(decided_calls.count("1"), len(decided_calls)).as_dict(),
            "flips": flips, "flip_share": flips / len(rows) if rows else None,
        },
        "length_bias": {
            "longer_wins_share": stats.proportion_ci(longer_won, unequal).as_dict(),
            "spearman_length_difference_vs_outcome": stats.spearman(
                [len(r["reply_a"]) - len(r["reply_b"]) for r in rows], [outcome_score[r["outcome"]] for r in rows]),
            "mean_length_a": sum(len(r["reply_a"]) for r in rows) / len(rows) if rows else None,
            "mean_length_b": sum(len(r["reply_b"]) for r in rows) / len(rows) if rows else None,
        },
    }


def pairwise_markdown(report: dict[str, Any]) -> str:
    def share(ci: dict[str, Any]) -> str:
        if not ci["n"]:
            return "-"
        return f"{100 * ci['estimate']:.1f}% [{100 * ci['low']:.1f}, {100 * ci['high']:.1f}]"

    lines = [f"# crisp eval pairwise: A = {report['a']}, B = {report['b']}", "", f"Judge: {report['judge']}. "
             f"Pairs: {report['pairs']}. Each pair judged in both orders; a verdict that flips with the order is a tie.",
             "", "| group | n | A wins | tie | A loses |", "|---|---|---|---|---|"]
    groups = [("overall", report["overall"]), *((f"lang {k}", v) for k, v in report["by_language"].items()),
              *report["by_category"].items()]
    for name, s in groups:
        lines.append(f"| {name} | {s['n']} | {share(s['win'])} | {share(s['tie'])} | {share(s['loss'])} |")
    pos, length = report["position_bias"], report["length_bias"]
    rho = length["spearman_length_difference_vs_outcome"]
    lines += ["", "## Position and length bias", "",
              f"- The judge picked the reply shown first in {share(pos['first_position_share'])} of its decided calls "
              f"(50% = no position bias); {pos['flips']} pairs flipped with the order (counted as ties).",
              f"- The longer reply won {share(length['longer_wins_share'])} of decided pairs of unequal length; "
              f"Spearman rho of (length A - length B) with the outcome: {'-' if rho is None else f'{rho:.2f}'}.",
              f"- Mean length in characters: A {length['mean_length_a'] or 0:.0f}, B {length['mean_length_b'] or 0:.0f}."]
    return "\n".join(lines)


def pairwise_plot(path: Path, report: dict[str, Any]) -> None:
    from crisp.eval.report import bars_with_ci

    groups = ["overall", *report["by_category"]]
    data = [report["overall"], *report["by_category"].values()]
    series = {name: [(s[name]["estimate"], s[name]["low"], s[name]["high"]) for s in data]
              for name in ("win", "tie", "loss")}
    bars_with_ci(path / "pairwise.png", f"A vs B ({report['judge']})", groups, series, "share of pairs", (0, 1))
