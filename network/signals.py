"""What network tells the apps that build on it, without knowing them."""

from dataclasses import dataclass

from django.dispatch import Signal

# Sent by services.organisation_update once an edit is saved, with `organisation` and
# `changed`: {field name: its value before the edit} for each field the edit changed.
organisation_changed = Signal()

# Sent by the organisation's page with `organisation` and `access` (rules.OrganisationAccess:
# who reads it); each receiver returns the PageLinks that its app offers this reader, shown
# together in the page's programme section. Receivers decide what the reader may follow.
organisation_page_links = Signal()


@dataclass(frozen=True)
class PageLink:
    label: str
    url: str = ""  # empty: a line of text
