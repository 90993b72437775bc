"""Commonsense hints for the teacher at each sub-step (ATOMIC-style relations about the help-seeker).

Two providers implement `crisp.dialogue.hints.HintSource`:

- `AtomicHints`: an ATOMIC-format TSV file (`head<TAB>relation<TAB>tail`, as ATOMIC 2020 and
  ATOMIC10x ship; extra columns ignored). Heads are retrieved by TF-IDF cosine similarity to the
  seed situation; the tails of the best heads for the relations of the current sub-step become the
  hints. Tokenisation is bilingual: jieba for Chinese, lower-cased words with a light suffix
  stemmer for English, so a file may hold heads in either language (or both).
- `TeacherHints`: the teacher model writes the inferences itself, one structured call per seed,
  shared by every variant and sub-step of that seed (and cached across runs by the response cache).

`--hints off` gives no provider at all. The engine stores the hints it was given in the record.

Not here: fetching ATOMIC (it is a download the user makes), or hints for relations other than the
six person-centred ones (`RELATIONS`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from crisp.cr.language import is_cjk
from crisp.cr.schema import CommonsenseHint, Seed
from crisp.cr.taxonomy import Lang, SubStep
from crisp.dialogue.hints import HintSource
from crisp.errors import ConfigError, CrispError, InputError
from crisp.llm.base import ChatModel, GenerationParams, Message
from crisp.prompts import keyed_lines, template

RELATIONS: tuple[str, ...] = ("xIntent", "xNeed", "xReact", "xWant", "xEffect", "xAttr")
RELATION_MEANING: dict[str, dict[Lang, str]] = {
    "xIntent": {Lang.EN: "why the person did what they did", Lang.ZH: "这个人这样做的意图"},
    "xNeed": {Lang.EN: "what the person needed beforehand", Lang.ZH: "这个人事先需要什么"},
    "xReact": {Lang.EN: "how the person feels as a result", Lang.ZH: "这个人因此有什么感受"},
    "xWant": {Lang.EN: "what the person wants next", Lang.ZH: "这个人接下来想要什么"},
    "xEffect": {Lang.EN: "what happens to the person as a result", Lang.ZH: "这件事对这个人造成的影响"},
    "xAttr": {Lang.EN: "how others would describe the person", Lang.ZH: "别人会怎样描述这个人"},
}
# Which inferences help at which sub-step (None: the closing).
STEP_RELATIONS: dict[SubStep | None, tuple[str, ...]] = {
    SubStep.AUTOMATIC_THOUGHT: ("xReact", "xEffect"),
    SubStep.INTERMEDIATE_BELIEF: ("xIntent", "xAttr"),
    SubStep.CORE_BELIEF: ("xAttr", "xReact"),
    SubStep.DEFENSE: ("xNeed", "xEffect"),
    SubStep.PROSECUTION: ("xEffect", "xNeed", "xIntent"),
    SubStep.VERDICT: ("xWant", "xIntent"),
    None: ("xWant",),
}
DEFAULT_HINTS_PER_STEP = 3
DEFAULT_TOP_HEADS = 8
HINT_OPTIONS = "off, teacher or atomic:PATH"

# -- tokenisation ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_EN_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "if", "then", "so", "to", "of", "in", "on", "at", "for", "with", "from", "by", "about", "as", "into", "over", "after", "before", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "i", "me", "my", "mine", "myself", "you", "your", "he", "him", "his", "she", "her", "it", "its", "we", "us", "our", "they", "them", "their", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "when", "where", "why", "how", "not", "no", "nor", "very", "just", "too", "also", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "than", "such", "own", "same", "other", "some", "any", "all", "each", "few", "more", "most", "much", "many", "one", "s", "t", "don", "doesn", "didn", "isn", "wasn", "aren", "weren", "won", "wouldn", "couldn", "shouldn", "personx", "persony", "personz", "people", "person", "someone", "something", "feel", "feels", "felt", "really"]
)
_ZH_STOP = frozenset(["的", "了", "是", "在", "我", "你", "他", "她", "它", "们", "我们", "你们", "他们", "这", "那", "这个", "那个", "和", "与", "也", "就", "都", "很", "又", "还", "被", "把", "给", "让", "对", "着", "吧", "呢", "吗", "啊", "呀", "一个", "没有", "不", "有", "自己", "什么", "怎么", "因为", "所以", "但是", "可是", "如果", "觉得", "感觉"])
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + "y" if suffix == "ies" else stem
    return word


def _jieba_cut(text: str) -> list[str]:
    import jieba  # type: ignore[import-untyped]

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on the user's terminal
    return jieba.lcut(text)


def tokens(text: str) -> Iterator[str]:
    """Content words of `text`: jieba words for Chinese runs, stemmed lower-case words for the rest."""
    for match in _TOKEN.finditer(text.lower()):
        chunk = match.group()
        if is_cjk(chunk[0]):
            for word in _jieba_cut(chunk):
                if word.strip() and word not in _ZH_STOP:
                    yield word
        else:
            word = chunk.split("'")[0] if chunk.endswith("'s") else chunk
            if word not in _EN_STOP and not word.isdigit():
                yield _stem(word)


# -- the TF-IDF index -----------------------------------------------------------------------------


class TfidfIndex:
    """Cosine similarity between short texts, over (log-scaled tf) x (smoothed idf) vectors."""

    def __init__(self, documents: list[str]) -> None:
        counts = [Counter(tokens(d)) for d in documents]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(documents)
        self.idf = {t: math.log((n + 1) / (f + 1)) + 1.0 for t, f in df.items()}
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, c in enumerate(counts):
            vector = self._weights(c)
            for t, w in vector.items():
                self.postings[t].append((i, w))

    def _weights(self, counts: Counter[str]) -> dict[str, float]:
        raw = {t: (1.0 + math.log(k)) * self.idf.get(t, 0.0) for t, k in counts.items()}
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        return {t: w / norm for t, w in raw.items() if w > 0}

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """The `k` best documents for `query` with their cosine (only those sharing a word with it)."""
        scores: dict[int, float] = defaultdict(float)
        for t, w in self._weights(Counter(tokens(query))).items():
            for i, dw in self.postings.get(t, ()):
                scores[i] += w * dw
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]


# -- ATOMIC files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AtomicEvent:
    head: str
    tails: dict[str, tuple[str, ...]]  # relation -> tails


def read_atomic_tsv(path: str | Path) -> list[AtomicEvent]:
    """Events of an ATOMIC-format TSV, grouped by head; only the relations in `RELATIONS` are kept."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"ATOMIC file {file} does not exist; pass --hints atomic:PATH to a TSV file")
    by_head: dict[str, dict[str, list[str]]] = {}
    known = {r.lower(): r for r in RELATIONS}
    with file.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
            if len(cells) < 3:
                raise InputError(f"{file}:{number}: expected head<TAB>relation<TAB>tail, got {len(cells)} column(s)")
            head, relation, tail = cells[0], cells[1], cells[2]
            if number == 1 and relation.lower() in ("relation", "rel", "relations"):
                continue  # a header row
            relation = known.get(relation.lower(), "")
            if not relation or not head or tail.lower() in ("", "none", "___"):
                continue
            tails = by_head.setdefault(head, {}).setdefault(relation, [])
            if tail not in tails:
                tails.append(tail)
    if not by_head:
        raise InputError(f"{file}: no rows with the relations {', '.join(RELATIONS)}; is it an ATOMIC TSV?")
    return [AtomicEvent(h, {r: tuple(t) for r, t in rels.items()}) for h, rels in by_head.items()]


