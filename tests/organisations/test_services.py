"""Joining, moving and leaving: a person belongs to one organisation at a time, history stays."""

import pytest

from organisations.models import Membership
from organisations.selectors import membership_current, membership_history
from organisations.services import (
    MembershipError,
    cohort_add_members,
    cohort_create,
    membership_join,
    membership_leave,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_joining_makes_a_current_membership(clinic_a):
    person = UserFactory()
    membership = membership_join(user=person, organisation=clinic_a, role="manager")
    assert membership_current(user=person) == membership
    assert membership.is_manager


def test_moving_ends_the_old_membership_and_keeps_it(clinic_a, clinic_b, trainee):
    membership_join(user=trainee, organisation=clinic_b)
    history = membership_history(user=trainee)
    assert [m.organisation for m in history] == [clinic_a, clinic_b]
    assert history[0].left_at is not None
    assert history[1].left_at is None


def test_joining_the_same_organisation_again_only_changes_the_role(clinic_a, trainee):
    membership_join(user=trainee, organisation=clinic_a, role="manager")
    assert Membership.objects.filter(user=trainee).count() == 1
    assert membership_current(user=trainee).role == "manager"


def test_an_unknown_role_is_refused_and_nothing_changes(clinic_b, trainee):
    with pytest.raises(MembershipError):
        membership_join(user=trainee, organisation=clinic_b, role="boss")
    assert membership_current(user=trainee).organisation.slug == "clinic-a"


def test_leaving_keeps_the_account_and_the_history(trainee):
    membership_leave(user=trainee)
    assert membership_current(user=trainee) is None
    assert len(membership_history(user=trainee)) == 1


def test_moving_leaves_the_old_organisations_cohorts(clinic_a, clinic_b, trainee):
    cohort = cohort_create(organisation=clinic_a, name="Spring starters")
    cohort_add_members(cohort=cohort, users=[trainee])
    membership_join(user=trainee, organisation=clinic_b)
    assert not cohort.members.exists()


def test_only_members_of_the_organisation_can_join_its_cohort(clinic_a, other_trainee):
    cohort = cohort_create(organisation=clinic_a, name="Spring starters")
    with pytest.raises(MembershipError):
        cohort_add_members(cohort=cohort, users=[other_trainee])
    assert not cohort.members.exists()
