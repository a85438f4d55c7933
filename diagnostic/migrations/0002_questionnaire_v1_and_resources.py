"""Publish questionnaire version 1 and the starter resource library tagged by dimension."""

import json

from django.db import migrations

from diagnostic import loader


def load_v1(apps, schema_editor):
    models = {name: apps.get_model("diagnostic", name) for name in ("Questionnaire", "Dimension", "Question", "Choice")}
    questionnaire, _created = loader.load_file(loader.QUESTIONNAIRE_DIR / "v1.json", **models)

    Topic = apps.get_model("network", "Topic")
    Resource = apps.get_model("network", "Resource")
    Dimension = models["Dimension"]
    for dimension in Dimension.objects.filter(questionnaire=questionnaire):
        Topic.objects.get_or_create(
            code=dimension.code,
            defaults={"name_fr": dimension.title_fr, "name_en": dimension.title_en},
        )
    topics = {t.code: t for t in Topic.objects.all()}
    with open(loader.QUESTIONNAIRE_DIR / "resources.json", encoding="utf-8") as f:
        entries = json.load(f)
    for entry in entries:
        resource, created = Resource.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "title_fr": entry["title"]["fr"],
                "title_en": entry["title"]["en"],
                "summary_fr": entry["summary"]["fr"],
                "summary_en": entry["summary"]["en"],
                "url": entry.get("url") or "",
                "kind": entry["kind"],
                "language": entry["language"],
            },
        )
        if created:
            resource.topics.set([topics[code] for code in entry["dimensions"]])


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0001_initial"),
        ("network", "0002_resources"),
    ]

    operations = [migrations.RunPython(load_v1, migrations.RunPython.noop)]
