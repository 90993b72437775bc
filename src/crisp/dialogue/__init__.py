"""The dialogue engine: counsellor and client roles and the session runner.

Synthesis, chat and evaluation all run the same engine (DESIGN.md, "One engine,
three roles"): a `Session` holds the record as it grows, a `Counsellor` and a
`Client` take turns on it, and `run_session` alternates them until the plan is
complete, the client ends, or the turn limit is reached.
"""

from crisp.dialogue.roles import Client, ClientReply, Counsellor
from crisp.dialogue.session import Session

__all__ = ["Client", "ClientReply", "Counsellor", "Session"]
