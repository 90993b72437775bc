"""Several model endpoints used as one teacher: a vLLM fleet is a list of URLs.

`ModelPool` is itself a `ChatModel`, so the engine never knows it talks to many servers. Each call
goes to the member with the fewest calls in flight (round-robin among ties, so an idle fleet is used
evenly). A member that fails with `BackendUnavailableError` (after its own retries) is left out for
`cooldown_s` and the call is tried once more on another member; only when every member is down
does the error reach the caller.

Endpoints that serve the same model name are one fleet: the pool's `spec` (which keys the response
cache and the run's job keys) is the set of model identities, not the URLs, so adding or removing a
URL in the middle of a run changes nothing that was already made.

Not here: health probes, weighting members by speed, or streaming across members.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from crisp.errors import BackendUnavailableError, ModelSpecError
from crisp.llm.base import (
    Capabilities,
    ChatModel,
    Completion,
    GenerationParams,
    Message,
    StreamDelta,
)
from crisp.llm.registry import parse_spec

if TYPE_CHECKING:
    from crisp.llm.cache import ResponseCache

DEFAULT_COOLDOWN_S = 30.0


def model_identity(spec: str) -> str:
    """What a spec names, independent of where it is served: `http(s)://HOST/v1#NAME` -> `http#NAME`."""
    try:
        parsed = parse_spec(spec)
    except ModelSpecError:  # a test double's spec, or anything else the registry does not know
        return spec
    return parsed.identity


class ModelPool(ChatModel):
    """Calls spread over `members` by least in-flight, with fail-over to another member."""

    def __init__(
        self,
        members: Sequence[ChatModel],
        *,
        cache: ResponseCache | None = None,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        max_concurrency: int = 1 << 20,
    ) -> None:
        if not members:
            raise ValueError("a model pool needs at least one member")
        spec = " | ".join(sorted(dict.fromkeys(model_identity(m.spec) for m in members)))
        super().__init__(spec, max_concurrency=max_concurrency, cache=cache)
        self.members = list(members)
        self.capabilities = Capabilities(
            streaming=all(m.capabilities.streaming for m in members),
            constrained_output=all(m.capabilities.constrained_output for m in members),
        )
        self.cooldown_s = cooldown_s
        self.in_flight = [0] * len(members)
        self.served = [0] * len(members)
        self.failures = [0] * len(members)
        self._down_until = [0.0] * len(members)
        self._turn = 0

    @property
    def member_specs(self) -> list[str]:
        return [m.spec for m in self.members]

    def pick(self, exclude: set[int] | frozenset[int] = frozenset()) -> int:
        """The member for the next call: up, fewest in flight, next in round-robin order among ties."""
        now = time.monotonic()
        n = len(self.members)
        order = [(self._turn + k) % n for k in range(n)]
        up = [i for i in order if i not in exclude and self._down_until[i] <= now]
        choices = up or [i for i in order if i not in exclude] or order
        best = min(choices, key=lambda i: self.in_flight[i])  # min keeps the first of equals: round-robin
        self._turn = (best + 1) % n
        return best

    async def _complete(
        self, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        first = self.pick()
        try:
            return await self._call(first, messages, params, json_schema)
        except BackendUnavailableError:
            self.failures[first] += 1
            self._down_until[first] = time.monotonic() + self.cooldown_s
            if len(self.members) == 1:
                raise
        return await self._call(self.pick(exclude={first}), messages, params, json_schema)

    async def _call(
        self, i: int, messages: list[Message], params: GenerationParams, json_schema: dict[str, Any] | None
    ) -> Completion:
        self.in_flight[i] += 1
        try:
            completion = await self.members[i].complete(messages, params, json_schema=json_schema)
        finally:
            self.in_flight[i] -= 1
        self.served[i] += 1
        return completion.model_copy(update={"model": self.spec})

    async def _stream(self, messages: list[Message], params: GenerationParams) -> AsyncIterator[StreamDelta]:
        i = self.pick()
        self.in_flight[i] += 1
        try:
            stream = self.members[i].stream(messages, params)
            async for text in stream:
                yield StreamDelta(text=text)
            completion = stream.completion
            yield StreamDelta(usage=completion.usage if completion else None,
                              finish_reason=completion.finish_reason if completion else None)
        finally:
            self.in_flight[i] -= 1
        self.served[i] += 1

    async def aclose(self) -> None:
        for member in self.members:
            await member.aclose()
