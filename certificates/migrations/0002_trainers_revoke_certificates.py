"""Trainers see certificates and may revoke them in the admin (administrators can anyway).
Nobody adds or deletes certificates by hand: they are issued by completing a course."""

from django.db import migrations

from home.migration_permissions import trainers_may

ACTIONS = ["change", "view"]


grant, revoke = trainers_may("certificates", ["certificate"], ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificates"),
        ("lessons", "0002_trainers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
