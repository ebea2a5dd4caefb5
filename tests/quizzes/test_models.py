"""QuizPage: where quizzes sit in the tree, how an attempt's questions are drawn and shuffled, and
which quizzes count toward completion."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wagtail.test.utils import WagtailPageTestCase

from lessons.models import LessonPage, ModulePage
from quizzes.apps import optional_quiz_ids
from quizzes.grading import grade
from quizzes.models import QuizAttempt, QuizPage
from tests.factories import build_course, build_quiz, modules_of, right_answers, sample_questions
from training import curriculum

pytestmark = pytest.mark.django_db


class TestQuizInThePageTree(WagtailPageTestCase):
    def test_a_module_holds_lessons_and_quizzes(self):
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, QuizPage})

    def test_a_quiz_is_a_leaf_inside_a_module(self):
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage})


def fingerprint(snapshot: list[dict]) -> set:
    """What must survive any shuffle: each question's choices with which are right."""
    return {(q["id"], q["type"], c["id"], c["text"], c["correct"]) for q in snapshot for c in q["choices"]}


def test_the_snapshot_uses_the_block_ids_as_stable_question_and_choice_ids(module):
    quiz = build_quiz(module, questions=sample_questions(4))
    snapshot = quiz.build_snapshot(seed=1)
    blocks = list(quiz.questions)
    assert [q["id"] for q in snapshot] == [block.id for block in blocks]
    single = blocks[0]
    assert [c["id"] for c in snapshot[0]["choices"]] == [item.id for item in single.value["choices"].bound_blocks]
    assert [c["id"] for c in snapshot[2]["choices"]] == ["true", "false"]
    assert [q["type"] for q in snapshot] == ["single", "multiple", "true_false", "single"]
    assert snapshot[3]["case"] == "Case 4: a client drops in."
    # Reading the page again gives the same ids.
    assert QuizPage.objects.get(pk=quiz.pk).build_snapshot(seed=1) == snapshot


def test_true_false_answers_come_from_the_statement(module):
    quiz = build_quiz(module, questions=sample_questions(3))  # statement 3 is false
    true_false = quiz.build_snapshot(seed=0)[2]
    assert {c["id"]: c["correct"] for c in true_false["choices"]} == {"true": False, "false": True}


def test_shuffles_with_a_seed_are_repeatable_and_keep_ids_and_correctness(module):
    quiz = build_quiz(module, questions=sample_questions(8), shuffle_questions=True, shuffle_choices=True)
    plain = QuizPage.objects.get(pk=quiz.pk)
    plain.shuffle_questions = plain.shuffle_choices = False
    reference = plain.build_snapshot(seed=0)

    assert quiz.build_snapshot(seed=7) == quiz.build_snapshot(seed=7)
    orders = set()
    for seed in range(10):
        snapshot = quiz.build_snapshot(seed=seed)
        assert fingerprint(snapshot) == fingerprint(reference)
        orders.add(tuple(q["id"] for q in snapshot) + tuple(c["id"] for q in snapshot for c in q["choices"]))
        # Right answers keep grading right, whatever the order.
        assert grade(snapshot, right_answers(reference)).percent == 100.0
        # True/false always reads True, then False.
        for question in snapshot:
            if question["type"] == "true_false":
                assert [c["id"] for c in question["choices"]] == ["true", "false"]
    assert len(orders) > 1


def test_drawing_n_questions_from_the_pool(module):
    quiz = build_quiz(module, questions=sample_questions(8), questions_per_attempt=3)
    drawn = [quiz.build_snapshot(seed=seed) for seed in range(12)]
    for snapshot in drawn:
        ids = [q["id"] for q in snapshot]
        assert len(ids) == 3 == len(set(ids))
    assert {q["id"] for snapshot in drawn for q in snapshot} <= {block.id for block in quiz.questions}
    assert len({q["id"] for snapshot in drawn for q in snapshot}) > 3  # different draws over attempts
    # Without shuffling, a draw keeps the order the trainer gave.
    order = [block.id for block in quiz.questions]
    for snapshot in drawn:
        positions = [order.index(q["id"]) for q in snapshot]
        assert positions == sorted(positions)


def test_drawing_more_questions_than_the_pool_holds_is_refused_when_saving(module):
    quiz = build_quiz(module, questions=sample_questions(2))
    quiz.questions_per_attempt = 5
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "questions_per_attempt" in error.value.message_dict


def test_check_quizzes_are_optional_unless_the_course_requires_them():
    course = build_course(modules=1, lessons_per_module=1, slug="opt")
    module = modules_of(course)[0]
    check = build_quiz(module, kind="check", slug="check")
    signoff = build_quiz(module, kind="signoff", slug="signoff")
    lesson = LessonPage.objects.child_of(module).get()
    item_ids = [lesson.pk, check.pk, signoff.pk]
    assert curriculum.optional_item_ids(course=course, item_ids=item_ids) == {check.pk}
    course.require_check_quizzes = True
    assert optional_quiz_ids(course=course, item_ids=item_ids) == set()


def test_quiz_pages_are_learning_items():
    from django.contrib.contenttypes.models import ContentType

    assert ContentType.objects.get_for_model(QuizPage).pk in curriculum.item_type_ids()


def test_the_database_keeps_one_open_attempt_per_trainee_and_quiz(module, trainee):
    quiz = build_quiz(module)
    fields = {"user": trainee, "quiz": quiz, "quiz_title": "x", "kind": "check", "questions": []}
    QuizAttempt.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(**fields)


def test_the_database_refuses_a_submitted_attempt_without_a_score(module, trainee):
    from django.utils import timezone

    quiz = build_quiz(module)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(
            user=trainee, quiz=quiz, quiz_title="x", kind="check", questions=[], submitted_at=timezone.now()
        )
