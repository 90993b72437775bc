"""Run configs (ours, accelerate, DeepSpeed, FSDP) load and validate; data comes in from every input kind;
bad input is one clear line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from train.conftest import REPO, write_records

from crisp.cr.tags import TagStyle
from crisp.cr.target_format import TargetFormat
from crisp.data.export import export_records
from crisp.data.options import ExportFormat
from crisp.data.split import split_file
from crisp.errors import ConfigError, InputError
from crisp.train.config import MethodKind, load_config, parse_override
from crisp.train.examples import load_examples

CONFIGS = REPO / "configs"
RECIPES = ["crispers-7b.yaml", "crispers-14b.yaml", "crispers-7b-lora.yaml", "lite-cpu.yaml", "tiny.yaml"]


@pytest.mark.parametrize("name", RECIPES)
def test_every_ready_config_validates(name: str) -> None:
    config = load_config(CONFIGS / name)
    assert config.target.format is TargetFormat.FULL
    if name.startswith("crispers") and "lora" not in name:
        assert config.method.kind is MethodKind.FULL and config.schedule.epochs == 3
        assert config.optimizer.name.startswith("adamw")
    if name == "lite-cpu.yaml":
        assert config.model.name == "default:lite" and config.method.kind is MethodKind.LORA


def test_unknown_keys_are_named_with_the_nearest_valid_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: {name: x}\nschedule: {epoch: 2}\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: unknown key 'schedule.epoch'; did you mean 'schedule.epochs'\?"):
        load_config(bad)
    with pytest.raises(ConfigError, match=r"--set optimiser.learning_rate: unknown key; did you mean 'optimizer.learning_rate'"):
        parse_override("optimiser.learning_rate=1e-4")
    with pytest.raises(ConfigError, match="expected key=value"):
        parse_override("schedule.epochs")
    bad.write_text("model: {name: x}\ntarget: {format: no_strategies, tags: inline}\n")
    with pytest.raises(ConfigError, match="no_strategies.*needs tag style none"):
        load_config(bad)
    with pytest.raises(ConfigError, match="no config file at"):
        load_config(tmp_path / "missing.yaml")


def test_overrides_are_yaml_values_under_the_same_names() -> None:
    config = load_config(CONFIGS / "tiny.yaml", [parse_override("schedule.epochs=2"),
                                                  parse_override("method.lora.target_modules=[q_proj, v_proj]"),
                                                  parse_override("optimizer.learning_rate=1e-4")])
    assert config.schedule.epochs == 2 and config.method.lora.target_modules == ["q_proj", "v_proj"]
    assert config.optimizer.learning_rate == 1e-4


def test_accelerate_configs_load_and_name_real_engines() -> None:
    from accelerate.commands.config.config_args import ClusterConfig
    from accelerate.utils import DistributedType

    for name, kind in (("deepspeed-zero3.yaml", DistributedType.DEEPSPEED),
                       ("deepspeed-zero3-multinode.yaml", DistributedType.DEEPSPEED), ("fsdp.yaml", DistributedType.FSDP)):
        cluster = ClusterConfig.from_yaml_file(str(CONFIGS / "accelerate" / name))
        assert cluster.distributed_type == kind, name
        if kind == DistributedType.DEEPSPEED:
            assert (REPO / cluster.deepspeed_config["deepspeed_config_file"]).is_file()
    multinode = ClusterConfig.from_yaml_file(str(CONFIGS / "accelerate" / "deepspeed-zero3-multinode.yaml"))
    assert multinode.num_machines == 2 and multinode.num_processes == 16


def test_fsdp_config_builds_an_fsdp_plugin() -> None:
    import yaml
    from accelerate.utils import FullyShardedDataParallelPlugin

    fsdp = yaml.safe_load((CONFIGS / "accelerate" / "fsdp.yaml").read_text())["fsdp_config"]
    plugin = FullyShardedDataParallelPlugin(
        fsdp_version=fsdp["fsdp_version"], auto_wrap_policy=fsdp["fsdp_auto_wrap_policy"].lower(),
        transformer_cls_names_to_wrap=[fsdp["fsdp_transformer_layer_cls_to_wrap"]],
        reshard_after_forward=fsdp["fsdp_reshard_after_forward"], state_dict_type=fsdp["fsdp_state_dict_type"],
        cpu_ram_efficient_loading=fsdp["fsdp_cpu_ram_efficient_loading"],
        activation_checkpointing=fsdp["fsdp_activation_checkpointing"],
    )
    assert plugin.fsdp_version == 2 and plugin.transformer_cls_names_to_wrap == ["Qwen2DecoderLayer"]


@pytest.mark.parametrize("name", ["zero3.json", "zero3-offload.json"])
def test_deepspeed_configs_resolve_against_training_arguments(name: str, tmp_path: Path) -> None:
    from deepspeed.runtime.zero.config import DeepSpeedZeroConfig
    from transformers import TrainingArguments
    from transformers.integrations.deepspeed import HfTrainerDeepSpeedConfig

    path = CONFIGS / "deepspeed" / name
    ds = HfTrainerDeepSpeedConfig(str(path))
    args = TrainingArguments(output_dir=str(tmp_path), per_device_train_batch_size=1, gradient_accumulation_steps=8,
                             use_cpu=True, report_to="none")
    ds.trainer_config_process(args)
    ds.trainer_config_finalize(args, model=_sized(hidden=3584), num_training_steps=100)
    resolved = json.dumps(ds.config)
    assert '"auto"' not in resolved
    assert ds.is_zero3() and ds.config["gradient_accumulation_steps"] == 8
    zero = DeepSpeedZeroConfig(**ds.config["zero_optimization"])
    assert zero.stage == 3 and zero.gather_16bit_weights_on_model_save


def _sized(hidden: int) -> Any:
    class Config:
        hidden_size = hidden

    class Model:
        config = Config()

    return Model()


# -- data in ---------------------------------------------------------------------------------------


def _target(**kw: Any) -> Any:
    from crisp.train.config import TargetSection

    return TargetSection(**kw)


def _data(path: Path, **kw: Any) -> Any:
    from crisp.train.config import DataSection

    return DataSection(path=path, **kw)


def test_records_split_by_seed_and_replies_in_the_target_format(records_file: Path) -> None:
    found = load_examples(_data(records_file, valid_ratio=0.2), _target())
    assert (len(found.train), len(found.valid)) == (8, 2) and found.languages == ["en", "zh"]
    first = found.train[0].messages
    assert first[0]["role"] == "system" and first[0]["content"].startswith("You are Peppy")
    assert first[2]["content"].startswith("<<automatic_thought | loop 1>>\n[Reflection of Feelings]")
    assert found.train[0].source == f"{records_file}:1"


def test_a_split_folder_gives_its_own_train_and_valid(records_file: Path, tmp_path: Path) -> None:
    split_file(records_file, tmp_path / "split", valid=0.2, test=0.2, seed=1)
    found = load_examples(_data(tmp_path / "split", max_dialogues=3), _target())
    assert found.kind == "a split folder" and len(found.train) == 3
    valid_ids = {json.loads(x)["id"] for x in (tmp_path / "split" / "valid.jsonl").read_text().splitlines()}
    assert len(found.valid) == len(valid_ids) > 0


@pytest.mark.parametrize("fmt", [ExportFormat.MESSAGES, ExportFormat.SHAREGPT])
def test_an_export_trains_as_written_in_the_plain_format(records_file: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    from crisp.data.export import ExportOptions

    out = tmp_path / f"export-{fmt.value}.jsonl"
    export_records([records_file], fmt, out, ExportOptions(tags=TagStyle.INLINE))
    with pytest.raises(ConfigError, match="no plan notes; set target.format=plain"):
        load_examples(_data(out), _target())
    found = load_examples(_data(out, valid_ratio=0.1), _target(format="plain", tags="inline"))
    assert len(found.train) == 9 and len(found.valid) == 1
    assert found.train[0].messages[2]["content"].startswith("[Reflection of Feelings] It sounds")
    with pytest.raises(InputError, match=":1: not a .* row .*carry strategy tags but target.tags is none"):
        load_examples(_data(out), _target(format="plain", tags="none"))


def test_missing_empty_and_invalid_data(records_file: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no data file at"):
        load_examples(_data(tmp_path / "nope.jsonl"), _target())
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(InputError, match="is empty"):
        load_examples(_data(tmp_path / "empty.jsonl"), _target())
    broken = tmp_path / "broken.jsonl"
    lines = records_file.read_text().splitlines()
    bad = json.loads(lines[2])
    bad["turns"][1]["sentences"][0]["strategy"] = "shouting"
    broken.write_text("\n".join([lines[0], lines[1], json.dumps(bad), "{not json", *lines[3:]]) + "\n")
    with pytest.raises(InputError, match=r"broken.jsonl:3: .*strateg.*--skip-invalid"):
        load_examples(_data(broken), _target())
    found = load_examples(_data(broken, skip_invalid=True, valid_ratio=0.0), _target())
    assert found.skipped_invalid == 2 and len(found.train) == 9
    assert "2 invalid lines skipped (" in found.summary() and "broken.jsonl:4" in found.summary()


def test_records_with_no_answered_client_turn_leave_no_training_data(tmp_path: Path) -> None:
    path = write_records(tmp_path / "r.jsonl", 1)
    record = json.loads(path.read_text())
    record["turns"] = record["turns"][-1:]  # only the closing client turn
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(InputError, match="no training conversation left"):
        load_examples(_data(path, valid_ratio=0.0), _target())
