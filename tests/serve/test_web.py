"""The web endpoints over HTTP: accounts, CSRF, per-user isolation, history, export, delete, limits."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from fixtures.serve_server import REPLY_EN, counsellor_double

PASSWORD = "correct horse battery"


def browser(server) -> httpx.Client:
    """A client that loads the page first (as a browser does) and sends the CSRF header after."""
    client = server.client()
    page = client.get("/")
    assert page.status_code == 200
    client.headers["x-csrf-token"] = client.cookies["crisp_csrf"]
    return client


def sign_up(client: httpx.Client, name: str, keep: bool = True) -> None:
    response = client.post("/web/register", json={"username": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    assert "httponly" in response.headers["set-cookie"].lower() and "samesite=strict" in response.headers["set-cookie"].lower()
    if keep:
        assert client.post("/web/history", json={"keep": True, "retention_days": 7}).json()["account"]["keep_history"]


def chat(client: httpx.Client, text: str, **fields) -> list[tuple[str, dict]]:
    body = {"text": text, "turn_id": uuid.uuid4().hex, **fields}
    events = []
    with client.stream("POST", "/web/chat", json=body) as response:
        assert response.status_code == 200, response.read()
        kind = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[6:])))
    return events


def test_page_and_assets_are_served_by_the_app(serve) -> None:
    server = serve()
    client = server.client()
    page = client.get("/")
    assert 'src="/static/app.js"' in page.text and "<script>" not in page.text
    assert "http" not in page.text.split("<body>")[1].replace('href="/static', "")  # no CDN, nothing off-site
    for asset in ("/static/app.js", "/static/app.css"):
        assert client.get(asset).status_code == 200
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_anonymous_chat_streams_and_stores_nothing(serve) -> None:
    server = serve()
    client = browser(server)
    events = chat(client, "I keep thinking I will fail my exam.")
    kinds = [k for k, _ in events]
    assert kinds[0] == "waiting" and kinds[-1] == "done" and kinds.count("text") == 2
    done = events[-1][1]
    assert done["text"] == REPLY_EN and done["state"]
    engine = server.app.state.serve.engine
    from sqlalchemy import select

    from crisp.serve import db

    with engine.connect() as connection:
        assert connection.execute(select(db.messages)).all() == []
        assert connection.execute(select(db.conversations)).all() == []


def test_state_changing_requests_need_the_csrf_token(serve) -> None:
    server = serve()
    client = server.client()
    client.get("/")
    body = {"text": "hello", "turn_id": uuid.uuid4().hex}
    assert client.post("/web/chat", json=body).status_code == 403
    assert client.post("/web/chat", json=body, headers={"x-csrf-token": "forged"}).status_code == 403
    assert client.post("/web/register", json={"username": "sam", "password": PASSWORD}).status_code == 403
    assert "CSRF" in client.post("/web/logout").json()["error"]["message"]


def test_history_isolation_export_and_delete(serve) -> None:
    server = serve()
    sam, kim = browser(server), browser(server)
    sign_up(sam, "sam")
    sign_up(kim, "kim")
    events = chat(sam, "My sister never calls me back.")
    conversation = events[0][1]["id"]
    chat(sam, "Maybe she is just busy.", conversation_id=conversation)
    listed = sam.get("/web/conversations").json()["conversations"]
    assert [c["id"] for c in listed] == [conversation] and listed[0]["title"] == "My sister never calls me back."
    stored = sam.get(f"/web/conversations/{conversation}").json()
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant", "user", "assistant"]
    # Another account: 404 for reading, continuing, exporting and deleting.
    assert kim.get(f"/web/conversations/{conversation}").status_code == 404
    assert kim.get(f"/web/conversations/{conversation}/export").status_code == 404
    assert kim.delete(f"/web/conversations/{conversation}").status_code == 404
    assert kim.post("/web/chat", json={"text": "hi", "turn_id": uuid.uuid4().hex, "conversation_id": conversation}).status_code == 404
    assert server.client().get(f"/web/conversations/{conversation}").status_code == 401
    # Export: JSON, Markdown, and everything about the person.
    exported = sam.get(f"/web/conversations/{conversation}/export?format=json").json()
    assert exported["messages"][0]["content"] == "My sister never calls me back." and "state" not in exported
    markdown = sam.get(f"/web/conversations/{conversation}/export?format=md").text
    assert "**You:** Maybe she is just busy." in markdown and f"**Peppy:** {REPLY_EN}" in markdown
    everything = sam.get("/web/export").json()
    assert everything["account"]["username"] == "sam" and len(everything["conversations"]) == 1
    # Delete: gone.
    assert sam.delete(f"/web/conversations/{conversation}").status_code == 200
    assert sam.get(f"/web/conversations/{conversation}").status_code == 404


def test_stored_history_on_postgresql(serve, postgres_url) -> None:
    server = serve(db_url=postgres_url)
    client = browser(server)
    sign_up(client, f"pg-{uuid.uuid4().hex[:6]}")
    conversation = chat(client, "Work has been overwhelming lately.")[0][1]["id"]
    chat(client, "I never finish anything.", conversation_id=conversation)
    stored = client.get(f"/web/conversations/{conversation}").json()
    assert len(stored["messages"]) == 4
    client.delete("/web/account")


def test_login_wrong_password_and_logout(serve) -> None:
    server = serve()
    client = browser(server)
    sign_up(client, "sam", keep=False)
    assert client.get("/web/me").json()["account"]["username"] == "sam"
    client.post("/web/logout")
    assert client.get("/web/me").json()["account"] is None
    assert client.post("/web/login", json={"username": "sam", "password": "wrong password!"}).status_code == 401
    assert client.post("/web/login", json={"username": "sam", "password": PASSWORD}).status_code == 200
    assert client.post("/web/register", json={"username": "sam", "password": "short"}).status_code == 400


def test_web_rate_limit_and_size_limit(serve) -> None:
    server = serve(rate_per_minute_ip=2)
    client = browser(server)
    chat(client, "one")
    chat(client, "two")
    response = client.post("/web/chat", json={"text": "three", "turn_id": uuid.uuid4().hex})
    assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
    big = client.post("/web/chat", json={"text": "x" * 40000, "turn_id": uuid.uuid4().hex})
    assert big.status_code == 413 and "32768" in big.json()["error"]["message"]


def test_crisis_on_the_web_answers_with_resources_and_no_model_call(serve) -> None:
    model = counsellor_double()
    server = serve(model)
    client = browser(server)
    client.headers["accept-language"] = "zh-CN,zh;q=0.9"
    done = chat(client, "我不想活了，今晚就想结束自己的生命。")[-1][1]
    assert done["answered_by"] == "safety" and done["resources"]["locale"] == "CN"
    assert "12356" in " ".join(done["resources"]["lines"]) and "120" in done["resources"]["emergency"]
    assert "12356" in done["text"]  # the scripted safe reply names the line too
    assert model.calls == []
    from crisp.serve import store

    assert sum(store.safety_event_counts(server.app.state.serve.engine).values()) == 1


@pytest.mark.parametrize("host", ["0.0.0.0"])
def test_server_refuses_open_api_off_loopback(tmp_path, host: str) -> None:
    from crisp.errors import ConfigError
    from crisp.serve import store
    from crisp.serve.config import ServeConfig
    from crisp.serve.server import check_auth, open_database

    engine = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with pytest.raises(ConfigError, match="keys add"):
        check_auth(ServeConfig(host=host), engine)
    check_auth(ServeConfig(host=host, no_auth=True), engine)
    store.add_key(engine, "proxy")
    check_auth(ServeConfig(host=host), engine)
    check_auth(ServeConfig(host="127.0.0.1"), open_database(f"sqlite:///{tmp_path / 'y.db'}"))


def test_server_purges_expired_history_when_it_starts(serve, tmp_path) -> None:
    from datetime import timedelta

    from crisp.serve import db, store

    url = f"sqlite:///{tmp_path / 'aged.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    sam = store.create_account(engine, "sam", "hash", retention_days=7)
    store.set_history(engine, sam.id, True, 7)
    old, fresh = store.new_id(), store.new_id()
    store.append_exchange(engine, sam.id, old, "old", "reply", None, "turn-old", new_title="old")
    store.append_exchange(engine, sam.id, fresh, "fresh", "reply", None, "turn-new", new_title="fresh")
    with engine.begin() as connection:
        connection.execute(db.conversations.update().where(db.conversations.c.id == old)
                           .values(updated_at=store.now() - timedelta(days=8)))
    serve(db_url=url)
    import time

    deadline = time.monotonic() + 10
    while store.get_conversation(engine, sam.id, old) is not None:
        assert time.monotonic() < deadline, "the expired conversation was not purged"
        time.sleep(0.05)
    assert store.get_conversation(engine, sam.id, fresh) is not None


def test_closing_the_page_mid_reply_stops_the_model_and_stores_nothing(serve) -> None:
    import time

    from fixtures.serve_server import SlowStreamingCounsellorDouble

    model = SlowStreamingCounsellorDouble(word_delay_s=0.1)
    server = serve(model)
    client = browser(server)
    sign_up(client, "sam")
    with client.stream("POST", "/web/chat", json={"text": "I feel ignored.", "turn_id": uuid.uuid4().hex}) as response:
        for line in response.iter_lines():
            if '"piece"' in line:
                break  # the person closes the page after the first sentence
    time.sleep(1.5)
    words = len(REPLY_EN.split())
    assert model.deltas_sent < words  # the model was stopped, not left generating
    assert client.get("/web/conversations").json()["conversations"] == []
    assert chat(client, "Are you there?")[-1][1]["text"] == REPLY_EN  # and the server carries on
