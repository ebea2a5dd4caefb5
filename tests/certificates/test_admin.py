"""Trainers list and revoke certificates in the admin; nobody adds, edits or deletes one."""

import pytest

from django.urls import reverse

from certificates.models import Certificate

pytestmark = pytest.mark.django_db


def test_a_trainer_lists_certificates_and_revokes_one_with_a_reason(client, trainer, completed):
    client.force_login(trainer)
    listing = client.get(reverse("certificate:index"))
    assert listing.status_code == 200 and completed.code in listing.content.decode()

    url = reverse("certificate:edit", args=[completed.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"revoked_reason": ""})
    assert response.status_code == 200  # the reason is required
    assert Certificate.objects.get(pk=completed.pk).revoked_at is None

    response = client.post(url, {"revoked_reason": "Completed under another person's account"})
    assert response.status_code == 302
    completed.refresh_from_db()
    assert completed.is_revoked and completed.revoked_by == trainer
    assert completed.revoked_reason == "Completed under another person's account"
    page = client.get(reverse("certificates:verify_code", args=[completed.code])).content.decode()
    assert "This certificate has been revoked." in page


def test_revoking_twice_keeps_the_first_reason(client, trainer, completed):
    client.force_login(trainer)
    url = reverse("certificate:edit", args=[completed.pk])
    client.post(url, {"revoked_reason": "First reason"})
    response = client.post(url, {"revoked_reason": "Second reason"})
    assert response.status_code == 200  # refused with a message
    completed.refresh_from_db()
    assert completed.revoked_reason == "First reason"


def test_nobody_adds_or_deletes_a_certificate_by_hand(client, admin_user, completed):
    client.force_login(admin_user)
    assert client.get(reverse("certificate:add")).status_code in (302, 403)
    assert client.post(reverse("certificate:delete", args=[completed.pk])).status_code in (302, 403)
    assert Certificate.objects.filter(pk=completed.pk).exists()


@pytest.mark.parametrize("who", ["trainee", "manager"])
def test_trainees_and_managers_never_reach_the_certificates_admin(client, request, completed, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("certificate:index"))
    assert response.status_code in (302, 403)
    response = client.post(reverse("certificate:edit", args=[completed.pk]), {"revoked_reason": "x"})
    assert response.status_code in (302, 403)
    completed.refresh_from_db()
    assert not completed.is_revoked


def test_the_listing_searches_and_filters(client, trainer, completed):
    client.force_login(trainer)
    assert completed.code in client.get(reverse("certificate:index"), {"q": "Overdose"}).content.decode()
    assert completed.code not in client.get(reverse("certificate:index"), {"q": "nothing-like-it"}).content.decode()
