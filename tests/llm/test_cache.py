"""The SQLite response cache: keys, hits, persistence, concurrency, and its use by `ChatModel`."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from crisp.llm.base import ChatModel, Completion, GenerationParams, Message, Usage
from crisp.llm.cache import CacheStats, ResponseCache, cache_key

SPEC = "http://127.0.0.1:8000/v1#tiny"
MESSAGES = [Message(role="system", content="Be kind."), Message(role="user", content="I always fail.")]
PARAMS = GenerationParams(max_new_tokens=64, temperature=0.7, seed=3)
SCHEMA = {"title": "Reply", "type": "object", "properties": {"text": {"type": "string"}}}


def completion(text: str = "That sounds hard.") -> Completion:
    return Completion(
        text=text,
        model=SPEC,
        usage=Usage(prompt_tokens=12, completion_tokens=5, cached_tokens=4, calls=1),
        latency_s=0.25,
        finish_reason="stop",
    )


class CountingModelDouble(ChatModel):
    """Test double for a backend: answers from its call count, so calls that reach it are visible."""

    def __init__(self, cache: ResponseCache | None) -> None:
        super().__init__("double:counting", cache=cache)
        self.calls = 0

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        self.calls += 1
        await asyncio.sleep(0)
        usage = Usage(prompt_tokens=3, completion_tokens=2)
        return Completion(text=f"reply {self.calls}", model=self.spec, usage=usage)


# -- keys -----------------------------------------------------------------------------------
def test_key_is_stable_and_ignores_dict_order() -> None:
    reordered = {"properties": {"text": {"type": "string"}}, "type": "object", "title": "Reply"}
    assert cache_key(SPEC, MESSAGES, PARAMS, SCHEMA) == cache_key(SPEC, list(MESSAGES), PARAMS, reordered)
    assert len(cache_key(SPEC, MESSAGES, PARAMS, None)) == 64


def test_key_is_the_same_in_another_process() -> None:
    script = textwrap.dedent(
        """
        from crisp.llm.base import GenerationParams, Message
        from crisp.llm.cache import cache_key
        print(cache_key(
            "http://127.0.0.1:8000/v1#tiny",
            [Message(role="system", content="Be kind."), Message(role="user", content="I always fail.")],
            GenerationParams(max_new_tokens=64, temperature=0.7, seed=3),
            {"title": "Reply", "type": "object", "properties": {"text": {"type": "string"}}},
        ))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == cache_key(SPEC, MESSAGES, PARAMS, SCHEMA)


@pytest.mark.parametrize(
    "change",
    [
        {"spec": "openai:gpt-4o"},
        {"messages": [*MESSAGES[:1], Message(role="user", content="I always fail!")]},
        {"messages": [Message(role="user", content="Be kind."), MESSAGES[1]]},
        {"messages": MESSAGES[1:]},
        {"params": GenerationParams(max_new_tokens=65, temperature=0.7, seed=3)},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.8, seed=3)},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.7, seed=4)},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.7, seed=3, stop=("\n",))},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.7, seed=3, top_p=0.9)},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.7, seed=3, repetition_penalty=1.1)},
        {"params": GenerationParams(max_new_tokens=64, temperature=0.7, seed=3, dry_multiplier=0.8)},
        {"json_schema": None},
        {"json_schema": {**SCHEMA, "required": ["text"]}},
    ],
)
def test_anything_that_changes_the_reply_changes_the_key(change: dict[str, Any]) -> None:
    base: dict[str, Any] = {"spec": SPEC, "messages": MESSAGES, "params": PARAMS, "json_schema": SCHEMA}
    assert cache_key(**{**base, **change}) != cache_key(**base)


# -- storage --------------------------------------------------------------------------------
def test_miss_then_hit_returns_the_completion_marked_from_cache(tmp_path: Path) -> None:
    with ResponseCache(tmp_path / "cache.sqlite") as cache:
        assert cache.get(SPEC, MESSAGES, PARAMS, SCHEMA) is None
        cache.put(SPEC, MESSAGES, PARAMS, SCHEMA, completion())
        hit = cache.get(SPEC, MESSAGES, PARAMS, SCHEMA)
        assert hit is not None
        assert hit.from_cache is True
        assert hit.model_dump(exclude={"from_cache"}) == completion().model_dump(exclude={"from_cache"})
        assert cache.get(SPEC, MESSAGES, PARAMS, None) is None
        assert cache.stats() == CacheStats(hits=1, misses=2)
        assert len(cache) == 1


def test_put_replaces_and_never_stores_from_cache_true(tmp_path: Path) -> None:
    with ResponseCache(tmp_path / "cache.sqlite") as cache:
        cache.put(SPEC, MESSAGES, PARAMS, None, completion("first"))
        again = completion("second")
        again.from_cache = True
        cache.put(SPEC, MESSAGES, PARAMS, None, again)
        assert len(cache) == 1
        stored = cache._connect().execute("SELECT completion FROM responses").fetchone()[0]
    assert Completion.model_validate_json(stored).from_cache is False
    assert Completion.model_validate_json(stored).text == "second"


