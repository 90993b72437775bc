"""Real training runs of a tiny Qwen2 on CPU: it learns, LoRA moves and the base does not, special tags,
resume, merge into a model that answers through `hf:`, and the run folder's contents."""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crisp.cr.tags import special_tokens
from crisp.cr.target_format import read_model_format
from crisp.errors import ConfigError, CrispError, ModelFileError
from crisp.train.config import TrainConfig
from crisp.train.run import run_sft


def _weights(directory: Path) -> dict[str, Any]:
    from safetensors.torch import load_file

    return load_file(str(directory / "model.safetensors"))


def test_a_lora_run_learns_and_leaves_the_base_alone(tiny_config: Callable[..., TrainConfig], tiny_hf_dir: Path) -> None:
    result = run_sft(tiny_config(logging__report_to=["tensorboard"]), progress=False, report=lambda _: None)
    run, manifest = result.run_dir, result.manifest
    history = [h["loss"] for h in json.loads((run / "checkpoints" / "checkpoint-6" / "trainer_state.json")
                                               .read_text())["log_history"] if "loss" in h]
    assert len(history) == 6 and history[-1] < history[0] - 0.3, history

    from safetensors.torch import load_file

    adapter = load_file(str(result.final_dir / "adapter_model.safetensors"))
    lora_b = [v for k, v in adapter.items() if "lora_B" in k]
    assert lora_b and all(float(v.abs().max()) > 0 for v in lora_b)  # lora_B starts at zero
    base = {k: v.float() for k, v in _weights(tiny_hf_dir).items()}
    trained = {k.replace("base_model.model.", "").replace(".base_layer", ""): v
               for k, v in result.model.state_dict().items() if "lora_" not in k}
    for name, value in base.items():
        assert name in trained, name
        assert bool((trained[name].float() == value).all()), f"{name} changed"

    assert (run / "config.yaml").is_file() and (run / "loss.png").stat().st_size > 1000
    assert list((run / "tensorboard").glob("events.out.tfevents.*"))
    assert manifest["steps"] == 6 and manifest["tokens_seen"] > 0 and manifest["eval_loss"] is not None
    records = Path(tiny_config().data.path)
    assert manifest["data"]["files"] == {str(records): hashlib.sha256(records.read_bytes()).hexdigest()}
    assert set(manifest["versions"]) >= {"torch", "transformers", "peft"} and manifest["hardware"]["cpus"] >= 1
    assert read_model_format(result.final_dir).target_format.value == "full"
    assert (result.final_dir / "tokenizer_config.json").is_file()


def test_special_tags_resize_embeddings_and_merge_into_a_model_that_answers(
    tiny_config: Callable[..., TrainConfig], tiny_hf_dir: Path, tmp_path: Path
) -> None:
    from transformers import AutoTokenizer

    from crisp.llm import load_model
    from crisp.train.merge import merge_run

    config = tiny_config(target__tags="special", schedule__max_steps=2, logging__eval_steps=None)
    result = run_sft(config, progress=False, report=lambda _: None)
    tokenizer = AutoTokenizer.from_pretrained(result.final_dir)
    ids = tokenizer.convert_tokens_to_ids(special_tokens())
    base_vocab = len(AutoTokenizer.from_pretrained(tiny_hf_dir))
    assert sorted(ids) == list(range(base_vocab, base_vocab + len(ids)))
    assert tokenizer.encode("<|question|> Why?", add_special_tokens=False)[0] == ids[0]
    assert result.model.get_input_embeddings().weight.shape[0] == base_vocab + len(ids)

    merged = merge_run(result.run_dir, tmp_path / "merged")
    assert json.loads((merged / "config.json").read_text())["vocab_size"] == base_vocab + len(ids)
    assert read_model_format(merged).tag_style.value == "special"
    with pytest.raises(ConfigError, match="already exists; pass --force"):
        merge_run(result.run_dir, merged)

    model = load_model(f"hf:{merged}")
    reply = asyncio.run(model.complete([{"role": "user", "content": "I failed one exam."}],
                                       params=None))
    assert reply.usage.completion_tokens > 0 and isinstance(reply.text, str)


def test_resume_continues_from_the_checkpoint_step(tiny_config: Callable[..., TrainConfig]) -> None:
    first = run_sft(tiny_config(schedule__max_steps=3), progress=False, report=lambda _: None)
    assert first.manifest["steps"] == 3
    with pytest.raises(ConfigError, match="already exists; pass --resume .* or --force"):
        run_sft(tiny_config(schedule__max_steps=6), progress=False, report=lambda _: None)
    resumed = run_sft(tiny_config(schedule__max_steps=6), resume=True, progress=False, report=lambda _: None)
    assert resumed.manifest["steps"] == 6
    # three new steps of the same batch size, not six
    assert resumed.manifest["tokens_seen"] <= first.manifest["tokens_seen"] * 1.5
    state = json.loads((resumed.run_dir / "checkpoints" / "checkpoint-6" / "trainer_state.json").read_text())
    assert [h["step"] for h in state["log_history"] if "loss" in h] == [1, 2, 3, 4, 5, 6]


def test_bad_runs_fail_with_one_clear_line(tiny_config: Callable[..., TrainConfig], tiny_hf_dir: Path,
                                          tmp_path: Path) -> None:
    quiet: dict[str, Any] = {"progress": False, "report": lambda _: None}
    with pytest.raises(ConfigError, match="QLoRA .* needs a CUDA GPU"):
        run_sft(tiny_config(method__kind="qlora"), **quiet)
    with pytest.raises(ConfigError, match="precision bf16 needs a GPU"):
        run_sft(tiny_config(precision="bf16"), **quiet)
    with pytest.raises(ModelFileError, match="no model folder at"):
        run_sft(tiny_config(model__name=str(tmp_path / "nowhere")), **quiet)
    no_template = tmp_path / "no-template"
    shutil.copytree(tiny_hf_dir, no_template)
    (no_template / "chat_template.jinja").unlink(missing_ok=True)
    settings = json.loads((no_template / "tokenizer_config.json").read_text())
    settings.pop("chat_template", None)
    (no_template / "tokenizer_config.json").write_text(json.dumps(settings))
    with pytest.raises(ConfigError, match="has no chat template"):
        run_sft(tiny_config(model__name=str(no_template)), **quiet)
    with pytest.raises(ConfigError, match="no training example fits data.max_length=64"):
        run_sft(tiny_config(data__max_length=64, data__truncation="drop", output__dir=str(tmp_path / "r2")), **quiet)
    with pytest.raises(CrispError, match="--resume: .* has no checkpoint"):
        run_sft(tiny_config(output__dir=str(tmp_path / "r3")), resume=True, **quiet)
