"""The choices of the `crisp data` commands, kept light so the CLI imports them at no cost."""

from __future__ import annotations

from enum import StrEnum

# Dialogues per language whose MTLD `crisp data stats` measures (see `crisp.data.stats`).
DEFAULT_MTLD_SAMPLE = 2000
# A dataset card's licence until its publisher chooses one.
DEFAULT_LICENSE = "unknown"


class GroupBy(StrEnum):
    """How `crisp data stats --by` groups dialogues."""

    LANG = "lang"
    CATEGORY = "category"


class ExportFormat(StrEnum):
    MESSAGES = "messages"
    SHAREGPT = "sharegpt"
    ALPACA = "alpaca"
    HF = "hf"


class SystemPrompt(StrEnum):
    """The system message of exported conversations: the Peppy prompt, or none."""

    PEPPY = "peppy"
    NONE = "none"


__all__ = [
    "DEFAULT_LICENSE",
    "DEFAULT_MTLD_SAMPLE", "ExportFormat", "GroupBy", "SystemPrompt"]
