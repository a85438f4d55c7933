"""A visitor, without an account, walks through the public network: the home page's real
figures; the shared experiences searched without accents, then filtered by a tool from the
most cited ones and by a theme; one experience read (its items, its cleaned story, its
photo); its organisation's public profile; the directory searched, then a province chosen on
the map; an event, registration with a required question, the e-mail's confirmation link and
the invitation (.ics) attached to the confirmation; the newsletter subscribed and confirmed;
the programme's statistics (a mean over a group of at least five organisations, its tables)
and their CSV.

Everything is made through the apps' services or the factories that write rows as they do:
six public organisations diagnosed, three experiences written, submitted and published by the
agency, an upcoming event with two seats, one already taken. Selectors follow field names,
URLs and ids; visible text is asserted where it is the point (a figure, a message, a title).
"""

import re
import statistics

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from playwright.sync_api import expect

from diagnostic.models import Result
from diagnostic.services import assessment_start, assessment_submit
from network.events.services import question_save
from network.experiences import services as experience_services
from network.models import (
    EventQuestion,
    Experience,
    ExperienceItem,
    Organisation,
    Registration,
    RegistrationStatus,
    Resource,
    Subscriber,
    Topic,
)
from network.text import fold
from tests.diagnostic.conftest import answer_everything
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory
from tests.network.experiences_helpers import image_upload
from tests.network.factories import EventFactory, RegistrationFactory

from .a11y import follow, visit
from .steps import form_with, submit_button

Kind = ExperienceItem.Kind
Sector = Organisation.Sector
Province = Organisation.Province

REGISTRATION_CONFIRM_LINK = re.compile(r"(/events/registration/[^/\s\"'<>]+/confirm/)")
NEWSLETTER_CONFIRM_LINK = re.compile(r"(/newsletter/confirm/[^/\s\"'<>]+/)")

# (name, slug, province, postcode, municipality, sector, social purpose, diagnostic rank)
ORGANISATIONS = [
    (
        "Récup'Namur",
        "recup-namur",
        Province.NAMUR,
        "5000",
        "Namur",
        Sector.ENVIRONMENT,
        "Une ressourcerie qui collecte, répare et revend meubles et électroménager.",
        3,
    ),
    (
        "Le Potager de Liège",
        "potager-liege",
        Province.LIEGE,
        "4000",
        "Liège",
        Sector.ENVIRONMENT,
        "Un potager urbain qui forme des demandeurs d'emploi au maraîchage biologique.",
        2,
    ),
    (
        "Atelier Bois du Centre",
        "atelier-bois-centre",
        Province.HAINAUT,
        "7000",
        "Mons",
        Sector.ENVIRONMENT,
        "Une menuiserie d'insertion qui fabrique du mobilier en bois de récupération.",
        4,
    ),
    (
        "Ardenne Recyclerie",
        "ardenne-recyclerie",
        Province.LUXEMBOURG,
        "6700",
        "Arlon",
        Sector.ENVIRONMENT,
        "Une recyclerie rurale qui sensibilise au réemploi dans les écoles.",
        1,
    ),
    (
        "Brabant Vélo Solidaire",
        "brabant-velo",
        Province.BRABANT_WALLON,
        "1300",
        "Wavre",
        Sector.ENVIRONMENT,
        "Un atelier de réparation de vélos ouvert aux habitants du quartier.",
        2,
    ),
    (
        "Épicerie sociale de Dinant",
        "epicerie-dinant",
        Province.NAMUR,
        "5500",
        "Dinant",
        Sector.FOOD,
        "Une épicerie à prix solidaires pour les familles aux revenus modestes.",
        3,
    ),
]

STORY = (
    "<p>Nos <strong>bénévoles</strong> notaient tout sur papier : les collectes, les "
    "réparations, les ventes.</p>"
    '<p onclick="alert(1)">Nous avons commencé par un diagnostic, puis un agenda partagé.</p>'
    "<script>alert('piratage')</script>"
    "<ul><li>Un agenda commun</li><li>Un inventaire en ligne</li></ul>"
)

