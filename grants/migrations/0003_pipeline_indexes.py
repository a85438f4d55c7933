"""Indexes of the staff pipeline (its sort by submission, overdue screening) and of the
de minimis register (grants decided in a year)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('grants', '0002_categories_and_documents'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['submitted_at'], name='grant_app_submitted_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['status', 'status_changed_at'], name='grant_app_waiting_idx'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(condition=models.Q(('approved_amount__isnull', False)), fields=['decided_at'], name='grant_app_granted_idx'),
        ),
    ]
