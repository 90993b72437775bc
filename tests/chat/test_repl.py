"""`crisp chat` in a real terminal (tmux) with the tiny test GGUF."""

from __future__ import annotations

from pathlib import Path

from crisp.cr.schema import ClientTurn, CrispRecord
from crisp.safety import SessionRiskTracker, safe_response


def test_chat_session_with_commands(terminal, tiny_gguf_path: Path, tmp_path: Path) -> None:
    term = terminal(["--model", f"gguf:{tiny_gguf_path}", "--max-new-tokens", "24", "--lang", "en"])
    term.wait_for("not a therapist")
    term.wait_for("(ready)")
    term.wait_for("You:")

    term.type("/help")
    term.keys("Enter")
    term.wait_for("/record")

    # Multi-line: a line ending in a backslash goes on; Enter then sends both lines as one message.
    term.type("My exam went badly\\")
    term.keys("Enter")
    term.type("and I feel useless.")
    term.keys("Enter")
    screen = term.wait_for("Peppy:")
    term.wait_for("You:", after=screen.index("Peppy:"))

    term.type("/save chat.json")
    term.keys("Enter")
    term.wait_for("saved to chat.json")
    record = CrispRecord.model_validate_json((tmp_path / "chat.json").read_text(encoding="utf-8"))
    first = record.turns[0]
    assert isinstance(first, ClientTurn) and first.content == "My exam went badly\nand I feel useless."
    assert record.turns[1].role == "counsellor"

    term.type("/lang")
    term.keys("Enter")
    term.wait_for("language: en")
    term.type("/record")
    term.keys("Enter")
    term.wait_for("guided mode")

    # The crisis path answers from the safety layer, in the terminal too.
    crisis = "I want to kill myself tonight."
    expected = safe_response(SessionRiskTracker().assess(crisis, "en"))
    term.type(crisis)
    term.keys("Enter")
    term.wait_for(expected[:40])

    term.type("/reset")
    term.keys("Enter")
    term.wait_for("New conversation started.")
    term.type("/load chat.json")
    term.keys("Enter")
    term.wait_for("loaded 2 turns")

    term.type("/nonsense")
    term.keys("Enter")
    term.wait_for("unknown command /nonsense")
    term.type("/quit")
    term.keys("Enter")
    assert term.exit_status() == 0


def test_ctrl_c_stops_a_reply_and_the_session_goes_on(terminal, tiny_gguf_path: Path, tmp_path: Path) -> None:
    # Greedy decoding of this message on the tiny model runs to the token limit: a long reply to interrupt.
    term = terminal(["--model", f"gguf:{tiny_gguf_path}", "--max-new-tokens", "3000", "--temperature", "0",
                     "--save", "auto.json"])
    term.wait_for("(ready)")
    term.type("I feel nervous about tomorrow.")
    term.keys("Enter")
    screen = term.wait_for("Peppy: ")
    # Wait for some text of the reply, then interrupt it.
    term.wait_for(" ", after=screen.rindex("Peppy: ") + len("Peppy: ") + 1, timeout=60)
    term.keys("C-c")
    term.wait_for("[stopped]", timeout=30)
    screen = term.wait_for("You:", after=term.screen().rindex("[stopped]"))
    # The session survived: a command still works, and the stopped turn was kept as far as it was shown.
    term.type("/save again.json")
    term.keys("Enter")
    term.wait_for("saved to again.json")
    record = CrispRecord.model_validate_json((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert [t.role for t in record.turns] == ["client", "counsellor"]
    assert record.turns[1].sentences  # type: ignore[union-attr]
    assert (tmp_path / "auto.json").exists()  # --save wrote after the turn
    term.keys("C-d")
    assert term.exit_status() == 0


def test_a_model_that_cannot_load_ends_the_chat_with_one_error_line(terminal, tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_text("this is not a model", encoding="utf-8")
    term = terminal(["--model", f"gguf:{bad}"])
    assert term.exit_status() == 3
    screen = term.screen()
    assert "not a therapist" in screen  # the notice came first
    errors = [line for line in screen.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "is not a GGUF model file" in errors[0]
