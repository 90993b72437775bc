"""The simulated help-seeker: a persona and a hidden cognition derived from a seed, played by a model."""

from __future__ import annotations

import re

from crisp.cr.schema import Resistance, Seed
from crisp.cr.taxonomy import MAX_CHANNELS_PER_IDENTIFICATION, Distortion, Lang, term
from crisp.dialogue.outputs import ClientProfile, ClientTurnOutput, ProfileDraft, reply_token_budget
from crisp.dialogue.roles import Client, ClientReply
from crisp.dialogue.session import Session
from crisp.llm.base import ChatModel, GenerationParams, Message
from crisp.prompts import keyed_lines, render

# Phrases a help-seeker does not say but a counsellor does: a client that uses them has left its role.
_COUNSELLING = {
    Lang.EN: re.compile(
        r"\b(as (your|a) counsel+or|i'?m here to (help|support) you|it'?s important to remember|have you considered|"
        r"how does that make you feel|i hear (that )?you|let'?s explore|what i'?m hearing)\b",
        re.IGNORECASE,
    ),
    Lang.ZH: re.compile(r"作为(你的)?咨询师|我能理解你的感受|我们来探讨一下|你有没有考虑过|这让你有什么感受"),
}


def looks_like_counselling(text: str, lang: Lang) -> bool:
    """True when a client turn reads like the counsellor's (role-adherence check)."""
    return bool(_COUNSELLING[lang].search(text))


async def derive_profile(
    model: ChatModel,
    seed: Seed,
    *,
    resistance: Resistance = "medium",
    params: GenerationParams | None = None,
) -> ClientProfile:
    lang = seed.language
    prompt = render(
        "profile",
        lang,
        situation=seed.situation,
        max_distortions=MAX_CHANNELS_PER_IDENTIFICATION,
        distortions=", ".join(d.value for d in Distortion),
    )
    # Room for the longest profile its bounds allow in this language: a smaller limit (a caller's reply
    # limit) would cut its JSON short, and a Chinese profile takes about three times an English one's tokens.
    params = params or GenerationParams()
    room = reply_token_budget(ProfileDraft, lang)
    params = params.model_copy(update={"max_new_tokens": max(params.max_new_tokens, room)})
    draft = (await model.structured([Message(role="user", content=prompt)], ProfileDraft, params)).value
    return draft.to_profile(resistance)


class SimulatedClient(Client):
    """Plays the client of `profile`, in the seed's language, as stubborn as its resistance level."""

    def __init__(self, model: ChatModel, profile: ClientProfile, *, params: GenerationParams | None = None) -> None:
        self.model = model
        self.profile = profile
        self.params = params
        self.role_slips = 0  # turns that had to be redone because the client started counselling

    def system_prompt(self, session: Session) -> str:
        lang, p = session.lang, self.profile
        persona = p.persona
        who = ", ".join(str(x) for x in (persona.name, persona.age, persona.gender, persona.occupation) if x)
        return render(
            "client_system",
            lang,
            situation=session.record.seed.situation,
            persona=f"{who}. {persona.description}".strip(". "),
            automatic_thought=p.automatic_thought,
            intermediate_belief=p.intermediate_belief,
            distortions="; ".join(f"{term(d.distortion).name(lang)} (\"{d.example_thought}\")" for d in p.distortions),
            resistance=keyed_lines("resistance", lang)[persona.resistance],
        )

    def messages(self, session: Session) -> list[Message]:
        opening = Message(role="user", content=render("client_opening", session.lang))
        return [Message(role="system", content=self.system_prompt(session)), opening, *session.messages_as("client")]

    async def reply(self, session: Session) -> ClientReply:
        messages = self.messages(session)
        out = (await self.model.structured(messages, ClientTurnOutput, self.params)).value
        if looks_like_counselling(out.text, session.lang):
            self.role_slips += 1
            reminder = ("记住：你是来访者，不是咨询师。用来访者的口吻重说一遍。" if session.lang is Lang.ZH
                        else "Remember: you are the client, not the counsellor. Say it again as the client.")
            retry = [*messages, Message(role="assistant", content=out.text), Message(role="user", content=reminder)]
            out = (await self.model.structured(retry, ClientTurnOutput, self.params)).value
        return ClientReply(out.text, out.end_conversation)


__all__ = ["SimulatedClient", "derive_profile", "looks_like_counselling"]
