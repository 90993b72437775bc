"""Prompt context shared by the CRDial roles: taxonomy blocks, the thought record, step goals."""

from __future__ import annotations

from collections.abc import Sequence

from crisp.cr.plan import LoopDecision, Step
from crisp.cr.schema import CommonsenseHint
from crisp.cr.step_strategies import step_strategies
from crisp.cr.taxonomy import Distortion, Lang, Strategy, SubStep, term
from crisp.dialogue.session import Session
from crisp.prompts import keyed_lines, render

_CLOSING = "closing"


def strategies_block(lang: Lang) -> str:
    return "\n".join(f"- {s.value} ({term(s).name(lang)}): {term(s).definition(lang)}" for s in Strategy)


def distortions_block(lang: Lang) -> str:
    """Every distortion by name, with its definition."""
    return "\n".join(f"- {d.value} ({term(d).name(lang)}): {term(d).definition(lang)}" for d in Distortion)


def strategies_text(lang: Lang, substep: SubStep | None) -> str:
    """The step's strategy mix in words, and, where the step asks, that every counsellor turn ends with a question."""
    labels = keyed_lines("labels", lang)
    mix = step_strategies(substep)
    separator = "、" if lang is Lang.ZH else ", "
    text = labels["step_strategies"].format(strategies=separator.join(term(s).name(lang) for s in mix.leans_on))
    return f"{text} {labels['ask_every_turn']}" if mix.asks else text


def counsellor_system(lang: Lang) -> str:
    """The counsellor's system prompt: the same at every step of a dialogue, so llama.cpp (and a hosted
    API's prompt cache) reuse it from the second call on. Dropping the definitions once identification
    was over made later prompts 600 tokens shorter, but the whole prompt was then read again."""
    return render("counsellor_system", lang, strategies=strategies_block(lang), distortions=distortions_block(lang))


def thought_record(session: Session) -> str:
    lang, cognition = session.lang, session.record.cognition
    none = keyed_lines("labels", lang)["not_yet_known"]
    lines = [
        f"{term(SubStep.AUTOMATIC_THOUGHT).name(lang)}: {cognition.automatic_thought or none}",
        f"{term(SubStep.INTERMEDIATE_BELIEF).name(lang)}: {cognition.intermediate_belief or none}",
    ]
    verdicts = {v.channel: v.restructured_thought for v in session.record.verdicts}
    for c in cognition.channels:
        line = f"#{c.index} {term(c.distortion).name(lang)}: \"{c.example_thought}\""
        if c.index in verdicts:
            line += f" -> \"{verdicts[c.index]}\""
        lines.append(line)
    return "\n".join(lines)


def step_goal(session: Session, step: Step) -> tuple[str, str]:
    """Display name and goal text of a plan step."""
    lang = session.lang
    goals = keyed_lines("steps", lang)
    if step.substep is None:
        return keyed_lines("labels", lang)["closing"], goals[_CLOSING]
    channel = session.channel(step.channel)
    goal = goals[step.substep.value].format(
        distortion=term(channel.distortion).name(lang) if channel else "",
        example_thought=channel.example_thought if channel else "",
    )
    return term(step.substep).name(lang), goal


def next_step_text(session: Session) -> str:
    """What follows the current step, in words (after a verdict: depends on the decision)."""
    plan, state = session.plan, session.state
    if session.step.substep is SubStep.VERDICT:
        options = []
        for decision in plan.legal_decisions(state):
            name, goal = step_goal(session, plan.next_step(state, decision))
            options.append(f"{decision.value} -> {name} ({goal})")
        return "; ".join(options)
    if session.step.substep is SubStep.CORE_BELIEF:
        return keyed_lines("labels", session.lang)["after_core_belief"]
    name, goal = step_goal(session, plan.next_step(state))
    return f"{name} ({goal})"


def findings_instruction(session: Session) -> str:
    substep = session.step.substep
    lines = keyed_lines("findings", session.lang)
    if substep is None or substep.value not in lines:
        return ""
    decisions = ", ".join(d.value for d in session.plan.legal_decisions(session.state)) or LoopDecision.CLOSE.value
    return lines[substep.value].format(decisions=decisions)


def hints_text(lang: Lang, hints: Sequence[CommonsenseHint]) -> str:
    if not hints:
        return ""
    head = keyed_lines("labels", lang)["hints_head"]
    return head + "\n" + "\n".join(f"- {h.relation}: {h.text}" for h in hints) + "\n"


def transcript(session: Session) -> str:
    labels = keyed_lines("labels", session.lang)
    return session.transcript((labels["client"], labels["counsellor"])) or labels["none_yet"]
