"""Supervised fine-tuning of counselling models on Crisp data (`crisp train`).

`config` (the run config), `examples` (data in), `tokens` (loss mask, packing),
`model` (loading, tags, LoRA), `run` (the Trainer run and its folder), `merge`
(LoRA into a full model), `inspect` (the mask, shown). Heavy imports (torch,
transformers, peft) happen inside functions.
"""
