"""`crisp serve` on the real embedded default model: the openai SDK, streamed, in English.

Slow: loads the ~1.1 GB default model and generates on the CPU (at most 40 new tokens). Runs in CI.
"""

from __future__ import annotations

import re

import openai
import pytest

pytestmark = pytest.mark.slow


def test_default_model_streams_through_the_api(serve) -> None:
    from crisp.llm import load_model

    model = load_model("default")
    server = serve(model, slots=1)
    client = openai.OpenAI(base_url=f"{server.url}/v1", api_key="local", max_retries=0, timeout=600)
    chunks = list(client.chat.completions.create(
        model="peppy", stream=True, max_tokens=40,
        messages=[{"role": "user", "content": "I failed my driving test again and I feel like I can't do anything right."}],
    ))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    crisp = next(c.model_extra["crisp"] for c in chunks if (c.model_extra or {}).get("crisp"))
    assert crisp["answered_by"] == "model" and crisp["level"] == "none"
    assert re.search(r"\b[A-Za-z]{3,}\b", text)
