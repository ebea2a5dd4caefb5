"""Every URL the platform serves, against every role, with the status each must get.

The table below is the security policy in one place. `test_every_url_pattern_is_in_the_table`
walks Django's URL resolver and fails when a pattern has no entry, so a new page cannot ship
without someone deciding who may reach it.

Wagtail's own admin (hundreds of URLs) is one family: every one of its URLs is requested as
each role that is not a trainer or administrator, and must refuse them (a redirect to the
admin's sign-in or 403). Our own admin screens (organisations, memberships, cohorts,
assignments, onboarding paths) have entries of their own.
"""

import json
import re

import pytest

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assignments.models import OnboardingStep
from assignments.services import assignment_create
from certificates.models import Certificate
from invitations.services import invitation_create, invite_link_create
from lessons.models import CoursePage
from organisations.models import Membership
from organisations.services import cohort_create
from quizzes.services import attempt_start
from tests.factories import build_course, build_quiz, lessons_of

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "trainee_a", "trainee_b", "manager_a", "manager_b", "trainer", "admin"]
STAFF = {"trainer", "admin"}

# Shorthands for expected results.
LOGIN = "login"  # 302 to the site's sign-in page
ADMIN_LOGIN = "admin_login"  # 302 to the admin's sign-in page
DENIED = "denied"  # Wagtail admin refusing: 302 to its sign-in or 403


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status, anonymous=LOGIN):
    return {"anonymous": anonymous, **dict.fromkeys(ROLES[1:], status)}


def by_role(**statuses):
    missing = set(ROLES) - set(statuses)
    assert not missing, missing
    return statuses


MANAGERS_OWN_A = by_role(
    anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=200, manager_b=404, trainer=200, admin=200
)
STAFF_ONLY_ADMIN = by_role(
    anonymous=ADMIN_LOGIN,
    trainee_a=DENIED,
    trainee_b=DENIED,
    manager_a=DENIED,
    manager_b=DENIED,
    trainer=200,
    admin=200,
)


@pytest.fixture
def world(db, trainee, other_trainee, manager, other_manager, trainer, admin_user, clinic_a, clinic_b, host_org):
    reflect = [("text", "<p>Hi</p>"), ("reflection", {"prompt": "What helps?", "guidance": ""})]
    open_course = build_course(modules=1, lessons_per_module=1, slug="open", body=reflect)
    host_course = build_course(modules=1, lessons_per_module=1, slug="host-only")
    page = CoursePage.objects.get(pk=host_course.pk)
    page.availability = "host"
    page.save_revision().publish()
    a_course = build_course(modules=1, lessons_per_module=1, slug="a-only")
    page = CoursePage.objects.get(pk=a_course.pk)
    page.availability = "chosen"
    page.available_to = [clinic_a]
    page.save_revision().publish()
    open_lesson = lessons_of(open_course)[0]
    open_quiz = build_quiz(open_lesson.get_parent(), slug="open-quiz")
    host_quiz = build_quiz(lessons_of(host_course)[0].get_parent(), slug="host-quiz")
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    assignment = assignment_create(course=open_course, user=trainee)
    step = OnboardingStep.objects.create(organisation=clinic_a, course=open_course)
    return {
        "users": {
            "trainee_a": trainee,
            "trainee_b": other_trainee,
            "manager_a": manager,
            "manager_b": other_manager,
            "trainer": trainer,
            "admin": admin_user,
        },
        "open": open_course,
        "open_lesson": open_lesson,
        "block_id": open_lesson.body[1].id,
        "host_lesson": lessons_of(host_course)[0],
        "host_course": host_course,
        "a_course": a_course,
        "a_lesson": lessons_of(a_course)[0],
        "invitation": invitation_create(organisation=clinic_a, email="new@clinic-a.example.org"),
        "link": invite_link_create(organisation=clinic_a),
        # Separate ones to open, since the withdraw entries above withdraw the first ones.
        "open_invitation": invitation_create(organisation=clinic_a, email="other@clinic-a.example.org"),
        "open_link": invite_link_create(organisation=clinic_a),
        "objects": {
            "organisation": clinic_a.pk,
            "membership": Membership.objects.get(user=trainee).pk,
            "cohort": cohort.pk,
            "assignment": assignment.pk,
            "onboardingstep": step.pk,
        },
        "trainee_a": trainee,
        "open_quiz": open_quiz,
        "host_quiz": host_quiz,
        "attempt": attempt_start(user=trainee, quiz=open_quiz),
        "certificate": Certificate.objects.create(
            user=trainee, course=open_course, course_title="Open", holder_name="Sam", completed_on="2026-11-01"
        ),
    }


