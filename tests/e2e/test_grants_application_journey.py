"""A digitalisation grant from the first draft to the balance: two members of an organisation
prepare the application over two visits (the budget's totals follow their typing), the
pre-check says what is missing, they submit; the agency screens it and asks for more
information, the member answers; it is reviewed, approved within the call's envelope (the
letter is a PDF), the agreement signed and the advance paid; the member writes the final report
with an expense, the agency accepts it and pays the balance, which closes the application.
Every page is audited at a desktop and a phone width."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from grants.models import Application, DocumentType, Payment, Status
from tests.coaching.factories import make_action, make_plan
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory
from tests.grants.factories import make_application, make_call, reviewer, submitted_diagnostic
from tests.grants.review_factories import review

from .a11y import follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button

# A minimal but real PDF document, written to disk and uploaded as a file chooser would.
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
    b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _spaces(text: str) -> str:
    """Amounts as French writes them, with plain spaces (not the no-break ones)."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _amount_in(locator, amount: str):
    expect(locator).to_have_text(re.compile(re.escape(amount).replace(r"\ ", r"[\s\u202f]")))


def _main_button(page, text):
    return page.locator("main button[type=submit]", has_text=text)


def _main_link(page, text):
    return page.locator("main a", has_text=text)


def _pdf(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PDF)
    return path