def test_entries_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "cache.sqlite"
    with ResponseCache(path) as cache:
        cache.put(SPEC, MESSAGES, PARAMS, SCHEMA, completion())
    with ResponseCache(path) as reopened:
        hit = reopened.get(SPEC, MESSAGES, PARAMS, SCHEMA)
    assert hit is not None and hit.text == completion().text and hit.from_cache


def test_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with ResponseCache(path) as cache:
        cache.put(SPEC, MESSAGES, PARAMS, None, completion())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_uses_wal_journal(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    ResponseCache(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unreadable_entry_counts_as_a_miss(tmp_path: Path) -> None:
    with ResponseCache(tmp_path / "cache.sqlite") as cache:
        cache.put(SPEC, MESSAGES, PARAMS, None, completion())
        cache._connect().execute("UPDATE responses SET completion = '{\"text\": 1}'")
        assert cache.get(SPEC, MESSAGES, PARAMS, None) is None
        assert cache.stats().misses == 1


# -- concurrency ----------------------------------------------------------------------------
def test_concurrent_writes_from_threads(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(40):
                msgs = [Message(role="user", content=f"thread {worker} message {i}")]
                cache.put(SPEC, msgs, PARAMS, None, completion(f"{worker}-{i}"))
                hit = cache.get(SPEC, msgs, PARAMS, None)
                assert hit is not None and hit.text == f"{worker}-{i}"
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache) == 6 * 40
    assert cache.stats() == CacheStats(hits=6 * 40, misses=0)
    cache.close()


WRITER = textwrap.dedent(
    """
    import sys
    from crisp.llm.base import Completion, GenerationParams, Message
    from crisp.llm.cache import ResponseCache

    path, worker = sys.argv[1], int(sys.argv[2])
    cache = ResponseCache(path)
    params = GenerationParams()
    for i in range(60):
        msgs = [Message(role="user", content=f"process {worker} message {i}")]
        cache.put("spec", msgs, params, None, Completion(text=f"{worker}-{i}", model="spec"))
        # everyone also rewrites one shared key, so writers really collide
        cache.put("spec", [Message(role="user", content="shared")], params, None,
                  Completion(text=f"shared by {worker}", model="spec"))
    cache.close()
    """
)


def test_concurrent_writes_from_processes_do_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    ResponseCache(path).close()
    workers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(w)], stderr=subprocess.PIPE, text=True)
        for w in range(3)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with ResponseCache(path) as cache:
        assert len(cache) == 3 * 60 + 1
        for w in range(3):
            hit = cache.get("spec", [Message(role="user", content=f"process {w} message 59")], GenerationParams(), None)
            assert hit is not None and hit.text == f"{w}-59"
        shared = cache.get("spec", [Message(role="user", content="shared")], GenerationParams(), None)
        assert shared is not None and shared.text.startswith("shared by ")


# -- use by ChatModel ---------------------------------------------------------------------
def test_chat_model_consults_the_cache(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    model = CountingModelDouble(cache)
    messages = [{"role": "user", "content": "hello"}]

    async def scenario() -> tuple[Completion, Completion, Completion]:
        first = await model.complete(messages, PARAMS)
        second = await model.complete(messages, PARAMS)
        other = await model.complete(messages, GenerationParams(max_new_tokens=8))
        return first, second, other

    first, second, other = asyncio.run(scenario())
    assert model.calls == 2
    assert (first.from_cache, second.from_cache, other.from_cache) == (False, True, False)
    assert second.text == first.text == "reply 1"
    assert other.text == "reply 2"
    assert model.usage.total.calls == 2  # a hit costs nothing
    cache.close()

    # A new process (here: a new model on the reopened file) gets the same answers for free.
    again = CountingModelDouble(ResponseCache(tmp_path / "cache.sqlite"))
    replay = asyncio.run(again.complete(messages, PARAMS))
    assert again.calls == 0 and replay.from_cache and replay.text == "reply 1"


def test_structured_calls_are_cached_with_their_schema(tmp_path: Path) -> None:
    from pydantic import BaseModel

    class Reply(BaseModel):
        text: str

    class JsonModelDouble(CountingModelDouble):
        async def _complete(
            self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
        ) -> Completion:
            self.calls += 1
            return Completion(text='{"text": "ok"}', model=self.spec)

    model = JsonModelDouble(ResponseCache(tmp_path / "cache.sqlite"))
    messages = [{"role": "user", "content": "hello"}]

    async def scenario() -> None:
        await model.structured(messages, Reply)
        await model.structured(messages, Reply)
        await model.complete(messages)  # same messages, no schema: a different key

    asyncio.run(scenario())
    assert model.calls == 2
    assert model.cache is not None and model.cache.stats() == CacheStats(hits=1, misses=2)


def test_many_concurrent_async_callers_share_one_cache(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache.sqlite")
    model = CountingModelDouble(cache)

    async def scenario() -> list[Completion]:
        prompts = [[{"role": "user", "content": f"prompt {i % 25}"}] for i in range(100)]
        first = await asyncio.gather(*(model.complete(p) for p in prompts[:25]))
        rest = await asyncio.gather(*(model.complete(p) for p in prompts[25:]))
        return [*first, *rest]

    results = asyncio.run(scenario())
    assert model.calls == 25
    assert sum(r.from_cache for r in results) == 75
    assert len(cache) == 25
    cache.close()