EXPERIENCES = [
    (
        "recup-namur",
        {
            "title": "Nos bénévoles passent au numérique",
            "why": "Pour que nos bénévoles passent moins de temps à l'administratif et plus "
            "aux réparations.",
            "story": STORY,
            "items": {
                Kind.DIFFICULTY: [
                    "Des bénévoles peu à l'aise avec l'ordinateur",
                    "Le temps qui manque",
                    "Un vieux matériel",
                ],
                Kind.TIP: [
                    "Former en binômes",
                    "Commencer par un seul outil",
                    "Fêter les premiers succès",
                ],
                Kind.PHASE: ["Le diagnostic", "Le choix des outils", "La formation"],
                Kind.TOOL: ["Nextcloud", "Canva", "Odoo"],
                Kind.KEYWORD: ["Patience", "Écoute", "Partage"],
            },
            "topics": ["tools", "skills"],
        },
    ),
    (
        "potager-liege",
        {
            "title": "Un planning partagé pour le potager",
            "why": "Pour que chaque stagiaire sache quand venir et quoi planter.",
            "story": "<p>Le tableau blanc ne suffisait plus : nous avons choisi un agenda "
            "en ligne.</p>",
            "items": {
                Kind.DIFFICULTY: ["Les horaires changeants", "Le réseau au jardin", "Le coût"],
                Kind.TIP: ["Un seul agenda", "Des rappels par SMS", "Un référent"],
                Kind.PHASE: ["L'inventaire", "Le test", "Le déploiement"],
                Kind.TOOL: ["Nextcloud", "Framadate", "Signal"],
                Kind.KEYWORD: ["Simplicité", "Régularité", "Confiance"],
            },
            "topics": ["communication"],
        },
    ),
    (
        "atelier-bois-centre",
        {
            "title": "Une boutique en ligne pour nos meubles",
            "why": "Pour vendre au-delà de Mons sans ouvrir un second magasin.",
            "story": "<p>Nos photos de meubles attirent désormais des clients de toute la "
            "Wallonie.</p>",
            "items": {
                Kind.DIFFICULTY: ["Les photos", "Les frais de port", "Les stocks"],
                Kind.TIP: ["Un fond neutre", "Le retrait sur place", "Un inventaire à jour"],
                Kind.PHASE: ["Le catalogue", "Le paiement", "La promotion"],
                Kind.TOOL: ["WooCommerce", "Canva", "Odoo"],
                Kind.KEYWORD: ["Visibilité", "Patience", "Qualité"],
            },
            "topics": ["communication"],
        },
    ),
]

PHOTO_ALT = "Deux bénévoles encodent une réparation sur une tablette à l'atelier"


def _french(message: str, **values) -> str:
    with translation.override("fr"):
        text = translation.gettext(message)
    return text % values if values else text


def _mean_fr(values) -> str:
    with translation.override("fr"):
        return number_format(round(statistics.fmean(values), 1), 1)


def _diagnose(organisation, respondent, rank: int) -> None:
    assessment = assessment_start(respondent=respondent, organisation=organisation)
    assessment_submit(assessment=answer_everything(assessment, rank=rank))


def _publish(organisation, author, staff, fields, *, photo=False) -> Experience:
    topics = Topic.objects.filter(code__in=fields.pop("topics"))
    experience = experience_services.experience_create(
        organisation=organisation, author=author, topics=topics, **fields
    )
    if photo:
        experience_services.photo_add(
            experience=experience,
            file=image_upload("atelier.jpg", size=(640, 480), color=(40, 120, 90)),
            alt_text=PHOTO_ALT,
            caption="L'atelier de Récup'Namur, à Namur.",
        )
    experience_services.experience_submit(experience=experience, by=author)
    return experience_services.experience_publish(experience=experience, by=staff)


