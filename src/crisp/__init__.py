"""Crisp: cognitive restructuring dialogues (CRDial synthesis, data, training, evaluation, Peppy)."""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # `Peppy` is imported on first use, so `import crisp` stays light (no models, no pydantic schemas).
    if name == "Peppy":
        from crisp.chat.peppy import Peppy

        return Peppy
    raise AttributeError(f"module 'crisp' has no attribute {name!r}")


__all__ = ["Peppy", "__version__"]
