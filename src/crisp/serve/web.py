"""The web UI: a static page (HTML, CSS, one script; no CDN, no build step) and its JSON/SSE
endpoints under /web.

Anonymous use stores nothing on the server: the page keeps the conversation and the signed state
and sends them with each message, as an API client does. An account that opted into history keeps
its conversations server-side, each exchange stored once it is complete (both messages in one
transaction, keyed by the page's turn id so a retry is not stored twice). Every state-changing
request needs the CSRF header; another account's conversation is a 404.
"""

from __future__ import annotations

import asyncio
import functools
import json
import secrets
import uuid
from collections.abc import AsyncIterator
from importlib import resources as package_files
from typing import Any, Literal

from fastapi import FastAPI, Request, Response
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field

from crisp.serve import store
from crisp.serve.auth import (
    MIN_PASSWORD_CHARS,
    SESSION_COOKIE,
    check_csrf,
    clear_session_cookie,
    ensure_csrf_cookie,
    hash_password,
    set_session_cookie,
    verify_password,
)
from crisp.serve.config import DEFAULT_RETENTION_DAYS, SESSION_DAYS
from crisp.serve.errors import AuthError, NotFoundError
from crisp.serve.turns import ChatLine, Done, Failed, Text, Waiting

STATIC = package_files.files("crisp.serve").joinpath("static")
MAX_RETENTION_DAYS = 3650


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")
    password: str = Field(min_length=MIN_PASSWORD_CHARS, max_length=1024)


class HistoryChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keep: bool
    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, ge=1, le=MAX_RETENTION_DAYS)


class PageLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class WebChat(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    guided: bool = False
    lang: Literal["en", "zh"] | None = None
    turn_id: str = Field(min_length=8, max_length=64)
    # anonymous: the page sends what it keeps
    messages: list[PageLine] = Field(default_factory=list)
    state: str | None = None
    # an account with history: the stored conversation to continue (None: a new one)
    conversation_id: str | None = None


def build_web(app: FastAPI) -> None:
    index_html = STATIC.joinpath("index.html").read_text(encoding="utf-8")

    @app.get("/", response_class=HTMLResponse)
    async def index(request: Request) -> HTMLResponse:
        response = HTMLResponse(index_html)
        ensure_csrf_cookie(request, response)
        return response

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    async def account_of(request: Request) -> store.Account | None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        return await asyncio.to_thread(store.session_account, _engine(request), token)

    async def required_account(request: Request) -> store.Account:
        account = await account_of(request)
        if account is None:
            raise AuthError("sign in first")
        return account

    @app.get("/web/me")
    async def me(request: Request) -> dict[str, Any]:
        account = await account_of(request)
        return {"account": None if account is None else _account_json(account)}

    @app.post("/web/register")
    async def register(body: Credentials, request: Request) -> JSONResponse:
        check_csrf(request)
        _ctx(request).check_rate(request, "open")  # per address
        hashed = await asyncio.to_thread(hash_password, body.password)
        account = await asyncio.to_thread(store.create_account, _engine(request), body.username, hashed,
                                          DEFAULT_RETENTION_DAYS)
        return await _signed_in(request, account)

    @app.post("/web/login")
    async def login(body: Credentials, request: Request) -> JSONResponse:
        check_csrf(request)
        _ctx(request).check_rate(request, f"login:{body.username}")
        found = await asyncio.to_thread(store.password_hash_for, _engine(request), body.username)
        # An unknown name costs a hash check too, so timing does not tell which names exist.
        hashed = found[1] if found is not None else _dummy_hash()
        ok = await asyncio.to_thread(verify_password, body.password, hashed) and found is not None
        if not ok or found is None:
            raise AuthError("wrong name or password")
        return await _signed_in(request, found[0])

    @app.post("/web/logout")
    async def logout(request: Request) -> JSONResponse:
        check_csrf(request)
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            await asyncio.to_thread(store.end_session, _engine(request), token)
        response = JSONResponse({"ok": True})
        clear_session_cookie(response)
        return response

    @app.post("/web/history")
    async def history(body: HistoryChoice, request: Request) -> dict[str, Any]:
        check_csrf(request)
        account = await required_account(request)
        await asyncio.to_thread(store.set_history, _engine(request), account.id, body.keep, body.retention_days)
        return {"account": _account_json(store.Account(account.id, account.username, body.keep, body.retention_days))}

    @app.delete("/web/account")
    async def delete_account(request: Request) -> JSONResponse:
        check_csrf(request)
        account = await required_account(request)
        await asyncio.to_thread(store.delete_account, _engine(request), account.id)
        response = JSONResponse({"ok": True})
        clear_session_cookie(response)
        return response

    @app.get("/web/conversations")
    async def conversations(request: Request) -> dict[str, Any]:
        account = await required_account(request)
        return {"conversations": await asyncio.to_thread(store.list_conversations, _engine(request), account.id)}

    @app.get("/web/conversations/{conversation_id}")
    async def conversation(conversation_id: str, request: Request) -> dict[str, Any]:
        account = await required_account(request)
        return await _owned(request, account, conversation_id)

    @app.delete("/web/conversations/{conversation_id}")
    async def delete_conversation(conversation_id: str, request: Request) -> dict[str, Any]:
        check_csrf(request)
        account = await required_account(request)
        if not await asyncio.to_thread(store.delete_conversation, _engine(request), account.id, conversation_id):
            raise NotFoundError("no such conversation")
        return {"deleted": conversation_id}

    @app.get("/web/conversations/{conversation_id}/export")
    async def export_conversation(conversation_id: str, request: Request, format: Literal["json", "md"] = "json") -> Response:
        account = await required_account(request)
        found = await _owned(request, account, conversation_id)
        found.pop("state", None)
        disposition = {"content-disposition": f'attachment; filename="peppy-{conversation_id}.{format}"'}
        if format == "md":
            return PlainTextResponse(as_markdown(found), media_type="text/markdown; charset=utf-8", headers=disposition)
        return JSONResponse(found, headers=disposition)

    @app.get("/web/export")
    async def export_everything(request: Request) -> JSONResponse:
        account = await required_account(request)
        found = await asyncio.to_thread(store.export_account, _engine(request), account)
        for conversation in found["conversations"]:
            conversation.pop("state", None)
        return JSONResponse(found, headers={"content-disposition": 'attachment; filename="peppy-export.json"'})

    @app.post("/web/chat")
    async def chat(body: WebChat, request: Request) -> StreamingResponse:
        check_csrf(request)
        ctx = _ctx(request)
        account = await account_of(request)
        keep = account is not None and account.keep_history
        conversation_id = body.conversation_id
        new_title: str | None = None
        if keep and account is not None:
            if conversation_id:
                stored = await _owned(request, account, conversation_id)
                lines = [ChatLine(m["role"], m["content"]) for m in stored["messages"]]
                state, guided = stored["state"], stored["guided"]
            else:
                conversation_id, new_title = uuid.uuid4().hex, " ".join(body.text.split())[:60]
                lines, state, guided = [], None, body.guided
        else:
            lines = [ChatLine(m.role, m.content) for m in body.messages]
            state, guided, conversation_id = body.state, body.guided, None
        lines.append(ChatLine("user", body.text))
        ctx.check_lines(lines)
        ctx.check_rate(request, f"user:{account.id}" if account else "open")
        turn = ctx.prepare(lines, guided=guided, state=state, lang=body.lang,
                           accept_language=request.headers.get("accept-language"))

        async def events() -> AsyncIterator[bytes]:
            if conversation_id:
                yield _sse("conversation", {"id": conversation_id})
            stream = turn.events()
            try:
                async for event in stream:
                    if isinstance(event, Waiting):
                        yield _sse("waiting", {"ahead": event.ahead})
                    elif isinstance(event, Text):
                        yield _sse("text", {"piece": event.piece})
                    elif isinstance(event, Failed):
                        yield _sse("error", {"message": str(event.error)})
                    elif isinstance(event, Done):
                        await ctx.note_safety("web", event)
                        if keep and account is not None and conversation_id:
                            await asyncio.to_thread(
                                store.append_exchange, ctx.engine, account.id, conversation_id, body.text, event.text,
                                event.state, body.turn_id, new_title=new_title, guided=guided,
                            )
                        yield _sse("done", _done_json(event, anonymous=not keep))
            finally:
                await stream.aclose()

        return StreamingResponse(events(), media_type="text/event-stream", headers={"x-accel-buffering": "no"})


@functools.cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _ctx(request: Request) -> Any:
    return request.app.state.serve


def _engine(request: Request) -> Any:
    return request.app.state.serve.engine


async def _owned(request: Request, account: store.Account, conversation_id: str) -> dict[str, Any]:
    found = await asyncio.to_thread(store.get_conversation, _engine(request), account.id, conversation_id)
    if found is None:
        raise NotFoundError("no such conversation")
    return found


async def _signed_in(request: Request, account: store.Account) -> JSONResponse:
    token = await asyncio.to_thread(store.start_session, _engine(request), account.id, SESSION_DAYS)
    response = JSONResponse({"account": _account_json(account)})
    set_session_cookie(request, response, token, SESSION_DAYS)
    return response


def _account_json(account: store.Account) -> dict[str, Any]:
    return {"username": account.username, "keep_history": account.keep_history,
            "retention_days": account.retention_days}


def _done_json(done: Done, *, anonymous: bool) -> dict[str, Any]:
    return {
        "text": done.text, "level": done.level, "answered_by": done.answered_by, "reply_blocked": done.reply_blocked,
        "resources": done.resources, "thought_record": done.thought_record, "lang": done.lang,
        "state": done.state if anonymous else None,
    }


def _sse(kind: str, data: dict[str, Any]) -> bytes:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def as_markdown(conversation: dict[str, Any]) -> str:
    lines = [f"# {conversation['title']}", "", f"_{conversation['created_at']}_", ""]
    for message in conversation["messages"]:
        who = "You" if message["role"] == "user" else "Peppy"
        lines += [f"**{who}:** {message['content']}", ""]
    return "\n".join(lines)
