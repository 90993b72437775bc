"""Defaults in one place. Environment variables `CRISP_*` override them."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisp"


class Settings(BaseModel):
    """Toolkit-wide defaults. Read once with `get_settings()`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cache_dir: Path = Field(default_factory=_default_cache_dir)
    # Conversation content never goes to logs unless this is switched on.
    log_content: bool = False
    # Locale for safety resources (e.g. "US", "CN", "GB"); empty means "from the message language".
    locale: str = ""
    default_model: str = "default"


def get_settings() -> Settings:
    values: dict[str, object] = {}
    if cache := os.environ.get("CRISP_CACHE_DIR"):
        values["cache_dir"] = Path(cache)
    if (log := os.environ.get("CRISP_LOG_CONTENT")) is not None:
        values["log_content"] = log.strip().lower() in {"1", "true", "yes", "on"}
    if locale := os.environ.get("CRISP_LOCALE"):
        values["locale"] = locale
    if model := os.environ.get("CRISP_DEFAULT_MODEL"):
        values["default_model"] = model
    return Settings(**values)
