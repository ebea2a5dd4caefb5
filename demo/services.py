"""Demo people and a little progress, so the site shows something real on first run."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from assignments.models import OnboardingStep
from assignments.services import assignment_create
from certificates.services import certificate_issue_if_complete
from curriculum.services import curriculum_install
from curriculum.spec import read_course
from lessons.models import CoursePage, LessonPage
from organisations import scoping
from organisations.models import Membership, Organisation
from organisations.services import membership_join
from quizzes import services as quiz_services
from quizzes.models import QuizPage
from training.services import progress_mark_complete, progress_start


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str


DEMO_LOGINS = (
    DemoLogin("Trainee", "trainee@example.org", "learn-at-your-pace"),
    DemoLogin("Trainer", "trainer@example.org", "publish-with-care"),
    DemoLogin("Administrator", "admin@example.org", "admin-demo-only"),
    DemoLogin("Clinic manager, Riverside", "manager@riverside.example.org", "support-your-team"),
    DemoLogin("Trainee, Riverside", "trainee@riverside.example.org", "learn-at-your-pace"),
    DemoLogin("Clinic manager, Northgate", "manager@northgate.example.org", "support-your-team"),
    DemoLogin("Trainee, Northgate", "trainee@northgate.example.org", "learn-at-your-pace"),
)


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: str


HOST = DemoOrganisation("harbour-street", "Harbour Street Harm Reduction Centre", Organisation.Kind.HOST)
PARTNERS = (
    DemoOrganisation("riverside", "Riverside Community Clinic", Organisation.Kind.PARTNER),
    DemoOrganisation("northgate", "Northgate Outreach", Organisation.Kind.PARTNER),
)

# Partner-clinic people: (login index, organisation slug, role, first name, last name).
# More trainees without log-ins give the managers someone to look after.
CLINIC_PEOPLE = (
    (3, "riverside", Membership.Role.MANAGER, "Priya", "Shah"),
    (4, "riverside", Membership.Role.TRAINEE, "Dee", "Okafor"),
    (5, "northgate", Membership.Role.MANAGER, "Chris", "Byrne"),
    (6, "northgate", Membership.Role.TRAINEE, "Lou", "Nguyen"),
)
EXTRA_TRAINEES = (
    ("mo@riverside.example.org", "riverside", "Mo", "Haddad"),
    ("jess@riverside.example.org", "riverside", "Jess", "Tan"),
    ("ren@northgate.example.org", "northgate", "Ren", "Ito"),
)


def _organisation(spec: DemoOrganisation) -> Organisation:
    organisation = Organisation.objects.filter(slug=spec.slug).first()
    if organisation is None:
        # An existing host (made by hand) stays the host; the demo does not add a second one.
        if spec.kind == Organisation.Kind.HOST:
            organisation = Organisation.objects.filter(kind=Organisation.Kind.HOST).first()
        if organisation is None:
            organisation = Organisation.objects.create(slug=spec.slug, name=spec.name, kind=spec.kind)
    return organisation


def _join_once(user, organisation: Organisation, role: str = Membership.Role.TRAINEE) -> None:
    """Give the person a membership unless they already have one (running again moves nobody)."""
    if not Membership.objects.filter(user=user, left_at__isnull=True).exists():
        membership_join(user=user, organisation=organisation, role=role)


def _user(login: DemoLogin, **fields):
    User = get_user_model()
    user = User.objects.filter(email=login.email).first()
    if user is None:
        user = User.objects.create_user(email=login.email, password=login.password, **fields)
    return user


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Install the curriculum, the demo log-ins and some progress. Running it again changes nothing."""
    curriculum_install(spec=read_course())

    trainee_login, trainer_login, admin_login = DEMO_LOGINS[:3]
    trainee = _user(trainee_login, first_name="Sam", last_name="Rivera")
    trainer = _user(trainer_login, first_name="Jordan", last_name="Lee")
    trainer.groups.add(Group.objects.get(name=scoping.TRAINERS_GROUP))
    _user(admin_login, first_name="Alex", last_name="Morgan", is_staff=True, is_superuser=True)

    # The host organisation (its staff: the demo trainee and the trainer) and two partner clinics.
    host = _organisation(HOST)
    clinics = {spec.slug: _organisation(spec) for spec in PARTNERS}
    spec = read_course()
    course = CoursePage.objects.live().filter(slug=spec.slug).first()
    shorter = CoursePage.objects.live().filter(slug__in=[variant.slug for variant in spec.variants]).first()
    # Onboarding paths, set before anyone joins so the demo people get them too: the host's new
    # staff take the full foundations course within a month; partner clinics' staff take the
    # shorter essentials path within three weeks.
    if course is not None:
        OnboardingStep.objects.get_or_create(organisation=host, course=course, defaults={"due_after_days": 30})
    if shorter is not None:
        for clinic in clinics.values():
            OnboardingStep.objects.get_or_create(organisation=clinic, course=shorter, defaults={"due_after_days": 21})
    _join_once(trainee, host)
    _join_once(trainer, host)
    for index, slug, role, first_name, last_name in CLINIC_PEOPLE:
        person = _user(DEMO_LOGINS[index], first_name=first_name, last_name=last_name)
        _join_once(person, clinics[slug], role)
    for email, slug, first_name, last_name in EXTRA_TRAINEES:
        person = get_user_model().objects.filter(email=email).first()
        if person is None:  # no password: these people have no demo log-in
            person = get_user_model().objects.create_user(email=email, first_name=first_name, last_name=last_name)
        _join_once(person, clinics[slug])

    # The host trainee's onboarding path gives them the foundations course; a database made
    # before the host had a path gets it assigned by the trainer instead.
    if course is not None and not trainee.assignments.exists():
        assignment_create(
            course=course, user=trainee, due_on=timezone.localdate() + timedelta(days=10), assigned_by=trainer
        )

    # The trainee has finished the first lesson and opened the second, so the dashboard
    # shows a course in progress and where "Continue" leads.
    if course is not None and not trainee.learning_progress.exists():
        lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path")[:2])
        if lessons:
            progress_mark_complete(user=trainee, page=lessons[0])
        if len(lessons) > 1:
            progress_start(user=trainee, page=lessons[1])

    # Riverside's demo trainee worked through her onboarding path (the essentials) over the past
    # days and has passed its sign-off, so there is a certificate to download, check and see on
    # her manager's pages.
    riverside_trainee = get_user_model().objects.get(email=DEMO_LOGINS[4].email)
    path = shorter or course
    if path is not None and not riverside_trainee.learning_progress.exists():
        _complete_course(riverside_trainee, path)
    return list(DEMO_LOGINS)


def _complete_course(person, course: CoursePage) -> None:
    """Every lesson over the past days, then the sign-off quiz passed, through the real services."""
    now = timezone.now()
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    for number, lesson in enumerate(lessons):
        # Two lessons a day over the past days, mid-morning and early afternoon.
        day = now - timedelta(days=(len(lessons) + 1) // 2 - number // 2)
        when = day.replace(hour=10 + 3 * (number % 2), minute=15, second=0, microsecond=0)
        progress_start(user=person, page=lesson, now=when)
        progress_mark_complete(user=person, page=lesson, now=when + timedelta(minutes=6))
    for quiz in QuizPage.objects.live().descendant_of(course).filter(kind=QuizPage.Kind.SIGNOFF):
        attempt = quiz_services.attempt_start(user=person, quiz=quiz, seed=1)
        right = {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in attempt.questions}
        quiz_services.attempt_submit(attempt=attempt, answers=right)
    # Issued here as well as after the commit, so the demo has it whatever wraps this call.
    certificate_issue_if_complete(user=person, course_path=course.path)
