"""Queries over the server's tables. Synchronous (SQLAlchemy); the app calls them through
`asyncio.to_thread`, so a slow disk never blocks the event loop.

Every conversation query takes the owner's id: another account's conversation is simply not
found. Deletes are hard deletes (the rows are gone, messages by cascade).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from crisp.errors import InputError
from crisp.serve.db import (
    api_keys,
    conversations,
    messages,
    safety_events,
    server_secrets,
    users,
    web_sessions,
)

KEY_PREFIX = "crisp-"


def now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything stored is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def new_id() -> str:
    return uuid.uuid4().hex


# -- secrets ---------------------------------------------------------------------------------


def signing_secret(engine: Engine) -> str:
    """The secret that signs state fields and cookies, made once per database so replicas share it."""
    with engine.begin() as db:
        found = db.execute(select(server_secrets.c.value).where(server_secrets.c.name == "signing")).scalar()
        if found:
            return found
        try:
            db.execute(insert(server_secrets).values(name="signing", value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another replica made it first
    with engine.begin() as db:
        return db.execute(select(server_secrets.c.value).where(server_secrets.c.name == "signing")).scalar_one()


# -- API keys --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiKeyInfo:
    id: str
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


def add_key(engine: Engine, name: str) -> tuple[ApiKeyInfo, str]:
    """A new key: its row, and the key itself (shown once; only its hash is stored)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    info = ApiKeyInfo(id=new_id()[:12], name=name, prefix=key[: len(KEY_PREFIX) + 6], created_at=now(), revoked_at=None)
    with engine.begin() as db:
        db.execute(insert(api_keys).values(key_hash=sha256(key), **info.__dict__))
    return info, key


def list_keys(engine: Engine) -> list[ApiKeyInfo]:
    with engine.begin() as db:
        rows = db.execute(select(api_keys).order_by(api_keys.c.created_at)).mappings().all()
    return [
        ApiKeyInfo(r["id"], r["name"], r["prefix"], _aware(r["created_at"]), r["revoked_at"] and _aware(r["revoked_at"]))
        for r in rows
    ]


def revoke_key(engine: Engine, key_id: str) -> None:
    with engine.begin() as db:
        done = db.execute(
            update(api_keys).where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None)).values(revoked_at=now())
        ).rowcount
    if not done:
        raise InputError(f"no active key with id {key_id!r}; `crisp serve keys list` shows the ids")


def active_key_count(engine: Engine) -> int:
    with engine.begin() as db:
        return int(db.execute(select(func.count()).select_from(api_keys).where(api_keys.c.revoked_at.is_(None))).scalar_one())


def key_id_for(engine: Engine, key: str) -> str | None:
    """The id of the active key `key`, or None."""
    with engine.begin() as db:
        return db.execute(
            select(api_keys.c.id).where(api_keys.c.key_hash == sha256(key), api_keys.c.revoked_at.is_(None))
        ).scalar()


# -- accounts and sessions -------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    id: str
    username: str
    keep_history: bool
    retention_days: int


def _account(row: Any) -> Account:
    return Account(row["id"], row["username"], bool(row["keep_history"]), int(row["retention_days"]))


def create_account(engine: Engine, username: str, password_hash: str, retention_days: int) -> Account:
    account = Account(new_id(), username, False, retention_days)
    try:
        with engine.begin() as db:
            db.execute(insert(users).values(password_hash=password_hash, created_at=now(), **account.__dict__))
    except IntegrityError:
        raise InputError(f"the name {username!r} is taken; choose another") from None
    return account


def password_hash_for(engine: Engine, username: str) -> tuple[Account, str] | None:
    with engine.begin() as db:
        row = db.execute(select(users).where(users.c.username == username)).mappings().first()
    return (_account(row), row["password_hash"]) if row else None


def set_history(engine: Engine, user_id: str, keep: bool, retention_days: int) -> None:
    with engine.begin() as db:
        db.execute(update(users).where(users.c.id == user_id).values(keep_history=keep, retention_days=retention_days))
        if not keep:  # opting out deletes what was kept
            db.execute(delete(conversations).where(conversations.c.user_id == user_id))


def delete_account(engine: Engine, user_id: str) -> None:
    with engine.begin() as db:
        db.execute(delete(conversations).where(conversations.c.user_id == user_id))
        db.execute(delete(users).where(users.c.id == user_id))


def start_session(engine: Engine, user_id: str, days: int) -> str:
    token = secrets.token_urlsafe(32)
    with engine.begin() as db:
        db.execute(insert(web_sessions).values(token_hash=sha256(token), user_id=user_id, expires_at=now() + timedelta(days=days)))
    return token


def session_account(engine: Engine, token: str) -> Account | None:
    with engine.begin() as db:
        row = db.execute(
            select(users, web_sessions.c.expires_at)
            .join(web_sessions, web_sessions.c.user_id == users.c.id)
            .where(web_sessions.c.token_hash == sha256(token))
        ).mappings().first()
    if row is None or _aware(row["expires_at"]) < now():
        return None
    return _account(row)


def end_session(engine: Engine, token: str) -> None:
    with engine.begin() as db:
        db.execute(delete(web_sessions).where(web_sessions.c.token_hash == sha256(token)))


# -- conversations ---------------------------------------------------------------------------


