"""French never reads "de Atelier": a name is not put straight after "de" (it would need
"d'" before a vowel or a mute h, and "des" before "Les Jardins…")."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import MembershipFactory, OrganisationFactory

PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NAME_AFTER_DE = re.compile(r"\b(de|du|De) %\((\w*name\w*|organisation\w*)\)s")


def _msgstrs() -> list[str]:
    entries, current = [], None
    for line in PO.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgstr ", "msgstr[")):
            current = [line.split(" ", 1)[1].strip('"')]
            entries.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
        else:
            current = None
    return ["".join(parts) for parts in entries]


def test_no_french_string_puts_a_name_straight_after_de():
    offending = [text for text in _msgstrs() if NAME_AFTER_DE.search(text)]
    assert offending == []


@pytest.mark.parametrize("name", ["Atelier du Fer", "Hôpital solidaire", "Les Jardins de Namur"])
def test_the_organisation_page_reads_right_in_french(client, db, name):
    organisation = OrganisationFactory(name=name)
    member = MembershipFactory(organisation=organisation, role="admin")
    client.force_login(member.user)
    page = client.get(reverse("network:organisation_detail", kwargs={"slug": organisation.slug}))
    content = page.content.decode()
    assert f"Membres de l'organisation {name}" in content
    assert f"de {name}" not in content


def test_the_removal_message_reads_right_in_french():
    with translation.override("fr"):
        text = gettext("%(name)s no longer belongs to %(organisation)s.") % {
            "name": "Alice",
            "organisation": "Atelier du Fer",
        }
    assert text == "Alice ne fait plus partie de l'organisation Atelier du Fer."
