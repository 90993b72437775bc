"""Shared fixtures: tiny real models built on the spot, so no test downloads anything."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# No test may reach a model hub; huggingface_hub reads this once, at import.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def tiny_gguf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few-hundred-KB random-weight Qwen2 GGUF with a byte-level BPE and a ChatML template."""
    from fixtures.tiny_gguf import write_tiny_qwen2_gguf

    return write_tiny_qwen2_gguf(tmp_path_factory.mktemp("gguf") / "tiny-qwen2.gguf")


@pytest.fixture(scope="session")
def tiny_hf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random `Qwen2ForCausalLM` directory with tokenizer and chat template, as on the hub."""
    from fixtures.tiny_hf import write_tiny_qwen2_hf

    return write_tiny_qwen2_hf(tmp_path_factory.mktemp("hf") / "tiny-qwen2")
