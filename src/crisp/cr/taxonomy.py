"""The CRDial taxonomy: the one place that lists distortions, strategies, stages and sub-steps.

The enum values are stable identifiers used in records, prompts and exports.
Their text (a name, a one-paragraph definition and an example in every language
of `Lang`) is data: it lives in `taxonomy.yaml` beside this module, keyed by
those values, and is read and checked once, when first needed. This module
keeps the logic: the enums, the orders and links between them, the `Term` type,
the loader, and label parsing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources as package_files
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

from crisp.errors import InputError


class Lang(StrEnum):
    EN = "en"
    ZH = "zh"


class Distortion(StrEnum):
    CATASTROPHIZING = "catastrophizing"
    ALL_OR_NOTHING_THINKING = "all_or_nothing_thinking"
    OVERGENERALIZATION = "overgeneralization"
    PERSONALIZATION = "personalization"
    MENTAL_FILTERING = "mental_filtering"
    FORTUNE_TELLING = "fortune_telling"
    MIND_READING = "mind_reading"
    DISQUALIFYING_THE_POSITIVE = "disqualifying_the_positive"
    JUMPING_TO_CONCLUSIONS = "jumping_to_conclusions"
    EMOTIONAL_REASONING = "emotional_reasoning"
    SHOULD_STATEMENTS = "should_statements"
    COMPARING_AND_DESPAIRING = "comparing_and_despairing"
    BLAMING = "blaming"
    CONTROL_FALLACY = "control_fallacy"
    EXTERNAL_VALIDATION = "external_validation"


class StrategyCategory(StrEnum):
    DESCRIPTION = "description"
    EXPRESSION = "expression"
    ASSERTION = "assertion"
    REINFORCEMENT = "reinforcement"
    NEGOTIATION = "negotiation"


class Strategy(StrEnum):
    QUESTION = "question"
    RESTATEMENT = "restatement"
    REFLECTION_OF_FEELINGS = "reflection_of_feelings"
    SELF_DISCLOSURE = "self_disclosure"
    PROVIDING_SUGGESTIONS = "providing_suggestions"
    INFORMATION = "information"
    AFFIRMATION_AND_REASSURANCE = "affirmation_and_reassurance"
    NEGOTIATE = "negotiate"

    @property
    def category(self) -> StrategyCategory:
        return STRATEGY_CATEGORY[self]


STRATEGY_CATEGORY: dict[Strategy, StrategyCategory] = {
    Strategy.QUESTION: StrategyCategory.DESCRIPTION,
    Strategy.RESTATEMENT: StrategyCategory.DESCRIPTION,
    Strategy.REFLECTION_OF_FEELINGS: StrategyCategory.EXPRESSION,
    Strategy.SELF_DISCLOSURE: StrategyCategory.EXPRESSION,
    Strategy.PROVIDING_SUGGESTIONS: StrategyCategory.ASSERTION,
    Strategy.INFORMATION: StrategyCategory.ASSERTION,
    Strategy.AFFIRMATION_AND_REASSURANCE: StrategyCategory.REINFORCEMENT,
    Strategy.NEGOTIATE: StrategyCategory.NEGOTIATION,
}


class Stage(StrEnum):
    IDENTIFICATION = "identification"
    RESTRUCTURING = "restructuring"


class SubStep(StrEnum):
    AUTOMATIC_THOUGHT = "automatic_thought"
    INTERMEDIATE_BELIEF = "intermediate_belief"
    CORE_BELIEF = "core_belief"
    DEFENSE = "defense"
    PROSECUTION = "prosecution"
    VERDICT = "verdict"

    @property
    def stage(self) -> Stage:
        return SUBSTEP_STAGE[self]


# Sub-steps in the order the dialogue visits them.
SUBSTEP_ORDER: tuple[SubStep, ...] = tuple(SubStep)
IDENTIFICATION_STEPS: tuple[SubStep, ...] = SUBSTEP_ORDER[:3]
RESTRUCTURING_STEPS: tuple[SubStep, ...] = SUBSTEP_ORDER[3:]
SUBSTEP_STAGE: dict[SubStep, Stage] = {
    **{s: Stage.IDENTIFICATION for s in IDENTIFICATION_STEPS},
    **{s: Stage.RESTRUCTURING for s in RESTRUCTURING_STEPS},
}

# Limits from the paper: at most 3 candidate distortions per identification.
MAX_CHANNELS_PER_IDENTIFICATION = 3


class SituationCategory(StrEnum):
    """The 10 categories of the paper's seed situations."""

    FAMILY = "family"
    EDUCATION = "education"
    CAREER = "career"
    HEALTH = "health"
    FINANCES = "finances"
    ROMANTIC_RELATIONSHIPS = "romantic_relationships"
    LIFESTYLE = "lifestyle"
    FRIENDSHIP = "friendship"
    NEIGHBOURHOOD = "neighbourhood"
    TECHNOLOGY = "technology"


