"""Seed files (JSONL, CSV, bad files), the built-in set, selection and safety screening."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisp.cr.schema import Seed
from crisp.errors import InputError
from crisp.synth.seeds import builtin_seeds, load_seeds, risk_at_least, screen_seeds, select_seeds


def test_jsonl_seeds_load_with_categories_normalised_and_extra_columns_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "situation": "My boss yelled at me.", "language": "en", "category": "Career", "mood": "low"}\n'
        "\n"
        '{"id": "b", "situation": "男朋友对我越来越冷淡。", "language": "zh", "category": "恋爱关系", '
        '"subcategory": "distance", "source": "forum"}\n',
        encoding="utf-8",
    )
    a, b = load_seeds(path)
    assert (a.id, a.language.value, a.category, a.extra) == ("a", "en", "career", {"mood": "low"})
    assert (b.category, b.subcategory, b.source) == ("romantic_relationships", "distance", "forum")


def test_csv_seeds_keep_unknown_columns_and_detect_language(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "id,situation,language,category,upvotes,url\n"
        'r1,"I lost my job, and I feel like a failure.",en,career,42,https://example.org/1\n'
        "r2,我总是睡不着，第二天什么都做不了。,,lifestyle,7,\n"
        ",,,,,\n",
        encoding="utf-8",
    )
    seeds = load_seeds(path)
    assert [s.id for s in seeds] == ["r1", "r2"]
    assert seeds[0].extra == {"upvotes": "42", "url": "https://example.org/1"}
    assert seeds[1].language.value == "zh"  # empty language column: told from the text


def test_a_seed_without_id_gets_a_stable_one(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"situation": "I feel alone at university.", "language": "en"}\n', encoding="utf-8")
    first, second = load_seeds(path)[0], load_seeds(path)[0]
    assert first.id == second.id and first.id.startswith("seed-")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.jsonl", '{"id": "a", "situation": "fine", "language": "en"}\n{"id": "b", "situation": \n',
         "bad.jsonl:2: not valid JSON"),
        ("nosit.jsonl", '{"id": "a", "language": "en"}\n', "nosit.jsonl:1: missing or empty 'situation'"),
        ("lang.jsonl", '{"id": "a", "situation": "hello there", "language": "fr"}\n',
         "lang.jsonl:1: language 'fr' is not supported; use en or zh"),
        ("list.jsonl", '["a", "b"]\n', "list.jsonl:1: expected a JSON object"),
        ("dup.jsonl", ('{"id": "a", "situation": "x y", "language": "en"}\n'
                       '{"id": "a", "situation": "z", "language": "en"}\n'), "seed id 'a' appears twice"),
        ("cells.csv", "id,situation\na,one,two\n", "cells.csv:2: 3 cells but 2 columns"),
        ("nocol.csv", "id,text\na,hello\n", "nocol.csv:1: no 'situation' column"),
        ("seeds.txt", "hello\n", "unknown seed file type '.txt'"),
    ],
)
def test_bad_seed_files_name_the_file_and_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_seeds(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_seeds(tmp_path / "nope.jsonl")
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,situation\na,caf\xe9 trouble\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_seeds(path)


def test_builtin_seeds_cover_both_languages_and_all_categories() -> None:
    seeds = builtin_seeds()
    assert len(seeds) >= 100
    assert {s.language.value for s in seeds} == {"en", "zh"}
    assert len({s.category for s in seeds}) == 10
    assert load_seeds("builtin") == seeds


def test_select_by_language_and_category_in_any_spelling() -> None:
    seeds = builtin_seeds()
    zh_career = select_seeds(seeds, langs=["zh"], category="职业")
    assert zh_career and all(s.language.value == "zh" and s.category == "career" for s in zh_career)
    assert select_seeds(seeds, category="Romantic Relationships") == select_seeds(seeds,
                                                                                   category="romantic_relationships")


def test_screening_excludes_seeds_at_moderate_risk_and_counts_them() -> None:
    seeds = [
        Seed(id="ok", situation="My manager criticised my report in front of the team.", language="en"),
        Seed(id="crisis", situation="I have decided to kill myself tonight, I already have the pills.",
             language="en"),
        Seed(id="zh-crisis", situation="我不想活了，今晚就想自杀。", language="zh"),
    ]
    screening = screen_seeds(seeds)
    assert [s.id for s in screening.kept] == ["ok"]
    assert {s.id for s, _ in screening.excluded} == {"crisis", "zh-crisis"}
    assert sum(screening.by_level.values()) == 2
    assert all(risk_at_least(level) for _, level in screening.excluded)


def test_risk_order() -> None:
    assert not risk_at_least("low") and risk_at_least("moderate") and risk_at_least("imminent")
    assert risk_at_least("something-new")  # unknown levels count as severe
