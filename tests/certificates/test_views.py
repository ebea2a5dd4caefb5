"""Downloading a certificate, and the public page that checks one."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.certificates.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.pk]))


def test_the_holder_downloads_their_certificate_as_a_pdf(trainee_client, completed):
    response = download(trainee_client, completed)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert completed.code in text
    assert "http://testserver/verify/" + completed.code + "/" in text


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_trainee", 404), ("other_manager", 404), ("manager", 200), ("trainer", 200), ("admin_user", 200)],
)
def test_only_the_holder_their_own_manager_and_trainers_may_download_it(client, completed, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert download(client, completed).status_code == status


def test_signing_in_comes_first(client, completed):
    response = download(client, completed)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_certificate_is_not_found(trainee_client, completed):
    assert trainee_client.get(reverse("certificates:download", args=[completed.pk + 999])).status_code == 404


def test_the_dashboard_offers_the_certificate_on_the_completed_course(trainee_client, completed):
    response = trainee_client.get(reverse("training:dashboard"))
    assert reverse("certificates:download", args=[completed.pk]) in response.content.decode()


def test_the_dashboard_offers_no_certificate_before_completion(trainee_client, ce_course):
    response = trainee_client.get(reverse("training:dashboard"))
    assert "/certificates/" not in response.content.decode()


# The public check ---------------------------------------------------------------------------


def verify(client, code):
    return client.get(reverse("certificates:verify_code", args=[code]))


def test_a_valid_certificate_shows_the_name_course_and_dates_and_nothing_else(client, completed, trainee):
    trainee.last_name = "Rivera"
    trainee.save()
    response = verify(client, completed.code)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This certificate is valid." in page
    assert completed.holder_name in page and "Overdose response" in page
    assert completed.completed_on.strftime("%-d %B %Y") in page
    assert completed.expires_on.strftime("%-d %B %Y") in page
    assert trainee.email not in page and "Clinic A" not in page and "Rivera" not in page
    assert 'name="robots" content="noindex"' in page


def test_an_expired_certificate_says_so(client, completed):
    Certificate.objects.filter(pk=completed.pk).update(
        completed_on=timezone.localdate() - timedelta(days=400), expires_on=timezone.localdate() - timedelta(days=35)
    )
    assert "This certificate has expired." in verify(client, completed.code).content.decode()


def test_a_revoked_certificate_says_so_without_the_reason(client, completed, trainer):
    certificate_revoke(certificate=completed, by=trainer, reason="Issued by mistake to the wrong person")
    page = verify(client, completed.code).content.decode()
    assert "This certificate has been revoked." in page
    assert "mistake" not in page


def test_a_code_typed_loosely_leads_to_its_page(client, completed):
    loose = completed.code.replace("-", " ").lower()
    response = client.get(reverse("certificates:verify"), {"code": loose})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200 and "This certificate is valid." in response.content.decode()


@pytest.mark.parametrize(
    "code", ["ZZZZ-ZZZZ-ZZZZ-ZZZZ", "nonsense", "1234", "%00%27%22<script>", "A" * 400, "🙂🙂🙂🙂"]
)
def test_unknown_and_malformed_codes_get_the_same_not_found_page(client, completed, code):
    response = verify(client, code)
    assert response.status_code == 404
    assert "We could not find that certificate" in response.content.decode()
    response = client.get(reverse("certificates:verify"), {"code": code})
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 404
    assert "We could not find that certificate" in response.content.decode()


def test_the_form_is_open_to_everyone(client):
    response = client.get(reverse("certificates:verify"))
    assert response.status_code == 200 and 'name="code"' in response.content.decode()


def test_lookups_are_limited_per_address(client, completed, settings):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 5
    statuses = [verify(client, "ZZZZ-ZZZZ-ZZZZ-ZZZ" + str(n)).status_code for n in range(5)]
    assert statuses == [404] * 5
    limited = verify(client, completed.code)  # even the right code, once over the limit
    assert limited.status_code == 429
    assert "Please wait a minute" in limited.content.decode()
    assert limited["Retry-After"] == "60"
    other_address = client.get(reverse("certificates:verify_code", args=[completed.code]), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


def test_behind_a_proxy_the_limit_follows_the_configured_header(client, completed, settings):
    settings.CERTIFICATE_VERIFY_PER_MINUTE = 2
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    url = reverse("certificates:verify_code", args=[completed.code])
    for _ in range(2):
        assert client.get(url, HTTP_X_REAL_IP="203.0.113.5").status_code == 200
    assert client.get(url, HTTP_X_REAL_IP="203.0.113.5").status_code == 429
    assert client.get(url, HTTP_X_REAL_IP="203.0.113.6").status_code == 200
