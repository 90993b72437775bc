"""`crisp train ...` through the real CLI, and the whole offline loop on tiny models:
dialogues -> `crisp data split` -> `crisp train sft` -> `crisp train merge` -> `crisp chat --model hf:DIR`."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from train.conftest import TINY_CONFIG
from typer.testing import CliRunner

from crisp.cli import app
from crisp.errors import ConfigError, InputError

runner = CliRunner()


def test_help_lists_the_commands_and_sft_options() -> None:
    result = runner.invoke(app, ["train", "--help"])
    assert result.exit_code == 0
    for command in ("sft", "inspect-mask", "merge"):
        assert command in result.output
    sft = runner.invoke(app, ["train", "sft", "--help"], terminal_width=200)
    for option in ("--config", "--data", "--out", "--max-steps", "--set", "--resume", "--force", "--skip-invalid"):
        assert option in sft.output


def test_bad_config_and_data_are_crisp_errors(tmp_path: Path, records_file: Path) -> None:
    result = runner.invoke(app, ["train", "sft", "--config", str(TINY_CONFIG), "--set", "schedule.epoch=1"])
    assert isinstance(result.exception, ConfigError)
    assert str(result.exception) == "--set schedule.epoch: unknown key; did you mean 'schedule.epochs'?"
    result = runner.invoke(app, ["train", "sft", "--config", str(TINY_CONFIG), "--data", str(tmp_path / "none.jsonl")])
    assert isinstance(result.exception, InputError) and "no data file at" in str(result.exception)
    result = runner.invoke(app, ["train", "merge", str(tmp_path), "--out", str(tmp_path / "m")])
    assert isinstance(result.exception, ConfigError) and "is not a run folder" in str(result.exception)


def test_inspect_mask_marks_the_replies(tiny_hf_dir: Path, records_file: Path) -> None:
    result = runner.invoke(app, ["train", "inspect-mask", "--config", str(TINY_CONFIG), "--data", str(records_file),
                                 "--example", "1", "--set", f"model.name={tiny_hf_dir}"], terminal_width=100_000)
    assert result.exit_code == 0, result.output
    assert "<|im_start|>assistant\n⟦<<automatic_thought | loop 1>>\n[Reflection of Feelings]" in result.output
    assert "<|im_end|>⟧\n<|im_start|>user" in result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith(f"{records_file}:") and " supervised (" in last and "in 6 counsellor replies" in last
    out_of_range = runner.invoke(app, ["train", "inspect-mask", "--config", str(TINY_CONFIG), "--data",
                                       str(records_file), "--example", "99", "--set", f"model.name={tiny_hf_dir}"])
    assert isinstance(out_of_range.exception, ConfigError) and "has 10 conversations" in str(out_of_range.exception)


def test_the_whole_loop_on_tiny_models(tiny_hf_dir: Path, tmp_path: Path) -> None:
    # 1. dialogues. The synthesis teacher double writes them: the tiny random GGUF cannot finish the
    #    grammar-constrained JSON of a synthesis turn, so it cannot stand in for `default` here.
    from synth.helpers import teacher_double, write_seeds

    from crisp.synth.config import SynthConfig
    from crisp.synth.run import run_synthesis

    config = SynthConfig(seeds=str(write_seeds(tmp_path / "seeds.jsonl")), out=tmp_path / "synth",
                         models=["scripted:teacher"], hints="off", concurrency=4)
    asyncio.run(run_synthesis(config, models=[teacher_double()]))
    dialogues = tmp_path / "synth" / "dialogues.jsonl"
    assert len(dialogues.read_text().splitlines()) == 12

    # 2. split and export
    split = runner.invoke(app, ["data", "split", str(dialogues), "--out", str(tmp_path / "split"),
                                "--valid", "0.2", "--test", "0.1"])
    assert split.exit_code == 0, split.output
    export = runner.invoke(app, ["data", "export", str(tmp_path / "split" / "train.jsonl"), "--format", "messages",
                                 "--out", str(tmp_path / "train.messages.jsonl")])
    assert export.exit_code == 0, export.output

    # 3. train on the split folder, then 4. merge and chat with the result
    run = tmp_path / "run"
    sft = runner.invoke(app, ["train", "sft", "--config", str(TINY_CONFIG), "--data", str(tmp_path / "split"),
                              "--out", str(run), "--max-steps", "2", "--no-progress", "--set",
                              f"model.name={tiny_hf_dir}", "--set", "logging.report_to=[]"])
    assert sft.exit_code == 0, sft.output
    assert "train and" in sft.output and "conversations from a split folder" in sft.output
    assert sft.output.strip().splitlines()[-1] == f"model: {run / 'final'}  (run folder {run})"
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["steps"] == 2 and manifest["data"]["kind"] == "a split folder"
    merged = tmp_path / "merged"
    assert runner.invoke(app, ["train", "merge", str(run), "--out", str(merged)]).exit_code == 0
    chat = runner.invoke(app, ["chat", "--model", f"hf:{merged}", "--message", "I failed my exam.", "--json",
                               "--max-new-tokens", "8"])
    assert chat.exit_code == 0, chat.output
    reply = json.loads(chat.stdout)
    assert reply["model"] == f"hf:{merged}" and reply["usage"]["completion_tokens"] > 0

    # the export trains too, as written (plain replies)
    again = runner.invoke(app, ["train", "sft", "--config", str(TINY_CONFIG), "--data",
                                str(tmp_path / "train.messages.jsonl"), "--out", str(tmp_path / "run2"),
                                "--max-steps", "1", "--no-progress", "--set", f"model.name={tiny_hf_dir}",
                                "--set", "target.format=plain", "--set", "target.tags=none",
                                "--set", "logging.report_to=[]"])
    assert again.exit_code == 0, again.output


@pytest.mark.slow
def test_lite_cpu_config_trains_a_few_steps(tmp_path: Path) -> None:
    """configs/lite-cpu.yaml as shipped (the embedded 0.5B GGUF, dequantised) for one short step."""
    from train.conftest import REPO, write_records

    from crisp.train.config import load_config
    from crisp.train.run import run_sft

    data = write_records(tmp_path / "records.jsonl", 4)
    config = load_config(REPO / "configs" / "lite-cpu.yaml", [
        ("data.path", str(data)), ("output.dir", str(tmp_path / "run")), ("schedule.max_steps", 1),
        ("schedule.gradient_accumulation", 1), ("data.max_length", 128), ("data.valid_ratio", 0.0),
        ("logging.report_to", []),
    ])
    result = run_sft(config, progress=False, report=lambda _: None)
    assert result.manifest["steps"] == 1 and result.manifest["train_loss"] > 0
    assert (result.final_dir / "adapter_model.safetensors").is_file()
