"""The fair queue in front of a one-at-a-time model: arrival order, places told, loop never blocked."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid

import httpx
from fixtures.serve_server import counsellor_double

from crisp.serve.model_queue import FairQueue, QueueFullError


def test_slots_go_in_arrival_order_and_waiters_hear_their_place() -> None:
    async def scenario() -> tuple[list[int], dict[int, list[int]]]:
        from crisp.serve.model_queue import waiting_listener

        queue = FairQueue(slots=1, max_waiting=10)
        order: list[int] = []
        heard: dict[int, list[int]] = {}

        async def turn(n: int) -> None:
            heard[n] = []
            waiting_listener.set(heard[n].append)
            async with queue.slot():
                order.append(n)
                await asyncio.sleep(0.01)

        tasks = []
        for n in range(4):
            tasks.append(asyncio.create_task(turn(n)))
            await asyncio.sleep(0)  # arrive one after another
        await asyncio.gather(*tasks)
        return order, heard

    order, heard = asyncio.run(scenario())
    assert order == [0, 1, 2, 3]
    assert heard[0] == [0]
    assert heard[3] == [3, 2, 1, 0]  # its place as the line moves, then its turn


def test_a_cancelled_waiter_leaves_the_line_and_the_queue_refuses_when_full() -> None:
    async def scenario() -> None:
        queue = FairQueue(slots=1, max_waiting=1)
        release = asyncio.Event()

        async def hold() -> None:
            async with queue.slot():
                await release.wait()

        holder = asyncio.create_task(hold())
        await asyncio.sleep(0)
        waiter = asyncio.create_task(hold())
        await asyncio.sleep(0)
        assert queue.waiting == 1
        try:
            async with queue.slot():
                raise AssertionError("the line is full")
        except QueueFullError:
            pass
        waiter.cancel()
        await asyncio.sleep(0)
        assert queue.waiting == 0
        release.set()
        await holder
        async with queue.slot():  # the slot came back
            assert queue.busy == 1
        assert queue.busy == 0

    asyncio.run(scenario())


def test_server_queues_a_one_at_a_time_model_and_the_safe_path_skips_the_line(serve) -> None:
    model = counsellor_double(latency_s=0.6)
    server = serve(model, slots=1)
    results: dict[str, list[str]] = {}

    def talk(name: str) -> None:
        client = server.client()
        client.get("/")
        client.headers["x-csrf-token"] = client.cookies["crisp_csrf"]
        lines = []
        with client.stream("POST", "/web/chat", json={"text": f"hello from {name}", "turn_id": uuid.uuid4().hex}) as response:
            for line in response.iter_lines():
                if line.startswith("data: "):
                    lines.append(line)
        results[name] = lines

    first = threading.Thread(target=talk, args=("first",))
    first.start()
    time.sleep(0.2)
    second = threading.Thread(target=talk, args=("second",))
    second.start()
    time.sleep(0.1)
    # While the model is busy: the API answers, and a crisis message is answered at once.
    started = time.monotonic()
    crisis = httpx.post(f"{server.url}/v1/chat/completions", timeout=30, json={
        "model": "peppy", "messages": [{"role": "user", "content": "I want to kill myself tonight."}]})
    assert crisis.json()["crisp"]["answered_by"] == "safety"
    assert time.monotonic() - started < 0.4  # it did not wait for the model
    first.join()
    second.join()
    assert results["first"][0] == 'data: {"ahead": 0}'
    assert results["second"][0] == 'data: {"ahead": 1}'  # told it waits behind one turn
    assert 'data: {"ahead": 0}' in results["second"]
    assert len(model.calls) == 2


def test_local_models_queue_one_at_a_time_and_endpoints_go_out_concurrently() -> None:
    from crisp.serve.model_queue import slots_for

    assert [slots_for(s) for s in ("default", "default:lite", "gguf:m.gguf", "hf:thu-coai/Crispers-7B-v1")] == [1, 1, 1, 1]
    assert slots_for("http://vllm:8000/v1#crispers") > 1 and slots_for("openai:gpt-4o") > 1


def test_an_endpoint_model_answers_turns_concurrently(serve) -> None:
    model = counsellor_double(latency_s=0.5)
    model.spec = "http://vllm.internal:8000/v1#double"  # what an endpoint model is named
    server = serve(model)
    started = time.monotonic()
    threads = [threading.Thread(target=lambda: httpx.post(
        f"{server.url}/v1/chat/completions", timeout=30,
        json={"model": "peppy", "messages": [{"role": "user", "content": "hello"}]}).raise_for_status()) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(model.calls) == 4
    assert time.monotonic() - started < 1.5  # four 0.5 s calls at once, not one after another
