"""`crisp serve` and `crisp serve keys` from the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import openai
from fixtures.serve_server import free_port
from typer.testing import CliRunner

from crisp.cli import app

runner = CliRunner()
CRISP = [sys.executable, "-c", "from crisp.cli import main; main()"]


def test_serve_help_names_every_option() -> None:
    result = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    for option in ("--model", "--db", "--host", "--port", "--workers", "--locale", "--no-auth"):
        assert option in result.output
    assert "keys" in result.output
    keys = runner.invoke(app, ["serve", "keys", "--help"], env={"COLUMNS": "200"})
    assert all(name in keys.output for name in ("add", "list", "revoke"))


def test_cli_import_stays_light() -> None:
    code = "import sys, crisp.cli; print([m for m in ('fastapi', 'sqlalchemy', 'uvicorn', 'alembic') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_keys_add_list_revoke(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    assert runner.invoke(app, ["serve", "keys", "list", "--db", db]).output == "no keys; `crisp serve keys add NAME` makes one\n"
    added = runner.invoke(app, ["serve", "keys", "add", "open-webui", "--db", db])
    assert added.exit_code == 0
    key_id, name = added.output.splitlines()[0].split()
    key = added.output.splitlines()[1]
    assert name == "open-webui" and key.startswith("crisp-") and len(key) > 40
    listed = runner.invoke(app, ["serve", "keys", "list", "--db", db]).output
    assert re.fullmatch(rf"{key_id}  open-webui  {re.escape(key[:12])}…  \d{{4}}-\d\d-\d\d  active\n", listed)
    assert key not in listed
    assert runner.invoke(app, ["serve", "keys", "revoke", key_id, "--db", db]).output == f"revoked {key_id}\n"
    assert "revoked" in runner.invoke(app, ["serve", "keys", "list", "--db", db]).output.split("  ")[-1]


def test_revoking_an_unknown_key_is_a_one_line_error(tmp_path: Path) -> None:
    out = subprocess.run([*CRISP, "serve", "keys", "revoke", "nope", "--db", f"sqlite:///{tmp_path / 's.db'}"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 2
    assert out.stderr == "error: no active key with id 'nope'; `crisp serve keys list` shows the ids\n"


def test_refuses_an_open_api_off_loopback(tmp_path: Path) -> None:
    out = subprocess.run([*CRISP, "serve", "--host", "0.0.0.0", "--db", f"sqlite:///{tmp_path / 's.db'}"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 2
    assert out.stderr.startswith("error: refusing to serve an open API on 0.0.0.0: add a key first")
    assert len(out.stderr.splitlines()) == 1


def test_unknown_locale_is_a_one_line_error(tmp_path: Path) -> None:
    out = subprocess.run([*CRISP, "serve", "--locale", "Atlantis", "--db", f"sqlite:///{tmp_path / 's.db'}"],
                         capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 2
    assert out.stderr.startswith("error: no crisis resources for locale 'Atlantis'; use one of ")
    assert out.stderr.count("\n") == 1


def test_bad_database_url_is_a_one_line_error() -> None:
    out = subprocess.run([*CRISP, "serve", "keys", "list", "--db", "nosuchdb://x"], capture_output=True, text=True, check=False)
    assert out.returncode == 2 and out.stderr.startswith("error: cannot open database") and out.stderr.count("\n") == 1


def _start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], openai.OpenAI]:
    port = free_port()
    process = subprocess.Popen([*CRISP, "serve", *args, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == f"http://127.0.0.1:{port}"
    client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="local", max_retries=0)
    deadline = time.monotonic() + 90
    while True:
        try:
            client.models.list()
            return process, client
        except openai.APIConnectionError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.2)


def test_crisp_serve_starts_on_a_gguf_model_and_answers(tmp_path: Path, tiny_gguf_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    process, client = _start(["--model", f"gguf:{tiny_gguf_path}"], env)
    try:
        assert [m.id for m in client.models.list().data] == ["peppy", "peppy-guided"]
        reply = client.chat.completions.create(model="peppy", messages=[{"role": "user", "content": "I feel tired."}],
                                               max_tokens=16)
        assert reply.model_extra["crisp"]["answered_by"] == "model"
        assert 0 < reply.usage.completion_tokens <= 16
        assert (tmp_path / "data" / "crisp" / "serve.db").exists()  # the default database, in the data folder
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_crisp_serve_with_two_workers(tmp_path: Path, tiny_gguf_path: Path) -> None:
    """Each worker process builds the app from the same settings and shares the database."""
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    process, client = _start(["--model", f"gguf:{tiny_gguf_path}", "--workers", "2", "--db", db,
                              "--max-new-tokens", "16"], dict(os.environ))
    try:
        replies = [client.chat.completions.create(model="peppy", messages=[{"role": "user", "content": "I feel tired."}])
                   for _ in range(4)]
        assert all(0 < r.usage.completion_tokens <= 16 for r in replies)
        # Every worker signs with the secret kept in the database, so any of them opens any state.
        from crisp.serve.db import make_engine
        from crisp.serve.state import open_state
        from crisp.serve.store import signing_secret

        secret = signing_secret(make_engine(db))
        assert all(open_state(r.model_extra["crisp"]["state"], secret).level == "none" for r in replies)
    finally:
        process.terminate()
        process.wait(timeout=30)
