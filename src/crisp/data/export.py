"""`crisp data export`: Crisp records in the formats training tools read.

Formats (all streaming, one record at a time):

- `messages`: JSONL of ``{"messages": [{"role": ..., "content": ...}, ...]}``, the
  conversational format of TRL's `SFTTrainer` (and of chat templates generally).
- `sharegpt`: JSONL of ``{"conversations": [{"from": "human"|"gpt", "value": ...}],
  "system": ...}`` for LLaMA-Factory, plus its `dataset_info.json` entry (written
  beside the output, added to an existing `dataset_info.json` there).
- `alpaca`: JSONL with one row per counsellor turn: ``instruction`` (the client
  turn it answers), ``input`` (empty), ``output`` (the reply), ``system`` and
  ``history`` (the earlier [client, counsellor] pairs); also with a
  `dataset_info.json` entry.
- `hf`: a folder with a `datasets` dataset: ``arrow/`` (`save_to_disk`, open with
  `load_from_disk`) and ``data/train-00000-of-00001.parquet`` (what the Hub and
  `load_dataset(folder)` read). Columns: id, language, seed_id, category, messages.

Roles: client -> user (`human`), counsellor -> assistant (`gpt`), and a system
message with the Peppy prompt in the record's language first (`--system peppy`,
the default; `none` leaves it out).

The conversation must start with the user after the system prompt and end with
the assistant. So a counsellor turn before the client's first words (a greeting)
is dropped, and so is the client's closing turn at the end (the thanks or
good-bye that follows the counsellor's closing reply): no counsellor turn
answers it, so it teaches nothing, and a chat template would take a trailing user
message for a prompt. Plan tags, cognition and verdicts are not exported. A
record with no client turn answered by a counsellor turn gives no example.

Counsellor replies carry strategy tags as `crisp.cr.tags` writes them (`none`,
`inline`, `special`); with `special`, the token list is written to
``<output>.special_tokens.json`` (``special_tokens.json`` inside an hf folder) in
the shape `tokenizer.add_special_tokens` takes. `turns_from_messages` and
`turns_from_sharegpt` read an export back into turns and strategies.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from crisp.cr.language import join_sentences
from crisp.cr.schema import ClientTurn, CounsellorTurn, CrispRecord
from crisp.cr.taxonomy import Lang, Strategy
from crisp.cr.tags import TagStyle, format_reply, parse_tagged_reply, special_tokens
from crisp.data.files import Outputs, refuse_existing
from crisp.data.options import ExportFormat, SystemPrompt
from crisp.data.records import read_records
from crisp.errors import ConfigError, InputError
from crisp.prompts.peppy import peppy_system_prompt

DATASET_INFO = "dataset_info.json"
HF_PARQUET = Path("data") / "train-00000-of-00001.parquet"
HF_ARROW = Path("arrow")
_SHAREGPT_ROLE = {"user": "human", "assistant": "gpt"}
_HF_BATCH = 1000


@dataclass(frozen=True)
class ExportOptions:
    tags: TagStyle = TagStyle.NONE
    system: SystemPrompt = SystemPrompt.PEPPY


# ---------------------------------------------------------------------------
# One record
# ---------------------------------------------------------------------------


@dataclass
class Conversation:
    """A record as user/assistant messages, trimmed to start with the user and end with the assistant."""

    system: str | None
    messages: list[tuple[Literal["user", "assistant"], str]]
    dropped_opening: int = 0  # counsellor turns before the first client turn
    dropped_closing: int = 0  # client turns after the last counsellor turn


def conversation(record: CrispRecord, options: ExportOptions = ExportOptions()) -> Conversation:
    """The messages of `record`, from its first client turn to its last counsellor turn.

    Raises `InputError` for two turns of one role in a row (a record `crisp data validate` rejects).
    """
    lang = record.language
    turns = list(record.turns)
    start = next((i for i, t in enumerate(turns) if isinstance(t, ClientTurn)), len(turns))
    end = max((i + 1 for i, t in enumerate(turns) if isinstance(t, CounsellorTurn)), default=0)
    kept = turns[start:end] if end > start else []
    messages: list[tuple[Literal["user", "assistant"], str]] = []
    for i, turn in enumerate(kept):
        role: Literal["user", "assistant"] = "user" if isinstance(turn, ClientTurn) else "assistant"
        if messages and messages[-1][0] == role:
            raise InputError(
                f"record {record.id!r}: turns[{start + i}].role: two {turn.role} turns in a row; "
                "run `crisp data validate` and fix the record"
            )
        if isinstance(turn, CounsellorTurn):
            messages.append((role, format_reply(turn.sentences, lang, options.tags)))
        else:
            messages.append((role, turn.content))
    system = peppy_system_prompt(lang) if options.system is SystemPrompt.PEPPY else None
    dropped_closing = len(turns) - end if kept else 0
    return Conversation(system, messages, dropped_opening=start if kept else 0, dropped_closing=dropped_closing)


def messages_of(conv: Conversation) -> list[dict[str, str]]:
    out = [{"role": "system", "content": conv.system}] if conv.system is not None else []
    return out + [{"role": role, "content": text} for role, text in conv.messages]


def sharegpt_of(conv: Conversation) -> dict[str, Any]:
    row: dict[str, Any] = {"conversations": [{"from": _SHAREGPT_ROLE[r], "value": t} for r, t in conv.messages]}
    if conv.system is not None:
        row["system"] = conv.system
    return row


def alpaca_of(conv: Conversation) -> list[dict[str, Any]]:
    pairs = [(conv.messages[i][1], conv.messages[i + 1][1]) for i in range(0, len(conv.messages) - 1, 2)]
    rows = []
    for k, (query, reply) in enumerate(pairs):
        row: dict[str, Any] = {"instruction": query, "input": "", "output": reply}
        if conv.system is not None:
            row["system"] = conv.system
        row["history"] = [list(p) for p in pairs[:k]]
        rows.append(row)
    return rows


def hf_row_of(record: CrispRecord, conv: Conversation) -> dict[str, Any]:
    return {
        "id": record.id,
        "language": record.language.value,
        "seed_id": record.seed.id,
        "category": record.seed.category,
        "messages": messages_of(conv),
    }


def to_messages(record: CrispRecord, options: ExportOptions = ExportOptions()) -> list[dict[str, str]]:
    """The `messages` list of one record."""
    return messages_of(conversation(record, options))


def to_sharegpt(record: CrispRecord, options: ExportOptions = ExportOptions()) -> dict[str, Any]:
    """The sharegpt row of one record."""
    return sharegpt_of(conversation(record, options))


def to_alpaca(record: CrispRecord, options: ExportOptions = ExportOptions()) -> list[dict[str, Any]]:
    """The alpaca rows of one record, one per counsellor turn."""
    return alpaca_of(conversation(record, options))


def dataset_info_entry(fmt: ExportFormat, file_name: str, system: bool) -> dict[str, Any]:
    """The LLaMA-Factory `dataset_info.json` entry for a sharegpt or alpaca export."""
    if fmt is ExportFormat.SHAREGPT:
        columns = {"messages": "conversations", **({"system": "system"} if system else {})}
        return {
            "file_name": file_name,
            "formatting": "sharegpt",
            "columns": columns,
            "tags": {
                "role_tag": "from",
                "content_tag": "value",
                "user_tag": "human",
                "assistant_tag": "gpt",
                "system_tag": "system",
            },
        }
    if fmt is ExportFormat.ALPACA:
        columns = {"prompt": "instruction", "query": "input", "response": "output", "history": "history",
                   **({"system": "system"} if system else {})}
        return {"file_name": file_name, "formatting": "alpaca", "columns": columns}
    raise ValueError(f"no dataset_info entry for {fmt.value}")


# ---------------------------------------------------------------------------
# Reading an export back
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedTurn:
    """A turn read back from an export: its role, its plain text and, for the counsellor, tagged sentences."""

    role: Literal["client", "counsellor"]
    text: str
    sentences: tuple[tuple[Strategy | None, str], ...] = ()


def _parsed(role: str, content: str, lang: Lang | str) -> ParsedTurn:
    if role in ("user", "human"):
        return ParsedTurn("client", content)
    if role in ("assistant", "gpt"):
        sentences = tuple(parse_tagged_reply(content))
        return ParsedTurn("counsellor", join_sentences((s for _, s in sentences), lang), sentences)
    raise InputError(f"unknown role {role!r}; expected user/assistant (messages) or human/gpt (sharegpt)")


def turns_from_messages(messages: Sequence[dict[str, str]], lang: Lang | str) -> tuple[str | None, list[ParsedTurn]]:
    """(system prompt, turns) of a `messages` list; strategy tags in replies are parsed back."""
    system = None
    turns = []
    for message in messages:
        if message["role"] == "system":
            system = message["content"]
        else:
            turns.append(_parsed(message["role"], message["content"], lang))
    return system, turns


def turns_from_sharegpt(row: dict[str, Any], lang: Lang | str) -> tuple[str | None, list[ParsedTurn]]:
    """(system prompt, turns) of a sharegpt row."""
    return row.get("system"), [_parsed(m["from"], m["value"], lang) for m in row["conversations"]]


def exported_turns(record: CrispRecord) -> list[ParsedTurn]:
    """What an export keeps of `record`, as `turns_from_messages` gives it back (for round-trip checks)."""
    conv = conversation(record, ExportOptions(tags=TagStyle.INLINE, system=SystemPrompt.NONE))
    return [_parsed(role, text, record.language) for role, text in conv.messages]


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------


@dataclass
class ExportSummary:
    records: int = 0
    examples: int = 0
    empty_records: int = 0  # records that gave no example
    dropped_opening: int = 0
    dropped_closing: int = 0
    written: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{self.examples:,} examples from {self.records:,} records"
        notes = []
        if self.dropped_closing:
            notes.append(f"{self.dropped_closing:,} closing client turns dropped")
        if self.dropped_opening:
            notes.append(f"{self.dropped_opening:,} opening counsellor turns dropped")
        if self.empty_records:
            notes.append(f"{self.empty_records:,} records gave no example")
        return text + (f" ({'; '.join(notes)})" if notes else "")


def sidecar_path(out: Path, fmt: ExportFormat) -> Path:
    return out / "special_tokens.json" if fmt is ExportFormat.HF else out.with_name(f"{out.stem}.special_tokens.json")


def _conversations(
    paths: Sequence[Path], summary: ExportSummary, options: ExportOptions
) -> Iterator[tuple[CrispRecord, Conversation]]:
    for _, _, record in read_records(paths):
        summary.records += 1
        conv = conversation(record, options)
        summary.dropped_opening += conv.dropped_opening
        summary.dropped_closing += conv.dropped_closing
        if not conv.messages:
            summary.empty_records += 1
            continue
        yield record, conv


def export_records(
    paths: Sequence[Path | str],
    fmt: ExportFormat,
    out: Path,
    options: ExportOptions = ExportOptions(),
    force: bool = False,
) -> ExportSummary:
    """Write the records of `paths` to `out` in `fmt`; all outputs appear together or not at all."""
    paths = [Path(p) for p in paths]
    out = Path(out)
    if any(p.resolve() == out.resolve() for p in paths):
        raise ConfigError(f"--out {out} is an input file; choose another output path")
    special = options.tags is TagStyle.SPECIAL
    refuse_existing([out, sidecar_path(out, fmt)] if special else [out], force)
    info_path = out.parent / DATASET_INFO
    info = None
    if fmt in (ExportFormat.SHAREGPT, ExportFormat.ALPACA):
        info = _dataset_info(info_path, out, fmt, options, force)

    summary = ExportSummary(written=[out])
    rows = _conversations(paths, summary, options)
    with Outputs(force) as outputs:
        if fmt is ExportFormat.HF:
            folder = outputs.directory(out)
            _write_hf(folder, rows, summary)
            if special:
                (folder / sidecar_path(out, fmt).name).write_text(_special_tokens_json(), encoding="utf-8")
        else:
            with outputs.open(out) as f:
                for _, conv in rows:
                    lines = alpaca_of(conv) if fmt is ExportFormat.ALPACA else [
                        {"messages": messages_of(conv)} if fmt is ExportFormat.MESSAGES else sharegpt_of(conv)
                    ]
                    for line in lines:
                        f.write(json.dumps(line, ensure_ascii=False) + "\n")
                    summary.examples += len(lines)
            if special:
                outputs.write_text(sidecar_path(out, fmt), _special_tokens_json())
        if special:
            summary.written.append(sidecar_path(out, fmt))
        if info is not None:
            outputs.write_text(info_path, json.dumps(info, indent=2, ensure_ascii=False) + "\n", replace=True)
            summary.written.append(info_path)
    return summary


def _special_tokens_json() -> str:
    return json.dumps({"additional_special_tokens": special_tokens()}, indent=2) + "\n"


def _dataset_info(
    info_path: Path, out: Path, fmt: ExportFormat, options: ExportOptions, force: bool
) -> dict[str, Any]:
    """The `dataset_info.json` beside `out`, with this export's entry (named after the file) added."""
    info: dict[str, Any] = {}
    if info_path.exists():
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ConfigError(f"{info_path} exists but is not readable JSON ({error}); move it away first") from error
        if not isinstance(info, dict):
            raise ConfigError(f"{info_path} exists but is not a JSON object; move it away first")
    name = out.stem
    if name in info and not force:
        raise ConfigError(f"{info_path} already has an entry {name!r}; pass --force to replace it")
    info[name] = dataset_info_entry(fmt, out.name, system=options.system is SystemPrompt.PEPPY)
    return info


