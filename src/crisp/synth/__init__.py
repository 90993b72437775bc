"""Synthesis: distil a bilingual CRDial dialogue dataset from a teacher LLM (`crisp synth`).

    seeds.py     seed situations (JSONL/CSV, the built-in set), selection, safety screening
    hints.py     commonsense hints per sub-step: ATOMIC TSV retrieval or teacher-written
    config.py    the settings of a run (YAML + flags)
    run.py       run_synthesis: jobs, keys, concurrency, retries, rejects, manifest
    store.py     the run folder: crash-safe JSONL appends, torn-tail repair, atomic manifest
    pool.py      several endpoints as one teacher (least in-flight, fail-over)
    filters.py   basic, safety and expert filters
    dedup.py     MinHash near-duplicate and per-seed diversity checks
    criteria.py  the 16 expert criteria (bilingual)
    testing.py   test doubles: a varied scripted teacher and a local OpenAI-compatible server
"""
