"""Seed situations: reading them from JSONL or CSV, the built-in set, filtering and safety screening.

A seed file holds one situation per line (JSONL) or row (CSV) with the columns
`id, situation, language, category, subcategory, source`; `id` may be left out
(it is then made from the situation). Columns the schema does not know are kept
in `Seed.extra`. A category that names one of the paper's ten situation
categories (in English or Chinese, any spelling `parse_label` accepts) is stored
as its identifier; anything else is kept as written.

Every problem in a seed file is reported as one line naming `file:line`, and the
first one stops the load: a half-read seed set would silently change what a run
makes.

Screening sends every situation through the safety layer and excludes those at
`moderate` risk or above (the paper screened out 29.8% of its seeds): a
simulated client must not role-play an acute crisis. Not here: crisis rules of
our own (they live in `crisp.safety`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from crisp.cr.schema import Seed
from crisp.cr.taxonomy import Lang, SituationCategory, parse_label
from crisp.errors import InputError

BUILTIN = "builtin"
BUILTIN_FILE = "builtin_seeds.jsonl"
SEED_COLUMNS = ("id", "situation", "language", "category", "subcategory", "source")
# Risk levels from lowest to highest, as the safety layer names them; seeds at SCREEN_LEVEL or above are excluded.
RISK_ORDER = ("none", "low", "moderate", "high", "imminent")
SCREEN_LEVEL = "moderate"
_LANGUAGE_ALIASES = {"en": "en", "english": "en", "eng": "en", "zh": "zh", "chinese": "zh", "cn": "zh",
                     "zh-cn": "zh", "zh_cn": "zh", "zh-hans": "zh", "中文": "zh", "英文": "en"}


def load_seeds(source: str | Path) -> list[Seed]:
    """Seeds from a `.jsonl`/`.json` or `.csv` file, or the built-in set (`"builtin"`)."""
    if str(source) == BUILTIN:
        return builtin_seeds()
    path = Path(source)
    if not path.is_file():
        raise InputError(f"seed file {path} does not exist; pass a .jsonl or .csv file, or 'builtin'")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}); save it as UTF-8") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _unique(parse_csv(text, str(path)), str(path))
    if suffix in (".jsonl", ".json", ".ndjson"):
        return _unique(parse_jsonl(text, str(path)), str(path))
    raise InputError(f"{path}: unknown seed file type {suffix or '(none)'!r}; use .jsonl or .csv")


def builtin_seeds() -> list[Seed]:
    """The seed set shipped with the toolkit (English and Chinese, all ten categories)."""
    resource = resources.files("crisp.synth") / BUILTIN_FILE
    if not resource.is_file():
        raise InputError(f"the built-in seed file {BUILTIN_FILE} is missing from this installation; reinstall crisp")
    return _unique(parse_jsonl(resource.read_text(encoding="utf-8"), BUILTIN_FILE), BUILTIN_FILE)


def parse_jsonl(text: str, where: str) -> list[Seed]:
    seeds = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}:{number}: not valid JSON ({error.msg} at column {error.colno})") from None
        if not isinstance(row, dict):
            raise InputError(f"{where}:{number}: expected a JSON object with a 'situation', got {type(row).__name__}")
        seeds.append(seed_from_row(row, f"{where}:{number}"))
    return seeds


def parse_csv(text: str, where: str) -> list[Seed]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise InputError(f"{where}:1: empty CSV file; the first row must name the columns ({', '.join(SEED_COLUMNS)})")
    names = [n.strip() for n in reader.fieldnames]
    if "situation" not in names:
        raise InputError(f"{where}:1: no 'situation' column (columns: {', '.join(names)})")
    seeds = []
    for row in reader:
        number = reader.line_num
        if None in row:  # more cells than column names
            raise InputError(f"{where}:{number}: {len(names) + len(row[None])} cells but {len(names)} columns")
        cleaned = {k.strip(): v for k, v in row.items() if k is not None}
        if all(v in (None, "") for v in cleaned.values()):
            continue
        seeds.append(seed_from_row(cleaned, f"{where}:{number}"))
    return seeds


def seed_from_row(row: dict[str, Any], where: str) -> Seed:
    """One seed from a row of any file format; unknown columns go into `extra`."""
    situation = row.get("situation")
    if not isinstance(situation, str) or not situation.strip():
        raise InputError(f"{where}: missing or empty 'situation'")
    language = _language(row.get("language"), situation, where)
    seed_id = row.get("id")
    if seed_id in (None, ""):
        seed_id = "seed-" + hashlib.sha256(situation.strip().encode("utf-8")).hexdigest()[:12]
    extra = dict(row.get("extra") or {}) if isinstance(row.get("extra"), dict) else {}
    extra.update({k: v for k, v in row.items() if k not in SEED_COLUMNS and k != "extra"})
    values = {
        "id": str(seed_id).strip(),
        "situation": situation.strip(),
        "language": language,
        "category": _category(row.get("category")),
        "subcategory": _optional(row.get("subcategory")),
        "source": _optional(row.get("source")),
        "extra": extra,
    }
    try:
        return Seed.model_validate(values)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        column = ".".join(str(p) for p in first["loc"]) or "row"
        raise InputError(f"{where}: {column}: {first['msg']}") from None


def _language(value: Any, situation: str, where: str) -> Lang:
    if value in (None, ""):
        from crisp.cr.language import detect_language

        detected = detect_language(situation)
        if detected is None:
            raise InputError(f"{where}: no 'language' given and none can be told from the text; add en or zh")
        return detected
    code = _LANGUAGE_ALIASES.get(str(value).strip().lower())
    if code is None:
        raise InputError(f"{where}: language {value!r} is not supported; use en or zh")
    return Lang(code)


def _category(value: Any) -> str | None:
    text = _optional(value)
    if text is None:
        return None
    try:
        return parse_label(SituationCategory, text).value
    except ValueError:
        return text  # a category of the user's own taxonomy, kept as written


def _optional(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _unique(seeds: list[Seed], where: str) -> list[Seed]:
    seen: dict[str, int] = {}
    for k, seed in enumerate(seeds):
        if seed.id in seen:
            raise InputError(f"{where}: seed id {seed.id!r} appears twice (seeds {seen[seed.id] + 1} and {k + 1}); "
                             "ids must be unique")
        seen[seed.id] = k
    return seeds


def select_seeds(seeds: Iterable[Seed], *, langs: Sequence[Lang | str] | None = None,
                 category: str | None = None) -> list[Seed]:
    """The seeds in one of `langs` (all when None) and of `category` (any spelling of a known one)."""
    wanted_langs = {Lang(x) for x in langs} if langs else None
    wanted_category = _category(category) if category else None
    return [
        s for s in seeds
        if (wanted_langs is None or s.language in wanted_langs)
        and (wanted_category is None or s.category == wanted_category)
    ]


@dataclass
class Screening:
    """The outcome of screening seeds: those kept, and those excluded with their risk level."""

    kept: list[Seed] = field(default_factory=list)
    excluded: list[tuple[Seed, str]] = field(default_factory=list)

    @property
    def by_level(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, level in self.excluded:
            counts[level] = counts.get(level, 0) + 1
        return counts


def level_name(level: object) -> str:
    """A risk level (enum or string) as its lower-case name."""
    return str(getattr(level, "value", level)).lower()


def risk_at_least(level: object, threshold: str = SCREEN_LEVEL) -> bool:
    """True when `level` is `threshold` or more severe (unknown levels count as severe)."""
    name = level_name(level)
    if name not in RISK_ORDER:
        return True
    return RISK_ORDER.index(name) >= RISK_ORDER.index(threshold)


def screen_seeds(seeds: Iterable[Seed], threshold: str = SCREEN_LEVEL) -> Screening:
    """Exclude seeds whose situation the safety layer rates at `threshold` risk or above."""
    from crisp.safety import assess

    out = Screening()
    for seed in seeds:
        level = level_name(assess(seed.situation, lang=seed.language).level)
        if risk_at_least(level, threshold):
            out.excluded.append((seed, level))
        else:
            out.kept.append(seed)
    return out
