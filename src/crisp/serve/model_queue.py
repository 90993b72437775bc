"""First come, first served in front of a model that runs a bounded number of requests at once.

The embedded llama.cpp model generates one reply at a time; an endpoint model (vLLM) takes many.
`QueuedModel` wraps either: each model call takes a ticket and waits its turn in arrival order,
and whoever waits hears its place in the line (`waiting_listener`), so the page can show it.
The wait is an `asyncio` wait: the event loop never blocks (the backends themselves generate off
the loop). Only model calls queue: a message the safety layer answers never waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from crisp.errors import CrispError
from crisp.llm.base import ChatModel, Completion, GenerationParams, Message, StreamDelta

# Called with the number of turns ahead (0: generating now) while a call waits for the model.
waiting_listener: contextvars.ContextVar[Callable[[int], None] | None] = contextvars.ContextVar(
    "crisp_serve_waiting_listener", default=None
)

ONE_AT_A_TIME_KINDS = ("default", "gguf:", "hf:")


class QueueFullError(CrispError):
    """Too many turns already wait for the model."""

    exit_code = 4


def slots_for(spec: str) -> int:
    """How many calls a model spec takes at once: 1 for local weights, many for an endpoint."""
    return 1 if spec.startswith(ONE_AT_A_TIME_KINDS) else 64


MAX_WAITING_DEFAULT = 256  # turns waiting for the model before new ones get 429


class FairQueue:
    """Slots handed out strictly in arrival order; waiters are told their place as it changes."""

    def __init__(self, slots: int, max_waiting: int) -> None:
        self.slots = slots
        self.max_waiting = max_waiting
        self.busy = 0
        self._line: deque[asyncio.Future[None]] = deque()
        self._listeners: dict[asyncio.Future[None], Callable[[int], None]] = {}

    @property
    def waiting(self) -> int:
        return len(self._line)

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        listener = waiting_listener.get()
        if self.busy < self.slots and not self._line:
            self.busy += 1
        else:
            if len(self._line) >= self.max_waiting:
                raise QueueFullError(f"{len(self._line)} turns are waiting for the model; try again in a minute")
            ticket: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._line.append(ticket)
            if listener is not None:
                self._listeners[ticket] = listener
                listener(len(self._line))
            try:
                await ticket  # the releaser hands its slot over (busy stays counted)
            except BaseException:
                if ticket in self._line:
                    self._line.remove(ticket)
                    self._tell_places()
                elif ticket.done() and not ticket.cancelled():
                    self._release()  # handed a slot just as we were cancelled: pass it on
                raise
            finally:
                self._listeners.pop(ticket, None)
        if listener is not None:
            listener(0)
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        while self._line:
            ticket = self._line.popleft()
            if not ticket.done():
                ticket.set_result(None)
                self._tell_places()
                return
        self.busy -= 1

    def _tell_places(self) -> None:
        for place, ticket in enumerate(self._line, start=1):
            listener = self._listeners.get(ticket)
            if listener is not None:
                listener(place)


class QueuedModel(ChatModel):
    """`inner` behind a `FairQueue`; everything else is the inner model's."""

    def __init__(self, inner: ChatModel, queue: FairQueue) -> None:
        super().__init__(inner.spec, max_concurrency=4096)  # the queue decides, not the base semaphore
        self.inner = inner
        self.queue = queue
        self.capabilities = inner.capabilities
        # Peppy reads these to fit the history into the context window (optional on backends).
        for attribute in ("n_ctx", "tokenizer", "model"):
            if hasattr(inner, attribute):
                setattr(self, attribute, getattr(inner, attribute))

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        async with self.queue.slot():
            return await self.inner.complete(messages, params, json_schema=json_schema)

    async def _stream(self, messages: list[Message], params: GenerationParams,
                      json_schema: dict[str, Any] | None = None) -> AsyncIterator[StreamDelta]:
        async with self.queue.slot():
            stream = self.inner.stream(messages, params, json_schema=json_schema)
            try:
                async for text in stream:
                    yield StreamDelta(text=text)
            finally:
                await stream.aclose()
            usage = stream.completion.usage if stream.completion is not None else None
            yield StreamDelta(usage=usage, finish_reason=stream.completion.finish_reason if stream.completion else "stop")

    async def aclose(self) -> None:
        await self.inner.aclose()
