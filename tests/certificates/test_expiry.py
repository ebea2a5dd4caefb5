"""Expiring certificates: one renewal reminder each, and the course assigned again on expiry
where the course asks for it. Running the job again changes nothing."""

from datetime import timedelta

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from assignments.models import Assignment
from certificates.models import Certificate
from certificates.services import certificate_revoke, certificates_process_expiring
from tests.certificates.conftest import set_course

pytestmark = pytest.mark.django_db


def expiring_in(certificate, days: int) -> Certificate:
    today = timezone.localdate()
    Certificate.objects.filter(pk=certificate.pk).update(
        completed_on=today - timedelta(days=365 - days), expires_on=today + timedelta(days=days)
    )
    certificate.refresh_from_db()
    return certificate


def test_a_certificate_expiring_within_the_window_gets_one_reminder(completed, trainee, settings):
    settings.CERTIFICATE_REMINDER_DAYS = 30
    expiring_in(completed, 45)
    assert certificates_process_expiring().reminded == []
    assert mail.outbox == []

    expiring_in(completed, 20)
    run = certificates_process_expiring()
    assert run.reminded == [completed.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [trainee.email]
    assert "Overdose response" in message.subject
    assert "http://testserver/my-training/" in message.body and "http://testserver/record/" in message.body

    for day in range(3):  # daily runs, and one run with the date moved on
        certificates_process_expiring(today=timezone.localdate() + timedelta(days=day))
    assert len(mail.outbox) == 1
    completed.refresh_from_db()
    assert completed.renewal_reminded_at is not None


def test_revoked_never_expiring_and_renewed_certificates_get_no_reminder(completed, trainee, trainer, ce_course):
    expiring_in(completed, 10)
    renewed = Certificate.objects.create(
        user=trainee,
        course=ce_course,
        course_title=completed.course_title,
        holder_name="Sam",
        completed_on=timezone.localdate(),
        expires_on=timezone.localdate() + timedelta(days=365),
    )
    assert certificates_process_expiring().reminded == []
    renewed.delete()
    certificate_revoke(certificate=completed, by=trainer, reason="Wrong person")
    assert certificates_process_expiring().reminded == []
    assert mail.outbox == []


def test_a_failed_email_is_tried_again_next_run(completed, monkeypatch):
    expiring_in(completed, 5)

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr("certificates.services.send_mail", broken)
    assert certificates_process_expiring().reminded == []
    completed.refresh_from_db()
    assert completed.renewal_reminded_at is None
    monkeypatch.undo()
    assert certificates_process_expiring().reminded == [completed.pk]


def test_on_expiry_the_course_is_assigned_again_when_it_says_so(completed, trainee, ce_course, settings):
    settings.CERTIFICATE_REASSIGN_DUE_DAYS = 30
    expiring_in(completed, 3)
    certificates_process_expiring()
    assert not Assignment.objects.filter(user=trainee).exists()  # not expired yet

    set_course(ce_course, reassign_on_expiry=True)
    later = timezone.localdate() + timedelta(days=3)
    run = certificates_process_expiring(today=later)
    assert run.reassigned == [completed.pk]
    assignment = Assignment.objects.get(user=trainee, course=ce_course)
    assert assignment.due_on == later + timedelta(days=30)
    certificates_process_expiring(today=later + timedelta(days=1))
    assert Assignment.objects.filter(user=trainee).count() == 1
    assignment.refresh_from_db()
    assert assignment.due_on == later + timedelta(days=30)  # not moved by the second run


def test_without_the_setting_an_expired_course_is_not_assigned_again(completed, trainee):
    expiring_in(completed, -1)
    assert certificates_process_expiring().reassigned == []
    assert not Assignment.objects.filter(user=trainee).exists()


def test_the_management_command_runs_the_job(completed, capsys):
    expiring_in(completed, 7)
    call_command("process_certificates")
    assert "Renewal reminders sent: 1" in capsys.readouterr().out
    call_command("process_certificates")
    assert "Renewal reminders sent: 0" in capsys.readouterr().out


def test_the_reminder_scheduler_also_handles_expiring_certificates(completed, trainee, settings):
    settings.CERTIFICATE_REMINDER_DAYS = 30
    expiring_in(completed, 20)
    call_command("send_reminders")
    call_command("send_reminders")
    renewal = [message for message in mail.outbox if "Overdose response" in message.subject]
    assert len(renewal) == 1 and renewal[0].to == [trainee.email]