def page_entries():
    """Pages served by Wagtail's catch-all route, the learning pages among them."""
    course_pages = lambda key: [  # noqa: E731
        lambda w: w[key].url,
        lambda w: lessons_of(w[key])[0].get_parent().url,
        lambda w: lessons_of(w[key])[0].url,
    ]
    entries = [
        ("home page", lambda w: "/", "get", everyone(200)),
        ("course catalogue", lambda w: w["open"].get_parent().url, "get", everyone(200)),
    ]
    for build in course_pages("open"):
        entries.append(("open course page", build, "get", signed_in(200)))
    for build in course_pages("host_course"):
        entries.append(
            (
                "host-only course page",
                build,
                "get",
                by_role(
                    anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=404, manager_b=404, trainer=200, admin=200
                ),
            )
        )
    for build in course_pages("a_course"):
        entries.append(
            (
                "clinic A course page",
                build,
                "get",
                by_role(
                    anonymous=LOGIN, trainee_a=200, trainee_b=404, manager_a=200, manager_b=404, trainer=200, admin=200
                ),
            )
        )
    return entries


def progress(kind):
    def build(w, lesson_key):
        lesson = w[lesson_key]
        if kind == "video":
            return reverse("training:video_progress", args=[lesson.pk])
        if kind == "complete":
            return reverse("training:mark_complete", args=[lesson.pk])
        return reverse("training:save_reflection", args=[lesson.pk, w["block_id"]])

    return build


JSON_BODY = {"video": {"position": 1, "duration": 10}, "complete": {}, "reflection": {"answer": "x"}}

# Someone else's quiz attempt is not found, whoever asks (trainers and administrators too).
OWNER_ONLY = by_role(
    anonymous=LOGIN, trainee_a=200, trainee_b=404, manager_a=404, manager_b=404, trainer=404, admin=404
)


# Reports: managers and trainers, each export too. A manager naming another organisation (or
# one that does not exist) is not found; a trainer naming an unknown one gets the report with a
# message.
MANAGERS_AND_STAFF = by_role(
    anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=200, manager_b=200, trainer=200, admin=200
)


def report_entries(name, query):
    def url(extra):
        return lambda w: reverse(name) + "?" + "&".join(part for part in (query(w), extra) if part)

    entries = []
    for export in ("", "export=csv", "export=xlsx"):
        label = f"{name} {export or 'page'}"
        entries += [
            (label, url(export), "get", MANAGERS_AND_STAFF),
            (
                f"{label}, clinic A",
                url("&".join(filter(None, ["organisation=clinic-a", export]))),
                "get",
                MANAGERS_OWN_A,
            ),
            (
                f"{label}, unknown organisation",
                url("&".join(filter(None, ["organisation=nowhere", export]))),
                "get",
                {**MANAGERS_OWN_A, "manager_a": 404},
            ),
        ]
    return entries


def attempt_url(name):
    return lambda w: reverse(f"quizzes:{name}", args=[w["attempt"].pk])


