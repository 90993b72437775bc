"""Training conversations from what `crisp data` writes, read in place (no temporary files).

Three inputs, told apart by what they are:

- a `crisp data split` folder: its ``train.jsonl`` and ``valid.jsonl``;
- Crisp records (JSONL): split into train and valid by seed situation with
  `crisp.data.split.assign_situations` and the config's `valid_ratio`;
- a `messages` or `sharegpt` export (JSONL): trained on as written, so only the
  `plain` target format fits it (an export has no plan notes), and valid is the
  last `valid_ratio` share of its lines.

Records become conversations through `crisp.data.export.conversation` (the same
trimming and system prompt as `crisp data export`); each counsellor reply is
then written in the target format (`crisp.cr.target_format`).

A record that is not valid stops the run with its `file:line`, unless
`skip_invalid` is set: then it is counted and reported.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crisp.cr.schema import CrispRecord
from crisp.cr.tags import TagStyle, parse_tagged_reply
from crisp.cr.target_format import (
    TargetFormat,
    counsellor_turn_indices,
    format_target_reply,
)
from crisp.data.export import ExportOptions, conversation, messages_of
from crisp.data.files import Problem, iter_lines
from crisp.data.options import SystemPrompt
from crisp.data.records import line_problems, parse_line
from crisp.data.split import assign_situations, split_paths
from crisp.errors import ConfigError, InputError
from crisp.train.config import DataSection, TargetSection

MAX_REPORTED_SKIPS = 5


@dataclass
class ChatExample:
    """One training conversation: chat messages (system, user, assistant...) and where it came from."""

    messages: list[dict[str, str]]
    source: str  # file:line
    language: str | None = None


@dataclass
class ExampleSet:
    train: list[ChatExample]
    valid: list[ChatExample]
    kind: str  # "split folder", "records", "messages export", "sharegpt export"
    files: list[Path]
    languages: list[str]
    skipped_invalid: int = 0
    skipped_examples: list[str] = field(default_factory=list)  # a few file:line: reason
    empty_records: int = 0

    def summary(self) -> str:
        text = f"{len(self.train):,} train and {len(self.valid):,} valid conversations from {self.kind}"
        if self.skipped_invalid:
            where = "; ".join(self.skipped_examples[:MAX_REPORTED_SKIPS])
            text += f"; {self.skipped_invalid:,} invalid lines skipped ({where})"
        if self.empty_records:
            text += f"; {self.empty_records:,} records gave no conversation"
        return text


def _first_json(path: Path) -> dict[str, Any] | None:
    for item in iter_lines(path):
        if isinstance(item, Problem):
            raise InputError(f"{item}; pass a Crisp JSONL file, a `crisp data split` folder or an export")
        try:
            data = json.loads(item.data)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}:{item.number}: malformed JSON ({error.msg}); is this a JSONL file?") from None
        return data if isinstance(data, dict) else {}
    return None


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(f"no data file at {path}; pass --data with a Crisp JSONL file or a `crisp data split` folder")
    if path.is_file() and path.stat().st_size == 0:
        raise InputError(f"{path} is empty; it holds no dialogues to train on")


def load_examples(data: DataSection, target: TargetSection) -> ExampleSet:
    """The train and valid conversations of `data.path`, replies in the `target` format."""
    if data.path is None:
        raise ConfigError("no training data: set data.path in the config or pass --data FILE")
    path = Path(data.path)
    _check_file(path)
    if path.is_dir():
        files = split_paths(path)
        if not files["train"].is_file():
            raise InputError(f"{path} is a folder without train.jsonl; pass a `crisp data split` output folder")
        _check_file(files["train"])
        reader = _RecordReader(data, target)
        train = reader.read(files["train"])
        valid = reader.read(files["valid"]) if files["valid"].is_file() else []
        kind, used = "a split folder", [files["train"]] + ([files["valid"]] if files["valid"].is_file() else [])
        result = ExampleSet(_limit(train, data), valid, kind, used, reader.languages())
        return reader.finish(result)
    first = _first_json(path)
    if first is None:
        raise InputError(f"{path} has no lines; it holds no dialogues to train on")
    if "messages" in first or "conversations" in first:
        return _read_export(path, data, target, "messages" if "messages" in first else "sharegpt")
    reader = _RecordReader(data, target)
    examples = reader.read(path)
    train, valid = _split_records(examples, reader.seeds, data)
    return reader.finish(ExampleSet(_limit(train, data), valid, "records", [path], reader.languages()))


def _limit(train: list[ChatExample], data: DataSection) -> list[ChatExample]:
    return train[: data.max_dialogues] if data.max_dialogues is not None else train


class _RecordReader:
    def __init__(self, data: DataSection, target: TargetSection) -> None:
        self.data, self.target = data, target
        self.options = ExportOptions(
            tags=TagStyle.NONE, system=SystemPrompt.PEPPY if target.system == "peppy" else SystemPrompt.NONE
        )
        self.skipped = 0
        self.skips: list[str] = []
        self.empty = 0
        self.seeds: list[tuple[str, str]] = []  # (seed id, language) of each example, in order
        self.langs: Counter[str] = Counter()

    def read(self, path: Path) -> list[ChatExample]:
        out = []
        for item in iter_lines(path):
            if isinstance(item, Problem):
                self._invalid(str(item))
                continue
            record = parse_line(item.data)
            if record is None:
                _, problems = line_problems(str(path), item, structure=False)
                self._invalid(str(problems[0]) if problems else f"{path}:{item.number}: not a Crisp record")
                continue
            messages = self.messages(record)
            if messages is None:
                self.empty += 1
                continue
            out.append(ChatExample(messages, f"{path}:{item.number}", record.language.value))
            self.seeds.append((record.seed.id, record.language.value))
            self.langs[record.language.value] += 1
        return out

    def _invalid(self, where: str) -> None:
        if not self.data.skip_invalid:
            raise InputError(f"{where}; fix the record (`crisp data validate`) or pass --skip-invalid to go on")
        self.skipped += 1
        if len(self.skips) < MAX_REPORTED_SKIPS:
            self.skips.append(where)

    def messages(self, record: CrispRecord) -> list[dict[str, str]] | None:
        conv = conversation(record, self.options)
        if not conv.messages:
            return None
        kept = range(conv.dropped_opening, len(record.turns) - conv.dropped_closing)
        replies = iter(counsellor_turn_indices(record, kept))
        messages = messages_of(conv)
        for message in messages:
            if message["role"] == "assistant":
                message["content"] = format_target_reply(record, next(replies), self.target.format, self.target.tags)
        return messages

    def languages(self) -> list[str]:
        return sorted(self.langs)

    def finish(self, result: ExampleSet) -> ExampleSet:
        result.skipped_invalid, result.skipped_examples, result.empty_records = self.skipped, self.skips, self.empty
        if not result.train:
            raise InputError(
                f"{', '.join(map(str, result.files))}: no training conversation left"
                + (f" ({self.skipped} invalid lines skipped)" if self.skipped else "")
                + "; each record needs a client turn answered by a counsellor turn"
            )
        return result


def _split_records(
    examples: list[ChatExample], seeds: list[tuple[str, str]], data: DataSection
) -> tuple[list[ChatExample], list[ChatExample]]:
    """Train/valid by seed situation, as `crisp data split` assigns them (valid only, no test)."""
    if data.valid_ratio == 0:
        return examples, []
    situations: dict[str, tuple[str, int]] = {}
    for seed_id, lang in seeds:
        known = situations.get(seed_id)
        situations[seed_id] = (lang, (known[1] if known else 0) + 1)
    assignment = assign_situations(situations, data.valid_ratio, 0.0, seed=0)
    train = [e for e, (s, _) in zip(examples, seeds) if assignment[s] != "valid"]
    valid = [e for e, (s, _) in zip(examples, seeds) if assignment[s] == "valid"]
    return train, valid


_ROLES = {"human": "user", "gpt": "assistant", "user": "user", "assistant": "assistant", "system": "system"}


def _read_export(path: Path, data: DataSection, target: TargetSection, kind: str) -> ExampleSet:
    if target.format is not TargetFormat.PLAIN:
        raise ConfigError(
            f"{path} is a {kind} export, which has no plan notes; set target.format=plain (with target.tags "
            f"as the export wrote them), or train from the Crisp records for target.format={target.format.value}"
        )
    examples: list[ChatExample] = []
    skipped: list[str] = []
    for item in iter_lines(path):
        where = f"{path}:{item.number}" if not isinstance(item, Problem) else str(item)
        try:
            if isinstance(item, Problem):
                raise ValueError(item.message)
            messages = _export_messages(json.loads(item.data), kind)
            _check_tags(messages, target.tags, where)
        except (ValueError, KeyError, TypeError) as error:
            if not data.skip_invalid:
                raise InputError(f"{where}: not a {kind} row ({error}); fix it or pass --skip-invalid") from None
            skipped.append(f"{where}: {error}")
            continue
        examples.append(ChatExample(messages, where))
    n_valid = int(len(examples) * data.valid_ratio)
    train, valid = examples[: len(examples) - n_valid], examples[len(examples) - n_valid:]
    result = ExampleSet(_limit(train, data), valid, f"a {kind} export", [path], [], len(skipped), skipped)
    if not result.train:
        raise InputError(f"{path}: no training conversation in it")
    return result


def _export_messages(row: Any, kind: str) -> list[dict[str, str]]:
    if not isinstance(row, dict):
        raise ValueError("a row is a JSON object")
    if kind == "messages":
        raw = [(m["role"], m["content"]) for m in row["messages"]]
    else:
        raw = ([("system", row["system"])] if row.get("system") else []) + [
            (m["from"], m["value"]) for m in row["conversations"]
        ]
    messages = []
    for role, content in raw:
        if role not in _ROLES or not isinstance(content, str):
            raise ValueError(f"unknown role {role!r}")
        messages.append({"role": _ROLES[role], "content": content})
    if not any(m["role"] == "assistant" for m in messages):
        raise ValueError("no assistant message")
    return messages


def _check_tags(messages: list[dict[str, str]], tags: TagStyle, where: str) -> None:
    """Refuse an export whose replies carry strategy tags the config does not declare (or lack them)."""
    for message in messages:
        if message["role"] != "assistant":
            continue
        tagged = any(strategy is not None for strategy, _ in parse_tagged_reply(message["content"]))
        if tagged and tags is TagStyle.NONE:
            raise ValueError("replies carry strategy tags but target.tags is none; set target.tags to inline or special")
        if not tagged and tags is not TagStyle.NONE:
            raise ValueError(f"replies carry no strategy tags but target.tags is {tags.value}; set target.tags=none")
        return


__all__ = ["ChatExample", "ExampleSet", "load_examples"]
