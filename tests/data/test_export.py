"""Exports: each format's shape, round trips back to turns and strategies, sidecars, overwrite refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures.records import make_record

from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord
from crisp.data.export import (
    ExportOptions,
    conversation,
    export_records,
    exported_turns,
    to_alpaca,
    to_messages,
    to_sharegpt,
    turns_from_messages,
    turns_from_sharegpt,
)
from crisp.cr.tags import TagStyle
from crisp.data.options import ExportFormat, SystemPrompt
from crisp.cr.tags import special_tokens
from crisp.errors import ConfigError, InputError
from crisp.prompts.peppy import PEPPY_SYSTEM_PROMPT, peppy_system_prompt


def record(lang: str = "en", **kw: Any) -> CrispRecord:
    return CrispRecord.model_validate(make_record(lang, **kw))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_peppy_prompts_are_verbatim_and_one_per_language() -> None:
    assert peppy_system_prompt("en").startswith("You are Peppy, a caring and compassionate persona")
    assert peppy_system_prompt("en").endswith("in their journey of self-development.")
    assert peppy_system_prompt("zh").startswith("你是Peppy，是一位关怀体贴、充满同情心的角色")
    assert peppy_system_prompt("zh").endswith("致力于建立一个安全的沟通环境。")
    assert set(PEPPY_SYSTEM_PROMPT) == {"en", "zh"}


def test_messages_start_with_user_end_with_assistant_and_drop_the_closing_client_turn() -> None:
    rec = record("en", channels_per_loop=(1,))
    messages = to_messages(rec)
    assert messages[0] == {"role": "system", "content": peppy_system_prompt("en")}
    assert [m["role"] for m in messages[1:3]] == ["user", "assistant"]
    assert messages[-1]["role"] == "assistant"
    assert len(messages) == 1 + len(rec.turns) - 1  # system + every turn but the closing client turn
    assert isinstance(rec.turns[-1], ClientTurn)
    users = sum(isinstance(t, ClientTurn) for t in rec.turns)
    assert sum(m["role"] == "user" for m in messages) == users - 1
    conv = conversation(rec)
    assert (conv.dropped_opening, conv.dropped_closing) == (0, 1)


def test_a_counsellor_greeting_before_the_client_is_dropped() -> None:
    data = make_record("en", (1,))
    data["turns"].insert(0, {"role": "counsellor", "substep": "automatic_thought", "loop": 1,
                             "sentences": [{"text": "Hi, I'm Peppy.", "strategy": "information"}]})
    conv = conversation(CrispRecord.model_validate(data))
    assert conv.messages[0][0] == "user"
    assert conv.dropped_opening == 1


def test_chinese_record_gets_the_chinese_prompt_and_joins_without_spaces() -> None:
    rec = record("zh")
    messages = to_messages(rec, ExportOptions(tags=TagStyle.NONE))
    assert messages[0]["content"] == peppy_system_prompt("zh")
    counsellor = next(t for t in rec.turns if isinstance(t, CounsellorTurn))
    assert messages[2]["content"] == counsellor.text("zh") == "".join(s.text for s in counsellor.sentences)
    assert " " not in messages[2]["content"]


def test_two_turns_of_one_role_in_a_row_are_refused() -> None:
    data = make_record("en", (1,), record_id="x")
    data["turns"][1] = {"role": "client", "content": "And another thing.", "substep": "automatic_thought", "loop": 1}
    with pytest.raises(InputError, match=r"record 'x': turns\[1\].role: two client turns in a row"):
        conversation(CrispRecord.model_validate(data))


def test_system_none() -> None:
    assert to_messages(record(), ExportOptions(system=SystemPrompt.NONE))[0]["role"] == "user"
    assert "system" not in to_sharegpt(record(), ExportOptions(system=SystemPrompt.NONE))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("style", [TagStyle.INLINE, TagStyle.SPECIAL])
def test_messages_round_trip_to_turns_and_strategies(lang: str, style: TagStyle) -> None:
    rec = record(lang, channels_per_loop=(2, 1))
    system, turns = turns_from_messages(to_messages(rec, ExportOptions(tags=style)), lang)
    assert system == peppy_system_prompt(lang)
    kept = rec.turns[:-1]  # all but the closing client turn
    assert [t.role for t in turns] == [t.role for t in kept]
    for parsed, original in zip(turns, kept, strict=True):
        assert parsed.text == original.text(lang)
        if isinstance(original, CounsellorTurn):
            assert list(parsed.sentences) == [(s.strategy, s.text) for s in original.sentences]
    assert turns == exported_turns(rec)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sharegpt_round_trip(lang: str) -> None:
    rec = record(lang)
    row = to_sharegpt(rec, ExportOptions(tags=TagStyle.INLINE))
    assert row["system"] == peppy_system_prompt(lang)
    assert [m["from"] for m in row["conversations"][:2]] == ["human", "gpt"]
    assert row["conversations"][-1]["from"] == "gpt"
    system, turns = turns_from_sharegpt(row, lang)
    assert system == peppy_system_prompt(lang)
    assert turns == exported_turns(rec)


def test_untagged_replies_read_back_as_text_without_strategies() -> None:
    rec = record()
    _, turns = turns_from_messages(to_messages(rec), "en")
    counsellor = turns[1]
    assert counsellor.sentences == ((None, counsellor.text),)
    assert counsellor.text == rec.turns[1].text("en")


def test_alpaca_one_row_per_counsellor_turn_with_history() -> None:
    rec = record("en", channels_per_loop=(1,))
    rows = to_alpaca(rec, ExportOptions(tags=TagStyle.INLINE))
    assert len(rows) == len(rec.counsellor_turns) == 6
    assert rows[0]["history"] == [] and rows[0]["input"] == ""
    assert rows[0]["instruction"] == rec.turns[0].content
    assert rows[0]["output"].startswith("[Reflection of Feelings] ")
    assert rows[3]["history"] == [[r["instruction"], r["output"]] for r in rows[:3]]
    assert rows[5]["system"] == peppy_system_prompt("en")


def test_export_files_and_llama_factory_entries(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", [make_record("en", record_id="a"), make_record("zh", record_id="b")])
    out = tmp_path / "lf"
    summary = export_records([source], ExportFormat.SHAREGPT, out / "crisp_sharegpt.jsonl")
    assert (summary.records, summary.examples, summary.dropped_closing) == (2, 2, 2)
    assert str(summary) == "2 examples from 2 records (2 closing client turns dropped)"
    export_records([source], ExportFormat.ALPACA, out / "crisp_alpaca.jsonl")
    info = json.loads((out / "dataset_info.json").read_text(encoding="utf-8"))
    assert info["crisp_sharegpt"] == {
        "file_name": "crisp_sharegpt.jsonl",
        "formatting": "sharegpt",
        "columns": {"messages": "conversations", "system": "system"},
        "tags": {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt",
                 "system_tag": "system"},
    }
    assert info["crisp_alpaca"]["formatting"] == "alpaca"
    assert info["crisp_alpaca"]["columns"]["history"] == "history"
    rows = read_jsonl(out / "crisp_sharegpt.jsonl")
    assert rows[1]["system"] == peppy_system_prompt("zh")
    assert len(read_jsonl(out / "crisp_alpaca.jsonl")) == 2 * 9
    # The same entry again is refused; --force replaces it.
    with pytest.raises(ConfigError, match="already exists"):
        export_records([source], ExportFormat.SHAREGPT, out / "crisp_sharegpt.jsonl")
    (out / "crisp_sharegpt.jsonl").unlink()
    with pytest.raises(ConfigError, match="already has an entry 'crisp_sharegpt'"):
        export_records([source], ExportFormat.SHAREGPT, out / "crisp_sharegpt.jsonl")
    export_records([source], ExportFormat.SHAREGPT, out / "crisp_sharegpt.jsonl", force=True)
    assert set(json.loads((out / "dataset_info.json").read_text())) == {"crisp_sharegpt", "crisp_alpaca"}


def test_messages_file_with_special_tokens_sidecar(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", [make_record("en", record_id="a")])
    out = tmp_path / "train.jsonl"
    summary = export_records([source], ExportFormat.MESSAGES, out, ExportOptions(tags=TagStyle.SPECIAL))
    sidecar = tmp_path / "train.special_tokens.json"
    assert summary.written == [out, sidecar]
    assert json.loads(sidecar.read_text()) == {"additional_special_tokens": special_tokens()}
    rows = read_jsonl(out)
    assert list(rows[0]) == ["messages"]
    assert rows[0]["messages"][2]["content"].startswith("<|reflection_of_feelings|> ")


def test_hf_folder_loads_with_datasets_and_parquet(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    import datasets
    source = jsonl("d.jsonl", [make_record("en", record_id="a"), make_record("zh", record_id="b", category="career")])
    out = tmp_path / "hf"
    summary = export_records([source], ExportFormat.HF, out, ExportOptions(tags=TagStyle.SPECIAL))
    assert summary.examples == 2
    assert (out / "special_tokens.json").is_file()
    loaded = datasets.load_from_disk(str(out / "arrow"))
    assert loaded.column_names == ["id", "language", "seed_id", "category", "messages"]
    assert loaded[1]["category"] == "career"
    assert loaded[1]["messages"] == to_messages(record("zh", record_id="b"), ExportOptions(tags=TagStyle.SPECIAL))
    parquet = datasets.load_dataset("parquet", data_files=str(out / "data" / "train-00000-of-00001.parquet"))
    assert parquet["train"]["id"] == ["a", "b"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_bad_records_stop_the_export_and_leave_no_file(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", [make_record(record_id="a")])
    with source.open("a") as f:
        f.write('{"id": 1}\n')
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match=r"d.jsonl:2: .*crisp data validate"):
        export_records([source], ExportFormat.MESSAGES, out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl"]
    with pytest.raises(ConfigError, match="is an input file"):
        export_records([source], ExportFormat.MESSAGES, source)
