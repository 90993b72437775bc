"""Conversations to token ids and a loss mask, for any chat template; packing and batching.

The mask is computed here, not by TRL: TRL's `assistant_only_loss` needs
`{% generation %}` markers in the chat template, which few templates have.

How: the conversation is rendered once with the model's own template. For every
assistant message `i`, the text up to it with the generation prompt
(`messages[:i]`, `add_generation_prompt=True`) and the text through it
(`messages[:i+1]`) are prefixes of the whole; the characters between them,
trailing whitespace removed, are the reply plus its end-of-turn token
(`<|im_end|>`, `<|eot_id|>`...). Tokens lying wholly inside such a span are
supervised; every other token gets label -100. A template that is not
prefix-stable (one that rewrites earlier turns, e.g. strips reasoning) is refused
rather than masked wrongly.

Packing puts several examples in one row without cross-example attention:
position ids restart at 0 for every example and the attention mask is left
out, so transformers (>= 4.54) builds a block-diagonal mask from the position
ids for the sdpa, eager and flash-attention kernels alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crisp.errors import ConfigError
from crisp.train.config import Truncation
from crisp.train.examples import ChatExample

IGNORE_INDEX = -100
MAX_REPORTED_CUTS = 5


@dataclass
class TokenizedExample:
    input_ids: list[int]
    labels: list[int]
    source: str

    @property
    def supervised(self) -> int:
        return sum(1 for label in self.labels if label != IGNORE_INDEX)


def _render(tokenizer: Any, messages: Sequence[dict[str, str]], generation_prompt: bool) -> str:
    return tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=generation_prompt)


def check_chat_template(tokenizer: Any, name: str) -> None:
    if not getattr(tokenizer, "chat_template", None):
        raise ConfigError(
            f"the tokenizer of {name!r} has no chat template; train an instruct/chat model (e.g. "
            "Qwen2.5-*-Instruct) or add a chat_template to its tokenizer_config.json"
        )


def supervised_spans(tokenizer: Any, messages: Sequence[dict[str, str]], source: str = "") -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of its assistant replies (with end-of-turn)."""
    full = _render(tokenizer, messages, False)
    spans = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        before = _render(tokenizer, messages[:i], True)
        through = _render(tokenizer, messages[: i + 1], False)
        if not (through.startswith(before) and full.startswith(through)):
            raise ConfigError(
                f"{source}: the chat template renders earlier turns differently once later ones follow "
                "(not prefix-stable), so the loss mask cannot be computed; use a template without that rewrite"
            )
        end = len(through.rstrip())
        if message["content"].strip() and message["content"].strip() not in through[len(before):end]:
            raise ConfigError(f"{source}: the chat template does not write assistant message {i} verbatim")
        spans.append((len(before), end))
    return full, spans


def tokenize_example(tokenizer: Any, example: ChatExample) -> TokenizedExample:
    text, spans = supervised_spans(tokenizer, example.messages, example.source)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = list(encoded["input_ids"])
    labels = [IGNORE_INDEX] * len(ids)
    span_index = 0
    for t, (start, end) in enumerate(encoded["offset_mapping"]):
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        if span_index == len(spans):
            break
        s_start, s_end = spans[span_index]
        if end > start >= s_start and end <= s_end:
            labels[t] = ids[t]
    return TokenizedExample(ids, labels, example.source)


@dataclass
class LengthReport:
    """What `max_length` did to the examples."""

    kept: int = 0
    dropped: int = 0
    cut: int = 0
    where: list[str] = field(default_factory=list)  # a few sources of dropped or cut examples

    def __str__(self) -> str:
        notes = []
        if self.dropped:
            notes.append(f"{self.dropped:,} dropped")
        if self.cut:
            notes.append(f"{self.cut:,} cut")
        if not notes:
            return f"{self.kept:,} examples, none over max_length"
        return (f"{self.kept:,} examples kept; over max_length: {', '.join(notes)} "
                f"(e.g. {', '.join(self.where[:MAX_REPORTED_CUTS])})")


def tokenize_examples(
    tokenizer: Any, examples: Sequence[ChatExample], max_length: int, truncation: Truncation
) -> tuple[list[TokenizedExample], LengthReport]:
    report = LengthReport()
    out = []
    for example in examples:
        item = tokenize_example(tokenizer, example)
        if len(item.input_ids) > max_length:
            if len(report.where) < MAX_REPORTED_CUTS:
                report.where.append(f"{item.source} ({len(item.input_ids):,} tokens)")
            if truncation is Truncation.DROP:
                report.dropped += 1
                continue
            item = TokenizedExample(item.input_ids[:max_length], item.labels[:max_length], item.source)
            if item.supervised == 0:
                report.dropped += 1
                continue
            report.cut += 1
        if item.supervised == 0:
            continue
        out.append(item)
        report.kept += 1
    return out, report


