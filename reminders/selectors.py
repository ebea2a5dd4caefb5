"""Reads for reminders: who is due which email today, and what a manager's weekly summary says.

The courses each person has and how far they are come from the existing selectors
(`assignments.selectors.assigned_courses_for_members` through `team.selectors.members_progress`);
what a manager's summary may show comes from `organisations.scoping`, as on the team page.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from assignments.models import Assignment
from assignments.selectors import Due
from organisations import scoping
from organisations.models import Cohort, Membership
from team.selectors import MemberCourse, MemberRow, members_progress, team_progress

from .models import ReminderPreference, SentReminder

# A scheduler that did not run for a while still sends the "after" reminder up to this many
# days late; past that, a reminder about an old date would be more noise than help.
CATCH_UP_DAYS = 7
# People looked at together: a fixed number of queries per batch, whatever the batch's size.
BATCH = 500
# The summary lists at most this many courses under each heading; the team page has them all.
DIGEST_LIST_LIMIT = 50
DIGEST_HORIZON_DAYS = 7


@dataclass(frozen=True)
class DueReminder:
    user_id: int
    course_id: int
    kind: str
    due_on: date


def reminder_kind(*, due: Due | None, days_before: int | None = None, days_after: int | None = None) -> str | None:
    """Which reminder a not-yet-finished course with this due date calls for today, if any.

    "before" from `days_before` days ahead up to the day before the date; "after" from
    `days_after` days past it, for a week (in case the scheduler did not run on the day).
    """
    if due is None:
        return None
    days_before = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
    days_after = settings.REMINDER_DAYS_AFTER if days_after is None else days_after
    if 1 <= due.days <= days_before:
        return SentReminder.Kind.BEFORE
    if days_after <= due.days_past < days_after + CATCH_UP_DAYS and due.days_past >= 1:
        return SentReminder.Kind.AFTER
    return None


def preference_for(*, user) -> ReminderPreference:
    """The person's choices (the defaults, unsaved, when they never changed them)."""
    return ReminderPreference.objects.filter(user_id=user.pk).first() or ReminderPreference(user_id=user.pk)


def offers_digest(*, viewer: scoping.Viewer) -> bool:
    """Clinic managers get the weekly summary of their staff; trainers and administrators, who
    see every organisation, do not."""
    return viewer.is_manager and not viewer.sees_everything


def _opted_out(field_name: str) -> QuerySet:
    return ReminderPreference.objects.filter(**{field_name: False}).values("user_id")


def _members_with_dates_between(earliest: date, latest: date) -> QuerySet[Membership]:
    """Current members of active accounts reached by an assignment due between the two dates
    (directly, through a cohort or through their organisation), who did not turn reminders off."""
    dated = Assignment.objects.filter(due_on__range=(earliest, latest))
    cohort_members = Cohort.members.through.objects.filter(
        cohort_id__in=dated.filter(cohort__isnull=False).values("cohort_id")
    ).values("user_id")
    return (
        Membership.objects.filter(left_at__isnull=True, user__is_active=True)
        .filter(
            Q(user_id__in=dated.filter(user__isnull=False).values("user_id"))
            | Q(organisation_id__in=dated.filter(organisation__isnull=False).values("organisation_id"))
            | Q(user_id__in=cohort_members)
        )
        .exclude(user_id__in=_opted_out("due_date_reminders"))
        .select_related("user", "organisation")
        .order_by("pk")
    )


def reminders_due(*, today: date | None = None) -> list[DueReminder]:
    """Every reminder that today calls for: courses not yet finished whose suggested date is a
    few days ahead or a few days past. Whether one already went is the database's to say (see
    SentReminder); this only says what is due."""
    today = today or timezone.localdate()
    earliest = today - timedelta(days=settings.REMINDER_DAYS_AFTER + CATCH_UP_DAYS)
    latest = today + timedelta(days=settings.REMINDER_DAYS_BEFORE)
    members = list(_members_with_dates_between(earliest, latest))
    due = []
    for start in range(0, len(members), BATCH):
        for row in members_progress(memberships=members[start : start + BATCH], today=today):
            for course in row.courses:
                kind = None if course.is_complete else reminder_kind(due=course.due)
                if kind:
                    due.append(DueReminder(row.user.pk, course.course_id, kind, course.due.on))
    return due


