"""Near-duplicate dialogues: MinHash signatures over counsellor text, an LSH index across the run,
and a per-seed diversity check.

Two checks, both on the counsellor's words (the help-seeker's story is shared by every variant of a
seed by design):

- near duplicate: a dialogue whose estimated Jaccard similarity to any dialogue already kept is at
  least `near_duplicate` (candidates from LSH bands, then checked on the full signature);
- seed diversity: a variant whose similarity to a kept variant of the same seed is at least
  `seed_diversity` (a lower bar: variants of one seed must differ more than strangers must).

Shingles are 5-grams of words for English and of characters for Chinese. The index is filled from
what a resumed run already kept, and a candidate is reserved between the check and the final decision
(`reserve` / `release`), so concurrent dialogues cannot both slip through as each other's duplicate.

Not here: semantic (embedding) similarity; the order in which concurrent dialogues finish decides
which of two duplicates is kept.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from crisp.cr.language import is_cjk
from crisp.cr.schema import CrispRecord

NUM_PERM = 128
BANDS = 16  # 16 bands x 8 rows: candidates from about 0.7 Jaccard upwards
SHINGLE = 5
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_WORD = re.compile(r"\w+", re.UNICODE)


def counsellor_text(record: CrispRecord) -> str:
    return "\n".join(t.text(record.language) for t in record.counsellor_turns)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word n-grams, with every CJK character counted as a word (so Chinese gets character n-grams)."""
    units: list[str] = []
    for word in _WORD.findall(text.lower()):
        if any(is_cjk(c) for c in word):
            units.extend(word)  # characters
        else:
            units.append(word)
    if len(units) < size:
        return {" ".join(units)} if units else set()
    return {" ".join(units[i : i + size]) for i in range(len(units) - size + 1)}


class MinHasher:
    """MinHash with `num_perm` universal hash functions (a*x + b mod 2^61-1), seeded, so stable across runs."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, int(_MERSENNE), size=num_perm, dtype=np.uint64)
        self.b = rng.integers(0, int(_MERSENNE), size=num_perm, dtype=np.uint64)
        self.num_perm = num_perm

    def signature(self, items: set[str]) -> np.ndarray:
        if not items:
            return np.full(self.num_perm, _MAX_HASH, dtype=np.uint64)
        hashes = np.fromiter(
            (int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little") for s in items),
            dtype=np.uint64, count=len(items),
        )
        with np.errstate(over="ignore"):  # wrap-around is part of the hash family, as in datasketch
            values = (np.outer(hashes, self.a) + self.b) % _MERSENNE & _MAX_HASH
        return values.min(axis=0)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two sets behind signatures `a` and `b`."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class DedupSettings:
    near_duplicate: float = 0.8
    seed_diversity: float = 0.6


@dataclass(frozen=True)
class DuplicateFound:
    filter: str  # "near_duplicate" or "seed_diversity"
    other: str  # the key of the dialogue it resembles
    similarity: float

    def reason(self) -> str:
        return f"{self.similarity:.2f} similar to {self.other}"


class DedupIndex:
    """Signatures of the dialogues kept (or reserved) so far, by LSH band and by seed."""

    def __init__(self, settings: DedupSettings | None = None, hasher: MinHasher | None = None) -> None:
        self.settings = settings or DedupSettings()
        self.hasher = hasher or MinHasher()
        self.rows = self.hasher.num_perm // BANDS
        self._signatures: dict[str, np.ndarray] = {}
        self._seed_of: dict[str, str] = {}
        self._by_seed: dict[str, set[str]] = defaultdict(set)
        self._bands: list[dict[bytes, set[str]]] = [defaultdict(set) for _ in range(BANDS)]

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, record: CrispRecord) -> np.ndarray:
        return self.hasher.signature(shingles(counsellor_text(record)))

    def find(self, seed_id: str, signature: np.ndarray) -> DuplicateFound | None:
        """The kept dialogue this one (of seed `seed_id`) duplicates, or None. Seed diversity is checked first."""
        best: DuplicateFound | None = None
        for key in self._by_seed.get(seed_id, ()):
            score = similarity(signature, self._signatures[key])
            if score >= self.settings.seed_diversity and (best is None or score > best.similarity):
                best = DuplicateFound("seed_diversity", key, score)
        if best is not None:
            return best
        candidates: set[str] = set()
        for band, table in enumerate(self._bands):
            candidates |= table.get(self._band_key(signature, band), set())
        for key in sorted(candidates):
            score = similarity(signature, self._signatures[key])
            if score >= self.settings.near_duplicate and (best is None or score > best.similarity):
                best = DuplicateFound("near_duplicate", key, score)
        return best

    def add(self, key: str, seed_id: str, signature: np.ndarray) -> None:
        self._signatures[key] = signature
        self._seed_of[key] = seed_id
        self._by_seed[seed_id].add(key)
        for band, table in enumerate(self._bands):
            table[self._band_key(signature, band)].add(key)

    reserve = add  # a reservation is an entry that may be released again

    def release(self, key: str) -> None:
        sig = self._signatures.pop(key, None)
        if sig is None:
            return
        self._by_seed[self._seed_of.pop(key)].discard(key)
        for band, table in enumerate(self._bands):
            table[self._band_key(sig, band)].discard(key)

    def _band_key(self, sig: np.ndarray, band: int) -> bytes:
        return sig[band * self.rows : (band + 1) * self.rows].tobytes()
