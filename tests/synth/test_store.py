"""The run folder: appends, torn-tail repair, refusing corrupt files, the atomic manifest."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from pathlib import Path

import pytest

from crisp.errors import InputError
from crisp.synth.store import SynthManifest, DIALOGUES, FILTERED, MANIFEST, REJECTS, RunStore, repair_tail


def _kept(key: str) -> str:
    return json.dumps({"id": key, "provenance": {"generation": {"key": key}}})


def test_appends_are_whole_lines_readable_back(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "run")
    store.open()

    async def write() -> None:
        await asyncio.gather(*(store.append(DIALOGUES, _kept(f"k{i}")) for i in range(50)))
        await store.append(FILTERED, {"key": "f1", "filter": "basic", "reasons": ["x"]})
        await store.append(REJECTS, {"key": "r1", "final": True})
        await store.append(REJECTS, {"key": "r2", "final": False})

    asyncio.run(write())
    contents = RunStore(tmp_path / "run").open()
    assert len(contents.kept) == 50
    assert contents.done == {f"k{i}" for i in range(50)} | {"f1", "r1"}  # r2 failed transiently: not done
    assert contents.rejects_transient == 1
    mode = stat.S_IMODE(os.stat(tmp_path / "run" / DIALOGUES).st_mode)
    assert mode == 0o600


def test_a_torn_last_line_is_cut_off_on_open(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.append_now(DIALOGUES, _kept("a"))
    store.append_now(DIALOGUES, _kept("b"))
    with (tmp_path / DIALOGUES).open("ab") as handle:
        handle.write(_kept("c")[:25].encode())  # a crash in the middle of a line
    contents = store.open()
    assert [r["id"] for r in contents.kept] == ["a", "b"]
    assert contents.repaired and "dropped a torn last line" in contents.repaired[0]
    assert (tmp_path / DIALOGUES).read_text().endswith("}\n")
    assert store.open().repaired == []  # nothing left to repair


def test_a_complete_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    (tmp_path / DIALOGUES).write_text(_kept("a") + "\n" + _kept("b"))
    note = repair_tail(tmp_path / DIALOGUES)
    assert note is not None and "newline" in note
    assert [r["id"] for r in RunStore(tmp_path).open().kept] == ["a", "b"]


def test_a_bad_line_in_the_middle_stops_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / DIALOGUES).write_text(_kept("a") + "\n{oops\n" + _kept("b") + "\n")
    with pytest.raises(InputError, match=r"dialogues.jsonl:2: not a valid JSON line"):
        RunStore(tmp_path).open()
    assert (tmp_path / DIALOGUES).read_text().count("\n") == 3  # nothing was "repaired" away


def test_manifest_is_replaced_atomically(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    store.write_manifest(SynthManifest(status="running", counts={"n": 1}))
    store.write_manifest(SynthManifest(status="complete", counts={"n": 2}, fingerprint="abc"))
    again = store.read_manifest()
    assert again is not None and (again.status, again.counts, again.fingerprint) == ("complete", {"n": 2}, "abc")
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST]  # no temporary files left
    assert (tmp_path / MANIFEST).stat().st_mode & 0o777 == 0o600
    (tmp_path / MANIFEST).write_text("{broken")
    with pytest.raises(InputError, match="manifest.json: not a readable JSON manifest"):
        store.read_manifest()


def test_unwritable_output_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="cannot create the output folder"):
        RunStore(tmp_path / "file" / "run").open()
