"""Every report is a `Table`: its columns and rows are what the page shows and what the
spreadsheet holds, so an export has exactly the columns and rows seen on screen.

Spreadsheets are written by Wagtail's `SpreadsheetExportMixin` (the export of its report
views): XLSX with typed numbers and dates, and CSV in which a cell that a spreadsheet program
would run as a formula is neutralised.
"""

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from html import escape

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from home.spreadsheets import neutralise
from training.selectors import COMPLETE, IN_PROGRESS, NOT_STARTED

from . import filters as f

TEXT = "text"
NUMBER = "number"
PERCENT = "percent"  # a whole number 0..100
SCORE = "score"  # a quiz score, a Decimal 0..100 with one decimal
DATE = "date"
PROGRESS = "progress"  # not started / in progress / complete
ASSIGNMENT = "assignment"  # on track / due soon / past due / complete / not assigned
YES_NO = "yes_no"

PROGRESS_LABELS = {
    NOT_STARTED: gettext_lazy("Not started"),
    IN_PROGRESS: gettext_lazy("In progress"),
    COMPLETE: gettext_lazy("Complete"),
}
ASSIGNMENT_LABELS = {
    f.ON_TRACK: gettext_lazy("On track"),
    f.DUE_SOON: gettext_lazy("Due soon"),
    f.PAST_DUE: gettext_lazy("Past due"),
    f.COMPLETE: gettext_lazy("Complete"),
    f.NOT_ASSIGNED: gettext_lazy("Not assigned"),
}


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = TEXT
    group: str = ""  # a heading over several columns (a module's progress and score)
    sort: str = ""  # the sort this column's heading offers

    @property
    def full_heading(self) -> str:
        """The heading with its group, as a screen reader reads it and a spreadsheet shows it."""
        return f"{self.group}: {self.heading}" if self.group else self.heading


@dataclass
class Table:
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    footer: list[list] = field(default_factory=list)  # totals rows, shown and exported last

    @property
    def header_groups(self) -> list[tuple[str, int]]:
        """Consecutive columns under one group heading: (group, span); "" for ungrouped ones."""
        groups: list[list] = []
        for column in self.columns:
            if groups and column.group and groups[-1][0] == column.group:
                groups[-1][1] += 1
            else:
                groups.append([column.group, 1])
        return [(name, span) for name, span in groups]

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)

    def display_rows(self) -> list[list[tuple[Column, str]]]:
        """Each row's cells as (column, text), the text as the CSV has it (for small tables)."""
        formatter = CellFormatter()
        return [[(c, formatter.text(c, v)) for c, v in zip(self.columns, row, strict=True)] for row in self.rows]

    def body_html(self) -> str:
        """The rows as table rows. Built here rather than in a template: a page of the matrix
        has thousands of cells, and a template loop would take most of the page's time."""
        formatter = CellFormatter()
        parts = []
        for row in self.rows:
            parts.append("<tr>")
            for index, (column, value) in enumerate(zip(self.columns, row, strict=True)):
                text = escape(formatter.text(column, value))
                if index == 0:
                    parts.append(f'<th scope="row">{text}</th>')
                elif column.kind == PROGRESS:
                    # The symbol comes from the stylesheet; the words are for screen readers.
                    parts.append(f'<td class="st st-{escape(value)}"><span class="visually-hidden">{text}</span></td>')
                else:
                    parts.append(f'<td class="cell-{column.kind}">{text or "–"}</td>')
            parts.append("</tr>\n")
        return mark_safe("".join(parts))  # every value is escaped above (the standard library's
        # escape, as Django's does, without its lazy-string wrapper: 15,000 calls on a page)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


class CellFormatter:
    """Cells as text, the same on the page and in the CSV file. Labels are translated once per
    formatter, not once per cell: a report of 1,000 people has tens of thousands of cells."""

    def __init__(self):
        self.progress = {key: str(label) for key, label in PROGRESS_LABELS.items()}
        self.assignment = {key: str(label) for key, label in ASSIGNMENT_LABELS.items()}
        self.yes, self.no = _("Yes"), _("No")

    def text(self, column: Column, value) -> str:
        if value is None or value == "":
            return ""
        kind = column.kind
        if kind == TEXT:
            return str(value)
        if kind == PROGRESS:
            return self.progress.get(value, str(value))
        if kind == ASSIGNMENT:
            return self.assignment.get(value, str(value))
        if kind == PERCENT:
            return f"{value}%"
        if kind == SCORE:
            return f"{Decimal(value).normalize():f}%"
        if kind == DATE:
            return _as_date(value).isoformat()
        if kind == YES_NO:
            return self.yes if value else self.no
        return str(value)


def cell_text(column: Column, value) -> str:
    """One cell as text (see CellFormatter)."""
    return CellFormatter().text(column, value)


def _xlsx_value(column: Column, value, formatter: CellFormatter):
    """A cell for XLSX: numbers and dates stay typed so the spreadsheet can sort and sum them."""
    if value is None or value == "":
        return None
    if column.kind in (PERCENT, SCORE):
        return float(value) / 100
    if column.kind == NUMBER:
        return value
    if column.kind == DATE:
        return _as_date(value)
    return formatter.text(column, value)


