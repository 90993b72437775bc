"""Prompt templates, one folder per language, versioned together.

Templates are plain text with `{name}` fields (str.format). `PROMPT_VERSION`
goes into every record made with them; change it whenever a template changes
in a way that changes output, so cached and resumed runs do not mix versions.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from crisp.cr.taxonomy import Lang

PROMPT_VERSION = "crdial-2026.12-3"


@cache
def template(name: str, lang: Lang | str) -> str:
    """The text of template `name` (without `.txt`) in `lang`."""
    path = resources.files("crisp.prompts") / Lang(lang).value / f"{name}.txt"
    return path.read_text(encoding="utf-8").strip()


def render(name: str, lang: Lang | str, **fields: object) -> str:
    return template(name, lang).format(**fields)


@cache
def keyed_lines(name: str, lang: Lang | str) -> dict[str, str]:
    """Templates written as `key: text` lines (steps, findings, resistance) as a dict."""
    out: dict[str, str] = {}
    for line in template(name, lang).splitlines():
        key, sep, text = line.partition(":")
        if sep:
            out[key.strip()] = text.strip()
    return out


def template_texts() -> dict[str, str]:
    """Every template, by `lang/name`, for fingerprints of synthesis runs."""
    out = {}
    for lang in Lang:
        folder = resources.files("crisp.prompts") / lang.value
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.endswith(".txt"):
                out[f"{lang.value}/{entry.name}"] = entry.read_text(encoding="utf-8")
    return out
