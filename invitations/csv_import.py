"""Reading a CSV of people to invite: a pure function from bytes to a preview. Nothing is
written here; the manager confirms the preview before any invitation is made."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

MAX_BYTES = 256 * 1024
MAX_ROWS = 500
REQUIRED_COLUMNS = {"email"}
KNOWN_COLUMNS = {"email", "role", "first_name", "last_name"}
ROLES = {"trainee", "manager"}


@dataclass
class Row:
    line: int
    email: str
    role: str
    first_name: str
    last_name: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_data(self) -> dict:
        return {"email": self.email, "role": self.role, "first_name": self.first_name, "last_name": self.last_name}


@dataclass
class Preview:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows) and all(row.ok for row in self.rows)

    @property
    def problem_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.ok]


def read_people_csv(data: bytes, *, filename: str = "", members: set[str] = frozenset()) -> Preview:
    """Check every row of an uploaded CSV. `members` are the addresses already in the
    organisation (they are noted, not invited again)."""
    preview = Preview()
    if filename and not filename.lower().endswith(".csv"):
        preview.problems.append(
            _("This is not a CSV file. Save the spreadsheet as CSV (comma-separated) and try again.")
        )
        return preview
    if len(data) > MAX_BYTES:
        preview.problems.append(
            _("The file is too large (the limit is %(kb)s KB). Split it into smaller files.")
            % {"kb": MAX_BYTES // 1024}
        )
        return preview
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        preview.problems.append(_("This file is not readable text. Save it as CSV with UTF-8 encoding."))
        return preview
    if "\x00" in text:
        preview.problems.append(
            _("This is not a CSV file. Save the spreadsheet as CSV (comma-separated) and try again.")
        )
        return preview
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error:
        preview.problems.append(_("The file could not be read as CSV."))
        return preview
    missing = REQUIRED_COLUMNS - set(header)
    unknown = set(header) - KNOWN_COLUMNS
    if missing or unknown:
        preview.problems.append(
            _("The columns should be: email, role, first_name, last_name (only email is required). Found: %(found)s.")
            % {"found": ", ".join(header) or _("nothing")}
        )
        return preview
    reader.fieldnames = header
    seen: dict[str, int] = {}
    try:
        for index, raw in enumerate(reader, start=2):
            if len(preview.rows) >= MAX_ROWS:
                preview.problems.append(
                    _("The file has more than %(max)s people. Split it into smaller files.") % {"max": MAX_ROWS}
                )
                return preview
            extra = None in raw  # DictReader files cells beyond the header under None
            values = {key: (raw.get(key) or "").strip() for key in KNOWN_COLUMNS}
            if not any(values.values()) and not extra:
                continue  # blank line
            row = Row(
                line=index,
                email=values["email"].lower(),
                role=(values["role"] or "trainee").lower(),
                first_name=values["first_name"][:150],
                last_name=values["last_name"][:150],
            )
            if extra:
                row.problems.append(_("This row has more cells than there are columns."))
            if not row.email:
                row.problems.append(_("The email address is missing."))
            else:
                try:
                    validate_email(row.email)
                except ValidationError:
                    row.problems.append(_("“%(email)s” is not a valid email address.") % {"email": row.email})
            if row.role not in ROLES:
                row.problems.append(
                    _("“%(role)s” is not a role here: use trainee or manager.") % {"role": values["role"]}
                )
            if row.email and row.email in seen:
                row.problems.append(_("The same address is on line %(line)s.") % {"line": seen[row.email]})
            elif row.email:
                seen[row.email] = index
            if row.email in members:
                row.notes.append(_("Already a member: nothing will be sent."))
            preview.rows.append(row)
    except csv.Error as error:
        preview.problems.append(_("The file could not be read as CSV (%(error)s).") % {"error": error})
        return preview
    if not preview.rows and not preview.problems:
        preview.problems.append(_("The file has no people in it."))
    return preview
