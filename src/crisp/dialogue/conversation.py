"""One conversation with a person (or a simulated client): the engine that chat, the web app and
evaluation all drive (DESIGN.md, "One conversation, driven from outside").

A `Conversation` owns, and nothing outside it keeps a second copy of:

- the Crisp record as it grows, inside a dialogue `Session` (unplanned in model mode, on the
  CRDial plan in guided mode), plus the model's raw replies (strategy tags kept) where the model
  needs to see them again;
- the counsellor in use: the model itself (model mode: `ModelCounsellor`, as Crispers was trained)
  or `CRDialCounsellor` driving any model (guided mode);
- the session's safety state (`SafetyGuard`). Every message is screened before any model sees it;
  at `moderate` and above the model is not called and the safety layer's scripted reply answers.
  Every reply is released sentence by sentence through `ReplyGate`, each release checked; a reply
  that fails stops there and the safety layer's replacement is shown instead. A caller cannot
  forget either, because `turn` does both. The one exception is an explicit, evaluation-only
  option, `screening=Screening.UNSCREENED_FOR_EVALUATION` (`crisp.dialogue.safety_guard`): no
  screen and no reply check, so `crisp eval safety` can measure what the layer adds. Chat and
  serve never pass it.

A turn goes in as text and comes out as a `TurnStream`: async pieces of text that may be shown,
and a `TurnReply` at the end (what was shown, the risk level, who answered, usage, timings). A
caller that stops the stream early keeps the turn as far as it was shown; a turn stopped before
anything was shown is undone, as if the message was never sent. The caller never needs to know
which mode it drives. A batch caller that shows nothing as it comes (evaluation) may ask for each
model-mode reply in one call (`stream_replies=False`), which the model's response cache answers on a
re-run; the gate and the check are the same.

Not here: loading a model from a spec, files, event loops for sync code (`crisp.chat.peppy`), and
rendering (`crisp.chat.repl`, the web app).
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, AsyncIterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from crisp.cr.language import detect_language, letter_weight, sentence_gap
from crisp.cr.schema import MAX_TEXT_CHARS, ClientTurn, Cognition, CounsellorTurn, CrispRecord, Sentence, Verdict
from crisp.cr.taxonomy import Lang
from crisp.dialogue import records
from crisp.dialogue.gate import ReplyGate, visible_text
from crisp.dialogue.history import context_window, fit_history, token_counter
from crisp.dialogue.records import Mode
from crisp.dialogue.reply_format import ReplyFormat, choose_reply_format, grammar_for, system_prompt_for
from crisp.dialogue.safety_guard import UNSCREENED_LEVEL, Screening, safety_guard_for
from crisp.dialogue.session import Session
from crisp.errors import ConfigError, InputError
from crisp.llm.base import ChatModel, ChatStream, Completion, GenerationParams, Message, Usage

if TYPE_CHECKING:
    from crisp.cr.schema import Persona, Seed

LangChoice = Literal["en", "zh", "auto"]

MAX_MESSAGE_CHARS = MAX_TEXT_CHARS
DEFAULT_MAX_NEW_TOKENS = 512  # the release's recipe
# How much a message must say (`letter_weight`) before it moves the conversation to another language.
MIN_SWITCH_WEIGHT = 6
# Guided mode's counsellor answers in JSON (its sentences and what the step found): a reply cut
# short by the token limit is not valid JSON, so it always gets at least this much room.
GUIDED_MIN_NEW_TOKENS = 1024


def check_conversation_options(*, lang: str, guided: bool, system_prompt: str | None) -> None:
    """The one check of option conflicts; the CLI calls it before loading a model, the engine on creation."""
    if lang not in ("en", "zh", "auto"):
        raise ConfigError(f"language {lang!r} is not supported; use en, zh or auto")
    if guided and system_prompt is not None:
        raise ConfigError("a custom system prompt applies to model mode; guided mode uses the CRDial prompts")


class SafetyResult(BaseModel):
    """What the safety layer decided for one turn."""

    model_config = ConfigDict(extra="forbid")

    level: str  # risk level of the person's message (`unscreened`: no screen read it, evaluation only)
    answered_by: Literal["model", "safety"] = "model"
    reply_blocked: bool = False  # the reply check stopped the model's reply and replaced the rest


class TurnReply(BaseModel):
    """One turn: what the person saw and how it came about."""

    model_config = ConfigDict(extra="forbid")

    text: str
    safety: SafetyResult
    model: str
    usage: Usage = Field(default_factory=Usage)
    stopped: bool = False  # cut short by the caller (Ctrl-C, closing the stream)
    first_token_s: float | None = None  # seconds from the call to the model's first token (None: no model call)
    first_text_s: float | None = None  # seconds from the call to the first text shown


class ThoughtRecord(BaseModel):
    """The thought record of a conversation so far (filled in guided mode)."""

    model_config = ConfigDict(extra="forbid")

    cognition: Cognition = Field(default_factory=Cognition)
    verdicts: list[Verdict] = Field(default_factory=list)
    step: str | None = None  # where the CRDial plan stands, e.g. "defense (loop 1, channel 2)"


class ModelCounsellor:
    """Model mode: the model itself is the counsellor, given the conversation and a system prompt.

    How it is asked depends on the reply format (`crisp.dialogue.reply_format`): the release's Peppy
    prompt, verbatim, for Crispers and other capable models; a CR prompt and a reply grammar for the
    small embedded models. A custom system prompt replaces either, with free text. The conversation
    is trimmed to the context window by whole turns (`crisp.dialogue.history`); the model sees its
    own earlier replies raw, tags included.
    """

    def __init__(self, model: ChatModel, params: GenerationParams, *, system_prompt: str | None,
                 context_tokens: int | None, reply_format: ReplyFormat | None = None) -> None:
        self.model = model
        self.params = params
        self.system_prompt = system_prompt
        self.reply_format = ReplyFormat.RELEASE if system_prompt else choose_reply_format(model, reply_format)
        self.context_tokens = context_tokens or context_window(model)
        self._count = token_counter(model)

    def system_message(self, lang: Lang) -> Message | None:
        content = self.system_prompt or system_prompt_for(self.reply_format, lang, self.model)
        return Message(role="system", content=content) if content is not None else None

    def request(self, history: list[Message], text: str, lang: Lang) -> tuple[list[Message], GenerationParams]:
        """The messages and settings of the call that answers `text`."""
        messages = fit_history(
            self.system_message(lang),
            history,
            Message(role="user", content=text),
            window=self.context_tokens,
            reply_tokens=self.params.max_new_tokens,
            count=self._count,
        )
        grammar = grammar_for(self.reply_format, lang)
        params = self.params.model_copy(update={"grammar": grammar}) if grammar else self.params
        return messages, params

    def stream(self, history: list[Message], text: str, lang: Lang) -> ChatStream:
        return self.model.stream(*self.request(history, text, lang))

    async def complete(self, history: list[Message], text: str, lang: Lang) -> Completion:
        """The same call in one piece, through the model's response cache when it has one."""
        return await self.model.complete(*self.request(history, text, lang))


