"""`crisp synth run` picks defaults that suit its models: small-model ones when every model is embedded,
the full ones otherwise; a setting the user gave (flag or config file) always wins."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from synth.helpers import teacher_double
from typer.testing import CliRunner

from crisp.cli import app
from crisp.errors import ConfigError
from crisp.llm.base import Completion, GenerationParams, Message
from crisp.llm.testing import ScriptedModelDouble, crdial_teacher_script
from crisp.synth.config import SMALL_MODEL_DEFAULTS, SynthConfig, resolve_config
from crisp.synth.run import run_synthesis

runner = CliRunner()
ENDPOINT = "http://127.0.0.1:9/v1#x"
FULL = SynthConfig(out=Path("unused"))


def _dry_run(tmp_path: Path, *args: str) -> tuple[str, dict[str, object]]:
    result = runner.invoke(app, ["synth", "run", "--out", str(tmp_path / "run"), "--dry-run", *args])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "run").exists()  # a dry run writes nothing
    return result.stderr.strip(), json.loads(result.stdout)


def test_the_cli_prints_its_choice_and_uses_small_defaults_for_the_default_model(tmp_path: Path) -> None:
    line, settings = _dry_run(tmp_path, "--model", "default")
    assert line == ("defaults: for a small model on a CPU, as every model is embedded (default): granularity=segment, "
                    "max_channels=1, max_loops=1, segment_max_exchanges=1, hints=off, n_ctx=6144, dry_multiplier=0.8 "
                    "(a flag or --defaults full overrides)")
    assert "\n" not in line
    assert {k: settings[k] for k in SMALL_MODEL_DEFAULTS} == SMALL_MODEL_DEFAULTS
    assert settings["defaults"] == "small"
    # what is not a small-model setting keeps its usual default
    assert settings["temperature"] == FULL.temperature and settings["max_new_tokens"] == FULL.max_new_tokens


def test_no_model_named_means_the_default_model_and_its_small_defaults(tmp_path: Path) -> None:
    _, settings = _dry_run(tmp_path)
    assert settings["models"] == ["default"] and settings["granularity"] == "segment"


def test_a_flag_the_user_gave_wins_and_is_not_listed_as_chosen(tmp_path: Path) -> None:
    line, settings = _dry_run(tmp_path, "--model", "default:lite", "--granularity", "turn", "--max-channels", "3",
                              "--hints", "teacher")
    assert (settings["granularity"], settings["max_channels"], settings["hints"]) == ("turn", 3, "teacher")
    assert settings["max_loops"] == 1 and settings["n_ctx"] == SMALL_MODEL_DEFAULTS["n_ctx"]
    assert "granularity" not in line and "max_channels" not in line and "hints" not in line
    assert "max_loops=1" in line


def test_a_setting_in_the_config_file_wins_too(tmp_path: Path) -> None:
    file = tmp_path / "synth.yaml"
    file.write_text("models: [default]\nsegment_max_exchanges: 3\nhints: off\n", encoding="utf-8")
    config, choice = resolve_config(file, {"out": tmp_path / "run", "n_ctx": 8192})
    assert (config.segment_max_exchanges, config.hints, config.n_ctx) == (3, "off", 8192)
    assert choice is not None and choice.kind == "small"
    assert choice.chosen == {"granularity": "segment", "max_channels": 1, "max_loops": 1,
                             "dry_multiplier": 0.8}


def test_an_endpoint_keeps_the_full_defaults(tmp_path: Path) -> None:
    line, settings = _dry_run(tmp_path, "--model", ENDPOINT)
    assert line == "defaults: full, as not every model is embedded"
    full = FULL.model_dump(mode="json")
    assert {k: settings[k] for k in SMALL_MODEL_DEFAULTS} == {k: full[k] for k in SMALL_MODEL_DEFAULTS}
    assert settings["defaults"] == "full"


def test_one_endpoint_among_embedded_models_keeps_the_full_defaults(tmp_path: Path) -> None:
    config, choice = resolve_config(None, {"out": tmp_path / "run", "models": ["default", ENDPOINT]})
    assert choice is not None and choice.kind == "full" and choice.chosen == {}
    assert (config.granularity, config.max_channels, config.n_ctx) == (FULL.granularity, FULL.max_channels, FULL.n_ctx)


def test_defaults_may_be_asked_for_either_way(tmp_path: Path) -> None:
    full, _ = resolve_config(None, {"out": tmp_path, "models": ["default"], "defaults": "full"})
    assert (full.granularity, full.max_loops, full.defaults) == (FULL.granularity, FULL.max_loops, "full")
    small, _ = resolve_config(None, {"out": tmp_path, "models": [ENDPOINT], "defaults": "small"})
    assert (small.granularity, small.max_loops, small.defaults) == ("segment", 1, "small")
    with pytest.raises(ConfigError, match="^defaults: Input should be 'auto', 'small' or 'full'$"):
        resolve_config(None, {"out": tmp_path, "defaults": "tiny"})


def test_the_manifest_records_the_settings_the_run_used(tmp_path: Path, seeds_file: Path) -> None:
    config, _ = resolve_config(None, {"out": tmp_path / "run", "models": ["default"], "seeds": str(seeds_file),
                                      "limit": 1, "langs": ["en"]})
    # the teacher double stands in for the embedded model; the spec still names `default`
    result = asyncio.run(run_synthesis(config, models=[teacher_double(spec="default")]))
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and result.manifest["counts"]["attempted"] == 1
    assert manifest["config"]["defaults"] == "small"
    assert {k: manifest["config"][k] for k in SMALL_MODEL_DEFAULTS} == SMALL_MODEL_DEFAULTS
    assert manifest["output_settings"]["granularity"] == "segment"
    assert manifest["output_settings"]["segment_max_exchanges"] == 1


class _PenaltyRecorder(ScriptedModelDouble):
    """The teacher double, noting the repetition penalties of every call it gets."""

    def __init__(self) -> None:
        super().__init__(crdial_teacher_script(), spec="default")
        self.penalties: list[tuple[float | None, float | None]] = []

    async def _complete(self, messages: list[Message], params: GenerationParams,
                        json_schema: dict[str, Any] | None) -> Completion:
        self.penalties.append((params.repetition_penalty, params.dry_multiplier))
        return await super()._complete(messages, params, json_schema)


def test_repetition_penalty_settings_reach_every_model_call(tmp_path: Path, seeds_file: Path) -> None:
    config, _ = resolve_config(None, {"out": tmp_path / "run", "models": ["default"], "seeds": str(seeds_file),
                                      "limit": 1, "langs": ["en"], "hints": "teacher", "repetition_penalty": 1.15,
                                      "dry_multiplier": 0.5})
    model = _PenaltyRecorder()
    asyncio.run(run_synthesis(config, models=[model]))
    assert len(model.penalties) >= 5 and set(model.penalties) == {(1.15, 0.5)}  # hints, profile, every segment
    settings = config.output_settings()  # part of every job's key
    assert (settings["repetition_penalty"], settings["dry_multiplier"]) == (1.15, 0.5)
