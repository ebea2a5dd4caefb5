"""One function decides what each person may see."""

import pytest

from django.contrib.auth.models import AnonymousUser

from organisations import scoping
from organisations.models import Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def viewer(user):
    return scoping.viewer_for(user=user)


def members_seen_by(user) -> set[str]:
    return set(scoping.visible_members(viewer=viewer(user)).values_list("user__email", flat=True))


def test_a_manager_sees_their_own_clinic_only(manager, trainee, other_trainee, other_manager):
    assert members_seen_by(manager) == {"manager@clinic-a.example.org", "trainee@clinic-a.example.org"}
    assert scoping.can_manage(viewer=viewer(manager), member=trainee)
    assert not scoping.can_manage(viewer=viewer(manager), member=other_trainee)


def test_a_trainee_sees_nobody(trainee, other_trainee):
    assert members_seen_by(trainee) == set()
    assert not scoping.can_manage(viewer=viewer(trainee), member=other_trainee)
    assert not scoping.visible_organisations(viewer=viewer(trainee)).exists()


def test_trainers_and_administrators_see_every_organisation(trainer, admin_user, trainee, other_trainee):
    for user in (trainer, admin_user):
        assert {"trainee@clinic-a.example.org", "trainee@clinic-b.example.org"} <= members_seen_by(user)
        assert scoping.can_manage(viewer=viewer(user), member=other_trainee)


def test_people_who_left_are_no_longer_seen(manager, trainee):
    from organisations.services import membership_leave

    membership_leave(user=trainee)
    assert not scoping.can_manage(viewer=viewer(manager), member=trainee)


def test_a_former_manager_loses_access(manager, trainee):
    Membership.objects.filter(user=manager).update(role="trainee")
    fresh = type(manager).objects.get(pk=manager.pk)
    assert not scoping.can_manage(viewer=viewer(fresh), member=trainee)


def test_anonymous_sees_nothing():
    anonymous = viewer(AnonymousUser())
    assert not scoping.visible_members(viewer=anonymous).exists()
    assert not anonymous.sees_everything


def test_the_viewer_costs_one_query(trainee, django_assert_num_queries):
    fresh = type(trainee).objects.get(pk=trainee.pk)
    with django_assert_num_queries(1):
        first = scoping.viewer_for(user=fresh)
        second = scoping.viewer_for(user=fresh)
    assert first is second
    assert first.organisation.slug == "clinic-a"


@pytest.mark.parametrize(
    ("availability", "chosen", "expected"),
    [
        ("everyone", set(), {"host": True, "a": True, "b": True, "none": True}),
        ("host", set(), {"host": True, "a": False, "b": False, "none": False}),
        ("chosen", {"a"}, {"host": False, "a": True, "b": False, "none": False}),
    ],
)
def test_course_availability_by_organisation(host_org, clinic_a, clinic_b, availability, chosen, expected):
    people = {
        "host": UserFactory(),
        "a": UserFactory(),
        "b": UserFactory(),
        "none": UserFactory(),
    }
    from organisations.services import membership_join

    membership_join(user=people["host"], organisation=host_org)
    membership_join(user=people["a"], organisation=clinic_a)
    membership_join(user=people["b"], organisation=clinic_b)
    ids = frozenset({"a": clinic_a.pk, "b": clinic_b.pk}[key] for key in chosen)
    seen = {
        key: scoping.course_open_to(viewer=viewer(person), availability=availability, organisation_ids=ids)
        for key, person in people.items()
    }
    assert seen == expected


def test_trainers_see_every_course(trainer, clinic_a):
    assert scoping.course_open_to(viewer=viewer(trainer), availability="chosen", organisation_ids=frozenset())
