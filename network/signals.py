"""What network tells the apps that build on it, without knowing them."""

from django.dispatch import Signal

# Sent by services.organisation_update once an edit is saved, with `organisation` and
# `changed`: {field name: its value before the edit} for each field the edit changed.
organisation_changed = Signal()
