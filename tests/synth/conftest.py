"""Fixtures of the synthesis tests: a seed file, run configs, clean dialogues."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synth.helpers import SITUATIONS, teacher_double, write_seeds

from crisp.cr.plan import CRDialPlan
from crisp.cr.schema import CrispRecord, Seed
from crisp.dialogue.client import SimulatedClient, derive_profile
from crisp.dialogue.crdial import CRDialCounsellor
from crisp.dialogue.runner import run_session
from crisp.dialogue.session import Session
from crisp.llm.base import GenerationParams
from crisp.synth.config import SynthConfig


@pytest.fixture
def seeds_file(tmp_path: Path) -> Path:
    return write_seeds(tmp_path / "seeds.jsonl")


@pytest.fixture
def make_config(tmp_path: Path, seeds_file: Path) -> Callable[..., SynthConfig]:
    def make(**overrides: Any) -> SynthConfig:
        values: dict[str, Any] = {"seeds": str(seeds_file), "out": tmp_path / "run", "models": ["scripted:teacher"],
                                  "hints": "off", "concurrency": 4}
        values.update(overrides)
        return SynthConfig(**values)

    return make


@pytest.fixture(scope="session")
def clean_records() -> dict[str, CrispRecord]:
    """One complete dialogue per language from the teacher double, which passes every basic filter."""

    async def one(lang: str, text: str) -> CrispRecord:
        model = teacher_double()
        seed = Seed(id=f"clean-{lang}", situation=text, language=lang)  # type: ignore[arg-type]
        params = GenerationParams(seed=7)
        profile = await derive_profile(model, seed, params=params)
        session = Session(seed, persona=profile.persona, plan=CRDialPlan(max_channels=2, max_loops=2))
        return await run_session(session, CRDialCounsellor(model, params=params),
                                 SimulatedClient(model, profile, params=params), max_turns=80)

    return {lang: asyncio.run(one(lang, text)) for lang, _, text in (SITUATIONS[0], SITUATIONS[8])}
