"""`crisp chat`: talk to Peppy in the terminal, or get one reply for a script.

Interactive when stdin is a terminal and no `--message` is given (`repl`);
otherwise one-shot: the message (from `--message`, or all of stdin) gets one
reply, printed as it streams (or as JSON with `--json`), and the command exits.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path

import typer

from crisp.errors import ConfigError, InputError
from crisp.llm.registry import ACCEPTED_FORMS


def chat(
    model: str = typer.Option("default", "--model", "-m", help=f"Model spec: {ACCEPTED_FORMS}."),
    lang: str = typer.Option("auto", "--lang", help="Reply language: en or zh pins it; auto (default) answers each message in its own language."),
    guided: bool = typer.Option(False, "--guided", help="CRDial-guided counselling on any model, with a thought record (/record)."),
    system: Path | None = typer.Option(None, "--system", help="File with a system prompt to use instead of Peppy's (model mode)."),
    max_new_tokens: int = typer.Option(512, "--max-new-tokens", min=1, max=32768, help="Longest reply, in tokens."),
    temperature: float | None = typer.Option(None, "--temperature", min=0.0, max=2.0, help="Sampling temperature (default: the model's own)."),
    save: Path | None = typer.Option(None, "--save", help="Save the conversation to this file (a Crisp record) after every turn."),
    load: Path | None = typer.Option(None, "--load", help="Continue a conversation saved with --save or /save."),
    message: str | None = typer.Option(None, "--message", help="Send this one message, print the reply and exit."),
    locale: str | None = typer.Option(None, "--locale", help="Where you are, for crisis lines: a country code (US, GB, CN...) or a locale (en_US). Default: CRISP_LOCALE, then LC_ALL/LC_MESSAGES/LANG, then the time zone."),
    as_json: bool = typer.Option(False, "--json", help="One-shot: print the reply as JSON (reply, safety, model, usage)."),
) -> None:
    """Talk to Peppy, a cognitive-restructuring counsellor (not a therapist; not for emergencies)."""
    from crisp.chat.locale import terminal_locale
    from crisp.chat.repl import ChatOptions
    from crisp.dialogue.conversation import check_conversation_options
    from crisp.llm.registry import parse_spec

    # Bad options fail now, in one line, before anything loads.
    check_conversation_options(lang=lang, guided=guided, system_prompt="" if system is not None else None)
    parse_spec(model)
    options = ChatOptions(
        model=model,
        lang=lang,
        guided=guided,
        system_prompt=_read_system_prompt(system) if system is not None else None,
        max_new_tokens=max_new_tokens,
        temperature=temperature,
        save=save,
        load=load,
        locale=locale or terminal_locale(),
    )
    if load is not None:
        from crisp.chat.transcript import load_record

        load_record(load)  # an unreadable file fails now, before the model loads
    if message is None and sys.stdin.isatty():
        if as_json:
            raise ConfigError("--json is for one-shot use: add --message TEXT or pipe the message on stdin")
        from crisp.chat.repl import ChatRepl

        try:
            asyncio.run(ChatRepl(options).run())
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        return
    text = message if message is not None else sys.stdin.read()
    if not text.strip():
        raise InputError("no message: give one with --message TEXT or on stdin")
    try:
        code = asyncio.run(one_shot(options, text, as_json=as_json))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    if code:
        raise typer.Exit(code)


async def one_shot(options, text: str, *, as_json: bool) -> int:  # options: ChatOptions
    """One reply to `text`, printed to stdout. Returns the exit code."""
    from crisp.chat.repl import build_peppy, prepare_model, terminal_safe
    from crisp.chat.wrap import LineWrapper

    prepare_model(options.model, show_progress=sys.stderr.isatty())

    peppy = await asyncio.to_thread(build_peppy, options)
    # On a terminal: no control characters, and lines broken between words.
    wrapper = LineWrapper(shutil.get_terminal_size().columns - 1) if sys.stdout.isatty() else None
    try:
        stream = peppy.astream(text)
        async for piece in stream:
            if not as_json:
                sys.stdout.write(wrapper.feed(terminal_safe(piece)) if wrapper is not None else piece)
                sys.stdout.flush()
        reply = stream.reply
        assert reply is not None
        if as_json:
            sys.stdout.write(json.dumps(reply_json(reply), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write("\n")
        if options.save is not None:
            peppy.save(options.save)
    finally:
        await peppy.aclose()
    return 0


def reply_json(reply) -> dict:  # reply: PeppyReply
    return {
        "reply": reply.text,
        "safety": reply.safety.model_dump(),
        "model": reply.model,
        "usage": reply.usage.model_dump(),
    }


def _read_system_prompt(path: Path) -> str:
    try:
        text = path.expanduser().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the system prompt file {path}: {getattr(error, 'strerror', None) or error}") from None
    if not text:
        raise InputError(f"the system prompt file {path} is empty")
    return text
