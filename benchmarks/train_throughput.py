"""Training throughput of `crisp train sft` against a plain PyTorch loop, and what packing saves.

For each recipe (tiny: the tiny random Qwen2 of the tests; lite: configs/lite-cpu.yaml on the embedded
0.5B model), in one run on the same machine:

- tokens/s of `crisp train` (transformers Trainer with our collator, mask and logging) against a plain
  PyTorch loop (AdamW, same LoRA model, same rows and batch order, same number of steps); each side is
  timed twice, alternating, and its best time kept, so a burst of load on a shared machine hurts
  neither more. Target ratio >= 0.95;
- padding share with and without packing (target < 5% with packing);
- share of supervised tokens (the counsellor replies plus end-of-turn tokens) among real tokens.

Data: Crisp records written by the synthesis test double (deterministic, varied), so the benchmark
needs nothing downloaded. Their lengths are nearly uniform, so padding is also measured (tokenisation
only, nothing trained) on the ESConv test dialogues of ../shared/eval-data/open/ when that folder is there. Figures go to stdout and to benchmarks/results/train_throughput.json.
Not a test: it never fails on a figure.

    python benchmarks/train_throughput.py                 # tiny and lite
    python benchmarks/train_throughput.py --recipes tiny --steps 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the tiny model and synthesis double live with the tests


def write_records(folder: Path, per_seed: int) -> Path:
    from synth.helpers import teacher_double, write_seeds

    from crisp.synth.config import SynthConfig
    from crisp.synth.run import run_synthesis

    seeds = write_seeds(folder / "seeds.jsonl")
    config = SynthConfig(seeds=str(seeds), out=folder / "synth", models=["scripted:teacher"], hints="off",
                         concurrency=4, per_seed=per_seed)
    asyncio.run(run_synthesis(config, models=[teacher_double()]))
    return folder / "synth" / "dialogues.jsonl"


def recipe_config(name: str, folder: Path, data: Path, steps: int) -> Any:
    from crisp.train.config import load_config

    overrides: list[tuple[str, Any]] = [
        ("data.path", str(data)), ("output.dir", str(folder / f"run-{name}")), ("schedule.max_steps", steps),
        ("logging.report_to", []), ("logging.save_steps", 10_000), ("logging.eval_steps", None),
        ("logging.steps", max(steps // 2, 1)), ("data.valid_ratio", 0.0),
    ]
    if name == "tiny":
        from fixtures.tiny_hf import write_tiny_qwen2_hf

        model = write_tiny_qwen2_hf(folder / "tiny-qwen2")
        # The tiny tokenizer spends ~2-3k tokens on a dialogue: 8k rows keep every dialogue whole.
        overrides += [("model.name", str(model)), ("data.max_length", 8192), ("schedule.batch_size", 1)]
        return load_config(REPO / "configs" / "tiny.yaml", overrides)
    overrides += [("schedule.gradient_accumulation", 1)]
    return load_config(REPO / "configs" / "lite-cpu.yaml", overrides)


def crisp_run(config: Any) -> tuple[int, float]:
    """(real tokens, seconds of the training loop) of `crisp train sft`."""
    from crisp.train.run import run_sft

    result = run_sft(config, force=True, progress=False, report=lambda _: None)
    return result.manifest["tokens_seen"], result.manifest["train_seconds"]


def plain_run(config: Any) -> tuple[int, float]:
    """The same model, rows, batch order and step count through a hand-written PyTorch loop."""
    import torch
    from torch.utils.data import DataLoader, RandomSampler

    from crisp.train.model import (
        add_tag_tokens,
        apply_method,
        choose_precision,
        load_model,
        load_tokenizer,
        resolve_model,
    )
    from crisp.train.run import prepare_data
    from crisp.train.tokens import RowCollator, RowDataset

    torch.manual_seed(config.seed)
    source = resolve_model(config.model.name)
    tokenizer = load_tokenizer(source)
    model = load_model(config, source, choose_precision(config.precision))
    new_ids = add_tag_tokens(tokenizer, model, config.target.tags)
    rows = prepare_data(config, tokenizer).train_rows
    model = apply_method(model, config, new_ids)
    model.train()
    # Trainer's sampler: a RandomSampler over a generator seeded with data_seed, so the batches match.
    generator = torch.Generator()
    generator.manual_seed(config.seed)
    loader = DataLoader(RowDataset(rows), batch_size=config.schedule.batch_size,
                        sampler=RandomSampler(RowDataset(rows), generator=generator),
                        collate_fn=RowCollator(tokenizer.pad_token_id))
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.optimizer.learning_rate)
    tokens, steps = 0, 0
    started = time.perf_counter()
    while steps < config.schedule.max_steps:
        for batch in loader:
            tokens += int(batch.pop("real_tokens"))
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, config.optimizer.max_grad_norm)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            steps += 1
            if steps == config.schedule.max_steps:
                break
    return tokens, time.perf_counter() - started


def shares(config: Any) -> dict[str, float]:
    from crisp.train.examples import load_examples
    from crisp.train.model import (
        add_tag_tokens_to_tokenizer,
        load_tokenizer,
        resolve_model,
    )
    from crisp.train.tokens import (
        packed_rows,
        token_shares,
        tokenize_examples,
        unpacked_rows,
    )

    tokenizer = load_tokenizer(resolve_model(config.model.name))
    add_tag_tokens_to_tokenizer(tokenizer, config.target.tags)
    examples = load_examples(config.data, config.target).train
    items, _ = tokenize_examples(tokenizer, examples, config.data.max_length, config.data.truncation)
    batch = config.schedule.batch_size * config.schedule.gradient_accumulation
    batch = max(batch, 4)  # padding only shows with several rows per batch: compare both at >= 4
    unpacked = token_shares(unpacked_rows(items), batch)
    packed = token_shares(packed_rows(items, config.data.max_length), batch)  # same batch size, so comparable
    figures: dict[str, Any] = {}
    if ESCONV.is_file():
        real, _ = tokenize_examples(tokenizer, esconv_examples(), config.data.max_length, config.data.truncation)
        figures = {
            "esconv_padding_share_unpacked": round(token_shares(unpacked_rows(real), batch).padding_share, 4),
            "esconv_padding_share_packed": round(
                token_shares(packed_rows(real, config.data.max_length), batch).padding_share, 4),
            "esconv_supervised_share": round(token_shares(unpacked_rows(real), batch).supervised_share, 4),
        }
    return {**figures, "examples": len(items), "padding_share_unpacked": round(unpacked.padding_share, 4),
            "unpacked_batch": batch, "rows_unpacked": len(items), "rows_packed": len(packed_rows(items, config.data.max_length)), "padding_share_packed": round(packed.padding_share, 4),
            "supervised_share": round(packed.supervised_share, 4)}


ESCONV = REPO.parent / "shared" / "eval-data" / "open" / "esconv_test_en.jsonl"


def esconv_examples() -> list[Any]:
    """ESConv test dialogues (real, human-written; read for measuring only) as chat examples.

    Their lengths vary as real dialogues do, unlike the test double's, so they show what packing
    saves. Consecutive turns of one role are joined; the conversation runs from the first seeker turn
    to the last supporter turn.
    """
    from crisp.prompts.peppy import peppy_system_prompt
    from crisp.train.examples import ChatExample

    examples = []
    for number, line in enumerate(ESCONV.read_text(encoding="utf-8").splitlines(), start=1):
        turns = json.loads(line)["turns"]
        messages: list[dict[str, str]] = []
        for turn in turns:
            role = "user" if turn["role"] == "seeker" else "assistant"
            if not messages and role == "assistant":
                continue
            if messages and messages[-1]["role"] == role:
                messages[-1]["content"] += " " + turn["text"]
            else:
                messages.append({"role": role, "content": turn["text"]})
        while messages and messages[-1]["role"] != "assistant":
            messages.pop()
        if messages:
            system = [{"role": "system", "content": peppy_system_prompt("en")}]
            examples.append(ChatExample(system + messages, f"{ESCONV.name}:{number}"))
    return examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", nargs="+", default=["tiny", "lite"], choices=["tiny", "lite"])
    parser.add_argument("--steps", type=int, default=30, help="optimizer steps per timing of the tiny recipe")
    parser.add_argument("--lite-steps", type=int, default=2, help="optimizer steps per timing of the lite recipe")
    parser.add_argument("--repeats", type=int, default=2, help="timings per side, alternating; the best is kept")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "train_throughput.json")
    args = parser.parse_args()

    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = write_records(folder, per_seed=3)
        for name in args.recipes:
            steps = args.steps if name == "tiny" else args.lite_steps
            config = recipe_config(name, folder, data, steps)
            best = {"crisp": 0.0, "plain": 0.0}
            for _ in range(args.repeats):
                for side, run in (("plain", plain_run), ("crisp", crisp_run)):
                    tokens, seconds = run(config)
                    best[side] = max(best[side], tokens / seconds)
            figures = {"steps": steps, "crisp_tokens_per_s": round(best["crisp"], 1),
                       "plain_tokens_per_s": round(best["plain"], 1),
                       "ratio": round(best["crisp"] / best["plain"], 3), **shares(config)}
            results[name] = figures
            print(f"{name}: crisp train {figures['crisp_tokens_per_s']} tok/s, plain loop "
                  f"{figures['plain_tokens_per_s']} tok/s, ratio {figures['ratio']} (target >= 0.95); padding "
                  f"{figures['padding_share_unpacked']:.1%} unpacked (batch {figures['unpacked_batch']}) -> "
                  f"{figures['padding_share_packed']:.1%} packed (target < 5%); supervised "
                  f"{figures['supervised_share']:.1%} of tokens", flush=True)
            if "esconv_padding_share_packed" in figures:
                print(f"{name}, ESConv test dialogues (real lengths, measured only): padding "
                      f"{figures['esconv_padding_share_unpacked']:.1%} unpacked -> "
                      f"{figures['esconv_padding_share_packed']:.1%} packed; supervised "
                      f"{figures['esconv_supervised_share']:.1%}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"cpus": os.cpu_count(), "load_average": os.getloadavg(), **results},
                                   indent=2) + "\n")


if __name__ == "__main__":
    main()
