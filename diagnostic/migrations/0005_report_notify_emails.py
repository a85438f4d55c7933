from django.db import migrations, models


def to_lists(apps, schema_editor):
    Report = apps.get_model("diagnostic", "Report")
    for report in Report.objects.exclude(notify_email=""):
        report.notify_emails = [report.notify_email]
        report.save(update_fields=["notify_emails"])


def to_single(apps, schema_editor):
    Report = apps.get_model("diagnostic", "Report")
    for report in Report.objects.all():
        report.notify_email = report.notify_emails[0] if report.notify_emails else ""
        report.save(update_fields=["notify_email"])


class Migration(migrations.Migration):
    """A report being prepared e-mails everyone who asked for it, not only the first."""

    dependencies = [
        ("diagnostic", "0004_assessment_submitted_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="notify_emails",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(to_lists, to_single),
        migrations.RemoveField(
            model_name="report",
            name="notify_email",
        ),
    ]
