import json

import pytest

from tests.factories import build_course, build_quiz, modules_of, sample_questions


def post_json(client, url, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(url, body, content_type="application/json", HTTP_ACCEPT="application/json", **extra)


def form_answers(answers: dict) -> dict:
    """Answers as the quiz form posts them: a `q-<question id>` field per question."""
    return {f"q-{qid}": choices for qid, choices in answers.items()}


@pytest.fixture
def course(db):
    """A small course: one module of two lessons, where the quizzes go."""
    return build_course(modules=1, lessons_per_module=2, slug="quizzing", title="Quizzing course")


@pytest.fixture
def module(course):
    return modules_of(course)[0]


@pytest.fixture
def check_quiz(module):
    return build_quiz(module, kind="check", slug="check", title="Check what you learnt", questions=sample_questions(4))


@pytest.fixture
def signoff(module):
    return build_quiz(
        module,
        kind="signoff",
        slug="signoff",
        title="Sign-off",
        pass_mark=75,
        max_attempts=3,
        questions=sample_questions(4),
    )
