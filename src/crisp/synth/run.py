"""`run_synthesis`: distil CRDial dialogues from a teacher model into a run folder, resumably.

    seeds -> screening -> jobs (seed x variant) -> engine -> filters -> dialogues.jsonl / filtered.jsonl
                                                     \\-> rejects.jsonl (failures, with the raw model text)

Every job has a content-addressed key: a sha256 over the seed (id and situation), the variant
number and everything that changes what the dialogue says: prompt version and template texts, model
identities, generation and plan settings, granularity, hints, filters and the random seed. A job
whose key is already in the run folder is skipped, so rerunning the same command finishes what is
missing and redoes only what was in flight when the last run stopped (see `crisp.synth.store`).

Jobs run `concurrency` at a time on one event loop. Model calls go through the LLM layer (its
retries, its response cache in `DIR/cache.sqlite`, so a redone dialogue replays the calls that had
already finished). A dialogue that fails is retried `max_attempts` times with a new sampling seed,
then written to the rejects file; a run stops early only when the endpoint itself keeps failing
(`max_consecutive_backend_failures`) or a setting is wrong (a bad key, an unknown model).

Not here: parsing flags (`crisp.synth.commands`), drawing the progress bar (the caller passes
`on_progress`), or deciding what a good dialogue is (`crisp.synth.filters`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from crisp import __version__
from crisp.cr.language import join_sentences
from crisp.cr.plan import CRDialPlan
from crisp.cr.schema import CrispRecord, Resistance, Seed
from crisp.cr.taxonomy import Lang
from crisp.dialogue.client import SimulatedClient, derive_profile
from crisp.dialogue.crdial import CRDialCounsellor, SegmentWriter, run_segment_session
from crisp.dialogue.hints import HintSource
from crisp.dialogue.runner import run_session
from crisp.dialogue.session import Session
from crisp.errors import (
    BackendUnavailableError,
    ConfigError,
    CrispError,
    InputError,
    StructuredOutputError,
)
from crisp.llm.base import ChatModel, GenerationParams
from crisp.manifest import RunStatus
from crisp.prompts import PROMPT_VERSION
from crisp.prompts import template_texts as engine_templates
from crisp.synth import filters
from crisp.synth.config import SynthConfig
from crisp.synth.criteria import criteria_block
from crisp.synth.dedup import DedupIndex, DedupSettings
from crisp.synth.hints import hint_fingerprint, hint_source
from crisp.synth.manifest import (
    KEY_VERSION,
    RunStats,
    build_manifest,
    check_resumable,
    finished_status,
    sha_of,
)
from crisp.synth.pool import ModelPool, model_identity
from crisp.synth.seeds import Screening, load_seeds, screen_seeds, select_seeds
from crisp.synth.store import (
    CACHE,
    DIALOGUES,
    FILTERED,
    REJECTS,
    RunStore,
    SynthManifest,
    record_key,
)

log = logging.getLogger(__name__)

MANIFEST_EVERY_S = 10.0
RAW_TEXT_CHARS = 20_000  # enough of a failed reply to see what went wrong
RESISTANCE_LEVELS: tuple[Resistance, ...] = ("low", "medium", "high")
# Slots of a local llama.cpp model: more parallel sequences than this slow each one down on a CPU.
MAX_LOCAL_PARALLEL = 4


# -- jobs and keys --------------------------------------------------------------------------------


def prompts_fingerprint() -> str:
    """One hash over every template that shapes a dialogue or its judging."""
    return sha_of({
        "prompt_version": PROMPT_VERSION,
        "engine": engine_templates(),
        "criteria": {lang.value: criteria_block(lang) for lang in Lang},
    })


def run_fingerprint(config: SynthConfig) -> dict[str, Any]:
    """What every job key of a run shares: settings that change output, models by identity, templates."""
    settings = config.output_settings()
    settings["models"] = sorted(dict.fromkeys(model_identity(m) for m in config.models))
    settings["judge"] = model_identity(config.judge) if config.judge else None
    settings["hints"] = hint_fingerprint(config.hints)
    return {"v": KEY_VERSION, "settings": settings, "prompts": prompts_fingerprint()}


@dataclass(frozen=True)
class Job:
    seed: Seed
    variant: int
    key: str
    resistance: Resistance

    @property
    def record_id(self) -> str:
        return f"{self.seed.id}-v{self.variant}-{self.key[:10]}"

    def sampling_seed(self, attempt: int) -> int:
        return int(hashlib.sha256(f"{self.key}:{attempt}".encode()).hexdigest()[:8], 16) & 0x7FFFFFFF


def make_jobs(seeds: Sequence[Seed], config: SynthConfig, fingerprint: dict[str, Any]) -> list[Job]:
    base = sha_of(fingerprint)
    jobs = []
    for seed in seeds:
        situation = hashlib.sha256(seed.situation.encode("utf-8")).hexdigest()
        for variant in range(config.per_seed):
            key = sha_of({"run": base, "seed": seed.id, "situation": situation, "language": seed.language.value,
                        "variant": variant})
            if config.resistance == "mixed":
                pick = int(hashlib.sha256(f"{config.random_seed}:{seed.id}:{variant}".encode()).hexdigest(), 16)
                resistance: Resistance = RESISTANCE_LEVELS[pick % len(RESISTANCE_LEVELS)]
            else:
                resistance = config.resistance
            jobs.append(Job(seed, variant, key, resistance))
            if config.limit is not None and len(jobs) >= config.limit:
                return jobs
    return jobs


# -- progress and results -------------------------------------------------------------------------


ProgressCallback = Callable[[RunStats], None]


@dataclass
class RunResult:
    out: str
    manifest: dict[str, Any]
    stats: RunStats


@dataclass
class _Outcome:
    kind: str  # "kept", "dropped", "rejected"
    filter: str = ""
    final: bool = True


def _all_failed_error(synthesis: Synthesis, config: SynthConfig) -> CrispError:
    error = synthesis.backend_error
    if error is not None and synthesis.consecutive_backend_failures >= synthesis.stats.rejected_transient:
        return BackendUnavailableError(
            f"every dialogue failed to reach the model: {' '.join(str(error).split())[:300]}; "
            "rerun the same command once it is reachable"
        )
    return CrispError(f"every dialogue failed; see {config.out}/rejects.jsonl for the reasons, then rerun the same "
                      "command to retry them")


class BackendDown(CrispError):
    """Raised inside the run when an endpoint keeps failing; becomes a BackendUnavailableError."""


# -- the run --------------------------------------------------------------------------------------


class Synthesis:
    """One invocation of a run over a folder. `run_synthesis` builds and runs it."""

    def __init__(self, config: SynthConfig, teacher: ChatModel, judge: ChatModel | None,
                 hints: HintSource | None, store: RunStore, on_progress: ProgressCallback | None) -> None:
        self.config = config
        self.teacher = teacher
        self.judge = judge
        self.hints = hints
        self.store = store
        self.on_progress = on_progress
        self.plan = CRDialPlan(max_channels=config.max_channels, max_loops=config.max_loops)
        self.dedup = DedupIndex(DedupSettings(config.filters.near_duplicate, config.filters.seed_diversity))
        self.stats = RunStats()
        self.consecutive_backend_failures = 0
        self.backend_error: BackendUnavailableError | None = None

    # -- one dialogue -------------------------------------------------------------------------
    def params(self, job: Job, attempt: int) -> GenerationParams:
        c = self.config
        return GenerationParams(max_new_tokens=c.max_new_tokens, temperature=c.temperature, top_p=c.top_p,
                                repetition_penalty=c.repetition_penalty, dry_multiplier=c.dry_multiplier,
                                seed=job.sampling_seed(attempt))

    async def dialogue(self, job: Job, params: GenerationParams) -> CrispRecord:
        c = self.config
        profile = await derive_profile(self.teacher, job.seed, resistance=job.resistance, params=params)
        session = Session(job.seed, persona=profile.persona, plan=self.plan, record_id=job.record_id)
        if c.granularity == "segment":
            writer = SegmentWriter(self.teacher, profile, params=params, hints=self.hints,
                                   max_exchanges=c.segment_max_exchanges)
            record = await run_segment_session(session, writer, max_turns=c.max_turns)
        else:
            counsellor = CRDialCounsellor(self.teacher, params=params, hints=self.hints,
                                          min_turns_per_step=c.min_turns_per_step,
                                          max_turns_per_step=max(c.max_turns_per_step, c.min_turns_per_step))
            client = SimulatedClient(self.teacher, profile, params=params)
            record = await run_session(session, counsellor, client, max_turns=c.max_turns)
        record.provenance.toolkit_version = __version__
        record.provenance.models = {"counsellor": self.teacher.spec, "client": self.teacher.spec}
        if self.judge is not None:
            record.provenance.models["judge"] = self.judge.spec
        record.provenance.prompt_version = PROMPT_VERSION
        record.provenance.granularity = c.granularity
        record.provenance.random_seed = c.random_seed
        record.provenance.generation = {
            "key": job.key, "variant": job.variant, "resistance": job.resistance, "hints": c.hints,
            **params.model_dump(mode="json", exclude_none=True),
        }
        return record

    async def run_job(self, job: Job) -> _Outcome:
        last: Exception | None = None
        record: CrispRecord | None = None
        for attempt in range(1, self.config.max_attempts + 1):
            try:
                record = await self.dialogue(job, self.params(job, attempt))
                break
            except BackendUnavailableError as error:
                return await self.reject(job, error, attempt, final=False)
            except (ConfigError, BackendDown):
                raise  # every other dialogue would fail the same way
            except Exception as error:  # noqa: BLE001 - a bad reply or an engine error fails this dialogue only
                last = error
                log.debug("dialogue %s attempt %d failed: %s", job.record_id, attempt, type(error).__name__)
        if record is None:
            assert last is not None
            return await self.reject(job, last, self.config.max_attempts, final=True)
        self.consecutive_backend_failures = 0
        return await self.judge_and_keep(job, record)

    async def judge_and_keep(self, job: Job, record: CrispRecord) -> _Outcome:
        fs = self.config.filters
        for name, check in (("basic", lambda: filters.basic_reasons(record, fs)),
                            ("safety", lambda: filters.safety_reasons(record))):
            reasons = check()
            if reasons:
                return await self.drop(job, record, name, reasons)
        signature = self.dedup.signature(record)
        duplicate = self.dedup.find(record.seed.id, signature)
        if duplicate is not None:
            return await self.drop(job, record, duplicate.filter, [duplicate.reason()])
        self.dedup.reserve(job.key, record.seed.id, signature)
        if self.judge is not None:
            judge_params = GenerationParams(max_new_tokens=self.config.judge_max_new_tokens, temperature=0.0)
            try:
                record.quality = await filters.judge_record(self.judge, record, judge_params)
            except BackendUnavailableError as error:
                self.dedup.release(job.key)
                return await self.reject(job, error, 1, final=False, stage="judge")
            except ConfigError:
                raise
            except Exception as error:  # noqa: BLE001 - a judge reply that does not parse fails this dialogue only
                self.dedup.release(job.key)
                return await self.reject(job, error, 1, final=True, stage="judge")
            except BaseException:
                self.dedup.release(job.key)
                raise
            reasons = filters.expert_reasons(record.quality, fs)
            if reasons:
                self.dedup.release(job.key)
                return await self.drop(job, record, "expert", reasons)
        await self.store.append(DIALOGUES, record.model_dump_json())
        return _Outcome("kept")

    async def drop(self, job: Job, record: CrispRecord, name: str, reasons: list[str]) -> _Outcome:
        row = {"key": job.key, "seed_id": job.seed.id, "variant": job.variant, "filter": name, "reasons": reasons,
               "record": record.model_dump(mode="json")}
        await self.store.append(FILTERED, row)
        return _Outcome("dropped", filter=name)

    async def reject(self, job: Job, error: Exception, attempts: int, *, final: bool,
                     stage: str = "dialogue") -> _Outcome:
        if isinstance(error, BackendUnavailableError) and stage == "dialogue":
            self.consecutive_backend_failures += 1
            self.backend_error = error
        if isinstance(error, StructuredOutputError):
            where = f"{error.schema}.{error.field}"
            self.stats.schema_failures[where] = self.stats.schema_failures.get(where, 0) + 1
        row = {
            "key": job.key, "seed_id": job.seed.id, "variant": job.variant, "stage": stage,
            "error": type(error).__name__, "reason": " ".join(str(error).split())[:2000],
            "schema": getattr(error, "schema", "") or None, "field": getattr(error, "field", "") or None,
            "raw_text": getattr(error, "raw_text", "")[:RAW_TEXT_CHARS], "attempts": attempts, "final": final,
            "at": datetime.now(UTC).isoformat(),
        }
        await self.store.append(REJECTS, row)
        if self.consecutive_backend_failures >= self.config.max_consecutive_backend_failures:
            raise BackendDown(str(error))
        return _Outcome("rejected", final=final)

    # -- many dialogues -----------------------------------------------------------------------
    async def run_all(self, jobs: list[Job]) -> None:
        queue: asyncio.Queue[Job] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker() -> None:
            while True:
                try:
                    job = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                self.stats.in_flight += 1
                try:
                    outcome = await self.run_job(job)
                finally:
                    self.stats.in_flight -= 1
                self.count(outcome)

        workers = [asyncio.create_task(worker()) for _ in range(min(self.config.concurrency, len(jobs)))]
        try:
            await asyncio.gather(*workers)
        except BaseException:
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise

    def count(self, outcome: _Outcome) -> None:
        s = self.stats
        s.finished += 1
        if outcome.kind == "kept":
            s.kept += 1
        elif outcome.kind == "dropped":
            s.dropped[outcome.filter] = s.dropped.get(outcome.filter, 0) + 1
        elif outcome.final:
            s.rejected += 1
        else:
            s.rejected_transient += 1
        self.update_usage()
        if self.on_progress is not None:
            self.on_progress(s)

    def update_usage(self) -> None:
        usage = self.teacher.usage.total
        if self.judge is not None:
            usage = usage + self.judge.usage.total
        self.stats.usage = usage
        c = self.config
        self.stats.cost = (usage.prompt_tokens * c.cost_per_million_input
                           + usage.completion_tokens * c.cost_per_million_output) / 1e6


# -- entry point ----------------------------------------------------------------------------------


def _load_models(config: SynthConfig, cache: Any) -> tuple[list[ChatModel], ChatModel | None]:
    """The teacher's members (uncached: the pool holds the cache) and the judge (cached)."""
    from crisp.llm.registry import ModelOptions, load_model

    options = ModelOptions(max_concurrency=config.concurrency, timeout_s=config.timeout_s,
                           max_retries=config.max_retries, n_ctx=config.n_ctx,
                           n_parallel=min(config.concurrency, MAX_LOCAL_PARALLEL))
    members = [load_model(spec, options) for spec in config.models]
    judge = load_model(config.judge, options, cache=cache) if config.judge else None
    return members, judge


