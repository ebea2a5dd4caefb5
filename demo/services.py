"""Demo people and a little progress, so the site shows something real on first run."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from curriculum.services import curriculum_install
from curriculum.spec import read_course
from lessons.models import CoursePage, LessonPage
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
)


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

    trainee_login, trainer_login, admin_login = DEMO_LOGINS
    trainee = _user(trainee_login, first_name="Sam", last_name="Rivera")
    trainer = _user(trainer_login, first_name="Jordan", last_name="Lee")
    trainer.groups.add(Group.objects.get(name="Trainers"))
    _user(admin_login, first_name="Alex", last_name="Morgan", is_staff=True, is_superuser=True)

    # The trainee has finished the first lesson and opened the second, so the dashboard
    # shows a course in progress and where "Continue" leads.
    course = CoursePage.objects.live().filter(slug=read_course().slug).first()
    if course is not None and not trainee.learning_progress.exists():
        lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path")[:2])
        if lessons:
            progress_mark_complete(user=trainee, page=lessons[0])
        if len(lessons) > 1:
            progress_start(user=trainee, page=lessons[1])
    return list(DEMO_LOGINS)
