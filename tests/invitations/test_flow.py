"""Inviting, accepting, links: joined with the right role; bad, expired, withdrawn or used
invitations show a clear page and create nothing; managers reach their own clinic only."""

import re
from datetime import timedelta

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from invitations.models import Invitation, InviteLink
from invitations.services import invitation_create, invite_link_create
from organisations.models import Membership
from organisations.selectors import membership_current

pytestmark = pytest.mark.django_db

HOME = reverse("invitations:home")
NEW_PASSWORD = "a-good-long-password-42"


def accept_url_from_email() -> str:
    return re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)


def test_a_manager_invites_one_person_who_accepts_and_joins_with_the_role(client, manager, clinic_a):
    client.force_login(manager)
    response = client.post(HOME, {"email": "new@clinic-a.example.org", "role": "manager", "first_name": "Noor"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new@clinic-a.example.org"]
    url = accept_url_from_email()
    client.logout()
    assert client.get(url).status_code == 200
    response = client.post(url, {"first_name": "Noor", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    person = User.objects.get(email="new@clinic-a.example.org")
    membership = membership_current(user=person)
    assert (membership.organisation, membership.role) == (clinic_a, "manager")
    assert person.check_password(NEW_PASSWORD)
    # Used: a second visit shows a clear page and creates nothing.
    client.logout()
    response = client.get(url)
    assert response.status_code == 410 and "already been used" in response.content.decode()


@pytest.mark.parametrize("state", ["expired", "revoked", "accepted", "unknown"])
def test_unusable_invitations_show_a_clear_page_and_create_nothing(client, clinic_a, state):
    sent = invitation_create(organisation=clinic_a, email="x@clinic-a.example.org")
    now = timezone.now()
    if state == "expired":
        Invitation.objects.filter(pk=sent.invitation.pk).update(
            created_at=now - timedelta(days=30), expires_at=now - timedelta(days=1)
        )
    elif state == "revoked":
        Invitation.objects.filter(pk=sent.invitation.pk).update(revoked_at=now)
    elif state == "accepted":
        Invitation.objects.filter(pk=sent.invitation.pk).update(accepted_at=now)
    token = sent.token if state != "unknown" else "not-a-real-token"
    url = reverse("invitations:accept", args=[token])
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == (404 if state == "unknown" else 410)
    assert "cannot be used" in response.content.decode()
    assert not User.objects.filter(email="x@clinic-a.example.org").exists()


def test_a_weak_or_mismatched_password_is_refused_and_creates_nothing(client, clinic_a):
    sent = invitation_create(organisation=clinic_a, email="x@clinic-a.example.org")
    url = reverse("invitations:accept", args=[sent.token])
    assert client.post(url, {"password1": "123", "password2": "123"}).status_code == 400
    assert client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"}).status_code == 400
    assert not User.objects.filter(email="x@clinic-a.example.org").exists()


def test_an_existing_person_is_not_duplicated_and_accepts_when_signed_in(client, other_trainee, clinic_a):
    sent = invitation_create(organisation=clinic_a, email=other_trainee.email.upper())
    url = reverse("invitations:accept", args=[sent.token])
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410  # must sign in first
    assert membership_current(user=other_trainee).organisation.slug == "clinic-b"
    client.force_login(other_trainee)
    assert client.post(url).status_code == 302
    assert User.objects.filter(email__iexact=other_trainee.email).count() == 1
    assert membership_current(user=other_trainee).organisation == clinic_a
    assert Membership.objects.filter(user=other_trainee).count() == 2  # the history stays


def csv_file(text: str, name: str = "people.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_csv_preview_writes_nothing_until_confirmed(client, manager, trainee):
    client.force_login(manager)
    text = "email,role,first_name\nnew1@a.org,trainee,Ana\nnew2@a.org,manager,Ben\n" + f"{trainee.email},trainee,Sam\n"
    response = client.post(reverse("invitations:upload"), {"file": csv_file(text)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "new1@a.org" in html and "Already a member" in html
    assert not Invitation.objects.exists() and not mail.outbox
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    assert client.post(reverse("invitations:confirm"), {"payload": payload}).status_code == 302
    assert sorted(Invitation.objects.values_list("email", "role")) == [
        ("new1@a.org", "trainee"),
        ("new2@a.org", "manager"),
    ]
    assert len(mail.outbox) == 2


def test_a_csv_with_problems_is_previewed_with_a_400_and_cannot_be_confirmed(client, manager):
    client.force_login(manager)
    response = client.post(reverse("invitations:upload"), {"file": csv_file("email,role\nbad,boss\n")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "not a valid email" in html and "not a role here" in html
    assert 'name="payload"' not in html
    assert not Invitation.objects.exists()


def test_a_tampered_preview_is_refused(client, manager):
    client.force_login(manager)
    response = client.post(reverse("invitations:confirm"), {"payload": "eyJyb3dzIjpbXX0:forged:sig"})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_a_preview_for_one_clinic_cannot_be_confirmed_for_another(client, trainer, clinic_a, clinic_b):
    client.force_login(trainer)
    response = client.post(
        reverse("invitations:upload") + "?organisation=clinic-a", {"file": csv_file("email\nz@a.org\n")}
    )
    payload = re.search(r'name="payload" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(reverse("invitations:confirm") + "?organisation=clinic-b", {"payload": payload})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_a_manager_cannot_reach_another_clinics_invitations(client, manager, clinic_b):
    sent = invitation_create(organisation=clinic_b, email="b@clinic-b.example.org")
    link = invite_link_create(organisation=clinic_b).link
    client.force_login(manager)
    assert client.get(HOME + "?organisation=clinic-b").status_code == 404
    assert client.post(reverse("invitations:revoke", args=[sent.invitation.pk])).status_code == 404
    assert client.post(reverse("invitations:link_revoke", args=[link.pk])).status_code == 404
    sent.invitation.refresh_from_db()
    link.refresh_from_db()
    assert sent.invitation.revoked_at is None and link.revoked_at is None


def test_trainees_cannot_invite(client, trainee):
    client.force_login(trainee)
    assert client.get(HOME).status_code == 404
    assert client.post(HOME, {"email": "x@a.org", "role": "trainee"}).status_code == 404
    assert not Invitation.objects.exists()


def test_a_shareable_link_lets_people_join_as_trainees_until_withdrawn(client, manager, clinic_a):
    client.force_login(manager)
    html = client.post(reverse("invitations:link_create")).content.decode()
    url = re.search(r'value="http://testserver(/join/[^"]+/)"', html).group(1)
    client.logout()
    response = client.post(
        url, {"email": "walkin@a.org", "first_name": "Wen", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    person = User.objects.get(email="walkin@a.org")
    assert membership_current(user=person).role == "trainee"
    assert InviteLink.objects.get().joined_count == 1
    InviteLink.objects.update(revoked_at=timezone.now())
    client.logout()
    response = client.post(
        url, {"email": "late@a.org", "first_name": "", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="late@a.org").exists()


def test_an_expired_link_creates_nothing(client, clinic_a):
    new = invite_link_create(organisation=clinic_a)
    InviteLink.objects.update(
        created_at=timezone.now() - timedelta(days=60), expires_at=timezone.now() - timedelta(days=1)
    )
    url = reverse("invitations:join", args=[new.token])
    data = {"email": "late@a.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(url, data).status_code == 410
    assert not User.objects.filter(email="late@a.org").exists()


def test_a_link_for_an_address_with_an_account_asks_to_sign_in(client, clinic_b, trainee):
    new = invite_link_create(organisation=clinic_b)
    url = reverse("invitations:join", args=[new.token])
    data = {"email": trainee.email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(url, data).status_code == 410
    assert membership_current(user=trainee).organisation.slug == "clinic-a"


def test_open_sign_up_is_off_by_default_and_a_setting_allows_it(client, settings):
    url = reverse("invitations:register")
    assert client.get(url).status_code == 404
    settings.ALLOW_SELF_REGISTRATION = True
    data = {"email": "self@a.org", "first_name": "", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert client.post(url, data).status_code == 302
    assert User.objects.filter(email="self@a.org").exists()


def test_a_trainer_picks_the_organisation_before_inviting(client, trainer, clinic_a, clinic_b):
    client.force_login(trainer)
    html = client.get(HOME).content.decode()
    assert "?organisation=clinic-a" in html and "?organisation=clinic-b" in html
    assert client.get(HOME + "?organisation=clinic-b").status_code == 200


def test_checkbox_groups_are_fieldsets_with_a_legend(client, manager, course):
    client.force_login(manager)
    html = client.get(reverse("team:assign")).content.decode()
    assert "<legend>People</legend>" in html and "<legend>Courses</legend>" in html
