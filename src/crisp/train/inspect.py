"""`crisp train inspect-mask`: one training example as tokens, the supervised ones marked, with counts.

Supervised runs of tokens are wrapped in ⟦ ⟧ (and shown in colour on a
terminal), so anyone can check that exactly the counsellor replies and their
end-of-turn tokens carry loss. Only the tokenizer is loaded, never the weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crisp.errors import ConfigError
from crisp.train.config import TrainConfig
from crisp.train.examples import load_examples
from crisp.train.model import add_tag_tokens_to_tokenizer, load_tokenizer, resolve_model
from crisp.train.tokens import IGNORE_INDEX, tokenize_example

OPEN, CLOSE = "⟦", "⟧"


@dataclass
class MaskView:
    source: str
    segments: list[tuple[str, bool]]  # (decoded text, supervised)
    tokens: int
    supervised: int
    replies: int
    max_length: int

    @property
    def marked(self) -> str:
        return "".join(f"{OPEN}{text}{CLOSE}" if sup else text for text, sup in self.segments)

    def counts(self) -> str:
        share = self.supervised / max(self.tokens, 1)
        over = f"; over max_length {self.max_length:,}" if self.tokens > self.max_length else ""
        return (f"{self.source}: {self.tokens:,} tokens, {self.supervised:,} supervised ({share:.1%}) "
                f"in {self.replies} counsellor replies{over}")


def mask_view(config: TrainConfig, example_index: int = 0, tokenizer: Any = None) -> MaskView:
    examples = load_examples(config.data, config.target)
    pool = examples.train + examples.valid
    if not 0 <= example_index < len(pool):
        raise ConfigError(f"--example {example_index}: the data has {len(pool)} conversations (0-{len(pool) - 1})")
    if tokenizer is None:
        tokenizer = load_tokenizer(resolve_model(config.model.name))
        add_tag_tokens_to_tokenizer(tokenizer, config.target.tags)
    example = pool[example_index]
    item = tokenize_example(tokenizer, example)
    segments: list[tuple[str, bool]] = []
    run: list[int] = []
    state = None
    for token, label in zip(item.input_ids, item.labels):
        sup = label != IGNORE_INDEX
        if state is not None and sup != state:
            segments.append((tokenizer.decode(run), state))
            run = []
        run.append(token)
        state = sup
    if run:
        segments.append((tokenizer.decode(run), bool(state)))
    replies = sum(1 for m in example.messages if m["role"] == "assistant")
    return MaskView(example.source, segments, len(item.input_ids), item.supervised, replies, config.data.max_length)


__all__ = ["MaskView", "mask_view"]
