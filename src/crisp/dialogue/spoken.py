"""Small models' slips in a counsellor sentence, caught before it is said to the person.

Seen on the embedded models in guided chat and synthesis:
- a heading or a role written before the sentence ("Counsellor: ...", "Understanding the automatic
  thought: ...", "咨询师：..."): the heading is taken out (`strip_heading`);
- one sentence said several times over inside one text field: it is said once (`collapse_repeats`);
- narration about the person in the third person, as if writing a case note ("The client says that
  ...", "来访者提到..."): the counsellor speaks to the person, so such a sentence is not said
  (`narrates`).
Strategy labels are `crisp.cr.tags.strip_leading_label`'s; copies of the person's words are
`crisp.dialogue.parroting`'s.
"""

from __future__ import annotations

import re

from crisp.cr.language import cjk_count, join_sentences
from crisp.cr.taxonomy import Lang

# A capitalised heading of a few words, or a role name, then a colon, at the very start. Only letters and
# spaces before the colon: "Here's the thing: ..." and "At 9:30 ..." are not headings.
_HEADING = re.compile(r"^\s*(?:[A-Z][A-Za-z]*(?: [A-Za-z]+){0,5}|[\u4e00-\u9fff]{2,10})\s*[:：]\s*(?=\S)")
# ...but "You said: ...", "I wonder: ..." and "你说：..." introduce words, they are not headings.
_SPEAKERS = {"you", "i", "we", "he", "she", "they", "it", "your", "my"}
_SAYING = {"said", "say", "says", "asked", "ask", "wrote", "told", "tell", "mean", "wonder", "feel", "felt"}
_ENDS = re.compile(r"(?<=[.!?。！？])\s*")
_NARRATION = re.compile(
    r"^\s*(?:(?:the|this|our)\s+)?(?:client|help-?seeker|patient|seeker)(?:'s)?\b"
    r"|^\s*the\s+(?:person|user)(?:'s)?\s+(?:says|said|mentions|mentioned|feels|felt|is|was|has|had|expresses|describes|"
    r"seems|appears|states|reflects|starts|then|reflection|thoughts?|feelings?)\b"
    r"|^\s*(?:来访者|求助者|咨询者|当事人|该用户|用户|患者|案主)",
    re.IGNORECASE,
)


def strip_heading(text: str) -> str:
    match = _HEADING.match(text)
    if match is None:
        return text
    head = match.group(0).strip().rstrip(":：").strip()
    words = head.lower().split()
    if head[0] in "你我他她它" or head[-1] in "说问想道讲" or (words and (words[0] in _SPEAKERS or _SAYING & set(words))):
        return text
    rest = text[match.end():]
    return rest[:1].upper() + rest[1:]


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def same_words(text: str) -> str:
    """`text` without case and punctuation: two sentences with the same words are the same sentence
    ("How did you feel." and "How did you feel?"), here and in synthesis's repetition filter."""
    return _NOT_WORD.sub(" ", text.lower()).strip()


def collapse_repeats(text: str) -> str:
    """`text` with a sentence that comes again right after itself said once ("A. A. A." -> "A.")."""
    parts = [p for p in _ENDS.split(text) if p.strip()]
    kept = [p for i, p in enumerate(parts) if i == 0 or p.strip() != parts[i - 1].strip()]
    if len(kept) == len(parts):
        return text
    return join_sentences((p.strip() for p in kept), Lang.ZH if cjk_count(text) else Lang.EN)


def narrates(text: str) -> bool:
    """True when the sentence talks about the person in the third person instead of to them."""
    return _NARRATION.match(text) is not None


__all__ = ["collapse_repeats", "narrates", "strip_heading"]
