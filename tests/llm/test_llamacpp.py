"""The llama.cpp backend, run for real on a tiny random-weight Qwen2 GGUF built by the fixture."""

from __future__ import annotations

import asyncio
import json
import struct
from collections.abc import Awaitable, Iterator
from pathlib import Path
from typing import Literal, TypeVar

import pytest
from pydantic import BaseModel, Field

from crisp.errors import InputError, ModelFileError
from crisp.llm import Completion, GenerationParams, Message, load_model
from crisp.llm.llamacpp import LlamaCppModel, gguf_problem, grammar_for_schema

T = TypeVar("T")

GREEDY = GenerationParams(max_new_tokens=40, temperature=0.0)
# A prompt on which the tiny model's greedy decoding runs for thousands of tokens without an end token.
LONG_PROMPT = [Message(role="user", content="A")]


def run(awaitable: Awaitable[T]) -> T:
    async def main() -> T:
        return await awaitable

    return asyncio.run(main())


@pytest.fixture(scope="module")
def model(tiny_gguf_path: Path) -> Iterator[LlamaCppModel]:
    tiny = LlamaCppModel(tiny_gguf_path, n_ctx=2048, n_threads=1, n_parallel=1)
    yield tiny
    run(tiny.aclose())


@pytest.fixture(scope="module")
def tokenizer(tiny_gguf_path: Path):  # -> tokenizers.Tokenizer
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(tiny_gguf_path.with_suffix(".tokenizer.json")))


def chatml(messages: list[Message]) -> str:
    turns = "".join(f"<|im_start|>{m.role}\n{m.content}<|im_end|>\n" for m in messages)
    return turns + "<|im_start|>assistant\n"


# -- chat template and tokenizer --------------------------------------------------------------


@pytest.mark.parametrize(
    "messages",
    [
        [Message(role="user", content="I keep thinking I will fail the exam.")],
        [
            Message(role="system", content="You are a kind counsellor."),
            Message(role="user", content="我总觉得自己做不好，考试一定会失败。"),
            Message(role="assistant", content="What makes you think so?"),
            Message(role="user", content="鑫 and other characters outside the training text"),
        ],
    ],
)
def test_the_gguf_chat_template_is_applied(model: LlamaCppModel, tokenizer, messages: list[Message]) -> None:
    completion = run(model.complete(messages, GenerationParams(max_new_tokens=1, temperature=0.0)))
    expected = tokenizer.encode(chatml(messages)).ids
    assert completion.usage.prompt_tokens == len(expected)


def test_tiny_tokenizer_round_trips_chinese_through_bytes(tokenizer) -> None:
    text = "我很难过，鑫龘 — unseen characters 😀"
    assert tokenizer.decode(tokenizer.encode(text).ids) == text


# -- generation -------------------------------------------------------------------------------


def test_stream_deltas_join_to_the_completion(model: LlamaCppModel) -> None:
    messages = [Message(role="user", content="Hello 你好")]

    async def scenario() -> tuple[list[str], Completion, Completion | None]:
        stream = model.stream(messages, GREEDY)
        deltas = [delta async for delta in stream]
        whole = await model.complete(messages, GREEDY)
        return deltas, whole, stream.completion

    deltas, whole, streamed = run(scenario())
    assert streamed is not None
    assert len(deltas) > 5
    assert all(deltas)
    assert "".join(deltas) == streamed.text == whole.text
    assert streamed.usage.completion_tokens == whole.usage.completion_tokens == GREEDY.max_new_tokens
    assert streamed.finish_reason == whole.finish_reason == "length"
    assert streamed.first_token_s is not None


@pytest.mark.parametrize("max_new_tokens", [1, 7, 64])
def test_max_new_tokens_is_respected(model: LlamaCppModel, max_new_tokens: int) -> None:
    completion = run(model.complete(LONG_PROMPT, GenerationParams(max_new_tokens=max_new_tokens, temperature=0.0)))
    assert completion.usage.completion_tokens == max_new_tokens
    assert completion.finish_reason == "length"
    assert completion.first_token_s is not None and completion.first_token_s <= completion.latency_s