def _readable(head: str, lang: Lang) -> str:
    labels = keyed_lines("labels", lang)
    who, other = labels["someone"], labels["another_person"]
    return re.sub(r"\bPersonY\b", other, re.sub(r"\bPersonX\b", who, head)).replace("___", "...")


class AtomicHints(HintSource):
    """Hints retrieved from an ATOMIC-format TSV by similarity of its heads to the situation."""

    def __init__(self, events: list[AtomicEvent], *, source: str = "atomic",
                 per_step: int = DEFAULT_HINTS_PER_STEP, top_heads: int = DEFAULT_TOP_HEADS) -> None:
        self.events = events
        self.source = source
        self.per_step = per_step
        self.top_heads = top_heads
        self.index = TfidfIndex([e.head for e in events])
        self._matches: dict[str, list[tuple[AtomicEvent, float]]] = {}

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: int) -> AtomicHints:
        return cls(read_atomic_tsv(path), source=f"atomic:{Path(path).name}", **kwargs)

    def retrieve(self, text: str) -> list[tuple[AtomicEvent, float]]:
        """The events whose heads are most similar to `text`, best first."""
        if text not in self._matches:
            self._matches[text] = [(self.events[i], s) for i, s in self.index.search(text, self.top_heads)]
        return self._matches[text]

    def for_step(self, seed: Seed, substep: SubStep | None) -> list[CommonsenseHint]:
        hints: list[CommonsenseHint] = []
        seen: set[str] = set()
        matches = self.retrieve(seed.situation)
        # Round-robin over the step's relations, best heads first, so one relation does not take every slot.
        for rank in range(max((len(t) for e, _ in matches for t in e.tails.values()), default=0)):
            for event, _ in matches:
                for relation in STEP_RELATIONS[substep]:
                    tails = event.tails.get(relation, ())
                    if rank < len(tails) and tails[rank] not in seen and len(hints) < self.per_step:
                        seen.add(tails[rank])
                        text = f"{_readable(event.head, seed.language)} → {tails[rank]}"
                        hints.append(CommonsenseHint(relation=relation, text=text, substep=substep,
                                                     source=self.source))
        return hints

    async def hints(self, seed: Seed, substep: SubStep | None) -> list[CommonsenseHint]:
        return self.for_step(seed, substep)


