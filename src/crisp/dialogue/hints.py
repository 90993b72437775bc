"""Where commonsense hints come from: any object with `hints(seed, substep)`.

Implementations (ATOMIC-format TSV retrieval, teacher-written hints) live in
`crisp.synth.hints`; the engine only needs this protocol.
"""

from __future__ import annotations

from typing import Protocol

from crisp.cr.schema import CommonsenseHint, Seed
from crisp.cr.taxonomy import SubStep


class HintSource(Protocol):
    async def hints(self, seed: Seed, substep: SubStep | None) -> list[CommonsenseHint]: ...
