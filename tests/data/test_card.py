"""The dataset card: front matter, figures, provenance from records and manifest, licence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fixtures.records import make_record

from crisp.data.card import filter_drops, find_manifest, manifest_lines, render_card, size_category, write_card
from crisp.data.stats import collect_stats
from crisp.errors import ConfigError

# Shaped like the manifest `crisp synth` writes (the parts the card reads).
MANIFEST = {
    "manifest_version": 1,
    "status": "complete",
    "config": {"models": ["openai:gpt-4o", "http://gpu:8000/v1#qwen"], "judge": "openai:gpt-4o-mini",
               "filters": {"min_mean_score": 3.5}},
    "versions": {"toolkit": "0.1.0", "prompt_version": "crdial-2026.11-1"},
    "counts": {"seeds": 40, "seeds_selected": 40, "seeds_screened_out": 10, "attempted": 8, "kept": 3,
               "dropped": {"basic": 2, "safety": 0, "expert": 2, "near_duplicate": 0, "seed_diversity": 0},
               "rejected": 1, "screened_out_by_level": {"high": 10}},
}


def records() -> list[dict]:
    out = [make_record("en", record_id="a"), make_record("en", (1,), record_id="b"),
           make_record("zh", (3, 2, 1), record_id="c", seed_id="s2")]
    for r in out:
        r["provenance"] = {"models": {"counsellor": "openai:gpt-4o"}, "prompt_version": "crdial-2026.11-1"}
    return out


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_card_from_records(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", records())
    out = tmp_path / "README.md"
    write_card(collect_stats([source], jobs=1), out)
    text = out.read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["language"] == ["en", "zh"]
    assert meta["license"] == "unknown"
    assert meta["size_categories"] == ["n<1K"]
    assert meta["task_categories"] == ["text-generation"]
    assert "synthetic" in meta["tags"]
    assert "3 multi-turn cognitive restructuring (CR) dialogues" in text
    assert "English (2) and Chinese (1)" in text
    assert "| utterances (turns) | 87 | 796,859 |" in text
    assert "| strategies per counsellor turn | 2.00 | 2.23 |" in text
    assert "| Catastrophizing | 4 | 44.4 | 3,014 | 10.6 |" in text
    assert "`counsellor: openai:gpt-4o` (3 dialogues)" in text
    assert "`crdial-2026.11-1` (3)" in text
    for section in ("## Intended use", "## Out-of-scope use", "## Limits and biases", "## Safety", "## Licence"):
        assert section in text
    assert "Not chosen yet" in text


def test_card_with_manifest_and_licence(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", records())
    (tmp_path / "manifest.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    assert find_manifest([source]) == tmp_path / "manifest.json"
    text = render_card(collect_stats([source], jobs=1), MANIFEST, name="My CR set", license="cc-by-4.0")
    meta = front_matter(text)
    assert meta["license"] == "cc-by-4.0" and meta["pretty_name"] == "My CR set"
    assert "# My CR set" in text
    assert "- Toolkit version (manifest): `0.1.0`." in text
    assert "- Prompt version (manifest): `crdial-2026.11-1`." in text
    assert "- Run status (manifest): `complete`." in text
    assert "- Teacher models (manifest): `openai:gpt-4o`, `http://gpu:8000/v1#qwen`." in text
    assert "- Judge of the expert filter (manifest): `openai:gpt-4o-mini`." in text
    assert ("- Run counts (manifest): seeds: 40, seeds selected: 40, seeds screened out: 10, attempted: 8, "
            "kept: 3, rejected: 1.") in text
    assert "- Safety screening of seeds: 10 of 40 screened out (25.0%)." in text
    assert "  - basic: 2 dropped, 25.0% of 8 attempted" in text
    assert "  - safety: 0 dropped, 0.0% of 8 attempted" in text
    assert "  - expert: 2 dropped, 25.0% of 8 attempted" in text
    assert "`cc-by-4.0`" in text


def test_manifests_of_other_shapes() -> None:
    listed = {"filters": [{"name": "basic", "dropped": 4, "checked": 10}]}
    assert filter_drops(listed) == [("basic", 4, {"checked": 10})]
    assert filter_drops({"filters": {"expert": {"dropped": 2, "checked": 9}}}) == [("expert", 2, {"checked": 9})]
    assert filter_drops({"counts": {"dropped": {"basic": 1}}}) == [("basic", 1, {})]
    assert filter_drops({}) == []
    assert manifest_lines({"toolkit_version": "9", "models": {"counsellor": "openai:gpt-4o"}}) == [
        "- Toolkit version (manifest): `9`.",
        "- Models (manifest): counsellor: `openai:gpt-4o`.",
    ]
    assert manifest_lines({"config": "not a dict", "counts": [1, 2]}) == []


def test_size_categories() -> None:
    assert [size_category(n) for n in (0, 999, 1000, 22_063, 100_000, 5_000_000)] == [
        "n<1K", "n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M"]


def test_refuses_to_overwrite(jsonl: Callable[..., Path], tmp_path: Path) -> None:
    source = jsonl("d.jsonl", records())
    out = tmp_path / "README.md"
    out.write_text("mine", encoding="utf-8")
    stats = collect_stats([source], jobs=1)
    with pytest.raises(ConfigError, match="already exists"):
        write_card(stats, out)
    assert out.read_text() == "mine"
    write_card(stats, out, force=True)
    assert out.read_text().startswith("---\n")