def test_grammar_and_repetition_penalties_reach_llama_cpp(model: LlamaCppModel) -> None:
    params = GenerationParams(max_new_tokens=8, grammar='root ::= "yes" | "no"', repetition_penalty=1.15,
                              dry_multiplier=0.8)
    body = model.request_body([Message(role="user", content="ok?")], params)
    assert (body["grammar"], body["repeat_penalty"], body["dry_multiplier"]) == ('root ::= "yes" | "no"', 1.15, 0.8)
    assert body["dry_penalty_last_n"] == model.n_ctx  # the prompt too, not llama.cpp's -1 (which missed it)
    plain = model.request_body([Message(role="user", content="ok?")], GenerationParams(max_new_tokens=8))
    assert "repeat_penalty" not in plain and "dry_multiplier" not in plain  # unset: the server's own default
    assert run(model.complete([Message(role="user", content="ok?")], params)).text in ("yes", "no")


def _longest_repeated_run(text: str) -> int:
    """The length of the longest substring that occurs at least twice in `text`."""
    length = 0
    while any(text.count(text[i : i + length + 1]) > 1 for i in range(len(text) - length)):
        length += 1
    return length


def test_the_dry_penalty_breaks_a_repeating_greedy_reply(model: LlamaCppModel) -> None:
    # Two letters only, greedy: the tiny model repeats one letter for as long as it may.
    params = GenerationParams(max_new_tokens=40, temperature=0.0, grammar="root ::= [ab]{30}")
    plain = run(model.complete(LONG_PROMPT, params)).text
    penalised = run(model.complete(LONG_PROMPT, params.model_copy(update={"dry_multiplier": 0.8}))).text
    assert len(plain) == len(penalised) == 30
    assert _longest_repeated_run(penalised) < _longest_repeated_run(plain)


def test_stop_strings_end_the_reply_before_them(model: LlamaCppModel) -> None:
    full = run(model.complete(LONG_PROMPT, GenerationParams(max_new_tokens=60, temperature=0.0))).text
    # A stop string from the middle of the greedy reply: two plain characters, first seen after position 8.
    stop = next(
        full[i : i + 2]
        for i in range(8, len(full) - 2)
        if full[i : i + 2].isalnum() and full.index(full[i : i + 2]) == i
    )
    params = GenerationParams(max_new_tokens=60, temperature=0.0, stop=(stop,))
    stopped = run(model.complete(LONG_PROMPT, params))
    assert stopped.text == full[: full.index(stop)]
    assert stopped.finish_reason == "stop"

    async def streamed() -> str:
        return await model.stream(LONG_PROMPT, params).text()

    assert run(streamed()) == stopped.text


def test_the_same_seed_gives_the_same_sample(model: LlamaCppModel) -> None:
    def sample(seed: int) -> str:
        params = GenerationParams(max_new_tokens=30, temperature=1.0, top_p=0.95, seed=seed)
        return run(model.complete([Message(role="user", content="Tell me something.")], params)).text

    first, again, other = sample(11), sample(11), sample(12)
    assert first == again
    assert first != other


def test_closing_a_stream_early_stops_generation_and_frees_the_slot(model: LlamaCppModel) -> None:
    async def scenario() -> tuple[list[str], object, int]:
        stream = model.stream(LONG_PROMPT, GenerationParams(max_new_tokens=3000, temperature=0.0))
        deltas: list[str] = []
        async for delta in stream:
            deltas.append(delta)
            if len(deltas) == 3:
                break
        await stream.aclose()
        # With one slot, this request could not run if the closed one were still generating 3000 tokens.
        after = await asyncio.wait_for(model.complete(LONG_PROMPT, GenerationParams(max_new_tokens=2)), 60)
        return deltas, stream.completion, after.usage.completion_tokens

    deltas, completion, after_tokens = run(scenario())
    assert len(deltas) == 3
    assert completion.finish_reason == "cancelled"  # type: ignore[attr-defined]
    assert completion.text == "".join(deltas)  # type: ignore[attr-defined]
    assert after_tokens == 2


