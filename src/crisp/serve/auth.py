"""Who is asking: API keys for /v1, accounts with session cookies for the web UI, and CSRF.

- API keys are random tokens stored as SHA-256 hashes (a key has 256 bits of entropy, so a fast
  hash is enough; a slow one would add its cost to every request). On loopback with no active key
  the API is open to local clients, as llama.cpp's server and Ollama are.
- Passwords are hashed with argon2 (`pwdlib`).
- The session cookie is HttpOnly, SameSite=Strict, and Secure when the request came over TLS.
- CSRF: every state-changing web request carries the `X-CSRF-Token` header equal to the
  `crisp_csrf` cookie (double submit; the SameSite cookie alone would do in current browsers).
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from typing import Any

from fastapi import Request, Response

from crisp.serve import store
from crisp.serve.errors import AuthError, ForbiddenError

SESSION_COOKIE = "crisp_session"
CSRF_COOKIE = "crisp_csrf"
CSRF_HEADER = "x-csrf-token"
MIN_PASSWORD_CHARS = 10
_KEY_COUNT_TTL_S = 5.0


def _hasher() -> Any:
    from pwdlib import PasswordHash

    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, hashed: str) -> bool:
    return bool(_hasher().verify(password, hashed))


class ApiKeyCheck:
    """Decides whether an API request may go on, and names the caller for rate limits."""

    def __init__(self, engine: Any, *, open_on_loopback: bool, no_auth: bool) -> None:
        self.engine = engine
        self.open_on_loopback = open_on_loopback
        self.no_auth = no_auth
        self._count: tuple[float, int] | None = None

    async def _active_keys(self) -> int:
        now = time.monotonic()
        if self._count is None or now - self._count[0] > _KEY_COUNT_TTL_S:
            self._count = (now, await asyncio.to_thread(store.active_key_count, self.engine))
        return self._count[1]

    async def caller(self, request: Request) -> str:
        if self.no_auth or (self.open_on_loopback and await self._active_keys() == 0):
            return "open"  # clients send some key anyway (the openai SDK must): it is not checked
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("this server needs an API key: send `Authorization: Bearer <key>` (`crisp serve keys add`)")
        key_id = await asyncio.to_thread(store.key_id_for, self.engine, token.strip())
        if key_id is None:
            raise AuthError("the API key is not valid (revoked or mistyped); `crisp serve keys add` makes one")
        return f"key:{key_id}"


# -- web sessions ----------------------------------------------------------------------------


def set_session_cookie(request: Request, response: Response, token: str, days: int) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, max_age=days * 86400, httponly=True, samesite="strict",
        secure=_over_tls(request), path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def ensure_csrf_cookie(request: Request, response: Response) -> str:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="strict", secure=_over_tls(request), path="/")
    return token


def check_csrf(request: Request) -> None:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get(CSRF_HEADER, "")
    if not cookie or not header or not hmac.compare_digest(cookie, header):
        raise ForbiddenError("missing or wrong CSRF token; reload the page and try again")


def _over_tls(request: Request) -> bool:
    # Behind a TLS-terminating proxy, uvicorn's --proxy-headers turns X-Forwarded-Proto into the scheme.
    return request.url.scheme == "https"
