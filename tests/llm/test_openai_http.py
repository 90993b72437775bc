"""The OpenAI-compatible HTTP backend.

Two servers on loopback:

- a real llama.cpp server (`xllamacpp.Server`) serving the tiny random-weight
  GGUF: completion, streaming, usage, prompt caching and grammar-enforced
  structured output, end to end;
- `crisp.llm.testing.OpenAIServerDouble`, a test double for a hosted API, which replays
  injected failures (429 with Retry-After, 500/503, slow answers, malformed
  bodies, 400/401/404) and records every request it receives.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import pytest
from pydantic import BaseModel, ConfigDict

from crisp.errors import BackendUnavailableError, ConfigError
from crisp.llm import ChatModel, GenerationParams, ModelOptions, load_model
from crisp.llm.openai_http import (
    PLACEHOLDER_KEY,
    OpenAICompatibleModel,
    is_strict_schema,
    response_format_for,
)
from crisp.llm.registry import parse_spec
from crisp.llm.retry import RetryPolicy
from crisp.llm.testing import InjectedReply, OpenAIServerDouble, completion_body

T = TypeVar("T")
M = TypeVar("M", bound=ChatModel)
SECRET = "my exam went badly and I feel worthless"
HELLO = [{"role": "user", "content": "hello"}]


def run(model: M, action: Callable[[M], Awaitable[T]]) -> T:
    """Run one scenario on a fresh event loop and close the model's connections after it."""

    async def scenario() -> T:
        try:
            return await action(model)
        finally:
            await model.aclose()

    return asyncio.run(scenario())


@pytest.fixture
def api() -> Iterator[OpenAIServerDouble]:
    with OpenAIServerDouble(model="test-model") as server:
        yield server