# -- structured output ------------------------------------------------------------------------


class Feeling(BaseModel):
    emotion: Literal["sad", "anxious", "angry", "calm"]
    intensity: int = Field(ge=0, le=10)
    note: str = Field(max_length=16)
    helpful: bool


class Appraisal(BaseModel):
    feeling: Feeling
    distortions: list[Literal["catastrophizing", "labeling", "mind reading"]] = Field(max_length=3)


def test_structured_output_from_a_random_model_validates(model: LlamaCppModel) -> None:
    messages = [Message(role="user", content="How do I feel? 我感觉怎么样？")]
    for seed in range(12):
        params = GenerationParams(max_new_tokens=200, temperature=1.0, seed=seed)
        result = run(model.structured(messages, Appraisal, params))
        assert isinstance(result.value, Appraisal)
        assert not result.repaired
        # Fixed separators and no stray whitespace: the grammar, not luck, shaped the text.
        assert result.completion.text.startswith('{"feeling": {"emotion": "')


def test_the_grammar_closes_objects_and_fixes_whitespace() -> None:
    schema = Appraisal.model_json_schema()
    grammar = grammar_for_schema(json.dumps(schema))
    assert '"additionalProperties":false' in grammar.replace(" ", "")
    assert '"whitespace_flexible":false' in grammar.replace(" ", "")
    assert "additionalProperties" not in str(schema)  # the caller's schema is left alone


def test_usage_is_counted_per_call_and_in_total(tiny_gguf_path: Path) -> None:
    tiny = LlamaCppModel(tiny_gguf_path, n_ctx=1024, n_threads=1)
    messages = [Message(role="user", content="Count me.")]

    async def scenario() -> tuple[object, object]:
        first = await tiny.complete(messages, GenerationParams(max_new_tokens=5, temperature=0.0))
        stream = tiny.stream(messages, GenerationParams(max_new_tokens=4, temperature=0.0))
        await stream.text()
        return first, stream.completion

    try:
        first, second = run(scenario())
    finally:
        run(tiny.aclose())
    assert first.usage.prompt_tokens == second.usage.prompt_tokens > 5  # type: ignore[attr-defined]
    assert (first.usage.completion_tokens, second.usage.completion_tokens) == (5, 4)  # type: ignore[attr-defined]
    assert second.usage.cached_tokens > 0  # type: ignore[attr-defined]  # same prompt again: prefix reused
    total = tiny.usage.total
    assert total.calls == 2
    assert total.completion_tokens == 9
    assert total.prompt_tokens == 2 * first.usage.prompt_tokens  # type: ignore[attr-defined]


# -- concurrency ------------------------------------------------------------------------------


@pytest.mark.parametrize("n_parallel", [1, 2])
def test_parallel_slots_decode_conversations_together(tiny_gguf_path: Path, n_parallel: int) -> None:
    tiny = LlamaCppModel(tiny_gguf_path, n_ctx=2048, n_threads=1, n_parallel=n_parallel)
    order: list[str] = []

    async def consume(name: str, content: str) -> object:
        # A fixed seed: unseeded, the random model sometimes ends a reply after a few tokens, and two
        # replies that do not overlap in time cannot show interleaving.
        stream = tiny.stream([Message(role="user", content=content)], GenerationParams(max_new_tokens=1200, seed=7))
        async for _ in stream:
            order.append(name)
        return stream.completion

    async def scenario() -> list[object]:
        return list(await asyncio.gather(consume("a", "A"), consume("b", "B")))

    try:
        completions = run(scenario())
    finally:
        run(tiny.aclose())
    assert all(c.finish_reason in ("length", "stop") for c in completions)  # type: ignore[attr-defined]
    assert all(c.usage.completion_tokens >= 100 for c in completions)  # type: ignore[attr-defined]  # long enough to overlap
    # One slot serves one conversation after the other (either may win the slot: the requests race),
    # so the order of deltas switches name once; two slots interleave them, switching many times.
    switches = sum(1 for before, after in zip(order, order[1:]) if before != after)
    assert set(order) == {"a", "b"}
    assert (switches > 1) is (n_parallel > 1), f"{switches} switches with {n_parallel} slot(s)"


