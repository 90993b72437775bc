"""One turn of a stateless conversation: the history comes in, Peppy answers, events go out.

The request carries the whole conversation (as OpenAI's API does) and, when the client kept it,
the signed state of the last turn (required in guided mode: it holds the plan). A fresh `Peppy` is resumed from that (`Peppy.resume`), which replays the
safety tracker over every earlier message of the person, so the screen sees them as context and a
held risk level stays held. Then Peppy takes the new message: screened first, answered by the
safety layer or the model, each released sentence checked. Nothing here touches the safety rules.

Events, in order: `Waiting` (place in the model's queue, 0 = generating), `Text` (a piece that may
be shown), then one `Done` or one `Failed`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Literal

from crisp.cr.language import detect_language
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord, Sentence
from crisp.cr.taxonomy import Lang
from crisp.dialogue import records
from crisp.errors import CrispError, InputError
from crisp.llm.base import ChatModel
from crisp.serve.model_queue import waiting_listener
from crisp.serve.state import ConversationState, digest, open_state, sign_state

Role = Literal["user", "assistant"]


@dataclass(frozen=True)
class ChatLine:
    role: Role
    content: str


@dataclass
class Waiting:
    ahead: int


@dataclass
class Text:
    piece: str


@dataclass
class Done:
    text: str
    level: str
    answered_by: str
    reply_blocked: bool
    locale: str
    lang: str
    state: str
    resources: dict[str, Any] | None = None
    thought_record: dict[str, Any] | None = None
    usage: dict[str, int] = field(default_factory=dict)


@dataclass
class Failed:
    error: CrispError


Event = Waiting | Text | Done | Failed


def locale_code(tag: str) -> str | None:
    """The resources' locale code for a language tag or region ("en-GB", "zh_Hans_CN", "US"), or None."""
    from crisp.safety.resources import load_resources

    pieces = [p for p in tag.replace("_", "-").split("-") if p]
    for region in reversed(pieces[1:] if len(pieces) > 1 else pieces):
        found = load_resources().lookup(region)
        if found is not None:
            return found.code
    return None


def request_locale(accept_language: str | None, lang: Lang, fixed: str | None = None) -> str:
    """The locale code for crisis resources: the server's `--locale` if set, else the first region in
    the request's Accept-Language that has resources, else the message language's. Never the
    server's own environment (so not `crisp.safety.resolve_locale`, which reads CRISP_LOCALE)."""
    from crisp.safety.resources import load_resources

    if fixed:
        return locale_code(fixed) or load_resources().fallback
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip()
        # Only tags that name a region: a bare language ("en") says nothing about where the person is.
        found = locale_code(tag) if "-" in tag or "_" in tag else None
        if found is not None:
            return found
    # The same rule as crisp.safety.resources: Chinese -> mainland China, else the international list.
    return "CN" if lang is Lang.ZH else load_resources().fallback


def resources_payload(locale: str, lang: Lang) -> dict[str, Any]:
    from crisp.safety.resources import resources_for

    found = resources_for(locale, lang)
    return {
        "locale": found.code,
        "emergency": found.emergency.get(lang),
        "lines": [line.describe(lang) for line in found.lines_for("crisis")],
    }


def conversation_lang(lines: list[ChatLine], requested: str | None) -> Lang:
    if requested in ("en", "zh"):
        return Lang(requested)
    first = next((line.content for line in lines if line.role == "user"), "")
    return detect_language(first) or Lang.EN


def record_from_lines(earlier: list[ChatLine], lang: Lang, spec: str) -> CrispRecord | None:
    """A model-mode record of the earlier exchanges (person -> ClientTurn, Peppy -> plain sentences)."""
    first = next((line.content for line in earlier if line.role == "user"), None)
    if first is None:
        return None
    record = records.new_record(first, lang, mode=records.MODEL_MODE, model_spec=spec)
    for line in earlier:
        if line.role == "user":
            record.turns.append(ClientTurn(content=line.content))
        else:
            record.turns.append(CounsellorTurn(sentences=[Sentence(text=line.content, strategy=None)]))
    return record


