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
