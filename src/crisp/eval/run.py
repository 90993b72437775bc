"""The run folder every `crisp eval` subcommand writes, and the loop that fills it.

    OUT/
      manifest.json   the run manifest: status, config, versions, counts, usage and cost per model
      rows.jsonl      one finished item per line, keyed; append-only (the resume point)
      failures.jsonl  items whose calls failed after their retries, with the reason (retried on resume)
      cache.sqlite    the response cache: a re-run pays for no call twice
      report.json     the figures (keys documented in README.md, "crisp eval")
      report.md       the same, as tables
      *.png           plots

Resume: the same command on the same folder skips the keys already in rows.jsonl and
answers the calls it already made from the cache, so a kill -9 costs only the calls in
flight. A row cut short by the kill is dropped when the folder is reopened; a key is
counted once however often it was written. The folder refuses a different config
(`fingerprint`), so two runs never mix.

Not here: what an item is or how it is scored (the subcommand modules), plots and tables
(`crisp.eval.report`).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import platform
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from crisp import __version__
from crisp.errors import BackendUnavailableError, ConfigError, CrispError, InputError
from crisp.llm.base import GenerationParams
from crisp.manifest import RunManifest as SharedRunManifest
from crisp.manifest import RunStatus

if TYPE_CHECKING:
    from crisp.llm.base import ChatModel
    from crisp.llm.cache import ResponseCache

MANIFEST_VERSION = 1
# Attempts at one item before it is written to failures.jsonl (each attempt may itself repair once).
ITEM_ATTEMPTS = 2
RETRY_TEMPERATURE = 0.7
RUN_SIZE_KEYS = frozenset({"limit"})


class EvalRunFailed(CrispError):
    """Every item of a run failed: nothing to report."""

    exit_code = 6


class ModelUsage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0  # calls paid for in this folder (cache hits are not calls)
    cost_usd: float | None = None  # None: no --price given for this model
    roles: list[str] = Field(default_factory=list)


class RunCounts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: int = 0  # items this run covers (after --limit)
    done: int = 0  # finished rows in the folder
    failed: int = 0  # items whose calls failed after their retries (in failures.jsonl)
    done_before: int = 0  # rows that were already there when this invocation started
    cache_hits: int = 0  # calls answered from the cache in this invocation


class RunManifest(SharedRunManifest):
    """The shared run manifest (`crisp.manifest`), with the sections an eval run types: its command and
    fingerprint, item counts, usage per model, warnings."""

    command: str
    status: RunStatus
    fingerprint: str
    counts: RunCounts = Field(default_factory=RunCounts)  # type: ignore[assignment]
    usage: dict[str, ModelUsage] = Field(default_factory=dict)  # type: ignore[assignment]
    warnings: list[str] = Field(default_factory=list)
    started_at: str
    finished_at: str | None = None
    invocations: int = 1  # type: ignore[assignment]  # how many commands worked on this folder


def versions() -> dict[str, str]:
    from crisp.cr.schema import SCHEMA_VERSION
    from crisp.prompts import PROMPT_VERSION

    return {"toolkit": __version__, "prompt_version": PROMPT_VERSION, "schema_version": SCHEMA_VERSION,
            "python": platform.python_version()}


def fingerprint(command: str, config: Mapping[str, Any]) -> str:
    """What makes two runs the same run: the command, every setting that changes output, the prompt texts."""
    from crisp.prompts import template_texts

    prompts = hashlib.sha256(json.dumps(template_texts(), sort_keys=True).encode("utf-8")).hexdigest()
    payload = json.dumps({"command": command, "config": config, "prompts": prompts}, sort_keys=True,
                         ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read_jsonl_tolerant(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL file; a last line cut short by a kill is dropped and cut from the file."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    rows: list[dict[str, Any]] = []
    good_end = 0
    position = 0
    for line in raw.splitlines(keepends=True):
        position += len(line)
        if not line.endswith(b"\n"):
            break  # an unfinished write: drop it
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            break
        good_end = position
    if good_end != len(raw):
        with open(path, "r+b") as handle:
            handle.truncate(good_end)
    return rows


class RunFolder:
    """One run folder: manifest, rows, failures and cache. See the module docstring."""

    def __init__(self, out: str | os.PathLike[str], command: str, config: Mapping[str, Any]) -> None:
        self.path = Path(out)
        if self.path.exists() and not self.path.is_dir():
            raise ConfigError(f"--out {self.path} is a file; name a folder for the run")
        self.path.mkdir(parents=True, exist_ok=True)
        self.command = command
        self.config = dict(config)
        # --limit only chooses how many items to do: a larger limit on the same folder goes on from the smaller one.
        self.fingerprint = fingerprint(command, {k: v for k, v in self.config.items() if k not in RUN_SIZE_KEYS})
        previous = self._previous_manifest()
        if previous is not None and previous.fingerprint != self.fingerprint:
            raise ConfigError(
                f"{self.path} holds a '{previous.command}' run with other settings; run the same command to "
                "resume it, or choose a new --out folder"
            )
        self.manifest = RunManifest(
            command=command, status=RunStatus.RUNNING, fingerprint=self.fingerprint, config=self.config,
            versions=versions(), started_at=previous.started_at if previous else _now(),
            invocations=(previous.invocations + 1) if previous else 1,
        )
        self.previous_usage: dict[str, ModelUsage] = dict(previous.usage) if previous else {}
        self._rows: dict[str, dict[str, Any]] = {}
        for row in _read_jsonl_tolerant(self.rows_path):
            self._rows[str(row["key"])] = row  # a key written twice counts once
        self.failures: dict[str, str] = {str(r["key"]): str(r.get("error", "")) for r in
                                         _read_jsonl_tolerant(self.failures_path)}
        for key in self._rows:
            self.failures.pop(key, None)
        self.manifest.counts.done_before = len(self._rows)
        self._cache: ResponseCache | None = None
        self._lock = asyncio.Lock()

    # -- files -----------------------------------------------------------------------------
    @property
    def rows_path(self) -> Path:
        return self.path / "rows.jsonl"

    @property
    def failures_path(self) -> Path:
        return self.path / "failures.jsonl"

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def _previous_manifest(self) -> RunManifest | None:
        if not self.manifest_path.exists():
            return None
        try:
            return RunManifest.model_validate_json(self.manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            raise InputError(f"{self.manifest_path} is not a crisp eval manifest; choose a new --out folder") from None

    @property
    def cache(self) -> ResponseCache:
        if self._cache is None:
            from crisp.llm.cache import ResponseCache

            self._cache = ResponseCache(self.path / "cache.sqlite")
        return self._cache

    # -- rows --------------------------------------------------------------------------------
    def done(self, key: str) -> bool:
        return key in self._rows

    def row(self, key: str) -> dict[str, Any] | None:
        return self._rows.get(key)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows.values())

    async def add_row(self, row: dict[str, Any]) -> None:
        async with self._lock:
            key = str(row["key"])
            with open(self.rows_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            self._rows[key] = row
            self.failures.pop(key, None)

    async def add_failure(self, key: str, error: BaseException) -> None:
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:500]
        async with self._lock:
            with open(self.failures_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"key": key, "error": reason}, ensure_ascii=False) + "\n")
            self.failures[key] = reason

    # -- manifest ----------------------------------------------------------------------------
    def write_manifest(self) -> None:
        self.manifest.counts.done = len(self._rows)
        self.manifest.counts.failed = len(self.failures)
        if self._cache is not None:
            self.manifest.counts.cache_hits = self._cache.stats().hits
        _write_atomic(self.manifest_path, self.manifest.model_dump_json(indent=2) + "\n")

    def record_usage(self, models: ModelSet) -> None:
        """Usage of this invocation added to what earlier invocations of the folder paid."""
        for spec, model in models.loaded.items():
            now = model.usage.total
            before = self.previous_usage.get(spec) or ModelUsage()
            prompt, completion = before.prompt_tokens + now.prompt_tokens, before.completion_tokens + now.completion_tokens
            price = models.prices.get(spec)
            cost = None if price is None else (prompt * price[0] + completion * price[1]) / 1e6
            self.manifest.usage[spec] = ModelUsage(
                prompt_tokens=prompt, completion_tokens=completion, calls=before.calls + now.calls,
                cost_usd=cost, roles=sorted(models.roles.get(spec, set()) | set(before.roles)),
            )

    def write_report(self, report: Mapping[str, Any], markdown: str) -> None:
        _write_atomic(self.path / "report.json", json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n")
        _write_atomic(self.path / "report.md", markdown.rstrip() + "\n")

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@dataclass
class ModelSet:
    """The models of a run, each loaded once by spec (with the folder's cache), and what role each plays."""

    cache: ResponseCache | None = None
    injected: Mapping[str, ChatModel] = field(default_factory=dict)  # tests: spec -> a ready model
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)  # spec -> USD per million in/out
    concurrency: int = 8
    loaded: dict[str, ChatModel] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)

    def get(self, spec: str, role: str) -> ChatModel:
        self.roles.setdefault(spec, set()).add(role)
        if spec not in self.loaded:
            if spec in self.injected:
                model = self.injected[spec]
                if self.cache is not None and model.cache is None:
                    model.cache = self.cache
            else:
                from crisp.llm.registry import load_model

                model = load_model(spec, cache=self.cache, max_concurrency=self.concurrency,
                                   n_parallel=min(self.concurrency, 8))
            self.loaded[spec] = model
        return self.loaded[spec]

    async def aclose(self) -> None:
        for spec, model in self.loaded.items():
            if spec not in self.injected:
                await model.aclose()


