"""Quiz item analysis (first attempts only) and the completion charts."""

from datetime import timedelta

import pytest

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from organisations import scoping
from reports.charts import organisation_bars, weekly_columns
from reports.filters import parse_filters, report_options
from reports.selectors import completion_charts, quiz_item_analysis, visible_quizzes
from tests.factories import build_course, build_quiz, lessons_of, member_of, modules_of, right_answers, single_choice
from tests.factories import choice as make_choice
from tests.reports.conftest import csv_rows, signed_in, submit
from training.services import progress_mark_complete, reflection_save

pytestmark = pytest.mark.django_db

ITEMS = reverse("reports:items")
CHARTS = reverse("reports:charts")


@pytest.fixture
def quiz(db, trainee):
    """Two questions. Q1: A is right. Q2: X is right."""
    course = build_course(modules=1, lessons_per_module=1, slug="items")
    return build_quiz(
        modules_of(course)[0],
        kind="signoff",
        slug="items-quiz",
        pass_mark=100,
        questions=[
            single_choice("Q1", [make_choice("A", True), make_choice("B"), make_choice("C")]),
            single_choice("Q2", [make_choice("X", True), make_choice("Y")]),
        ],
    )


def pick(**texts):
    """Answers picking the choice with the given text for each question prompt."""

    def answers(questions):
        by_prompt = {q["prompt"]: q for q in questions}
        return {
            by_prompt[prompt]["id"]: [next(c["id"] for c in by_prompt[prompt]["choices"] if c["text"] == text)]
            for prompt, text in texts.items()
        }

    return answers


def analysis_for(user, quiz):
    viewer = scoping.viewer_for(user=user)
    ref = next(q for q in visible_quizzes(viewer=viewer) if q.id == quiz.pk)
    return quiz_item_analysis(viewer=viewer, quiz=ref)


def test_item_analysis_counts_first_attempts_only_and_puts_the_most_missed_first(quiz, trainee, trainer, clinic_a):
    one = member_of(clinic_a)
    two = member_of(clinic_a)
    submit(trainee, quiz, pick(Q1="B", Q2="X"))  # first attempt: Q1 wrong
    submit(trainee, quiz, pick(Q1="A", Q2="X"))  # a retake: not counted
    submit(one, quiz, pick(Q1="C", Q2="X"))
    submit(two, quiz, pick(Q1="A", Q2="Y"))

    analysis = analysis_for(trainer, quiz)
    q1, q2 = analysis.questions  # Q1 right 1 of 3, Q2 right 2 of 3: Q1 first
    assert (q1.prompt, q1.asked, q1.correct, q1.percent_correct) == ("Q1", 3, 1, 33)
    assert [(c.text, c.correct, c.picked, c.percent) for c in q1.choices] == [
        ("A", True, 1, 33),
        ("B", False, 1, 33),
        ("C", False, 1, 33),
    ]
    assert (q2.prompt, q2.asked, q2.correct) == ("Q2", 3, 2)
    assert [(c.text, c.picked) for c in q2.choices] == [("X", 2), ("Y", 1)]


def test_the_item_page_and_export_show_the_numbers(client, quiz, trainee, trainer):
    submit(trainee, quiz, pick(Q1="B", Q2="X"))
    client = signed_in(client, trainer)
    page = client.get(ITEMS, {"quiz": quiz.pk}).content.decode()
    assert "Q1" in page and "0%" in page
    rows = csv_rows(client.get(ITEMS, {"quiz": quiz.pk, "export": "csv"}))
    assert rows[1][:6] == ["Q1", "1", "0%", "A", "Yes", "0"]
    assert rows[2][:6] == ["Q1", "1", "0%", "B", "No", "1"]


def test_reflection_answers_never_appear_in_any_report(client, trainee, trainer):
    body = [("text", "<p>Hi</p>"), ("reflection", {"prompt": "What helps?", "guidance": ""})]
    course = build_course(modules=1, lessons_per_module=1, slug="reflect", body=body)
    lesson = lessons_of(course)[0]
    progress_mark_complete(user=trainee, page=lesson)
    reflection_save(user=trainee, page=lesson, block_id=lesson.body[1].id, prompt="What helps?", answer="SECRET-NOTE")
    build_quiz(modules_of(course)[0], slug="reflect-quiz")
    client = signed_in(client, trainer)
    for url in (reverse("reports:progress"), ITEMS, CHARTS):
        for export in ("", "csv", "xlsx"):
            response = client.get(url, {"course": course.pk, "export": export})
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"SECRET-NOTE" not in body


