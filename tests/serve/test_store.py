"""Storage on a real SQLite file and a real PostgreSQL: migrations, keys, exchanges, deletes, TTL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, text

from crisp.errors import InputError
from crisp.serve import db, store


def test_migrations_match_the_tables(engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []
    db.upgrade(engine)  # a second upgrade is a no-op
    assert set(inspect(engine).get_table_names()) >= {t.name for t in db.metadata.sorted_tables}


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'nested' / 'serve.db'}")
    db.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert (tmp_path / "nested" / "serve.db").stat().st_mode & 0o077 == 0  # the owner's only


def test_keys_are_stored_hashed_and_revocable(engine) -> None:
    info, key = store.add_key(engine, "open-webui")
    with engine.connect() as connection:
        stored = connection.execute(select(db.api_keys.c.key_hash)).scalar_one()
    assert key not in stored and stored == store.sha256(key)
    assert store.key_id_for(engine, key) == info.id
    assert store.active_key_count(engine) == 1
    store.revoke_key(engine, info.id)
    assert store.key_id_for(engine, key) is None
    with pytest.raises(InputError, match="keys list"):
        store.revoke_key(engine, info.id)
    assert store.list_keys(engine)[0].revoked_at is not None


def _account(engine, name: str = "sam", keep: bool = True) -> store.Account:
    account = store.create_account(engine, name, "hash", retention_days=30)
    store.set_history(engine, account.id, keep, 30)
    return account


def test_exchanges_are_stored_once_in_order(engine) -> None:
    sam = _account(engine)
    conversation = store.new_id()
    assert store.append_exchange(engine, sam.id, conversation, "first", "reply one", "s1", "turn-1",
                                 new_title="first", guided=False)
    assert store.append_exchange(engine, sam.id, conversation, "second", "reply two", "s2", "turn-2")
    assert not store.append_exchange(engine, sam.id, conversation, "second", "reply two", "s2", "turn-2")  # a retry
    found = store.get_conversation(engine, sam.id, conversation)
    assert [m["content"] for m in found["messages"]] == ["first", "reply one", "second", "reply two"]
    assert found["state"] == "s2"


def test_exchanges_finishing_at_once_both_land(engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    sam = _account(engine)
    conversation = store.new_id()
    store.append_exchange(engine, sam.id, conversation, "first", "reply", None, "turn-0", new_title="t")
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda n: store.append_exchange(engine, sam.id, conversation, f"m{n}", f"r{n}", None,
                                                             f"turn-{n}"), range(1, 9)))
    assert all(done)
    stored = store.get_conversation(engine, sam.id, conversation)["messages"]
    assert len(stored) == 18
    pairs = [(stored[i]["content"], stored[i + 1]["content"]) for i in range(2, 18, 2)]
    assert sorted(pairs) == [(f"m{n}", f"r{n}") for n in range(1, 9)]  # each reply right after its message


def test_another_account_sees_nothing_and_cannot_write(engine) -> None:
    sam, kim = _account(engine, "sam"), _account(engine, "kim")
    conversation = store.new_id()
    store.append_exchange(engine, sam.id, conversation, "mine", "reply", None, "t1", new_title="mine")
    assert store.get_conversation(engine, kim.id, conversation) is None
    assert store.list_conversations(engine, kim.id) == []
    assert not store.delete_conversation(engine, kim.id, conversation)
    with pytest.raises(InputError):
        store.append_exchange(engine, kim.id, conversation, "theirs", "reply", None, "t2")
    assert len(store.get_conversation(engine, sam.id, conversation)["messages"]) == 2


def test_delete_is_hard(engine) -> None:
    sam = _account(engine)
    conversation = store.new_id()
    store.append_exchange(engine, sam.id, conversation, "text", "reply", None, "t1", new_title="t")
    assert store.delete_conversation(engine, sam.id, conversation)
    with engine.connect() as connection:
        assert connection.execute(select(db.messages)).all() == []
        assert connection.execute(select(db.conversations)).all() == []


def test_expired_conversations_are_purged(engine) -> None:
    sam = _account(engine)
    old, fresh = store.new_id(), store.new_id()
    store.append_exchange(engine, sam.id, old, "old", "reply", None, "t1", new_title="old")
    store.append_exchange(engine, sam.id, fresh, "fresh", "reply", None, "t2", new_title="fresh")
    with engine.begin() as connection:
        connection.execute(db.conversations.update().where(db.conversations.c.id == old)
                           .values(updated_at=store.now() - timedelta(days=31)))
    assert store.purge_expired(engine) == 1
    assert [c["id"] for c in store.list_conversations(engine, sam.id)] == [fresh]
    with engine.connect() as connection:
        assert len(connection.execute(select(db.messages)).all()) == 2


def test_opting_out_of_history_deletes_it_and_export_has_everything(engine) -> None:
    sam = _account(engine)
    conversation = store.new_id()
    store.append_exchange(engine, sam.id, conversation, "text", "reply", None, "t1", new_title="t")
    exported = store.export_account(engine, store.Account(sam.id, "sam", True, 30))
    assert exported["account"]["username"] == "sam" and "password" not in str(exported)
    assert exported["conversations"][0]["messages"][0]["content"] == "text"
    store.set_history(engine, sam.id, False, 30)
    assert store.list_conversations(engine, sam.id) == []


def test_safety_events_hold_no_text(engine) -> None:
    store.record_safety_event(engine, "api", "high", "safety", False)
    columns = [c["name"] for c in inspect(engine).get_columns("safety_events")]
    assert "level" in columns
    assert not {"text", "content", "message"} & set(columns)
    assert store.safety_event_counts(engine) == {"high": 1}
