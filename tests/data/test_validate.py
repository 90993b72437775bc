"""`validate_files`: every kind of bad input gets its message with file:line, and the run goes on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fixtures.records import make_record

from crisp.data.files import MAX_LINE_BYTES, MAX_UNDECODABLE_HEAD, Problem
from crisp.data.validate import MAX_PROBLEMS_PER_RECORD, validate_files


def run(*paths: Path) -> tuple[list[str], object]:
    lines: list[str] = []
    summary = validate_files(paths, lambda p: lines.append(str(p)), jobs=1)
    return lines, summary


def line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_valid_files(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text("\n".join(line(make_record(lang, record_id=f"r{i}")) for i, lang in enumerate("en zh en".split()))
                    + "\n", encoding="utf-8")
    lines, summary = run(path)
    assert lines == []
    assert str(summary) == "3 records in 1 file: 3 valid, 0 invalid"
    assert summary.ok


def test_schema_and_structure_problems_with_json_paths(tmp_path: Path) -> None:
    bad_label = make_record(record_id="r1")
    bad_label["turns"][1]["sentences"][0]["strategy"] = "Interrogation"
    two_clients = make_record(record_id="r2")
    two_clients["turns"][1] = {"role": "client", "content": "Me again, still talking.", "substep": "automatic_thought",
                               "loop": 1}
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join([line(make_record(record_id="r0")), line(bad_label), line(two_clients)]) + "\n",
                    encoding="utf-8")
    lines, summary = run(path)
    assert lines[0].startswith(f"{path}:2: turns[1].sentences[0].strategy: unknown label 'Interrogation'")
    assert f"{path}:3: turns[1].role: two client turns in a row" in lines
    assert (summary.records, summary.valid, summary.invalid) == (3, 1, 2)
    assert not summary.ok


def test_malformed_json_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        line(make_record(record_id="r0")) + '\n{"id": "x",,}\n' + line(make_record(record_id="r2")) + "\nnot json\n",
        encoding="utf-8",
    )
    lines, summary = run(path)
    assert lines == [
        f"{path}:2: $: malformed JSON: Expecting property name enclosed in double quotes at column 12",
        f"{path}:4: $: malformed JSON: Expecting value at column 1",
    ]
    assert (summary.records, summary.valid, summary.invalid) == (4, 2, 2)


def test_truncated_last_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    whole = line(make_record(record_id="r1"))
    path.write_text(line(make_record(record_id="r0")) + "\n" + whole[: len(whole) // 2], encoding="utf-8")
    lines, summary = run(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:2: $: truncated last line: malformed JSON (")
    assert "no newline at the end; the file was probably cut off while being written" in lines[0]
    assert (summary.valid, summary.invalid) == (1, 1)


def test_last_line_without_newline_is_fine_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(line(make_record()), encoding="utf-8")
    assert run(path)[0] == []


def test_wrong_encoding_of_a_line_and_of_a_file(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.jsonl"
    record = make_record(record_id="r1")
    record["persona"] = {"description": "café owner"}
    latin.write_bytes(
        (line(make_record(record_id="r0")) + "\n").encode() + (line(record) + "\n").encode("latin-1")
        + (line(make_record(record_id="r2")) + "\n").encode()
    )
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_text(line(make_record()) + "\n", encoding="utf-16")
    lines, summary = run(latin, utf16)
    offset = (line(record) + "\n").encode("latin-1").index(b"\xe9") + 1
    assert lines == [
        f"{latin}:2: $: not UTF-8 (byte 0xe9 at byte {offset} of the line); re-save the file as UTF-8 "
        "(it may be GBK, Latin-1 or another encoding)",
        f"{utf16}: is UTF-16 encoded (byte-order mark); Crisp reads UTF-8 JSONL: convert it first, "
        "e.g. `iconv -f UTF-16 -t UTF-8`",
    ]
    assert (summary.records, summary.valid, summary.invalid, summary.bad_files) == (3, 2, 1, 1)


def test_a_file_in_another_encoding_is_given_up_after_its_first_lines(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes(b"".join((line(make_record("zh", record_id=f"r{i}")) + "\n").encode("gbk") for i in range(50)))
    lines, summary = run(gbk)
    assert len(lines) == MAX_UNDECODABLE_HEAD + 1
    assert all(": $: not UTF-8 (byte 0x" in x for x in lines[:-1])
    assert lines[-1] == (
        f"{gbk}: is not UTF-8 text (its first {MAX_UNDECODABLE_HEAD} lines are not); the rest of it is skipped: "
        "re-save it as UTF-8"
    )
    assert (summary.records, summary.invalid, summary.bad_files) == (MAX_UNDECODABLE_HEAD, MAX_UNDECODABLE_HEAD, 1)


def test_utf8_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line(make_record(record_id="a")).encode() + b"\r\n"
                     + line(make_record(record_id="b")).encode() + b"\r\n")
    lines, summary = run(path)
    assert lines == [] and summary.valid == 2


def test_empty_file_directory_missing_file_and_blank_lines(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n  \n\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    gaps = tmp_path / "gaps.jsonl"
    gaps.write_text("\n" + line(make_record(record_id="a")) + "\n\n   \n" + line(make_record(record_id="b")) + "\n\n",
                    encoding="utf-8")
    lines, summary = run(empty, blank, folder, tmp_path / "missing.jsonl", gaps)
    assert lines == [
        f"{empty}: empty file: no records",
        f"{blank}: no records: the file has only blank lines",
        f"{folder}: is a directory, not a JSONL file; pass the files in it (e.g. DIR/*.jsonl)",
        f"{tmp_path / 'missing.jsonl'}: no such file",
    ]
    assert (summary.records, summary.valid, summary.bad_files) == (2, 2, 4)
    assert str(summary) == "2 records in 5 files: 2 valid, 0 invalid; 4 files without records (see above)"
    assert not summary.ok


def test_a_50_mb_line_is_skipped_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    size = 50 * 1024 * 1024
    with path.open("wb") as f:
        f.write(line(make_record(record_id="a")).encode() + b"\n")
        f.write(b'{"id": "' + b"x" * (size - 10) + b'"}\n')
        f.write(line(make_record(record_id="c")).encode() + b"\n")
    lines, summary = run(path)
    assert lines == [
        f"{path}:2: $: line is {size:,} bytes, over the {MAX_LINE_BYTES:,}-byte limit for one record; skipped"
    ]
    assert (summary.records, summary.valid, summary.invalid) == (3, 2, 1)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(line(make_record(record_id="same")) + "\n", encoding="utf-8")
    b.write_text(line(make_record(record_id="other")) + "\n" + line(make_record(record_id="same")) + "\n",
                 encoding="utf-8")
    lines, summary = run(a, b)
    assert lines == [f"{b}:2: id: duplicate record id 'same' (first at {a}:1)"]
    assert summary.invalid == 1


def test_problems_per_record_are_capped(tmp_path: Path) -> None:
    record = make_record("en", (3, 2, 1))
    for turn in record["turns"]:
        turn["loop"] = "x"
    path = tmp_path / "d.jsonl"
    path.write_text(line(record) + "\n", encoding="utf-8")
    lines, _ = run(path)
    assert len(lines) == MAX_PROBLEMS_PER_RECORD + 1
    assert lines[-1].startswith(f"{path}:1: $: ... and ") and lines[-1].endswith(" more problems in this record")


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    whole = line(make_record(record_id="r1"))
    path.write_bytes(b"\xef\xbb\xbf" + line(make_record()).encode() + b"\r\n\n{bad\n" + whole[:50].encode())
    before = (digest(path), path.stat().st_mtime_ns)
    lines, _ = run(path)
    assert len(lines) == 2
    assert (digest(path), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.jsonl"]


def test_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    records = [make_record("en" if i % 2 else "zh", record_id=f"r{i}") for i in range(30)]
    records[7]["turns"][0]["content"] = ""
    path.write_text("\n".join(map(line, records)) + "\n{oops\n", encoding="utf-8")
    serial: list[Problem] = []
    parallel: list[Problem] = []
    s1 = validate_files([path], serial.append, jobs=1)
    s2 = validate_files([path], parallel.append, jobs=2)
    assert serial == parallel and len(serial) == 2
    assert (s1.records, s1.invalid) == (s2.records, s2.invalid) == (31, 2)

