"""Simulated sessions for evaluation: the same simulated clients meet every model under test.

A client comes from a seed (situation), a session index (which picks its resistance
and its sampling seed) and the client model; its profile and its opening message are
therefore identical for every model under test, and what differs is only how each
model answers.

The counsellor side is the conversation engine in model mode (`counsellor_conversation`: a
`crisp.dialogue.conversation.Conversation`, as `crisp.Peppy` and the web app use it), so what is
evaluated is what a person gets: the same prompt and reply format, every client message through the
safety layer's whole screen (at `moderate` and above the scripted safe reply answers, not the model),
every reply through the reply gate. Each reply is asked in one call (`stream_replies=False`), so it
goes through the run's response cache and a killed run resumes without paying twice.

Not here: judging (`pointwise`, `pairwise`), PANAS (`intervention`), crisis personas (`safety`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crisp.cr.schema import Resistance, Seed, Sentence
from crisp.cr.taxonomy import Lang
from crisp.dialogue.conversation import Conversation
from crisp.dialogue.safety_guard import Screening
from crisp.dialogue.session import Session
from crisp.errors import InputError, StructuredOutputError
from crisp.llm.base import ChatModel, GenerationParams

RESISTANCE_CYCLE: tuple[Resistance, ...] = ("low", "medium", "high")
COUNSELLOR_PARAMS = GenerationParams(max_new_tokens=256, temperature=0.7)
DEFAULT_REPLY_TOKENS = COUNSELLOR_PARAMS.max_new_tokens
CLIENT_PARAMS = GenerationParams(max_new_tokens=256, temperature=0.8)


def counsellor_params(max_new_tokens: int = DEFAULT_REPLY_TOKENS) -> GenerationParams:
    """Sampling of the model under test; `--max-new-tokens` bounds its replies (and a smoke run's cost)."""
    return COUNSELLOR_PARAMS.model_copy(update={"max_new_tokens": max_new_tokens})


def counsellor_conversation(model: ChatModel, lang: Lang, params: GenerationParams, *, locale: str | None = None,
                            screening: Screening = Screening.SCREENED) -> Conversation:
    """The model under test as the counsellor a person meets (model mode, safety layer), its language
    pinned to the client's, its sampling `params` (seeded per client), each reply one cacheable call.
    `screening` is the evaluation-only switch that `crisp eval safety` flips for its comparison arm."""
    conversation = Conversation(model, lang=lang, max_new_tokens=params.max_new_tokens, locale=locale,
                                stream_replies=False, screening=screening)
    conversation.params = params
    return conversation


def safety_turns(session: Session) -> int:
    """Turns the safety layer answered or replaced (the engine lists them on the record)."""
    return len(session.record.provenance.generation.get("safety_turns", []))


@dataclass(frozen=True)
class ClientSpec:
    """One simulated client: the seed it comes from and its index (resistance, sampling seed)."""

    seed: Seed
    index: int

    @property
    def key(self) -> str:
        return f"{self.seed.id}#{self.index}"

    @property
    def resistance(self) -> Resistance:
        return RESISTANCE_CYCLE[self.index % len(RESISTANCE_CYCLE)]

    def params(self, base: GenerationParams, attempt: int = 0) -> GenerationParams:
        """Seeded by the client, so every model meets the same client; a retried item samples anew."""
        return base.model_copy(update={"seed": 1 + self.index + 1000 * attempt})


def choose_clients(seeds_source: str, langs: list[str], sessions: int) -> list[ClientSpec]:
    """`sessions` clients per language, round-robin over that language's seeds."""
    from crisp.synth.seeds import load_seeds, select_seeds

    seeds = load_seeds(seeds_source)
    clients: list[ClientSpec] = []
    for lang in langs:
        chosen = select_seeds(seeds, langs=[lang])
        if not chosen:
            raise InputError(f"--seeds {seeds_source} has no {lang} seed; add some or choose --lang")
        clients += [ClientSpec(chosen[i % len(chosen)], i) for i in range(sessions)]
    return clients


async def simulate_session(model: ChatModel, client_model: ChatModel, client: ClientSpec, turns: int,
                           *, attempt: int = 0, max_new_tokens: int = DEFAULT_REPLY_TOKENS) -> Session:
    """`turns` client turns, each answered through the conversation engine (fewer if the client ends;
    its closing message is kept on the record, unanswered)."""
    from crisp.dialogue.client import SimulatedClient, derive_profile

    params = client.params(CLIENT_PARAMS, attempt)
    profile = await derive_profile(client_model, client.seed, resistance=client.resistance, params=params)
    conversation = counsellor_conversation(model, client.seed.language,
                                           client.params(counsellor_params(max_new_tokens), attempt))
    conversation.start(client.seed, persona=profile.persona, record_id=client.key)
    simulated = SimulatedClient(client_model, profile, params=params)
    for _ in range(turns):
        session = conversation.session
        assert session is not None  # started above; a turn never drops a started session
        said = await simulated.reply(session)
        if not said.text.strip():
            # A model error like a schema break: the item is retried with another seed, then counted.
            raise StructuredOutputError(f"the simulated client ({client_model.spec}) wrote an empty message")
        if said.ends:
            session.add_client(said.text)
            break
        reply = await conversation.reply(said.text)
        if not reply.text:
            # Nothing to show: the engine undid the exchange, as chat does. The judge must see that the
            # model said nothing, so the exchange goes on the record with an empty reply.
            session.add_client(said.text)
            session.add_counsellor([Sentence(text="", strategy=None)])
    assert conversation.session is not None
    return conversation.session


def transcript_lines(session: Session) -> list[dict[str, str]]:
    return [{"role": t.role, "text": t.text(session.lang)} for t in session.record.turns]


def render_transcript(lines: list[dict[str, Any]], lang: Lang | str) -> str:
    names = {"client": "求助者", "counsellor": "支持者"} if Lang(lang) is Lang.ZH else \
        {"client": "Help-seeker", "counsellor": "Supporter"}
    return "\n".join(f"{names[line['role']]}: {line['text']}" for line in lines)
