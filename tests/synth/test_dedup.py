"""MinHash near-duplicate and per-seed diversity checks."""

from __future__ import annotations

import numpy as np

from crisp.cr.schema import CounsellorTurn, CrispRecord, Sentence
from crisp.cr.taxonomy import Strategy
from crisp.synth.dedup import DedupIndex, DedupSettings, MinHasher, shingles, similarity


def _with_seed(record: CrispRecord, seed_id: str) -> CrispRecord:
    copy = record.model_copy(deep=True)
    copy.seed.id = seed_id
    return copy


def test_similarity_estimates_jaccard() -> None:
    hasher = MinHasher()
    a = {f"w{i}" for i in range(200)}
    b = {f"w{i}" for i in range(100, 300)}  # Jaccard 100/300
    assert abs(similarity(hasher.signature(a), hasher.signature(b)) - 1 / 3) < 0.1
    assert similarity(hasher.signature(a), hasher.signature(set(a))) == 1.0
    assert np.array_equal(MinHasher().signature(a), hasher.signature(a))  # seeded: stable across runs


def test_shingles_are_word_ngrams_in_english_and_character_ngrams_in_chinese() -> None:
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert "我 觉 得 很 累" in shingles("我觉得很累了")
    assert shingles("hi") == {"hi"} and shingles("") == set()


def test_a_copy_under_another_seed_is_a_near_duplicate(clean_records: dict[str, CrispRecord]) -> None:
    index = DedupIndex()
    record = clean_records["en"]
    index.add("k1", record.seed.id, index.signature(record))
    copy = _with_seed(record, "other-seed")
    found = index.find(copy.seed.id, index.signature(copy))
    assert found is not None and found.filter == "near_duplicate" and found.other == "k1"
    assert found.similarity == 1.0 and found.reason() == "1.00 similar to k1"


def test_different_dialogues_are_not_duplicates(clean_records: dict[str, CrispRecord]) -> None:
    index = DedupIndex()
    index.add("en", "s1", index.signature(clean_records["en"]))
    assert index.find("s2", index.signature(clean_records["zh"])) is None


def test_seed_diversity_uses_a_lower_bar_for_variants_of_one_seed(clean_records: dict[str, CrispRecord]) -> None:
    record = clean_records["en"]
    variant = record.model_copy(deep=True)
    # Rewrite about a quarter of the counsellor turns: similar, but not a copy.
    turns = [t for t in variant.turns if isinstance(t, CounsellorTurn)]
    for k, turn in enumerate(turns[::4]):
        turn.sentences = [Sentence(text=f"Entirely new words number {k} about a fresh angle on it?",
                                   strategy=Strategy.QUESTION)]
    index = DedupIndex(DedupSettings(near_duplicate=0.95, seed_diversity=0.5))
    index.add("first", record.seed.id, index.signature(record))
    sig = index.signature(variant)
    assert 0.5 <= similarity(sig, index._signatures["first"]) < 0.95
    found = index.find(record.seed.id, sig)
    assert found is not None and found.filter == "seed_diversity"
    assert index.find("another-seed", sig) is None  # the same text is fine for a stranger at this bar


def test_release_forgets_a_reservation(clean_records: dict[str, CrispRecord]) -> None:
    index = DedupIndex()
    record = clean_records["zh"]
    sig = index.signature(record)
    index.reserve("k", record.seed.id, sig)
    assert index.find("x", sig) is not None and len(index) == 1
    index.release("k")
    assert index.find("x", sig) is None and index.find(record.seed.id, sig) is None and len(index) == 0
    index.release("k")  # twice is fine
