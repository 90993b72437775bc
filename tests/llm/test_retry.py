"""The retry policy: which failures are retried, how long it waits, and when it gives up."""

from __future__ import annotations

import asyncio
import email.utils
from typing import Any

import httpx
import openai
import pytest
from pydantic import ValidationError

from crisp.llm.retry import (
    RetryPolicy,
    TransientResponseError,
    is_retryable,
    parse_retry_after,
    retry_after_s,
    with_retries,
)

URL = "http://127.0.0.1:9/v1/chat/completions"


def http_error(status: int, headers: dict[str, str] | None = None) -> httpx.HTTPStatusError:
    request = httpx.Request("POST", URL)
    response = httpx.Response(status, headers=headers or {}, request=request)
    return httpx.HTTPStatusError(f"HTTP {status}", request=request, response=response)


def sdk_transport() -> Any:
    """The HTTP library the installed openai SDK is built on (httpx2 in openai 3, httpx before)."""
    try:
        import httpx2
    except ImportError:
        return httpx
    return httpx2


def sdk_status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    transport = sdk_transport()
    request = transport.Request("POST", URL)
    response = transport.Response(status, headers=headers or {}, request=request)
    return openai.APIStatusError(f"Error code: {status}", response=response, body=None)


def sdk_connection_error(timeout: bool = False) -> openai.APIConnectionError:
    request = sdk_transport().Request("POST", URL)
    return openai.APITimeoutError(request=request) if timeout else openai.APIConnectionError(request=request)


class SleepRecorder:
    """Stands in for asyncio.sleep: remembers the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class FlakyCall:
    """An async call that raises the given errors in turn, then returns "ok"."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


# -- which failures ---------------------------------------------------------------------------
@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 529])
def test_rate_limits_server_errors_and_timeouts_are_retryable(status: int) -> None:
    assert is_retryable(http_error(status))
    assert is_retryable(sdk_status_error(status))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 422])
def test_other_client_errors_are_never_retryable(status: int) -> None:
    assert not is_retryable(http_error(status))
    assert not is_retryable(sdk_status_error(status))


@pytest.mark.parametrize(
    "error",
    [
        TimeoutError(),
        ConnectionRefusedError(),
        ConnectionResetError(),
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("peer closed connection"),
        TransientResponseError("garbled body"),
    ],
)
def test_transport_failures_are_retryable(error: BaseException) -> None:
    assert is_retryable(error)


def test_sdk_connection_and_timeout_errors_are_retryable() -> None:
    assert is_retryable(sdk_connection_error())
    assert is_retryable(sdk_connection_error(timeout=True))


@pytest.mark.parametrize("error", [ValueError("bug"), KeyError("x"), RuntimeError(), httpx.UnsupportedProtocol("ftp")])
def test_programming_errors_are_not_retryable(error: BaseException) -> None:
    assert not is_retryable(error)


# -- how long ---------------------------------------------------------------------------------
def test_backoff_doubles_up_to_the_cap_with_full_jitter() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_delay_s=3.0)
    assert [policy.backoff_s(n, rand=lambda: 1.0) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    assert [policy.backoff_s(n, rand=lambda: 0.0) for n in range(1, 6)] == [0.0] * 5
    assert policy.backoff_s(3, rand=lambda: 0.25) == 0.5


def test_jitter_spreads_real_random_waits_within_the_ceiling() -> None:
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=10.0)
    waits = [policy.backoff_s(3) for _ in range(200)]
    assert all(0.0 <= w <= 4.0 for w in waits)
    assert len({round(w, 6) for w in waits}) > 150


def test_retry_after_replaces_the_backoff_and_is_capped() -> None:
    policy = RetryPolicy(base_delay_s=0.5, max_retry_after_s=10.0)
    assert policy.delay_s(1, retry_after=4.0, rand=lambda: 1.0) == 4.0
    assert policy.delay_s(1, retry_after=0.0, rand=lambda: 1.0) == 0.0
    assert policy.delay_s(1, retry_after=3600.0, rand=lambda: 1.0) == 10.0
    assert policy.delay_s(1, retry_after=None, rand=lambda: 1.0) == 0.5


def test_retry_after_header_forms() -> None:
    now = 1_700_000_000.0
    date = email.utils.formatdate(now + 7, usegmt=True)
    assert parse_retry_after({"Retry-After": "3"}) == 3.0
    assert parse_retry_after({"retry-after": "0.25"}) == 0.25
    assert parse_retry_after({"retry-after-ms": "150", "retry-after": "9"}) == 0.15
    assert parse_retry_after({"Retry-After": date}, now=lambda: now) == pytest.approx(7.0)
    assert parse_retry_after({"Retry-After": email.utils.formatdate(now - 60, usegmt=True)}, now=lambda: now) == 0.0
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert parse_retry_after({}) is None


def test_retry_after_is_read_from_both_exception_kinds() -> None:
    assert retry_after_s(http_error(429, {"Retry-After": "2"})) == 2.0
    assert retry_after_s(sdk_status_error(429, {"Retry-After": "5"})) == 5.0
    assert retry_after_s(sdk_connection_error()) is None
    assert retry_after_s(ValueError()) is None


