"""English phrasings seen in how people write on forums (round 8): indirect wishes to be dead,
regret at surviving, lacking the nerve, misspellings, and ages or spans of years that are not the past.

Every sentence here was written for this file (none is taken from a data set). Positives must reach
moderate or above; negatives, ordinary uses of the same words, must stay below moderate.
"""

from __future__ import annotations

import pytest

from crisp.safety import RiskLevel, assess

POSITIVES = [
    # A count of years is an age or a span up to now, not the past.
    "I'm 17 years old and I want to die.",
    "I've been suicidal for three years and it isn't getting better.",
    "I have had thoughts of killing myself for the past five years.",
    # The only thing keeping one alive.
    "honestly my little brother is the only reason im still here",
    "My cat is the only thing keeping me alive right now.",
    "The only reason I haven't killed myself is my mum.",
    "only reason i didnt kms last week was my exams lol",
    # Lacking the nerve, not the wish.
    "I'm too much of a coward to kill myself.",
    "I just don't have the guts to end my life.",
    "wish i had the courage to end it all",
    # Regret at surviving; fear of surviving an attempt.
    "I wish I hadn't woken up in the hospital.",
    "Sometimes I wish the overdose had worked.",
    "I shouldn't have survived that night.",
    "The thing that stops me is that I'm scared I'll survive and be worse off.",
    "I should've jumped when I was up there.",
    # Done with this life; no purpose left in being here.
    "i am so done with this life",
    "I don't want this life anymore.",
    "I can't see any point in being alive.",
    "there is no purpose for me to still be here",
    "All I want right now is to not exist.",
    "What I really want is to be dead.",
    # Misspelt or shortened words.
    "i feel so suicide tonight",
    "Having really bad SI again and I don't know who to tell.",
    # A method asked for without its object; rescue ruled out.
    "Can someone tell me a quick and painless method. I'm done.",
    "how long until it's too late for them to revive me",
    "I want to do it where no one can resuscitate me.",
    # Relapse into self-harm.
    "Relapsed tonight. Ended up cutting myself again.",
    "I hate that it felt so good to cut.",
    # Ending one's misery; a farewell to a forum; a final-year student who cannot go on.
    "I just want someone to end my misery.",
    "please let me end this suffering",
    "This might be the last time I'll be posting here. Thanks for everything.",
    "I'm in my last year of school and I can't do this anymore.",
    "I can't see a purpose to still here.",
    # The will to live gone; worn out by staying alive; not trusting oneself with the means.
    "I've lost the will to live.",
    "honestly i have no will to live anymore",
    "i'm running out of reasons to live",
    "im so tired of fighting to stay alive",
    "I don't trust myself around my pills tonight.",
    "I can't trust myself with a razor right now.",
    # Not planning to be around; a bare urge to cut.
    "I'm not planning to stick around much longer.",
    "honestly i dont plan on being here next year",
    "I want to cut.",
    "i wanna cut again so bad",
    # Self-harm shorthand and wounds described.
    "i've been sh'ing again and nobody knows",
    "My wrists are covered in fresh cuts.",
]

NEGATIVES = [
    "I'm 30 years old and I still live with my parents.",
    "I've worked there for five years and I'm bored of it.",
    "Coffee is the only thing keeping me going this week.",
    "The only reason I'm still here at the office is the report.",
    "The only reason I didn't do it was that the shop was closed.",
    "I'm too scared to do it, the bungee jump is huge.",
    "I don't have the guts to ask her out.",
    "I'm afraid I'll survive the exams but only barely.",
    "I should have jumped at the chance to move abroad.",
    "I'm done with this life of partying every weekend.",
    "I don't want this job anymore.",
    "There's no reason for me to stay here at this company.",
    "All I want is to end it with him and move on.",
    "Suicide prevention week starts on Monday at my school.",
    "Is there a painless method to take out a splinter?",
    "This is a foolproof way to go about baking bread.",
    "The doctors couldn't revive him after the crash.",
    "Give me one reason not to do it, the car is cheap.",
    "I ended up cutting class on Friday.",
    "It feels good to cut back on sugar.",
    "We ended up cutting the cake before the speeches.",
    "Just put me out of my misery, this meeting is endless.",
    "The new manager might end my suffering at this job.",
    "This might be the last time I post here for a while, I'm moving house.",
    "This will be my last post about the game update.",
    "I'm running out of reasons to stay at this job.",
    "I don't trust myself around cake.",
    "I'm not planning to stick around at this party for long.",
    "I don't plan on being here next year, I'm moving to Leeds.",
    "I want to cut my hair shorter.",
    "Which part do you want to cut?",
    "I need to cut back on coffee.",
    "My hands are covered in burns from the oven at work.",
]


@pytest.mark.parametrize("text", POSITIVES)
def test_real_phrasing_reaches_moderate(text: str) -> None:
    result = assess(text)
    assert result.level >= RiskLevel.MODERATE, (text, result.signals)


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_use_stays_below_moderate(text: str) -> None:
    result = assess(text)
    assert result.level < RiskLevel.MODERATE, (text, result.signals)