def _write_hf(folder: Path, rows: Iterator[tuple[CrispRecord, Conversation]], summary: ExportSummary) -> None:
    """Stream rows into Parquet, then let `datasets` build the Arrow copy from it."""
    import datasets
    import pyarrow as pa
    import pyarrow.parquet as pq

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    features = datasets.Features({
        "id": datasets.Value("string"),
        "language": datasets.Value("string"),
        "seed_id": datasets.Value("string"),
        "category": datasets.Value("string"),
        # A list literal is a list feature in every datasets version (datasets.List is 4.0+ only).
        "messages": [{"role": datasets.Value("string"), "content": datasets.Value("string")}],
    })
    parquet = folder / HF_PARQUET
    parquet.parent.mkdir(parents=True)
    with pq.ParquetWriter(parquet, features.arrow_schema) as writer:
        batch: list[dict[str, Any]] = []
        for record, conv in rows:
            batch.append(hf_row_of(record, conv))
            summary.examples += 1
            if len(batch) >= _HF_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=features.arrow_schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=features.arrow_schema))
    cache = Path(tempfile.mkdtemp(prefix=".hf-cache.", dir=folder.parent))
    try:
        dataset = datasets.Dataset.from_parquet(str(parquet), features=features, cache_dir=str(cache))
        dataset.save_to_disk(str(folder / HF_ARROW))
        del dataset
    finally:
        shutil.rmtree(cache, ignore_errors=True)


__all__ = [
    "DATASET_INFO",
    "Conversation",
    "ExportFormat",
    "ExportOptions",
    "ExportSummary",
    "ParsedTurn",
    "SystemPrompt",
    "conversation",
    "dataset_info_entry",
    "export_records",
    "exported_turns",
    "messages_of",
    "sidecar_path",
    "to_alpaca",
    "to_messages",
    "to_sharegpt",
    "turns_from_messages",
    "turns_from_sharegpt",
]
