"""Writes for reminders: the person's choices, claiming a reminder (once), and sending it."""

import logging
from datetime import date
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import ReminderPreference, SentReminder

logger = logging.getLogger(__name__)


def preference_update(*, user, due_date_reminders: bool, team_digest: bool | None = None) -> ReminderPreference:
    """Save the person's choices. `team_digest` None leaves the summary choice as it was."""
    preference = selectors.preference_for(user=user)
    preference.due_date_reminders = due_date_reminders
    if team_digest is not None:
        preference.team_digest = team_digest
    preference.save()
    return preference


def reminder_claim(*, user_id: int, kind: str, on: date, course_id: int | None = None) -> SentReminder:
    """Record that this reminder is going out. Raises IntegrityError if it already has: the
    database's unique constraint decides, so two schedulers at the same moment cannot both win.
    Call it inside a transaction that also queues the email (see reminders.scheduler)."""
    return SentReminder.objects.create(user_id=user_id, course_id=course_id, kind=kind, on=on)


def absolute_url(path: str) -> str:
    """A link for an email: the site's address (WAGTAILADMIN_BASE_URL) and the path."""
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path)


def _email(*, template: str, context: dict, to: str) -> EmailMultiAlternatives:
    """A plain-text email with an HTML alternative, from templates/reminders/email/<template>*."""
    context = {
        **context,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "preferences_url": absolute_url(reverse("reminders:preferences")),
    }
    folder = "reminders/email/"
    subject = " ".join(render_to_string(f"{folder}{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{folder}{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{folder}{template}.html", context), "text/html")
    return message


def reminder_email(*, sent: SentReminder, today: date | None = None) -> EmailMultiAlternatives | None:
    """The email for a due-date reminder, or None if it is no longer wanted: the person turned
    reminders off, finished the course, or the course's date changed since it was queued."""
    user = sent.user
    if not user.is_active or not selectors.preference_for(user=user).due_date_reminders:
        return None
    course = selectors.course_for_reminder(user=user, course_id=sent.course_id, today=today)
    if course is None or course.is_complete or course.due is None or course.due.on != sent.on:
        return None
    context = {"user": user, "course": course, "course_url": absolute_url(course.url), "kind": sent.kind}
    return _email(template=sent.kind, context=context, to=user.email)


def digest_email(*, sent: SentReminder, today: date | None = None) -> EmailMultiAlternatives | None:
    """The weekly summary for a manager, or None if they turned it off, are no longer a clinic
    manager, or have nobody with an assigned course."""
    user = sent.user
    if not user.is_active or not selectors.preference_for(user=user).team_digest:
        return None
    digest = selectors.digest_for(manager=user, today=today)
    if digest is None or digest.is_empty:
        return None
    context = {"user": user, "digest": digest, "team_url": absolute_url(reverse("team:overview")), "week": sent.on}
    return _email(template="digest", context=context, to=user.email)


def reminder_deliver(*, sent_reminder_id: int, today: date | None = None) -> str:
    """Send one claimed reminder (the body of the background task). Returns what happened.

    If sending fails, the claim is removed so the next scheduler run queues it again; the
    error is raised, so the task shows as failed.
    """
    sent = SentReminder.objects.select_related("user").filter(pk=sent_reminder_id).first()
    if sent is None or sent.status != SentReminder.Status.QUEUED:
        return sent.status if sent else "missing"
    build = digest_email if sent.kind == SentReminder.Kind.DIGEST else reminder_email
    message = build(sent=sent, today=today)
    if message is None:
        SentReminder.objects.filter(pk=sent.pk, status=SentReminder.Status.QUEUED).update(
            status=SentReminder.Status.SKIPPED
        )
        return SentReminder.Status.SKIPPED
    try:
        message.send()
    except Exception:
        logger.exception("Could not send reminder %s; it will be queued again", sent.pk)
        SentReminder.objects.filter(pk=sent.pk, status=SentReminder.Status.QUEUED).delete()
        raise
    SentReminder.objects.filter(pk=sent.pk).update(status=SentReminder.Status.SENT, sent_at=timezone.now())
    return SentReminder.Status.SENT
