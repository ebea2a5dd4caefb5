"""The progress matrix: each cell, the totals, the filters and the sorting, on the hand-built
world of conftest.py."""

from datetime import timedelta

import pytest

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from organisations import scoping
from organisations.services import cohort_add_members, cohort_create
from reports import filters as f
from reports.filters import parse_filters, report_options
from reports.selectors import progress_matrix
from tests.reports.conftest import html_table, signed_in

pytestmark = pytest.mark.django_db

URL = reverse("reports:progress")


def matrix_for(user, query: str = ""):
    viewer = scoping.viewer_for(user=user)
    options = report_options(viewer=viewer)
    filters = parse_filters(QueryDict(query), viewer=viewer, options=options)
    return progress_matrix(viewer=viewer, filters=filters), filters


def rows_by_email(matrix):
    return {row.email: row for row in matrix.rows}


def test_each_cell_shows_not_started_in_progress_or_complete_with_the_best_quiz_score(world, trainer):
    matrix, _filters = matrix_for(trainer, f"course={world.course.pk}")
    assert [unit.title for unit in matrix.units] == ["Module 1", "Module 2"]
    # Module 2 has only a check-your-understanding quiz, whose score is private to the trainee.
    assert [unit.quiz_kind for unit in matrix.units] == ["signoff", ""]
    rows = rows_by_email(matrix)

    sam = rows[world.sam.email]
    assert [cell.status for cell in sam.cells] == ["complete", "in_progress"]
    assert sam.cells[0].best_score == 100  # the better of 50 and 100
    assert sam.cells[1].best_score is None
    assert (sam.done, sam.total, sam.percent) == (3, 5, 60)  # the check quiz does not count
    assert sam.completed_at is None
    assert sam.last_activity is not None

    zoe = rows[world.zoe.email]
    assert [cell.status for cell in zoe.cells] == ["complete", "complete"]
    assert [cell.best_score for cell in zoe.cells] == [100, None]  # her check-quiz score stays hers
    assert zoe.percent == 100 and zoe.completed_at is not None

    kai = rows[world.kai.email]
    assert [cell.status for cell in kai.cells] == ["not_started", "not_started"]
    assert kai.percent == 0 and kai.last_activity is None


def test_totals_count_complete_and_in_progress_per_column(world, trainer):
    matrix, _filters = matrix_for(trainer, f"course={world.course.pk}")
    assert [(t.complete, t.in_progress) for t in matrix.totals] == [(2, 0), (1, 1)]


def test_assignment_status_is_on_track_due_soon_past_due_complete_or_not_assigned(world, trainer, manager):
    rows = rows_by_email(matrix_for(trainer, f"course={world.course.pk}")[0])
    assert rows[world.sam.email].status == f.DUE_SOON
    assert rows[world.kai.email].status == f.PAST_DUE
    assert rows[world.zoe.email].status == f.COMPLETE
    assert rows[manager.email].status == f.NOT_ASSIGNED


def test_lesson_columns_show_each_learning_item(world, trainer):
    matrix, _filters = matrix_for(trainer, f"course={world.course.pk}&columns=items")
    assert [unit.title for unit in matrix.units] == [
        "Lesson 1.1",
        "Lesson 1.2",
        "Module 1 sign-off",
        "Lesson 2.1",
        "Lesson 2.2",
        "Module 2 check",
    ]
    sam = rows_by_email(matrix)[world.sam.email]
    assert [cell.status for cell in sam.cells] == [
        "complete",
        "complete",
        "complete",
        "in_progress",
        "not_started",
        "not_started",
    ]
    assert sam.cells[2].best_score == 100 and sam.cells[0].best_score is None


def test_filters_by_organisation_group_status_and_dates(world, trainer, clinic_a):
    course = f"course={world.course.pk}"
    emails = lambda query: {row.email for row in matrix_for(trainer, f"{course}&{query}")[0].rows}  # noqa: E731
    assert emails("organisation=clinic-b") == {world.kai.email, "manager@clinic-b.example.org"}
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    cohort_add_members(cohort=cohort, users=[world.zoe])
    assert emails(f"cohort={cohort.pk}") == {world.zoe.email}
    assert emails("status=past_due") == {world.kai.email}
    assert emails("status=complete") == {world.zoe.email}
    today = timezone.localdate()
    assert emails(f"date_field=completed&from={today}&to={today}") == {world.zoe.email}
    assert emails(f"from={today}") == {world.sam.email, world.zoe.email}  # last activity today
    assert emails(f"to={today - timedelta(days=1)}") == set()


