"""Lines of a JSONL file as Crisp records: parse fast, explain failures precisely.

`parse_line` is the fast path (pydantic's JSON parser straight from the bytes).
When it fails, `line_problems` works out what is wrong: malformed JSON (or a last
line cut off while being written), or the schema and structural violations that
`crisp.cr.checks.validate_record` reports. The checks themselves live there.

`read_records` is for commands that need every line to be a record (split,
export, card): the first line that is not one stops the job with an `InputError`
that names the file, the line and the fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import ValidationError

from crisp.cr.checks import check_record, validate_record
from crisp.cr.schema import CrispRecord
from crisp.data.files import Line, Problem, iter_lines
from crisp.errors import InputError


def parse_line(data: bytes) -> CrispRecord | None:
    """The record on a line, or None when the line is not a schema-valid record."""
    try:
        return CrispRecord.model_validate_json(data)
    except ValidationError:
        return None


def json_problem(line: Line) -> str | None:
    """What is wrong with the JSON of `line`, or None when it is well-formed JSON."""
    try:
        json.loads(line.data)
    except json.JSONDecodeError as error:
        if line.unterminated:
            return (
                f"truncated last line: malformed JSON ({error.msg} at column {error.colno}) and no newline at "
                "the end; the file was probably cut off while being written"
            )
        return f"malformed JSON: {error.msg} at column {error.colno}"
    return None


def line_problems(file: str, line: Line, structure: bool = True) -> tuple[CrispRecord | None, list[Problem]]:
    """The record on `line` (if it has the right shape) and every problem found in it.

    `structure=False` stops after the schema (what split and export need).
    """
    record = parse_line(line.data)
    if record is not None:
        found = check_record(record) if structure else []
        return record, [Problem(file, line.number, v.path, v.message) for v in found]
    message = json_problem(line)
    if message is not None:
        return None, [Problem(file, line.number, "$", message)]
    record, violations = validate_record(json.loads(line.data))
    if not structure:
        violations = [v for v in violations if v.code.startswith("schema.")]
    return record, [Problem(file, line.number, v.path, v.message) for v in violations]


def read_records(paths: Iterable[Path | str]) -> Iterator[tuple[str, Line, CrispRecord]]:
    """(file, line, record) for every line of every file, stopping at the first that is not a record."""
    for path in paths:
        name = str(path)
        for item in iter_lines(path):
            if isinstance(item, Problem):
                raise _not_a_record(item)
            record = parse_line(item.data)
            if record is None:
                record, found = line_problems(name, item, structure=False)
                if found or record is None:
                    raise _not_a_record(found[0], more=len(found) - 1)
            yield name, item, record


def _not_a_record(problem: Problem, more: int = 0) -> InputError:
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return InputError(f"{problem}{extra}; run `crisp data validate {problem.file}` to see every problem")


__all__ = ["json_problem", "line_problems", "parse_line", "read_records"]
