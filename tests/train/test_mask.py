"""The loss mask covers exactly the counsellor replies and their end-of-turn tokens, on three templates;
packing keeps examples apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crisp.errors import ConfigError
from crisp.train.config import Truncation
from crisp.train.examples import ChatExample
from crisp.train.tokens import (
    IGNORE_INDEX,
    RowCollator,
    packed_rows,
    token_shares,
    tokenize_example,
    tokenize_examples,
    unpacked_rows,
)

LLAMA3_TEMPLATE = (
    "{{- '<|begin_of_text|>' }}"
    "{%- for message in messages %}"
    "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}"
)
LLAMA3_TOKENS = ["<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]

CONVERSATION = [
    {"role": "user", "content": "I failed one exam, so I will fail everything."},
    {"role": "assistant", "content": "[Reflection of Feelings] It sounds like you feel overwhelmed. [Question] What happened?"},
    {"role": "user", "content": "同事早上没有跟我打招呼。"},
    {"role": "assistant", "content": "<<defense | loop 1 | channel 1 mind_reading>>\n[Question]支持这个想法的证据是什么？"},
]


@pytest.fixture(scope="module")
def chatml(tiny_hf_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_hf_dir)


@pytest.fixture(scope="module")
def llama3(tiny_hf_dir: Path) -> Any:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_hf_dir)
    tokenizer.add_special_tokens({"additional_special_tokens": LLAMA3_TOKENS})
    tokenizer.chat_template = LLAMA3_TEMPLATE
    return tokenizer


def supervised_runs(tokenizer: Any, ids: list[int], labels: list[int]) -> list[str]:
    """The decoded text of each run of consecutive supervised tokens."""
    runs: list[list[int]] = []
    previous = False
    for token, label in zip(ids, labels):
        if label != IGNORE_INDEX:
            assert label == token
            if not previous:
                runs.append([])
            runs[-1].append(token)
        previous = label != IGNORE_INDEX
    return [tokenizer.decode(run) for run in runs]


@pytest.mark.parametrize("system", [True, False], ids=["own-system", "default-system"])
def test_chatml_mask_is_the_replies_plus_im_end(chatml: Any, system: bool) -> None:
    messages = ([{"role": "system", "content": "You are Peppy."}] if system else []) + CONVERSATION
    item = tokenize_example(chatml, ChatExample(messages, "t:1"))
    replies = [m["content"] + "<|im_end|>" for m in CONVERSATION if m["role"] == "assistant"]
    assert supervised_runs(chatml, item.input_ids, item.labels) == replies
    # the default system prompt of the template (no system message given) is rendered and not supervised
    text = chatml.decode(item.input_ids)
    assert ("You are a tiny test model." in text) is (not system)
    assert item.input_ids == chatml.apply_chat_template(messages, tokenize=True, return_dict=True)["input_ids"]


def test_llama3_mask_is_the_replies_plus_eot(llama3: Any) -> None:
    item = tokenize_example(llama3, ChatExample(CONVERSATION, "t:1"))
    replies = [m["content"] + "<|eot_id|>" for m in CONVERSATION if m["role"] == "assistant"]
    assert supervised_runs(llama3, item.input_ids, item.labels) == replies
    assert llama3.convert_ids_to_tokens(item.input_ids[0]) == "<|begin_of_text|>"


def test_a_template_that_rewrites_earlier_turns_is_refused(chatml: Any, tiny_hf_dir: Path) -> None:
    from transformers import AutoTokenizer

    rewriting = AutoTokenizer.from_pretrained(tiny_hf_dir)
    # drops every assistant reply but the last, as reasoning-stripping templates do
    rewriting.chat_template = (
        "{%- for message in messages %}{%- if message['role'] != 'assistant' or loop.last %}"
        "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
        "{%- endif %}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}"
    )
    with pytest.raises(ConfigError, match="t:9: .*not prefix-stable"):
        tokenize_example(rewriting, ChatExample(CONVERSATION, "t:9"))


def test_long_examples_are_dropped_or_cut_and_counted(chatml: Any) -> None:
    examples = [ChatExample(CONVERSATION, f"f:{i}") for i in range(3)]
    full = len(tokenize_example(chatml, examples[0]).input_ids)
    kept, report = tokenize_examples(chatml, examples, full - 1, Truncation.DROP)
    assert kept == [] and report.dropped == 3 and "3 dropped" in str(report) and "f:0" in str(report)
    cut, report = tokenize_examples(chatml, examples, full - 5, Truncation.CUT)
    assert report.cut == 3 and all(len(c.input_ids) == full - 5 for c in cut)
    assert str(report).startswith("3 examples kept; over max_length: 3 cut")


def test_packing_keeps_examples_apart(chatml: Any, tiny_hf_dir: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_hf_dir, dtype=torch.float32)
    model.config.use_cache = False
    model.eval()
    a = tokenize_example(chatml, ChatExample(CONVERSATION[:2], "a"))
    b = tokenize_example(chatml, ChatExample(CONVERSATION, "b"))
    rows = packed_rows([a, b], max_length=len(a.input_ids) + len(b.input_ids))
    assert len(rows) == 1 and rows[0].position_ids == list(range(len(a.input_ids))) + list(range(len(b.input_ids)))
    batch = RowCollator(chatml.pad_token_id)(rows)
    assert "attention_mask" not in batch and int(batch.pop("real_tokens")) == rows[0].tokens
    with torch.no_grad():
        packed = model(**{k: v for k, v in batch.items() if k != "labels"}).logits[0]
        alone_a = model(input_ids=torch.tensor([a.input_ids])).logits[0]
        alone_b = model(input_ids=torch.tensor([b.input_ids])).logits[0]
    torch.testing.assert_close(packed[: len(a.input_ids)], alone_a, atol=1e-4, rtol=1e-4)
    torch.testing.assert_close(packed[len(a.input_ids):], alone_b, atol=1e-4, rtol=1e-4)


def test_packing_removes_padding(chatml: Any) -> None:
    items = [tokenize_example(chatml, ChatExample(CONVERSATION[: 2 * (1 + i % 2)], f"e{i}")) for i in range(40)]
    longest = max(len(i.input_ids) for i in items)
    unpacked = token_shares(unpacked_rows(items[::-1]), batch_size=4)
    packed = token_shares(packed_rows(items, 4 * longest), batch_size=1)
    assert packed.tokens == unpacked.tokens and packed.supervised == unpacked.supervised
    assert packed.padding_share < 0.05 < unpacked.padding_share