def test_totals_follow_the_filters(world, trainer):
    matrix, _filters = matrix_for(trainer, f"course={world.course.pk}&status=complete")
    assert [(t.complete, t.in_progress) for t in matrix.totals] == [(1, 0), (1, 0)]


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("name", "Ash", "Zoe Adams"),
        ("-name", "Zoe Adams", "Ash"),
        ("percent", "Ash", "Zoe Adams"),
        ("-percent", "Zoe Adams", "Robin"),  # ties stay in name order
        ("organisation", "Robin", "Jordan"),  # Clinic A first, Harbour Street last
    ],
)
def test_sorting(world, trainer, sort, first, last):
    rows = matrix_for(trainer, f"course={world.course.pk}&sort={sort}")[0].rows
    assert (rows[0].name, rows[-1].name) == (first, last)


def test_sorting_by_last_activity_puts_people_who_did_nothing_last_when_descending(world, trainer):
    rows = matrix_for(trainer, f"course={world.course.pk}&sort=-activity")[0].rows
    assert {rows[0].name, rows[1].name} == {"Sam Bell", "Zoe Adams"}
    assert rows[-1].last_activity is None


def test_the_page_shows_the_matrix_with_totals_and_a_legend(client, world, trainer):
    response = signed_in(client, trainer).get(URL, {"course": world.course.pk})
    assert response.status_code == 200
    table = html_table(response)
    sam = next(row for row in table.body_rows if row[0] == "Sam Bell")
    assert sam[2:6] == ["Complete", "100%", "In progress", "60%"]  # no score column for a check quiz
    assert table.footer_rows[0][0] == "Total complete" and table.footer_rows[0][2] == "2"
    assert "Reflections stay private" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("course=999999", "That course is not one you can report on"),
        ("course=abc", "That course is not one you can report on"),
        ("from=2026-13-45", "is not a date"),
        ("to=yesterday", "is not a date"),
        ("organisation=nowhere", "There is no organisation"),
        ("cohort=999999", "That group is not one you can report on"),
        ("cohort=x", "That group is not one you can report on"),
        ("status=late", "is not an assignment status"),
        ("sort=password", "cannot be sorted that way"),
        ("columns=everything", "Columns can show modules or lessons"),
        ("date_field=birthday", "Dates can filter by last activity"),
        ("page=999", ""),
        ("page=-1", ""),
        ("export=pdf", "Downloads are CSV or XLSX"),
    ],
)
def test_invalid_filters_are_ignored_with_a_message_never_an_error(client, world, trainer, query, message):
    response = signed_in(client, trainer).get(f"{URL}?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Sam Bell" in response.content.decode()


def test_invalid_filters_on_an_export_are_ignored_too(client, world, trainer):
    response = signed_in(client, trainer).get(f"{URL}?from=notadate&course=zzz&export=csv")
    assert response.status_code == 200


def test_dates_the_wrong_way_round_are_swapped(world, trainer):
    today = timezone.localdate()
    matrix, filters = matrix_for(trainer, f"course={world.course.pk}&from={today}&to={today - timedelta(days=3)}")
    assert filters.date_from < filters.date_to
    assert any("swapped" in problem for problem in filters.problems)


def test_pages_hold_100_people_and_the_totals_count_everyone(client, world, trainer, clinic_a):
    from tests.factories import member_of

    for number in range(101):
        member_of(clinic_a, email=f"person-{number:03d}@clinic-a.example.org", first_name=f"P{number:03d}")
    client = signed_in(client, trainer)
    first = html_table(client.get(URL, {"course": world.course.pk}))
    second = html_table(client.get(URL, {"course": world.course.pk, "page": 2}))
    assert len(first.body_rows) == 100
    assert len(second.body_rows) == 107 - 100
    assert first.footer_rows == second.footer_rows


def test_a_site_without_courses_shows_a_note(client, trainer):
    response = signed_in(client, trainer).get(URL)
    assert response.status_code == 200
    assert "no course to report on" in response.content.decode()


def test_with_no_course_chosen_a_clinic_sees_its_onboarding_course(client, manager, clinic_a):
    from assignments.services import onboarding_step_add
    from tests.factories import build_course

    build_course(modules=1, lessons_per_module=1, slug="aaa-first-in-the-list")
    onboarding = build_course(modules=1, lessons_per_module=1, slug="zzz-clinic-onboarding")
    onboarding_step_add(organisation=clinic_a, course=onboarding)
    client.force_login(manager)
    response = client.get(reverse("reports:progress"))
    assert response.status_code == 200
    assert response.context["filters"].course.id == onboarding.pk
