"""The test cast: a trainee, another trainee, a trainer and an administrator."""

import pytest

from django.contrib.auth.models import Group
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory, build_course

pytest_plugins = []


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def trainee(db):
    return UserFactory(email="trainee@clinic-a.example.org", first_name="Sam")


@pytest.fixture
def other_trainee(db):
    return UserFactory(email="trainee@clinic-b.example.org", first_name="Kai")


@pytest.fixture
def trainer(db):
    user = UserFactory(email="trainer@host.example.org", first_name="Jordan")
    user.groups.add(Group.objects.get(name="Trainers"))
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
