"""The transformers backend (`hf:`), on a tiny random Qwen2 directory laid out as on the hub.

The reference for every generation check is the Crispers release snippet,
written out here with transformers directly (`release_recipe`): the backend must
give the same tokens for the same settings. The model is random, so the text is
gibberish; what is checked is where it comes from (template, settings, tokens),
never what it says.
"""

from __future__ import annotations

import os

# Read by huggingface_hub when it is first imported: nothing here may reach the hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import asyncio
import json
import re
import shutil
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from crisp.errors import ModelFileError, StructuredOutputError
from crisp.llm import GenerationParams, load_model
from crisp.llm.base import Message

import torch  # noqa: E402
import transformers  # noqa: E402

from crisp.llm.transformers_backend import TransformersModel, first_stop  # noqa: E402

MESSAGES = [
    Message(role="system", content="You are Peppy, a caring counsellor."),
    Message(role="user", content="I failed one exam, so I will fail everything. 我什么都做不好。"),
]
NEW_TOKENS = 24
GREEDY = GenerationParams(max_new_tokens=NEW_TOKENS, temperature=0)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def model(tiny_hf_dir: Path) -> Iterator[TransformersModel]:
    loaded = load_model(f"hf:{tiny_hf_dir}")
    assert isinstance(loaded, TransformersModel)
    yield loaded


@pytest.fixture(scope="module")
def release_recipe(tiny_hf_dir: Path):
    """The release snippet: a function (messages, directory, **generate kwargs) -> (prompt ids, new ids, text)."""
    loaded: dict[Path, tuple[Any, Any]] = {}

    def generate(messages: list[Message], directory: Path = tiny_hf_dir, **settings: Any):
        if directory not in loaded:
            loaded[directory] = (
                transformers.AutoModelForCausalLM.from_pretrained(directory, dtype="auto", device_map="auto"),
                transformers.AutoTokenizer.from_pretrained(directory),
            )
        lm, tokenizer = loaded[directory]
        text = tokenizer.apply_chat_template(
            [m.model_dump() for m in messages], tokenize=False, add_generation_prompt=True
        )
        inputs = tokenizer([text], return_tensors="pt").to(lm.device)
        output = lm.generate(**inputs, **settings)
        new_ids = output[0, inputs.input_ids.shape[1] :].tolist()
        return inputs.input_ids[0].tolist(), new_ids, tokenizer.decode(new_ids, skip_special_tokens=True)

    return generate


def edited_copy(source: Path, target: Path, **generation_settings: Any) -> Path:
    shutil.copytree(source, target)
    path = target / "generation_config.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **generation_settings}))
    return target


# -- loading ---------------------------------------------------------------------------------


def test_loads_with_the_release_recipe(model: TransformersModel) -> None:
    assert model.capabilities.streaming and not model.capabilities.constrained_output
    # dtype="auto" keeps the checkpoint's bfloat16 (the default would be float32).
    assert model.model.dtype == torch.bfloat16
    assert model.model.generation_config.temperature == 0.7


