"""Trainers manage assignments and onboarding paths in the admin (administrators can anyway)."""

from django.db import migrations

MODELS = ["assignment", "onboardingstep"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name="Trainers")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="assignments", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            trainers.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers = Group.objects.filter(name="Trainers").first()
    if trainers is not None:
        trainers.permissions.remove(*Permission.objects.filter(content_type__app_label="assignments"))


class Migration(migrations.Migration):
    dependencies = [
        ("assignments", "0001_assignments_and_onboarding_paths"),
        ("lessons", "0002_trainers_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
