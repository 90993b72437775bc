"""Peppy: the counsellor a person talks to, with the safety layer in front and behind.

    from crisp import Peppy

    peppy = Peppy()                                  # the embedded default model
    print(peppy.reply("I failed my driving test again and I feel useless.").text)
    for piece in peppy.stream("I keep thinking everyone is laughing at me."):
        print(piece, end="", flush=True)

    peppy = Peppy(model="hf:thu-coai/Crispers-7B-v1", lang="zh")
    reply = await peppy.areply("我总觉得自己什么都做不好。")

Two ways to counsel:

- model mode (default): the model itself is the counsellor, as Crispers was trained
  to be. It gets the release's Peppy system prompt, verbatim, in the person's language
  (or `system_prompt`), and the conversation trimmed to its context window by whole
  turns (`crisp.chat.history`). Strategy tags it writes are stripped before display
  and kept in the transcript.
- guided mode (`guided=True`): `CRDialCounsellor` drives any model through
  identification and restructuring, with the person as the client; the thought
  record fills in as the conversation goes (`thought_record`). Its replies come as
  whole turns (one structured call each, at least `GUIDED_MIN_NEW_TOKENS`), shown
  sentence by sentence once checked.

Safety, on every turn: the person's message goes through the safety layer first; at
`moderate` risk and above the model is not called and the safety layer's scripted
reply answers. Every model reply passes the safety layer's reply check before any
of it is shown: streamed text is released sentence by sentence, each release checked
(`crisp.chat.gate`); a reply that fails stops there and the safety layer's
replacement is shown instead.

Privacy: nothing is written anywhere unless `save()` is called; nothing of the
conversation is logged.

Async inside; `reply` and `stream` run the async methods on an event loop owned by
the Peppy object (one per object, kept between calls), so they cannot be called
from inside a running event loop: use `areply` / `astream` there.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from crisp.chat import transcript
from crisp.chat.gate import ReplyGate, visible_text
from crisp.chat.history import context_window, fit_history, token_counter
from crisp.chat.safety_io import SafetyGuard
from crisp.cr.language import detect_language
from crisp.cr.schema import (
    MAX_TEXT_CHARS,
    ClientTurn,
    Cognition,
    CounsellorTurn,
    CrispRecord,
    Sentence,
    Verdict,
)
from crisp.cr.taxonomy import Lang
from crisp.errors import ConfigError, InputError
from crisp.llm.base import ChatModel, ChatStream, GenerationParams, Message, Usage

LangChoice = Literal["en", "zh", "auto"]

MAX_MESSAGE_CHARS = MAX_TEXT_CHARS
DEFAULT_MAX_NEW_TOKENS = 512  # the release's recipe
# Guided mode's counsellor answers in JSON (its sentences and what the step found): a reply cut
# short by the token limit is not valid JSON, so it always gets at least this much room.
GUIDED_MIN_NEW_TOKENS = 1024


class SafetyResult(BaseModel):
    """What the safety layer decided for one turn."""

    model_config = ConfigDict(extra="forbid")

    level: str  # risk level of the person's message
    answered_by: Literal["model", "safety"] = "model"
    reply_blocked: bool = False  # the reply check stopped the model's reply and replaced the rest


class PeppyReply(BaseModel):
    """One turn of Peppy: what the person saw and how it came about."""

    model_config = ConfigDict(extra="forbid")

    text: str
    safety: SafetyResult
    model: str
    usage: Usage = Field(default_factory=Usage)
    stopped: bool = False  # cut short by the caller (Ctrl-C, closing the stream)
    first_token_s: float | None = None  # seconds from the call to the model's first token (None: no model call)
    first_text_s: float | None = None  # seconds from the call to the first text shown


class ThoughtRecord(BaseModel):
    """The thought record of a guided conversation so far."""

    model_config = ConfigDict(extra="forbid")

    cognition: Cognition = Field(default_factory=Cognition)
    verdicts: list[Verdict] = Field(default_factory=list)
    step: str | None = None  # where the CRDial plan stands, e.g. "defense (loop 1, channel 2)"


class PeppyStream:
    """The text of one Peppy turn as it may be shown; `reply` is set once it is done.

    Async iteration (`async for`) in async code; plain iteration when it came from
    `Peppy.stream`. Closing it early (`aclose()` / `close()`, or cancelling the task
    that iterates it) stops the model and keeps the turn as far as it was shown.
    """

    def __init__(self, peppy: Peppy, text: str, runner: asyncio.Runner | None = None) -> None:
        self._peppy = peppy
        self._runner = runner
        self.reply: PeppyReply | None = None
        self._agen: AsyncGenerator[str, None] = peppy._turn(text, self)

    def __aiter__(self) -> AsyncIterator[str]:
        return self._agen

    async def aclose(self) -> None:
        await self._agen.aclose()

    async def text(self) -> str:
        async for _ in self._agen:
            pass
        assert self.reply is not None  # set by the generator's finally
        return self.reply.text

    def __iter__(self) -> Iterator[str]:
        if self._runner is None:
            raise TypeError("this stream came from astream(); iterate it with `async for`")
        try:
            while True:
                try:
                    yield self._runner.run(_next(self._agen))
                except StopAsyncIteration:
                    return
        finally:
            self.close()

    def close(self) -> None:
        if self._runner is not None:
            self._runner.run(_close(self._agen))


async def _next(agen: AsyncIterator[str]) -> str:
    return await agen.__anext__()


async def _close(agen: Any) -> None:
    await agen.aclose()


class Peppy:
    """A CR counsellor for one conversation. See the module docstring."""

    def __init__(
        self,
        model: str | ChatModel = "default",
        *,
        lang: LangChoice | Lang = "auto",
        guided: bool = False,
        system_prompt: str | None = None,
        max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
        temperature: float | None = None,
        context_tokens: int | None = None,
        locale: str | None = None,
    ) -> None:
        if guided and system_prompt is not None:
            raise ConfigError("a custom system prompt applies to model mode; guided mode uses the CRDial prompts")
        if lang not in ("en", "zh", "auto"):
            raise ConfigError(f"lang {lang!r} is not supported; use 'en', 'zh' or 'auto'")
        self._owns_model = isinstance(model, str)
        if isinstance(model, str):
            from crisp.llm import load_model

            model = load_model(model)
        self.model: ChatModel = model
        self.guided = guided
        self.system_prompt = system_prompt
        self.params = GenerationParams(max_new_tokens=max_new_tokens, temperature=temperature)
        self.context_tokens = context_tokens or context_window(model)
        self._count = token_counter(model)
        self._lang_choice: Lang | None = None if lang == "auto" else Lang(lang)
        self._safety = SafetyGuard(locale)
        self._runner: asyncio.Runner | None = None
        self.last_reply: PeppyReply | None = None
        self._reset_state()

    def _reset_state(self) -> None:
        self._history: list[Message] = []  # model mode: what the model sees (its own replies raw, tags kept)
        self._record: CrispRecord | None = None  # model mode
        self._session: Any = None  # guided mode: a crisp.dialogue.Session
        self._counsellor: Any = None
        self._safety.reset()

    # -- state -----------------------------------------------------------------------------
    @property
    def lang(self) -> Lang | None:
        """The conversation's language; None until the first message when it is chosen automatically."""
        if self._session is not None:
            return self._session.lang
        if self._record is not None:
            return self._record.language
        return self._lang_choice

    def set_lang(self, lang: LangChoice | Lang) -> None:
        """Switch language (`auto`: decide from the next first message)."""
        if lang == "auto":
            if self.started:
                raise InputError("the conversation has started, its language is set; /reset first to choose it again")
            self._lang_choice = None
            return
        chosen = Lang(lang)
        if self._session is not None and chosen is not self._session.lang:
            raise InputError("a guided conversation keeps its language; /reset first to change it")
        self._lang_choice = chosen
        if self._record is not None:
            self._record.language = chosen

    @property
    def started(self) -> bool:
        return self._record is not None or self._session is not None

    @property
    def record(self) -> CrispRecord | None:
        """The conversation as a Crisp record (None before the first message)."""
        return self._session.record if self._session is not None else self._record

    @property
    def history(self) -> list[Message]:
        """The conversation as chat messages (person = user, Peppy = assistant), without the system prompt."""
        if self._session is not None:
            return self._session.messages_as("counsellor")
        return list(self._history)

    @property
    def thought_record(self) -> ThoughtRecord:
        """The thought record so far (filled in guided mode; empty in model mode)."""
        record = self.record
        if record is None:
            return ThoughtRecord()
        step = self._session.step.describe() if self._session is not None else None
        return ThoughtRecord(
            cognition=record.cognition.model_copy(deep=True),
            verdicts=[v.model_copy() for v in record.verdicts],
            step=step,
        )

    def system_message(self, lang: Lang) -> Message:
        from crisp.prompts.peppy import peppy_system_prompt

        return Message(role="system", content=self.system_prompt or peppy_system_prompt(lang))

    def reset(self) -> None:
        """Start a new conversation with the same model and settings."""
        self._reset_state()

    # -- turns -----------------------------------------------------------------------------
    async def areply(self, text: str) -> PeppyReply:
        stream = self.astream(text)
        await stream.text()
        assert stream.reply is not None
        return stream.reply

    def astream(self, text: str) -> PeppyStream:
        """The reply to `text`, as an async iterator of text pieces that may be shown."""
        return PeppyStream(self, text)

    def reply(self, text: str) -> PeppyReply:
        return self._loop().run(self.areply(text))

    def stream(self, text: str) -> PeppyStream:
        """The reply to `text`, as an iterator of text pieces (for code without an event loop)."""
        return PeppyStream(self, text, runner=self._loop())

    async def _turn(self, text: str, out: PeppyStream) -> AsyncGenerator[str, None]:
        text = _clean_message(text)
        lang = self._language_for(text)
        turn = _TurnResult(lang=lang)
        started = turn.started
        try:
            assessment = self._safety.assess(text, lang)
            turn.level = assessment.level.value
            if assessment.needs_safe_response:
                turn.answered_by = "safety"
                turn.shown = self._safety.safe_reply(assessment)
                turn.first_text_s = time.perf_counter() - started
                yield turn.shown
            elif self.guided:
                async for piece in self._guided_turn(text, turn):
                    if turn.first_text_s is None:
                        turn.first_text_s = time.perf_counter() - started
                    yield piece
            else:
                async for piece in self._model_turn(text, turn):
                    if turn.first_text_s is None:
                        turn.first_text_s = time.perf_counter() - started
                    yield piece
            turn.finished = True
        finally:
            self._commit(text, turn)
            out.reply = self.last_reply = PeppyReply(
                text=turn.shown,
                safety=SafetyResult(level=turn.level, answered_by=turn.answered_by, reply_blocked=turn.blocked),
                model=self.model.spec,
                usage=turn.usage,
                stopped=not turn.finished,
                first_token_s=turn.first_token_s,
                first_text_s=turn.first_text_s,
            )

    async def _model_turn(self, text: str, turn: _TurnResult) -> AsyncIterator[str]:
        lang = turn.lang
        messages = fit_history(
            self.system_message(lang),
            self._history,
            Message(role="user", content=text),
            window=self.context_tokens,
            reply_tokens=self.params.max_new_tokens,
            count=self._count,
        )
        gate = ReplyGate(lang, lambda visible: self._safety.reply_ok(visible, lang))
        turn.gate = gate
        stream: ChatStream = self.model.stream(messages, self.params)
        try:
            async for delta in stream:
                if turn.first_token_s is None:
                    turn.first_token_s = time.perf_counter() - turn.started
                piece = gate.feed(delta)
                if piece:
                    turn.shown += piece
                    yield piece
                if gate.blocked:
                    break
            else:
                piece = gate.finish()
                if piece:
                    turn.shown += piece
                    yield piece
        finally:
            await stream.aclose()
            if stream.completion is not None:
                turn.usage = stream.completion.usage
        if gate.blocked:
            turn.blocked = True
            replacement = self._safety.replacement(visible_text(gate.raw, lang), lang)
            piece = _joined(turn.shown, replacement, lang)
            turn.replacement = replacement
            turn.shown += piece
            yield piece

    async def _guided_turn(self, text: str, turn: _TurnResult) -> AsyncIterator[str]:
        from crisp.dialogue.crdial import CRDialCounsellor

        if self._session is None:
            self._session = _new_guided_session(text, turn.lang, self.model.spec)
            turn.new_session = True
        if self._counsellor is None:
            room = max(self.params.max_new_tokens, GUIDED_MIN_NEW_TOKENS)
            self._counsellor = CRDialCounsellor(self.model, params=self.params.model_copy(update={"max_new_tokens": room}))
        session = self._session
        turn.session_mark = _SessionMark.of(session)
        session.add_client(text)
        before = self.model.usage.total
        counsellor_turn: CounsellorTurn = await self._counsellor.reply(session)
        turn.usage = _usage_since(before, self.model.usage.total)
        turn.guided_turn = counsellor_turn
        # The structured call returns the whole turn at once: check and show it sentence by sentence.
        kept: list[Sentence] = []
        for sentence in counsellor_turn.sentences:
            candidate = counsellor_turn.model_copy(update={"sentences": [*kept, sentence]}).text(turn.lang)
            if not self._safety.reply_ok(candidate, turn.lang):
                turn.blocked = True
                break
            piece = candidate[len(turn.shown) :]
            kept.append(sentence)
            turn.shown = candidate
            yield piece
        if turn.blocked:
            replacement = self._safety.replacement(counsellor_turn.text(turn.lang), turn.lang)
            kept.append(Sentence(text=replacement, strategy=None))
            counsellor_turn.sentences = kept
            piece = _joined(turn.shown, replacement, turn.lang)
            turn.shown += piece
            yield piece

    def _commit(self, text: str, turn: _TurnResult) -> None:
        """Put the exchange on the conversation as far as it was shown."""
        if self.guided:
            self._commit_guided(text, turn)
            return
        if not turn.shown:
            return  # stopped before anything was shown: as if the message was never sent
        if self._record is None:
            self._record = transcript.new_record(text, turn.lang, mode=transcript.MODEL_MODE, model_spec=self.model.spec)
        record = self._record
        record.turns.append(ClientTurn(content=text))
        if turn.answered_by == "safety":
            sentences = transcript.plain_sentences(turn.shown)
            raw = turn.shown
            transcript.mark_safety_turn(record, len(record.turns), turn.level)
        else:
            raw = turn.gate.released_raw if turn.gate is not None else turn.shown
            sentences = transcript.sentences_from_reply(raw)
            if turn.replacement:
                sentences.append(Sentence(text=turn.replacement, strategy=None))
                raw = _joined(raw, turn.replacement, turn.lang) if raw else turn.replacement
                transcript.mark_safety_turn(record, len(record.turns), turn.level)
        record.turns.append(CounsellorTurn(sentences=sentences))
        self._history += [Message(role="user", content=text), Message(role="assistant", content=raw)]

    def _commit_guided(self, text: str, turn: _TurnResult) -> None:
        session = self._session
        if turn.answered_by == "safety":
            if session is None:
                session = self._session = _new_guided_session(text, turn.lang, self.model.spec)
            transcript.add_unplanned_exchange(session, text, transcript.plain_sentences(turn.shown))
            transcript.mark_safety_turn(session.record, len(session.record.turns) - 1, turn.level)
            return
        if turn.finished:
            if turn.blocked:
                transcript.mark_safety_turn(session.record, len(session.record.turns) - 1, turn.level)
            return
        # Stopped part-way: the plan may have moved; keep what was shown, or undo the exchange.
        if turn.session_mark is None:
            return
        if turn.guided_turn is not None and turn.shown:
            turn.guided_turn.sentences = _sentences_shown(turn.guided_turn.sentences, turn.shown, turn.lang)
            return
        if turn.new_session:
            self._session = None
        else:
            turn.session_mark.restore(session)

    def _language_for(self, text: str) -> Lang:
        current = self.lang
        if current is not None:
            return current
        return detect_language(text) or Lang.EN

    # -- files -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the conversation as a Crisp record (JSON). Nothing is written otherwise."""
        record = self.record
        if record is None:
            raise InputError("nothing to save yet: the conversation has not started")
        return transcript.save_record(record, path)

    def load(self, path: str | Path) -> CrispRecord:
        """Continue the conversation saved in `path` (replaces the current one)."""
        return self.resume(transcript.load_record(path))

    def resume(self, record: CrispRecord) -> CrispRecord:
        """Continue the conversation in `record` (in memory; replaces the current one), the safety
        tracker replayed over the person's earlier messages."""
        if self.guided:
            session = transcript.restore_session(record)
            self._reset_state()
            self._session = session
            transcript.stamp(session.record, mode=transcript.GUIDED_MODE, model_spec=self.model.spec)
        else:
            self._reset_state()
            self._record = record.model_copy(deep=True)
            transcript.stamp(self._record, mode=transcript.MODEL_MODE, model_spec=self.model.spec)
            self._history = [
                Message(role="user" if isinstance(t, ClientTurn) else "assistant", content=t.text(record.language))
                for t in record.turns
            ]
        self._lang_choice = record.language
        self._record_end_reason()
        person = [t.content for t in record.turns if isinstance(t, ClientTurn)]
        self._safety.replay(person, record.language)
        return record

    def _record_end_reason(self) -> None:
        record = self.record
        if record is not None:
            record.end_reason = "user_ended"

    # -- lifetime --------------------------------------------------------------------------
    def _loop(self) -> asyncio.Runner:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("Peppy.reply() and Peppy.stream() block; inside async code use await peppy.areply() "
                               "or async for piece in peppy.astream()")
        if self._runner is None:
            self._runner = asyncio.Runner()
        return self._runner

    async def aclose(self) -> None:
        """Release the model if this object loaded it."""
        if self._owns_model:
            await self.model.aclose()

    def close(self) -> None:
        if self._owns_model:
            self._loop().run(self.model.aclose())
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


