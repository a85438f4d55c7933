"""Version 1's introduction announced "20 to 30 minutes" while the start page said "about 15":
the duration is now computed from the questionnaire's data (selectors.questionnaire_facts)
and said once, by the pages and e-mails; the introduction no longer states one. Only the
wording of the introduction changes: questions, choices and scores stay as published."""

from django.db import migrations

SENTENCES = {"fr": " Comptez 20 à 30 minutes.", "en": " Allow 20 to 30 minutes."}


def drop_duration(apps, schema_editor):
    Questionnaire = apps.get_model("diagnostic", "Questionnaire")
    for questionnaire in Questionnaire.objects.filter(version=1):
        for language, sentence in SENTENCES.items():
            field = f"intro_{language}"
            setattr(questionnaire, field, getattr(questionnaire, field).replace(sentence, ""))
        questionnaire.save(update_fields=["intro_fr", "intro_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0008_report_render_claim"),
    ]

    operations = [migrations.RunPython(drop_duration, migrations.RunPython.noop)]
