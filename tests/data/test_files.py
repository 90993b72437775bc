"""Outputs appear whole or not at all, and existing paths are refused unless forced."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisp.data.files import Line, Outputs, iter_lines, read_line_at, refuse_existing
from crisp.errors import ConfigError


def test_outputs_commit_together(tmp_path: Path) -> None:
    with Outputs() as out:
        with out.open(tmp_path / "a.txt") as f:
            f.write("a\n")
        out.write_text(tmp_path / "sub" / "b.txt", "b")
        folder = out.directory(tmp_path / "dir")
        (folder / "inside.txt").write_text("x")
        assert not (tmp_path / "a.txt").exists()  # nothing visible before the end
    assert (tmp_path / "a.txt").read_text() == "a\n"
    assert (tmp_path / "sub" / "b.txt").read_text() == "b"
    assert (tmp_path / "dir" / "inside.txt").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "dir", "sub"]
    assert (tmp_path / "a.txt").stat().st_mode & 0o077 == 0  # private, like the synthesis store


def test_a_failure_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("old")
    with pytest.raises(RuntimeError), Outputs(force=True) as out:
        out.write_text(tmp_path / "old.txt", "new")
        with out.open(tmp_path / "half.txt") as f:
            f.write("half")
        raise RuntimeError("disk on fire")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.txt"]
    assert (tmp_path / "old.txt").read_text() == "old"


def test_existing_paths_are_refused_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("mine")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "keep.txt").write_text("k")
    with pytest.raises(ConfigError, match=r"x.txt already exists; pass --force to replace it"):
        refuse_existing([tmp_path / "y.txt", tmp_path / "x.txt"], force=False)
    refuse_existing([tmp_path / "x.txt"], force=True)
    with Outputs(force=True) as out:
        out.write_text(tmp_path / "x.txt", "new")
        (out.directory(tmp_path / "d") / "fresh.txt").write_text("f")
    assert (tmp_path / "x.txt").read_text() == "new"
    assert [p.name for p in (tmp_path / "d").iterdir()] == ["fresh.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "x.txt"]


def test_lines_carry_their_offsets(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"a": 1}\n\n{"b": 2}\r\n{"c": 3}')
    lines = [x for x in iter_lines(path) if isinstance(x, Line)]
    assert [(x.number, x.data, x.unterminated) for x in lines] == [
        (1, b'{"a": 1}', False), (3, b'{"b": 2}', False), (4, b'{"c": 3}', True)]
    assert [read_line_at(path, x.offset) for x in lines] == [b'{"a": 1}', b'{"b": 2}', b'{"c": 3}']
