"""Give the platform's own guides and templates (the starter library's resources with no
address elsewhere) their content in both languages, from resources.json: each then opens
its page. A content already written (in the admin) is kept."""

import json

from django.db import migrations

from diagnostic import loader


def fill_bodies(apps, schema_editor):
    Resource = apps.get_model("network", "Resource")
    with open(loader.QUESTIONNAIRE_DIR / "resources.json", encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        body = entry.get("body")
        if body:
            Resource.objects.filter(slug=entry["slug"], body_fr="", body_en="").update(
                body_fr=body["fr"], body_en=body["en"]
            )


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0009_questionnaire_intro_without_duration"),
        ("network", "0005_resource_body_and_document"),
    ]

    operations = [migrations.RunPython(fill_bodies, migrations.RunPython.noop)]