class SleepRecorder:
    """Replaces asyncio.sleep in the backend: records the backoff, waits only a tick."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def api_model(
    server: OpenAIServerDouble,
    *,
    attempts: int = 4,
    timeout_s: float = 5.0,
    sleep: SleepRecorder | None = None,
    **kwargs: Any,
) -> OpenAICompatibleModel:
    return OpenAICompatibleModel(
        f"{server.url}#test-model",
        model="test-model",
        base_url=server.url,
        timeout_s=timeout_s,
        retry=RetryPolicy(max_attempts=attempts, base_delay_s=0.01, max_delay_s=0.04),
        sleep=sleep or SleepRecorder(),
        rand=lambda: 1.0,
        **kwargs,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- what goes on the wire ------------------------------------------------------------------
def test_generation_params_map_to_the_request_and_none_is_omitted(api: OpenAIServerDouble) -> None:
    model = api_model(api, extra_body={"top_k": 20, "chat_template_kwargs": {"enable_thinking": False}})
    params = GenerationParams(max_new_tokens=77, temperature=0.3, top_p=0.9, stop=("\n\n", "END"), seed=5)
    run(model, lambda m: m.complete(HELLO, params))
    run(api_model(api), lambda m: m.complete(HELLO, GenerationParams(max_new_tokens=10)))
    full, bare = api.requests[0].body, api.requests[1].body
    assert api.requests[0].path == "/v1/chat/completions"
    assert full["model"] == "test-model"
    assert full["messages"] == HELLO
    sampling = {k: full[k] for k in ("max_tokens", "temperature", "top_p", "stop", "seed")}
    assert sampling == {"max_tokens": 77, "temperature": 0.3, "top_p": 0.9, "stop": ["\n\n", "END"], "seed": 5}
    assert full["top_k"] == 20 and full["chat_template_kwargs"] == {"enable_thinking": False}
    assert bare.keys() == {"model", "messages", "max_tokens"}
    assert api.requests[0].headers["authorization"] == f"Bearer {PLACEHOLDER_KEY}"


def test_repetition_penalties_go_to_servers_that_take_one_only(api: OpenAIServerDouble) -> None:
    params = GenerationParams(max_new_tokens=10, repetition_penalty=1.1, dry_multiplier=0.8)
    run(api_model(api, takes_repetition_penalty=True), lambda m: m.complete(HELLO, params))
    run(api_model(api), lambda m: m.complete(HELLO, params))  # as for the OpenAI API, which refuses them
    served, hosted = api.requests[0].body, api.requests[1].body
    assert (served["repetition_penalty"], served["repeat_penalty"], served["dry_multiplier"]) == (1.1, 1.1, 0.8)
    assert not {"repetition_penalty", "repeat_penalty", "dry_multiplier"} & set(hosted)
    assert load_model(f"{api.url}#test-model").takes_repetition_penalty  # type: ignore[attr-defined]


def test_structured_request_carries_the_schema_as_response_format(api: OpenAIServerDouble) -> None:
    class Thought(BaseModel):
        model_config = ConfigDict(extra="forbid")
        distortion: str
        confidence: int

    api.enqueue(InjectedReply(body=completion_body('{"distortion": "labeling", "confidence": 80}')))
    result = run(api_model(api), lambda m: m.structured(HELLO, Thought))
    assert result.value == Thought(distortion="labeling", confidence=80)
    sent = api.requests[0].body["response_format"]
    assert sent == {
        "type": "json_schema",
        "json_schema": {"name": "Thought", "schema": Thought.model_json_schema(), "strict": True},
    }
    # The schema is enforced by the server, so it is not pasted into the prompt.
    assert api.requests[0].body["messages"] == HELLO


def test_strict_is_only_claimed_for_closed_fully_required_schemas() -> None:
    class Open(BaseModel):
        text: str
        note: str = ""

    class Inner(BaseModel):
        model_config = ConfigDict(extra="forbid")
        text: str

    class Closed(BaseModel):
        model_config = ConfigDict(extra="forbid")
        items: list[Inner]

    assert not is_strict_schema(Open.model_json_schema())
    assert is_strict_schema(Closed.model_json_schema())
    assert response_format_for({"title": "a b/c", "type": "string"})["json_schema"]["name"] == "a_b_c"
    assert response_format_for({"type": "string"})["json_schema"]["name"] == "reply"


def test_usage_and_cached_tokens_are_read(api: OpenAIServerDouble) -> None:
    completion = run(api_model(api), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there."
    assert completion.finish_reason == "stop"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (11, 3)
    assert completion.usage.cached_tokens == 8
    assert completion.usage.calls == 1


def test_missing_usage_counts_as_zero(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(usage=False))
    completion = run(api_model(api), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there."
    assert completion.usage.prompt_tokens == completion.usage.completion_tokens == 0


def test_stream_asks_for_usage_and_reads_it(api: OpenAIServerDouble) -> None:
    async def consume(m: OpenAICompatibleModel) -> tuple[list[str], Any]:
        stream = m.stream(HELLO)
        pieces = [piece async for piece in stream]
        return pieces, stream.completion

    pieces, completion = run(api_model(api), consume)
    assert pieces == ["Hel", "lo", "!"]
    assert completion.text == "Hello!" and completion.finish_reason == "stop"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (9, 3)
    sent = api.requests[0].body
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}


def test_stream_without_usage_still_gives_the_text(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(usage=False))

    async def consume(m: OpenAICompatibleModel) -> Any:
        stream = m.stream(HELLO)
        assert await stream.text() == "Hello!"
        return stream.completion

    completion = run(api_model(api), consume)
    assert completion.usage.completion_tokens == 0 and completion.usage.calls == 1
    assert completion.finish_reason == "stop"


# -- retries ----------------------------------------------------------------------------------
def test_429_is_retried_after_the_servers_retry_after(api: OpenAIServerDouble) -> None:
    sleep = SleepRecorder()
    api.enqueue(InjectedReply(429, {"error": {"message": "slow down"}}, headers={"Retry-After": "3"}), InjectedReply(429), InjectedReply())
    completion = run(api_model(api, sleep=sleep), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there."
    assert len(api.requests) == 3
    assert sleep.waits == pytest.approx([3.0, 0.02])  # Retry-After, then the backoff's second step


def test_retry_after_is_really_waited(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(429, headers={"Retry-After": "0.3"}))
    model = OpenAICompatibleModel(f"{api.url}#m", model="m", base_url=api.url, retry=RetryPolicy(base_delay_s=0.01))
    run(model, lambda m: m.complete(HELLO))
    assert len(api.requests) == 2
    assert api.requests[1].at - api.requests[0].at >= 0.29


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retried_with_growing_backoff(api: OpenAIServerDouble, status: int) -> None:
    sleep = SleepRecorder()
    api.enqueue(InjectedReply(status), InjectedReply(status), InjectedReply(status))
    completion = run(api_model(api, sleep=sleep), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there."
    assert len(api.requests) == 4
    assert sleep.waits == pytest.approx([0.01, 0.02, 0.04])


def test_persistent_server_errors_end_in_backend_unavailable(api: OpenAIServerDouble) -> None:
    api.enqueue(*[InjectedReply(503)] * 10)
    with pytest.raises(BackendUnavailableError) as caught:
        run(api_model(api, attempts=3), lambda m: m.complete(HELLO))
    assert len(api.requests) == 3
    message = str(caught.value)
    assert api.url in message and "HTTP 503" in message and "3 attempts" in message and "\n" not in message


def test_persistent_rate_limit_says_to_slow_down(api: OpenAIServerDouble) -> None:
    api.enqueue(*[InjectedReply(429, headers={"Retry-After": "0"})] * 5)
    with pytest.raises(BackendUnavailableError, match=r"429.*lower max_concurrency"):
        run(api_model(api, attempts=2), lambda m: m.complete(HELLO))
    assert len(api.requests) == 2


def test_bad_request_is_not_retried(api: OpenAIServerDouble) -> None:
    sleep = SleepRecorder()
    api.enqueue(InjectedReply(400, {"error": {"message": "max_tokens is too large: 99999", "type": "invalid_request_error"}}))
    with pytest.raises(BackendUnavailableError) as caught:
        run(api_model(api, sleep=sleep), lambda m: m.complete(HELLO))
    assert len(api.requests) == 1 and sleep.waits == []
    assert "HTTP 400: max_tokens is too large: 99999" in str(caught.value)


def test_slow_answers_time_out_are_retried_then_fail_clearly(api: OpenAIServerDouble) -> None:
    api.enqueue(*[InjectedReply(delay_s=1.0)] * 2)
    start = time.monotonic()
    with pytest.raises(BackendUnavailableError) as caught:
        run(api_model(api, attempts=2, timeout_s=0.25), lambda m: m.complete(HELLO))
    assert time.monotonic() - start < 1.5
    assert len(api.requests) == 2
    assert "did not answer within 0.25s (2 attempts)" in str(caught.value)


def test_one_timeout_then_success(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(delay_s=1.0))
    completion = run(api_model(api, timeout_s=0.25), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there." and len(api.requests) == 2


def test_malformed_body_is_retried_once(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(body=b'{"choices": [{"message": '))
    completion = run(api_model(api), lambda m: m.complete(HELLO))
    assert completion.text == "Hello there." and len(api.requests) == 2


@pytest.mark.parametrize(
    "garbage",
    [
        InjectedReply(body=b"{not json"),
        InjectedReply(body={"status": "ok"}),
        InjectedReply(body=b"<html>a proxy page</html>", content_type="text/html"),
    ],
    ids=["broken-json", "json-without-choices", "html"],
)
def test_malformed_body_twice_is_reported_without_more_retries(api: OpenAIServerDouble, garbage: InjectedReply) -> None:
    api.enqueue(garbage, garbage, garbage)
    with pytest.raises(BackendUnavailableError) as caught:
        run(api_model(api, attempts=5), lambda m: m.complete(HELLO))
    assert len(api.requests) == 2
    assert "malformed response body" in str(caught.value) and api.url in str(caught.value)


def test_stream_opening_is_retried(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(503), InjectedReply(429, headers={"Retry-After": "0"}))
    text = run(api_model(api), lambda m: m.stream(HELLO).text())
    assert text == "Hello!" and len(api.requests) == 3


def test_malformed_stream_fails_clearly(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(stream_body=b'data: {"choices": [{"index": 0, "delta": {"content": "Hi"}}]}\n\ndata: {oops\n\n'))
    with pytest.raises(BackendUnavailableError, match="malformed stream"):
        run(api_model(api), lambda m: m.stream(HELLO).text())
    assert len(api.requests) == 1


# -- configuration errors -----------------------------------------------------------------------
def test_401_says_which_key_to_set(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(401, {"error": {"message": "Invalid API key"}}))
    with pytest.raises(ConfigError, match="set CRISP_API_KEY"):
        run(api_model(api), lambda m: m.complete(HELLO))
    assert len(api.requests) == 1


def test_openai_spec_401_names_openai_api_key(api: OpenAIServerDouble, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", api.url)
    api.enqueue(InjectedReply(403))
    model = load_model("openai:gpt-4o-mini", max_retries=0)
    with pytest.raises(ConfigError, match=r"HTTP 403.*set OPENAI_API_KEY"):
        run(model, lambda m: m.complete(HELLO, GenerationParams(max_new_tokens=12)))
    sent = api.requests[0]
    assert sent.headers["authorization"] == "Bearer sk-test"
    assert sent.body["model"] == "gpt-4o-mini" and sent.body["max_completion_tokens"] == 12


def test_openai_spec_without_a_key_fails_before_any_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="set OPENAI_API_KEY"):
        load_model("openai:gpt-4o")


def test_http_spec_key_comes_from_options_then_env(api: OpenAIServerDouble, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRISP_API_KEY", "from-env")
    run(load_model(f"{api.url}#m"), lambda m: m.complete(HELLO))
    run(load_model(f"{api.url}#m", api_key="from-options"), lambda m: m.complete(HELLO))
    assert [r.headers["authorization"] for r in api.requests] == ["Bearer from-env", "Bearer from-options"]


def test_404_names_the_model(api: OpenAIServerDouble) -> None:
    api.enqueue(InjectedReply(404, {"error": {"message": "The model `nope` does not exist."}}))
    model = OpenAICompatibleModel(f"{api.url}#nope", model="nope", base_url=api.url)
    with pytest.raises(ConfigError, match="does not serve model 'nope'"):
        run(model, lambda m: m.complete(HELLO))
    assert len(api.requests) == 1


def test_unreachable_port_fails_quickly() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    start = time.monotonic()
    with pytest.raises(BackendUnavailableError) as caught:
        run(load_model(f"{url}#m", max_retries=0), lambda m: m.complete(HELLO))
    assert time.monotonic() - start < 2.0
    message = str(caught.value)
    assert message.startswith(f"cannot reach {url} (1 attempt") and "check that the server is running" in message


def test_unreachable_port_is_retried_then_reported() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    sleep = SleepRecorder()
    model = OpenAICompatibleModel(
        f"{url}#m", model="m", base_url=url, retry=RetryPolicy(max_attempts=3, base_delay_s=0.01), sleep=sleep
    )
    with pytest.raises(BackendUnavailableError, match="3 attempts"):
        run(model, lambda m: m.complete(HELLO))
    assert len(sleep.waits) == 2


def test_message_content_is_never_logged(api: OpenAIServerDouble, caplog: pytest.LogCaptureFixture) -> None:
    api.enqueue(InjectedReply(503), InjectedReply(body=completion_body(SECRET)))
    caplog.set_level(logging.DEBUG)
    completion = run(api_model(api), lambda m: m.complete([{"role": "user", "content": SECRET}]))
    assert completion.text == SECRET
    assert caplog.records  # the retry and the call were logged...
    assert SECRET not in caplog.text  # ...without what was said


def test_registry_builds_the_backend_from_options(api: OpenAIServerDouble) -> None:
    model = load_model(f"{api.url}#served", ModelOptions(timeout_s=7, max_retries=2, max_concurrency=3))
    assert isinstance(model, OpenAICompatibleModel)
    assert (model.model, model.base_url, model.timeout_s, model.retry.max_attempts) == ("served", api.url, 7, 3)
    assert parse_spec(f"{api.url}#served").kind == "http"
    asyncio.run(model.aclose())


# ======================================================================================
# A real llama.cpp server
# ======================================================================================
@pytest.fixture(scope="module")
def llama_server(tiny_gguf_path: Path) -> Iterator[str]:
    """`http://127.0.0.1:PORT/v1` of an xllamacpp server serving the tiny GGUF."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(tiny_gguf_path)
    params.model_alias = {"tiny"}
    params.hostnames = ["127.0.0.1"]
    params.port = 0  # any free port
    params.n_ctx = 2048
    params.n_parallel = 2
    params.cpuparams.n_threads = 1
    params.cpuparams_batch.n_threads = 1
    params.warmup = False
    server = xllamacpp.Server(params)
    address = server.listening_address
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{address}/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"llama.cpp server at {address} did not become healthy")
        time.sleep(0.1)
    yield f"{address}/v1"
    del server  # stops the HTTP server and frees the model


