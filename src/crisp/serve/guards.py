"""What every response and request goes through: security headers, the body-size limit, CORS
(off unless origins are named) and rate limits.

Rate limits count in this process's memory (a sliding minute per client address and per account
or API key). Behind several replicas each keeps its own counts, so the effective limit is the
replica count times the limit: a shared limit needs a shared store (Redis, or the proxy's own
limiter) in front of the replicas; the README says so.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict, deque
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script anywhere: the page's script is a file; styles are files too.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cache-control", b"no-store"),
]


def json_error(status: int, message: str, kind: str) -> tuple[int, bytes]:
    """An OpenAI-style error body."""
    return status, json.dumps({"error": {"message": message, "type": kind, "code": status}}).encode()


class SecurityHeaders:
    """Adds the security headers to every response (static files included)."""

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                if self.hsts or scope.get("scheme") == "https":
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Answers 413 (JSON) for a request body over `max_bytes`, declared or streamed."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_json(send, *self._too_large())
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _send_json(send, *self._too_large())

    def _too_large(self) -> tuple[int, bytes]:
        return json_error(413, f"the request body is over {self.max_bytes} bytes; send less", "request_too_large")


class _BodyTooLarge(Exception):
    pass


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """At most `per_minute` hits per key in any sliding minute."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str, at: float | None = None) -> bool:
        at = time.monotonic() if at is None else at
        hits = self._hits[key]
        while hits and hits[0] <= at - 60.0:
            hits.popleft()
        if len(hits) >= self.per_minute:
            return False
        hits.append(at)
        return True

    def retry_after(self, key: str) -> int:
        hits = self._hits.get(key)
        if not hits:
            return 1
        return max(1, int(60.0 - (time.monotonic() - hits[0])) + 1)


def client_address(scope_or_request: Any) -> str:
    client = getattr(scope_or_request, "client", None)
    return client.host if client else "unknown"
