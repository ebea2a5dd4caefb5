"""My record, and one trainee's record as their manager and trainers see it."""

import csv
import io
import json

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import build_course, lessons_of, member_of
from tests.records.conftest import SECRET
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db


def test_my_record_shows_completed_courses_certificates_attempts_and_items(trainee_client, history):
    response = trainee_client.get(reverse("records:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Overdose response" in page
    assert reverse("certificates:download", args=[history.pk]) in page
    assert history.code in page
    assert "Sign-off: overdose response" in page and "Check: overdose signs" in page
    assert "25.0%" in page  # the trainee sees their own check-quiz score
    assert "Lesson 1.1" in page and "Lesson 1.2" in page
    assert reverse("records:export_json") in page and reverse("records:export_csv") in page
    assert SECRET not in page  # reflections are not on the record page, even one's own


def test_a_new_trainee_sees_a_kind_empty_record(trainee_client):
    page = trainee_client.get(reverse("records:mine")).content.decode()
    assert "No completed courses yet" in page and "No certificates yet" in page


def test_the_header_links_to_my_record(trainee_client):
    assert reverse("records:mine") in trainee_client.get(reverse("training:dashboard")).content.decode()


# What a manager and trainers see -----------------------------------------------------------


def member_record(client, person):
    return client.get(reverse("records:member", args=[person.pk]))


@pytest.mark.parametrize("who", ["manager", "trainer", "admin_user"])
def test_the_trainees_manager_and_trainers_see_the_record_without_private_things(
    client, request, history, who, trainee
):
    client.force_login(request.getfixturevalue(who))
    response = member_record(client, trainee)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Overdose response" in page and history.code in page
    assert "Sign-off: overdose response" in page and "100.0%" in page  # sign-off results are shared
    assert "Check: overdose signs" in page and "25.0%" not in page  # check scores are private
    assert SECRET not in page and "What worries you?" not in page
    assert reverse("records:export_json") not in page  # the data download is the trainee's own


@pytest.mark.parametrize("who", ["other_manager", "other_trainee", "trainee"])
def test_nobody_else_sees_the_record(client, request, history, who, trainee, manager):
    client.force_login(request.getfixturevalue(who))
    target = manager if who == "trainee" else trainee  # a trainee cannot look at a colleague either
    assert member_record(client, target).status_code == 404


def test_the_team_member_page_links_to_the_record(client, manager, trainee):
    client.force_login(manager)
    page = client.get(reverse("team:member", args=[trainee.pk])).content.decode()
    assert reverse("records:member", args=[trainee.pk]) in page


# The person's own data -------------------------------------------------------------------


def test_the_json_download_holds_all_of_my_own_data(trainee_client, history, trainee):
    response = trainee_client.get(reverse("records:export_json"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["person"]["email"] == trainee.email
    assert data["memberships"][0]["organisation"] == "Clinic A"
    assert data["reflections"] == [
        {
            "lesson": "Lesson 1.1",
            "prompt": "What worries you?",
            "answer": SECRET,
            "written": data["reflections"][0]["written"],
            "updated": data["reflections"][0]["updated"],
        }
    ]
    attempts = data["quiz_attempts"]
    assert [a["quiz"] for a in attempts] == [
        "Check: overdose signs",
        "Sign-off: overdose response",
        "Sign-off: overdose response",
    ]
    assert attempts[2]["passed"] is True and attempts[2]["score_percent"] == "100.0"
    assert all(answer["correct"] for answer in attempts[2]["answers"])
    assert attempts[2]["answers"][0]["your_answer"]  # the chosen choices' text
    assert {p["item"] for p in data["progress"]} >= {"Lesson 1.1", "Lesson 1.2"}
    assert data["certificates"][0]["verification_code"] == history.code
    assert data["certificates"][0]["verify_url"] == f"http://testserver/verify/{history.code}/"


def test_the_csv_download_has_the_same_data_and_defuses_formulas(trainee_client, history, trainee):
    from training.models import ReflectionAnswer

    ReflectionAnswer.objects.filter(user=trainee).update(answer='=HYPERLINK("http://evil.example","x")')
    response = trainee_client.get(reverse("records:export_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    sections = {row["section"] for row in rows}
    assert sections >= {"person", "membership", "progress", "quiz attempt", "quiz answer", "reflection", "certificate"}
    reflection = next(row for row in rows if row["section"] == "reflection")
    assert reflection["answer"] == '\'=HYPERLINK("http://evil.example","x")'
    assert any(row["section"] == "certificate" and row["detail"] == history.code for row in rows)


def test_each_download_holds_only_the_signed_in_persons_data(client, history, other_trainee):
    client.force_login(other_trainee)
    data = json.loads(client.get(reverse("records:export_json")).content)
    assert data["person"]["email"] == other_trainee.email
    assert data["reflections"] == [] and data["quiz_attempts"] == [] and data["certificates"] == []


def test_downloads_need_signing_in(client):
    for name in ("records:export_json", "records:export_csv", "records:mine"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Queries: the same whatever the size of the record ---------------------------------------


def grow(person, *, courses: int, lessons: int, capture):
    for n in range(courses):
        course = build_course(modules=1, lessons_per_module=lessons, slug=f"grow-{n}-{lessons}")
        for lesson in lessons_of(course):
            with capture(execute=True):
                progress_mark_complete(user=person, page=lesson)


def count_queries(client, url) -> int:
    client.get(url)  # warm the outline cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_record_pages_make_the_same_number_of_queries_at_two_sizes(
    client, clinic_a, manager, django_capture_on_commit_callbacks
):
    small, large = member_of(clinic_a), member_of(clinic_a)
    grow(small, courses=1, lessons=1, capture=django_capture_on_commit_callbacks)
    grow(large, courses=3, lessons=4, capture=django_capture_on_commit_callbacks)
    counts = []
    for person in (small, large):
        client.force_login(person)
        counts.append(
            (
                count_queries(client, reverse("records:mine")),
                count_queries(client, reverse("records:export_json")),
                count_queries(client, reverse("records:export_csv")),
            )
        )
    client.force_login(manager)
    counts.append(tuple(count_queries(client, reverse("records:member", args=[p.pk])) for p in (small, large)))
    assert counts[0] == counts[1], counts
    assert counts[2][0] == counts[2][1], counts
