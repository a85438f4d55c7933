"""A member's side of the public network, from the first draft to the event's follow-up.

An organisation's admin makes its profile public and chooses what it shows, writes the
organisation's experience (the structure the pilot enterprises asked for, a formatted story
with a script that must not survive, a theme, a photo with its description) and submits it.
Agency staff, logging in with their second factor in a browser of their own, send it back
with a remark; the admin reads the remark, changes the experience and submits it again;
staff publish it. A visitor finds it by searching the public list, reads its page and goes
to the organisation's public profile, which lists it. The admin registers for an event from
its page (confirmed at once: the account's address needs no confirmation); once it has taken
place, staff record attendance and write to those present only. Last, a member of another
organisation writes to the first through the contact form, neither address shown.

Every page reached is audited at a desktop and a phone width (tests/e2e/a11y.py).
"""

import datetime
import io
import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from network.models import (
    ContactThread,
    Event,
    Experience,
    ExperienceModeration,
    Organisation,
    Registration,
)
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory
from tests.network.factories import EventFactory, RegistrationFactory

from . import a11y
from .a11y import follow, visit
from .conftest import _AUDIT_KEY, _PAGES_KEY
from .steps import PASSWORD, form_with, log_in, log_out, submit_button

TITLE = "Un agenda partagé pour nos bénévoles"
WHY = "Nos coordinateurs passaient deux heures par semaine à recopier des tableurs."
ITEMS = {
    "difficulty": ["Le temps manque", "La peur de mal faire", "Des outils trop nombreux"],
    "tip": ["Bloquer une matinée par mois", "Former deux référents", "Commencer petit"],
    "phase": ["Le diagnostic", "Le choix de l'outil", "La formation de l'équipe"],
    "tool": ["Nextcloud", "Framadate", "Signal"],
    "keyword": ["Patience", "Écoute", "Entraide"],
}
STORY = (
    "<p>Nous avons commencé par <strong>le diagnostic</strong> de la plateforme.</p>\n"
    "<h3>Ce qui a marché</h3>\n<ul><li>Une formation courte</li><li>Un référent</li></ul>\n"
    '<script>document.title = "piraté"</script><p onclick="alert(1)">Merci à tous.</p>'
)
REMARK = "Dites-nous combien de bénévoles utilisent l'agenda aujourd'hui."
ANSWER = "Aujourd'hui, quarante bénévoles s'inscrivent eux-mêmes dans l'agenda."


