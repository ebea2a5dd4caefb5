"""A trainee answers a check quiz wrongly, reads the feedback, tries again, then passes the
sign-off quiz and sees the module complete — in real Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from quizzes.models import QuizAttempt
from tests.browser.test_learning_flow import sign_in
from tests.factories import UserFactory, build_course, build_quiz, choice, lessons_of, modules_of, single_choice
from training.models import LearningProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WELCOME_FIRST = "Offering a warm drink and asking what they would like today"
RULES_FIRST = "Explaining the house rules before anything else"
RULES_FEEDBACK = "Rules matter, but leading with them can make a person feel on trial."


def check_questions():
    return [
        single_choice(
            "Someone drops in for the first time. What comes first?",
            [
                choice(WELCOME_FIRST, True, "Yes: hospitality comes first."),
                choice(RULES_FIRST, False, RULES_FEEDBACK),
            ],
        ),
        (
            "true_false",
            {
                "prompt": "A client must stop using before we can help.",
                "answer": False,
                "feedback_true": "Help never depends on stopping.",
                "feedback_false": "Right: help never depends on stopping.",
            },
        ),
    ]


@pytest.fixture
def quiz_course():
    course = build_course(modules=1, lessons_per_module=1, slug="quizzes", title="Quiz course")
    module = modules_of(course)[0]
    check = build_quiz(
        module, kind="check", slug="check", title="Check your understanding", questions=check_questions()
    )
    signoff = build_quiz(
        module, kind="signoff", slug="sign-off", title="Sign-off quiz", pass_mark=100, questions=check_questions()
    )
    return course, module, check, signoff


def answer(page: Page, label: str):
    page.get_by_label(label, exact=True).check()
    expect(page.locator("[data-save-status]")).to_have_text("Saved.")


def test_trainee_learns_from_a_check_quiz_then_passes_the_sign_off(page: Page, live_server, quiz_course):
    course, module, check, signoff = quiz_course
    trainee = UserFactory(email="quizzer@clinic.example.org", first_name="Ash")
    base = live_server.url
    sign_in(page, base, trainee.email)

    # The module's lesson first.
    page.goto(base + lessons_of(course)[0].url)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("You finished this lesson.")).to_be_visible()

    # The check quiz: answer the first question wrongly and check it.
    page.goto(base + check.url)
    expect(page.get_by_text("There is no pass or fail here.")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("You have 2 unanswered questions.")).to_be_visible()
    expect(page.get_by_text(RULES_FEEDBACK)).to_have_count(0)  # no feedback before checking
    answer(page, RULES_FIRST)
    expect(page.get_by_text("You have 1 unanswered question.")).to_be_visible()

    # Answers are saved as the trainee goes: a reload loses nothing.
    page.reload()
    expect(page.get_by_label(RULES_FIRST, exact=True)).to_be_checked()
    expect(page.get_by_text("Welcome back.")).to_be_visible()

    page.locator("#question-1").get_by_role("button", name=re.compile("Check answer")).click()
    feedback = page.locator("#question-1 [data-feedback]")
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text(RULES_FEEDBACK)
    expect(page.get_by_label(RULES_FIRST, exact=True)).to_be_disabled()
    expect(page.locator("#question-2 [data-feedback]")).to_be_empty()

    page.get_by_label("True", exact=True).check()
    expect(page.locator("[data-save-status]")).to_have_text("Saved.")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You got 0 of 2 questions fully right (0%).")).to_be_visible()
    expect(page.get_by_text("Only you can see this score.")).to_be_visible()
    expect(page.get_by_text("Help never depends on stopping.", exact=True)).to_be_visible()

    # Try again, and get it right this time.
    page.get_by_role("button", name="Try again").click()
    answer(page, WELCOME_FIRST)
    answer(page, "False")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("You got 2 of 2 questions fully right (100%).")).to_be_visible()
    assert QuizAttempt.objects.filter(user=trainee, quiz=check).count() == 2

    # The sign-off quiz, passed first time.
    page.goto(base + signoff.url)
    expect(page.get_by_text("You need 100% to pass.")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_role("button", name=re.compile("Check answer"))).to_have_count(0)
    answer(page, WELCOME_FIRST)
    answer(page, "False")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", name=re.compile("You passed"))).to_be_visible()
    assert LearningProgress.objects.get(user=trainee, page_id=signoff.pk).completion_source == "quiz"

    # The module is complete: every item it requires is done.
    page.get_by_role("link", name=f"Back to “{module.title}”").click()
    expect(page).to_have_url(base + module.url)
    expect(page.locator("[data-progress-bar]").first).to_have_attribute("aria-valuenow", "100")
    page.goto(base + course.url)
    expect(page.locator(".module__title .badge--done")).to_have_text("Done")
    expect(page.get_by_text("You have completed this course.")).to_be_visible()


def test_the_quiz_works_without_script(browser, live_server, quiz_course):
    """Plain form posts: save for later, check an answer, submit."""
    _course, _module, check, _signoff = quiz_course
    trainee = UserFactory(email="noscript@clinic.example.org")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, trainee.email)
        page.goto(live_server.url + check.url)
        page.get_by_role("button", name="Start the quiz").click()
        page.get_by_label(RULES_FIRST, exact=True).check()
        page.get_by_role("button", name="Save and finish later").click()
        expect(page.get_by_text("Your answers are saved.")).to_be_visible()
        expect(page.get_by_label(RULES_FIRST, exact=True)).to_be_checked()
        page.locator("#question-1").get_by_role("button", name=re.compile("Check answer")).click()
        expect(page.locator("#question-1 [data-feedback]")).to_contain_text(RULES_FEEDBACK)
        page.get_by_label("False", exact=True).check()
        page.get_by_role("button", name="Submit answers").click()
        expect(page.get_by_text("You got 1 of 2 questions fully right (50%).")).to_be_visible()
    finally:
        context.close()
