"""Crisp: cognitive restructuring dialogues (CRDial synthesis, data, training, evaluation, Peppy)."""

__version__ = "0.1.0"