def llama_model(url: str, **options: Any) -> OpenAICompatibleModel:
    model = load_model(f"{url}#tiny", **options)
    assert isinstance(model, OpenAICompatibleModel)
    return model


GREEDY = GenerationParams(max_new_tokens=12, temperature=0.0, seed=1)
FEELING = [
    {"role": "system", "content": "You are a supportive counsellor."},
    {"role": "user", "content": "I keep thinking that I will fail the exam."},
]


def test_llama_completion_with_usage(llama_server: str) -> None:
    completion = run(llama_model(llama_server), lambda m: m.complete(FEELING, GREEDY))
    assert completion.text
    assert completion.model == f"{llama_server}#tiny"
    assert completion.usage.prompt_tokens > 10
    assert 1 <= completion.usage.completion_tokens <= 12
    assert completion.finish_reason in ("length", "stop")
    assert completion.latency_s > 0


def test_llama_greedy_is_repeatable_and_reuses_the_prompt_cache(llama_server: str) -> None:
    async def twice(m: OpenAICompatibleModel) -> tuple[Any, Any]:
        return await m.complete(FEELING, GREEDY), await m.complete(FEELING, GREEDY)

    first, second = run(llama_model(llama_server), twice)
    assert first.text == second.text
    assert second.usage.cached_tokens > 0


