"""Trainers and administrators manage organisations in the Wagtail admin; nobody else does."""

import pytest

from django.urls import reverse

from organisations.models import Organisation

pytestmark = pytest.mark.django_db

INDEX = "wagtailsnippets_organisations_organisation:list"
ADD = "wagtailsnippets_organisations_organisation:add"


@pytest.mark.parametrize("who", ["trainer", "admin_user"])
def test_trainers_and_administrators_list_and_add_organisations(client, request, who, host_org):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(INDEX)).status_code == 200
    response = client.post(reverse(ADD), {"name": "Eastside Clinic", "slug": "eastside", "kind": "partner"})
    assert response.status_code == 302
    assert Organisation.objects.filter(slug="eastside").exists()


def test_a_second_host_is_refused_in_the_admin_with_a_message(client, trainer, host_org):
    client.force_login(trainer)
    response = client.post(reverse(ADD), {"name": "Other host", "slug": "other-host", "kind": "host"})
    assert response.status_code == 200
    assert "already a host organisation" in response.content.decode()
    assert Organisation.objects.filter(kind="host").count() == 1


@pytest.mark.parametrize("who", ["trainee", "manager"])
def test_trainees_and_managers_do_not_reach_organisations_in_the_admin(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(INDEX))
    assert response.status_code in (302, 403)


MEMBERSHIP_ADD = "wagtailsnippets_organisations_membership:add"
MEMBERSHIP_EDIT = "wagtailsnippets_organisations_membership:edit"
COHORT_ADD = "wagtailsnippets_organisations_cohort:add"


def test_a_membership_is_not_re_pointed_to_another_organisation_in_the_admin(client, trainer, trainee, clinic_b):
    from organisations.models import Membership

    membership = Membership.objects.get(user=trainee)
    client.force_login(trainer)
    response = client.post(
        reverse(MEMBERSHIP_EDIT, args=[membership.pk]),
        {"user": trainee.pk, "organisation": clinic_b.pk, "role": "trainee", "left_at": ""},
    )
    assert response.status_code == 200
    assert "so their history stays" in response.content.decode()
    membership.refresh_from_db()
    assert membership.organisation.slug == "clinic-a"


def test_a_membership_added_in_the_admin_starts_the_onboarding_path(client, trainer, clinic_a, course):
    from assignments.models import Assignment, OnboardingStep
    from tests.factories import UserFactory

    OnboardingStep.objects.create(organisation=clinic_a, course=course, due_after_days=7)
    person = UserFactory()
    client.force_login(trainer)
    response = client.post(
        reverse(MEMBERSHIP_ADD), {"user": person.pk, "organisation": clinic_a.pk, "role": "trainee", "left_at": ""}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Assignment.objects.filter(user=person, course=course, source="onboarding").exists()


def test_a_second_current_membership_is_refused_in_the_admin(client, trainer, trainee, clinic_b):
    from organisations.models import Membership

    client.force_login(trainer)
    response = client.post(
        reverse(MEMBERSHIP_ADD), {"user": trainee.pk, "organisation": clinic_b.pk, "role": "trainee", "left_at": ""}
    )
    assert response.status_code == 200
    assert "already belongs to an organisation" in response.content.decode()
    assert Membership.objects.filter(user=trainee).count() == 1


def test_a_cohort_only_takes_members_of_its_organisation_in_the_admin(client, trainer, clinic_a, other_trainee):
    from organisations.models import Cohort

    client.force_login(trainer)
    response = client.post(
        reverse(COHORT_ADD), {"organisation": clinic_a.pk, "name": "Spring", "members": [other_trainee.pk]}
    )
    assert response.status_code == 200
    assert "Only current members" in response.content.decode()
    assert not Cohort.objects.exists()