def _checked_state(earlier: list[ChatLine], token: str | None, secret: str, guided: bool) -> ConversationState | None:
    """The state the client sent back, checked against the messages it sent with it."""
    said = [line.content for line in earlier if line.role == "user"]
    if not token:
        if guided and said:
            raise InputError(
                "a guided conversation carries its plan in the `crisp.state` field: send back the state of the "
                "previous reply, or start a new conversation"
            )
        return None
    state = open_state(token, secret)
    if state.guided != guided:
        other = "peppy-guided" if state.guided else "peppy"
        raise InputError(f"this state belongs to a conversation with model `{other}`; use it, or start a new one")
    if state.said != digest(said):
        raise InputError("the messages do not match the state field; send the conversation as the last reply left it")
    return state


class PreparedTurn:
    """A checked request, ready to run: `events()` answers it."""

    def __init__(self, peppy: Any, said: list[str], *, guided: bool, lang: Lang, locale: str, secret: str) -> None:
        self.peppy = peppy
        self.said = said  # every message of the person, the new one last
        self.text = said[-1]
        self.guided = guided
        self.lang = lang
        self.locale = locale
        self.secret = secret

    async def events(self) -> AsyncIterator[Event]:
        """The turn's events. Closing the iteration early stops the model (nothing is kept)."""
        queue: asyncio.Queue[Event | None] = asyncio.Queue()
        task = asyncio.create_task(self._drive(queue))
        try:
            while (event := await queue.get()) is not None:
                yield event
            await task
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _drive(self, queue: asyncio.Queue[Event | None]) -> None:
        peppy = self.peppy
        waiting_listener.set(lambda ahead: queue.put_nowait(Waiting(ahead)))
        try:
            stream = peppy.astream(self.text)
            async for piece in stream:
                queue.put_nowait(Text(piece))
            reply = stream.reply
            assert reply is not None  # set when the stream ends
            lang = peppy.lang or self.lang
            held = ConversationState(guided=self.guided, level=reply.safety.level, said=digest(self.said),
                                     record=peppy.record if self.guided else None)
            safe_path = reply.safety.answered_by == "safety"
            queue.put_nowait(
                Done(
                    text=reply.text,
                    level=reply.safety.level,
                    answered_by=reply.safety.answered_by,
                    reply_blocked=reply.safety.reply_blocked,
                    locale=self.locale,
                    lang=lang.value,
                    state=sign_state(held, self.secret),
                    resources=resources_payload(self.locale, lang) if safe_path or reply.safety.reply_blocked else None,
                    thought_record=peppy.thought_record.model_dump(mode="json") if self.guided else None,
                    usage=reply.usage.model_dump(include={"prompt_tokens", "completion_tokens"}),
                )
            )
        except CrispError as error:
            queue.put_nowait(Failed(error))
        finally:
            queue.put_nowait(None)


def prepare_turn(
    model: ChatModel,
    lines: list[ChatLine],
    *,
    guided: bool,
    secret: str,
    state_token: str | None = None,
    accept_language: str | None = None,
    fixed_locale: str | None = None,
    lang: str | None = None,
    max_new_tokens: int | None = None,
) -> PreparedTurn:
    """Check the request and resume Peppy from it; raises `InputError` for what cannot be answered."""
    from crisp.chat.peppy import Peppy

    if not lines or lines[-1].role != "user":
        raise InputError("the last message must be the person's (role `user`)")
    chosen = conversation_lang(lines, lang)
    locale = request_locale(accept_language, chosen, fixed_locale)
    earlier = lines[:-1]
    state = _checked_state(earlier, state_token, secret, guided)
    if guided:
        record = state.record if state is not None else None
    else:
        record = record_from_lines(earlier, chosen, model.spec)
    limit = {"max_new_tokens": max_new_tokens} if max_new_tokens is not None else {}  # else Peppy's default
    peppy = Peppy(model=model, lang=chosen, guided=guided, locale=locale, **limit)
    if record is not None:
        peppy.resume(record)
    said = [line.content for line in lines if line.role == "user"]
    return PreparedTurn(peppy, said, guided=guided, lang=chosen, locale=locale, secret=secret)
