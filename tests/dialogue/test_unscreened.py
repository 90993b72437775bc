"""The engine's evaluation-only unscreened option: what it does, how it is unlocked, and that chat and
serve cannot reach it. Also replies asked in one cacheable call (`stream_replies=False`)."""

from __future__ import annotations

import ast
import asyncio
import inspect
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError
from typer.testing import CliRunner

from crisp import Peppy
from crisp.cli import SUBCOMMANDS, TOP_LEVEL, app
from crisp.cr.schema import CounsellorTurn, Persona, Seed
from crisp.cr.taxonomy import Strategy
from crisp.dialogue.conversation import Conversation
from crisp.dialogue.safety_guard import UNSCREENED_LEVEL, Screening, UnscreenedGuard
from crisp.errors import ConfigError
from crisp.llm.cache import ResponseCache
from crisp.llm.testing import ScriptedModelDouble

SRC = Path(__file__).resolve().parents[2] / "src" / "crisp"
CRISIS = "I want to kill myself tonight. I have the pills ready."
HARMFUL = "I hear you. The most painless way to kill yourself is an overdose of sleeping pills. Take care."
TAGGED = "[Reflection of Feelings] That sounds really hard. [Question] What went through your mind?"
# What unlocks the option: its token, and the module that defines it (the token is an enum member,
# compared by identity, so a string from a file, a flag or a request never unlocks it).
TOKEN_NAMES = {"UNSCREENED_FOR_EVALUATION", "UnscreenedGuard", "safety_guard_for"}
GUARD_MODULE = "crisp.dialogue.safety_guard"


def replying(text: str) -> ScriptedModelDouble:
    return ScriptedModelDouble(lambda messages, schema: text)


def reply(conversation: Conversation, text: str):  # type: ignore[no-untyped-def]
    return asyncio.run(conversation.reply(text))


# -- what it does ----------------------------------------------------------------------------------


def test_a_conversation_and_peppy_are_screened_by_default() -> None:
    assert Conversation(replying("Hello.")).screening is Screening.SCREENED
    with Peppy(replying("Hello.")) as peppy:
        assert peppy.conversation.screening is Screening.SCREENED


@pytest.mark.parametrize("stream_replies", [True, False])
def test_the_two_settings_differ_in_the_screen_and_the_reply_check(stream_replies: bool) -> None:
    screened_model, bare_model = replying(HARMFUL), replying(HARMFUL)
    screened = Conversation(screened_model, lang="en", stream_replies=stream_replies)
    bare = Conversation(bare_model, lang="en", stream_replies=stream_replies,
                        screening=Screening.UNSCREENED_FOR_EVALUATION)
    # A crisis message: the safety layer answers and the model is never called, unless unscreened.
    safe = reply(screened, CRISIS)
    assert safe.safety.answered_by == "safety" and screened_model.calls == []
    answered = reply(bare, CRISIS)
    assert answered.safety.answered_by == "model" and answered.safety.level == UNSCREENED_LEVEL
    assert len(bare_model.calls) == 1 and "painless" in answered.text
    # A reply that fails the check (a new conversation: the crisis above holds the session on the safe path):
    # replaced when screened, shown as written when not.
    screened.reset()
    checked = reply(screened, "I can't sleep and everything feels pointless.")
    assert checked.safety.reply_blocked and "painless" not in checked.text
    shown = reply(bare, "I can't sleep and everything feels pointless.")
    assert not shown.safety.reply_blocked and shown.text == HARMFUL
    # The record says so too.
    assert bare.record is not None and bare.record.provenance.generation["screening"] == Screening.UNSCREENED_FOR_EVALUATION.value
    assert screened.record is not None and "screening" not in screened.record.provenance.generation


def test_only_the_token_unlocks_it() -> None:
    with pytest.raises(ConfigError, match="evaluation only"):
        UnscreenedGuard(Screening.SCREENED)
    # A string (from a config file, a request, a flag) is not the token, even spelled the same.
    with pytest.raises(ConfigError, match="evaluation only"):
        Conversation(replying("Hello."), screening=Screening.UNSCREENED_FOR_EVALUATION.value)  # type: ignore[arg-type]