Label = Distortion | Strategy | StrategyCategory | Stage | SubStep | SituationCategory
E = TypeVar("E", Distortion, Strategy, StrategyCategory, Stage, SubStep, SituationCategory)


class _InLang:
    """`term.name_en` reads `term.names[Lang.EN]`: one language's text as an attribute."""

    def __init__(self, field: str, lang: Lang) -> None:
        self.field, self.lang = field, lang

    def __get__(self, term: object, owner: type | None = None) -> str:
        if term is None:  # looked up on the class itself (help(), introspection)
            return self  # type: ignore[return-value]
        return cast(str, getattr(term, self.field)[self.lang])


@dataclass(frozen=True)
class Term:
    """Name, definition and example of one taxonomy item, in every language of `Lang`."""

    names: Mapping[Lang, str]
    definitions: Mapping[Lang, str]
    examples: Mapping[Lang, str]

    def name(self, lang: Lang | str) -> str:
        return self.names[Lang(lang)]

    def definition(self, lang: Lang | str) -> str:
        return self.definitions[Lang(lang)]

    def example(self, lang: Lang | str) -> str:
        return self.examples[Lang(lang)]

    def __hash__(self) -> int:  # hashable, as when the text was plain string fields
        return hash(tuple(tuple(m.items()) for m in (self.names, self.definitions, self.examples)))

    name_en = _InLang("names", Lang.EN)
    name_zh = _InLang("names", Lang.ZH)
    definition_en = _InLang("definitions", Lang.EN)
    definition_zh = _InLang("definitions", Lang.ZH)
    example_en = _InLang("examples", Lang.EN)
    example_zh = _InLang("examples", Lang.ZH)


# ---------------------------------------------------------------------------
# The text of every item, read from the data file and checked on first use.
# ---------------------------------------------------------------------------

TERMS_FILE = "taxonomy.yaml"
# What every entry has in every language, in the order of `Term`'s fields.
TEXT_FIELDS: tuple[str, ...] = ("name", "definition", "example")
# Section of the data file -> the enum whose values key its entries.
SECTIONS: dict[str, type[StrEnum]] = {
    "distortions": Distortion,
    "strategies": Strategy,
    "strategy_categories": StrategyCategory,
    "stages": Stage,
    "substeps": SubStep,
    "situation_categories": SituationCategory,
}


class TaxonomyDataError(InputError):
    """A taxonomy data file that cannot be read, or misses, misnames or leaves empty an entry."""


def load_terms(path: Path | str | None = None) -> dict[type[StrEnum], dict[Any, Term]]:
    """Read and check the packaged taxonomy text, or the file at `path` (same format).

    Each section must key exactly the members of its enum, each entry exactly the
    languages of `Lang`, each language exactly `TEXT_FIELDS`, each a non-empty
    string without surrounding whitespace. `TaxonomyDataError` names the first bad key.
    """
    import yaml  # type: ignore[import-untyped]  # here, so that `crisp --help` never pays for it

    source = package_files.files("crisp.cr").joinpath(TERMS_FILE) if path is None else Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise TaxonomyDataError(f"cannot read taxonomy data {source}: {error}") from None

    def bad(key: str, problem: str) -> TaxonomyDataError:
        return TaxonomyDataError(f"taxonomy data {source}: {key.rstrip('.') or 'the file'} {problem}")

    def keyed(node: object, key: str, expected: list[str]) -> dict[str, Any]:
        """`node` as a mapping with exactly the keys `expected`; `key` is its dotted path."""
        if not isinstance(node, dict):
            raise bad(key, f"must map {', '.join(expected)}")
        missing = [name for name in expected if name not in node]
        if missing:
            raise bad(f"{key}{missing[0]}", "is missing; add it")
        unknown = [name for name in node if name not in expected]
        if unknown:
            raise bad(f"{key}{unknown[0]}", f"is not a known key; expected {', '.join(expected)}")
        return node

    tables: dict[type[StrEnum], dict[Any, Term]] = {}
    sections = keyed(data, "", list(SECTIONS))
    for section, kind in SECTIONS.items():
        entries = keyed(sections[section], f"{section}.", [member.value for member in kind])
        table: dict[Any, Term] = {}
        for member in kind:
            languages = keyed(entries[member.value], f"{section}.{member.value}.", list(Lang))
            texts: dict[str, dict[Lang, str]] = {field: {} for field in TEXT_FIELDS}
            for lang in Lang:
                key = f"{section}.{member.value}.{lang.value}."
                for field, value in keyed(languages[lang.value], key, list(TEXT_FIELDS)).items():
                    if not isinstance(value, str) or not value.strip():
                        raise bad(f"{key}{field}", "is empty; write its text")
                    if value != value.strip():  # e.g. a folded block written '>' instead of '>-'
                        raise bad(f"{key}{field}", "has whitespace around it; remove it")
                    texts[field][lang] = value
            table[member] = Term(*(MappingProxyType(texts[field]) for field in TEXT_FIELDS))
        try:
            _build_lookup(table)
        except ValueError as error:
            raise bad(section, f"has a clash: {error}") from None
        tables[kind] = table
    return tables


