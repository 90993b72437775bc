"""The parroting check: a counsellor sentence that only says the client's words back."""

from __future__ import annotations

import pytest

from crisp.dialogue.parroting import client_sentences, parrots

CLIENT = client_sentences([
    "My manager criticised my report in front of the whole team and I keep replaying it.",
    "我复习了好几周，统计考试还是没过，我开始怀疑自己能不能毕业。",
])


@pytest.mark.parametrize("sentence", [
    "Your manager criticised your report in front of the whole team and you keep replaying it.",
    "I keep replaying how my manager criticised my report in front of the whole team.",  # first person, reordered
    "你复习了好几周，统计考试还是没过，你开始怀疑自己能不能毕业。",
])
def test_copies_are_caught(sentence: str) -> None:
    assert parrots(sentence, CLIENT)


@pytest.mark.parametrize("sentence", [
    "It sounds like the criticism stung, especially with everyone watching.",
    "What went through your mind when your manager spoke?",
    "听起来这次没过让你很失落，也让你怀疑自己。",
    "Your report.",  # too short to tell
])
def test_own_words_pass(sentence: str) -> None:
    assert not parrots(sentence, CLIENT)