def _current_totp(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.fixture
def staff_page(request, browser, live_server):
    """A second browser (a context of its own: its own cookies) for agency staff, watched and
    audited like `page`, so that the member and the agency keep their sessions side by side."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/Brussels",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    staff_page = context.new_page()
    request.node.stash.setdefault(_AUDIT_KEY, []).append(a11y.watch(staff_page))
    request.node.stash.setdefault(_PAGES_KEY, []).append(staff_page)
    yield staff_page
    a11y.forget(staff_page)
    context.close()


def _photo(tmp_path):
    """A real PNG, as a camera's picture would be uploaded (the service re-encodes it)."""
    image = Image.new("RGB", (640, 480), (46, 125, 50))
    for x in range(200, 440):
        for y in range(160, 320):
            image.putpixel((x, y), (255, 193, 7))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path = tmp_path / "agenda-benevoles.png"
    path.write_bytes(buffer.getvalue())
    return path


def _staff_log_in(page, staff):
    visit(page, "/accounts/login/")
    form = form_with(page, "password")
    form.locator("[name=login]").fill(staff.email)
    form.locator("[name=password]").fill(PASSWORD)
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    code = form_with(page, "code")
    code.locator("[name=code]").fill(_current_totp(staff))
    follow(page, code.locator("button[type=submit]").first)  # the last one cancels
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def _decision_button(form, url_name, experience):
    action = reverse(f"network:{url_name}", kwargs={"pk": experience.pk})
    return form.locator(f"button[formaction='{action}']")


def _visitor():
    return Client(HTTP_HOST="localhost")


def _main_link(page, href):
    return page.locator(f"main a[href='{href}']").first


@pytest.mark.usefixtures("questionnaire")
def test_a_member_shares_an_experience_registers_and_is_written_to(
    page, staff_page, live_server, mailoutbox, settings, tmp_path
):
    settings.STAFF_REQUIRE_MFA = True
    organisation = OrganisationFactory(
        name="Atelier Vert",
        sector="environment",
        province="NA",
        postcode="5000",
        municipality="Namur",
        social_purpose="Réemploi de vélos et insertion par le travail.",
        is_public=False,
    )
    admin = MembershipFactory(
        organisation=organisation,
        role="admin",
        user__password=PASSWORD,
        user__first_name="Léa",
        user__last_name="Lambert",
    ).user
    staff = agency_with_mfa()
    staff.set_password(PASSWORD)
    staff.save()
    profile_url = reverse("network:profile", kwargs={"slug": organisation.slug})
    # Private for now: its public profile does not exist.
    assert page.request.get(profile_url).status == 404

    # The admin makes the profile public and chooses what it shows.
    log_in(page, admin.email)
    visit(page, organisation.get_absolute_url())
    edit_url = reverse("network:public_profile_edit", kwargs={"slug": organisation.slug})
    follow(page, _main_link(page, edit_url))
    form = form_with(page, "is_public")
    form.locator("[name=is_public]").check()
    form.locator("[name=public_social_purpose]").check()
    form.locator("[name=public_municipality]").check()
    form.locator("[name=accepts_contact]").check()
    form.get_by_label("Données et RGPD").check()
    follow(page, submit_button(form))
    expect(page.locator("main .alert-success, .alert-success").first).to_be_visible()
    organisation.refresh_from_db()
    assert organisation.is_public and organisation.accepts_contact
    assert list(organisation.themes.values_list("code", flat=True)) == ["data"]

    # Its experiences, from the organisation's page; a new one written in full.
    visit(page, organisation.get_absolute_url())
    experiences_url = reverse(
        "network:organisation_experiences", kwargs={"slug": organisation.slug}
    )
    follow(page, _main_link(page, experiences_url))
    create_url = reverse("network:experience_create", kwargs={"slug": organisation.slug})
    follow(page, _main_link(page, create_url))
    form = form_with(page, "why")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=why]").fill(WHY)
    for kind, texts in ITEMS.items():
        for n, text in enumerate(texts, start=1):
            form.locator(f"[name={kind}_{n}]").fill(text)
    form.locator("[name=story]").fill(STORY)
    form.get_by_label("Outils de gestion et automatisation").check()
    follow(page, submit_button(form))
    experience = Experience.objects.get(organisation=organisation)
    assert experience.status == Experience.Status.DRAFT
    assert experience.items.count() == 15
    assert "<script" not in experience.story and "onclick" not in experience.story
    assert "<strong>le diagnostic</strong>" in experience.story
    edit_url = reverse("network:experience_edit", kwargs={"pk": experience.pk})
    expect(page).to_have_url(re.compile(rf"{edit_url}$"))

    # A photo with its description for those who cannot see it.
    photos = page.locator("main form[enctype='multipart/form-data']")
    photos.locator("[name=image]").set_input_files(_photo(tmp_path))
    photos.locator("[name=alt_text]").fill("Deux bénévoles consultent l'agenda sur une tablette.")
    photos.locator("[name=caption]").fill("L'agenda au local, le samedi matin")
    follow(page, submit_button(photos))
    photo = experience.photos.get()
    assert photo.alt_text.startswith("Deux bénévoles")
    expect(page.locator("#photos img")).to_have_attribute(
        "alt", "Deux bénévoles consultent l'agenda sur une tablette."
    )

    # The preview shows the story cleaned: formatting kept, the script gone.
    preview_url = reverse("network:experience_preview", kwargs={"pk": experience.pk})
    follow(page, _main_link(page, preview_url))
    story = page.locator("main .experience-story")
    expect(story.locator("strong")).to_have_text("le diagnostic")
    expect(story.locator("h3")).to_have_text("Ce qui a marché")
    expect(story.locator("script")).to_have_count(0)
    assert page.title() != "piraté"
    follow(page, _main_link(page, edit_url))

    submit_url = reverse("network:experience_submit", kwargs={"pk": experience.pk})
    follow(page, submit_button(page.locator(f"main form[action='{submit_url}']")))
    experience.refresh_from_db()
    assert experience.status == Experience.Status.SUBMITTED
    expect(page).to_have_url(re.compile(rf"{experiences_url}$"))
    # Not public yet: a visitor does not find it.
    assert _visitor().get(experience.get_absolute_url()).status_code == 404

    # Agency staff, with their second factor, send it back with a remark.
    _staff_log_in(staff_page, staff)
    visit(staff_page, reverse("network:moderation_queue"))
    moderate_url = reverse("network:experience_moderate", kwargs={"pk": experience.pk})
    follow(staff_page, _main_link(staff_page, moderate_url))
    expect(staff_page.locator("main .experience-story script")).to_have_count(0)
    decision = form_with(staff_page, "remarks")
    decision.locator("[name=remarks]").fill(REMARK)
    follow(staff_page, _decision_button(decision, "experience_return", experience))
    experience.refresh_from_db()
    assert experience.status == Experience.Status.RETURNED
    assert experience.remarks == REMARK
    returned = [m for m in mailoutbox if admin.email in m.to and REMARK in m.body]
    assert returned, [(m.to, m.subject) for m in mailoutbox]

    # The admin reads the remark, changes the experience and submits it again.
    visit(page, experiences_url)
    expect(page.locator("main table")).to_contain_text(REMARK)
    follow(page, _main_link(page, edit_url))
    expect(page.locator("main [role=note]")).to_contain_text(REMARK)
    form = form_with(page, "why")
    expect(form.locator("[name=tool_1]")).to_have_value("Nextcloud")
    form.locator("[name=why]").fill(f"{WHY} {ANSWER}")
    follow(page, submit_button(form))
    follow(page, submit_button(page.locator(f"main form[action='{submit_url}']")))
    experience.refresh_from_db()
    assert experience.status == Experience.Status.SUBMITTED
    assert ANSWER in experience.why

    # Staff publish it.
    visit(staff_page, reverse("network:moderation_queue"))
    follow(staff_page, _main_link(staff_page, moderate_url))
    expect(staff_page.locator("main")).to_contain_text(ANSWER)
    decision = form_with(staff_page, "remarks")
    follow(staff_page, _decision_button(decision, "experience_publish", experience))
    experience.refresh_from_db()
    assert experience.status == Experience.Status.PUBLISHED
    assert list(
        ExperienceModeration.objects.filter(experience=experience)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    ) == ["submitted", "returned", "submitted", "published"]
    log_out(page)

    # A visitor finds it by searching (accents and case ignored), reads it, opens the profile.
    visit(page, reverse("network:experience_list"))
    search = form_with(page, "keyword")
    search.locator("[name=q]").fill("BENEVOLES")
    follow(page, submit_button(search))
    found = page.locator("main article", has_text=TITLE)
    expect(found).to_have_count(1)
    follow(page, found.locator(f"a[href='{experience.get_absolute_url()}']"))
    expect(page.locator("main h1")).to_have_text(TITLE)
    for text in (*ITEMS["tip"], *ITEMS["tool"], ANSWER):
        expect(page.locator("main")).to_contain_text(text)
    expect(page.locator("main .experience-story script")).to_have_count(0)
    expect(page.locator("main figure img")).to_have_attribute(
        "alt", "Deux bénévoles consultent l'agenda sur une tablette."
    )
    image = page.request.get(page.locator("main figure img").get_attribute("src"))
    assert image.ok and image.headers["content-type"] == "image/webp"
    follow(page, _main_link(page, profile_url))
    expect(page.locator("main h1")).to_have_text("Atelier Vert")
    expect(page.locator("main")).to_contain_text("Namur")
    expect(page.locator("main")).to_contain_text("Réemploi de vélos")
    expect(page.locator("main [aria-labelledby=themes-title]")).to_contain_text("Données et RGPD")
    listed = page.locator("main [aria-labelledby=experiences-title]")
    expect(listed.locator(f"a[href='{experience.get_absolute_url()}']")).to_have_text(TITLE)
    # The visitor is not offered to write: only members of another organisation are.
    contact_url = reverse("network:contact_create", kwargs={"slug": organisation.slug})
    expect(page.locator(f"main a[href='{contact_url}']")).to_have_count(0)

    # The admin registers for an event from its page: confirmed at once.
    event = EventFactory(
        title_fr="Intervision : l'agenda partagé",
        title_en="Peer session: the shared calendar",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        capacity=12,
    )
    other = RegistrationFactory(event=event, first_name="Noé", last_name="Absent")
    log_in(page, admin.email)
    visit(page, reverse("network:event_list"))
    follow(page, _main_link(page, event.get_absolute_url()))
    register = form_with(page, "organisation")
    expect(register.locator("[name=organisation]")).to_have_value(str(organisation.pk))
    mailoutbox.clear()
    follow(page, submit_button(register))
    registration = Registration.objects.get(event=event, user=admin)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organisation == organisation
    expect(page.locator("main [aria-labelledby=register-title]")).to_contain_text("Inscrit")
    invitation = [m for m in mailoutbox if m.to == [admin.email]]
    assert len(invitation) == 1
    assert any(
        name.endswith(".ics") or "calendar" in str(mimetype)
        for name, _content, mimetype in invitation[0].attachments
    )

    # The event takes place; staff record attendance and write to those present only.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    detail_url = reverse("network:staff_event_detail", kwargs={"pk": event.pk})
    visit(staff_page, reverse("network:staff_event_list"))
    follow(staff_page, _main_link(staff_page, detail_url))
    follow(
        staff_page,
        _main_link(staff_page, reverse("network:staff_attendance", kwargs={"pk": event.pk})),
    )
    attendance = form_with(staff_page, f"r{registration.pk}")
    attendance.locator(f"[name=r{registration.pk}][value=present]").check()
    attendance.locator(f"[name=r{other.pk}][value=absent]").check()
    follow(staff_page, submit_button(attendance))
    registration.refresh_from_db()
    other.refresh_from_db()
    assert (registration.attendance, other.attendance) == ("present", "absent")
    follow(
        staff_page,
        _main_link(staff_page, reverse("network:staff_event_message", kwargs={"pk": event.pk})),
    )
    message = form_with(staff_page, "subject")
    expect(message.locator("[name=audience][value=present]")).to_be_checked()
    message.locator("[name=subject]").fill("Votre avis sur l'intervision")
    message.locator("[name=body]").fill("Merci d'être venus : trois questions en deux minutes.")
    mailoutbox.clear()
    follow(staff_page, submit_button(message))
    assert [m.to for m in mailoutbox] == [[admin.email]]
    assert "trois questions" in mailoutbox[0].body
    expect(staff_page.locator("main")).to_contain_text("Votre avis sur l'intervision")
    log_out(page)

    # A member of another organisation writes to the first; neither address is shown.
    writer_organisation = OrganisationFactory(name="Les Jardins Lorrains", province="LX")
    writer = MembershipFactory(
        organisation=writer_organisation,
        role="admin",
        user__password=PASSWORD,
        user__first_name="Hugo",
        user__last_name="Henrion",
    ).user
    log_in(page, writer.email)
    visit(page, profile_url)
    follow(page, _main_link(page, contact_url))
    form = form_with(page, "body")
    expect(form.locator("[name=from_organisation]")).to_have_value(str(writer_organisation.pk))
    form.locator("[name=subject]").fill("Votre agenda des bénévoles")
    form.locator("[name=body]").fill("Bonjour, nous aimerions savoir comment vous avez commencé.")
    mailoutbox.clear()
    follow(page, submit_button(form))
    thread = ContactThread.objects.get(to_organisation=organisation)
    expect(page).to_have_url(
        re.compile(rf"{reverse('network:contact_thread', kwargs={'pk': thread.pk})}$")
    )
    expect(page.locator("main")).to_contain_text("comment vous avez commencé")
    assert admin.email not in page.locator("main").inner_text()
    relayed = [m for m in mailoutbox if m.to == [admin.email]]
    assert len(relayed) == 1
    assert "comment vous avez commencé" in relayed[0].body
    assert writer.email not in relayed[0].body
    assert writer.email not in str(relayed[0].extra_headers)
    assert writer.email not in (relayed[0].reply_to or [])
    assert Organisation.objects.get(pk=organisation.pk).is_public
