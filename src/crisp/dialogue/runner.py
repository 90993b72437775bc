"""The session runner: alternate client and counsellor until a clear stop."""

from __future__ import annotations

from crisp.cr.schema import CrispRecord
from crisp.dialogue.roles import Client, Counsellor
from crisp.dialogue.session import Session

DEFAULT_MAX_TURNS = 60


async def run_session(
    session: Session, counsellor: Counsellor, client: Client, *, max_turns: int = DEFAULT_MAX_TURNS
) -> CrispRecord:
    """Client first; stop when the plan completes, the client ends, or `max_turns` turns are written."""
    while len(session.record.turns) < max_turns:
        reply = await client.reply(session)
        session.add_client(reply.text)
        if reply.ends:
            return session.finish("client_ended")
        await counsellor.reply(session)
        if session.state.closed:
            return session.finish("plan_complete")
    return session.finish("max_turns")