def test_many_concurrent_requests_all_complete(tiny_gguf_path: Path) -> None:
    tiny = load_model(f"gguf:{tiny_gguf_path}", n_ctx=1024, n_threads=1, n_parallel=3, max_concurrency=4)
    assert isinstance(tiny, LlamaCppModel)
    assert tiny.spec == f"gguf:{tiny_gguf_path}"

    async def scenario() -> list[object]:
        calls = [
            tiny.complete([Message(role="user", content=f"Hello {i}")], GenerationParams(max_new_tokens=20 + i))
            for i in range(8)
        ]
        return list(await asyncio.gather(*calls))

    try:
        completions = run(scenario())
    finally:
        run(tiny.aclose())
    for i, completion in enumerate(completions):
        assert completion.usage.completion_tokens <= 20 + i  # type: ignore[attr-defined]
        assert completion.usage.prompt_tokens > 0  # type: ignore[attr-defined]
    assert tiny.usage.total.calls == 8


# -- failures ---------------------------------------------------------------------------------


def test_a_conversation_longer_than_the_context_is_an_input_error(model: LlamaCppModel) -> None:
    with pytest.raises(InputError, match=r"does not fit the model's context \(2048 tokens\)"):
        run(model.complete([Message(role="user", content="word " * 5000)], GREEDY))

    async def streamed() -> str:
        return await model.stream([Message(role="user", content="word " * 5000)], GREEDY).text()

    with pytest.raises(InputError, match="raise n_ctx"):
        run(streamed())


def test_a_missing_file_is_a_model_file_error(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="does not exist"):
        LlamaCppModel(tmp_path / "absent.gguf")


def test_random_bytes_are_a_model_file_error(tmp_path: Path) -> None:
    path = tmp_path / "random.gguf"
    path.write_bytes(bytes(range(256)) * 1000)
    with pytest.raises(ModelFileError, match="is not a GGUF model file"):
        LlamaCppModel(path)


@pytest.mark.parametrize(
    ("keep", "reason"),
    [(100_000, r"truncated \(100000 bytes; its tensors need at least \d+\)"), (3000, "end inside its header")],
)
def test_a_truncated_gguf_is_a_model_file_error(tiny_gguf_path: Path, tmp_path: Path, keep: int, reason: str) -> None:
    path = tmp_path / "truncated.gguf"
    path.write_bytes(tiny_gguf_path.read_bytes()[:keep])
    with pytest.raises(ModelFileError, match=reason):
        LlamaCppModel(path)


def test_a_gguf_with_a_garbled_header_is_a_model_file_error(tiny_gguf_path: Path, tmp_path: Path) -> None:
    data = bytearray(tiny_gguf_path.read_bytes())
    data[4:8] = struct.pack("<I", 77)  # version
    path = tmp_path / "garbled.gguf"
    path.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="unsupported GGUF version 77"):
        LlamaCppModel(path)


def test_an_intact_gguf_has_no_structural_problem(tiny_gguf_path: Path) -> None:
    assert gguf_problem(tiny_gguf_path) is None


# -- crisp models check -----------------------------------------------------------------------