# route pattern -> list of (what, url builder, method, {role: status})
TABLE: dict[str, list] = {
    "quizzes/<int:quiz_id>/start/": [
        ("start an open quiz", lambda w: reverse("quizzes:start", args=[w["open_quiz"].pk]), "post", signed_in(302)),
        (
            "start a host-only quiz",
            lambda w: reverse("quizzes:start", args=[w["host_quiz"].pk]),
            "post",
            by_role(
                anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=404, manager_b=404, trainer=302, admin=302
            ),
        ),
    ],
    "quizzes/attempts/<int:attempt_id>/answers/": [
        ("save trainee A's answers", attempt_url("save_answers"), "post", {**OWNER_ONLY, "trainee_a": 302}),
    ],
    "quizzes/attempts/<int:attempt_id>/check/": [
        ("check without a question", attempt_url("check"), "post", {**OWNER_ONLY, "trainee_a": 400}),
    ],
    "quizzes/attempts/<int:attempt_id>/submit/": [
        ("submit trainee A's attempt", attempt_url("submit"), "post", {**OWNER_ONLY, "trainee_a": 302}),
    ],
    "quizzes/attempts/<int:attempt_id>/": [
        ("trainee A's result", attempt_url("result"), "get", OWNER_ONLY),
    ],
    "my-training/": [("dashboard", lambda w: reverse("training:dashboard"), "get", signed_in(200))],
    "search/": [("search", lambda w: reverse("search") + "?q=lesson", "get", signed_in(200))],
    "progress/<int:page_id>/video/": [
        ("video, open lesson", lambda w: progress("video")(w, "open_lesson"), "json:video", signed_in(200, 401)),
        (
            "video, host-only lesson",
            lambda w: progress("video")(w, "host_lesson"),
            "json:video",
            by_role(anonymous=401, trainee_a=404, trainee_b=404, manager_a=404, manager_b=404, trainer=200, admin=200),
        ),
        ("video, GET", lambda w: progress("video")(w, "open_lesson"), "get", everyone(405)),
    ],
    "progress/<int:page_id>/complete/": [
        (
            "complete, open lesson",
            lambda w: progress("complete")(w, "open_lesson"),
            "json:complete",
            signed_in(200, 401),
        ),
        (
            "complete, clinic A lesson",
            lambda w: progress("complete")(w, "a_lesson"),
            "json:complete",
            by_role(anonymous=401, trainee_a=200, trainee_b=404, manager_a=200, manager_b=404, trainer=200, admin=200),
        ),
    ],
    "progress/<int:page_id>/reflections/<str:block_id>/": [
        ("reflection", lambda w: progress("reflection")(w, "open_lesson"), "json:reflection", signed_in(200, 401)),
    ],
    "manage/": [
        (
            "team page",
            lambda w: reverse("team:overview"),
            "get",
            by_role(
                anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=200, manager_b=200, trainer=200, admin=200
            ),
        ),
        ("team page, clinic A", lambda w: reverse("team:overview") + "?organisation=clinic-a", "get", MANAGERS_OWN_A),
    ],
    "manage/people/<int:user_id>/record/": [
        ("trainee A's record", lambda w: reverse("records:member", args=[w["trainee_a"].pk]), "get", MANAGERS_OWN_A),
    ],
    "record/": [("my record", lambda w: reverse("records:mine"), "get", signed_in(200))],
    "record/my-data.json": [("my data, JSON", lambda w: reverse("records:export_json"), "get", signed_in(200))],
    "record/my-data.csv": [("my data, CSV", lambda w: reverse("records:export_csv"), "get", signed_in(200))],
    "certificates/<int:pk>/pdf/": [
        (
            "trainee A's certificate",
            lambda w: reverse("certificates:download", args=[w["certificate"].pk]),
            "get",
            {**MANAGERS_OWN_A, "trainee_a": 200},
        ),
    ],
    "verify/": [
        ("check form", lambda w: reverse("certificates:verify"), "get", everyone(200)),
        ("check a malformed code", lambda w: reverse("certificates:verify") + "?code=nope", "get", everyone(404)),
    ],
    "verify/<str:code>/": [
        (
            "check a certificate",
            lambda w: reverse("certificates:verify_code", args=[w["certificate"].code]),
            "get",
            everyone(200),
        ),
        (
            "check an unknown code",
            lambda w: reverse("certificates:verify_code", args=["ZZZZ-ZZZZ-ZZZZ-ZZZZ"]),
            "get",
            everyone(404),
        ),
    ],
    "manage/reports/": report_entries("reports:progress", lambda w: f"course={w['open'].pk}"),
    "manage/reports/quizzes/": report_entries("reports:items", lambda w: f"quiz={w['open_quiz'].pk}"),
    "manage/reports/charts/": report_entries("reports:charts", lambda w: f"course={w['open'].pk}"),
    "manage/people/<int:user_id>/": [
        ("trainee A's page", lambda w: reverse("team:member", args=[w["trainee_a"].pk]), "get", MANAGERS_OWN_A),
    ],
    "manage/assign/": [
        ("assign, clinic A", lambda w: reverse("team:assign") + "?organisation=clinic-a", "get", MANAGERS_OWN_A),
        (
            "assign, tampered person",
            lambda w: reverse("team:assign") + "?organisation=clinic-a",
            "post:people=trainee_b",
            by_role(
                anonymous=LOGIN, trainee_a=404, trainee_b=404, manager_a=404, manager_b=404, trainer=404, admin=404
            ),
        ),
    ],
    "manage/invitations/": [
        (
            "invitations, clinic A",
            lambda w: reverse("invitations:home") + "?organisation=clinic-a",
            "get",
            MANAGERS_OWN_A,
        ),
    ],
    "manage/invitations/upload/": [
        (
            "CSV upload without a file",
            lambda w: reverse("invitations:upload") + "?organisation=clinic-a",
            "post",
            {**MANAGERS_OWN_A, "manager_a": 400, "trainer": 400, "admin": 400},
        ),
    ],
    "manage/invitations/confirm/": [
        (
            "CSV confirm without a preview",
            lambda w: reverse("invitations:confirm") + "?organisation=clinic-a",
            "post",
            {**MANAGERS_OWN_A, "manager_a": 400, "trainer": 400, "admin": 400},
        ),
    ],
    "manage/invitations/<int:pk>/withdraw/": [
        (
            "withdraw A's invitation",
            lambda w: reverse("invitations:revoke", args=[w["invitation"].invitation.pk]),
            "post",
            {**MANAGERS_OWN_A, "manager_a": 302, "trainer": 302, "admin": 302},
        ),
    ],
    "manage/invitations/links/": [
        (
            "make a link for A",
            lambda w: reverse("invitations:link_create") + "?organisation=clinic-a",
            "post",
            MANAGERS_OWN_A,
        ),
    ],
    "manage/invitations/links/<int:pk>/withdraw/": [
        (
            "withdraw A's link",
            lambda w: reverse("invitations:link_revoke", args=[w["link"].link.pk]),
            "post",
            {**MANAGERS_OWN_A, "manager_a": 302, "trainer": 302, "admin": 302},
        ),
    ],
    "invitations/<str:token>/": [
        (
            "accept page",
            lambda w: reverse("invitations:accept", args=[w["open_invitation"].token]),
            "get",
            everyone(200),
        ),
        ("unknown invitation", lambda w: reverse("invitations:accept", args=["nope"]), "get", everyone(404)),
    ],
    "join/<str:token>/": [
        ("invite link page", lambda w: reverse("invitations:join", args=[w["open_link"].token]), "get", everyone(200)),
    ],
    "accounts/notifications/": [
        ("email settings", lambda w: reverse("reminders:preferences"), "get", signed_in(200)),
        ("save email settings", lambda w: reverse("reminders:preferences"), "post", signed_in(302)),
    ],
    "accounts/register/": [("open sign-up (off)", lambda w: reverse("invitations:register"), "get", everyone(404))],
    "accounts/login/": [("sign in", lambda w: reverse("accounts:login"), "get", {**signed_in(302), "anonymous": 200})],
    "accounts/logout/": [
        ("sign out, GET", lambda w: reverse("accounts:logout"), "get", everyone(405)),
        ("sign out", lambda w: reverse("accounts:logout"), "post", everyone(302)),
    ],
    "accounts/password-reset/": [("reset", lambda w: reverse("accounts:password_reset"), "get", everyone(200))],
    "accounts/password-reset/sent/": [
        ("reset sent", lambda w: reverse("accounts:password_reset_done"), "get", everyone(200))
    ],
    "accounts/password-reset/<uidb64>/<token>/": [
        (
            "reset link",
            lambda w: reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"]),
            "get",
            everyone(200),
        )
    ],
    "accounts/password-reset/done/": [
        ("reset done", lambda w: reverse("accounts:password_reset_complete"), "get", everyone(200))
    ],
    "^media/(?P<path>.+)$": [("missing media file", lambda w: "/media/nothing-here.mp4", "get", everyone(404))],
    "documents/^(\\d+)/(.*)$": [("missing document", lambda w: "/documents/999999/x.pdf", "get", everyone(404))],
    "documents/authenticate_with_password/<int:restriction_id>/": [
        ("document password", lambda w: "/documents/authenticate_with_password/999999/", "get", everyone(404))
    ],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        ("page password", lambda w: "/_util/authenticate_with_password/999999/999999/", "get", everyone(404))
    ],
    "_util/login/": [("Wagtail's page sign-in", lambda w: "/_util/login/", "get", everyone(200))],
    "^((?:[\\w\\-]+/)*)$": page_entries(),
}