def test_llama_stream_matches_completion(llama_server: str) -> None:
    async def both(m: OpenAICompatibleModel) -> tuple[Any, list[str], Any]:
        whole = await m.complete(FEELING, GREEDY)
        stream = m.stream(FEELING, GREEDY)
        pieces = [piece async for piece in stream]
        return whole, pieces, stream.completion

    whole, pieces, streamed = run(llama_model(llama_server), both)
    assert len(pieces) > 1
    assert "".join(pieces) == streamed.text == whole.text
    assert streamed.usage.completion_tokens == whole.usage.completion_tokens
    assert streamed.usage.prompt_tokens == whole.usage.prompt_tokens
    assert streamed.first_token_s is not None and streamed.finish_reason == whole.finish_reason


def test_llama_stream_can_stop_early(llama_server: str) -> None:
    async def stop_after_one(m: OpenAICompatibleModel) -> Any:
        stream = m.stream(FEELING, GenerationParams(max_new_tokens=200, temperature=0.0))
        async for _ in stream:
            break
        await stream.aclose()
        # the connection is still good for the next call
        after = await m.complete(FEELING, GREEDY)
        return stream.completion, after

    stopped, after = run(llama_model(llama_server), stop_after_one)
    assert stopped.finish_reason == "cancelled" and stopped.text
    assert after.text