class TableSpreadsheet(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export, fed a `Table` instead of a queryset."""

    def __init__(self, table: Table, *, filename: str):
        self.table = table
        self.columns = {column.key: column for column in table.columns}
        self.list_export = [column.key for column in table.columns]
        self.export_filename = slugify(filename)[:80] or "report"
        self.formatter = CellFormatter()

    def get_heading(self, queryset, field):
        return self.columns[field].full_heading

    def to_row_dict(self, item):
        return OrderedDict(zip(self.list_export, item, strict=True))

    def preprocess_field_value(self, field, value, export_format):
        column = self.columns[field]
        if export_format == self.FORMAT_CSV:
            return neutralise(self.formatter.text(column, value))
        return _xlsx_value(column, value, self.formatter)

    def stream_csv(self, queryset):
        """Wagtail's CSV stream, after a byte-order mark so that spreadsheet programs read the
        names as UTF-8 (accents and all) rather than guess."""
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        """Wagtail's XLSX writing, made fast enough for 1,000 people by 70 columns: plain values
        are appended as they are (openpyxl reuses one cell for them); only cells with a number
        format, and text that openpyxl would take for a formula, become cells of their own."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title=_("Report"))
        columns = self.table.columns
        formats = {PERCENT: "0%", SCORE: "0.0%", DATE: "yyyy-mm-dd"}

        def cell(value, number_format=None):
            if isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # text, never a formula
                return cell
            if number_format is None or value is None:
                return value
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = number_format
            return cell

        sheet.append([cell(column.full_heading) for column in columns])
        for row in queryset:
            sheet.append(
                [
                    cell(_xlsx_value(column, value, self.formatter), formats.get(column.kind))
                    for column, value in zip(columns, row, strict=True)
                ]
            )
        workbook.save(output)

    def response(self, export_format: str):
        rows = [*self.table.rows, *self.table.footer]
        return self.as_spreadsheet(rows, export_format)


# --- The reports' tables -------------------------------------------------------------------------


def matrix_table(matrix, *, rows=None, organisation_column: bool = True) -> Table:
    """The progress matrix: one row per person (all of them, or `rows`): the person, the
    course's columns, then the summary; totals per column last. The organisation column is
    left out when the report is of one organisation."""
    lead = [Column("name", _("Person"), sort="name")]
    if organisation_column:
        lead.append(Column("organisation", _("Organisation"), sort="organisation"))
    units = []
    for index, unit in enumerate(matrix.units):
        units.append(Column(f"unit-{index}", _("Progress"), PROGRESS, group=unit.title))
        if unit.quiz_id:
            heading = _("Sign-off best") if unit.quiz_kind == "signoff" else _("Quiz best")
            units.append(Column(f"score-{index}", heading, SCORE, group=unit.title))
    summary = [
        Column("percent", _("Course complete"), PERCENT, sort="percent"),
        Column("assignment", _("Assignment"), ASSIGNMENT),
        Column("due", _("Due"), DATE),
        Column("activity", _("Last activity"), DATE, sort="activity"),
        Column("completed", _("Completed on"), DATE),
        Column("email", _("Email")),
    ]
    table = Table(columns=lead + units + summary)
    for row in matrix.rows if rows is None else rows:
        values = [row.name, *([row.organisation] if organisation_column else [])]
        for unit, cell in zip(matrix.units, row.cells, strict=True):
            values.append(cell.status)
            if unit.quiz_id:
                values.append(cell.best_score)
        values += [row.percent, row.status, row.due_on, row.last_activity, row.completed_at, row.email]
        table.rows.append(values)
    if matrix.units:
        for label, attribute in ((_("Total complete"), "complete"), (_("Total in progress"), "in_progress")):
            values = [label] + [""] * (len(lead) - 1)
            for unit, totals in zip(matrix.units, matrix.totals, strict=True):
                values.append(str(getattr(totals, attribute)))
                if unit.quiz_id:
                    values.append("")
            table.footer.append(values + [""] * len(summary))
    return table


def items_table(analysis) -> Table:
    """Quiz item analysis: one row per choice of each question, most-missed questions first."""
    table = Table(
        columns=[
            Column("question", _("Question")),
            Column("asked", _("Answered on a first attempt"), NUMBER),
            Column("right", _("Right first time"), PERCENT),
            Column("choice", _("Choice")),
            Column("correct", _("Right answer"), YES_NO),
            Column("picked", _("Picked by"), NUMBER),
            Column("picked_percent", _("Picked by (%)"), PERCENT),
        ]
    )
    for question in analysis.questions:
        for choice in question.choices or [None]:
            table.rows.append(
                [
                    question.prompt,
                    question.asked,
                    question.percent_correct,
                    choice.text if choice else "",
                    choice.correct if choice else "",
                    choice.picked if choice else "",
                    choice.percent if choice else "",
                ]
            )
    return table


def weeks_table(data) -> Table:
    table = Table(columns=[Column("week", _("Week starting"), DATE), Column("completions", _("Completions"), NUMBER)])
    table.rows = [[week.week_start, week.completions] for week in data.weeks]
    return table


def organisations_table(data) -> Table:
    table = Table(
        columns=[
            Column("organisation", _("Organisation")),
            Column("people", _("People"), NUMBER),
            Column("complete", _("Completed the course"), NUMBER),
            Column("percent", _("Completed (%)"), PERCENT),
        ]
    )
    table.rows = [[o.organisation, o.people, o.complete, o.percent] for o in data.organisations]
    return table
