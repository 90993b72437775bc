"""The server's settings and limits, in one place."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from crisp.settings import get_settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_MESSAGE_BYTES = 32 * 1024  # one message, UTF-8
MAX_HISTORY_MESSAGES = 200  # messages in one request (and turns kept for one conversation)
MAX_BODY_BYTES = 1024 * 1024  # one request body
RATE_PER_MINUTE_IP = 60  # requests that reach the model, per client address
RATE_PER_MINUTE_ACCOUNT = 30  # the same, per account or API key
DEFAULT_RETENTION_DAYS = 30
SESSION_DAYS = 14


def default_db_url() -> str:
    """A SQLite file in the user's data folder (XDG_DATA_HOME, else ~/.local/share)."""
    import os

    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "crisp"
    return f"sqlite:///{base / 'serve.db'}"


class ServeConfig(BaseModel):
    """How one server runs. Built by the CLI; tests build it directly."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(default_factory=lambda: get_settings().default_model)
    db_url: str = Field(default_factory=default_db_url)
    host: str = DEFAULT_HOST
    port: int = Field(default=DEFAULT_PORT, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, le=256)
    locale: str | None = None  # fixed locale for crisis resources; None: each request's Accept-Language
    no_auth: bool = False
    secret: str | None = None  # signs state fields and cookies; None: kept in the database
    max_new_tokens: int | None = Field(default=None, ge=16, le=8192)  # per reply; None: Peppy's default
    max_message_bytes: int = Field(default=MAX_MESSAGE_BYTES, ge=1)
    max_history_messages: int = Field(default=MAX_HISTORY_MESSAGES, ge=1)
    max_body_bytes: int = Field(default=MAX_BODY_BYTES, ge=1024)
    rate_per_minute_ip: int = Field(default=RATE_PER_MINUTE_IP, ge=1)
    rate_per_minute_account: int = Field(default=RATE_PER_MINUTE_ACCOUNT, ge=1)
    cors_origins: list[str] = Field(default_factory=list)  # CORS off unless origins are named

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
