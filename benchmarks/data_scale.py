"""Time and peak memory of `crisp data validate` and `crisp data stats` over a large file.

    python benchmarks/data_scale.py [--dialogues 100000] [--data FILE] [--jobs N] [--out RESULTS.json]

Without --data, a file of realistic records is generated first (benchmarks/make_dataset.py; about
11 kB and 36 turns per dialogue, so 100,000 dialogues make about 1.1 GB). Each step runs as its own
process, as a user would run it; its peak memory is the largest sum of the resident sizes of the
process and all its workers, sampled every 50 ms. The baseline, in the same run over the same file,
is the least any tool must do: read every line and `json.loads` it, in one process. Ratios are
against the baseline's time. The target is under a minute and under 2 GiB for 100,000 dialogues on
2 cores; the script reports against it and never fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

TARGET_SECONDS = 60.0
TARGET_BYTES = 2 * 1024**3
_SAMPLE_EVERY = 0.05

_BASELINE = """
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        if line.strip():
            json.loads(line)
            n += 1
print(n, "lines")
"""
_CRISP = "from crisp.cli import main; main()"


@dataclass
class Step:
    name: str
    seconds: float
    peak_rss_bytes: int
    exit_code: int


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += _rss(p)
        stack += _children(p)
    return total


def measure(name: str, argv: list[str]) -> Step:
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(_SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # validate exits 1 when it finds problems; that is a result
        sys.stderr.write(stderr.decode(errors="replace"))
    return Step(name, seconds, peak, process.returncode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogues", type=int, default=100_000)
    parser.add_argument("--data", type=Path, help="an existing JSONL file of records (default: generate one)")
    parser.add_argument("--jobs", type=int, help="worker processes for validate and stats (default: theirs)")
    parser.add_argument("--out", type=Path, help="where to write the figures as JSON (default: in the temp folder)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="crisp-data-scale-") as tmp:
        data = args.data
        generated_seconds = None
        if data is None:
            sys.path.insert(0, str(Path(__file__).parent))
            from make_dataset import write_dataset

            data = Path(tmp) / "dialogues.jsonl"
            print(f"generating {args.dialogues:,} dialogues into {data} ...", flush=True)
            start = time.perf_counter()
            write_dataset(data, args.dialogues)
            generated_seconds = time.perf_counter() - start
        size = data.stat().st_size
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        python = sys.executable
        steps = [
            measure("baseline: json.loads per line", [python, "-c", _BASELINE, str(data)]),
            measure("crisp data validate", [python, "-c", _CRISP, "data", "validate", str(data), *jobs]),
            measure("crisp data stats", [python, "-c", _CRISP, "data", "stats", str(data), "--json", *jobs]),
        ]
        base = steps[0].seconds
        print(f"\n{data} ({size / 1e6:,.0f} MB), {os.cpu_count()} CPU cores")
        target = f"target (<{TARGET_SECONDS:.0f} s, <{TARGET_BYTES / 2**30:.0f} GiB)"
        print(f"{'step':<32} {'seconds':>8} {'x baseline':>10} {'peak RSS':>10}  {target}")
        for step in steps:
            within = step.seconds < TARGET_SECONDS and step.peak_rss_bytes < TARGET_BYTES
            verdict = "" if step.name.startswith("baseline") else ("within" if within else "MISSED")
            print(f"{step.name:<32} {step.seconds:>8.1f} {step.seconds / base:>10.2f} "
                  f"{step.peak_rss_bytes / 2**20:>7,.0f} MiB  {verdict}"
                  + (f"  (exit {step.exit_code})" if step.exit_code else ""))
        results = {
            "data": str(data) if args.data else f"generated: {args.dialogues} dialogues",
            "bytes": size,
            "cpu_count": os.cpu_count(),
            "generated_seconds": generated_seconds,
            "steps": [asdict(s) | {"ratio_to_baseline": s.seconds / base} for s in steps],
        }
        out = args.out or Path(tempfile.gettempdir()) / "crisp_data_scale.json"
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
