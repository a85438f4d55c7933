from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from diagnostic import loader
from diagnostic.models import Choice, Dimension, Question, Questionnaire


class Command(BaseCommand):
    help = (
        "Publish a questionnaire version from its JSON file. A version already loaded is "
        "left as it is: published versions never change."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="e.g. diagnostic/questionnaire/v2.json")

    @transaction.atomic
    def handle(self, *args, path, **options):
        questionnaire, created = loader.load_file(
            path, Questionnaire=Questionnaire, Dimension=Dimension, Question=Question, Choice=Choice
        )
        if created:
            self.stdout.write(self.style.SUCCESS(f"Published {questionnaire}."))
        else:
            self.stdout.write(f"Version {questionnaire.version} is already published; unchanged.")
