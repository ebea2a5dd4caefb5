"""Grading is a pure function: questions and answers in, a result out. No database here."""

import copy

import pytest

from quizzes.grading import AnswerError, grade, grade_question, validate_answer, validate_answers


def question(qid: str, kind: str, correct: list[str], choices: list[str] | None = None) -> dict:
    choices = choices or ["a", "b", "c", "d"]
    return {
        "id": qid,
        "type": kind,
        "prompt": f"Prompt {qid}",
        "case": "",
        "choices": [{"id": c, "text": c.upper(), "correct": c in correct, "feedback": f"Why {c}"} for c in choices],
    }


SINGLE = question("q1", "single", ["b"], ["a", "b", "c"])
MULTIPLE = question("q2", "multiple", ["a", "b"])
TRUE_FALSE = question("q3", "true_false", ["false"], ["true", "false"])
SCENARIO = {**question("q4", "single", ["a"], ["a", "b"]), "case": "A client drops in."}
SCENARIO_SEVERAL = {**question("q5", "multiple", ["a", "c"], ["a", "b", "c"]), "case": "A client calls."}
QUIZ = [SINGLE, MULTIPLE, TRUE_FALSE, SCENARIO, SCENARIO_SEVERAL]


@pytest.mark.parametrize(
    ("q", "picked", "score"),
    [
        (SINGLE, ["b"], 1.0),
        (SINGLE, ["a"], 0.0),
        (SINGLE, [], 0.0),
        (TRUE_FALSE, ["false"], 1.0),
        (TRUE_FALSE, ["true"], 0.0),
        (SCENARIO, ["a"], 1.0),
        (SCENARIO, ["b"], 0.0),
        (MULTIPLE, ["a", "b"], 1.0),
        (MULTIPLE, ["a"], 0.5),  # one of two right picks: half the credit
        (MULTIPLE, ["a", "c"], 0.0),  # a wrong pick cancels a right one
        (MULTIPLE, ["a", "b", "c"], 0.5),
        (MULTIPLE, ["a", "b", "c", "d"], 0.0),  # ticking everything earns nothing
        (MULTIPLE, ["c", "d"], 0.0),  # never below zero
        (MULTIPLE, [], 0.0),
        (SCENARIO_SEVERAL, ["a"], 0.5),
        (SCENARIO_SEVERAL, ["c", "a"], 1.0),
    ],
)
def test_every_question_type_is_scored(q, picked, score):
    result = grade([q], {q["id"]: picked})
    assert result.questions[0].score == pytest.approx(score)
    assert result.questions[0].is_correct is (score == 1.0)
    assert result.questions[0].answered is bool(picked)
    assert result.percent == pytest.approx(100 * score)


def test_partly_right_is_told_apart_from_wrong():
    assert grade_question(MULTIPLE, ("a",)).is_partly_correct
    assert not grade_question(MULTIPLE, ("c",)).is_partly_correct
    assert not grade_question(MULTIPLE, ("a", "b")).is_partly_correct


def test_unanswered_questions_score_zero_and_the_rest_still_count():
    result = grade(QUIZ, {"q1": ["b"], "q3": ["false"]}, pass_mark=40)
    assert [q.answered for q in result.questions] == [True, False, True, False, False]
    assert result.answered_count == 2
    assert result.correct_count == 2
    assert result.percent == 40.0
    assert result.passed is True


def test_no_answers_at_all_scores_zero():
    result = grade(QUIZ, {}, pass_mark=80)
    assert result.percent == 0.0
    assert result.passed is False
    assert result.correct_count == 0


def test_four_of_five_reaches_a_pass_mark_of_80_exactly():
    answers = {"q1": ["b"], "q2": ["a", "b"], "q3": ["false"], "q4": ["a"], "q5": ["b"]}
    result = grade(QUIZ, answers, pass_mark=80)
    assert result.percent == 80.0
    assert result.passed is True
    assert grade(QUIZ, answers, pass_mark=81).passed is False


def test_partial_credit_is_added_exactly_and_the_shown_percent_never_rounds_up_to_a_pass():
    three = [SINGLE, question("m", "multiple", ["a", "b", "c"]), TRUE_FALSE]
    # 1 + 2/3 + 1 = 2.666..., i.e. 88.888...%: shown as 88.8, never 88.9
    result = grade(three, {"q1": ["b"], "m": ["a", "b"], "q3": ["false"]}, pass_mark=89)
    assert result.percent == 88.8
    assert result.passed is False


def test_a_quiz_without_a_pass_mark_neither_passes_nor_fails():
    assert grade(QUIZ, {"q1": ["b"]}).passed is None


def test_answers_come_back_in_the_order_of_the_choices():
    assert validate_answer(MULTIPLE, ["d", "a"]) == ("a", "d")


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"nope": ["a"]}, "unknown_question"),
        ({"q1": ["z"]}, "unknown_choice"),
        ({"q1": ["false"]}, "unknown_choice"),  # a choice of another question
        ({"q1": ["a", "b"]}, "one_answer_only"),
        ({"q3": ["true", "false"]}, "one_answer_only"),
        ({"q2": ["a", "a"]}, "duplicate_choice"),
        ({"q1": "b"}, "not_a_list"),
        ({"q1": [1]}, "not_a_list"),
        ({"q1": None}, "not_a_list"),
    ],
)
def test_answers_that_do_not_fit_the_questions_are_refused(answers, code):
    with pytest.raises(AnswerError) as error:
        grade(QUIZ, answers)
    assert error.value.code == code


def test_answers_must_be_a_mapping():
    with pytest.raises(AnswerError) as error:
        validate_answers(QUIZ, [["q1", "b"]])
    assert error.value.code == "not_a_mapping"


def test_grading_changes_nothing_it_is_given_and_gives_the_same_result_every_time():
    questions = copy.deepcopy(QUIZ)
    answers = {"q2": ["b", "a"], "q5": ["a"]}
    before = (copy.deepcopy(questions), copy.deepcopy(answers))
    first = grade(questions, answers, pass_mark=50)
    assert grade(questions, answers, pass_mark=50) == first
    assert (questions, answers) == before


def test_grading_uses_ids_not_positions():
    """The same answers grade the same whichever order the questions and choices were shown in."""
    shuffled = [copy.deepcopy(q) for q in reversed(QUIZ)]
    for q in shuffled:
        q["choices"].reverse()
    answers = {"q1": ["b"], "q2": ["a"], "q5": ["a", "c"]}
    assert grade(shuffled, answers).percent == grade(QUIZ, answers).percent
