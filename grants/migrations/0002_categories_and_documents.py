"""The cost categories a call may fund and the documents it may require, in French and
English (the agency edits them in the admin)."""

from django.db import migrations

CATEGORIES = [
    ("hardware", "Matériel informatique", "IT equipment"),
    ("software", "Logiciels et abonnements", "Software and subscriptions"),
    ("website", "Site web et outils en ligne", "Website and online tools"),
    ("services", "Accompagnement et prestations externes", "External services and consultancy"),
    ("training", "Formation du personnel", "Staff training"),
    ("security", "Cybersécurité et sauvegarde", "Cybersecurity and backup"),
    ("connectivity", "Connectivité et réseau", "Connectivity and network"),
    ("staff", "Frais de personnel interne", "Internal staff costs"),
]

DOCUMENTS = [
    ("quote", "Devis", "Quote"),
    ("statutes", "Statuts", "Statutes"),
    ("accounts", "Derniers comptes annuels", "Latest annual accounts"),
    ("bank", "Attestation bancaire", "Bank account certificate"),
    ("other", "Autre document", "Other document"),
]


def load(apps, schema_editor):
    CostCategory = apps.get_model("grants", "CostCategory")
    DocumentType = apps.get_model("grants", "DocumentType")
    for position, (code, fr, en) in enumerate(CATEGORIES):
        CostCategory.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "position": position}
        )
    for position, (code, fr, en) in enumerate(DOCUMENTS):
        DocumentType.objects.update_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "position": position}
        )


def unload(apps, schema_editor):
    apps.get_model("grants", "CostCategory").objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()
    apps.get_model("grants", "DocumentType").objects.filter(code__in=[d[0] for d in DOCUMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
