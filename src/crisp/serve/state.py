"""The signed state field: what must carry from one stateless request to the next.

Guided mode's plan and findings live in the conversation's Crisp record (its turns carry the
plan tags, its cognition the thought record). That record travels with the reply as an opaque
token, compressed and signed (HMAC-SHA256) with the server's secret, and comes back with the next
request. A token that was altered, or signed by another server, is refused. It is signed, not
encrypted: it holds the conversation the client already has, nothing more.

In both modes the token also carries the risk level the session holds and a digest of everything
the person said: a request that sends the token back must send those same messages, so the safety
tracker, replayed over them, comes back to the level it held (a client cannot drop an earlier
crisis message and keep the state).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import zlib

from pydantic import BaseModel, ConfigDict, ValidationError

from crisp.cr.schema import CrispRecord
from crisp.errors import InputError

STATE_VERSION = 1


class ConversationState(BaseModel):
    model_config = ConfigDict(extra="forbid")

    v: int = STATE_VERSION
    guided: bool
    level: str  # the level the session holds after the last turn
    said: str  # `digest` of the person's messages so far
    record: CrispRecord | None = None  # guided mode only


def digest(person_messages: list[str]) -> str:
    return hashlib.sha256(json.dumps(person_messages, ensure_ascii=False).encode()).hexdigest()


def sign_state(state: ConversationState, secret: str) -> str:
    body = base64.urlsafe_b64encode(zlib.compress(state.model_dump_json().encode(), 6)).decode().rstrip("=")
    return f"{body}.{_mac(body, secret)}"


def open_state(token: str, secret: str) -> ConversationState:
    body, _, mac = token.partition(".")
    if not mac or not hmac.compare_digest(mac, _mac(body, secret)):
        raise InputError("the state field was altered or comes from another server; start a new conversation")
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), bufsize=1 << 16)
        return ConversationState.model_validate_json(raw)
    except (ValueError, zlib.error, ValidationError):
        raise InputError("the state field cannot be read; start a new conversation") from None


def _mac(body: str, secret: str) -> str:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()[:43]
