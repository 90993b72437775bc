"""The streaming gate: whole sentences, tags stripped, checked before release."""

from __future__ import annotations

from crisp.dialogue.gate import MAX_HOLD_CHARS, ReplyGate, visible_text


def _run(gate: ReplyGate, deltas: list[str]) -> list[str]:
    out = [gate.feed(d) for d in deltas]
    out.append(gate.finish())
    return out


def test_releases_whole_sentences_with_tags_stripped() -> None:
    gate = ReplyGate("en", lambda text: True)
    out = _run(gate, ["[Ref", "lection of Feelings] That", " sounds hard.", " [Quest", "ion] What happened", "?"])
    assert out == ["", "", "", "That sounds hard.", "", "", " What happened?"]
    assert gate.shown == "That sounds hard. What happened?"
    assert gate.raw.startswith("[Reflection of Feelings]")
    assert gate.released_raw == gate.raw


def test_special_token_tags_and_chinese_sentences() -> None:
    gate = ReplyGate("zh", lambda text: True)
    out = _run(gate, ["<|question|>你", "好。", "<|reflection_of_feelings|>听起来", "很难", "！"])
    assert "".join(out) == "你好。听起来很难！"
    assert out[1] == "你好。"
    assert not any("<|" in piece or "|>" in piece for piece in out)


def test_untagged_reply_keeps_line_breaks() -> None:
    gate = ReplyGate("en", lambda text: True)
    out = _run(gate, ["First line.", "\n\nSecond", " line."])
    assert "".join(out) == "First line.\n\nSecond line."


def test_no_release_before_a_latin_sentence_is_certainly_over() -> None:
    gate = ReplyGate("en", lambda text: True)
    assert gate.feed("It costs 3.") == ""  # could be 3.5
    assert gate.feed("5 dollars. And") == "It costs 3.5 dollars."


def test_a_failing_check_shows_nothing_of_that_sentence_and_shuts_the_gate() -> None:
    seen: list[str] = []

    def check(text: str) -> bool:
        seen.append(text)
        return "bad" not in text

    gate = ReplyGate("en", check)
    out = _run(gate, ["Fine. You ", "could do bad", " things. More text."])
    assert out == ["Fine.", "", "", ""]
    assert gate.blocked
    assert gate.shown == "Fine."
    assert gate.released_raw == "Fine."
    assert seen[-1].startswith("Fine. You could do bad")  # the check saw the whole reply so far


def test_long_text_without_sentence_end_is_released_at_a_clause_break_never_mid_tag() -> None:
    gate = ReplyGate("en", lambda text: True)
    long = "word " * (MAX_HOLD_CHARS // 5 + 2)
    piece = gate.feed(long + "[Reflection of")
    assert piece.strip() and "[" not in piece
    rest = gate.feed(" Feelings] ok") + gate.finish()
    assert "Reflection" not in rest and rest.endswith("ok")


def test_visible_text() -> None:
    assert visible_text("[Question] Why? [Affirmation and Reassurance] You did well.", "en") == "Why? You did well."
    assert visible_text("[laughs] fine", "en") == "[laughs] fine"
