"""Crisis resources per locale, read from `resources.yaml` (package data), and locale resolution.

The locale comes from the caller, else `get_settings().locale` (env
`CRISP_LOCALE`), else the message language (Chinese -> mainland China); when
none of these names a known locale, the international fallback is used.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib import resources as package_files
from pathlib import Path
from typing import Literal

import yaml  # type: ignore[import-untyped]
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crisp.cr.taxonomy import Lang
from crisp.errors import ConfigError
from crisp.settings import get_settings

logger = logging.getLogger("crisp.safety")

Topic = Literal["crisis", "abuse"]
RESOURCES_FILE = "resources.yaml"
_LOCALE_FOR_LANG: dict[Lang, str] = {Lang.ZH: "CN"}


class LocalizedText(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return str(getattr(self, Lang(lang).value))


class Emergency(BaseModel):
    """The number for immediate danger; `en`/`zh` say it in a sentence ("120 (ambulance) or 110 (police)")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    number: str | None
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return str(getattr(self, Lang(lang).value))


class HelpLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: LocalizedText
    contact: LocalizedText
    topics: tuple[Topic, ...] = Field(min_length=1)

    def describe(self, lang: Lang) -> str:
        if lang == Lang.ZH:
            return f"{self.name.zh}（{self.contact.zh}）"
        return f"{self.name.en} ({self.contact.en})"


class LocaleResources(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = ""
    name: LocalizedText
    aliases: tuple[str, ...] = ()
    emergency: Emergency
    lines: tuple[HelpLine, ...] = Field(min_length=1)

    def lines_for(self, topic: Topic) -> tuple[HelpLine, ...]:
        """Lines for a topic; every locale has at least one `crisis` line (checked on load)."""
        return tuple(line for line in self.lines if topic in line.topics)


class ResourceBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    checked: str | None = None
    fallback: str
    locales: dict[str, LocaleResources]

    @model_validator(mode="after")
    def _consistent(self) -> ResourceBook:
        if self.fallback not in self.locales:
            raise ValueError(f"fallback {self.fallback!r} is not one of the locales")
        for code, entry in self.locales.items():
            if code != code.upper():
                raise ValueError(f"locale {code!r} must be upper case")
            if not entry.lines_for("crisis"):
                raise ValueError(f"locale {code} has no line with topic 'crisis'")
        names = [a.upper() for entry in self.locales.values() for a in entry.aliases] + list(self.locales)
        if len(names) != len(set(names)):
            raise ValueError("a locale code or alias is listed twice")
        return self

    def lookup(self, key: str) -> LocaleResources | None:
        key = key.upper()
        if key in self.locales:
            return self.locales[key].model_copy(update={"code": key})
        for code, entry in self.locales.items():
            if key in (a.upper() for a in entry.aliases):
                return entry.model_copy(update={"code": code})
        return None


def parse_resources(text: str, source: str = RESOURCES_FILE) -> ResourceBook:
    try:
        return ResourceBook.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError) as error:
        first = str(error).splitlines()
        raise ConfigError(f"{source} is not a valid resources file: {' '.join(first[:3])}") from None


@cache
def load_resources(path: Path | None = None) -> ResourceBook:
    """The packaged resources, or those in `path` (same format, for a deployment's own list)."""
    if path is None:
        text = package_files.files("crisp.safety").joinpath(RESOURCES_FILE).read_text(encoding="utf-8")
        return parse_resources(text)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read resources file {path}: {error}") from None
    return parse_resources(text, str(path))


_REGION = re.compile(r"^[A-Za-z]{2,4}$")


def _region_of(locale: str) -> str:
    """ "en_US.UTF-8" -> "US", "zh-Hans-CN" -> "CN", "uk" -> "UK"."""
    base = locale.strip().split(".")[0].split("@")[0]
    parts = [p for p in re.split(r"[-_]", base) if p]
    if not parts:
        return ""
    return parts[-1].upper() if _REGION.match(parts[-1]) else ""


def resolve_locale(locale: str | None = None, lang: Lang | str = Lang.EN, *, book: ResourceBook | None = None) -> str:
    """The locale code whose resources to show (see the module docstring)."""
    book = book or load_resources()
    lang = Lang(lang)
    for candidate, origin in ((locale, "argument"), (get_settings().locale, "CRISP_LOCALE")):
        if not candidate:
            continue
        found = book.lookup(_region_of(candidate))
        if found is not None:
            return found.code
        logger.warning("unknown locale %r (from %s); using the message language instead", candidate, origin)
        break
    return _LOCALE_FOR_LANG.get(lang, book.fallback)


def resources_for(locale: str | None = None, lang: Lang | str = Lang.EN) -> LocaleResources:
    book = load_resources()
    found = book.lookup(resolve_locale(locale, lang, book=book))
    return found if found is not None else book.locales[book.fallback].model_copy(update={"code": book.fallback})
