"""The test cast: the host organisation and two partner clinics (A and B); a trainee and a
clinic manager in each clinic; a trainer (host staff, in the Trainers group); an administrator."""

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache

from home import versioned_cache
from organisations.services import membership_join
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, build_course

pytest_plugins = []


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    versioned_cache.clear_local()
    yield
    cache.clear()
    versioned_cache.clear_local()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def host_org(db):
    return OrganisationFactory(name="Harbour Street", slug="harbour-street", kind="host")


@pytest.fixture
def clinic_a(db):
    return OrganisationFactory(name="Clinic A", slug="clinic-a")


@pytest.fixture
def clinic_b(db):
    return OrganisationFactory(name="Clinic B", slug="clinic-b")


@pytest.fixture
def trainee(clinic_a):
    user = UserFactory(email="trainee@clinic-a.example.org", first_name="Sam")
    membership_join(user=user, organisation=clinic_a)
    return user


@pytest.fixture
def other_trainee(clinic_b):
    user = UserFactory(email="trainee@clinic-b.example.org", first_name="Kai")
    membership_join(user=user, organisation=clinic_b)
    return user


@pytest.fixture
def manager(clinic_a):
    user = UserFactory(email="manager@clinic-a.example.org", first_name="Robin")
    membership_join(user=user, organisation=clinic_a, role="manager")
    return user


@pytest.fixture
def other_manager(clinic_b):
    user = UserFactory(email="manager@clinic-b.example.org", first_name="Ash")
    membership_join(user=user, organisation=clinic_b, role="manager")
    return user


@pytest.fixture
def trainer(host_org):
    user = UserFactory(email="trainer@host.example.org", first_name="Jordan")
    user.groups.add(Group.objects.get(name="Trainers"))
    membership_join(user=user, organisation=host_org)
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@host.example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def trainee_client(client, trainee):
    client.force_login(trainee)
    return client


@pytest.fixture
def course(db):
    return build_course(modules=2, lessons_per_module=2)
