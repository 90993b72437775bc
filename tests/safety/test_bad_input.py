"""Bad input to the screen: a clear result or a clear error, never a crash."""

from __future__ import annotations

import os
import random
import time

import pytest

from crisp.cr.taxonomy import Lang
from crisp.errors import InputError
from crisp.safety import MAX_MESSAGE_CHARS, RiskLevel, SessionRiskTracker, assess


@pytest.mark.parametrize("text", ["", " ", "\n\t  \r\n", "\u3000\u200b"])
def test_empty_and_whitespace_are_none(text: str) -> None:
    result = assess(text)
    assert result.level == RiskLevel.NONE
    assert result.signals == ()
    assert result.lang == Lang.EN


def test_one_megabyte_is_a_clear_error() -> None:
    with pytest.raises(InputError, match=str(MAX_MESSAGE_CHARS)):
        assess("I want to die. " * 70_000)


def test_longest_accepted_message_is_screened_quickly() -> None:
    text = ("Some ordinary words about my week at work and the weather. " * 2000)[: MAX_MESSAGE_CHARS - 40]
    text += " I want to kill myself."
    start = time.perf_counter()
    result = assess(text)
    assert result.level == RiskLevel.HIGH
    assert time.perf_counter() - start < 10  # generous: a clear result, not a hang


def test_binary_junk_gives_a_result() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4096))
    for text in (junk.decode("latin-1"), junk.decode("utf-8", errors="replace"), os.urandom(512).hex()):
        assert assess(text).level in tuple(RiskLevel)


def test_lone_surrogates_from_undecodable_input_do_not_crash() -> None:
    text = b"I want to die \xff\xfe".decode("utf-8", errors="surrogateescape")
    result = assess(text)
    assert result.level == RiskLevel.MODERATE
    assert result.model_dump_json()  # serialisable


@pytest.mark.parametrize("text", ["😀😀😀", "🔥💯🙃", "I'm fine 😊", "🌧️🌧️ 好难过"])
def test_emoji_only_or_mixed_is_not_risk(text: str) -> None:
    assert assess(text).level == RiskLevel.NONE


def test_non_text_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="must be text"):
        assess(b"I want to die")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        assess(None)  # type: ignore[arg-type]


def test_bad_context_turns_are_skipped_or_refused() -> None:
    # messages without a user role or without text content are not the person's words
    assert assess("hi", context=[{"role": "user"}, {"content": "x"}, 42]).level == RiskLevel.NONE  # type: ignore[list-item]
    with pytest.raises(InputError, match="context turn"):
        assess("hi", context=["x" * (MAX_MESSAGE_CHARS + 1)])


def test_tracker_survives_junk() -> None:
    tracker = SessionRiskTracker()
    for text in ("", "\x00" * 100, "🙂", "我想死", "ok"):
        assert tracker.assess(text).level in tuple(RiskLevel)
