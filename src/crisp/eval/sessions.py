"""Simulated sessions for evaluation: the same simulated clients meet every model under test.

A client comes from a seed (situation), a session index (which picks its resistance
and its sampling seed) and the client model; its profile and its opening message are
therefore identical for every model under test, and what differs is only how each
model answers. The model under test is a plain chat model with the release's Peppy
system prompt (`ModelUnderTest`), called through `complete`, so every call goes
through the run's response cache and a killed run resumes without paying twice.

Every client message passes the safety layer's rule screen first, as in chat. Not here: the
reply check and the Peppy path as a whole (`crisp eval safety`, not built yet, is to drive
`crisp.Peppy`), judging (`pointwise`, `pairwise`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crisp.cr.schema import CounsellorTurn, Resistance, Seed, Sentence
from crisp.cr.taxonomy import Lang
from crisp.dialogue.roles import Counsellor
from crisp.dialogue.session import Session
from crisp.errors import InputError
from crisp.llm.base import ChatModel, GenerationParams, Message

RESISTANCE_CYCLE: tuple[Resistance, ...] = ("low", "medium", "high")
COUNSELLOR_PARAMS = GenerationParams(max_new_tokens=256, temperature=0.7)
DEFAULT_REPLY_TOKENS = COUNSELLOR_PARAMS.max_new_tokens


def counsellor_params(max_new_tokens: int = DEFAULT_REPLY_TOKENS) -> GenerationParams:
    """Sampling of the model under test; `--max-new-tokens` bounds its replies (and a smoke run's cost)."""
    return COUNSELLOR_PARAMS.model_copy(update={"max_new_tokens": max_new_tokens})
CLIENT_PARAMS = GenerationParams(max_new_tokens=256, temperature=0.8)


class ModelUnderTest(Counsellor):
    """A model as the counsellor, as Crispers was trained to be one: Peppy's system prompt, the
    conversation as chat messages, strategy tags (if it writes them) kept on the sentences.

    Each client message first goes through the safety layer's rule screen, as in chat: at
    `moderate` or above the scripted safe response answers and the model is not called
    (`safe_path_turns`). `screen_s` is the time spent in the screen.
    """

    def __init__(self, model: ChatModel, params: GenerationParams = COUNSELLOR_PARAMS) -> None:
        from crisp.safety import SessionRiskTracker

        self.model = model
        self.params = params
        self.tracker = SessionRiskTracker()
        self.screen_s = 0.0
        self.safe_path_turns = 0

    def messages(self, session: Session) -> list[Message]:
        from crisp.prompts.peppy import peppy_system_prompt

        return [Message(role="system", content=peppy_system_prompt(session.lang)),
                *session.messages_as("counsellor")]

    async def next_text(self, messages: list[Message]) -> list[Sentence]:
        from crisp.cr.tags import parse_tagged_reply

        completion = await self.model.complete(messages, self.params)
        pieces = parse_tagged_reply(completion.text)
        return [Sentence(text=text, strategy=strategy) for strategy, text in pieces] or [Sentence(text="", strategy=None)]

    async def reply(self, session: Session) -> CounsellorTurn:
        import time

        from crisp.safety import safe_response

        last = session.record.turns[-1].text(session.lang) if session.record.turns else ""
        started = time.perf_counter()
        assessment = self.tracker.assess(last, session.lang)
        self.screen_s += time.perf_counter() - started
        if assessment.needs_safe_response:
            self.safe_path_turns += 1
            return session.add_counsellor([Sentence(text=safe_response(assessment), strategy=None)])
        return session.add_counsellor(await self.next_text(self.messages(session)))


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
                           *, counsellor: Counsellor | None = None, attempt: int = 0,
                           max_new_tokens: int = DEFAULT_REPLY_TOKENS) -> Session:
    """`turns` client turns, each answered by the model under test (fewer if the client ends)."""
    from crisp.dialogue.client import SimulatedClient, derive_profile

    params = client.params(CLIENT_PARAMS, attempt)
    profile = await derive_profile(client_model, client.seed, resistance=client.resistance, params=params)
    session = Session(client.seed, persona=profile.persona, record_id=client.key)
    simulated = SimulatedClient(client_model, profile, params=params)
    role = counsellor or ModelUnderTest(model, client.params(counsellor_params(max_new_tokens), attempt))
    for _ in range(turns):
        said = await simulated.reply(session)
        session.add_client(said.text)
        if said.ends:
            break
        await role.reply(session)
    return session


def transcript_lines(session: Session) -> list[dict[str, str]]:
    return [{"role": t.role, "text": t.text(session.lang)} for t in session.record.turns]


def render_transcript(lines: list[dict[str, Any]], lang: Lang | str) -> str:
    names = {"client": "求助者", "counsellor": "支持者"} if Lang(lang) is Lang.ZH else \
        {"client": "Help-seeker", "counsellor": "Supporter"}
    return "\n".join(f"{names[line['role']]}: {line['text']}" for line in lines)
