"""Every problem a CSV of people can have is named on its row; nothing is written here."""

import pytest

from invitations.csv_import import MAX_BYTES, MAX_ROWS, read_people_csv


def read(text: str, **kwargs):
    return read_people_csv(text.encode(), filename="people.csv", **kwargs)


def test_a_good_file_is_ready():
    preview = read("email,role,first_name\nsam@a.org,trainee,Sam\nrobin@a.org,manager,Robin\n")
    assert preview.ok
    assert [(r.email, r.role) for r in preview.rows] == [("sam@a.org", "trainee"), ("robin@a.org", "manager")]


def test_role_defaults_to_trainee_and_email_is_lowercased():
    preview = read("email\nSam@A.org\n")
    assert preview.ok and preview.rows[0].email == "sam@a.org" and preview.rows[0].role == "trainee"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("email,role\n,trainee\n", "missing"),
        ("email,role\nnot-an-address,trainee\n", "not a valid email"),
        ("email,role\nsam@a.org,boss\n", "not a role here"),
        ("email\nsam@a.org\nSAM@a.org\n", "same address is on line 2"),
        ("email\nsam@a.org,extra\n", "more cells"),
    ],
)
def test_row_problems_are_named_on_their_row(text, problem):
    preview = read(text)
    assert not preview.ok
    assert any(problem in p for row in preview.problem_rows for p in row.problems)


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (b"name,phone\nSam,123\n", "people.csv", "The columns should be"),
        (b"email,favourite_colour\nsam@a.org,blue\n", "people.csv", "The columns should be"),
        (b"%PDF-1.4 binary", "people.pdf", "not a CSV file"),
        (b"\xff\xfe\x00e\x00m", "people.csv", "not readable text"),
        (b"email\x00\n", "people.csv", "not a CSV file"),
        (b"email\n" + b"a@b.org\n" * (MAX_BYTES // 8 + 1), "people.csv", "too large"),
        (b"", "people.csv", "The columns should be"),
        (b"email\n\n\n", "people.csv", "no people"),
    ],
)
def test_file_problems_are_named(data, filename, problem):
    preview = read_people_csv(data, filename=filename)
    assert not preview.ok
    assert any(problem in p for p in preview.problems)


def test_too_many_rows_is_refused():
    text = "email\n" + "".join(f"p{n}@a.org\n" for n in range(MAX_ROWS + 1))
    preview = read(text)
    assert not preview.ok and "more than" in preview.problems[0]


def test_existing_members_are_noted_not_invited_again():
    preview = read("email\nsam@a.org\n", members={"sam@a.org"})
    assert preview.ok
    assert preview.rows[0].notes