# Our own admin screens: trainers and administrators only.
OUR_SNIPPETS = {
    "organisations": ["organisation", "membership", "cohort"],
    "assignments": ["assignment", "onboardingstep"],
}
SNIPPET_VIEWS = {
    "": 200,
    "results/": 200,
    "add/": 200,
    "edit/<int:pk>/": 200,
    "delete/<int:pk>/": 200,
    "usage/<int:pk>/": 200,
    "history/<int:pk>/": 200,
    "history-results/<int:pk>/": 200,
    "copy/<int:pk>/": 200,
}
CHOOSER_VIEWS = {
    "": 200,
    "results/": 200,
    "chosen/<str:pk>/": 200,
    "chosen-multiple/": 200,
    "create/": 200,
}


def admin_url(prefix: str, model: str, suffix: str):
    """A builder for one of our admin URLs, with the primary key of the world's object."""
    return lambda w: (
        prefix + suffix.replace("<int:pk>", str(w["objects"][model])).replace("<str:pk>", str(w["objects"][model]))
    )


for app, models in OUR_SNIPPETS.items():
    for model in models:
        views = [
            (f"admin/snippets/{app}/{model}/", SNIPPET_VIEWS),
            (f"admin/snippets/choose/{app}/{model}/", CHOOSER_VIEWS),
        ]
        for prefix, suffixes in views:
            for suffix, status in suffixes.items():
                TABLE[prefix + suffix] = [
                    (
                        f"admin {prefix}{suffix}",
                        admin_url("/" + prefix, model, suffix),
                        "get",
                        {**STAFF_ONLY_ADMIN, "trainer": status, "admin": status},
                    )
                ]