def self_preference_warnings(judges: Sequence[str], under_test: Sequence[str]) -> list[str]:
    return [f"judge {spec!r} is also a model under test: LLM judges tend to prefer their own replies "
            "(self-preference); add a different judge" for spec in judges if spec in set(under_test)]


def parse_prices(values: Sequence[str]) -> dict[str, tuple[float, float]]:
    """`SPEC=IN,OUT` (USD per million input and output tokens) -> {spec: (in, out)}."""
    prices: dict[str, tuple[float, float]] = {}
    for value in values:
        spec, sep, pair = value.rpartition("=")
        try:
            if not sep or not spec:
                raise ValueError
            a, b = (float(x) for x in pair.split(","))
        except ValueError:
            raise ConfigError(f"--price {value!r} is not SPEC=IN,OUT (USD per million tokens), "
                              "e.g. --price openai:gpt-4o=2.5,10") from None
        prices[spec] = (a, b)
    return prices


def retry_params(base: GenerationParams, attempt: int) -> GenerationParams:
    """The first attempt as configured; a retry samples (a greedy retry would repeat the same reply,
    and the cache would answer it)."""
    if attempt == 0:
        return base
    return base.model_copy(update={"temperature": RETRY_TEMPERATURE, "seed": (base.seed or 0) + 1000 * attempt})


Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class WorkItem:
    key: str
    payload: Any


