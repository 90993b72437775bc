"""Spreading batches of lines over worker processes, keeping their order.

`map_ordered` runs `fn` on each batch, in worker processes when `jobs > 1`, with
at most a few batches in flight so a large file is never read ahead into memory.
Results come back in the order of the batches, so reports are deterministic.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_JOBS = 8
# Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 16 * 1024 * 1024


def default_jobs(paths: Iterable[Path]) -> int:
    from crisp.data.files import total_size

    if total_size(paths) < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def map_ordered(fn: Callable[[T], R], items: Iterable[T], jobs: int = 1) -> Iterator[R]:
    """`map(fn, items)` over `jobs` processes (`fn` must be a module-level function)."""
    if jobs <= 1:
        yield from map(fn, items)
        return
    window = 2 * jobs
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


__all__ = ["MAX_JOBS", "default_jobs", "map_ordered"]
