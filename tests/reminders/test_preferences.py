"""The email settings page: everyone can turn reminders off; clinic managers, their summary too."""

import pytest

from django.core import mail
from django.urls import reverse

from reminders.models import ReminderPreference
from reminders.scheduler import reminders_schedule

pytestmark = pytest.mark.django_db

URL = reverse("reminders:preferences")


def test_a_trainee_sees_the_reminder_choice_on(client, trainee):
    client.force_login(trainee)
    html = client.get(URL).content.decode()
    assert 'name="due_date_reminders"' in html and "checked" in html
    assert 'name="team_digest"' not in html


@pytest.mark.parametrize("who, offered", [("manager", True), ("trainer", False), ("admin_user", False)])
def test_only_clinic_managers_are_offered_the_summary(client, request, who, offered):
    client.force_login(request.getfixturevalue(who))
    assert ('name="team_digest"' in client.get(URL).content.decode()) is offered


def test_a_trainee_turns_reminders_off_and_gets_none(client, trainee, assign):
    client.force_login(trainee)
    response = client.post(URL, {})
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=trainee).due_date_reminders is False
    assert "checked" not in client.get(URL).content.decode()
    assign(3, user=trainee)
    reminders_schedule()
    assert mail.outbox == []


def test_turning_them_back_on(client, trainee):
    ReminderPreference.objects.create(user=trainee, due_date_reminders=False)
    client.force_login(trainee)
    client.post(URL, {"due_date_reminders": "on"})
    assert ReminderPreference.objects.get(user=trainee).due_date_reminders is True


def test_a_manager_turns_the_summary_off_but_keeps_reminders(client, manager):
    client.force_login(manager)
    client.post(URL, {"due_date_reminders": "on"})
    preference = ReminderPreference.objects.get(user=manager)
    assert (preference.due_date_reminders, preference.team_digest) == (True, False)


def test_a_trainee_cannot_switch_a_summary_they_are_not_offered(client, trainee):
    client.force_login(trainee)
    response = client.post(URL, {"due_date_reminders": "on", "team_digest": "on"})
    assert response.status_code == 400
    assert not ReminderPreference.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_dashboard_and_the_team_page_link_to_the_settings(client, trainee, manager):
    client.force_login(trainee)
    assert URL in client.get(reverse("training:dashboard")).content.decode()
    client.force_login(manager)
    assert URL in client.get(reverse("team:overview")).content.decode()
