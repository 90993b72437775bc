"""The bilingual taxonomy: coverage, language hygiene, structure, and label parsing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from enum import StrEnum
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped]

import crisp
from crisp.cr.taxonomy import (
    CATEGORY_TERMS,
    DISTORTION_TERMS,
    IDENTIFICATION_STEPS,
    RESTRUCTURING_STEPS,
    SECTIONS,
    SITUATION_CATEGORY_TERMS,
    STAGE_TERMS,
    STRATEGY_CATEGORY,
    STRATEGY_TERMS,
    SUBSTEP_ORDER,
    SUBSTEP_TERMS,
    TEXT_FIELDS,
    Distortion,
    Lang,
    SituationCategory,
    Stage,
    Strategy,
    StrategyCategory,
    SubStep,
    TaxonomyDataError,
    Term,
    accepted_labels,
    load_terms,
    parse_label,
    term,
)
from crisp.errors import CrispError

CJK = re.compile(r"[\u3400-\u9fff]")

TABLES: list[tuple[type[StrEnum], dict]] = [
    (Distortion, DISTORTION_TERMS),
    (Strategy, STRATEGY_TERMS),
    (StrategyCategory, CATEGORY_TERMS),
    (Stage, STAGE_TERMS),
    (SubStep, SUBSTEP_TERMS),
]
KINDS = [kind for kind, _ in TABLES]
MEMBERS = [member for kind in KINDS for member in kind]


def _id(value: object) -> str:
    return f"{type(value).__name__}.{value}"


@pytest.mark.parametrize(("kind", "terms"), TABLES, ids=lambda v: getattr(v, "__name__", ""))
def test_every_member_has_exactly_one_term(kind: type[StrEnum], terms: dict) -> None:
    assert set(terms) == set(kind)
    assert all(isinstance(t, Term) for t in terms.values())


@pytest.mark.parametrize("member", MEMBERS, ids=_id)
def test_term_fields_are_filled_in_the_right_language(member: StrEnum) -> None:
    t = term(member)
    for lang, texts in (
        (Lang.EN, (t.name_en, t.definition_en, t.example_en)),
        (Lang.ZH, (t.name_zh, t.definition_zh, t.example_zh)),
    ):
        for text in texts:
            assert text.strip() == text and text, (lang, text)
            if lang is Lang.ZH:
                assert CJK.search(text), text
            else:
                assert not CJK.search(text), text
                assert text.isascii(), text
    assert (t.name("en"), t.name(Lang.ZH)) == (t.name_en, t.name_zh)
    assert (t.definition("zh"), t.example("en")) == (t.definition_zh, t.example_en)


@pytest.mark.parametrize("member", MEMBERS, ids=_id)
def test_definitions_are_one_paragraph_of_a_few_sentences(member: StrEnum) -> None:
    t = term(member)
    assert "\n" not in t.definition_en and "\n" not in t.definition_zh
    assert 2 <= len(re.findall(r"[.!?](?:\s|$)", t.definition_en)) <= 4, t.definition_en
    assert 2 <= len(re.findall(r"[。！？]", t.definition_zh)) <= 4, t.definition_zh


@pytest.mark.parametrize(("kind", "terms"), TABLES, ids=lambda v: getattr(v, "__name__", ""))
def test_names_are_unique_per_language(kind: type[StrEnum], terms: dict) -> None:
    en = [t.name_en.casefold() for t in terms.values()]
    zh = [t.name_zh for t in terms.values()]
    assert len(set(en)) == len(en) == len(kind)
    assert len(set(zh)) == len(zh) == len(kind)


def test_display_names_match_the_paper() -> None:
    assert [DISTORTION_TERMS[d].name_en for d in Distortion] == [
        "Catastrophizing", "All-or-Nothing Thinking", "Overgeneralization", "Personalization",
        "Mental Filtering", "Fortune Telling", "Mind Reading", "Disqualifying the Positive",
        "Jumping to Conclusions", "Emotional Reasoning", "Should Statements",
        "Comparing and Despairing", "Blaming", "Control Fallacy", "External Validation",
    ]  # fmt: skip
    assert [STRATEGY_TERMS[s].name_en for s in Strategy] == [
        "Question", "Restatement", "Reflection of Feelings", "Self-disclosure",
        "Providing Suggestions", "Information", "Affirmation and Reassurance", "Negotiate",
    ]  # fmt: skip
    assert [CATEGORY_TERMS[c].name_en for c in StrategyCategory] == [
        "Description", "Expression", "Assertion", "Reinforcement", "Negotiation",
    ]  # fmt: skip
    assert [STAGE_TERMS[s].name_en for s in Stage] == [
        "CT-guided Identification", "DAT-driven Restructuring",
    ]  # fmt: skip
    assert [SUBSTEP_TERMS[s].name_en for s in SUBSTEP_ORDER] == [
        "Understanding Automatic Thoughts", "Exploring Intermediate Beliefs",
        "Dissecting Core Beliefs", "Defense", "Prosecution", "Verdict",
    ]  # fmt: skip


def test_counts_and_strategy_categories() -> None:
    assert len(Distortion) == 15
    assert len(Strategy) == 8
    assert len(StrategyCategory) == 5
    assert set(STRATEGY_CATEGORY) == set(Strategy)
    assert set(STRATEGY_CATEGORY.values()) == set(StrategyCategory)
    by_category = {
        c: {s for s in Strategy if s.category is c} for c in StrategyCategory
    }
    assert by_category == {
        StrategyCategory.DESCRIPTION: {Strategy.QUESTION, Strategy.RESTATEMENT},
        StrategyCategory.EXPRESSION: {Strategy.REFLECTION_OF_FEELINGS, Strategy.SELF_DISCLOSURE},
        StrategyCategory.ASSERTION: {Strategy.PROVIDING_SUGGESTIONS, Strategy.INFORMATION},
        StrategyCategory.REINFORCEMENT: {Strategy.AFFIRMATION_AND_REASSURANCE},
        StrategyCategory.NEGOTIATION: {Strategy.NEGOTIATE},
    }


def test_substep_order_and_stages() -> None:
    assert SUBSTEP_ORDER == (
        SubStep.AUTOMATIC_THOUGHT,
        SubStep.INTERMEDIATE_BELIEF,
        SubStep.CORE_BELIEF,
        SubStep.DEFENSE,
        SubStep.PROSECUTION,
        SubStep.VERDICT,
    )
    assert IDENTIFICATION_STEPS + RESTRUCTURING_STEPS == SUBSTEP_ORDER
    assert all(s.stage is Stage.IDENTIFICATION for s in IDENTIFICATION_STEPS)
    assert all(s.stage is Stage.RESTRUCTURING for s in RESTRUCTURING_STEPS)
    # Identification comes first: the stage of each step never goes backwards.
    stages = [list(Stage).index(s.stage) for s in SUBSTEP_ORDER]
    assert stages == sorted(stages)


def test_term_dispatches_on_type_and_rejects_strings() -> None:
    assert term(Distortion.BLAMING) is DISTORTION_TERMS[Distortion.BLAMING]
    assert term(Strategy.NEGOTIATE) is STRATEGY_TERMS[Strategy.NEGOTIATE]
    assert term(StrategyCategory.NEGOTIATION) is CATEGORY_TERMS[StrategyCategory.NEGOTIATION]
    assert term(Stage.RESTRUCTURING) is STAGE_TERMS[Stage.RESTRUCTURING]
    assert term(SubStep.VERDICT) is SUBSTEP_TERMS[SubStep.VERDICT]
    with pytest.raises(TypeError):
        term("negotiate")  # type: ignore[arg-type]


@pytest.mark.parametrize("member", MEMBERS, ids=_id)
def test_parse_label_round_trips_value_and_both_names(member: StrEnum) -> None:
    kind = type(member)
    t = term(member)  # type: ignore[arg-type]
    for text in (member.value, t.name_en, t.name_zh, t.name_en.upper(), t.name_en.lower()):
        assert parse_label(kind, text) is member, text


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (Distortion, "all_or_nothing_thinking", Distortion.ALL_OR_NOTHING_THINKING),
        (Distortion, "All-or-nothing thinking", Distortion.ALL_OR_NOTHING_THINKING),
        (Distortion, "ALL OR NOTHING THINKING", Distortion.ALL_OR_NOTHING_THINKING),
        (Distortion, "all or nothing", Distortion.ALL_OR_NOTHING_THINKING),
        (Distortion, "all-or_nothing  Thinking", Distortion.ALL_OR_NOTHING_THINKING),
        (Distortion, "  Mind-Reading ", Distortion.MIND_READING),
        (Distortion, "disqualifying-the-positive", Distortion.DISQUALIFYING_THE_POSITIVE),
        (Distortion, "读 心 术", Distortion.MIND_READING),
        (Strategy, "self disclosure", Strategy.SELF_DISCLOSURE),
        (Strategy, "Self_Disclosure", Strategy.SELF_DISCLOSURE),
        (Strategy, "[Reflection of Feelings]", Strategy.REFLECTION_OF_FEELINGS),
        (Strategy, "**Question**", Strategy.QUESTION),
        (Strategy, "【情感反映】", Strategy.REFLECTION_OF_FEELINGS),
        (StrategyCategory, "negotiation", StrategyCategory.NEGOTIATION),
        (Stage, "ct guided identification", Stage.IDENTIFICATION),
        (Stage, "DAT_driven_restructuring", Stage.RESTRUCTURING),
        (SubStep, "understanding automatic thoughts", SubStep.AUTOMATIC_THOUGHT),
        (SubStep, "Verdict:", SubStep.VERDICT),
    ],
)
def test_parse_label_tolerates_spelling_variants(
    kind: type[StrEnum], text: str, expected: StrEnum
) -> None:
    assert parse_label(kind, text) is expected  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (Distortion, "optimism"),
        (Distortion, ""),
        (Distortion, "thinking"),  # a later word, not a prefix
        (Distortion, "question"),  # a label of another kind
        (Strategy, "catastrophizing"),
        (Strategy, "提问吧我们"),
        (StrategyCategory, "question"),
        (SubStep, "identification"),  # a stage, not a sub-step
    ],
)
def test_parse_label_rejects_junk_and_lists_accepted_labels(
    kind: type[StrEnum], text: str
) -> None:
    with pytest.raises(ValueError, match="accepted labels") as caught:
        parse_label(kind, text)  # type: ignore[type-var]
    message = str(caught.value)
    for member in kind:
        t = term(member)  # type: ignore[arg-type]
        assert member.value in message and t.name_zh in message
        assert t.name_en.casefold() in message.casefold()


@pytest.mark.parametrize("text", ["catastroph", "mental reading", "thinking all or nothing"])
def test_parse_label_matches_whole_words_in_order_only(text: str) -> None:
    with pytest.raises(ValueError):
        parse_label(Distortion, text)


def test_accepted_labels_has_no_case_only_duplicates() -> None:
    labels = accepted_labels(Strategy)
    assert "question" in labels and "Question" not in labels
    assert "Reflection of Feelings" in labels and "情感反映" in labels


def test_parse_label_refuses_a_kind_outside_the_taxonomy() -> None:
    with pytest.raises(TypeError):
        parse_label(Lang, "en")  # type: ignore[type-var]


# ---------------------------------------------------------------------------
# The data file loader and its checks, on small files written here.
# ---------------------------------------------------------------------------


def _valid_data() -> dict:
    """A complete taxonomy data tree with made-up text, one entry per member and language."""
    return {
        section: {
            member.value: {
                lang.value: {field: f"{field} of {member.value} in {lang.value}" for field in TEXT_FIELDS}
                for lang in Lang
            }
            for member in kind
        }
        for section, kind in SECTIONS.items()
    }


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _load_error(tmp_path: Path, data: object) -> str:
    with pytest.raises(TaxonomyDataError) as caught:
        load_terms(_write(tmp_path, data))
    message = str(caught.value)
    assert "\n" not in message and str(tmp_path) in message
    return message


def test_loader_reads_a_complete_file_into_terms_keyed_by_lang(tmp_path: Path) -> None:
    tables = load_terms(_write(tmp_path, _valid_data()))
    assert list(tables) == list(SECTIONS.values())
    assert list(tables[Distortion]) == list(Distortion)
    t = tables[SubStep][SubStep.VERDICT]
    assert t.definition(Lang.ZH) == t.definition_zh == "definition of verdict in zh"
    assert t.names == {Lang.EN: "name of verdict in en", Lang.ZH: "name of verdict in zh"}


def test_loader_names_a_missing_entry(tmp_path: Path) -> None:
    data = _valid_data()
    del data["distortions"]["blaming"]
    message = _load_error(tmp_path, data)
    assert "distortions.blaming is missing" in message


def test_loader_names_a_missing_section_language_and_field(tmp_path: Path) -> None:
    data = _valid_data()
    del data["substeps"]
    assert "substeps is missing" in _load_error(tmp_path, data)
    data = _valid_data()
    del data["stages"]["restructuring"]["zh"]
    assert "stages.restructuring.zh is missing" in _load_error(tmp_path, data)
    data = _valid_data()
    del data["strategies"]["question"]["en"]["example"]
    assert "strategies.question.en.example is missing" in _load_error(tmp_path, data)


@pytest.mark.parametrize(
    ("path", "bad_key"),
    [
        ((), "themes"),  # a section
        (("distortions",), "optimism"),  # an item no enum has
        (("strategies", "question"), "fr"),  # a language not (yet) in Lang
        (("situation_categories", "family", "zh"), "note"),  # a text field
    ],
)
def test_loader_names_an_unknown_key(tmp_path: Path, path: tuple[str, ...], bad_key: str) -> None:
    data = _valid_data()
    node = data
    for key in path:
        node = node[key]
    node[bad_key] = node[next(iter(node))]
    message = _load_error(tmp_path, data)
    assert f"{'.'.join((*path, bad_key))} is not a known key" in message


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_loader_names_an_empty_chinese_definition(tmp_path: Path, empty: str | None) -> None:
    data = _valid_data()
    data["distortions"]["mind_reading"]["zh"]["definition"] = empty
    message = _load_error(tmp_path, data)
    assert "distortions.mind_reading.zh.definition is empty" in message


def test_loader_refuses_text_with_a_trailing_newline(tmp_path: Path) -> None:
    path = _write(tmp_path, _valid_data())
    # A folded block written '>' keeps its final newline; '>-' is what the file uses.
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "example: example of verdict in en", "example: >\n          example of verdict in en"
        ),
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyDataError, match=r"substeps\.verdict\.en\.example has whitespace around it"):
        load_terms(path)


def test_loader_refuses_two_members_with_one_name(tmp_path: Path) -> None:
    data = _valid_data()
    data["stages"]["restructuring"]["zh"]["name"] = data["stages"]["identification"]["zh"]["name"]
    message = _load_error(tmp_path, data)
    assert "stages" in message and "names both identification and restructuring" in message


def test_loader_refuses_a_file_that_is_not_a_mapping_or_not_yaml(tmp_path: Path) -> None:
    assert "the file must map distortions" in _load_error(tmp_path, ["distortions"])
    data = _valid_data()
    data["stages"] = ["identification", "restructuring"]
    assert "stages must map identification, restructuring" in _load_error(tmp_path, data)
    path = tmp_path / "broken.yaml"
    path.write_text("distortions: [unclosed\n", encoding="utf-8")
    with pytest.raises(TaxonomyDataError, match="cannot read taxonomy data"):
        load_terms(path)
    with pytest.raises(TaxonomyDataError, match="cannot read taxonomy data"):
        load_terms(tmp_path / "absent.yaml")


def test_loader_errors_are_crisp_errors_the_cli_prints_on_one_line() -> None:
    assert issubclass(TaxonomyDataError, CrispError)


def test_packaged_text_is_what_the_tables_hold() -> None:
    tables = load_terms()
    for kind, terms in TABLES:
        assert tables[kind] == terms
    assert tables[SituationCategory] == SITUATION_CATEGORY_TERMS


def test_importing_the_taxonomy_does_not_read_the_data_file() -> None:
    # `crisp --help` imports this module; the YAML parser and the file wait for the first lookup.
    code = (
        "import sys, crisp.cr.taxonomy as tx; assert 'yaml' not in sys.modules; "
        "tx.term(tx.Stage.RESTRUCTURING); assert 'yaml' in sys.modules"
    )
    src = str(Path(crisp.__file__).parents[1])  # the crisp these tests import, not another install
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_terms_are_hashable_and_read_one_language_as_an_attribute() -> None:
    t = term(Distortion.BLAMING)
    assert hash(t) == hash(load_terms()[Distortion][Distortion.BLAMING])
    assert {t: 1}[t] == 1
    assert (t.name_zh, t.definition_en, t.example_zh) == (
        t.names[Lang.ZH], t.definitions[Lang.EN], t.examples[Lang.ZH]
    )
    assert "name_en" in dir(Term) and Term.name_en is not None  # class access does not raise
