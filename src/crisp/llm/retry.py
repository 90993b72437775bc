"""When and how long to wait before trying an HTTP model call again.

`RetryPolicy` holds the numbers (attempts, exponential backoff with full
jitter, a cap, how far to trust a server's `Retry-After`); `with_retries` runs
an async call under it; `is_retryable` says which failures are worth another
try: rate limits (429), server errors (5xx), timeouts (including 408) and
connection errors. Other 4xx answers are never retried: the same request would
fail the same way.

Not here: turning the last failure into a user-facing `CrispError` (the
backend knows the URL and the fix), and retries of structured-output parsing
(`base.ChatModel.structured` does one repair try).
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field

log = logging.getLogger(__name__)

R = TypeVar("R")

MAX_ATTEMPTS_LIMIT = 21
# HTTP statuses that mean "try again later" rather than "this request is wrong".
RETRYABLE_STATUSES = frozenset({408, 429})

Sleep = Callable[[float], Awaitable[None]]
Random = Callable[[], float]


class TransientResponseError(Exception):
    """Raised by a caller to mark a failure as worth retrying (e.g. a truncated or garbled body)."""


class RetryPolicy(BaseModel):
    """How many times to try, and how long to wait between tries.

    The wait before retry `n` (1-based) is uniform in `[0, min(max_delay_s,
    base_delay_s * 2**(n-1))]` ("full jitter": many clients that failed
    together do not come back together). A server's `Retry-After` replaces
    that wait, up to `max_retry_after_s`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_attempts: int = Field(default=5, ge=1, le=MAX_ATTEMPTS_LIMIT)
    base_delay_s: float = Field(default=0.5, ge=0.0)
    max_delay_s: float = Field(default=30.0, ge=0.0)
    max_retry_after_s: float = Field(default=60.0, ge=0.0)

    def backoff_s(self, retry: int, rand: Random = random.random) -> float:
        """The jittered wait before retry number `retry` (1 for the first retry)."""
        ceiling = min(self.max_delay_s, self.base_delay_s * 2.0 ** (retry - 1))
        return float(rand()) * ceiling

    def delay_s(self, retry: int, retry_after: float | None, rand: Random = random.random) -> float:
        """The wait before retry `retry`: the server's `Retry-After` when given, else the backoff."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after_s)
        return self.backoff_s(retry, rand)


def status_of(exc: BaseException) -> int | None:
    """The HTTP status an exception carries (openai `APIStatusError`, httpx `HTTPStatusError`), if any."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return status
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def is_retryable(exc: BaseException) -> bool:
    """True for 429, 408, 5xx, timeouts, connection errors and `TransientResponseError`; never other 4xx."""
    if isinstance(exc, TransientResponseError):
        return True
    status = status_of(exc)
    if status is not None and status >= 400:
        return status in RETRYABLE_STATUSES or status >= 500
    if isinstance(exc, TimeoutError | ConnectionError | httpx.TimeoutException | httpx.NetworkError):
        return True
    if isinstance(exc, httpx.RemoteProtocolError):  # the server dropped the connection mid-answer
        return True
    try:  # the SDK wraps its transport's errors in its own classes
        import openai
    except ImportError:  # pragma: no cover - openai is a dependency
        return False
    return isinstance(exc, openai.APIConnectionError)


def retry_after_s(exc: BaseException, now: Callable[[], float] = time.time) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms` or `Retry-After`), or None."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    return parse_retry_after(headers, now)


def parse_retry_after(headers: Mapping[str, str], now: Callable[[], float] = time.time) -> float | None:
    """Read `retry-after-ms`, or `Retry-After` as seconds (fractions accepted) or an HTTP date."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if (ms := lowered.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - now(), 0.0)


async def with_retries(
    call: Callable[[], Awaitable[R]],
    policy: RetryPolicy,
    *,
    retryable: Callable[[BaseException], bool] = is_retryable,
    sleep: Sleep = asyncio.sleep,
    rand: Random = random.random,
    on_retry: Callable[[int, BaseException, float], Any] | None = None,
) -> R:
    """Await `call()` until it succeeds, a failure is not retryable, or the attempts run out.

    The last exception is re-raised unchanged. `on_retry(retry, exc, delay)` is
    called before each wait (for logging or tests); `sleep` and `rand` can be
    replaced so tests neither wait nor depend on chance.
    """
    attempt = 1
    while True:
        try:
            return await call()
        except Exception as exc:  # filtered by `retryable` just below
            if attempt >= policy.max_attempts or not retryable(exc):
                raise
            delay = policy.delay_s(attempt, retry_after_s(exc), rand)
            # Only the error class and status: messages may quote the request.
            log.debug(
                "retry %d/%d after %s (status %s) in %.2fs",
                attempt,
                policy.max_attempts - 1,
                type(exc).__name__,
                status_of(exc),
                delay,
            )
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            await sleep(delay)
            attempt += 1