# -- hints written by the teacher -----------------------------------------------------------------

MAX_PER_RELATION = 3


# A hint is one short inference; the bound keeps a looping small model's JSON closing.
HintText = Annotated[str, Field(max_length=200)]


class TeacherHintsDraft(BaseModel):
    """What the teacher writes: a few short inferences per relation."""

    model_config = ConfigDict(extra="forbid")

    xIntent: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)
    xNeed: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)
    xReact: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)
    xWant: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)
    xEffect: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)
    xAttr: list[HintText] = Field(default_factory=list, max_length=MAX_PER_RELATION)


def teacher_hints_prompt(seed: Seed, per_relation: int = 2) -> str:
    lang = seed.language
    relations = "\n".join(f"- {r}: {RELATION_MEANING[r][lang]}" for r in RELATIONS)
    return template("hints", lang).format(situation=seed.situation, per_relation=per_relation,
                                                relations=relations)


class TeacherHints(HintSource):
    """Hints the teacher writes about each seed: one structured call per seed, shared by its dialogues.

    A failed call gives no hints for that seed (counted in `failures`): hints help the teacher, a
    dialogue does not need them.
    """

    def __init__(self, model: ChatModel, *, params: GenerationParams | None = None,
                 per_step: int = DEFAULT_HINTS_PER_STEP) -> None:
        self.model = model
        self.params = params
        self.per_step = per_step
        self.failures = 0
        self._drafts: dict[str, asyncio.Future[TeacherHintsDraft | None]] = {}

    async def draft(self, seed: Seed) -> TeacherHintsDraft | None:
        key = seed.id + ":" + hashlib.sha256(seed.situation.encode("utf-8")).hexdigest()[:16]
        pending = self._drafts.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._ask(seed))
            self._drafts[key] = pending
        return await asyncio.shield(pending)

    async def _ask(self, seed: Seed) -> TeacherHintsDraft | None:
        messages = [Message(role="user", content=teacher_hints_prompt(seed))]
        try:
            return (await self.model.structured(messages, TeacherHintsDraft, self.params)).value
        except CrispError:
            self.failures += 1
            return None

    async def hints(self, seed: Seed, substep: SubStep | None) -> list[CommonsenseHint]:
        draft = await self.draft(seed)
        if draft is None:
            return []
        out: list[CommonsenseHint] = []
        for relation in STEP_RELATIONS[substep]:
            for text in getattr(draft, relation):
                if text.strip() and len(out) < self.per_step:
                    out.append(CommonsenseHint(relation=relation, text=text.strip(), substep=substep,
                                               source="teacher"))
        return out


def hint_source(option: str, teacher: ChatModel, *, params: GenerationParams | None = None) -> HintSource | None:
    """The provider named by a `--hints` option: `off`, `teacher` or `atomic:PATH`."""
    kind, _, target = option.strip().partition(":")
    if kind == "off" and not target:
        return None
    if kind == "teacher" and not target:
        return TeacherHints(teacher, params=params)
    if kind == "atomic" and target:
        return AtomicHints.from_file(target)
    raise ConfigError(f"unknown --hints value {option!r}; use {HINT_OPTIONS}")


def hint_fingerprint(option: str) -> str:
    """What of the hint setting changes the output: the option, and an ATOMIC file's content hash."""
    kind, _, target = option.strip().partition(":")
    if kind == "atomic" and target and Path(target).is_file():
        digest = hashlib.sha256()
        with Path(target).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return f"atomic:{digest.hexdigest()}"
    return option.strip()
