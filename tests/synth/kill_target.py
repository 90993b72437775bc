"""A synthesis run in a process of its own, for the kill -9 test (not a test module).

    python kill_target.py SEEDS OUT LATENCY_S

Runs `run_synthesis` with the synthesis teacher double answering after `LATENCY_S` per call.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from crisp.synth.config import SynthConfig
from crisp.synth.run import run_synthesis
from crisp.llm.testing import ScriptedModelDouble, crdial_teacher_script


def main() -> None:
    seeds, out, latency = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    config = SynthConfig(seeds=seeds, out=out, models=["scripted:teacher"], hints="off", per_seed=3,
                         concurrency=6)
    teacher = ScriptedModelDouble(crdial_teacher_script(), spec="scripted:teacher", latency_s=latency)
    asyncio.run(run_synthesis(config, models=[teacher]))


if __name__ == "__main__":
    main()
