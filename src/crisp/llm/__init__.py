"""One async chat interface (`ChatModel`) and its backends, chosen by a model spec string.

    model = load_model("default")            # embedded GGUF through llama.cpp
    model = load_model("hf:thu-coai/Crispers-7B-v1")
    model = load_model("http://127.0.0.1:8000/v1#qwen2.5-7b")
"""

from crisp.llm.base import (
    Capabilities,
    ChatModel,
    ChatStream,
    Completion,
    GenerationParams,
    Message,
    Structured,
    Usage,
)
from crisp.llm.registry import ModelOptions, ModelSpec, load_model, parse_spec

__all__ = [
    "Capabilities",
    "ChatModel",
    "ChatStream",
    "Completion",
    "GenerationParams",
    "Message",
    "ModelOptions",
    "ModelSpec",
    "Structured",
    "Usage",
    "load_model",
    "parse_spec",
]