# Certificates in the admin: trainers and administrators list, inspect and revoke (the edit
# view); nobody adds or deletes one, administrators included.
CERTIFICATE_ADMIN = {
    "": 200,
    "results/": 200,
    "new/": DENIED,
    "edit/<int:pk>/": 200,
    "delete/<int:pk>/": DENIED,
    "history/<int:pk>/": 200,
    "history-results/<int:pk>/": 200,
    "usage/<int:pk>/": 200,
    "inspect/<int:pk>/": 200,
}
for suffix, status in CERTIFICATE_ADMIN.items():
    TABLE["admin/certificate/" + suffix] = [
        (
            f"admin certificates {suffix}",
            lambda w, suffix=suffix: "/admin/certificate/" + suffix.replace("<int:pk>", str(w["certificate"].pk)),
            "get",
            {**STAFF_ONLY_ADMIN, "trainer": status, "admin": status},
        )
    ]


def walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def is_wagtail_admin(route: str) -> bool:
    """Wagtail's own admin URLs (not our screens, which have entries of their own)."""
    return route.startswith("admin/") and route not in TABLE


def all_routes() -> list[str]:
    return [route for route, _pattern in walk(get_resolver().url_patterns)]


OUR_APPS = (
    "accounts",
    "assignments",
    "certificates",
    "home",
    "invitations",
    "lessons",
    "organisations",
    "quizzes",
    "records",
    "reminders",
    "reports",
    "team",
    "training",
)


