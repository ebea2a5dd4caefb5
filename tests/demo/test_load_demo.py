import pytest

from django.contrib.auth import authenticate
from django.core.management import call_command

from wagtail.models import Page, Site

from curriculum.spec import read_course
from demo.services import DEMO_LOGINS
from home.models import HomePage
from lessons.models import CoursePage, LessonPage, ModulePage
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Page.objects.count(),
        LearningProgress.objects.count(),
        list(Page.objects.order_by("path").values_list("url_path", "live")),
    )


def test_load_demo_builds_the_site_and_prints_the_log_ins(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert login.email in out and login.password in out
        assert authenticate(username=login.email, password=login.password) is not None

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    spec = read_course()
    course = CoursePage.objects.get(slug=spec.slug)
    assert ModulePage.objects.child_of(course).count() == len(spec.modules)
    assert LessonPage.objects.descendant_of(course).live().count() == len(spec.lessons)
    # The demo trainee has something to continue.
    assert LearningProgress.objects.filter(user__email="trainee@example.org", completed_at__isnull=False).count() == 1


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    before = snapshot()
    call_command("load_demo")
    assert snapshot() == before


def test_demo_trainer_is_a_trainer_and_admin_is_superuser():
    call_command("load_demo")
    from django.contrib.auth import get_user_model

    User = get_user_model()
    assert User.objects.get(email="trainer@example.org").groups.filter(name="Trainers").exists()
    assert User.objects.get(email="admin@example.org").is_superuser
    assert not User.objects.get(email="trainee@example.org").is_staff


def test_the_demo_pages_render_for_the_trainee(client):
    call_command("load_demo")
    client.login(username="trainee@example.org", password="learn-at-your-pace")
    lesson = LessonPage.objects.live().order_by("path").first()
    for url in ["/", "/my-training/", lesson.get_parent().get_parent().url, lesson.url]:
        assert client.get(url).status_code == 200, url


def test_the_demo_course_has_check_quizzes_and_a_sign_off_that_render(client):
    from quizzes.models import QuizPage

    call_command("load_demo")
    spec = read_course()
    assert QuizPage.objects.live().filter(kind="check").count() == len(spec.modules)
    # One sign-off, shared by the essentials course as an alias.
    assert QuizPage.objects.live().filter(kind="signoff", alias_of__isnull=True).count() == 1
    assert QuizPage.objects.live().filter(kind="signoff").count() == 2
    client.login(username="trainee@example.org", password="learn-at-your-pace")
    for quiz in QuizPage.objects.live().filter(slug__in=["check-what-harm-reduction-is", "signoff-foundations"]):
        assert client.get(quiz.url).status_code == 200, quiz.url


def test_demo_has_the_host_and_two_partner_clinics_with_a_manager_and_trainees_each():
    from organisations.models import Membership, Organisation

    call_command("load_demo")
    host = Organisation.objects.get(kind="host")
    assert Membership.objects.filter(user__email="trainee@example.org", left_at__isnull=True).get().organisation == host
    partners = Organisation.objects.filter(kind="partner")
    assert partners.count() == 2
    for clinic in partners:
        current = Membership.objects.filter(organisation=clinic, left_at__isnull=True)
        assert current.filter(role="manager").count() == 1
        assert current.filter(role="trainee").count() >= 1


def test_load_demo_twice_adds_no_organisations_or_memberships():
    from organisations.models import Membership, Organisation

    call_command("load_demo")
    before = (Organisation.objects.count(), Membership.objects.count())
    call_command("load_demo")
    assert (Organisation.objects.count(), Membership.objects.count()) == before


def test_demo_has_an_onboarding_path_and_assignments_with_due_dates():
    from assignments.models import Assignment, OnboardingStep

    call_command("load_demo")
    # New host staff take the full course; partner clinics' staff take the shorter essentials.
    paths = {(step.organisation.slug, step.course.slug) for step in OnboardingStep.objects.select_related()}
    assert paths == {
        ("harbour-street", "foundations"),
        ("riverside", "essentials"),
        ("northgate", "essentials"),
    }
    onboarding = Assignment.objects.filter(user__email="trainee@riverside.example.org", source="onboarding")
    assert [assignment.course.slug for assignment in onboarding] == ["essentials"]
    assert Assignment.objects.filter(user__email="trainee@example.org", course__slug="foundations").exists()
    assert Assignment.objects.filter(user__email="trainee@example.org", due_on__isnull=False).exists()
    before = Assignment.objects.count()
    call_command("load_demo")
    assert Assignment.objects.count() == before


def test_the_demo_has_a_trainee_with_a_completed_course_and_its_certificate(client):
    from certificates.models import Certificate

    call_command("load_demo")
    certificate = Certificate.objects.get(user__email="trainee@riverside.example.org")
    course = CoursePage.objects.get(slug="essentials")  # her clinic's onboarding path
    assert certificate.course_id == course.pk
    assert str(certificate.ce_hours) == "0.75" and course.ce_hours == certificate.ce_hours
    assert certificate.current_status == "valid"
    call_command("load_demo")
    assert Certificate.objects.count() == 1

    client.login(username="trainee@riverside.example.org", password="learn-at-your-pace")
    assert f"/certificates/{certificate.pk}/pdf/" in client.get("/my-training/").content.decode()
    assert client.get(f"/certificates/{certificate.pk}/pdf/")["Content-Type"] == "application/pdf"
    assert client.get(f"/verify/{certificate.code}/").status_code == 200