@cache
def _terms() -> dict[type[StrEnum], dict[Any, Term]]:
    return load_terms()


def term(item: Label) -> Term:
    """The `Term` of any taxonomy member."""
    if type(item) not in SECTIONS.values():
        raise TypeError(f"not a taxonomy label: {item!r}")
    return _terms()[type(item)][item]


class _Terms(Mapping[E, Term]):
    """The terms of one kind, by member; the data file is read on the first lookup."""

    def __init__(self, kind: type[E]) -> None:
        self.kind = kind

    def __getitem__(self, member: E) -> Term:
        return _terms()[self.kind][member]

    def __iter__(self) -> Iterator[E]:
        return iter(_terms()[self.kind])

    def __len__(self) -> int:
        return len(self.kind)


DISTORTION_TERMS: Mapping[Distortion, Term] = _Terms(Distortion)
STRATEGY_TERMS: Mapping[Strategy, Term] = _Terms(Strategy)
CATEGORY_TERMS: Mapping[StrategyCategory, Term] = _Terms(StrategyCategory)
STAGE_TERMS: Mapping[Stage, Term] = _Terms(Stage)
SUBSTEP_TERMS: Mapping[SubStep, Term] = _Terms(SubStep)
SITUATION_CATEGORY_TERMS: Mapping[SituationCategory, Term] = _Terms(SituationCategory)


# ---------------------------------------------------------------------------
# Parsing labels written by a model or a person.
# ---------------------------------------------------------------------------

# Wrapping a label may carry: brackets, quotes, markdown emphasis, trailing colons.
_WRAPPING = " \t\r\n[]()<>{}【】（）「」『』《》\"'“”‘’`*_:：.。,，;；"
_SEPARATORS = re.compile(r"[\s\-_‐‑–—/]+")


def _normalize(text: str) -> str:
    """Case-fold, unify separators to one space, and drop wrapping punctuation."""
    folded = unicodedata.normalize("NFKC", text).strip(_WRAPPING).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


def _compact(text: str) -> str:
    """`_normalize` without any spaces, so Chinese written with stray spaces still matches."""
    return _normalize(text).replace(" ", "")


def _build_lookup(terms: Mapping[E, Term]) -> dict[str, E]:
    """Compact label -> member, for each member's value and its name in every language."""
    lookup: dict[str, E] = {}
    for member, t in terms.items():
        for key in {_compact(member.value), *(_compact(name) for name in t.names.values())}:
            other = lookup.setdefault(key, member)
            if other is not member:
                raise ValueError(f"label {key!r} names both {other.value} and {member.value}; rename one")
    return lookup


@cache
def _lookup(kind: type[StrEnum]) -> dict[str, Any]:
    return _build_lookup(_terms()[kind])


@cache
def _english_words(kind: type[StrEnum]) -> tuple[tuple[tuple[str, ...], Any], ...]:
    """English names as word lists, for whole-word prefixes such as "all or nothing"."""
    return tuple((tuple(_normalize(t.name_en).split()), m) for m, t in _terms()[kind].items())


def accepted_labels(kind: type[E]) -> list[str]:
    """What `parse_label` accepts for `kind`: every value and its name in every language."""
    labels: dict[str, str] = {}
    for member, t in _terms()[kind].items():
        for label in (member.value, *t.names.values()):
            labels.setdefault(label.casefold(), label)
    return list(labels.values())


def parse_label(kind: type[E], text: str) -> E:
    """Map a label as a model or a person may write it to the member of `kind`.

    Accepts the enum value ("all_or_nothing_thinking"), the English display name
    in any case with spaces, hyphens or underscores in any mix ("All-or-nothing
    thinking"), a whole-word prefix of the English name that fits one member only
    ("all or nothing", at least two words), and the Chinese name. Surrounding brackets, quotes,
    markdown emphasis and trailing punctuation are ignored.

    Raises ValueError naming the accepted labels when nothing matches.
    """
    if kind not in SECTIONS.values():
        raise TypeError(f"not a taxonomy label kind: {kind!r}")
    key = _compact(text)
    found = _lookup(kind).get(key)
    if found is not None:
        return cast(E, found)
    words = tuple(_normalize(text).split())
    if len(words) >= 2:  # one word ("all", "should") is too little to name a label
        prefixed = [m for name, m in _english_words(kind) if name[: len(words)] == words]
        if len(prefixed) == 1:
            return cast(E, prefixed[0])
    accepted = ", ".join(accepted_labels(kind))
    raise ValueError(f"unknown {kind.__name__} label {text!r}; accepted labels: {accepted}")
