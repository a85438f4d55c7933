from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import network.models


def profile_from_organisation(apps, schema_editor):
    """Results recorded before: their organisation's profile now is the best known."""
    Result = apps.get_model("diagnostic", "Result")
    Organisation = apps.get_model("network", "Organisation")
    organisation = Organisation.objects.filter(pk=OuterRef("organisation_id"))
    Result.objects.update(
        **{
            name: Subquery(organisation.values(name)[:1])
            for name in ("sector", "size_band", "province")
        }
    )


class Migration(migrations.Migration):
    dependencies = [
        ("diagnostic", "0010_resource_bodies"),
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="result",
            name="sector",
            field=models.CharField(
                choices=network.models.Sector.choices,
                default="",
                max_length=20,
                verbose_name="sector",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="result",
            name="size_band",
            field=models.CharField(
                choices=network.models.SizeBand.choices,
                default="",
                max_length=10,
                verbose_name="staff",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="result",
            name="province",
            field=models.CharField(
                choices=network.models.Province.choices,
                default="",
                max_length=2,
                verbose_name="province",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(profile_from_organisation, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.CheckConstraint(
                condition=models.Q(sector__in=network.models.Sector.values),
                name="result_sector_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.CheckConstraint(
                condition=models.Q(size_band__in=network.models.SizeBand.values),
                name="result_size_band_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="result",
            constraint=models.CheckConstraint(
                condition=models.Q(province__in=network.models.Province.values),
                name="result_province_valid",
            ),
        ),
    ]
