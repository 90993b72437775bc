"""Starting the server: the checks before binding, then uvicorn (one process or several workers)."""

from __future__ import annotations

import os
from typing import Any

from crisp.errors import ConfigError
from crisp.serve.config import ServeConfig, default_db_url

# Longer than a load balancer's idle timeout (often 60 s), so the balancer, not the server, closes idle
# connections: otherwise a request can race the server's close and fail.
KEEP_ALIVE_S = 75
SERVE_PACKAGES = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "pwdlib")


def require_serve_packages() -> None:
    import importlib.util

    missing = [name for name in SERVE_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise ConfigError(f"crisp serve needs {', '.join(missing)}: install the extra with pip install 'crisp-cr[serve]'")


def open_database(url: str | None) -> Any:
    """An engine on `url` (default: the SQLite file), migrated to the newest schema."""
    require_serve_packages()
    from crisp.serve import db

    engine = db.make_engine(url or default_db_url())
    try:
        db.upgrade(engine)
    except ConfigError:
        raise
    except Exception as error:  # noqa: BLE001 - driver errors come in many types
        raise ConfigError(f"cannot use database {db.redact(url or default_db_url())}: {str(error).splitlines()[0]}") from None
    return engine


def check_auth(config: ServeConfig, engine: Any) -> None:
    """Off loopback, refuse to start with an open API unless --no-auth says so."""
    from crisp.serve import store

    if config.loopback or config.no_auth:
        return
    if store.active_key_count(engine) == 0:
        raise ConfigError(
            f"refusing to serve an open API on {config.host}: add a key first (`crisp serve keys add NAME`) "
            "or pass --no-auth on purpose"
        )


def run_server(*, model: str | None, db: str | None, host: str, port: int, workers: int, locale: str | None,
               no_auth: bool, max_new_tokens: int | None = None) -> None:
    require_serve_packages()
    import uvicorn

    from crisp.serve.app import CONFIG_ENV, check_locale, create_app

    values: dict[str, Any] = {"host": host, "port": port, "workers": workers, "locale": locale, "no_auth": no_auth,
                              "max_new_tokens": max_new_tokens}
    if model:
        values["model"] = model
    if db:
        values["db_url"] = db
    if secret := os.environ.get("CRISP_SERVE_SECRET"):
        values["secret"] = secret
    config = ServeConfig(**values)
    check_locale(config.locale)  # before anything is bound or loaded
    engine = open_database(config.db_url)
    check_auth(config, engine)
    shown_host = f"[{host}]" if ":" in host else host
    print(f"http://{shown_host}:{port}", flush=True)
    common: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "access_log": False,
                              "proxy_headers": True, "timeout_graceful_shutdown": 5,
                              "timeout_keep_alive": KEEP_ALIVE_S}
    if workers == 1:
        uvicorn.run(create_app(config, engine=engine), **common)
        return
    os.environ[CONFIG_ENV] = config.model_dump_json()
    uvicorn.run("crisp.serve.app:app_from_env", factory=True, workers=workers, **common)
