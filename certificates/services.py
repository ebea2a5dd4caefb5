"""Writes to certificates. Every certificate is issued, revoked and renewed here.

Rules kept here, and backed by the database:
- a certificate is issued once per completion of a course, however many requests complete the
  course at the same moment (a unique constraint on person, course and completion date; the
  person's row is locked while issuing, so two requests cannot both decide to issue);
- a course completed again while its certificate is still good issues nothing new; once that
  certificate is due for renewal (within the reminder window, or expired), retaking a quiz of the
  course and so completing it again issues a new certificate dated that day;
- a revoked certificate stays revoked: completing the course again does not quietly replace it;
- the renewal reminder goes out once per certificate, and the course is assigned again once.
"""

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from assignments.services import assignment_create
from lessons.models import CoursePage
from training import selectors as training_selectors
from training.models import LearningProgress

from .models import Certificate
from .selectors import issuer_name

logger = logging.getLogger(__name__)


class CertificateError(ValueError):
    """A change that cannot be made. The message is safe to show."""


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month where that day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def holder_name(user) -> str:
    """The name printed on a certificate: the person's full name, else the name they go by."""
    return (user.get_full_name() or user.display_name)[:255]


def renewal_opens_on(certificate: Certificate) -> date | None:
    """From which day completing the course again renews the certificate (None: never needed)."""
    if certificate.expires_on is None:
        return None
    return certificate.expires_on - timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)


def _is_due_for_renewal(certificate: Certificate, today: date) -> bool:
    opens = renewal_opens_on(certificate)
    return not certificate.is_revoked and opens is not None and opens <= today


def certificate_issue(
    *, user, course: CoursePage, completed_on: date, now: datetime | None = None
) -> Certificate | None:
    """Issue the certificate for `user` completing `course` on `completed_on`, unless one is
    already there for it. A completion while the person's latest certificate for the course is
    due for renewal renews it: the new certificate is dated the day of renewal.

    Returns the new or existing certificate; None when the person's certificate for the course
    was revoked (a trainer decides what comes next).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        # One issuer at a time per person. FOR NO KEY UPDATE does not block the inserts of
        # progress rows that point at the person (they take a key-share lock).
        get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).first()
        latest = Certificate.objects.filter(user=user, course=course).order_by("-completed_on").first()
        if latest is not None:
            if latest.is_revoked:
                return None
            if not _is_due_for_renewal(latest, today):
                return latest
            completed_on = max(completed_on, today)
            if latest.completed_on >= completed_on:
                return latest
        months = course.certificate_valid_months
        try:
            with transaction.atomic():  # a savepoint: the race's loser reads the winner's row
                return Certificate.objects.create(
                    user=user,
                    course=course,
                    course_title=course.title[:255],
                    holder_name=holder_name(user),
                    completed_on=completed_on,
                    ce_hours=course.ce_hours,
                    issued_at=now,
                    expires_on=add_months(completed_on, months) if months else None,
                )
        except IntegrityError:
            existing = Certificate.objects.filter(user=user, course=course, completed_on=completed_on).first()
            if existing is None:
                raise
            return existing


def certificate_issue_if_complete(*, user, course_path: str, now: datetime | None = None) -> Certificate | None:
    """Issue the course's certificate if `user` has completed every required item of the course
    at `course_path`, dated the day the last of them was completed (or, for a renewal, today)."""
    outline = training_selectors.course_outline_at(path=course_path)
    if outline is None:
        return None
    progress = training_selectors.progress_from_outline(user=user, outline=outline)
    if not progress.is_complete:
        return None
    course = CoursePage.objects.filter(pk=outline.course.id).first()
    if course is None:
        return None
    completed_on = timezone.localdate(max(item.progress.completed_at for item in progress.required))
    return certificate_issue(user=user, course=course, completed_on=completed_on, now=now)


def _course_path_of_item(page) -> str:
    """A learning item sits two levels below its course: course -> module -> item."""
    return page.path[: (page.depth - 2) * Page.steplen]


def certificate_on_item_completed(sender, *, user, page, first_time: bool, source: str = "", **kwargs) -> None:
    """Receiver of training.signals.item_completed (after commit).

    A first completion checks whether the course is now complete (one query for the person's
    progress; the course outline is cached). An item completed again only matters when it is a
    quiz retaken while the person's certificate is due for renewal (one query to find out).
    """
    course_path = _course_path_of_item(page)
    if not first_time:
        if source != LearningProgress.CompletionSource.QUIZ:
            return
        latest = Certificate.objects.filter(user=user, course__path=course_path).order_by("-completed_on").first()
        if latest is None or not _is_due_for_renewal(latest, timezone.localdate()):
            return
    certificate_issue_if_complete(user=user, course_path=course_path)


def certificate_revoke(*, certificate: Certificate, by, reason: str, now: datetime | None = None) -> Certificate:
    """Revoke a certificate with a reason. Its code then shows it as revoked."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("Say why the certificate is revoked.")
    now = now or timezone.now()
    updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by, revoked_reason=reason
    )
    if not updated:
        raise CertificateError("This certificate was already revoked.")
    certificate.refresh_from_db()
    return certificate