def test_loading_and_generating_warn_about_nothing(tiny_hf_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # transformers warns through `warnings` and through its own logger (on stderr).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fresh = load_model(f"hf:{tiny_hf_dir}")
        run(fresh.complete(MESSAGES, GREEDY))
        run(fresh.complete(MESSAGES, GenerationParams(max_new_tokens=4, temperature=0.9, top_p=0.9, seed=1)))
    assert [str(w.message) for w in caught] == []
    err = capfd.readouterr().err
    assert "deprecated" not in err and "not valid" not in err and "pad_token_id" not in err


# -- prompt ----------------------------------------------------------------------------------


def test_prompt_is_the_models_own_chat_template(model: TransformersModel) -> None:
    expected = model.tokenizer.apply_chat_template(
        [m.model_dump() for m in MESSAGES], tokenize=False, add_generation_prompt=True
    )
    assert model.prompt_text(MESSAGES) == expected
    assert expected.startswith("<|im_start|>system\nYou are Peppy")
    assert expected.endswith("<|im_end|>\n<|im_start|>assistant\n")


def test_prompt_keeps_the_templates_default_system_message(model: TransformersModel) -> None:
    prompt = model.prompt_text([{"role": "user", "content": "hi"}])
    assert prompt == (
        "<|im_start|>system\nYou are a tiny test model.<|im_end|>\n"
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    )


# -- completion ------------------------------------------------------------------------------


def test_greedy_matches_the_release_recipe(model: TransformersModel, release_recipe) -> None:
    prompt_ids, new_ids, text = release_recipe(MESSAGES, max_new_tokens=NEW_TOKENS, do_sample=False)
    completion = run(model.complete(MESSAGES, GREEDY))
    assert completion.text == text
    assert completion.usage.prompt_tokens == len(prompt_ids)
    assert completion.usage.completion_tokens == len(new_ids)
    assert completion.model == model.spec


def test_returns_only_new_text_without_special_tokens(model: TransformersModel) -> None:
    completion = run(model.complete(MESSAGES, GREEDY))
    assert completion.text
    assert "Peppy" not in completion.text and "<|im_" not in completion.text
    for token in ("<|endoftext|>", "<|im_start|>", "<|im_end|>"):
        assert token not in completion.text


def test_usage_counts_match_the_tokenizer(model: TransformersModel) -> None:
    completion = run(model.complete(MESSAGES, GREEDY))
    prompt_ids = model.tokenizer(model.prompt_text(MESSAGES), add_special_tokens=False)["input_ids"]
    assert completion.usage.prompt_tokens == len(prompt_ids)
    assert completion.usage.calls == 1


@pytest.mark.parametrize("limit", [1, 7])
def test_max_new_tokens_is_respected(model: TransformersModel, limit: int) -> None:
    completion = run(model.complete(MESSAGES, GenerationParams(max_new_tokens=limit, temperature=0)))
    assert completion.usage.completion_tokens == limit
    assert completion.finish_reason == "length"


def test_temperature_zero_is_greedy(model: TransformersModel) -> None:
    texts = {run(model.complete(MESSAGES, GREEDY)).text for _ in range(3)}
    assert len(texts) == 1


def test_seed_makes_sampling_reproducible(model: TransformersModel) -> None:
    def sample(seed: int | None) -> str:
        params = GenerationParams(max_new_tokens=NEW_TOKENS, temperature=1.5, seed=seed)
        return run(model.complete(MESSAGES, params)).text

    state = torch.get_rng_state()
    assert sample(3) == sample(3)
    assert torch.equal(torch.get_rng_state(), state)  # a seeded call leaves the caller's RNG alone
    assert sample(3) != sample(4)
    assert sample(3) != sample(None)


def test_generation_config_supplies_the_defaults(
    model: TransformersModel, tiny_hf_dir: Path, tmp_path: Path, release_recipe
) -> None:
    # The shipped config samples; a copy that turns sampling off must make the unset call greedy...
    greedy_copy = load_model(f"hf:{edited_copy(tiny_hf_dir, tmp_path / 'greedy', do_sample=False)}")
    default_params = GenerationParams(max_new_tokens=NEW_TOKENS)
    assert run(greedy_copy.complete(MESSAGES, default_params)).text == run(model.complete(MESSAGES, GREEDY)).text
    # ...and every other setting in it (here repetition_penalty) is used too, as transformers itself would.
    edited = edited_copy(tiny_hf_dir, tmp_path / "penalised", do_sample=False, repetition_penalty=3.0)
    penalised = load_model(f"hf:{edited}")
    _, _, expected = release_recipe(MESSAGES, edited, max_new_tokens=NEW_TOKENS)
    text = run(penalised.complete(MESSAGES, default_params)).text
    assert text == expected
    assert text != run(greedy_copy.complete(MESSAGES, default_params)).text


def test_params_override_only_what_they_set(model: TransformersModel) -> None:
    assert model.generation_kwargs(GREEDY) == {
        "max_new_tokens": NEW_TOKENS,
        "do_sample": False,
        "temperature": None,
        "top_p": None,
        "top_k": None,
    }
    assert model.generation_kwargs(GenerationParams(temperature=0.3, top_p=0.5)) == {
        "max_new_tokens": 512,
        "do_sample": True,
        "temperature": 0.3,
        "top_p": 0.5,
    }
    assert model.generation_kwargs(GenerationParams()) == {"max_new_tokens": 512}


def test_concurrent_calls_take_turns(model: TransformersModel) -> None:
    async def both() -> list[str]:
        replies = await asyncio.gather(*(model.complete(MESSAGES, GREEDY) for _ in range(3)))
        return [r.text for r in replies]

    texts = run(both())
    assert texts == [run(model.complete(MESSAGES, GREEDY)).text] * 3


def test_generation_leaves_the_event_loop_free(model: TransformersModel) -> None:
    async def tick_while(work: Any) -> tuple[Any, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.001)
                ticks += 1

        task = asyncio.create_task(ticker())
        try:
            return await work, ticks
        finally:
            task.cancel()

    params = GenerationParams(max_new_tokens=200, temperature=0)
    completion, ticks = run(tick_while(model.complete(MESSAGES, params)))
    assert completion.usage.completion_tokens == 200 and ticks > 5
    (_, streamed), ticks = run(tick_while(collect(model, params)))
    assert streamed.usage.completion_tokens == 200 and ticks > 5


# -- stop strings ----------------------------------------------------------------------------


def a_word_inside(text: str) -> str:
    match = next(m for m in re.finditer(r"[A-Za-z]{2,}", text) if m.start() > 0)
    return match.group()


def test_stop_string_truncates_and_ends_generation_early(model: TransformersModel) -> None:
    full = run(model.complete(MESSAGES, GREEDY)).text
    stop = a_word_inside(full)
    completion = run(model.complete(MESSAGES, GenerationParams(max_new_tokens=NEW_TOKENS, temperature=0, stop=(stop,))))
    assert completion.text == full[: full.index(stop)]
    assert completion.finish_reason == "stop"
    assert completion.usage.completion_tokens < NEW_TOKENS


def test_stop_that_never_appears_changes_nothing(model: TransformersModel) -> None:
    full = run(model.complete(MESSAGES, GREEDY))
    params = GenerationParams(max_new_tokens=NEW_TOKENS, temperature=0, stop=("NEVER-IN-THIS-TEXT",))
    completion = run(model.complete(MESSAGES, params))
    assert (completion.text, completion.finish_reason) == (full.text, "length")


def test_first_stop_cuts_where_a_stream_would_meet_it() -> None:
    assert first_stop("hello world", ("world", "lo")) == 3
    assert first_stop("abcd", ("abcd", "bc")) == 1  # "bc" is complete before "abcd"
    assert first_stop("hello", ("", "x")) is None


# -- streaming -------------------------------------------------------------------------------


async def collect(model: TransformersModel, params: GenerationParams) -> tuple[list[str], Any]:
    stream = model.stream(MESSAGES, params)
    parts = [part async for part in stream]
    return parts, stream.completion


def test_stream_joins_to_the_completion(model: TransformersModel) -> None:
    full = run(model.complete(MESSAGES, GREEDY))
    parts, completion = run(collect(model, GREEDY))
    assert len(parts) > 1
    assert "".join(parts) == full.text == completion.text
    assert completion.usage.prompt_tokens == full.usage.prompt_tokens
    assert completion.usage.completion_tokens == full.usage.completion_tokens
    assert completion.finish_reason == "length"
    assert completion.first_token_s is not None


def test_stream_stops_at_a_stop_string_split_across_pieces(model: TransformersModel) -> None:
    parts, _ = run(collect(model, GREEDY))
    full = "".join(parts)
    index = next(i for i in range(len(parts) - 1) if len(parts[i]) >= 2 and parts[i + 1])
    stop = parts[index][-2:] + parts[index + 1][:1]
    params = GenerationParams(max_new_tokens=NEW_TOKENS, temperature=0, stop=(stop,))
    stopped_parts, completion = run(collect(model, params))
    expected = full[: full.index(stop)]
    assert "".join(stopped_parts) == completion.text == expected
    assert completion.finish_reason == "stop"
    assert run(model.complete(MESSAGES, params)).text == expected


def test_closing_a_stream_stops_generation(model: TransformersModel) -> None:
    async def close_early() -> Any:
        stream = model.stream(MESSAGES, GenerationParams(max_new_tokens=30_000, temperature=0))
        pieces = aiter(stream)
        await anext(pieces)
        await stream.aclose()
        # The model is free again at once: the next call is not stuck behind 30,000 tokens (a minute or more).
        after = await asyncio.wait_for(model.complete(MESSAGES, GREEDY), timeout=15)
        return stream.completion, after

    closed, after = run(close_early())
    assert closed.finish_reason == "cancelled"
    assert after.usage.completion_tokens == NEW_TOKENS


# -- structured output -----------------------------------------------------------------------


class Distortion(BaseModel):
    distortion: str
    confidence: float


def test_structured_output_from_a_random_model_fails_with_the_raw_text(model: TransformersModel) -> None:
    calls_before = model.usage.total.calls
    with pytest.raises(StructuredOutputError) as caught:
        run(model.structured(MESSAGES, Distortion, GREEDY))
    assert caught.value.raw_text
    assert model.usage.total.calls == calls_before + 2  # the first try and one repair


# -- bad directories and names ---------------------------------------------------------------


def one_line_error(spec: str) -> str:
    with pytest.raises(ModelFileError) as caught:
        load_model(spec)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_empty_directory(tmp_path: Path) -> None:
    assert "has no config.json" in one_line_error(f"hf:{tmp_path}")


def test_directory_without_weights(tiny_hf_dir: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(tiny_hf_dir, tmp_path / "no-weights")
    (copy / "model.safetensors").unlink()
    assert "no weights" in one_line_error(f"hf:{copy}")


def test_corrupted_weights(tiny_hf_dir: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(tiny_hf_dir, tmp_path / "truncated")
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    message = one_line_error(f"hf:{copy}")
    assert "could not load the model" in message and "corrupted" in message


def test_directory_without_chat_template(tiny_hf_dir: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(tiny_hf_dir, tmp_path / "no-template")
    (copy / "chat_template.jinja").unlink()
    assert "no chat template" in one_line_error(f"hf:{copy}")


def test_missing_directory_and_file(tmp_path: Path) -> None:
    assert "no model directory" in one_line_error(f"hf:{tmp_path / 'missing'}")
    assert "no model directory" in one_line_error("hf:./runs/does-not-exist")
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    assert f"gguf:{gguf}" in one_line_error(f"hf:{gguf}")


def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf-home")}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120
    )


def test_hub_name_offline_is_backend_unavailable(tmp_path: Path) -> None:
    result = run_python(
        """
        from crisp.errors import CrispError
        from crisp.llm import load_model
        try:
            load_model("hf:thu-coai/Crispers-7B-v1")
        except CrispError as error:
            print(type(error).__name__, error, sep="|")
        """,
        tmp_path,
    )
    kind, message = result.stdout.strip().split("|")
    assert kind == "BackendUnavailableError"
    assert "'thu-coai/Crispers-7B-v1'" in message and "HF_HUB_OFFLINE" in message


def test_missing_torch_names_the_install_command(tmp_path: Path) -> None:
    result = run_python(
        """
        import sys
        sys.modules["torch"] = None  # as if torch were not installed
        from crisp.errors import ModelNotInstalledError
        from crisp.llm import load_model
        try:
            load_model("hf:thu-coai/Crispers-7B-v1")
        except ModelNotInstalledError as error:
            print(error)
        """,
        tmp_path,
    )
    assert "pip install torch==2.13.0" in result.stdout and "crisp-cr[hf]" in result.stdout


def test_closed_model_says_so(tiny_hf_dir: Path) -> None:
    from crisp.errors import BackendUnavailableError

    closing = load_model(f"hf:{tiny_hf_dir}", device_map=None)
    run(closing.aclose())
    with pytest.raises(BackendUnavailableError, match="was closed"):
        run(closing.complete(MESSAGES, GREEDY))
