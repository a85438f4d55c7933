from xml.etree import ElementTree

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from network.experiences import selectors, services
from network.models import Experience, ExperienceItem, Topic
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.network.experiences_helpers import ITEMS, draft, form_data, image_upload
from tests.network.factories import ExperienceFactory

pytestmark = pytest.mark.django_db

Kind = ExperienceItem.Kind
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


@pytest.fixture
def staff():
    return agency_with_mfa()


def test_lifecycle_through_the_views(
    organisation, member, staff, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    organisation.is_public = True
    organisation.save()
    client = client_for(member)
    response = client.get(reverse("network:experience_create", args=[organisation.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    for legend in (
        "Trois difficultés à prévoir",
        "Trois conseils pour les éviter",
        "Trois phases essentielles",
        "Trois outils particulièrement utiles",
        "Trois mots-clés de la réussite",
    ):
        assert f'<legend class="h5">{legend}</legend>' in html

    # A draft saved incomplete, then refused at submission with what is missing.
    response = client.post(
        reverse("network:experience_create", args=[organisation.slug]),
        {"title": "Notre virage numérique", "language": "fr", "why": ""},
    )
    experience = Experience.objects.get(organisation=organisation)
    assert response.url == reverse("network:experience_edit", args=[experience.pk])
    response = client.post(reverse("network:experience_submit", args=[experience.pk]), follow=True)
    assert "Avant de soumettre" in response.content.decode()
    experience.refresh_from_db()
    assert experience.status == Experience.Status.DRAFT

    # Completed and submitted: the agency is told.
    client.post(reverse("network:experience_save", args=[experience.pk]), form_data())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:experience_submit", args=[experience.pk]))
    assert response.url == reverse("network:organisation_experiences", args=[organisation.slug])
    experience.refresh_from_db()
    assert experience.status == Experience.Status.SUBMITTED
    assert mailoutbox[-1].to == [staff.email]
    # Not public yet: the page does not exist for a visitor.
    assert client_for(None).get(experience.get_absolute_url()).status_code == 404

    # Sent back with remarks: the members see them and may edit again.
    client = client_for(staff)
    assert reverse("network:experience_moderate", args=[experience.pk]) in (
        client.get(reverse("network:moderation_queue")).content.decode()
    )
    response = client.post(reverse("network:experience_return", args=[experience.pk]), {})
    assert response.status_code == 400  # no remarks: refused, nothing changed
    experience.refresh_from_db()
    assert experience.status == Experience.Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:experience_return", args=[experience.pk]),
            {"remarks": "Citez un outil <b>libre</b>."},
        )
    assert "Citez un outil <b>libre</b>." in mailoutbox[-1].body
    assert member.email in mailoutbox[-1].to
    client = client_for(member)
    page = client.get(reverse("network:organisation_experiences", args=[organisation.slug]))
    assert "Citez un outil &lt;b&gt;libre&lt;/b&gt;." in page.content.decode()
    assert "Renvoyé pour modifications" in page.content.decode()
    edit = client.get(reverse("network:experience_edit", args=[experience.pk]))
    assert "Citez un outil" in edit.content.decode()

    client.post(
        reverse("network:experience_save", args=[experience.pk]),
        form_data(tool_1="LibreOffice"),
    )
    client.post(reverse("network:experience_submit", args=[experience.pk]))

    # Published: public, linked to the organisation's public profile.
    client = client_for(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:experience_publish", args=[experience.pk]))
    assert response.status_code == 302
    assert "publié" in mailoutbox[-1].subject
    experience.refresh_from_db()
    assert experience.status == Experience.Status.PUBLISHED
    page = client_for(None).get(experience.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "LibreOffice" in html
    assert reverse("network:profile", args=[organisation.slug]) in html
    assert list(experience.moderations.values_list("action", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "published",
    ]
    # Published: no longer editable by its members.
    assert (
        client_for(member).get(reverse("network:experience_edit", args=[experience.pk])).status_code
        == 403
    )


def test_member_written_text_is_escaped_or_cleaned(organisation, member, client_for):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    experience = draft(
        organisation,
        member,
        title=f"Titre {evil}",
        why=f"Pourquoi {evil}",
        story=(
            '<p onclick="alert(1)">Récit</p><script>alert("story")</script>'
            '<a href="javascript:alert(1)">lien</a>'
        ),
        items={kind: [f"{kind} {evil}", "b", "c"] for kind in Kind.values},
    )
    services.experience_submit(experience=experience, by=member)
    services.experience_publish(experience=experience, by=agency_with_mfa())
    html = client_for(None).get(experience.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'onclick="alert' not in html and "javascript:alert" not in html
    assert 'alert("story")' not in html
    assert "<p>Récit</p>" in html
    listing = client_for(None).get(reverse("network:experience_list")).content.decode()
    assert "<script>alert" not in listing


def test_unpublished_experience_by_url(organisation, member, client_for):
    experience = draft(organisation, member, title="Brouillon secret")
    url = experience.get_absolute_url()
    for user in (None, UserFactory(), MembershipFactory().user):
        response = client_for(user).get(url)
        assert response.status_code == 404
        assert "Brouillon secret" not in response.content.decode()
    # Its members are sent to the private preview, which says it is not public.
    response = client_for(member).get(url)
    assert response.url == reverse("network:experience_preview", args=[experience.pk])
    preview = client_for(member).get(response.url).content.decode()
    assert "Brouillon secret" in preview and "Aperçu" in preview
    assert client_for(UserFactory()).get(response.url).status_code == 404


def test_photos_served_where_the_experience_may_be_seen(organisation, member, client_for):
    experience = draft(organisation, member)
    photo = services.photo_add(experience=experience, file=image_upload(), alt_text="L'atelier")
    url = reverse("network:experience_photo", args=[photo.pk])
    assert client_for(None).get(url).status_code == 404
    response = client_for(member).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "private, no-store"
    services.experience_submit(experience=experience, by=member)
    services.experience_publish(experience=experience, by=agency_with_mfa())
    assert client_for(None).get(url).status_code == 200
    html = client_for(None).get(experience.get_absolute_url()).content.decode()
    assert f'src="{url}" width="{photo.width}" height="{photo.height}" alt="L&#x27;atelier"' in html


def test_photo_upload_refusals_through_the_view(organisation, member, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    experience = draft(organisation, member)
    client = client_for(member)
    url = reverse("network:experience_photo_add", args=[experience.pk])
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 fake", content_type="image/jpeg")
    response = client.post(url, {"image": fake, "alt_text": "Une photo"}, follow=True)
    assert "JPEG, PNG ou WebP" in response.content.decode()
    response = client.post(url, {"image": image_upload(), "alt_text": ""}, follow=True)
    assert "Description pour les personnes qui ne la voient pas : " in response.content.decode()
    assert not experience.photos.exists()
    client.post(url, {"image": image_upload(), "alt_text": "Une photo"})
    photo = experience.photos.get()
    client.post(reverse("network:experience_photo_remove", args=[photo.pk]))
    assert not experience.photos.exists()


def _published(title, *, organisation=None, items=None, why="Pour gagner du temps.", **kw):
    return ExperienceFactory(
        title=title,
        why=why,
        items=items,
        **({"organisation": organisation} if organisation else {}),
        **kw,
    )


def test_search_ignores_accents_and_case(client_for):
    _published("La transformation numérique de notre ASBL")
    _published("Un potager partagé", why="Des légumes.", story="")
    _published("Brouillon numérique", status=Experience.Status.DRAFT, published_at=None)
    for q in ("numerique", "NUMÉRIQUE", "Numérique"):
        html = client_for(None).get(reverse("network:experience_list"), {"q": q}).content.decode()
        assert "La transformation numérique" in html, q
        assert "Un potager" not in html and "Brouillon" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_search_uses_french_stems_and_the_index(organisation):
    _published("Nous avons numérisé nos factures")
    _published("Un potager partagé", why="Des légumes.", story="")
    found = selectors.published_experiences(selectors.Filters(q="facture numérisé"))
    assert [e.title for e in found] == ["Nous avons numérisé nos factures"]
    # A few thousand published experiences: the query reads the stored vector, never
    # computes one per row (a word in most rows cost a second so), and the stored column
    # has its GIN index for the planner to use when the word is rare.
    services.experiences_create_bulk(
        experiences=[
            {
                "organisation": organisation,
                "title": f"Retour {n}",
                "why": f"Raison {n} de notre transformation.",
                "story": "",
                "items": {Kind.TOOL: [f"Outil {n}"]},
                "status": Experience.Status.PUBLISHED,
            }
            for n in range(3000)
        ]
    )
    sql, params = found.query.sql_with_params()
    assert '"network_experience"."search_vector" @@' in sql
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE network_experience")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'experience_search_vector_idx'"
        )
        [(index,)] = cursor.fetchall()
    assert "to_tsvector" not in plan, plan
    assert "USING gin (search_vector)" in index


def test_sqlite_fallback_needs_every_word(monkeypatch):
    _published("Nous avons numérisé nos factures")
    monkeypatch.setattr(selectors.connection, "vendor", "sqlite")
    found = selectors.published_experiences(selectors.Filters(q="Numérisé factures"))
    assert [e.title for e in found] == ["Nous avons numérisé nos factures"]
    assert not selectors.published_experiences(selectors.Filters(q="numérisé potager")).exists()


def test_filters(client_for):
    data = Topic.objects.order_by("code").first()
    rural = OrganisationFactory(is_public=True, sector="food")
    _published("Avec Canva", items={Kind.TOOL: ["Canva", "Odoo", "Trello"]}, topics=[data.code])
    _published(
        "Sans Canva",
        organisation=rural,
        items={Kind.TOOL: ["Nextcloud", "Odoo", "Trello"], Kind.KEYWORD: ["Confiance", "a", "b"]},
    )
    url = reverse("network:experience_list")
    client = client_for(None)

    def titles(**params):
        html = client.get(url, params).content.decode()
        return {t for t in ("Avec Canva", "Sans Canva") if f">{t}</a>" in html}

    assert titles(tool="CANVA") == {"Avec Canva"}
    assert titles(tool="odoo") == {"Avec Canva", "Sans Canva"}
    assert titles(theme=data.code) == {"Avec Canva"}
    assert titles(sector="food") == {"Sans Canva"}
    assert titles(keyword="confiance") == {"Sans Canva"}
    assert titles(keyword="confiance", tool="canva") == set()


def test_most_cited_tools_and_keywords(client_for):
    _published("Un", items={Kind.TOOL: ["Canva", "Odoo", "Trello"]})
    _published("Deux", items={Kind.TOOL: ["canva ", "Odoo", "Slack"]})
    _published("Trois", items={Kind.TOOL: ["Canva", "Nextcloud", "Zoom"]})
    _published(
        "Brouillon",
        items={Kind.TOOL: ["Zoom", "Teams", "Meet"]},
        status=Experience.Status.DRAFT,
        published_at=None,
    )
    tools = selectors.most_cited(Kind.TOOL)
    assert [(t.key, t.count) for t in tools[:2]] == [("canva", 3), ("odoo", 2)]
    assert tools[0].label == "Canva"
    assert ("zoom", 1) in [(t.key, t.count) for t in tools]  # the draft's not counted
    html = client_for(None).get(reverse("network:experience_list")).content.decode()
    assert 'href="?tool=canva"' in html
    assert 'href="?keyword=patience"' in html


def test_feed_is_atom_with_published_only(client_for):
    _published("Publiée")
    _published("Brouillon", status=Experience.Status.DRAFT, published_at=None)
    response = client_for(None).get(reverse("network:experience_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert titles == ["Publiée"]
    listing = client_for(None).get(reverse("network:experience_list")).content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in listing


@pytest.mark.parametrize("count", [1, 25])
def test_list_queries_do_not_grow(count, client_for, django_assert_max_num_queries):
    for n in range(count):
        _published(f"Retour {n}", topics=["data"] if n % 2 else [])
    client = client_for(None)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("network:experience_list"), {"q": "retour"})
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        client.get(reverse("network:experience_list"), {"tool": "canva", "page": 2})


@pytest.mark.parametrize("count", [1, 6])
def test_detail_and_queue_queries_do_not_grow(
    count, organisation, member, client_for, django_assert_max_num_queries
):
    experience = draft(organisation, member)
    for n in range(count):
        services.photo_add(experience=experience, file=image_upload(), alt_text=f"Photo {n}")
    for _n in range(count):
        services.experience_submit(experience=draft(organisation, member), by=member)
    staff = agency_with_mfa()
    services.experience_submit(experience=experience, by=member)
    services.experience_publish(experience=experience, by=staff)
    # The session's few queries (the test client's new anonymous session) and four of the page.
    with django_assert_max_num_queries(10):
        assert client_for(None).get(experience.get_absolute_url()).status_code == 200
    client = client_for(staff)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("network:moderation_queue")).status_code == 200
    client = client_for(member)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("network:organisation_experiences", args=[organisation.slug]))
    assert page.status_code == 200


def test_moderation_page_shows_content_and_history(organisation, member, client_for):
    experience = services.experience_submit(
        experience=draft(organisation, member, title="À modérer"), by=member
    )
    html = (
        client_for(agency_with_mfa())
        .get(reverse("network:experience_moderate", args=[experience.pk]))
        .content.decode()
    )
    assert "À modérer" in html and "Nextcloud" in html
    assert "Soumis à la modération" in html
    assert reverse("network:experience_publish", args=[experience.pk]) in html


def test_published_date_on_cards(client_for):
    experience = _published("Daté", published_at=timezone.now())
    html = client_for(None).get(reverse("network:experience_list")).content.decode()
    moment = timezone.localtime(experience.published_at).replace(microsecond=0).isoformat()
    assert f'<time datetime="{moment}"' in html


def test_most_cited_are_fresh_after_publishing_and_unpublishing(
    organisation, member, django_capture_on_commit_callbacks
):
    _published("Un", items={Kind.TOOL: ["Canva", "Odoo", "Trello"]})
    assert "jitsi" not in [t.key for t in selectors.most_cited(Kind.TOOL)]
    staff = agency_with_mfa()
    experience = draft(organisation, member, items={**ITEMS, Kind.TOOL: ["Jitsi", "b", "c"]})
    services.experience_submit(experience=experience, by=member)
    assert "jitsi" not in [t.key for t in selectors.most_cited(Kind.TOOL)]  # not published
    with django_capture_on_commit_callbacks(execute=True):
        services.experience_publish(experience=experience, by=staff)
    assert "jitsi" in [t.key for t in selectors.most_cited(Kind.TOOL)]
    with django_capture_on_commit_callbacks(execute=True):
        services.experience_unpublish(experience=experience, by=staff, remarks="Retiré.")
    assert "jitsi" not in [t.key for t in selectors.most_cited(Kind.TOOL)]
