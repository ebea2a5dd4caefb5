"""The signed-in person is cached between requests; changes to the account apply at once."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_view_does_not_ask_the_database_who_is_signed_in(trainee_client):
    url = reverse("training:dashboard")
    trainee_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert trainee_client.get(url).status_code == 200
    assert not [q for q in queries.captured_queries if 'FROM "accounts_user"' in q["sql"]]


def test_a_deactivated_account_is_signed_out_on_its_next_request(trainee_client, trainee):
    url = reverse("training:dashboard")
    assert trainee_client.get(url).status_code == 200
    trainee.is_active = False
    trainee.save()
    response = trainee_client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_changing_the_password_elsewhere_ends_other_sessions(trainee_client, trainee):
    url = reverse("training:dashboard")
    assert trainee_client.get(url).status_code == 200
    trainee.set_password("a-new-long-passphrase")
    trainee.save()
    assert trainee_client.get(url).status_code == 302
