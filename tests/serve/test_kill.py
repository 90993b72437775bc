"""kill -9 of the server during a streamed reply, then a restart on the same database file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fixtures.serve_server import REPLY_EN, free_port

TESTS = Path(__file__).resolve().parents[1]


def start(db_url: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "fixtures.serve_process", db_url, str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/web/me", timeout=1)
            return process
        except httpx.TransportError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            time.sleep(0.1)
    raise RuntimeError("the server process did not start")


def signed_in(port: int, cookies: dict[str, str] | None = None) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, cookies=cookies)
    client.get("/")
    client.headers["x-csrf-token"] = client.cookies["crisp_csrf"]
    return client


def exchange(client: httpx.Client, text: str, conversation: str | None, turn_id: str) -> str:
    body = {"text": text, "turn_id": turn_id, "conversation_id": conversation}
    with client.stream("POST", "/web/chat", json=body) as response:
        assert response.status_code == 200, response.read()
        for line in response.iter_lines():
            if line.startswith("data: ") and '"id"' in line and conversation is None:
                conversation = json.loads(line[6:])["id"]
    assert conversation is not None
    return conversation


def test_kill_9_mid_reply_keeps_completed_messages_once(tmp_path: Path) -> None:
    db_url, port = f"sqlite:///{tmp_path / 'serve.db'}", free_port()
    server = start(db_url, port)
    try:
        client = signed_in(port)
        assert client.post("/web/register", json={"username": "sam", "password": "correct horse battery"}).status_code == 200
        client.post("/web/history", json={"keep": True})
        conversation = exchange(client, "My sister never calls me back.", None, "turn-0001")
        exchange(client, "Maybe she is just busy.", conversation, "turn-0002")
        # The third reply streams word by word; kill the server once its first sentence is out.
        body = {"text": "I still feel ignored.", "turn_id": "turn-0003", "conversation_id": conversation}
        seen = ""
        with client.stream("POST", "/web/chat", json=body) as response:
            for line in response.iter_lines():
                if line.startswith("data: ") and '"piece"' in line:
                    seen += json.loads(line[6:])["piece"]
                    os.kill(server.pid, signal.SIGKILL)
                    break
        assert seen == "It sounds like today was really hard."
        server.wait(timeout=10)
        cookies = dict(client.cookies)
    finally:
        if server.poll() is None:
            server.kill()
    server = start(db_url, port)
    try:
        client = signed_in(port, cookies)
        stored = client.get(f"/web/conversations/{conversation}").json()["messages"]
        assert [m["content"] for m in stored] == [
            "My sister never calls me back.", REPLY_EN, "Maybe she is just busy.", REPLY_EN,
        ]
        # The page retries the interrupted turn; a second retry of the same turn is not stored twice.
        exchange(client, "I still feel ignored.", conversation, "turn-0003")
        exchange(client, "I still feel ignored.", conversation, "turn-0003")
        stored = client.get(f"/web/conversations/{conversation}").json()["messages"]
        assert [m["content"] for m in stored][4:] == ["I still feel ignored.", REPLY_EN]
        assert len(stored) == 6
    finally:
        server.kill()
        server.wait(timeout=10)