def list_conversations(engine: Engine, user_id: str) -> list[dict[str, Any]]:
    with engine.begin() as db:
        rows = db.execute(
            select(conversations.c.id, conversations.c.title, conversations.c.guided, conversations.c.updated_at)
            .where(conversations.c.user_id == user_id)
            .order_by(conversations.c.updated_at.desc())
        ).mappings().all()
    return [{**r, "updated_at": _aware(r["updated_at"]).isoformat()} for r in rows]


def get_conversation(engine: Engine, user_id: str, conversation_id: str) -> dict[str, Any] | None:
    """The conversation with its messages in order, or None (also when it is someone else's)."""
    with engine.begin() as db:
        head = db.execute(
            select(conversations).where(conversations.c.id == conversation_id, conversations.c.user_id == user_id)
        ).mappings().first()
        if head is None:
            return None
        rows = db.execute(
            select(messages.c.seq, messages.c.role, messages.c.content, messages.c.created_at)
            .where(messages.c.conversation_id == conversation_id)
            .order_by(messages.c.seq)
        ).mappings().all()
    return {
        "id": head["id"],
        "title": head["title"],
        "guided": bool(head["guided"]),
        "state": head["state"],
        "created_at": _aware(head["created_at"]).isoformat(),
        "updated_at": _aware(head["updated_at"]).isoformat(),
        "messages": [{"role": r["role"], "content": r["content"], "created_at": _aware(r["created_at"]).isoformat()} for r in rows],
    }


def append_exchange(
    engine: Engine, user_id: str, conversation_id: str, person: str, reply: str, state: str | None, turn_id: str,
    *, new_title: str | None = None, guided: bool = False,
) -> bool:
    """Store one completed exchange in one transaction: both messages or neither (and the
    conversation itself, with `new_title`, on its first exchange).

    Returns False when this `turn_id` is already stored (a retry): nothing is written twice. Two
    exchanges finishing at once on one conversation both land, one after the other.
    """
    for _ in range(_APPEND_TRIES):
        try:
            _append_once(engine, user_id, conversation_id, person, reply, state, turn_id, new_title, guided)
            return True
        except IntegrityError:
            with engine.begin() as db:
                stored = db.execute(select(messages.c.id).where(
                    messages.c.conversation_id == conversation_id, messages.c.turn_id == turn_id)).first()
            if stored is not None or new_title is not None:
                return False  # this turn (or this new conversation) is already there
    raise InputError("the conversation is busy with other messages; send yours again")


_APPEND_TRIES = 5


def _append_once(engine: Engine, user_id: str, conversation_id: str, person: str, reply: str, state: str | None,
                 turn_id: str, new_title: str | None, guided: bool) -> None:
    stamp = now()
    with engine.begin() as db:
        if new_title is not None:
            db.execute(insert(conversations).values(
                id=conversation_id, user_id=user_id, title=new_title[:200], guided=guided, state=state,
                created_at=stamp, updated_at=stamp))
        owned = db.execute(
            update(conversations)
            .where(conversations.c.id == conversation_id, conversations.c.user_id == user_id)
            .values(state=state, updated_at=stamp)
        ).rowcount
        if not owned:
            raise InputError("that conversation does not exist; start a new one")
        last = db.execute(
            select(func.coalesce(func.max(messages.c.seq), 0)).where(messages.c.conversation_id == conversation_id)
        ).scalar_one()
        db.execute(
            insert(messages),
            [
                {"conversation_id": conversation_id, "seq": last + 1, "role": "user", "content": person,
                 "turn_id": turn_id, "created_at": stamp},
                {"conversation_id": conversation_id, "seq": last + 2, "role": "assistant", "content": reply,
                 "turn_id": None, "created_at": stamp},
            ],
        )


def delete_conversation(engine: Engine, user_id: str, conversation_id: str) -> bool:
    with engine.begin() as db:
        return bool(
            db.execute(
                delete(conversations).where(conversations.c.id == conversation_id, conversations.c.user_id == user_id)
            ).rowcount
        )


def export_account(engine: Engine, account: Account) -> dict[str, Any]:
    """Everything stored about a person: the account (no password hash) and every conversation."""
    found = [get_conversation(engine, account.id, c["id"]) for c in list_conversations(engine, account.id)]
    return {
        "account": {"username": account.username, "keep_history": account.keep_history,
                    "retention_days": account.retention_days},
        "conversations": [c for c in found if c is not None],
    }


def purge_expired(engine: Engine, at: datetime | None = None) -> int:
    """Hard-delete conversations older than their owner's retention, and expired sessions. Returns
    how many conversations went."""
    at = at or now()
    gone = 0
    with engine.begin() as db:
        owners = db.execute(select(users.c.id, users.c.retention_days)).all()
        for user_id, days in owners:
            gone += db.execute(
                delete(conversations).where(
                    conversations.c.user_id == user_id, conversations.c.updated_at < at - timedelta(days=days)
                )
            ).rowcount
        db.execute(delete(web_sessions).where(web_sessions.c.expires_at < at))
    return gone


# -- safety events ---------------------------------------------------------------------------


def record_safety_event(engine: Engine, channel: str, level: str, answered_by: str, reply_blocked: bool) -> None:
    with engine.begin() as db:
        db.execute(
            insert(safety_events).values(at=now(), channel=channel, level=level, answered_by=answered_by,
                                         reply_blocked=reply_blocked)
        )


def safety_event_counts(engine: Engine) -> dict[str, int]:
    with engine.begin() as db:
        rows = db.execute(select(safety_events.c.level, func.count()).group_by(safety_events.c.level)).all()
    return {level: int(count) for level, count in rows}