class Appraisal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    distortion: Literal["catastrophizing", "labeling", "mind reading"]
    believable: bool


def test_llama_structured_output_is_enforced_by_the_server(llama_server: str) -> None:
    # A random-weight model never writes valid JSON by chance: a valid reply on the
    # first try proves the schema reached llama.cpp's grammar through response_format.
    async def ask(m: OpenAICompatibleModel) -> Any:
        return await m.structured(FEELING, Appraisal, GenerationParams(max_new_tokens=200, temperature=0.8, seed=7))

    result = run(llama_model(llama_server), ask)
    assert isinstance(result.value, Appraisal)
    assert result.repaired is False
    assert json.loads(result.completion.text) == result.value.model_dump()


def test_llama_concurrent_calls(llama_server: str) -> None:
    async def many(m: OpenAICompatibleModel) -> list[Any]:
        prompts = [[{"role": "user", "content": f"Thought number {i}"}] for i in range(6)]
        return await asyncio.gather(*(m.complete(p, GREEDY) for p in prompts))

    model = llama_model(llama_server, max_concurrency=2)
    results = run(model, many)
    assert len(results) == 6 and all(r.usage.completion_tokens >= 1 for r in results)
    assert model.usage.total.calls == 6


def test_llama_with_response_cache(llama_server: str, tmp_path: Path) -> None:
    from crisp.llm.cache import ResponseCache

    cache = ResponseCache(tmp_path / "responses.sqlite")

    async def twice(m: OpenAICompatibleModel) -> tuple[Any, Any]:
        return await m.complete(FEELING, GREEDY), await m.complete(FEELING, GREEDY)

    first, second = run(llama_model(llama_server, cache=cache), twice)
    assert not first.from_cache and second.from_cache and first.text == second.text
    cache.close()