# -- helpers -------------------------------------------------------------------------------


class _TurnResult:
    """What one turn produced, filled in as it goes (read by `_commit` even after a cancel)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.level = "none"
        self.answered_by: Literal["model", "safety"] = "model"
        self.shown = ""
        self.blocked = False
        self.replacement = ""
        self.finished = False
        self.started = time.perf_counter()
        self.first_token_s: float | None = None
        self.first_text_s: float | None = None
        self.usage = Usage()
        self.gate: ReplyGate | None = None
        self.guided_turn: CounsellorTurn | None = None
        self.session_mark: _SessionMark | None = None
        self.new_session = False


class _SessionMark:
    """Enough of a guided session to undo one exchange that was stopped before anything was shown."""

    def __init__(self, record: CrispRecord, state: Any, turns_in_step: int) -> None:
        self.record = record
        self.state = state
        self.turns_in_step = turns_in_step

    @classmethod
    def of(cls, session: Any) -> _SessionMark:
        return cls(session.record.model_copy(deep=True), session.state, session.turns_in_step)

    def restore(self, session: Any) -> None:
        session.record = self.record
        session.state = self.state
        session.turns_in_step = self.turns_in_step


def _new_guided_session(text: str, lang: Lang, spec: str) -> Any:
    from crisp.dialogue.session import Session

    session = Session(transcript.new_seed(text, lang))
    transcript.stamp(session.record, mode=transcript.GUIDED_MODE, model_spec=spec)
    session.record.end_reason = "user_ended"
    return session


def _clean_message(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError("the message is empty; type something to send")
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise InputError(f"the message is {len(cleaned)} characters long; at most {MAX_MESSAGE_CHARS} fit in a turn")
    return cleaned


def _joined(shown: str, addition: str, lang: Lang) -> str:
    """`addition` as it continues `shown` (a space between English sentences)."""
    if not shown or lang is Lang.ZH or shown.endswith(("\n", " ")):
        return addition
    return " " + addition


def _sentences_shown(sentences: list[Sentence], shown: str, lang: Lang) -> list[Sentence]:
    kept: list[Sentence] = []
    for sentence in sentences:
        candidate = CounsellorTurn(sentences=[*kept, sentence]).text(lang)
        if len(candidate) > len(shown):
            break
        kept.append(sentence)
    return kept


def _usage_since(before: Usage, after: Usage) -> Usage:
    return Usage(
        prompt_tokens=after.prompt_tokens - before.prompt_tokens,
        completion_tokens=after.completion_tokens - before.completion_tokens,
        cached_tokens=after.cached_tokens - before.cached_tokens,
        calls=after.calls - before.calls,
    )


__all__ = ["Peppy", "PeppyReply", "PeppyStream", "SafetyResult", "ThoughtRecord"]