def test_models_check_reports_as_json(tiny_gguf_path: Path) -> None:
    from typer.testing import CliRunner

    from crisp.llm.check import CHECK_MAX_NEW_TOKENS, ModelCheckReport
    from crisp.llm.commands import app

    result = CliRunner().invoke(app, ["check", f"gguf:{tiny_gguf_path}", "--json", "--threads", "1", "--n-ctx", "512"])
    assert result.exit_code == 0, result.output
    report = ModelCheckReport.model_validate_json(result.output)
    assert report.spec == f"gguf:{tiny_gguf_path}"
    assert report.backend == "LlamaCppModel"
    assert [r.language for r in report.replies] == ["en", "zh"]
    for reply in report.replies:
        assert 0 < reply.completion_tokens <= CHECK_MAX_NEW_TOKENS
        assert reply.prompt_tokens > 10
        assert reply.first_token_s is not None and reply.first_token_s <= reply.seconds
    assert report.structured.valid and report.structured.constrained
    assert report.structured.text.startswith('{"emotion": "')
    assert report.peak_rss_bytes is not None and report.peak_rss_bytes > 10_000_000
    assert report.load_s > 0


def test_models_check_prints_a_readable_report(tiny_gguf_path: Path) -> None:
    from typer.testing import CliRunner

    from crisp.llm.commands import app

    result = CliRunner().invoke(app, ["check", f"gguf:{tiny_gguf_path}", "--threads", "1", "--n-ctx", "512"])
    assert result.exit_code == 0, result.output
    labels = [line.split()[0] for line in result.output.splitlines()]
    assert labels == ["model", "load", "peak", "en", "zh", "structured"]
    assert result.output.splitlines()[0] == f"model       gguf:{tiny_gguf_path} (LlamaCppModel)"
    assert "structured  valid (grammar-constrained): {" in result.output


def test_models_check_of_a_missing_file_raises_the_crisp_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from crisp.llm.commands import app

    result = CliRunner().invoke(app, ["check", f"gguf:{tmp_path / 'absent.gguf'}"])
    assert isinstance(result.exception, ModelFileError)  # the CLI edge prints it on one line


def test_models_help_lists_both_commands() -> None:
    from typer.testing import CliRunner

    from crisp.llm.commands import app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "list" in result.output and "check" in result.output


def test_roles_alternating_on_one_model_do_not_evict_each_others_prompt(tiny_gguf_path: Path) -> None:
    """The client and the counsellor of a synthesis (or a screen and a counsellor) alternate calls on one
    loaded model with one slot. llama.cpp keeps evicted prompts in its host-memory prompt cache and
    restores the one a request shares, so every later call of a role reuses that role's prefix."""
    client = "I keep thinking that I will fail the exam and everyone will know. " * 8
    counsellor = "You are a counsellor. Write the next turn of the dialogue for the client. " * 8
    model = LlamaCppModel(tiny_gguf_path, n_ctx=2048, n_threads=1, n_parallel=1)
    try:
        shares = []
        for turn in range(3):
            for prompt in (client, counsellor):
                done = run(model.complete([Message(role="user", content=f"{prompt} turn {turn}")],
                                          GenerationParams(max_new_tokens=2, seed=1)))
                shares.append(done.usage.cached_tokens / done.usage.prompt_tokens)
    finally:
        run(model.aclose())
    assert max(shares[:2]) < 0.2  # the first call of each role finds nothing
    assert min(shares[2:]) > 0.8  # every later one finds its own prefix, though the other role ran between


@pytest.mark.slow
def test_the_dry_penalty_sees_the_prompt_on_the_embedded_lite_model() -> None:
    # What a small model does when writing a dialogue: say an earlier turn of the prompt again, word for
    # word. With the penalty the copy breaks off; llama.cpp's own default window (-1) missed the prompt.
    said = "I don't know if my advisor expects me to work extra hard than usual."
    prompt = [Message(role="user", content=f"Dialogue so far:\nClient: {said}\nCounsellor: What do you mean?\n\n"
                                           "Write the client's next turn, repeating exactly what they said before.")]
    lite = load_model("default:lite")
    try:
        greedy = GenerationParams(max_new_tokens=40, temperature=0.0)
        plain = run(lite.complete(prompt, greedy)).text
        penalised = run(lite.complete(prompt, greedy.model_copy(update={"dry_multiplier": 0.8}))).text
    finally:
        run(lite.aclose())
    assert said in plain
    assert said not in penalised
