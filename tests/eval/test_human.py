"""The human kit: blinded sheets out of a run, agreement back in."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from eval.conftest import run_crisp

from crisp.errors import InputError
from crisp.eval.human import export_human, import_human
from crisp.eval.pointwise import DIMENSIONS


def _pointwise_rows(run: Path) -> None:
    run.mkdir()
    rows = []
    for n, score in enumerate([1, 2, 4, 5]):
        rows.append({"key": f"session|m{n % 2}|c{n}", "kind": "session", "model": f"m{n % 2}", "lang": "en",
                     "transcript": [{"role": "client", "text": "hi"}, {"role": "counsellor", "text": f"reply {n}"}],
                     "ratings": {"j": {d: score for d in DIMENSIONS}}})
    rows.append({"key": "pair|x", "lang": "en", "context": "Help-seeker: hi", "reply_a": "A says", "reply_b": "B says",
                 "a_first": "1", "b_first": "2", "outcome": "a"})
    (run / "rows.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_export_is_blinded_and_import_measures_agreement(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _pointwise_rows(run)
    sheets = tmp_path / "sheets"
    assert export_human(run, sheets) == {"ratings": 4, "ab": 1}
    text = (sheets / "ratings.csv").read_text() + (sheets / "form.html").read_text() + (sheets / "ab.csv").read_text()
    assert "m0" not in text and "m1" not in text  # model names only in key.json
    key = json.loads((sheets / "key.json").read_text())
    # People who agree perfectly with the judge.
    with open(sheets / "filled.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", *DIMENSIONS])
        for item, entry in key["ratings"].items():
            writer.writerow([item, *(int(entry["judge"][d]) for d in DIMENSIONS)])
    a_first = next(iter(key["ab"].values()))["a_first"]
    (sheets / "ab_filled.csv").write_text(f"item,preferred\nP0001,{'1' if a_first else '2'}\n")
    report = import_human(sheets / "key.json", sheets / "filled.csv", sheets / "ab_filled.csv")
    assert report["dimensions"]["support"]["spearman"] == pytest.approx(1.0)
    assert report["dimensions"]["support"]["weighted_kappa"] == pytest.approx(1.0)
    assert report["ab"]["agreement"] == 1.0


def test_bad_sheets_get_one_clear_error(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _pointwise_rows(run)
    export_human(run, tmp_path / "s")
    bad = tmp_path / "bad.csv"
    bad.write_text("item,support\nR0001,7\n")
    with pytest.raises(InputError, match="bad.csv:2: support is '7'"):
        import_human(tmp_path / "s" / "key.json", bad, None)
    bad.write_text("item,support\nR9999,3\n")
    with pytest.raises(InputError, match="unknown item 'R9999'"):
        import_human(tmp_path / "s" / "key.json", bad, None)


def test_the_cli_round_trip(tmp_path: Path) -> None:
    run = tmp_path / "run"
    _pointwise_rows(run)
    result = run_crisp("eval", "export-human", "--run", str(run), "--out", str(tmp_path / "s"), timeout=60)
    assert result.returncode == 0 and "4 conversations and 1 pairs" in result.stdout
    result = run_crisp("eval", "import-human", "--key", str(tmp_path / "s" / "key.json"), "--ratings",
                       str(tmp_path / "s" / "ratings.csv"), "--out", str(tmp_path / "h"), timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "h" / "report.json").read_text())["dimensions"]["support"]["n"] == 0  # blank sheet
