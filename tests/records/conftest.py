import pytest

from quizzes import services as quiz_services
from tests.certificates.conftest import ce_course, complete, completed  # noqa: F401 - shared fixtures
from tests.factories import build_quiz, lessons_of, modules_of, right_answers, wrong_answers
from training.services import reflection_save

SECRET = "My private reflection: I worry about saying the wrong thing"


@pytest.fixture
def history(trainee, ce_course, django_capture_on_commit_callbacks):  # noqa: F811
    """The trainee completed the course (and holds its certificate), took a check quiz (a private
    score), passed a sign-off after one try, and wrote a reflection."""
    module = modules_of(ce_course)[0]
    check = build_quiz(module, kind="check", slug="check", title="Check: overdose signs")
    signoff = build_quiz(module, kind="signoff", slug="signoff", title="Sign-off: overdose response")
    lesson = lessons_of(ce_course)[0]
    reflection_save(user=trainee, page=lesson, block_id="b1", prompt="What worries you?", answer=SECRET)
    attempt = quiz_services.attempt_start(user=trainee, quiz=check)
    one_right = {**wrong_answers(attempt.questions), **dict(list(right_answers(attempt.questions).items())[:1])}
    quiz_services.attempt_submit(attempt=attempt, answers=one_right)  # 1 of 4: 25.0%
    attempt = quiz_services.attempt_start(user=trainee, quiz=signoff)
    quiz_services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    attempt = quiz_services.attempt_start(user=trainee, quiz=signoff)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks)
    return trainee.certificates.get()