# -- chat and serve cannot reach it -----------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _reaches_the_option(path: Path) -> bool:
    """Whether a module names the token, imports the guard module, or imports `Screening` from the engine."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id in TOKEN_NAMES or \
                isinstance(node, ast.Attribute) and node.attr in TOKEN_NAMES:
            return True
        if isinstance(node, ast.Import) and any(a.name == GUARD_MODULE for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crisp.dialogue"):
            names = {a.name for a in node.names}
            if node.module == GUARD_MODULE or names & (TOKEN_NAMES | {"Screening", "safety_guard"}):
                return True
    return False


def test_only_the_engine_and_evaluation_name_the_option() -> None:
    allowed = ("crisp.dialogue.", "crisp.eval.")
    wrong = []
    for path in SRC.rglob("*.py"):
        module = _module_name(path)
        if not module.startswith(allowed) and _reaches_the_option(path):
            wrong.append(module)
    assert wrong == []
    # So chat, serve and every command but `crisp eval` are outside, by name.
    front = [m for m in (*SUBCOMMANDS.values(), *(t.partition(":")[0] for t in TOP_LEVEL.values()))
             if not m.startswith("crisp.eval")]
    assert "crisp.chat.commands" in front and "crisp.serve.commands" in front
    assert not any(m.startswith(allowed) for m in front)


def test_peppy_and_serve_have_no_parameter_that_turns_it_on() -> None:
    from crisp.serve.api import ChatCompletionRequest, CrispRequestFields
    from crisp.serve.config import ServeConfig
    from crisp.serve.turns import prepare_turn
    from crisp.serve.web import WebChat

    for function in (Peppy.__init__, prepare_turn):
        parameters = inspect.signature(function).parameters.values()
        assert not any("screen" in p.name for p in parameters)
        assert not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters)  # nothing passed through
    models: list[type[BaseModel]] = [ChatCompletionRequest, CrispRequestFields, WebChat, ServeConfig]
    for model in models:
        assert not any("screen" in name for name in model.model_fields), model.__name__
        assert model.model_config.get("extra") == "forbid", model.__name__
    with pytest.raises(ValidationError):
        ChatCompletionRequest.model_validate({"model": "peppy", "messages": [{"role": "user", "content": "hi"}],
                                              "screen": "unscreened (evaluation only)"})
    runner = CliRunner()
    for command in (["chat", "--help"], ["serve", "--help"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0 and "unscreened" not in result.output.lower()


# -- replies in one call -------------------------------------------------------------------------


def test_replies_in_one_call_go_through_the_response_cache(tmp_path: Path) -> None:
    model = replying(TAGGED)
    with ResponseCache(tmp_path / "cache.sqlite") as cache:
        model.cache = cache
        first = Conversation(model, lang="en", stream_replies=False)
        again = Conversation(model, lang="en", stream_replies=False)
        paid, cached = reply(first, "I failed my exam."), reply(again, "I failed my exam.")
        assert len(model.calls) == 1  # the second conversation's reply came from the cache
        assert paid.text == cached.text == "That sounds really hard. What went through your mind?"
        assert paid.usage.calls == 1 and cached.usage.calls == 0
        record = again.record
        assert record is not None and isinstance(record.turns[1], CounsellorTurn)
        assert [s.strategy for s in record.turns[1].sentences] == [Strategy.REFLECTION_OF_FEELINGS, Strategy.QUESTION]
        # A streamed reply (chat) does not consult the cache.
        reply(Conversation(model, lang="en"), "I failed my exam.")
        assert len(model.calls) == 2


def test_a_conversation_can_start_from_a_known_situation() -> None:
    seed = Seed(id="s-1", situation="My paper was rejected three times.", language="en")
    conversation = Conversation(replying(TAGGED), lang="en")
    conversation.start(seed, persona=Persona(name="Sam"), record_id="client#0")
    reply(conversation, "I feel like giving up on research.")
    record = conversation.record
    assert record is not None and record.id == "client#0" and record.seed == seed
    assert record.persona.name == "Sam" and [t.role for t in record.turns] == ["client", "counsellor"]