# -- rows: one example per row, or packed ------------------------------------------------------


@dataclass
class Row:
    input_ids: list[int]
    labels: list[int]
    position_ids: list[int] | None = None  # set for packed rows

    @property
    def tokens(self) -> int:
        return len(self.input_ids)


def unpacked_rows(examples: Sequence[TokenizedExample]) -> list[Row]:
    return [Row(e.input_ids, e.labels) for e in examples]


def packed_rows(examples: Sequence[TokenizedExample], max_length: int) -> list[Row]:
    """First-fit-decreasing packing into rows of at most `max_length` tokens; deterministic.

    Examples keep their order inside a row; position ids restart for each one.
    """
    order = sorted(range(len(examples)), key=lambda i: (-len(examples[i].input_ids), i))
    bins: list[list[int]] = []
    free: list[int] = []
    for i in order:
        size = len(examples[i].input_ids)
        slot = next((b for b, room in enumerate(free) if room >= size), None)
        if slot is None:
            bins.append([i])
            free.append(max_length - size)
        else:
            bins[slot].append(i)
            free[slot] -= size
    rows = []
    for members in sorted(bins, key=min):
        ids: list[int] = []
        labels: list[int] = []
        positions: list[int] = []
        for i in sorted(members):
            ids += examples[i].input_ids
            labels += examples[i].labels
            positions += list(range(len(examples[i].input_ids)))
        rows.append(Row(ids, labels, positions))
    return rows


class RowDataset:
    """A list of rows as a map-style dataset (what `torch.utils.data.DataLoader` needs)."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Row:
        return self.rows[index]


@dataclass
class RowCollator:
    """Pads a batch of rows on the right. Packed rows get position ids and no attention mask.

    The padding of a packed batch is one more "example" (its positions restart), so
    it attends only to itself. `real_tokens` (not a model input) counts the non-padding
    tokens, for tokens/s.
    """

    pad_id: int

    def __call__(self, rows: Sequence[Row]) -> dict[str, Any]:
        import torch

        width = max(r.tokens for r in rows)
        packed = rows[0].position_ids is not None
        ids, labels, positions, attention = [], [], [], []
        for row in rows:
            pad = width - row.tokens
            ids.append(row.input_ids + [self.pad_id] * pad)
            labels.append(row.labels + [IGNORE_INDEX] * pad)
            if packed:
                positions.append((row.position_ids or []) + list(range(pad)))
            else:
                attention.append([1] * row.tokens + [0] * pad)
        batch = {"input_ids": torch.tensor(ids), "labels": torch.tensor(labels)}
        if packed:
            batch["position_ids"] = torch.tensor(positions)
        else:
            batch["attention_mask"] = torch.tensor(attention)
        batch["real_tokens"] = torch.tensor(sum(r.tokens for r in rows))
        return batch


@dataclass
class TokenShares:
    tokens: int
    padding: int
    supervised: int

    @property
    def padding_share(self) -> float:
        return self.padding / max(self.tokens + self.padding, 1)

    @property
    def supervised_share(self) -> float:
        return self.supervised / max(self.tokens, 1)


def token_shares(rows: Sequence[Row], batch_size: int) -> TokenShares:
    """Token, padding and supervised counts of `rows` batched in order (each batch padded to its longest row)."""
    tokens = sum(r.tokens for r in rows)
    supervised = sum(sum(1 for x in r.labels if x != IGNORE_INDEX) for r in rows)
    padding = 0
    for start in range(0, len(rows), batch_size):
        batch = rows[start : start + batch_size]
        width = max(r.tokens for r in batch)
        padding += sum(width - r.tokens for r in batch)
    return TokenShares(tokens, padding, supervised)


__all__ = [
    "IGNORE_INDEX",
    "LengthReport",
    "Row",
    "RowCollator",
    "RowDataset",
    "TokenShares",
    "TokenizedExample",
    "check_chat_template",
    "packed_rows",
    "supervised_spans",
    "token_shares",
    "tokenize_example",
    "tokenize_examples",
    "unpacked_rows",
]
