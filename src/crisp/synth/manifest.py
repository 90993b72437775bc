"""The figures of a synthesis run as it goes (`RunStats`) and the manifest it writes (`SynthManifest`,
the shared run manifest with what resuming needs): counts, usage, timing, every invocation, and the
run's status, decided once here (`finished_status`)."""

from __future__ import annotations

import hashlib
import json
import platform
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from crisp import __version__
from crisp.cr.schema import SCHEMA_VERSION
from crisp.errors import ConfigError
from crisp.llm.base import ChatModel, Usage
from crisp.manifest import RunStatus
from crisp.prompts import PROMPT_VERSION
from crisp.synth import filters
from crisp.synth.config import SynthConfig
from crisp.synth.pool import ModelPool
from crisp.synth.seeds import Screening
from crisp.synth.store import StoreContents, SynthManifest

KEY_VERSION = 1


def sha_of(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class RunStats:
    """Live figures of a run; `on_progress` gets this object after every finished dialogue."""

    jobs: int = 0  # planned, including those done before
    done_before: int = 0
    finished: int = 0  # this invocation: kept + dropped + rejected
    kept: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    rejected_transient: int = 0
    schema_failures: dict[str, int] = field(default_factory=dict)  # "Schema.field" -> replies that broke it
    in_flight: int = 0
    usage: Usage = field(default_factory=Usage)
    cost: float = 0.0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.started

    @property
    def remaining(self) -> int:
        """Jobs not done: never attempted, or failed for a reason that clears up (they run again)."""
        return self.jobs - self.done_before - self.finished + self.rejected_transient

    @property
    def per_minute(self) -> float:
        return 60.0 * self.finished / self.elapsed_s if self.elapsed_s > 0 else 0.0


def summed(counters: Any) -> dict[str, int]:
    total: dict[str, int] = {}
    for counter in counters:
        for key, n in counter.items():
            total[key] = total.get(key, 0) + int(n)
    return dict(sorted(total.items()))


def finished_status(stats: RunStats) -> RunStatus:
    """The status of a run whose jobs all ran: failed when none succeeded, complete only when none remains."""
    succeeded = stats.kept + sum(stats.dropped.values())
    if stats.finished and not succeeded:
        return RunStatus.FAILED  # every job this time failed: nothing was made
    return RunStatus.COMPLETE if stats.remaining == 0 else RunStatus.INCOMPLETE


def _file_counts(contents: StoreContents) -> dict[str, Any]:
    dropped: dict[str, int] = {}
    for name in contents.filtered.values():
        dropped[name] = dropped.get(name, 0) + 1
    return {"kept": len(contents.kept), "dropped": dropped, "rejected": len(contents.rejects_final),
            "rejected_transient": contents.rejects_transient}


def build_manifest(config: SynthConfig, fingerprint: dict[str, Any], screening: Screening, seeds_total: int,
                   seeds_selected: int, before: StoreContents, stats: RunStats, status: RunStatus, started_at: str,
                   previous: SynthManifest | None, teacher: ChatModel | None) -> SynthManifest:
    earlier = _file_counts(before)
    dropped = dict(earlier["dropped"])
    for name, n in stats.dropped.items():
        dropped[name] = dropped.get(name, 0) + n
    kept = earlier["kept"] + stats.kept
    rejected = earlier["rejected"] + stats.rejected
    invocation = {
        "started_at": started_at, "finished_at": datetime.now(UTC).isoformat(), "status": status,
        "elapsed_s": round(stats.elapsed_s, 3), "jobs_to_do": stats.jobs - stats.done_before,
        "attempted": stats.finished, "kept": stats.kept, "dropped": dict(stats.dropped), "rejected": stats.rejected,
        "rejected_transient": stats.rejected_transient, "schema_failures": dict(stats.schema_failures),
        "dialogues_per_minute": round(stats.per_minute, 3),
        "usage": stats.usage.model_dump(), "cost": round(stats.cost, 6),
    }
    if isinstance(teacher, ModelPool) and len(teacher.members) > 1:
        invocation["endpoints"] = [{"spec": s, "calls": n, "failures": f}
                                   for s, n, f in zip(teacher.member_specs, teacher.served, teacher.failures)]
    invocations = [*(previous.invocations if previous is not None else []), invocation]
    total_usage = Usage()
    for inv in invocations:
        total_usage = total_usage + Usage.model_validate(inv.get("usage") or {})
    return SynthManifest(
        status=status,
        config=config.model_dump(mode="json"),
        fingerprint=sha_of(fingerprint),
        output_settings=fingerprint["settings"],
        versions={"toolkit": __version__, "prompt_version": PROMPT_VERSION,
                     "schema_version": SCHEMA_VERSION, "key_version": KEY_VERSION,
                     "python": platform.python_version()},
        counts={
            "seeds": seeds_total,
            "seeds_selected": seeds_selected,
            "seeds_screened_out": len(screening.excluded),
            "screened_out_by_level": screening.by_level,
            "seeds_used": len(screening.kept),
            "jobs": stats.jobs,
            "attempted": kept + rejected + sum(dropped.values()),
            "kept": kept,
            "dropped": {name: dropped.get(name, 0) for name in filters.FILTER_NAMES},
            "rejected": rejected,
            "failed_transiently": earlier["rejected_transient"] + stats.rejected_transient,
            # Which schema and field broke, over every invocation of the run.
            "schema_failures": summed(inv.get("schema_failures") or {} for inv in invocations),
            "remaining": stats.remaining,
        },
        usage={**total_usage.model_dump(), "cost": round(sum(float(i.get("cost", 0)) for i in invocations), 6),
                  "cost_per_million_input": config.cost_per_million_input,
                  "cost_per_million_output": config.cost_per_million_output},
        timing={"first_started_at": invocations[0]["started_at"], "last_finished_at": invocation["finished_at"],
                "elapsed_s": round(sum(float(i.get("elapsed_s", 0)) for i in invocations), 3)},
        invocations=invocations,
    )


def check_resumable(previous: SynthManifest | None, fingerprint: dict[str, Any], out: str) -> None:
    """Refuse to mix runs: a folder holds the output of one set of output settings."""
    if previous is None or not previous.output_settings:
        return
    if previous.fingerprint == sha_of(fingerprint):
        return
    before, now = previous.output_settings, fingerprint["settings"]
    changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
    what = ", ".join(changed) if changed else "the prompt templates"
    raise ConfigError(
        f"{out} holds a run made with other settings ({what} differ); use the same settings to resume it, "
        "or a new --out folder"
    )
