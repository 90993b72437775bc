"""Peppy: the counsellor a person talks to, as a Python API.

    from crisp import Peppy

    peppy = Peppy()                                  # the embedded default model
    print(peppy.reply("I failed my driving test again and I feel useless.").text)
    for piece in peppy.stream("I keep thinking everyone is laughing at me."):
        print(piece, end="", flush=True)

    peppy = Peppy(model="hf:thu-coai/Crispers-7B-v1", lang="zh")
    reply = await peppy.areply("我总觉得自己什么都做不好。")

Peppy is a thin front to one `crisp.dialogue.conversation.Conversation`, the engine that the
terminal, the web app and evaluation share. The engine does the work, and the safety layer is part
of it, so nothing here can skip it:

- model mode (default): the model itself is the counsellor, as Crispers was trained to be, with the
  release's Peppy system prompt (or `system_prompt`); strategy tags it writes are stripped before
  display and kept in the record;
- guided mode (`guided=True`): `CRDialCounsellor` drives any model through identification and
  restructuring, with the person as the client; the thought record fills in (`thought_record`);
- every message is screened first (at `moderate` and above the safety layer answers, not the
  model), and every reply is released sentence by sentence only after the reply check.

What Peppy adds: loading a model from a spec string, saving and loading transcript files
(`save`, `load`), and sync calls for code without an event loop. Privacy: nothing is written
anywhere unless `save()` is called; nothing of the conversation is logged.

`reply` and `stream` run the async methods on an event loop owned by the Peppy object (one per
object, kept between calls), so they cannot be called from inside a running event loop: use
`areply` / `astream` there.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Self

from crisp.chat import transcript
from crisp.cr.schema import CrispRecord
from crisp.cr.taxonomy import Lang
from crisp.dialogue.conversation import (
    DEFAULT_MAX_NEW_TOKENS,
    Conversation,
    LangChoice,
    SafetyResult,
    ThoughtRecord,
    TurnReply,
    TurnStream,
    check_conversation_options,
)
from crisp.dialogue.reply_format import ReplyFormat
from crisp.errors import InputError
from crisp.llm.base import ChatModel, GenerationParams, Message

# A Peppy turn is a conversation turn; the name stays for the API's users.
PeppyReply = TurnReply


class PeppyStream(TurnStream):
    """A `TurnStream` that code without an event loop can also iterate (from `Peppy.stream`)."""

    def __init__(self, conversation: Conversation, text: str, runner: asyncio.Runner | None = None) -> None:
        super().__init__(conversation, text)
        self._runner = runner

    def __iter__(self) -> Iterator[str]:
        if self._runner is None:
            raise TypeError("this stream came from astream(); iterate it with `async for`")
        try:
            while True:
                try:
                    yield self._runner.run(self.__anext__())
                except StopAsyncIteration:
                    return
        finally:
            self.close()

    def close(self) -> None:
        if self._runner is not None:
            self._runner.run(self.aclose())


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
        reply_format: ReplyFormat | None = None,
    ) -> None:
        check_conversation_options(lang=str(lang), guided=guided, system_prompt=system_prompt)
        self._owns_model = isinstance(model, str)
        if isinstance(model, str):
            from crisp.llm import load_model

            model = load_model(model)
        self.model: ChatModel = model
        self.conversation = Conversation(
            model,
            lang=lang,
            guided=guided,
            system_prompt=system_prompt,
            max_new_tokens=max_new_tokens,
            temperature=temperature,
            context_tokens=context_tokens,
            locale=locale,
            reply_format=reply_format,
        )
        self._runner: asyncio.Runner | None = None

    # -- the conversation ------------------------------------------------------------------
    @property
    def guided(self) -> bool:
        return self.conversation.guided

    @property
    def params(self) -> GenerationParams:
        return self.conversation.params

    @params.setter
    def params(self, params: GenerationParams) -> None:
        self.conversation.params = params

    @property
    def system_prompt(self) -> str | None:
        return self.conversation.system_prompt

    @property
    def context_tokens(self) -> int:
        return self.conversation.context_tokens

    @property
    def lang(self) -> Lang | None:
        """The conversation's language; None until the first message when it is chosen automatically."""
        return self.conversation.lang

    def set_lang(self, lang: LangChoice | Lang) -> None:
        self.conversation.set_lang(lang)

    @property
    def started(self) -> bool:
        return self.conversation.started

    @property
    def record(self) -> CrispRecord | None:
        """The conversation as a Crisp record (None before the first message)."""
        return self.conversation.record

    @property
    def history(self) -> list[Message]:
        """The conversation as chat messages (person = user, Peppy = assistant), without the system prompt."""
        return self.conversation.history

    @property
    def thought_record(self) -> ThoughtRecord:
        """The thought record so far (filled in guided mode; empty in model mode)."""
        return self.conversation.thought_record

    @property
    def last_reply(self) -> TurnReply | None:
        return self.conversation.last_reply

    def system_message(self, lang: Lang) -> Message:
        return self.conversation.system_message(lang)

    def reset(self) -> None:
        """Start a new conversation with the same model and settings."""
        self.conversation.reset()

    def resume(self, record: CrispRecord) -> CrispRecord:
        """Continue the conversation in `record` (in memory; replaces the current one), the safety
        tracker replayed over the person's earlier messages."""
        self.conversation.resume(record)
        return record

    # -- turns -----------------------------------------------------------------------------
    async def areply(self, text: str) -> TurnReply:
        return await self.conversation.reply(text)

    def astream(self, text: str) -> PeppyStream:
        """The reply to `text`, as an async iterator of text pieces that may be shown."""
        return PeppyStream(self.conversation, text)

    def reply(self, text: str) -> TurnReply:
        return self._loop().run(self.areply(text))

    def stream(self, text: str) -> PeppyStream:
        """The reply to `text`, as an iterator of text pieces (for code without an event loop)."""
        return PeppyStream(self.conversation, text, runner=self._loop())

    # -- files -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the conversation as a Crisp record (JSON). Nothing is written otherwise."""
        record = self.record
        if record is None:
            raise InputError("nothing to save yet: the conversation has not started")
        return transcript.save_record(record, path)

    def load(self, path: str | Path) -> CrispRecord:
        """Continue the conversation saved in `path` (replaces the current one)."""
        record = transcript.load_record(path)
        self.resume(record)
        return record

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


__all__ = ["Peppy", "PeppyReply", "PeppyStream", "SafetyResult", "ThoughtRecord"]