def test_policy_refuses_nonsense() -> None:
    with pytest.raises(ValidationError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValidationError):
        RetryPolicy(base_delay_s=-1)
    with pytest.raises(ValidationError):
        RetryPolicy(unknown=1)  # type: ignore[call-arg]


# -- the loop ---------------------------------------------------------------------------------
def test_retries_until_success_with_growing_waits() -> None:
    sleep = SleepRecorder()
    call = FlakyCall(http_error(503), http_error(500), sdk_connection_error())
    policy = RetryPolicy(max_attempts=5, base_delay_s=0.1, max_delay_s=1.0)
    result = asyncio.run(with_retries(call, policy, sleep=sleep, rand=lambda: 1.0))
    assert result == "ok"
    assert call.calls == 4
    assert sleep.waits == pytest.approx([0.1, 0.2, 0.4])


def test_honours_retry_after_from_the_server() -> None:
    sleep = SleepRecorder()
    call = FlakyCall(http_error(429, {"Retry-After": "2"}), http_error(503))
    asyncio.run(with_retries(call, RetryPolicy(base_delay_s=0.1), sleep=sleep, rand=lambda: 1.0))
    assert sleep.waits == pytest.approx([2.0, 0.2])


def test_gives_up_after_max_attempts_with_the_last_error() -> None:
    sleep = SleepRecorder()
    last = http_error(502)
    call = FlakyCall(http_error(503), http_error(503), last, http_error(503))
    with pytest.raises(httpx.HTTPStatusError) as caught:
        asyncio.run(with_retries(call, RetryPolicy(max_attempts=3, base_delay_s=0.01), sleep=sleep))
    assert caught.value is last
    assert call.calls == 3
    assert len(sleep.waits) == 2


def test_does_not_retry_a_bad_request() -> None:
    sleep = SleepRecorder()
    call = FlakyCall(http_error(400))
    with pytest.raises(httpx.HTTPStatusError):
        asyncio.run(with_retries(call, RetryPolicy(max_attempts=5), sleep=sleep))
    assert call.calls == 1
    assert sleep.waits == []


def test_one_attempt_means_no_retry() -> None:
    call = FlakyCall(http_error(503))
    with pytest.raises(httpx.HTTPStatusError):
        asyncio.run(with_retries(call, RetryPolicy(max_attempts=1), sleep=SleepRecorder()))
    assert call.calls == 1


def test_on_retry_sees_each_retry_and_custom_predicate_applies() -> None:
    seen: list[tuple[int, str, float]] = []
    call = FlakyCall(KeyError("a"), KeyError("b"))
    result = asyncio.run(
        with_retries(
            call,
            RetryPolicy(base_delay_s=0.5),
            retryable=lambda exc: isinstance(exc, KeyError),
            sleep=SleepRecorder(),
            rand=lambda: 0.5,
            on_retry=lambda n, exc, delay: seen.append((n, type(exc).__name__, delay)),
        )
    )
    assert result == "ok"
    assert seen == [(1, "KeyError", 0.25), (2, "KeyError", 0.5)]


def test_real_sleep_is_used_by_default() -> None:
    call = FlakyCall(http_error(429, {"Retry-After": "0.15"}))

    async def timed() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await with_retries(call, RetryPolicy())
        return loop.time() - start

    assert asyncio.run(timed()) >= 0.14


def test_a_structured_retry_changes_its_sampling_and_a_final_failure_names_the_field() -> None:
    import asyncio

    from pydantic import BaseModel, Field

    from crisp.errors import StructuredOutputError
    from crisp.llm.base import GenerationParams, retry_params
    from crisp.llm.testing import ScriptedModelDouble

    class Profile(BaseModel):
        name: str
        age: int = Field(ge=10)

    seen: list[GenerationParams] = []

    class RecordingDouble(ScriptedModelDouble):
        """A scripted model double that keeps the settings of every call."""

        async def _complete(self, messages, params, json_schema):  # type: ignore[no-untyped-def]
            seen.append(params)
            return await super()._complete(messages, params, json_schema)

    model = RecordingDouble(lambda messages, schema: '{"name": "Sam", "age": 3}')
    first = GenerationParams(temperature=0.8, seed=7)
    with pytest.raises(StructuredOutputError) as caught:
        asyncio.run(model.structured([{"role": "user", "content": "hi"}], Profile, first))
    assert [(p.temperature, p.seed) for p in seen] == [(0.8, 7), (0.4, 8)]  # the retry is not the same call
    assert (caught.value.schema, caught.value.field) == ("Profile", "age")
    assert retry_params(None) == GenerationParams(temperature=0.3, seed=1)


def test_a_reply_cut_short_names_the_key_it_was_writing() -> None:
    from crisp.llm.base import failed_field

    assert failed_field('{"name": "Sam", "description": "a careful person a careful', "Invalid JSON") == "description"
    assert failed_field("no json at all", "no JSON object found in the reply") == "$"