@pytest.mark.usefixtures("questionnaire")
def test_a_grant_from_two_visits_to_its_balance(page, settings, tmp_path, mailoutbox):
    settings.STAFF_REQUIRE_MFA = False  # the team journey logs in with TOTP
    organisation = OrganisationFactory(name="Atelier Vert")
    first = _with_password(MembershipFactory(organisation=organisation, role="admin").user)
    second = _with_password(MembershipFactory(organisation=organisation, role="member").user)
    staff = _with_password(AgencyStaffFactory(first_name="Agnès", last_name="Agence"))
    expert = reviewer()
    submitted_diagnostic(organisation, first)
    plan = make_plan(organisation, by=first)
    action = make_action(plan, title="Choisir un outil de planning")
    quote = DocumentType.objects.get(code="quote")
    call = make_call(
        title_fr="Bourse numérique 2027",
        title_en="Digital grant 2027",
        envelope=Decimal("50000.00"),
        required_documents=[quote],
    )
    # Another organisation's grant already commits part of the envelope.
    make_application(OrganisationFactory(), Status.APPROVED, call=call)
    today = timezone.localdate()

    # First visit: the call's page, the application started, the project saved.
    log_in(page, first.email)
    visit(page, reverse("grants:call_detail", kwargs={"slug": call.slug}))
    follow(page, _main_link(page, "Poser sa candidature"))
    form = form_with(page, "title")
    form.locator("[name=title]").fill("Un planning partagé des bénévoles")
    follow(page, submit_button(form))
    application = Application.objects.get(organisation=organisation)
    expect(page.locator("main h1")).to_have_text("Le projet")
    form = form_with(page, "summary")
    form.locator("[name=summary]").fill("Remplacer nos tableurs par un agenda en ligne partagé.")
    form.locator("[name=objectives]").fill("Gagner deux heures de coordination par semaine.")
    form.locator("[name=starts_on]").fill(today.isoformat())
    form.locator("[name=ends_on]").fill((today + datetime.timedelta(days=180)).isoformat())
    follow(page, form.locator("button[name=save]"))
    expect(page.locator("main")).to_contain_text("Enregistré.")
    log_out(page)

    # Second visit, by another member: the draft where the first left it.
    log_in(page, second.email)
    visit(page, reverse("grants:application_list"))
    follow(page, _main_link(page, "Un planning partagé des bénévoles"))
    expect(page.locator("main")).to_contain_text("Brouillon")
    follow(page, page.locator("main nav a", has_text="Le projet"))
    expect(page.locator("[name=summary]")).to_have_value(
        "Remplacer nos tableurs par un agenda en ligne partagé."
    )
    follow(page, page.locator("main button[name=continue]"))

    # The plan's actions.
    page.get_by_label(re.compile("Choisir un outil de planning")).check()
    follow(page, page.locator("main button[name=continue]"))

    # The budget, with the totals computed as the member types, in a live region.
    totals = page.locator("[data-budget-totals][aria-live=polite]")
    line = page.locator("[data-budget-line]").nth(0)
    line.locator("[name=line-0-category]").select_option(label="Logiciels et abonnements")
    line.locator("[name=line-0-description]").fill("Abonnement à un agenda partagé")
    line.locator("[name=line-0-supplier]").fill("Coopérative du Code")
    line.locator("[name=line-0-amount_excl_vat]").fill("10000")
    line.locator("[name=line-0-vat]").fill("2100")
    _amount_in(totals.locator("[data-total=cost]"), "10 000,00 €")
    _amount_in(totals.locator("[data-total=eligible]"), "12 100,00 €")
    _amount_in(totals.locator("[data-total=max]"), "9 680,00 €")
    page.locator("[data-budget-add]").click()  # a new line without a round trip
    line = page.locator("[data-budget-line]").nth(1)
    expect(line.locator("legend")).to_have_text("Nouvelle ligne")
    line.locator("[name=line-1-category]").select_option(label="Formation du personnel")
    line.locator("[name=line-1-description]").fill("Formation des coordinateurs")
    line.locator("[name=line-1-amount_excl_vat]").fill("2500")
    line.locator("[name=line-1-vat]").fill("525")
    line.locator("[name=line-1-vat_recoverable]").check()
    _amount_in(totals.locator("[data-total=cost]"), "12 500,00 €")
    _amount_in(totals.locator("[data-total=eligible]"), "14 600,00 €")
    _amount_in(totals.locator("[data-total=max]"), "11 680,00 €")
    follow(page, page.locator("main button[name=continue]"))
    application.refresh_from_db()
    assert application.requested_amount == Decimal("11680.00")
    assert application.budget_lines.count() == 2
    assert list(application.actions.all()) == [action]

    # The documents: the quote is still missing; the member goes on for now.
    expect(page.locator("main .alert-info")).to_contain_text("Devis")
    follow(page, page.locator("main button[name=continue]"))

    # The de minimis declaration.
    form = form_with(page, "aid-0-granting_body")
    form.locator("[name=aid-0-granting_body]").fill("Région wallonne")
    form.locator("[name=aid-0-granted_on]").fill((today - datetime.timedelta(days=400)).isoformat())
    form.locator("[name=aid-0-amount]").fill("5000")
    follow(page, form.locator("button[name=continue]"))

    # The pre-check lists what is missing: the quote; its link leads to the step that fixes it.
    expect(page.locator("main h1")).to_have_text("Vérifier et introduire")
    missing = page.locator("[data-missing] li")
    expect(missing).to_have_count(1)
    expect(missing).to_contain_text("Devis")
    follow(page, missing.locator("a"))
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("[name=document_type]").select_option(label="Devis")
    form.locator("[name=file]").set_input_files(_pdf(tmp_path, "devis-agenda.pdf"))
    follow(page, form.locator("button[name=save]"))
    expect(page.locator("main")).to_contain_text("devis-agenda.pdf")
    visit(page, reverse("grants:application_submit", kwargs={"pk": application.pk}))
    expect(page.locator("[data-missing]")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Rien ne manque")
    follow(page, _main_button(page, "Introduire la demande"))
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    expect(page.locator("main")).to_contain_text("Envoyée")
    log_out(page)

    # The agency screens it and asks for more information.
    log_in(page, staff.email)
    detail = reverse("grants:application_detail", kwargs={"pk": application.pk})
    visit(page, detail)
    follow(page, _main_button(page, "Commencer l'examen de recevabilité"))
    expect(page.locator("main")).to_contain_text("Examen de recevabilité")
    follow(page, _main_link(page, "Demander des informations complémentaires"))
    form = form_with(page, "message")
    form.locator("[name=message]").fill("Joignez le devis signé par le fournisseur.")
    follow(page, submit_button(form))
    expect(page.locator("main")).to_contain_text("Informations complémentaires demandées")
    log_out(page)

    # The member answers.
    log_in(page, first.email)
    visit(page, detail)
    expect(page.locator("main")).to_contain_text("Joignez le devis signé par le fournisseur.")
    follow(page, _main_link(page, "Répondre"))
    form = form_with(page, "response")
    form.locator("[name=response]").fill("Le voici, signé par la coopérative.")
    form.locator("[name=file]").set_input_files(_pdf(tmp_path, "devis-signe.pdf"))
    follow(page, submit_button(form))
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED
    log_out(page)

    # The agency sends it to review and assigns an outside expert, who scores it.
    log_in(page, staff.email)
    visit(page, detail)
    follow(page, _main_button(page, "Reprendre l'évaluation"))
    expect(page.locator("main")).to_contain_text("En évaluation")
    form = page.locator(
        f"main form[action='{reverse('grants:reviewer_assign', kwargs={'pk': application.pk})}']"
    )
    form.locator("[name=reviewer]").select_option(str(expert.pk))
    follow(page, submit_button(form))
    assignment = application.reviewer_assignments.get(reviewer=expert)
    review(assign_declared(assignment), 4)

    # The decision: within the envelope, which the page shows.
    visit(page, detail)
    follow(page, _main_link(page, "Décider"))
    envelope = page.locator("main table", has_text="Enveloppe")
    expect(envelope).to_contain_text("Restant")
    assert "40 320,00 €" in _spaces(envelope.inner_text())  # 50,000 less 9,680 committed
    form = form_with(page, "decision")
    form.get_by_label("Accorder", exact=True).check()
    expect(form.locator("[name=amount]")).to_have_value(re.compile(r"^11\s?680"))
    form.locator("[name=reasons]").fill("Un projet clair, un budget sobre.")
    follow(page, submit_button(form))
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.approved_amount == Decimal("11680.00")
    letter = _main_link(page, "Télécharger la lettre de décision (PDF)")
    expect(letter).to_be_visible()
    answer = page.request.get(letter.get_attribute("href"))
    assert answer.ok
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")

    # The signed agreement, then the advance.
    follow(page, _main_link(page, "Enregistrer la convention signée"))
    follow(page, submit_button(form_with(page, "signed_on")))
    expect(page.locator("main")).to_contain_text("Convention signée")
    form = form_with(page, "reference")
    expect(page.locator("main .card", has=form)).to_contain_text("Enregistrer l'avance")
    form.locator("[name=reference]").fill("VIR-2027-0001")
    follow(page, submit_button(form))
    advance = application.payments.get(kind=Payment.Kind.ADVANCE)
    assert advance.amount == Decimal("5840.00")  # half the grant
    log_out(page)

    # The member writes the final report with an expense and its two files.
    log_in(page, first.email)
    visit(page, detail)
    follow(page, _main_link(page, "Rédiger le rapport final"))
    form = form_with(page, "achievements")
    form.locator("[name=achievements]").fill(
        "L'agenda est en ligne ; les bénévoles s'y inscrivent."
    )
    form.get_by_label(re.compile("Choisir un outil de planning")).check()
    follow(page, submit_button(form))
    follow(page, _main_link(page, "Ajouter une dépense"))
    form = form_with(page, "invoice_number")
    category = form.locator("[name=category] option", has_text="Logiciels et abonnements")
    form.locator("[name=category]").select_option(category.get_attribute("value"))
    form.locator("[name=description]").fill("Abonnement annuel à l'agenda")
    form.locator("[name=supplier]").fill("Coopérative du Code")
    form.locator("[name=invoice_number]").fill("F-2027-042")
    form.locator("[name=invoice_date]").fill(today.isoformat())
    form.locator("[name=amount_excl_vat]").fill("10000")
    form.locator("[name=vat]").fill("2100")
    form.locator("[name=invoice]").set_input_files(_pdf(tmp_path, "facture.pdf"))
    form.locator("[name=proof_of_payment]").set_input_files(_pdf(tmp_path, "preuve.pdf"))
    follow(page, submit_button(form))
    expect(page.locator("main")).to_contain_text("F-2027-042")
    follow(page, _main_button(page, "Envoyer le rapport final"))
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    log_out(page)

    # The agency accepts the expense and pays the balance: the application is closed.
    log_in(page, staff.email)
    visit(page, detail)
    check = page.locator("main form[action*='/check/']")
    check.get_by_label("Accepter", exact=True).check()
    follow(page, check.locator("button", has_text="Enregistrer la vérification"))
    form = form_with(page, "reference")
    expect(page.locator("main .card", has=form)).to_contain_text("Enregistrer le solde")
    form.locator("[name=reference]").fill("VIR-2027-0002")
    follow(page, submit_button(form))
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    balance = application.payments.get(kind=Payment.Kind.BALANCE)
    # 12,100 justified and eligible at 80 %: 9,680 in all, less the 5,840 advance.
    assert balance.amount == Decimal("3840.00")
    log_out(page)

    # The member's page: closed, the amounts paid, and a timeline with every move.
    log_in(page, first.email)
    visit(page, detail)
    expect(page.locator("main")).to_contain_text("Clôturée")
    payments = page.locator("main section[aria-labelledby=payments-title]")
    assert "5 840,00 €" in _spaces(payments.inner_text())
    assert "3 840,00 €" in _spaces(payments.inner_text())
    assert "9 680,00 €" in _spaces(payments.locator("dl").first.inner_text())
    timeline = page.locator("main [aria-labelledby=timeline-title]")
    for status in (
        "Envoyée",
        "Examen de recevabilité",
        "Informations complémentaires demandées",
        "Complétée",
        "En évaluation",
        "Accordée",
        "Convention signée",
        "Rapport final envoyé",
        "Clôturée",
    ):
        expect(timeline).to_contain_text(status)
    assert any("Clôturée".lower() in m.subject.lower() or "clôturée" in m.body for m in mailoutbox)


def assign_declared(assignment):
    from grants import services

    services.conflict_declare(assignment, conflict=False)
    assignment.refresh_from_db()
    return assignment
