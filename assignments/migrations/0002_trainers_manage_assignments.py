"""Trainers manage assignments and onboarding paths in the admin (administrators can anyway)."""

from django.db import migrations

from home.migration_permissions import trainers_may

MODELS = ["assignment", "onboardingstep"]
ACTIONS = ["add", "change", "delete", "view"]


grant, revoke = trainers_may("assignments", MODELS, ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0001_assignments_and_onboarding_paths"),
        ("lessons", "0002_trainers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