def test_every_url_pattern_is_in_the_table():
    missing = [route for route in all_routes() if route not in TABLE and not is_wagtail_admin(route)]
    # Admin screens of our own models are not Wagtail's: they need entries too.
    missing += [
        route
        for route in all_routes()
        if route not in TABLE and any(f"snippets/{app}/" in route or f"choose/{app}/" in route for app in OUR_APPS)
    ]
    assert not missing, "URL patterns with no entry in the access table: " + ", ".join(missing)
    stale = set(TABLE) - set(all_routes())
    assert not stale, "Entries for URL patterns that no longer exist: " + ", ".join(sorted(stale))


def client_for(role, world) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def request(client, method, url, world):
    if method == "get":
        return client.get(url)
    if method.startswith("json:"):
        body = JSON_BODY[method.split(":", 1)[1]]
        return client.post(url, json.dumps(body), content_type="application/json", HTTP_ACCEPT="application/json")
    if method.startswith("post:people="):
        person = world["users"][method.split("=", 1)[1]]
        return client.post(url, {"people": [person.pk], "courses": [world["open"].pk]})
    return client.post(url, {})


def outcome(response, expected) -> bool:
    status = response.status_code
    location = response.get("Location", "")
    if expected == LOGIN:
        return status == 302 and location.startswith(reverse("accounts:login"))
    if expected == ADMIN_LOGIN:
        return status == 302 and location.startswith(reverse("wagtailadmin_login"))
    if expected == DENIED:
        return status == 403 or (status == 302 and "login" in location) or (status == 302 and location == "/admin/")
    return status == expected


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_from_every_url(role, world):
    client = client_for(role, world)
    wrong = []
    for entries in TABLE.values():
        for what, build, method, expected in entries:
            url = build(world)
            response = request(client, method, url, world)
            if not outcome(response, expected[role]):
                wrong.append(f"{what} {method.upper()} {url}: expected {expected[role]}, got {response.status_code}")
            if method == "post" and "logout" in url:
                client = client_for(role, world)  # signed out by that request: sign in again
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


ARG = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^)]*\)")


def sample_url(route: str) -> str:
    """A concrete URL for a Wagtail admin route, with placeholder arguments."""
    url = ARG.sub(lambda m: "1" if (m.group(1) in ("int", None) and m.group(0).startswith("<")) else "x", route)
    url = url.replace("^", "").replace("$", "")
    return "/" + url


# Wagtail admin URLs anyone may fetch, by design: its sign-in, sign-out and password-reset
# pages, the icon sprite and the JavaScript translation catalogue (no data in either).
ADMIN_OPEN_BY_DESIGN = {"admin/login/", "admin/logout/", "admin/sprite/", "admin/jsi18n/"}


@pytest.mark.parametrize("role", ["anonymous", "trainee_a", "manager_a"])
def test_wagtail_admin_refuses_everyone_but_trainers_and_administrators(role, world):
    client = client_for(role, world)
    wrong = []
    for route in all_routes():
        if not is_wagtail_admin(route):
            continue
        url = sample_url(route)
        if route in ADMIN_OPEN_BY_DESIGN or route.startswith("admin/password_reset/"):
            continue
        response = client.get(url)
        if response.status_code == 404 and role != "anonymous":
            continue  # not found before any content is shown (e.g. a placeholder argument)
        if not outcome(response, DENIED):
            wrong.append(f"{url}: {response.status_code} {response.get('Location', '')}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
