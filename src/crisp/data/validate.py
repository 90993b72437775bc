"""`crisp data validate`: schema and structural checks over every record of JSONL files.

Each problem is reported as ``file:line: json.path: what is wrong`` (a problem
with a whole file as ``file: what is wrong``), in file and line order, and the
run goes on to the next line and the next file whatever it meets. A record is
invalid when it has any problem; a line that cannot be a record (malformed or
truncated JSON, not UTF-8, over the size limit) counts as an invalid record. Two
records with the same `id` make the second one invalid: splits and exports key
on it. Files that give no records at all (missing, a folder, empty, UTF-16,
compressed) are counted apart. Blank lines are skipped silently. The run passes
(`ValidationSummary.ok`) when there are records, all valid, and no such file.

Not checked here: anything about a record on its own (that is `crisp.cr.checks`,
never duplicated here), or the quality of the text.

This module streams lines to those checks (over worker processes for large
inputs) and keeps the tally. Files are only read, never written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crisp.data.files import Line, Problem, batched_lines, iter_lines
from crisp.data.records import line_problems
from crisp.data.workers import default_jobs, map_ordered

# A badly broken record can break every turn; past this many, one line says how many more.
MAX_PROBLEMS_PER_RECORD = 20


@dataclass
class ValidationSummary:
    files: int = 0
    bad_files: int = 0
    records: int = 0
    valid: int = 0
    invalid: int = 0

    @property
    def ok(self) -> bool:
        return self.invalid == 0 and self.bad_files == 0 and self.records > 0

    def __str__(self) -> str:
        text = (
            f"{self.records:,} record{'s' if self.records != 1 else ''} in {self.files} "
            f"file{'s' if self.files != 1 else ''}: {self.valid:,} valid, {self.invalid:,} invalid"
        )
        if self.bad_files:
            text += f"; {self.bad_files} file{'s' if self.bad_files != 1 else ''} without records (see above)"
        return text


@dataclass(frozen=True, slots=True)
class _Checked:
    line: int | None  # None: a problem with the whole file
    problems: list[Problem]
    record_id: str | None


def _check_batch(job: tuple[str, list[Line | Problem]]) -> tuple[str, list[_Checked]]:
    file, items = job
    out = []
    for item in items:
        if isinstance(item, Problem):
            out.append(_Checked(item.line, [item], None))
            continue
        record, problems = line_problems(file, item)
        out.append(_Checked(item.number, problems, record.id if record is not None else None))
    return file, out


def _jobs_for(paths: list[Path]) -> Iterator[tuple[str, list[Line | Problem]]]:
    for path in paths:
        for batch in batched_lines(iter_lines(path)):
            yield str(path), batch


def validate_files(
    paths: Iterable[Path | str],
    report: Callable[[Problem], None],
    jobs: int | None = None,
) -> ValidationSummary:
    """Check every record of `paths`, calling `report` for each problem in order; return the tally."""
    paths = [Path(p) for p in paths]
    jobs = default_jobs(paths) if jobs is None else jobs
    summary = ValidationSummary(files=len(paths))
    first_seen: dict[str, str] = {}
    for file, results in map_ordered(_check_batch, _jobs_for(paths), jobs):
        for checked in results:
            if checked.line is None:
                summary.bad_files += 1
                for problem in checked.problems:
                    report(problem)
                continue
            problems = list(checked.problems)
            if checked.record_id is not None:
                where = f"{file}:{checked.line}"
                first = first_seen.setdefault(checked.record_id, where)
                if first != where:
                    message = f"duplicate record id {checked.record_id!r} (first at {first})"
                    problems.append(Problem(file, checked.line, "id", message))
            summary.records += 1
            if problems:
                summary.invalid += 1
                for problem in problems[:MAX_PROBLEMS_PER_RECORD]:
                    report(problem)
                if len(problems) > MAX_PROBLEMS_PER_RECORD:
                    more = len(problems) - MAX_PROBLEMS_PER_RECORD
                    report(Problem(file, checked.line, "$", f"... and {more} more problems in this record"))
            else:
                summary.valid += 1
    return summary


__all__ = ["MAX_PROBLEMS_PER_RECORD", "ValidationSummary", "validate_files"]
