"""Thin views for the reports at /manage/reports/, for clinic managers (their organisation) and
trainers (every organisation). `?export=csv` or `?export=xlsx` on any report downloads exactly
the table shown, with the same filters and sort, every page of it."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from organisations import scoping

from . import charts as chart_geometry
from . import selectors, tables
from .filters import organisation_filter, parse_filters, report_options

PER_PAGE = 100
EXPORT_FORMATS = ("csv", "xlsx")


def _viewer_who_reports(request) -> scoping.Viewer:
    viewer = scoping.viewer_for(user=request.user)
    if not viewer.can_manage_anyone:
        raise Http404
    return viewer


def _export_format(request, problems: list[str]) -> str | None:
    value = request.GET.get("export", "")
    if value in EXPORT_FORMATS:
        return value
    if value:
        problems.append(_("Downloads are CSV or XLSX files; showing the page instead."))
    return None


def _report_request(request):
    """The viewer (404 unless they manage anyone), their choices, the filters and any export."""
    viewer = _viewer_who_reports(request)
    options = report_options(viewer=viewer)
    filters = parse_filters(request.GET, viewer=viewer, options=options)
    return viewer, options, filters, _export_format(request, filters.problems)


def _filename(*parts) -> str:
    return "-".join(str(part) for part in (*parts, timezone.localdate().isoformat()) if part)


@require_GET
@login_required
def progress(request):
    """Trainees in rows, a course's modules (or lessons) in columns, with totals per column."""
    viewer, options, filters, export = _report_request(request)
    matrix = selectors.progress_matrix(viewer=viewer, filters=filters)
    if export:
        course = filters.course.title if filters.course else ""
        organisation = filters.organisation.slug if filters.organisation else ""
        spreadsheet = tables.TableSpreadsheet(
            tables.matrix_table(matrix, organisation_column=not organisation),
            filename=_filename("progress", course, organisation),
        )
        return spreadsheet.response(export)
    page = Paginator(matrix.rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/progress.html",
        {
            "viewer": viewer,
            "options": options,
            "filters": filters,
            "matrix": matrix,
            "page": page,
            "table": tables.matrix_table(
                matrix, rows=page.object_list, organisation_column=filters.organisation is None
            ),
            "statuses": list(tables.ASSIGNMENT_LABELS.items()),
        },
    )


@require_GET
@login_required
def items(request):
    """Quiz item analysis: for each question, who got it right first time, and which choices
    people picked, the most-missed questions first."""
    viewer = _viewer_who_reports(request)
    options = report_options(viewer=viewer)
    problems: list[str] = []
    organisation = organisation_filter(params=request.GET, viewer=viewer, options=options, problems=problems)
    export = _export_format(request, problems)
    quizzes = selectors.visible_quizzes(viewer=viewer)
    wanted = request.GET.get("quiz", "").strip()
    quiz = next((q for q in quizzes if str(q.id) == wanted), None) if wanted else None
    if wanted and quiz is None:
        problems.append(_("That quiz is not one you can report on, so the first quiz is shown."))
    quiz = quiz or (quizzes[0] if quizzes else None)
    analysis = (
        selectors.quiz_item_analysis(
            viewer=viewer, quiz=quiz, organisation_id=organisation.id if organisation else None
        )
        if quiz
        else selectors.ItemAnalysis(quiz=None)
    )
    table = tables.items_table(analysis)
    if export:
        name = _filename("quiz-questions", quiz.title if quiz else "", organisation.slug if organisation else "")
        return tables.TableSpreadsheet(table, filename=name).response(export)
    return render(
        request,
        "reports/items.html",
        {
            "viewer": viewer,
            "options": options,
            "organisation": organisation,
            "quizzes": quizzes,
            "quiz": quiz,
            "analysis": analysis,
            "table": table,
            "problems": problems,
        },
    )


CHART_TABLES = {"weeks": tables.weeks_table, "organisations": tables.organisations_table}


@require_GET
@login_required
def charts(request):
    """Completions per week, and completion by organisation, each with its table."""
    viewer, options, filters, export = _report_request(request)
    data = selectors.completion_charts(viewer=viewer, filters=filters)
    if export:
        which = request.GET.get("table", "weeks")
        build = CHART_TABLES.get(which, tables.weeks_table)
        course = filters.course.title if filters.course else ""
        return tables.TableSpreadsheet(build(data), filename=_filename("completions", which, course)).response(export)
    return render(
        request,
        "reports/charts.html",
        {
            "viewer": viewer,
            "options": options,
            "filters": filters,
            "data": data,
            "weeks_table": tables.weeks_table(data),
            "organisations_table": tables.organisations_table(data),
            "weeks_chart": chart_geometry.weekly_columns(data.weeks),
            "organisations_chart": chart_geometry.organisation_bars(data.organisations),
        },
    )