@pytest.fixture
def public_network(questionnaire):
    """Six public organisations (five of one sector), each diagnosed by its admin, three of
    them with a published experience; an upcoming workshop with two seats, one taken, and a
    required question."""
    staff = AgencyStaffFactory(first_name="Agnès", last_name="Agence")
    organisations, admins = {}, {}
    for name, slug, province, postcode, town, sector, purpose, rank in ORGANISATIONS:
        organisation = OrganisationFactory(
            name=name,
            slug=slug,
            province=province,
            postcode=postcode,
            municipality=town,
            sector=sector,
            social_purpose=purpose,
            website=f"https://{slug}.example.be",
            is_public=True,
        )
        admin = MembershipFactory(organisation=organisation, role="admin").user
        _diagnose(organisation, admin, rank)
        organisations[slug], admins[slug] = organisation, admin
    experiences = [
        _publish(
            organisations[slug], admins[slug], staff, dict(fields), photo=slug == "recup-namur"
        )
        for slug, fields in EXPERIENCES
    ]
    event = EventFactory(
        kind="intervision",
        title_fr="Intervision : les outils collaboratifs",
        title_en="Peer exchange: collaborative tools",
        description_fr="Deux heures pour partager ce qui marche, entre EES.",
        description_en="Two hours to share what works, between social-economy enterprises.",
        capacity=2,
    )
    question = question_save(
        question=EventQuestion(
            event=event,
            label_fr="Quel outil voulez-vous présenter ?",
            label_en="Which tool would you like to present?",
            kind=EventQuestion.Kind.TEXT,
            required=True,
        )
    )
    RegistrationFactory(event=event, email="deja.inscrite@example.be")
    return {
        "organisations": organisations,
        "experiences": experiences,
        "event": event,
        "question": question,
    }


def _open_network_menu(page, url_name: str):
    """The header's "Network" menu opened, and the link to `url_name` in it."""
    page.locator("#network-menu-button").click()
    link = page.locator(f"header .dropdown-menu a[href='{reverse(url_name)}']")
    expect(link).to_be_visible()
    return link


def _results_heading(page):
    return page.locator("#results-title")