async def run_items(
    folder: RunFolder,
    items: Sequence[WorkItem],
    work: Callable[[WorkItem, int], Awaitable[dict[str, Any]]],
    *,
    concurrency: int = 8,
    progress: Progress | None = None,
    checkpoint: Callable[[], None] | None = None,
) -> None:
    """Run `work(item, attempt)` on every item whose key has no row yet, `concurrency` at a time.

    A model error (schema broken after its repair, backend down after its retries) is retried
    once more (`attempt` 1: the work should sample differently, or the cache answers the same), then the item goes to failures.jsonl: counted, never dropped silently. Any other
    exception is a bug and stops the run (the rows so far are kept).
    """
    from crisp.errors import StructuredOutputError

    folder.manifest.counts.items = len(items)
    todo = [item for item in items if not folder.done(item.key)]
    finished = len(items) - len(todo)
    if progress:
        progress(finished, len(items))
    queue: asyncio.Queue[WorkItem] = asyncio.Queue()
    for item in todo:
        queue.put_nowait(item)

    async def worker() -> None:
        nonlocal finished
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            last: BaseException | None = None
            for attempt in range(ITEM_ATTEMPTS):
                try:
                    row = await work(item, attempt)
                    break
                except (StructuredOutputError, BackendUnavailableError, TimeoutError, ConnectionError) as error:
                    last = error
            else:
                assert last is not None
                await folder.add_failure(item.key, last)
                row = None
            if row is not None:
                await folder.add_row({"key": item.key, **row})
            finished += 1
            if progress:
                progress(finished, len(items))
            if checkpoint:
                checkpoint()

    await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(todo) or 1)))))


def finish(folder: RunFolder, models: ModelSet, keys: Sequence[str]) -> None:
    """Set the status from the rows: complete, incomplete (some failed; the same command retries them), or
    failed (every item failed:
    raises `EvalRunFailed`, so the CLI exits non-zero)."""
    folder.record_usage(models)
    done = sum(1 for k in keys if folder.done(k))
    failed = [k for k in keys if k in folder.failures]
    folder.manifest.status = (RunStatus.COMPLETE if done == len(keys)
                              else RunStatus.FAILED if done == 0 else RunStatus.INCOMPLETE)
    folder.manifest.finished_at = _now()
    folder.write_manifest()
    if done == 0 and keys:
        first = folder.failures.get(failed[0], "") if failed else "no item finished"
        raise EvalRunFailed(f"every item of the run failed ({len(failed)} of {len(keys)}); first error: {first}; "
                            f"see {folder.failures_path}")


class ProgressBar:
    """A rich progress bar on stderr (items done, rate, time left)."""

    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(stderr=True), transient=False)
        self.task = self.progress.add_task(label, total=None)
        self.progress.start()

    def update(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        self.progress.stop()


__all__ = [
    "EvalRunFailed",
    "ModelSet",
    "ModelUsage",
    "ProgressBar",
    "RunCounts",
    "RunFolder",
    "RunManifest",
    "WorkItem",
    "fingerprint",
    "finish",
    "parse_prices",
    "retry_params",
    "run_items",
    "self_preference_warnings",
    "versions",
]
