"""The team page shows people a page at a time, keeps its filters in the page links, and finds a
person by name or email among those the viewer may see, and no one else."""

import re

import pytest

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from organisations.models import Membership
from team.selectors import PEOPLE_PER_PAGE

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("team:overview")
STAFF = PEOPLE_PER_PAGE + 10


def add_people(clinic, count: int) -> None:
    """People "Person 01", "Person 02", ... in `clinic` (in bulk): they sort before the fixtures'
    Robin (clinic A's manager) and Sam."""
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"person{n:02}@{clinic.slug}.example.org", first_name=f"Person {n:02}")
            for n in range(1, count + 1)
        ]
    )
    Membership.objects.bulk_create([Membership(user=u, organisation=clinic, joined_at=now) for u in users])


def names(html: str) -> list[str]:
    """The people listed in the table, in order."""
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)


def get(client, **params) -> str:
    response = client.get(OVERVIEW, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def staffed(client, manager, clinic_a):
    add_people(clinic_a, STAFF)
    client.force_login(manager)
    return client


def test_the_first_page_shows_the_first_people_and_says_how_many_pages(staffed):
    html = get(staffed)
    assert names(html) == [f"Person {n:02}" for n in range(1, PEOPLE_PER_PAGE + 1)]
    assert "Page 1 of 2" in html
    assert f"{STAFF + 1} people" in html
    assert '<a aria-current="page" href="?page=1">' in html
    assert 'rel="next" href="?page=2"' in html and 'rel="prev"' not in html


def test_page_2_shows_the_next_people(staffed):
    html = get(staffed, page=2)
    assert names(html) == [f"Person {n:02}" for n in range(PEOPLE_PER_PAGE + 1, STAFF + 1)] + ["Robin"]
    assert "Page 2 of 2" in html
    assert '<a aria-current="page" href="?page=2">' in html
    assert 'rel="prev" href="?page=1"' in html and 'rel="next"' not in html


@pytest.mark.parametrize(
    ("page", "shown"),
    [("abc", 1), ("", 1), ("2.5", 1), ("0", 1), ("-3", 1), ("9999", 2), ("99999999999999999999999", 2)],
)
def test_a_page_number_that_does_not_exist_shows_the_first_or_last_page(staffed, page, shown):
    html = get(staffed, page=page)
    assert f"Page {shown} of 2" in html
    assert names(html)[0] == ("Person 01" if shown == 1 else f"Person {PEOPLE_PER_PAGE + 1:02}")


def test_everyone_on_one_page_needs_no_page_links(client, manager, trainee):
    client.force_login(manager)
    html = get(client, page="7")
    assert names(html) == ["Robin", "Sam"]
    assert "Page 1 of" not in html and 'rel="next"' not in html


def test_page_links_keep_the_organisation_filter_and_the_search(client, trainer, clinic_a):
    add_people(clinic_a, STAFF)
    client.force_login(trainer)
    html = get(client, organisation="clinic-a", q="person")
    assert 'rel="next" href="?organisation=clinic-a&amp;q=person&amp;page=2"' in html
    html = get(client, organisation="clinic-a", q="person", page=2)
    assert 'rel="prev" href="?organisation=clinic-a&amp;q=person&amp;page=1"' in html
    assert names(html) == [f"Person {n:02}" for n in range(PEOPLE_PER_PAGE + 1, STAFF + 1)]
    assert 'value="clinic-a" selected' in html and 'value="person"' in html


@pytest.mark.parametrize("q", ["Person 07", "person07@", "  PERSON 07  "])
def test_a_search_by_name_or_email_narrows_the_list(staffed, q):
    html = get(staffed, q=q)
    assert names(html) == ["Person 07"]
    assert f"1 person matches “{q.strip()}”" in html
    assert "Page 1 of" not in html


def test_a_search_that_finds_nobody_says_so_kindly(staffed):
    html = get(staffed, q="nobody-by-this-name")
    assert names(html) == []
    assert "Nobody here matches “nobody-by-this-name”" in html


def test_a_search_term_is_shown_escaped(staffed):
    html = get(staffed, q="<b>x</b>")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


@pytest.mark.parametrize("q", ["Kai", "trainee@clinic-b", "clinic-b", "Ash"])
def test_a_manager_searching_for_another_clinics_people_finds_nobody(client, manager, other_trainee, other_manager, q):
    client.force_login(manager)
    html = get(client, q=q)
    assert names(html) == []
    assert "clinic-b.example.org" not in html


def test_a_trainer_finds_people_in_every_organisation_or_only_the_chosen_one(client, trainer, trainee, other_trainee):
    client.force_login(trainer)
    assert names(get(client, q="trainee@")) == ["Sam", "Kai"]  # by organisation: Clinic A, then Clinic B
    assert names(get(client, q="Kai")) == ["Kai"]
    assert names(get(client, q="Kai", organisation="clinic-a")) == []