def test_a_visitor_finds_reads_registers_and_reads_the_figures(
    page, live_server, mailoutbox, public_network
):
    mailoutbox.clear()  # the moderation's e-mails of the set-up
    event = public_network["event"]
    question = public_network["question"]
    namur_experience = public_network["experiences"][0]
    recup = public_network["organisations"]["recup-namur"]

    # --- The home page: the programme's real figures ------------------------------------
    visit(page, "/")
    expect(page.locator("#home-figure-experiences dt")).to_have_text("3")
    expect(page.locator("#home-figure-organisations dt")).to_have_text("6")
    expect(page.locator("#home-figure-diagnostics dt")).to_have_text("6")

    # --- Shared experiences: a search without accents finds the accented word -----------
    follow(page, _open_network_menu(page, "network:experience_list"))
    expect(page).to_have_url(re.compile(r"/experiences/$"))
    expect(_results_heading(page)).to_contain_text("3")
    search = form_with(page, "q")
    search.locator("[name=q]").fill("benevoles")
    follow(page, submit_button(search))
    expect(page).to_have_url(re.compile(r"[?&]q=benevoles"))
    results = page.locator("main article h3 a")
    expect(results).to_have_count(1)
    expect(results.first).to_have_text(namur_experience.title)

    # The most cited tools: Nextcloud, in two experiences, filters the list to those two.
    tools = page.locator("#tools-title + ol a")
    nextcloud = tools.filter(has_text="Nextcloud")
    expect(nextcloud).to_have_count(1)
    expect(nextcloud.locator("xpath=..")).to_contain_text("2")
    follow(page, nextcloud)
    expect(page).to_have_url(re.compile(r"[?&]tool=nextcloud"))
    expect(results).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Une boutique en ligne pour nos meubles")

    # A theme, chosen in the form, narrows it to the one about skills.
    search = form_with(page, "theme")
    search.locator("select[name=theme]").select_option("skills")
    search.locator("[name=tool]").fill("Nextcloud")
    follow(page, submit_button(search))
    expect(page).to_have_url(re.compile(r"[?&]theme=skills"))
    expect(results).to_have_count(1)

    # The list's Atom feed (linked from the page) has the three experiences.
    feed = page.request.get(reverse("network:experience_feed"))
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    for _slug, fields in EXPERIENCES:
        assert fields["title"] in feed.text()

    # --- One experience, read --------------------------------------------------------------
    follow(page, results.first)
    expect(page).to_have_url(re.compile(rf"/experiences/{namur_experience.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(namur_experience.title)
    for kind_texts in EXPERIENCES[0][1]["items"].values():
        for text in kind_texts:
            expect(page.locator("main ol li", has_text=text).first).to_be_visible()
    story = page.locator("main .experience-story")
    expect(story.locator("strong")).to_have_text("bénévoles")
    expect(story.locator("li")).to_have_count(2)
    # Cleaned when written: the script and the handler are gone, their text never shown.
    expect(story.locator("script")).to_have_count(0)
    expect(story.locator("[onclick]")).to_have_count(0)
    expect(story).not_to_contain_text("piratage")
    photo = page.locator(f'main figure img[alt="{PHOTO_ALT}"]')
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )

    # --- The organisation's public profile, then the directory ---------------------------
    follow(page, page.locator(f"main a[href='{reverse('network:profile', args=[recup.slug])}']"))
    expect(page.get_by_role("heading", level=1)).to_have_text(recup.name)
    expect(page.locator("main .social-purpose")).to_have_text(recup.social_purpose)
    expect(page.locator("#experiences-title + ul a")).to_have_text(namur_experience.title)
    expect(page.locator("main a[href='https://recup-namur.example.be']")).to_be_visible()

    follow(page, page.locator(f"main .breadcrumb a[href='{reverse('network:directory')}']"))
    expect(_results_heading(page)).to_contain_text("6")
    search = form_with(page, "q")
    search.locator("[name=q]").fill("LIEGE")  # "Liège": case and accents do not matter
    follow(page, submit_button(search))
    cards = page.locator("main .directory-card h3 a")
    expect(cards).to_have_count(1)
    expect(cards.first).to_have_text("Le Potager de Liège")
    expect(page.locator("td[data-province=LG]")).to_have_text("1")
    expect(page.locator("td[data-province=NA]")).to_have_text("0")

    follow(page, page.locator("main a", has_text=_french("Clear the filters")))
    expect(page.locator("td[data-province=NA]")).to_have_text("2")
    # Namur, chosen on the map (an SVG link): its two enterprises.
    follow(page, page.locator("main svg a.province-link[href$='province=NA']"))
    expect(page).to_have_url(re.compile(r"[?&]province=NA"))
    expect(cards).to_have_count(2)
    for name in ("Épicerie sociale de Dinant", "Récup'Namur"):
        expect(cards.filter(has_text=name)).to_have_count(1)
    expect(page.locator("main table a[aria-current=true]")).to_have_attribute(
        "href", re.compile(r"province=NA")
    )

    # --- An event: registration, confirmation by e-mail, the invitation -------------------
    follow(page, _open_network_menu(page, "network:event_list"))
    follow(page, page.locator(f"main a[href='{event.get_absolute_url()}']"))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title_fr)
    with translation.override("fr"):
        one_seat = translation.ngettext("%(counter)s seat left", "%(counter)s seats left", 1) % {
            "counter": 1
        }
    expect(page.locator("main")).to_contain_text(one_seat)
    ics_link = page.locator(f"main a[href='{reverse('network:event_ics', args=[event.slug])}']")
    calendar_file = page.request.get(ics_link.get_attribute("href"))
    assert calendar_file.status == 200
    assert calendar_file.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in calendar_file.text()

    email = "camille.lambert@ressourcerie.example.be"
    form = form_with(page, "first_name")
    form.locator("[name=first_name]").fill("Camille")
    form.locator("[name=last_name]").fill("Lambert")
    form.locator("[name=email]").fill(email)
    form.locator("[name=organisation_name]").fill("Ressourcerie du Val")
    # The required question left empty: refused next to it, nothing registered.
    follow(page, submit_button(form))
    answer = page.locator(f"[name=question_{question.pk}]")
    expect(answer).to_have_attribute("aria-invalid", "true")
    assert not Registration.objects.filter(email=email).exists()
    assert mailoutbox == []

    form = form_with(page, "first_name")
    expect(form.locator("[name=email]")).to_have_value(email)  # what was typed is kept
    answer.fill("Nextcloud et son agenda partagé")
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(rf"{re.escape(event.get_absolute_url())}$"))
    almost = _french(
        "Almost there: follow the link we sent to %(email)s to confirm your registration.",
        email=email,
    )
    expect(page.locator("main")).to_contain_text(almost)
    registration = Registration.objects.get(email=email)
    assert registration.status == RegistrationStatus.UNCONFIRMED
    assert registration.answers.get().value == "Nextcloud et son agenda partagé"

    assert [m.to for m in mailoutbox] == [[email]]
    link = REGISTRATION_CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, f"No confirmation link in the mail:\n{mailoutbox[0].body}"
    visit(page, link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(_french("Confirm your registration"))
    follow(page, submit_button(page.locator("main form[method=post]")))
    expect(page).to_have_url(re.compile(rf"{re.escape(event.get_absolute_url())}$"))
    expect(page.locator("main")).to_contain_text(
        _french("Your registration is confirmed. The invitation is in your mailbox.")
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    # The last seat is taken: the next visitor would join the waiting list.
    expect(page.locator("main .badge")).to_have_text(_french("Full: waiting list"))

    assert len(mailoutbox) == 2
    confirmed = mailoutbox[1]
    assert confirmed.to == [email]
    attachments = {name: (content, mimetype) for name, content, mimetype in confirmed.attachments}
    assert "invitation.ics" in attachments, confirmed.attachments
    ics, mimetype = attachments["invitation.ics"]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics and "METHOD:REQUEST" in ics
    assert event.title_fr.split(":")[0].strip() in ics

    # --- The resource library: a word searched without its accents, a guide opened -----
    guide = (
        Resource.objects.published()
        .exclude(body_fr="")
        .filter(url="", title_fr__regex=r"[éèêàç]")
        .order_by("pk")
        .first()
    )
    assert guide is not None, "The starter library has no guide of its own with an accent"
    accented = next(w for w in guide.title_fr.split() if fold(w) != w.lower())
    follow(page, _open_network_menu(page, "network:resource_list"))
    search = form_with(page, "q")
    search.locator("[name=q]").fill(fold(accented).strip(".,:;!?«»()"))
    follow(page, submit_button(search))
    found = page.locator(f"main article h3 a[href='{guide.get_absolute_url()}']")
    expect(found).to_have_count(1)
    follow(page, found)
    expect(page.get_by_role("heading", level=1)).to_have_text(guide.title_fr)

    # --- The newsletter: subscribe, confirm from the e-mail -----------------------------
    follow(page, _open_network_menu(page, "network:newsletter_subscribe"))
    reader = "lecteur.curieux@example.be"
    form = form_with(page, "email")
    form.locator("[name=email]").fill(reader)
    follow(page, submit_button(form))
    expect(page.locator("main")).to_contain_text(reader)
    subscriber = Subscriber.objects.get(email=reader)
    assert subscriber.confirmed_at is None
    newsletter_mail = mailoutbox[-1]
    assert newsletter_mail.to == [reader]
    link = NEWSLETTER_CONFIRM_LINK.search(newsletter_mail.body)
    assert link, f"No confirmation link in the mail:\n{newsletter_mail.body}"
    visit(page, link.group(1))
    follow(page, submit_button(page.locator("main form[method=post]")))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        _french("Your subscription is confirmed")
    )
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None

    # --- The programme's statistics: real aggregates, their tables, their CSV ------------
    follow(page, _open_network_menu(page, "statistics"))
    expect(page.locator("#figure-experiences dt")).to_have_text("3")
    expect(page.locator("#figure-diagnosed dt")).to_have_text("6")
    latest = list(Result.objects.filter(is_latest=True))
    environment = [r.overall_score for r in latest if r.sector == Sector.ENVIRONMENT]
    assert len(environment) == 5
    with translation.override("fr"):
        environment_label = str(Sector.ENVIRONMENT.label)
        food_label = str(Sector.FOOD.label)
    sectors = page.locator("#section-sectors table")
    environment_row = sectors.locator("tbody tr").filter(
        has=page.locator("th", has_text=environment_label)
    )
    expect(environment_row.locator("td")).to_have_text([_mean_fr(environment), "5"])
    # A sector of one organisation: never shown.
    food_row = sectors.locator("tbody tr").filter(has=page.locator("th", has_text=food_label))
    expect(food_row.locator("td").first).to_have_text(_french("fewer than 5 organisations"))
    expect(page.locator("#section-sectors svg")).to_be_visible()
    expect(
        page.locator("#section-dimensions table tbody tr").first.locator("td").last
    ).to_have_text("6")

    csv_link = page.locator(f"main a[href='{reverse('statistics_csv')}']")
    expect(csv_link).to_be_visible()
    response = page.request.get(csv_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    body = response.text()
    assert environment_label in body
    assert _mean_fr(environment).replace(",", ".") in body or _mean_fr(environment) in body
