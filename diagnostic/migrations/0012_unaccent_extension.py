from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The agency's search ignores accents: PostgreSQL's unaccent. The operation does
    nothing on other databases (SQLite registers a function of its own, digitalees.db)."""

    dependencies = [("diagnostic", "0011_result_peer_profile")]

    operations = [UnaccentExtension()]
