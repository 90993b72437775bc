"""MTLD against values worked out by hand (threshold 0.72, factor when TTR <= 0.72)."""

from __future__ import annotations

import pytest
from fixtures.records import make_record

from crisp.cr.schema import CrispRecord
from crisp.data.mtld import MTLD_THRESHOLD, dialogue_mtld, dialogue_tokens, mtld, mtld_pass, tokenize


def test_threshold() -> None:
    assert MTLD_THRESHOLD == 0.72


def test_repeated_word() -> None:
    # "a a a a", forward: a (TTR 1) | a a (1/2 = .5 <= .72: factor 1, reset) | a (1) | a a (.5: factor 2).
    # No remainder: 4 tokens / 2 factors = 2. The backward pass is the same text: 2. MTLD = 2.
    assert mtld_pass("a a a a".split()) == 2.0
    assert mtld("a a a a".split()) == 2.0


def test_partial_factor_only() -> None:
    # "the cat sat on the mat": TTRs 1, 1, 1, 1, 4/5 = .8, 5/6 = .833; no full factor.
    # Partial factor (1 - 5/6) / (1 - .72) = (1/6) / .28; forward = 6 / that = 6 * .28 * 6 = 10.08.
    # Backward ("mat the on sat cat the") has the same TTRs: 10.08. MTLD = 10.08.
    tokens = "the cat sat on the mat".split()
    assert mtld_pass(tokens) == pytest.approx(10.08)
    assert mtld(tokens) == pytest.approx(10.08)


def test_forward_and_backward_differ() -> None:
    # "a a b c d", forward: a (1) | a a (.5: factor 1, reset) | b, b c, b c d (all 1): partial (1 - 1)/.28 = 0.
    #   forward = 5 tokens / 1 factor = 5.
    # backward "d c b a a": d, dc, dcb, dcba (1) | dcbaa: 4/5 = .8 > .72, no factor; partial (1 - .8)/.28 = 5/7.
    #   backward = 5 / (5/7) = 7.
    # MTLD = (5 + 7) / 2 = 6.
    tokens = "a a b c d".split()
    assert mtld_pass(tokens) == pytest.approx(5.0)
    assert mtld_pass(tokens[::-1]) == pytest.approx(7.0)
    assert mtld(tokens) == pytest.approx(6.0)


def test_factor_at_exactly_the_threshold() -> None:
    # 18 types in 25 tokens is a TTR of exactly .72: that closes a factor ("falls to" the threshold).
    # Tokens w0..w17, then w0..w6 again: after 25 tokens TTR = 18/25 = .72 -> factor 1, nothing left.
    # Forward = 25 / 1 = 25. Backward (w6..w0, w17..w0): TTR stays 1 for 18 tokens, then 18/19 ... 18/25 = .72
    # at the last token as well: 25.
    tokens = [f"w{i}" for i in range(18)] + [f"w{i}" for i in range(7)]
    assert mtld_pass(tokens) == 25.0
    assert mtld(tokens) == 25.0


def test_mixed_full_and_partial_factors() -> None:
    # "x y x z z": forward: x, xy (1), xyx (2/3 = .667: factor 1, reset), z (1), zz (.5: factor 2). 5 / 2 = 2.5.
    # backward "z z x y x": z, zz (.5: factor 1, reset), x, xy (1), xyx (.667: factor 2). 5 / 2 = 2.5.
    assert mtld("x y x z z".split()) == 2.5
    # "p q r p s": forward p q r (1), p q r p (3/4 = .75), p q r p s (4/5 = .8): partial .2/.28 = 5/7 -> 7.
    # backward s p r q p: same TTRs -> 7. Then MTLD = 7.
    assert mtld("p q r p s".split()) == pytest.approx(7.0)


def test_undefined_without_any_factor() -> None:
    assert mtld([]) is None
    assert mtld("every word differs here".split()) is None


def test_tokenize_english() -> None:
    assert tokenize("I don't know, I'm TIRED... 3 times!", "en") == ["i", "don't", "know", "i'm", "tired", "3", "times"]


def test_tokenize_chinese_with_jieba() -> None:
    # jieba segments words, not characters; punctuation is dropped.
    tokens = tokenize("我今天很难过，因为论文被拒了。", "zh")
    assert "论文" in tokens and "今天" in tokens
    assert "，" not in tokens and "。" not in tokens
    assert "".join(tokens) == "我今天很难过因为论文被拒了"


def test_dialogue_mtld_covers_every_turn() -> None:
    record = CrispRecord.model_validate(make_record("en", (1,)))
    tokens = dialogue_tokens(record)
    expected: list[str] = []
    for turn in record.turns:
        expected += tokenize(turn.text("en"), "en")
    assert tokens == expected
    assert dialogue_mtld(record) == mtld(tokens)
