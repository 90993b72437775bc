"""Crisp records as a dataset: validation, statistics, splits, exports, dataset card, plots.

- `validate`: schema and structural checks over JSONL files, problem by problem;
- `stats`: the paper's figures (with MTLD from `mtld`) beside Crisp's published ones; `plots` charts them;
- `split`: train/valid/test by seed situation, stratified by language;
- `export`: messages (TRL), sharegpt and alpaca (LLaMA-Factory), hf (`datasets`); `tags` writes and
  parses the strategy tags of counsellor replies;
- `card`: a Hugging Face dataset card;
- `files`, `records`, `workers`: streaming reads, safe writes, worker processes.

These modules read and write records; they never call a model or the dialogue engine.
"""
