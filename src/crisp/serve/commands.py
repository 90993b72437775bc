"""`crisp serve`: start the server; `crisp serve keys add|list|revoke`: manage API keys."""

from __future__ import annotations

import typer

from crisp.serve.config import DEFAULT_HOST, DEFAULT_PORT

app = typer.Typer(
    help="Peppy on the web: the chat page and an OpenAI-compatible API, with the safety layer inside.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
)
keys_app = typer.Typer(help="API keys (stored hashed).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

DB_HELP = "Database URL: sqlite:///path.db or postgresql+psycopg://user@host/db (default: a SQLite file in your data folder)."


@app.callback()
def serve(
    ctx: typer.Context,
    model: str = typer.Option(None, "--model", help="Model spec, e.g. default, gguf:file.gguf, http://host:8000/v1#name."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option(DEFAULT_HOST, "--host", help="Address to bind; anything but loopback needs an API key or --no-auth."),
    port: int = typer.Option(DEFAULT_PORT, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (each loads its own copy of a local model)."),
    locale: str = typer.Option(None, "--locale", help="Crisis resources for this locale (e.g. US, CN); default: each browser's Accept-Language."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Serve the API without keys even off loopback (on purpose only)."),
    max_new_tokens: int = typer.Option(None, "--max-new-tokens", min=16, help="Token limit of one reply (default: Peppy's, 512); a request may ask for fewer."),
) -> None:
    """Start the server (the chat page at /, the API at /v1)."""
    if ctx.invoked_subcommand is not None:
        return
    from crisp.serve.server import run_server

    run_server(model=model, db=db, host=host, port=port, workers=workers, locale=locale, no_auth=no_auth,
               max_new_tokens=max_new_tokens)


@keys_app.command("add")
def keys_add(
    name: str = typer.Argument(..., help="What the key is for, e.g. open-webui."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Make a key. It is printed once; only its hash is stored."""
    from crisp.serve import store
    from crisp.serve.server import open_database

    info, key = store.add_key(open_database(db), name)
    typer.echo(f"{info.id}  {info.name}")
    typer.echo(key)


@keys_app.command("list")
def keys_list(db: str = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """List keys (id, name, start of the key, created, revoked)."""
    from crisp.serve import store
    from crisp.serve.server import open_database

    found = store.list_keys(open_database(db))
    if not found:
        typer.echo("no keys; `crisp serve keys add NAME` makes one")
        return
    for key in found:
        revoked = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        typer.echo(f"{key.id}  {key.name}  {key.prefix}…  {key.created_at:%Y-%m-%d}  {revoked}")


@keys_app.command("revoke")
def keys_revoke(
    key_id: str = typer.Argument(..., help="The key's id, from `crisp serve keys list`."),
    db: str = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    from crisp.serve import store
    from crisp.serve.server import open_database

    store.revoke_key(open_database(db), key_id)
    typer.echo(f"revoked {key_id}")
