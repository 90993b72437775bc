"""The `crisp chat` terminal: a prompt, streamed replies, and slash commands.

Start-up order, so the person can type within moments: the notice is printed,
an embedded model that was never used is assembled (with a progress line; first
use only), and then the model loads on a worker thread while the prompt is
already open. A message sent before the model is ready waits for it. The bottom
line of the screen says whether the model is loading or ready.

Keys: Enter sends. Alt+Enter (or Esc then Enter), or a line ending in `\\`, starts
a new line; pasted text keeps its line breaks. Ctrl-C during a reply stops it
(the part already shown stays in the conversation); Ctrl-C at the prompt clears
the line; Ctrl-D or /quit leaves.

Nothing is written to disk unless the person asks: `--save FILE` saves after
every turn, `/save FILE` once.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from crisp.errors import CrispError

if TYPE_CHECKING:
    from crisp.chat.peppy import Peppy

HELP = """\
Commands:
  /help          this list
  /reset         start a new conversation (same model and settings)
  /save FILE     save the conversation as a Crisp record (JSON)
  /load FILE     continue a saved conversation
  /record        the thought record so far (guided mode)
  /lang [LANG]   show the language, or set it: en, zh or auto
  /quit          leave (also Ctrl-D)
Keys: Enter sends; Alt+Enter or a line ending in \\ adds a line; Ctrl-C stops a reply."""


@dataclass
class ChatOptions:
    """What `crisp chat` was asked for (parsed flags)."""

    model: str = "default"
    lang: str = "auto"
    guided: bool = False
    system_prompt: str | None = None
    max_new_tokens: int = 512
    temperature: float | None = None
    save: Path | None = None
    load: Path | None = None
    locale: str | None = None  # for crisis resources; None: from the terminal's environment


def build_peppy(options: ChatOptions) -> Peppy:
    """Load the model and make the Peppy of these options (blocking: loads weights)."""
    from crisp.chat.peppy import Peppy

    peppy = Peppy(
        options.model,
        lang=options.lang,  # type: ignore[arg-type]
        guided=options.guided,
        system_prompt=options.system_prompt,
        max_new_tokens=options.max_new_tokens,
        temperature=options.temperature,
        locale=options.locale,
    )
    if options.load is not None:
        try:
            peppy.load(options.load)
        except CrispError:
            peppy.close()
            raise
    return peppy


class ChatRepl:
    """One interactive chat on a terminal."""

    def __init__(self, options: ChatOptions, *, out: TextIO | None = None) -> None:
        self.options = options
        self.out = out or sys.stdout
        self.autosave: Path | None = options.save
        self._load_task: asyncio.Task[Peppy] | None = None
        self._prompt: Any = None  # a prompt_toolkit PromptSession, made in run()
        self._busy: asyncio.Task[None] | None = None

    # -- output ----------------------------------------------------------------------------
    def say(self, text: str = "", end: str = "\n") -> None:
        self.out.write(text + end)
        self.out.flush()

    def _name(self, name: str) -> str:
        return f"\x1b[1m{name}\x1b[0m" if self.out.isatty() else name

    # -- running ---------------------------------------------------------------------------
    async def run(self) -> None:
        self.say(start_notice(self.options.lang, self.options.locale))
        self.say()
        prepare_model(self.options.model, show_progress=True)
        self._load_task = asyncio.create_task(asyncio.to_thread(build_peppy, self.options))
        self._load_task.add_done_callback(self._loaded)
        self._prompt = _prompt_session(self._toolbar)
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGINT, self._interrupt)
        try:
            await self._loop()
        finally:
            loop.remove_signal_handler(signal.SIGINT)
            await self._shutdown()

    async def _loop(self) -> None:
        from prompt_toolkit.formatted_text import HTML

        while True:
            try:
                # handle_sigint=False: the prompt reads Ctrl-C as a key; SIGINT stays with `_interrupt`.
                text = await self._prompt.prompt_async(
                    HTML("<b>You:</b> "), handle_sigint=False, pre_run=self._end_if_load_failed
                )
            except KeyboardInterrupt:
                continue  # Ctrl-C at the prompt clears the line
            except EOFError:
                return
            text = text.strip()
            if not text:
                continue
            if text.startswith("/") and "\n" not in text and not text.startswith("//"):
                if not await self.command(text):
                    return
                continue
            await self.send(text[1:] if text.startswith("//") else text)

    def _load_error(self) -> BaseException | None:
        task = self._load_task
        if task is None or not task.done() or task.cancelled():
            return None
        return task.exception()

    def _loaded(self, task: asyncio.Task[Peppy]) -> None:
        app = getattr(self._prompt, "app", None)
        if app is not None and app.is_running:
            self._end_if_load_failed()
            app.invalidate()  # the bottom line says "ready"

    def _end_if_load_failed(self) -> None:
        # A model that cannot load ends the chat with its error (the CLI prints it on one line).
        error = self._load_error()
        if error is not None:
            self._prompt.app.exit(exception=error)

    def _toolbar(self) -> str:
        task = self._load_task
        state = "loading..." if task is None or not task.done() else "ready"
        mode = "guided" if self.options.guided else "model mode"
        return f" Peppy - {self.options.model} ({state}) - {mode} - /help for commands, Ctrl-D to leave"

    async def peppy(self) -> Peppy:
        assert self._load_task is not None
        if not self._load_task.done():
            self.say("(waiting for the model to load...)")
        return await self._load_task

    async def _shutdown(self) -> None:
        task = self._load_task
        if task is None:
            return
        if not task.done():
            await asyncio.wait([task])  # a load cannot be interrupted half-way; let it finish, then close
        if not task.cancelled() and task.exception() is None:
            await task.result().aclose()

    # -- a turn ----------------------------------------------------------------------------
    def _interrupt(self) -> None:
        """SIGINT outside the prompt (the prompt reads Ctrl-C as a key): stop the reply in progress."""
        if self._busy is not None and not self._busy.done():
            self._busy.cancel()

    async def send(self, text: str) -> None:
        self._busy = asyncio.create_task(self._reply(text))
        try:
            await self._busy
        except asyncio.CancelledError:
            if not self._busy.cancelled():
                raise
            self.say(" [stopped]")
            self.say()
        except CrispError as error:
            if self._load_error() is not None:
                raise
            self.say()
            self.say(f"error: {' '.join(str(error).split())}")
        finally:
            self._busy = None

    async def _reply(self, text: str) -> None:
        from crisp.chat.wrap import LineWrapper

        peppy = await self.peppy()
        self.say(f"{self._name('Peppy:')} ", end="")
        wrapper = LineWrapper(shutil.get_terminal_size().columns - 1, column=len("Peppy: "))
        stream = peppy.astream(text)
        try:
            async for piece in stream:
                self.say(wrapper.feed(terminal_safe(piece)), end="")
        finally:
            await stream.aclose()
            self._autosave(peppy)
        self.say()
        self.say()

    def _autosave(self, peppy: Peppy) -> None:
        if self.autosave is None or peppy.record is None:
            return
        try:
            peppy.save(self.autosave)
        except CrispError as error:
            self.say(f"error: {error} (autosave is off now; use /save FILE)")
            self.autosave = None

    # -- commands --------------------------------------------------------------------------
    async def command(self, line: str) -> bool:
        """Run a slash command; False means leave."""
        name, _, arg = line.partition(" ")
        arg = arg.strip()
        name = name.lower()
        if name in ("/quit", "/exit", "/q"):
            return False
        if name in ("/help", "/?"):
            self.say(HELP)
            return True
        handlers = {"/reset": self._reset, "/save": self._save, "/load": self._load,
                    "/record": self._record, "/lang": self._lang}
        handler = handlers.get(name)
        if handler is None:
            self.say(f"unknown command {name}; /help lists the commands (start a message with // to send a slash)")
            return True
        try:
            handler(await self.peppy(), arg)
        except CrispError as error:
            if self._load_error() is not None:
                raise
            self.say(f"error: {' '.join(str(error).split())}")
        return True

    def _reset(self, peppy: Peppy, arg: str) -> None:
        peppy.reset()
        self.say("New conversation started.")
        if self.autosave is not None:
            self.say(f"(autosave stopped: the previous conversation stays in {self.autosave}; /save FILE saves this one)")
            self.autosave = None

    def _save(self, peppy: Peppy, arg: str) -> None:
        if not arg:
            self.say("usage: /save FILE")
            return
        self.say(f"saved to {peppy.save(arg)}")

    def _load(self, peppy: Peppy, arg: str) -> None:
        if not arg:
            self.say("usage: /load FILE")
            return
        record = peppy.load(arg)
        self.say(f"loaded {len(record.turns)} turns ({record.language.value}) from {arg}; go on where it stopped.")
        if self.autosave is not None:
            self.say(f"(autosave stopped so {self.autosave} is not overwritten; /save FILE to save)")
            self.autosave = None
        for turn in record.turns[-2:]:
            who = "You:" if turn.role == "client" else "Peppy:"
            self.say(f"{self._name(who)} {terminal_safe(turn.text(record.language))}")

    def _record(self, peppy: Peppy, arg: str) -> None:
        if not peppy.guided:
            self.say("The thought record is built in guided mode: start with crisp chat --guided.")
            return
        self.say(format_thought_record(peppy))

    def _lang(self, peppy: Peppy, arg: str) -> None:
        if arg:
            if arg not in ("en", "zh", "auto"):
                self.say("usage: /lang en|zh|auto")
                return
            peppy.set_lang(arg)  # type: ignore[arg-type]
        current = peppy.lang
        if peppy.conversation.lang_pinned:
            self.say(f"language: {current.value if current else '-'} (pinned; /lang auto to follow your messages)")
        else:
            now = f"{current.value}, " if current else ""
            self.say(f"language: {now}auto (each reply in the language of your latest message)")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def prepare_model(spec: str, *, show_progress: bool) -> None:
    """Parse `spec` and assemble an embedded model on its first use, with a progress line on stderr."""
    from crisp.llm.embedded import progress_line
    from crisp.llm.registry import prepare_model as prepare

    prepare(spec, progress=progress_line(spec) if show_progress else None)


def terminal_safe(text: str) -> str:
    """Model text without control characters, so a reply cannot drive the terminal (escape sequences)."""
    return _CONTROL.sub("", text)


def format_thought_record(peppy: Peppy) -> str:
    """The thought record as lines for the terminal, in the conversation's language."""
    from crisp.cr.taxonomy import Lang, SubStep, term
    from crisp.prompts import keyed_lines

    record = peppy.thought_record
    lang = peppy.lang or Lang.EN
    labels = keyed_lines("labels", lang)
    none = labels["not_yet_found"]
    cognition = record.cognition
    lines = [
        labels["thought_record"],
        f"  {term(SubStep.AUTOMATIC_THOUGHT).name(lang)}: {cognition.automatic_thought or none}",
        f"  {term(SubStep.INTERMEDIATE_BELIEF).name(lang)}: {cognition.intermediate_belief or none}",
    ]
    verdicts = {v.channel: v.restructured_thought for v in record.verdicts}
    for channel in cognition.channels:
        lines.append(f"  #{channel.index} {term(channel.distortion).name(lang)}: \"{channel.example_thought}\"")
        if channel.index in verdicts:
            lines.append(f"      -> {verdicts[channel.index]}")
    if not cognition.channels:
        lines.append(f"  {labels['distortions']}: {none}")
    if record.step:
        lines.append(f"  {labels['now_at']}: {record.step}")
    return "\n".join(lines)


def start_notice(lang: str, locale: str | None = None) -> str:
    from crisp.chat.notice import notice_text
    from crisp.cr.taxonomy import Lang

    langs = [Lang(lang)] if lang in ("en", "zh") else [Lang.EN, Lang.ZH]
    return notice_text(langs, locale)


def _prompt_session(toolbar):  # -> PromptSession
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("enter")
    def _send(event) -> None:  # type: ignore[no-untyped-def]
        buffer = event.current_buffer
        if buffer.document.text_before_cursor.endswith("\\"):
            buffer.delete_before_cursor(1)
            buffer.insert_text("\n")
        else:
            buffer.validate_and_handle()

    @keys.add("escape", "enter")
    def _newline(event) -> None:  # type: ignore[no-untyped-def]
        event.current_buffer.insert_text("\n")

    return PromptSession(
        multiline=True,
        key_bindings=keys,
        prompt_continuation="   ... ",
        bottom_toolbar=toolbar,
        refresh_interval=0.5,
    )


__all__ = ["ChatOptions", "ChatRepl", "build_peppy", "format_thought_record", "start_notice"]
