"""The two roles of every dialogue. Each has one method; the session runner alternates them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from crisp.cr.schema import CounsellorTurn
from crisp.dialogue.session import Session


class Counsellor(ABC):
    """Writes the next counsellor turn onto the session (and moves the plan when a step is done)."""

    @abstractmethod
    async def reply(self, session: Session) -> CounsellorTurn: ...


@dataclass(frozen=True)
class ClientReply:
    text: str
    ends: bool = False


class Client(ABC):
    """Says what the client says next. A person in chat, a simulated client in synthesis and evaluation."""

    @abstractmethod
    async def reply(self, session: Session) -> ClientReply: ...
