from django.db import migrations

GROUP = "reviewer"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=GROUP)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("digitalees", "0002_role_groups")]

    operations = [migrations.RunPython(create_group, delete_group)]