async def run_synthesis(
    config: SynthConfig,
    *,
    models: Sequence[ChatModel] | None = None,
    judge: ChatModel | None = None,
    on_progress: ProgressCallback | None = None,
) -> RunResult:
    """Run (or resume) the synthesis `config` describes.

    `models` and `judge` replace loading `config.models` / `config.judge` from their specs (tests pass
    test doubles here; the specs still name them in keys and provenance).
    """
    started_at = datetime.now(UTC).isoformat()
    store = RunStore(config.out)
    fingerprint = run_fingerprint(config)
    try:
        store.lock()
    except OSError as error:
        raise InputError(f"cannot use the output folder {config.out}: {error.strerror}") from None
    try:
        return await _run_locked(config, store, fingerprint, started_at, models, judge, on_progress)
    finally:
        store.unlock()


async def _run_locked(config: SynthConfig, store: RunStore, fingerprint: dict[str, Any], started_at: str,
                      models: Sequence[ChatModel] | None, judge: ChatModel | None,
                      on_progress: ProgressCallback | None) -> RunResult:
    previous = store.read_manifest()
    check_resumable(previous, fingerprint, str(config.out))
    before = store.open()
    for note in before.repaired:
        log.warning("%s", note)

    all_seeds = load_seeds(config.seeds)
    selected = select_seeds(all_seeds, langs=config.langs, category=config.category)
    screening = screen_seeds(selected) if config.screen else Screening(kept=list(selected))
    jobs = make_jobs(screening.kept, config, fingerprint)
    done = before.done
    todo = [j for j in jobs if j.key not in done]

    from crisp.llm.cache import ResponseCache

    cache = ResponseCache(store.path(CACHE)) if config.cache else None
    if models is None:
        try:
            members, loaded_judge = await asyncio.to_thread(_load_models, config, cache)
        except BaseException:
            if cache is not None:
                cache.close()
            raise
        judge = judge or loaded_judge
    else:
        members = list(models)
    teacher = ModelPool(members, cache=cache)
    # Hints are shared by every variant of a seed: one fixed sampling seed for them all.
    hint_params = GenerationParams(max_new_tokens=min(config.max_new_tokens, 512), temperature=config.temperature,
                                   top_p=config.top_p, repetition_penalty=config.repetition_penalty,
                                   dry_multiplier=config.dry_multiplier,
                                   seed=config.random_seed)
    hints = hint_source(config.hints, teacher, params=hint_params)

    synthesis = Synthesis(config, teacher, judge, hints, store, on_progress)
    stats = synthesis.stats
    stats.jobs = len(jobs)
    stats.done_before = len(jobs) - len(todo)
    for row in before.kept:
        key = record_key(row)
        if key:
            synthesis.dedup.add(key, str((row.get("seed") or {}).get("id", "")),
                                synthesis.dedup.hasher.signature(_counsellor_shingles(row)))

    def manifest(status: RunStatus) -> SynthManifest:
        return build_manifest(config, fingerprint, screening, len(all_seeds), len(selected), before, stats, status,
                              started_at, previous, teacher)

    async def checkpoint() -> None:
        while True:
            await asyncio.sleep(MANIFEST_EVERY_S)
            synthesis.update_usage()
            await asyncio.to_thread(store.write_manifest, manifest(RunStatus.RUNNING))

    store.write_manifest(manifest(RunStatus.RUNNING))
    if on_progress is not None:
        on_progress(stats)
    ticker = asyncio.create_task(checkpoint())
    status = RunStatus.INTERRUPTED
    try:
        await synthesis.run_all(todo)
        status = finished_status(stats)
        if status is RunStatus.FAILED:
            raise _all_failed_error(synthesis, config)
    except BackendDown:
        status = RunStatus.FAILED
        raise BackendUnavailableError(
            f"stopped after {config.max_consecutive_backend_failures} dialogues in a row failed to reach the model "
            f"({' '.join(str(synthesis.backend_error).split())[:300]}); finished dialogues are kept, rerun the same "
            "command to resume"
        ) from None
    except CrispError:
        status = RunStatus.FAILED
        raise
    finally:
        ticker.cancel()
        synthesis.update_usage()
        final = manifest(status)
        store.write_manifest(final)
        if cache is not None:
            cache.close()
        if models is None:
            await teacher.aclose()
            if judge is not None:
                await judge.aclose()
    return RunResult(out=str(config.out), manifest=final.model_dump(mode="json"), stats=stats)


def _counsellor_shingles(row: dict[str, Any]) -> set[str]:
    """The dedup shingles of a stored record, read from its JSON without validating it again."""
    from crisp.synth.dedup import shingles

    lang = str(row.get("language") or "en")
    texts = [join_sentences((str(s.get("text", "")).strip() for s in t.get("sentences") or ()), lang)
             for t in row.get("turns") or () if t.get("role") == "counsellor"]
    return shingles("\n".join(texts))
