"""Errors the server answers with an HTTP status. Each says what was wrong and what to do."""

from __future__ import annotations

from crisp.errors import BackendUnavailableError, CrispError, InputError


class AuthError(CrispError):
    """A request without the credentials it needs."""


class ForbiddenError(CrispError):
    """A request refused as it is (a missing or wrong CSRF token)."""


class NotFoundError(CrispError):
    """Nothing there for this caller (also: someone else's conversation)."""


class TooLargeError(InputError):
    """A message, history or body over its limit."""


class RateLimitedError(CrispError):
    """Too many requests in the last minute."""

    def __init__(self, message: str, retry_after: int = 60) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def http_status(error: CrispError) -> int:
    from crisp.serve.model_queue import QueueFullError

    for kind, status in (
        (TooLargeError, 413), (AuthError, 401), (ForbiddenError, 403), (NotFoundError, 404),
        (RateLimitedError, 429), (QueueFullError, 429), (InputError, 400), (BackendUnavailableError, 502),
    ):
        if isinstance(error, kind):
            return status
    return 500