class TurnStream:
    """The text of one turn as it may be shown; `reply` is set once it is done.

    Iterate it with `async for`. Closing it early (`aclose()`, or cancelling the task that iterates
    it) stops the model and keeps the turn as far as it was shown.
    """

    def __init__(self, conversation: Conversation, text: str) -> None:
        self.reply: TurnReply | None = None
        self._agen: AsyncGenerator[str, None] = conversation._turn(text, self)

    def __aiter__(self) -> AsyncIterator[str]:
        return self._agen

    async def __anext__(self) -> str:
        return await self._agen.__anext__()

    async def aclose(self) -> None:
        await self._agen.aclose()

    async def text(self) -> str:
        async for _ in self._agen:
            pass
        assert self.reply is not None  # set by the generator's finally
        return self.reply.text


class Conversation:
    """One conversation with a counsellor behind the safety layer. See the module docstring."""

    def __init__(
        self,
        model: ChatModel,
        *,
        lang: LangChoice | Lang = "auto",
        guided: bool = False,
        system_prompt: str | None = None,
        max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS,
        temperature: float | None = None,
        context_tokens: int | None = None,
        locale: str | None = None,
        reply_format: ReplyFormat | None = None,
        stream_replies: bool = True,
        screening: Screening = Screening.SCREENED,
    ) -> None:
        check_conversation_options(lang=str(lang), guided=guided, system_prompt=system_prompt)
        self.model = model
        self.guided = guided
        # False: each model-mode reply is one `complete` call (cacheable), then fed to the gate as a stream.
        self.stream_replies = stream_replies
        params = GenerationParams(max_new_tokens=max_new_tokens, temperature=temperature)
        self._model_counsellor = ModelCounsellor(model, params, system_prompt=system_prompt,
                                                 context_tokens=context_tokens, reply_format=reply_format)
        self._crdial_counsellor = None  # made on the first guided turn
        self._pinned_lang: Lang | None = None if lang == "auto" else Lang(lang)  # None: follow the person
        self._safety = safety_guard_for(screening, locale)
        self.last_reply: TurnReply | None = None
        self._reset_state()

    def _reset_state(self) -> None:
        self.session: Session | None = None
        self._raw: dict[int, str] = {}  # model mode: turn index -> the model's reply as written (tags kept)
        self._safety.reset()

    # -- reading -----------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return records.GUIDED_MODE if self.guided else records.MODEL_MODE

    @property
    def screening(self) -> Screening:
        """Whether the safety layer screens this conversation (always, outside evaluation)."""
        return self._safety.screening

    @property
    def system_prompt(self) -> str | None:
        return self._model_counsellor.system_prompt

    @property
    def params(self) -> GenerationParams:
        """The sampling settings of the counsellor's replies."""
        return self._model_counsellor.params

    @params.setter
    def params(self, params: GenerationParams) -> None:
        self._model_counsellor.params = params
        self._crdial_counsellor = None  # made again with the new settings

    @property
    def reply_format(self) -> ReplyFormat:
        return self._model_counsellor.reply_format

    @property
    def context_tokens(self) -> int:
        return self._model_counsellor.context_tokens

    def system_message(self, lang: Lang) -> Message | None:
        return self._model_counsellor.system_message(lang)

    @property
    def lang(self) -> Lang | None:
        """The language of the conversation now: the pinned one, else that of the person's latest message
        (None before the first message in auto mode)."""
        if self._pinned_lang is not None:
            return self._pinned_lang
        return self.session.lang if self.session is not None else None

    @property
    def lang_pinned(self) -> bool:
        return self._pinned_lang is not None

    @property
    def started(self) -> bool:
        return self.session is not None

    @property
    def record(self) -> CrispRecord | None:
        """The conversation as a Crisp record (None before the first message)."""
        return self.session.record if self.session is not None else None

    @property
    def history(self) -> list[Message]:
        """The conversation as the model sees it (person = user, counsellor = assistant, raw replies),
        without the system prompt."""
        if self.session is None:
            return []
        lang = self.session.lang
        return [
            Message(role="user", content=turn.text(turn.lang_in(lang))) if isinstance(turn, ClientTurn)
            else Message(role="assistant", content=self._raw.get(index, turn.text(turn.lang_in(lang))))
            for index, turn in enumerate(self.session.record.turns)
        ]

    @property
    def thought_record(self) -> ThoughtRecord:
        if self.session is None:
            return ThoughtRecord()
        record = self.session.record
        return ThoughtRecord(
            cognition=record.cognition.model_copy(deep=True),
            verdicts=[v.model_copy() for v in record.verdicts],
            step=self.session.step.describe() if self.session.planned else None,
        )

    # -- settings ----------------------------------------------------------------------------
    def set_lang(self, lang: LangChoice | Lang) -> None:
        """Pin the language of the replies (`auto`: follow the language of each message the person writes)."""
        if lang not in ("en", "zh", "auto"):
            raise InputError(f"language {lang!r} is not supported; use en, zh or auto")
        self._pinned_lang = None if lang == "auto" else Lang(lang)

    def reset(self) -> None:
        """Start a new conversation with the same model and settings."""
        self._reset_state()

    def start(self, seed: Seed, *, persona: Persona | None = None, record_id: str | None = None) -> None:
        """Start a new conversation about a known situation before its first message (a simulated
        client's seed and persona, in evaluation); otherwise the first message is the seed."""
        self._reset_state()
        self.session = Session(seed, persona=persona, record_id=record_id, planned=self.guided)
        self._stamp(self.session.record)

    def resume(self, record: CrispRecord) -> None:
        """Continue the conversation `record` holds (replaces the current one). The safety state is
        rebuilt from the person's earlier messages, so a crisis earlier in it still holds."""
        if self.guided:
            session = records.restore_session(record)
        else:
            session = Session(record.seed, persona=record.persona, record_id=record.id, planned=False)
            session.record = record.model_copy(deep=True)
        self._reset_state()
        self.session = session
        self._stamp(session.record)
        person = [(t.content, t.lang_in(record.language)) for t in record.turns if isinstance(t, ClientTurn)]
        if person and person[-1][1] is not record.language:
            session.switched_lang = person[-1][1]  # the conversation goes on in the language it ended in
        self._safety.replay(person)

    # -- turns -------------------------------------------------------------------------------
    def turn(self, text: str) -> TurnStream:
        """The reply to `text`, as an async stream of text pieces that may be shown."""
        return TurnStream(self, text)

    async def reply(self, text: str) -> TurnReply:
        stream = self.turn(text)
        await stream.text()
        assert stream.reply is not None
        return stream.reply

    async def _turn(self, text: str, out: TurnStream) -> AsyncGenerator[str, None]:
        text = clean_message(text)
        lang = self._turn_language(text)
        turn = _TurnState(lang)
        try:
            assessment = self._safety.assess(text, lang)
            turn.level = UNSCREENED_LEVEL if assessment is None else assessment.level.value
            self._open(text, lang, turn)
            if assessment is not None and assessment.needs_safe_response:
                turn.answered_by = "safety"
                turn.shown = self._safety.safe_reply(assessment)
                turn.first_text_s = time.perf_counter() - turn.started
                yield turn.shown
            else:
                async for piece in self._released(text, turn):
                    if turn.first_text_s is None:
                        turn.first_text_s = time.perf_counter() - turn.started
                    yield piece
            turn.finished = True
        finally:
            self._commit(text, turn)
            out.reply = self.last_reply = TurnReply(
                text=turn.shown,
                safety=SafetyResult(level=turn.level, answered_by=turn.answered_by, reply_blocked=turn.blocked),
                model=self.model.spec,
                usage=turn.usage,
                stopped=not turn.finished,
                first_token_s=turn.first_token_s,
                first_text_s=turn.first_text_s,
            )

    def _turn_language(self, text: str) -> Lang:
        """The language of this turn's reply: the pinned one, else the main script of the message (a message
        that shows none, such as "ok", keeps the language of the conversation)."""
        if self._pinned_lang is not None:
            return self._pinned_lang
        detected = detect_language(text)
        if self.session is None:
            return detected or Lang.EN
        current = self.session.lang
        # A word or two ("ok", "yes") says too little to leave the conversation's language on.
        if detected is None or detected is current or letter_weight(text) < MIN_SWITCH_WEIGHT:
            return current
        return detected

    def _open(self, text: str, lang: Lang, turn: _TurnState) -> None:
        """Make sure there is a session in this turn's language, and note enough to undo this exchange."""
        if self.session is None:
            self.session = Session(records.new_seed(text, lang), planned=self.guided)
            self._stamp(self.session.record)
            turn.new_session = True
        turn.mark = _SessionMark(self.session)
        session = self.session
        session.switched_lang = None if lang is session.record.language else lang

    def _stamp(self, record: CrispRecord) -> None:
        records.stamp(record, mode=self.mode, model_spec=self.model.spec)
        record.end_reason = "user_ended"
        if self.screening is not Screening.SCREENED:
            record.provenance.generation["screening"] = self.screening.value

    async def _released(self, text: str, turn: _TurnState) -> AsyncIterator[str]:
        """The counsellor's reply, released through the gate; a blocked reply ends with the replacement."""
        lang = turn.lang
        gate = ReplyGate(lang, lambda visible: self._safety.reply_ok(visible, lang))
        turn.gate = gate
        async for delta in self._counsellor_text(text, turn):
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
        turn.released = turn.shown
        if gate.blocked:
            turn.blocked = True
            turn.replacement = self._safety.replacement(visible_text(gate.raw, lang), lang)
            piece = joined(turn.shown, turn.replacement, lang)
            turn.shown += piece
            yield piece

    async def _counsellor_text(self, text: str, turn: _TurnState) -> AsyncIterator[str]:
        """What the counsellor writes, as raw text deltas."""
        session = self.session
        assert session is not None  # opened by _open
        if not self.guided and not self.stream_replies:
            completion = await self._model_counsellor.complete(self.history, text, turn.lang)
            turn.usage = Usage() if completion.from_cache else completion.usage  # what this turn paid
            # A character at a time, as a stream could bring it: the gate then releases and checks sentence
            # by sentence, so what passes is what a person would have been shown.
            for char in completion.text:
                yield char
            return
        if not self.guided:
            stream = self._model_counsellor.stream(self.history, text, turn.lang)
            try:
                async for delta in stream:
                    yield delta
            finally:
                await stream.aclose()
                if stream.completion is not None:
                    turn.usage = stream.completion.usage
            return
        # Guided: the CRDial counsellor speaks first and reports what the step found after; each sentence
        # goes out as soon as the model has written it, and the turn is on the session once it ends.
        session.add_client(text)
        before = self.model.usage.total
        counsellor = self._guided_counsellor()
        try:
            async for sentence in counsellor.speak(session):
                gap = sentence_gap(turn.spoken[-1].text, sentence.text, turn.lang) if turn.spoken else ""
                turn.spoken.append(sentence)
                yield gap + sentence.text
            turn.guided_turn = counsellor.last_turn
        finally:
            turn.usage = _usage_since(before, self.model.usage.total)

    def _guided_counsellor(self):  # -> CRDialCounsellor
        if self._crdial_counsellor is None:
            from crisp.dialogue.crdial import CRDialCounsellor

            room = max(self.params.max_new_tokens, GUIDED_MIN_NEW_TOKENS)
            self._crdial_counsellor = CRDialCounsellor(
                self.model, params=self.params.model_copy(update={"max_new_tokens": room})
            )
        return self._crdial_counsellor

    def _commit(self, text: str, turn: _TurnState) -> None:
        """Put the exchange on the record as far as it was shown; undo it when nothing was."""
        session = self.session
        if session is None or turn.mark is None:
            return  # failed before the session was opened: nothing to keep or undo
        if not turn.shown:
            if turn.new_session:
                self.session = None
            else:
                turn.mark.restore(session)
            return
        record = session.record
        if turn.answered_by == "safety":
            records.add_unplanned_exchange(session, text, records.plain_sentences(turn.shown))
            records.mark_safety_turn(record, len(record.turns) - 1, turn.level)
            return
        if self.guided:
            counsellor_turn = turn.guided_turn
            if turn.blocked or not turn.finished or counsellor_turn is None:
                said = counsellor_turn.sentences if counsellor_turn is not None else turn.spoken
                kept = sentences_shown(said, turn.shown if turn.released is None else turn.released, turn.lang)
                if turn.replacement:
                    kept.append(Sentence(text=turn.replacement, strategy=None))
                if counsellor_turn is None:  # stopped while it spoke: the plan stays where it was
                    session.add_counsellor(kept)
                else:
                    counsellor_turn.sentences = kept
        else:
            assert turn.gate is not None
            raw = turn.gate.released_raw
            sentences = records.sentences_from_reply(raw)
            if turn.replacement:
                sentences.append(Sentence(text=turn.replacement, strategy=None))
                raw = joined(raw, turn.replacement, turn.lang) if raw else turn.replacement
            session.add_client(text)
            session.add_counsellor(sentences)
            self._raw[len(record.turns) - 1] = raw
        if turn.blocked:
            records.mark_safety_turn(record, len(record.turns) - 1, turn.level)


