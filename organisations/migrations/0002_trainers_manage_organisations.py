"""Trainers manage organisations, memberships and cohorts in the admin (administrators can anyway)."""

from django.db import migrations

from home.migration_permissions import trainers_may

MODELS = ["organisation", "membership", "cohort"]
ACTIONS = ["add", "change", "delete", "view"]


grant, revoke = trainers_may("organisations", MODELS, ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_organisations_memberships_cohorts"),
        ("lessons", "0002_trainers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
