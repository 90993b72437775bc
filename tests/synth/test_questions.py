"""The strategy mix is visible to the model: in a step that asks (identification, defense, prosecution)
the counsellor's output schema requires a closing question, so a turn without one is not accepted; the
prompt names the step's strategies."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pydantic import ValidationError

from crisp.cr.plan import CRDialPlan, LoopDecision
from crisp.cr.schema import Seed, Sentence
from crisp.cr.step_strategies import STEP_STRATEGIES, step_strategies
from crisp.cr.taxonomy import IDENTIFICATION_STEPS, Distortion, Strategy, SubStep
from crisp.dialogue.crdial import CRDialCounsellor, SegmentWriter
from crisp.dialogue.outputs import ONE_QUESTION, ClientProfile, DistortionFinding, counsellor_turn_model, segment_model
from crisp.dialogue.session import Session
from crisp.llm.base import GenerationParams, Message
from crisp.llm.testing import ScriptedModelDouble, as_json, schema_title

REFLECTION = {"text": "That sounds like it stung in front of everyone.", "strategy": "reflection_of_feelings"}
QUESTION = {"text": "What went through your mind right after the meeting?", "strategy": "question"}


def _session(lang: str = "en") -> Session:
    situation = "My manager criticised my report in front of the team." if lang == "en" else "领导当众批评了我的报告。"
    seed = Seed(id=f"q-{lang}", situation=situation, language=lang)  # type: ignore[arg-type]
    session = Session(seed, plan=CRDialPlan(max_channels=1, max_loops=1))
    session.add_client(situation)
    return session


def test_identification_defense_and_prosecution_ask_and_the_verdict_and_closing_need_not() -> None:
    assert all(step_strategies(s).asks for s in IDENTIFICATION_STEPS)
    assert step_strategies(SubStep.DEFENSE).asks and step_strategies(SubStep.PROSECUTION).asks
    assert not step_strategies(SubStep.VERDICT).asks and not step_strategies(None).asks
    assert set(STEP_STRATEGIES) == {*SubStep, None}


@pytest.mark.parametrize("substep", IDENTIFICATION_STEPS)
def test_the_schema_of_an_identification_turn_requires_a_closing_question(substep: SubStep) -> None:
    for speak_first in (False, True):
        model = counsellor_turn_model(substep, speak_first=speak_first, ask=True)
        schema = model.model_json_schema()
        assert "question" in schema["required"]
        findings = {k: "I am not good enough." for k in schema["required"] if k not in ("sentences", "question")}
        question = schema["$defs"]["QuestionSentence"]["properties"]
        assert question["strategy"] == {"const": "question", "title": "Strategy", "type": "string"}
        assert question["text"]["pattern"] == ONE_QUESTION and question["text"]["maxLength"] > 0
        lead = schema["$defs"]["LeadSentence"]["properties"]["strategy"]["enum"]
        assert "question" not in lead and len(lead) == len(Strategy) - 1  # one question, at the end
        with pytest.raises(ValidationError, match="question"):  # no question: not a valid turn
            model.model_validate({"sentences": [REFLECTION], **findings})
        with pytest.raises(ValidationError, match="pattern"):  # a "question" that does not ask
            model.model_validate({"sentences": [REFLECTION], "question": {**QUESTION, "text": "Tell me more."},
                                  **findings})
        with pytest.raises(ValidationError, match="pattern"):  # five questions strung into the one field
            model.model_validate({"sentences": [REFLECTION], **findings,
                                  "question": {**QUESTION, "text": "What happened? How did you feel? Why?"}})
        with pytest.raises(ValidationError, match="pattern"):  # a lead-in sentence that asks
            model.model_validate({"sentences": [{**REFLECTION, "text": "Was it hard?"}], "question": QUESTION,
                                  **findings})
        turn = model.model_validate({"sentences": [REFLECTION], "question": QUESTION, **findings})
        assert [s.strategy for s in turn.spoken()] == [Strategy.REFLECTION_OF_FEELINGS, Strategy.QUESTION]


def test_a_segment_of_an_asking_step_requires_a_question_in_every_exchange() -> None:
    model = segment_model(SubStep.AUTOMATIC_THOUGHT, 2, ask=True)
    exchange = {"client_says": "I keep replaying it.", "counsellor": [REFLECTION]}
    with pytest.raises(ValidationError, match="question"):
        model.model_validate({"exchanges": [{**exchange, "question": QUESTION}, exchange], "automatic_thought": "x"})
    ok = model.model_validate({"exchanges": [{**exchange, "question": QUESTION}], "automatic_thought": "x"})
    assert [s.strategy for s in ok.exchanges[0].spoken()][-1] is Strategy.QUESTION  # type: ignore[attr-defined]
    # a verdict segment does not ask: its schema has no question
    verdict = segment_model(SubStep.VERDICT, 2).model_json_schema()
    assert "AskingExchange" not in verdict["$defs"] and "question" not in verdict["$defs"]["Exchange"]["properties"]


def test_a_turn_without_a_question_is_not_accepted_and_is_asked_again_sampled_otherwise() -> None:
    seeds: list[int | None] = []
    prompts: list[list[Message]] = []

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None = None) -> str:
        seeds.append(seed)
        prompts.append(messages)
        assert schema is not None and schema_title(schema) == "CounsellorTurn_automatic_thought"
        if len(seeds) == 1:  # the first reply leaves the question out (as a weak model without a grammar may)
            return as_json({"goal_met": False, "sentences": [REFLECTION]})
        return as_json({"goal_met": False, "sentences": [REFLECTION], "question": QUESTION})

    session = _session()
    counsellor = CRDialCounsellor(ScriptedModelDouble(script), params=GenerationParams(seed=11, temperature=0.8))
    turn = asyncio.run(counsellor.reply(session))
    assert len(seeds) == 2 and seeds == [11, 12]  # retried with another seed (and a cooler temperature)
    assert "question" in prompts[1][-1].content  # the retry says what was wrong
    assert [s.text for s in turn.sentences] == [REFLECTION["text"], QUESTION["text"]]
    assert turn.sentences[-1].strategy is Strategy.QUESTION


def test_the_prompt_names_the_step_strategies_and_the_question_in_both_languages() -> None:
    for lang, asks, mix in (("en", "ends with one open question", "Strategies this step leans on: Reflection of "
                             "Feelings, Restatement, Question."),
                            ("zh", "以一个开放式问题结尾", "这一步主要用到的策略：情感反映、复述、提问。")):
        session = _session(lang)
        prompt = CRDialCounsellor(ScriptedModelDouble(lambda m, s: "")).messages(session, [])[-1].content
        assert mix in prompt and asks in prompt
        while session.step.substep is not SubStep.VERDICT:
            if session.step.substep is SubStep.CORE_BELIEF:
                session.identify_channels([(Distortion.CATASTROPHIZING, "It is all lost.")])
            session.advance()
        verdict = CRDialCounsellor(ScriptedModelDouble(lambda m, s: "")).messages(session, [])[-1].content
        assert asks not in verdict


def test_the_segment_writer_asks_for_the_question_and_records_it_last() -> None:
    schemas: list[dict[str, Any]] = []

    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        schemas.append(schema or {})
        exchange = {"client_says": "I keep replaying it.", "counsellor": [REFLECTION], "question": QUESTION}
        return as_json({"exchanges": [exchange], "automatic_thought": "I am not good enough."})

    profile = ClientProfile(persona={"name": "Sam", "resistance": "low"}, automatic_thought="I failed.",  # type: ignore[arg-type]
                            intermediate_belief="If I err, I fail.",
                            distortions=[DistortionFinding(distortion="catastrophizing", example_thought="All lost.")])
    session = _session()
    asyncio.run(SegmentWriter(ScriptedModelDouble(script), profile).write_step(session))
    assert "AskingExchange" in schemas[0]["$defs"]
    counsellor = session.record.turns[-1]
    assert [s.strategy for s in counsellor.sentences] == [  # type: ignore[union-attr]
        Strategy.REFLECTION_OF_FEELINGS, Strategy.QUESTION]


def _profile() -> ClientProfile:
    return ClientProfile(persona={"name": "Sam", "resistance": "low"}, automatic_thought="I failed.",  # type: ignore[arg-type]
                         intermediate_belief="If I err, I fail.",
                         distortions=[DistortionFinding(distortion="catastrophizing", example_thought="All lost.")])


def test_a_segment_repeats_neither_an_earlier_client_turn_nor_an_earlier_counsellor_sentence() -> None:
    # A small model copies the dialogue it is shown: the same client turn again, the same question again.
    said_before = "I keep replaying it."
    new_reflection = {"text": "It sounds like the meeting is still with you.", "strategy": "reflection_of_feelings"}
    new_question = {"text": "What did you tell yourself as you walked out?", "strategy": "question"}

    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return as_json({"exchanges": [
            {"client_says": said_before, "counsellor": [REFLECTION], "question": QUESTION},  # all said before
            {"client_says": "Mostly that I should have checked it twice.", "counsellor": [REFLECTION, new_reflection],
             "question": QUESTION},
            {"client_says": "Mostly that I should have checked it twice!", "counsellor": [new_reflection],
             "question": new_question},  # the client's turn just before, punctuation aside
        ], "automatic_thought": "I am not good enough."})

    session = _session()
    session.add_client(said_before)
    session.add_counsellor([Sentence.model_validate(REFLECTION), Sentence.model_validate(QUESTION)])
    before = len(session.record.turns)
    asyncio.run(SegmentWriter(ScriptedModelDouble(script), _profile()).write_step(session))
    added = session.record.turns[before:]
    assert [t.content for t in added[::2]] == ["Mostly that I should have checked it twice."]  # type: ignore[union-attr]
    # The reflection and the question said in the earlier turn are not said again.
    assert [s.text for s in added[1].sentences] == [new_reflection["text"]]  # type: ignore[union-attr]


def test_a_segment_of_nothing_but_repeats_keeps_one_exchange_so_the_step_has_its_turn() -> None:
    def script(messages: list[Message], schema: dict[str, Any] | None) -> str:
        return as_json({"exchanges": [{"client_says": "I keep replaying it.", "counsellor": [REFLECTION],
                                       "question": QUESTION}], "automatic_thought": "I am not good enough."})

    session = _session()
    session.add_client("I keep replaying it.")
    session.add_counsellor([Sentence.model_validate(REFLECTION), Sentence.model_validate(QUESTION)])
    before = len(session.record.turns)
    asyncio.run(SegmentWriter(ScriptedModelDouble(script), _profile()).write_step(session))
    assert len(session.record.turns) == before + 2  # stands as written: the filters judge it
    assert [s.text for s in session.record.turns[-1].sentences] == [REFLECTION["text"], QUESTION["text"]]  # type: ignore[union-attr]


def test_a_segment_whose_counsellor_says_only_labels_is_written_again_with_other_sampling() -> None:
    seeds: list[int | None] = []

    def script(messages: list[Message], schema: dict[str, Any] | None, seed: int | None) -> str:
        seeds.append(seed)
        said = ([{"text": "Affirmation and Reassurance: ", "strategy": "affirmation_and_reassurance"}]
                if len(seeds) == 1 else [{"text": "You have carried a lot this week.", "strategy": "affirmation_and_reassurance"}])
        return as_json({"exchanges": [{"client_says": "Thank you, this helped.", "counsellor": said}]})

    session = _session()
    while session.step.substep is not None:  # to the closing, which need not ask
        if session.step.substep is SubStep.CORE_BELIEF:
            session.identify_channels([(Distortion.CATASTROPHIZING, "It is all lost.")])
        session.advance(LoopDecision.CLOSE if session.step.substep is SubStep.VERDICT else None)
    asyncio.run(SegmentWriter(ScriptedModelDouble(script), _profile(),
                              params=GenerationParams(seed=7)).write_step(session))
    assert len(seeds) == 2 and seeds[0] != seeds[1]
    assert [s.text for s in session.record.turns[-1].sentences] == ["You have carried a lot this week."]  # type: ignore[union-attr]
