"""Data migrations that give the Trainers group model permissions in the admin.

Used by migrations, so it works on the historical models `apps` gives them and imports no
models of its own.
"""

TRAINERS_GROUP = "Trainers"


def trainers_may(app_label: str, models: list[str], actions: list[str]):
    """(grant, revoke) functions for `migrations.RunPython`: the Trainers group may do each
    action (add, change, delete, view) on each model of `app_label`."""

    def grant(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        ContentType = apps.get_model("contenttypes", "ContentType")
        Permission = apps.get_model("auth", "Permission")
        trainers, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                trainers.permissions.add(permission)

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        trainers = Group.objects.filter(name=TRAINERS_GROUP).first()
        if trainers is not None:
            trainers.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label))

    return grant, revoke