def test_an_unknown_quiz_is_ignored_with_a_message(client, quiz, trainer):
    response = signed_in(client, trainer).get(ITEMS, {"quiz": "nope"})
    assert response.status_code == 200
    assert "That quiz is not one you can report on" in response.content.decode()


def test_a_quiz_nobody_took_says_so(client, quiz, trainer):
    response = signed_in(client, trainer).get(ITEMS, {"quiz": quiz.pk})
    assert "Nobody has submitted this quiz yet." in response.content.decode()


def test_completions_per_week_and_by_organisation(world, trainer):
    viewer = scoping.viewer_for(user=trainer)
    options = report_options(viewer=viewer)
    filters = parse_filters(QueryDict(f"course={world.course.pk}"), viewer=viewer, options=options)
    data = completion_charts(viewer=viewer, filters=filters)
    assert len(data.weeks) == 12
    assert sum(week.completions for week in data.weeks) == 1  # Zoe, this week
    assert data.weeks[-1].completions == 1
    by_name = {o.organisation: (o.people, o.complete, o.percent) for o in data.organisations}
    assert by_name == {"Clinic A": (3, 1, 33), "Clinic B": (2, 0, 0), "Harbour Street": (1, 0, 0)}


def test_the_chart_date_range_sets_the_weeks(world, trainer):
    viewer = scoping.viewer_for(user=trainer)
    today = timezone.localdate()
    query = QueryDict(f"course={world.course.pk}&from={today - timedelta(days=28)}&to={today}")
    filters = parse_filters(query, viewer=viewer, options=report_options(viewer=viewer))
    data = completion_charts(viewer=viewer, filters=filters)
    assert 4 <= len(data.weeks) <= 5


def test_the_charts_page_has_accessible_svg_charts_each_with_its_table(client, world, trainer):
    page = signed_in(client, trainer).get(CHARTS, {"course": world.course.pk}).content.decode()
    assert page.count("<svg") == 2
    assert 'role="img"' in page and '<title id="weeks-title">' in page and '<desc id="orgs-desc">' in page
    assert "<caption>Completions per week</caption>" in page
    assert "<caption>Completion by organisation</caption>" in page
    assert "<script" not in page.split("<main")[1]  # no script in the report


def test_chart_geometry_scales_bars_to_the_largest_value():
    from reports.selectors import OrganisationCompletion, WeekCount

    today = timezone.localdate()
    chart = weekly_columns([WeekCount(today, 0), WeekCount(today, 3), WeekCount(today, 6)])
    heights = [bar.height for bar in chart.bars]
    assert heights[0] == 0 and heights[2] == pytest.approx(2 * heights[1], abs=0.2)
    bars = organisation_bars([OrganisationCompletion("A", 4, 2), OrganisationCompletion("B", 4, 4)])
    assert bars.bars[1].width == pytest.approx(2 * bars.bars[0].width, abs=0.2)
    assert [tick.label for tick in bars.ticks] == ["0%", "50%", "100%"]


def test_answers_right_first_time_count_even_when_the_quiz_was_edited_since(quiz, trainee, trainer):
    """Questions removed from the quiz still show, with the prompt the attempt was given."""
    submit(trainee, quiz, right_answers)
    quiz.questions = [single_choice("Q3 only", [make_choice("K", True), make_choice("L")])]
    quiz.save_revision().publish()
    analysis = analysis_for(trainer, quiz)
    assert sorted(q.prompt for q in analysis.questions) == ["Q1", "Q2"]
    assert all(q.percent_correct == 100 for q in analysis.questions)


def test_trainers_find_the_reports_in_the_admin_reports_menu(client, trainer):
    page = signed_in(client, trainer).get("/admin/").content.decode()
    for name in ("reports:progress", "reports:items", "reports:charts"):
        assert reverse(name) in page


def test_managers_find_the_reports_in_the_site_navigation(client, manager):
    page = signed_in(client, manager).get(reverse("team:overview")).content.decode()
    assert f'href="{reverse("reports:progress")}"' in page