def course_for_reminder(*, user, course_id: int, today: date | None = None) -> MemberCourse | None:
    """The person's assigned course as it stands now (None if it is no longer assigned to
    them, or they no longer belong to an organisation)."""
    membership = Membership.objects.filter(user_id=user.pk, left_at__isnull=True).select_related("user").first()
    if membership is None:
        return None
    rows = members_progress(memberships=[membership], today=today)
    return next((c for c in rows[0].courses if c.course_id == course_id), None) if rows else None


def digest_week(*, today: date | None = None) -> date:
    """The first day of the summary's week: the latest REMINDER_DIGEST_WEEKDAY on or before today."""
    today = today or timezone.localdate()
    return today - timedelta(days=(today.weekday() - settings.REMINDER_DIGEST_WEEKDAY) % 7)


def digest_recipients() -> QuerySet[Membership]:
    """Current clinic managers (active accounts, not trainers or administrators) who did not
    turn the summary off. The summary itself asks organisations.scoping again."""
    return (
        Membership.objects.filter(left_at__isnull=True, role=Membership.Role.MANAGER, user__is_active=True)
        .exclude(user__is_superuser=True)
        # Through the link table: Group.objects...values("user") would yield a NULL for a group
        # without members, and NOT IN (NULL) excludes everyone.
        .exclude(
            user_id__in=get_user_model()
            .groups.through.objects.filter(group__name=scoping.TRAINERS_GROUP)
            .values("user_id")
        )
        .exclude(user_id__in=_opted_out("team_digest"))
        .order_by("pk")
    )


@dataclass(frozen=True)
class DigestLine:
    person: str
    course: MemberCourse


@dataclass
class Digest:
    """What one manager's weekly summary says about their own staff."""

    organisation: object
    people: int = 0
    finished: int = 0
    in_progress: int = 0
    not_started: int = 0
    finished_lately: list[DigestLine] = field(default_factory=list)
    coming_up: list[DigestLine] = field(default_factory=list)
    past_date: list[DigestLine] = field(default_factory=list)
    more: int = 0  # lines left out of the lists above, for length

    @property
    def is_empty(self) -> bool:
        return self.people == 0


def _name(row: MemberRow) -> str:
    return row.user.get_full_name() or row.user.email


def digest_for(*, manager, today: date | None = None) -> Digest | None:
    """The weekly summary for `manager`: their own organisation's people only, as
    organisations.scoping lets them see on the team page. None if they are not a clinic
    manager (any more), or are a trainer or administrator."""
    today = today or timezone.localdate()
    viewer = scoping.viewer_for(user=manager)
    if not offers_digest(viewer=viewer):
        return None
    rows = [r for r in team_progress(viewer=viewer) if r.user.pk != manager.pk and r.courses]
    digest = Digest(organisation=viewer.organisation, people=len(rows))
    since = timezone.now() - timedelta(days=DIGEST_HORIZON_DAYS)
    lists = {"finished_lately": [], "coming_up": [], "past_date": []}
    for row in rows:
        for course in row.courses:
            line = DigestLine(person=_name(row), course=course)
            if course.is_complete:
                digest.finished += 1
                if course.completed_at and course.completed_at >= since:
                    lists["finished_lately"].append(line)
                continue
            if course.started:
                digest.in_progress += 1
            else:
                digest.not_started += 1
            if course.due and course.due.is_past:
                lists["past_date"].append(line)
            elif course.due and course.due.days <= DIGEST_HORIZON_DAYS:
                lists["coming_up"].append(line)
    lists["coming_up"].sort(key=lambda line: (line.course.due.on, line.person))
    lists["past_date"].sort(key=lambda line: (line.course.due.on, line.person))
    for name, lines in lists.items():
        setattr(digest, name, lines[:DIGEST_LIST_LIMIT])
        digest.more += max(0, len(lines) - DIGEST_LIST_LIMIT)
    return digest