# Expiry -------------------------------------------------------------------------------------


@dataclass
class ExpiryRun:
    """What one run of `certificates_process_expiring` did."""

    reminded: list[int] = field(default_factory=list)
    reassigned: list[int] = field(default_factory=list)


def _not_superseded():
    """Certificates with no later certificate for the same person and course (not renewed yet)."""
    later = Certificate.objects.filter(
        user=OuterRef("user"), course=OuterRef("course"), completed_on__gt=OuterRef("completed_on")
    )
    return ~Exists(later)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_reminder(certificate: Certificate, *, today: date) -> None:
    context = {
        "certificate": certificate,
        "name": certificate.user.display_name,
        "expired": certificate.expires_on <= today,
        "organisation": issuer_name(),
        "dashboard_url": _absolute(reverse("training:dashboard")),
        "record_url": _absolute(reverse("records:mine")),
    }
    send_mail(
        subject=render_to_string("certificates/email/renewal_reminder_subject.txt", context).strip(),
        message=render_to_string("certificates/email/renewal_reminder.txt", context),
        from_email=None,
        recipient_list=[certificate.user.email],
    )


def certificates_process_expiring(*, today: date | None = None, now: datetime | None = None) -> ExpiryRun:
    """Send renewal reminders and assign courses again. Safe to run as often as you like (daily
    is enough): each certificate is reminded once and its course assigned again once, because
    each is claimed with a conditional UPDATE before anything is sent.

    - A reminder goes to the holder of each current certificate that expires within
      CERTIFICATE_REMINDER_DAYS (or expired as long ago, when runs were missed).
    - On expiry, if the course says so, the course is assigned to the person again, due
      CERTIFICATE_REASSIGN_DUE_DAYS days later.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    window = timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
    current = Certificate.objects.filter(_not_superseded(), revoked_at__isnull=True, expires_on__isnull=False)
    run = ExpiryRun()

    due_reminders = current.filter(
        renewal_reminded_at__isnull=True, expires_on__lte=today + window, expires_on__gte=today - window
    ).select_related("user")
    for certificate in due_reminders:
        try:
            with transaction.atomic():
                claimed = Certificate.objects.filter(pk=certificate.pk, renewal_reminded_at__isnull=True).update(
                    renewal_reminded_at=now
                )
                if claimed:
                    _send_reminder(certificate, today=today)  # a failure undoes the claim: tried next run
                    run.reminded.append(certificate.pk)
        except Exception:
            logger.exception("Could not send the renewal reminder for certificate %s", certificate.pk)

    reassign = list(
        current.filter(
            reassigned_at__isnull=True,
            expires_on__lte=today,
            course__in=CoursePage.objects.live().filter(reassign_on_expiry=True).values("pk"),
        ).select_related("user")
    )
    due_after = timedelta(days=settings.CERTIFICATE_REASSIGN_DUE_DAYS)
    courses = {c.pk: c for c in CoursePage.objects.filter(pk__in=[c.course_id for c in reassign])}
    for certificate in reassign:
        with transaction.atomic():
            claimed = Certificate.objects.filter(pk=certificate.pk, reassigned_at__isnull=True).update(
                reassigned_at=now
            )
            if claimed:
                assignment_create(
                    course=courses[certificate.course_id], user=certificate.user, due_on=today + due_after
                )
                run.reassigned.append(certificate.pk)
    return run