# -- helpers -------------------------------------------------------------------------------------


class _TurnState:
    """What one turn produced, filled in as it goes (read by `_commit` even after a cancel)."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.level = "none"
        self.answered_by: Literal["model", "safety"] = "model"
        self.shown = ""
        self.released: str | None = None  # what the gate released of the counsellor's own text (before any replacement)
        self.blocked = False
        self.replacement = ""
        self.finished = False
        self.started = time.perf_counter()
        self.first_token_s: float | None = None
        self.first_text_s: float | None = None
        self.usage = Usage()
        self.gate: ReplyGate | None = None
        self.guided_turn: CounsellorTurn | None = None
        self.spoken: list[Sentence] = []  # guided: the sentences the counsellor has written so far
        self.mark: _SessionMark | None = None
        self.new_session = False


class _SessionMark:
    """Enough of a session to undo one exchange that was stopped before anything was shown."""

    def __init__(self, session: Session) -> None:
        self.record = session.record.model_copy(deep=True)
        self.state = session.state
        self.turns_in_step = session.turns_in_step
        self.switched_lang = session.switched_lang

    def restore(self, session: Session) -> None:
        session.record = self.record
        session.state = self.state
        session.turns_in_step = self.turns_in_step
        session.switched_lang = self.switched_lang


def clean_message(text: str) -> str:
    """The person's message, stripped; empty or overlong messages are refused with a clear error."""
    cleaned = text.strip()
    if not cleaned:
        raise InputError("the message is empty; type something to send")
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise InputError(f"the message is {len(cleaned)} characters long; at most {MAX_MESSAGE_CHARS} fit in a turn")
    return cleaned


def joined(shown: str, addition: str, lang: Lang) -> str:
    """`addition` as it continues `shown` (a space between English sentences)."""
    if not shown or shown.endswith(("\n", " ")):
        return addition
    return sentence_gap(shown, addition, lang) + addition


def sentences_shown(sentences: list[Sentence], shown: str, lang: Lang) -> list[Sentence]:
    """The leading sentences whose text fits in what was shown."""
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


__all__ = [
    "Conversation",
    "ModelCounsellor",
    "SafetyResult",
    "ThoughtRecord",
    "TurnReply",
    "TurnStream",
    "check_conversation_options",
    "clean_message",
]
