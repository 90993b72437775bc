"""The FastAPI app: one `ServeContext` (database, model queue, limits) shared by the API and the
web UI. `create_app` is what tests and `crisp serve` build; `app_from_env` is uvicorn's factory
for multi-worker runs (each worker builds its own app from the same settings)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from crisp.errors import ConfigError, CrispError
from crisp.llm.base import ChatModel
from crisp.serve import store
from crisp.serve.auth import ApiKeyCheck
from crisp.serve.config import ServeConfig
from crisp.serve.errors import RateLimitedError, TooLargeError, http_status
from crisp.serve.guards import BodyLimit, RateLimiter, SecurityHeaders, client_address
from crisp.serve.model_queue import (
    MAX_WAITING_DEFAULT,
    FairQueue,
    QueuedModel,
    slots_for,
)
from crisp.serve.turns import ChatLine, Done, PreparedTurn, locale_code, prepare_turn

logger = logging.getLogger("crisp.serve")
CONFIG_ENV = "CRISP_SERVE_CONFIG"
PURGE_EVERY_S = 3600.0


class ServeContext:
    """What every request handler shares. No conversation state lives here."""

    def __init__(self, config: ServeConfig, model: ChatModel, engine: Any, *, slots: int | None = None) -> None:
        self.config = config
        self.engine = engine
        self.secret = config.secret or store.signing_secret(engine)
        self.queue = FairQueue(slots or slots_for(model.spec), MAX_WAITING_DEFAULT)
        self.model = QueuedModel(model, self.queue)
        self.per_ip = RateLimiter(config.rate_per_minute_ip)
        self.per_account = RateLimiter(config.rate_per_minute_account)
        self.keys = ApiKeyCheck(engine, open_on_loopback=config.loopback, no_auth=config.no_auth)
        self.started = time.time()

    async def api_caller(self, request: Request) -> str:
        return await self.keys.caller(request)

    def check_lines(self, lines: list[ChatLine]) -> None:
        limit = self.config.max_message_bytes
        for line in lines:
            size = len(line.content.encode())
            if size > limit:
                raise TooLargeError(f"a message is {size} bytes; at most {limit} fit in one message")
        if len(lines) > self.config.max_history_messages:
            raise TooLargeError(
                f"the conversation has {len(lines)} messages; at most {self.config.max_history_messages} fit: start a new one"
            )

    def check_rate(self, request: Request, caller: str) -> None:
        address = client_address(request)
        if not self.per_ip.allow(f"ip:{address}"):
            raise RateLimitedError("too many messages from this address in the last minute; wait a little",
                                   self.per_ip.retry_after(f"ip:{address}"))
        if caller != "open" and not self.per_account.allow(caller):
            raise RateLimitedError("too many messages from this account in the last minute; wait a little",
                                   self.per_account.retry_after(caller))

    def prepare(self, lines: list[ChatLine], *, guided: bool, state: str | None, lang: str | None,
                accept_language: str | None, max_new_tokens: int | None = None) -> PreparedTurn:
        limits = [n for n in (self.config.max_new_tokens, max_new_tokens) if n is not None]
        return prepare_turn(
            self.model, lines, guided=guided, secret=self.secret, state_token=state,
            accept_language=accept_language, fixed_locale=self.config.locale, lang=lang,
            max_new_tokens=min(limits) if limits else None,
        )

    async def note_safety(self, channel: str, done: Done) -> None:
        """Record what the safety layer did on this turn (no text), when it did anything."""
        if done.answered_by == "safety" or done.reply_blocked or done.level not in ("none", "low"):
            await asyncio.to_thread(store.record_safety_event, self.engine, channel, done.level, done.answered_by,
                                    done.reply_blocked)


def create_app(config: ServeConfig, *, model: ChatModel | None = None, engine: Any = None,
               slots: int | None = None) -> FastAPI:
    """The app. `model` and `engine` default to what `config` names (the model loads at start-up)."""
    from crisp.serve import db
    from crisp.serve.api import build_router
    from crisp.serve.web import build_web

    check_locale(config.locale)
    engine = engine if engine is not None else db.make_engine(config.db_url)
    db.upgrade(engine)
    holder: dict[str, ServeContext] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = model
        if loaded is None:
            from crisp.llm import load_model

            loaded = await asyncio.to_thread(load_model, config.model)
        app.state.serve = holder["ctx"] = ServeContext(config, loaded, engine, slots=slots)
        await asyncio.to_thread(_warm_safety_layer)
        purger = asyncio.create_task(_purge_forever(engine))
        try:
            yield
        finally:
            purger.cancel()
            if model is None:
                await loaded.aclose()

    app = FastAPI(title="Crisp Peppy", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(build_router())
    build_web(app)

    @app.exception_handler(CrispError)
    async def crisp_error(_: Request, error: CrispError) -> JSONResponse:
        status = http_status(error)
        headers = {"retry-after": str(error.retry_after)} if isinstance(error, RateLimitedError) else None
        message = " ".join(str(error).split())
        return JSONResponse({"error": {"message": message, "type": type(error).__name__, "code": status}},
                            status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "the body"
        message = f"invalid request at {where}: {first.get('msg')}"
        return JSONResponse({"error": {"message": message, "type": "invalid_request_error", "code": 400}},
                            status_code=400)

    if config.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=config.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["authorization", "content-type"])
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def check_locale(locale: str | None) -> None:
    from crisp.safety.resources import load_resources

    if locale and locale_code(locale) is None:
        known = ", ".join(sorted(load_resources().locales))
        raise ConfigError(f"no crisis resources for locale {locale!r}; use one of {known}, or leave --locale out")


def _warm_safety_layer() -> None:
    """Compile the screen's rules now, so the first person does not wait for it."""
    from crisp.safety import SessionRiskTracker, check_reply

    for lang in ("en", "zh"):
        SessionRiskTracker().assess("hello", lang)
        check_reply("hello", lang)


async def _purge_forever(engine: Any) -> None:
    while True:
        try:
            gone = await asyncio.to_thread(store.purge_expired, engine)
            if gone:
                logger.info("purged %d conversations past their retention", gone)
        except Exception:
            logger.exception("retention purge failed")
        await asyncio.sleep(PURGE_EVERY_S)


def app_from_env() -> FastAPI:
    """uvicorn's factory for `--workers N`: the settings come from the environment, as JSON."""
    raw = os.environ.get(CONFIG_ENV)
    if not raw:
        raise ConfigError(f"{CONFIG_ENV} is not set; start the server with `crisp serve`")
    return create_app(ServeConfig.model_validate_json(raw))
