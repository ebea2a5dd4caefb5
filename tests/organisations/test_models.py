"""The database keeps the rules: one host, one current membership per person."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisations.models import Membership, Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_there_can_be_only_one_host_organisation(host_org):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Second host", slug="second-host", kind="host")


def test_a_second_host_is_refused_with_a_clear_message_before_reaching_the_database(host_org):
    with pytest.raises(ValidationError, match="already a host organisation"):
        Organisation(name="Second host", slug="second-host", kind="host").full_clean()


def test_many_partner_clinics_are_fine(host_org):
    OrganisationFactory()
    OrganisationFactory()
    assert Organisation.objects.filter(kind="partner").count() == 2


def test_a_person_has_at_most_one_current_membership(clinic_a, clinic_b):
    person = UserFactory()
    Membership.objects.create(user=person, organisation=clinic_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=person, organisation=clinic_b)


def test_past_memberships_do_not_count_as_current(clinic_a, clinic_b):
    person = UserFactory()
    joined = timezone.now() - timezone.timedelta(days=30)
    Membership.objects.create(user=person, organisation=clinic_a, joined_at=joined, left_at=timezone.now())
    Membership.objects.create(user=person, organisation=clinic_b)
    assert Membership.objects.filter(user=person).count() == 2


def test_leaving_before_joining_is_refused(clinic_a):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=UserFactory(), organisation=clinic_a, joined_at=now, left_at=now - timezone.timedelta(days=1)
        )


def test_unknown_role_is_refused_by_the_database(clinic_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), organisation=clinic_a, role="overlord")
