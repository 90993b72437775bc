"""Released text wraps between words, never inside one."""

from __future__ import annotations

from crisp.chat.wrap import LineWrapper, display_width

TEXT = ("It sounds like the comments on your report really stung, and part of you took them as proof "
        "that you are not good enough. What went through your mind when you read them?")


def _wrapped(pieces: list[str], width: int, column: int = 0) -> str:
    wrapper = LineWrapper(width, column)
    return "".join(wrapper.feed(p) for p in pieces)


def test_english_wraps_at_spaces_within_the_width() -> None:
    out = _wrapped([TEXT[:50], TEXT[50:]], width=30, column=7)
    lines = out.split("\n")
    assert len(lines) > 3
    assert display_width(lines[0]) + 7 <= 30 and all(display_width(line) <= 30 for line in lines[1:])
    assert " ".join(out.split()) == TEXT  # no word cut, none lost: only spaces became line breaks
    assert not any(line.startswith(" ") or line.endswith(" ") for line in lines)


def test_chinese_wraps_between_characters_by_display_width() -> None:
    text = "听起来报告上的意见让你很难受，你好像把它们当成了自己不够好的证据。读到的时候你心里在想什么？"
    out = _wrapped([text[:20], text[20:]], width=20)
    lines = out.split("\n")
    assert out.replace("\n", "") == text
    assert all(display_width(line) <= 20 for line in lines) and len(lines) >= 5


def test_line_breaks_in_the_text_reset_the_column() -> None:
    wrapper = LineWrapper(20)
    assert wrapper.feed("one two three\nfour five six seven") == "one two three\nfour five six seven"
    assert wrapper.column == len("four five six seven")
    assert wrapper.feed(" eight") == "\neight"
