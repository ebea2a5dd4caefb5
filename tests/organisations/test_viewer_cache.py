"""Who someone is (account, organisation, role) is cached between requests, and forgotten the
moment any of it changes."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from organisations import scoping
from organisations.models import Membership
from organisations.services import membership_join, membership_leave

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_a_second_request_knows_the_viewer_without_a_query(trainee, django_assert_num_queries):
    scoping.viewer_for(user=fresh(trainee))
    next_request_user = fresh(trainee)
    with django_assert_num_queries(0):
        viewer = scoping.viewer_for(user=next_request_user)
    assert viewer.organisation.slug == "clinic-a"


def test_a_manager_moved_to_another_clinic_sees_the_new_team_at_once(client, manager, trainee, other_trainee, clinic_b):
    client.force_login(manager)
    assert client.get(reverse("team:member", args=[trainee.pk])).status_code == 200
    membership_leave(user=manager)
    membership_join(user=manager, organisation=clinic_b, role=Membership.Role.MANAGER)
    assert client.get(reverse("team:member", args=[trainee.pk])).status_code == 404
    assert client.get(reverse("team:member", args=[other_trainee.pk])).status_code == 200


def test_a_manager_made_a_trainee_loses_the_team_pages_at_once(client, manager):
    client.force_login(manager)
    assert client.get(reverse("team:overview")).status_code == 200
    membership = Membership.objects.get(user=manager, left_at__isnull=True)
    membership.role = Membership.Role.TRAINEE
    membership.save()
    assert client.get(reverse("team:overview")).status_code == 404


@pytest.mark.parametrize("how", ["user.groups.remove", "group.user_set.remove", "group.user_set.clear"])
def test_a_trainer_removed_from_the_group_loses_every_organisation_at_once(client, trainer, other_trainee, how):
    client.force_login(trainer)
    url = reverse("team:member", args=[other_trainee.pk])
    assert client.get(url).status_code == 200
    group = Group.objects.get(name=scoping.TRAINERS_GROUP)
    {
        "user.groups.remove": lambda: trainer.groups.remove(group),
        "group.user_set.remove": lambda: group.user_set.remove(trainer),
        "group.user_set.clear": lambda: group.user_set.clear(),
    }[how]()
    assert client.get(url).status_code == 404


def test_a_renamed_clinic_shows_its_new_name(trainee, clinic_a):
    assert scoping.viewer_for(user=fresh(trainee)).organisation.name == clinic_a.name
    clinic_a.name = "Riverbend Clinic"
    clinic_a.save()
    assert scoping.viewer_for(user=fresh(trainee)).organisation.name == "Riverbend Clinic"
