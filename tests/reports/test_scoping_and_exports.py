"""Who sees whose rows, on the page and in every export, and what the exports hold."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from home.spreadsheets import neutralise
from organisations.services import cohort_add_members, cohort_create
from tests.factories import member_of, wrong_answers
from tests.reports.conftest import csv_rows, html_table, signed_in, submit, xlsx_rows

pytestmark = pytest.mark.django_db

PROGRESS = reverse("reports:progress")
ITEMS = reverse("reports:items")
CHARTS = reverse("reports:charts")


def test_a_manager_sees_only_their_own_organisation_on_the_page_and_in_every_export(client, world, manager):
    client = signed_in(client, manager)
    page = client.get(PROGRESS)
    names = [row[0] for row in html_table(page).body_rows]
    assert set(names) == {"Robin", "Sam Bell", "Zoe Adams"}
    assert world.kai.email not in page.content.decode()
    assert "Clinic B" not in page.content.decode()
    exported = csv_rows(client.get(PROGRESS, {"export": "csv"}))
    assert {row[0] for row in exported[1:-2]} == {"Robin", "Sam Bell", "Zoe Adams"}
    assert "Organisation" not in exported[0]  # one organisation: no column for it
    workbook = xlsx_rows(client.get(PROGRESS, {"export": "xlsx"}))
    assert {row[0] for row in workbook[1:-2]} == {"Robin", "Sam Bell", "Zoe Adams"}
    weekly = csv_rows(client.get(CHARTS, {"export": "csv", "table": "organisations"}))
    assert [row[0] for row in weekly[1:]] == ["Clinic A"]


def test_a_manager_reaching_for_another_organisation_gets_not_found(client, world, manager):
    client = signed_in(client, manager)
    for url in (PROGRESS, ITEMS, CHARTS):
        for export in ("", "csv", "xlsx"):
            response = client.get(url, {"organisation": "clinic-b", "export": export})
            assert response.status_code == 404, (url, export)
    assert client.get(PROGRESS, {"organisation": "no-such-clinic"}).status_code == 404


def test_a_manager_may_name_their_own_organisation(client, world, manager):
    response = signed_in(client, manager).get(PROGRESS, {"organisation": "clinic-a", "export": "csv"})
    assert response.status_code == 200


def test_a_manager_cannot_pick_another_organisations_group(client, world, manager, clinic_b):
    cohort = cohort_create(organisation=clinic_b, name="B team")
    cohort_add_members(cohort=cohort, users=[world.kai])
    response = signed_in(client, manager).get(PROGRESS, {"cohort": cohort.pk})
    assert response.status_code == 200
    assert "That group is not one you can report on" in response.content.decode()
    assert world.kai.email not in response.content.decode()


def test_a_manager_sees_only_their_own_staffs_answers_in_the_item_analysis(client, world, manager, clinic_b):
    outsider = member_of(clinic_b, email="outsider@clinic-b.example.org")
    submit(outsider, world.signoff, wrong_answers)
    rows = csv_rows(signed_in(client, manager).get(ITEMS, {"quiz": world.signoff.pk, "export": "csv"}))
    assert {row[1] for row in rows[1:]} == {"2"}  # Sam and Zoe only, not the outsider


def test_trainees_get_not_found_from_every_report(client, world):
    client = signed_in(client, world.sam)
    for url in (PROGRESS, ITEMS, CHARTS):
        assert client.get(url).status_code == 404
        assert client.get(url, {"export": "csv"}).status_code == 404


def test_the_export_has_exactly_the_columns_and_rows_on_screen_in_the_same_order(client, world, trainer):
    client = signed_in(client, trainer)
    query = {"course": world.course.pk, "sort": "-percent", "organisation": "clinic-a"}
    table = html_table(client.get(PROGRESS, query))
    exported = csv_rows(client.get(PROGRESS, {**query, "export": "csv"}))
    workbook = xlsx_rows(client.get(PROGRESS, {**query, "export": "xlsx"}))
    assert exported[0] == table.header_rows[-1]
    assert workbook[0] == table.header_rows[-1]
    assert [row[0] for row in exported[1:]] == [row[0] for row in table.body_rows + table.footer_rows]
    assert [row[0] for row in workbook[1:]] == [row[0] for row in table.body_rows + table.footer_rows]
    for shown, written in zip(table.body_rows, exported[1:], strict=False):
        assert [cell if cell != "–" else "" for cell in shown] == written


def test_the_lesson_columns_export_matches_the_screen_too(client, world, trainer):
    client = signed_in(client, trainer)
    query = {"course": world.course.pk, "columns": "items"}
    table = html_table(client.get(PROGRESS, query))
    assert csv_rows(client.get(PROGRESS, {**query, "export": "csv"}))[0] == table.header_rows[-1]


def test_the_item_analysis_export_matches_its_table(client, world, trainer):
    client = signed_in(client, trainer)
    query = {"quiz": world.signoff.pk}
    table = html_table(client.get(ITEMS, query))
    exported = csv_rows(client.get(ITEMS, {**query, "export": "csv"}))
    assert exported[0] == table.header_rows[-1]
    assert len(exported) - 1 == len(table.body_rows)


def test_the_chart_tables_export_as_shown(client, world, trainer):
    client = signed_in(client, trainer)
    page = client.get(CHARTS, {"course": world.course.pk}).content.decode()
    for which in ("weeks", "organisations"):
        exported = csv_rows(client.get(CHARTS, {"course": world.course.pk, "export": "csv", "table": which}))
        for heading in exported[0]:
            assert f">{heading}</th>" in page


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"])
def test_formulas_are_neutralised_in_csv(text):
    assert neutralise(text) == "'" + text
    assert neutralise("Plain " + text) == "Plain " + text


def test_a_name_that_looks_like_a_formula_is_text_in_both_exports(client, world, trainer, clinic_a):
    member_of(clinic_a, email="formula@clinic-a.example.org", first_name="=cmd|' /C calc'!A0", last_name="")
    client = signed_in(client, trainer)
    exported = csv_rows(client.get(PROGRESS, {"export": "csv", "course": world.course.pk}))
    assert [row[0] for row in exported if "calc" in row[0]] == ["'=cmd|' /C calc'!A0"]

    response = client.get(PROGRESS, {"export": "xlsx", "course": world.course.pk})
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    cell = next(row[0] for row in sheet.iter_rows() if "calc" in str(row[0].value))
    assert cell.data_type == "s"


def test_xlsx_keeps_numbers_and_dates_typed(client, world, trainer):
    workbook = xlsx_rows(signed_in(client, trainer).get(PROGRESS, {"export": "xlsx", "course": world.course.pk}))
    headings = workbook[0]
    zoe = next(row for row in workbook if row[0] == "Zoe Adams")
    assert zoe[headings.index("Course complete")] == 1.0
    assert zoe[headings.index("Module 1: Sign-off best")] == 1.0
    assert zoe[headings.index("Completed on")].year >= 2024


def test_the_export_has_every_page(client, world, trainer, clinic_a):
    for number in range(101):
        member_of(clinic_a, email=f"many-{number:03d}@clinic-a.example.org")
    rows = csv_rows(signed_in(client, trainer).get(PROGRESS, {"export": "csv", "course": world.course.pk}))
    assert len(rows) == 1 + 107 + 2  # heading, everyone, the two totals rows
