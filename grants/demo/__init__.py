"""grants' demo data for `manage.py seed_demo` (safe to run twice): two calls and
applications from the demo EES in every status, with reviews and payments, written through
grants' services as the browser would, in the order a real application goes.

- "Bourse de digitalisation 2027" is open (its deadline in a month): a draft half filled
  in (the first pilot's, whose admin's login is printed), applications submitted, being
  screened, asked for more information, answered, in review with the two experts' reviews,
  and one withdrawn.
- "Bourse de digitalisation 2026" is closed (its deadline two months ago): its
  applications were submitted while it was open, then the agency moved its deadline back
  through `call_update` (the services publish only a call whose deadline is ahead, as the
  agency would); then come the decisions: one still in review, approved with its letter,
  rejected with reasons (one at screening, one after review), agreement signed with the
  advance paid (the first pilot's again: its admin writes the final report), final report
  submitted with expenses and their files, closed with the balance paid.
- Two outside experts (`expert1@`, `expert2@digitalees.test`, in the reviewer group):
  each declares on their assignments, expert2 one conflict of interest; some assignments
  wait for their declaration.

Timestamps are those of the run: the services stamp each move with the time it is made.
"""

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.text import slugify

from coaching.models import Action
from digitalees.models import User
from digitalees.roles import REVIEWER_GROUP
from network.demo import PILOTS, demo_user, enterprise_number
from network.models import Membership, Organisation

from .. import services
from ..models import (
    Application,
    Call,
    CostCategory,
    DocumentType,
    Payment,
    Review,
    ReviewerAssignment,
    Status,
)
from ..services import AidInput, LineInput
from .content import LINES, PROJECTS, Line, Project
from .pdf import pdf_upload

OPEN_CALL = "Bourse de digitalisation 2027"
CLOSED_CALL = "Bourse de digitalisation 2026"
EXPERTS = [
    ("expert1@digitalees.test", "Hélène", "Experte"),
    ("expert2@digitalees.test", "Karim", "Expert"),
]

CRITERIA = [
    {
        "title_fr": "Pertinence pour la mission sociale",
        "title_en": "Relevance to the social mission",
        "description_fr": "Le projet sert-il directement la finalité sociale de l'EES ?",
        "description_en": "Does the project directly serve the EES's social purpose?",
        "weight": 3,
    },
    {
        "title_fr": "Faisabilité et budget",
        "title_en": "Feasibility and budget",
        "description_fr": "Le calendrier, les devis et l'équipe sont-ils réalistes ?",
        "description_en": "Are the timetable, the quotes and the team realistic?",
        "weight": 2,
    },
    {
        "title_fr": "Lien avec le plan de transformation",
        "title_en": "Link with the transformation plan",
        "description_fr": "Le projet réalise-t-il des actions du plan ou du diagnostic ?",
        "description_en": "Does the project carry out actions of the plan or the diagnostic?",
        "weight": 2,
    },
    {
        "title_fr": "Pérennité",
        "title_en": "Sustainability",
        "description_fr": "L'EES pourra-t-elle faire vivre l'outil après la bourse ?",
        "description_en": "Will the EES keep the tool alive after the grant?",
        "weight": 1,
    },
]

# (pilot index, status, project index, reviews): reviews are (expert index, what) with what
# "review" (declared no conflict and reviewed), "conflict" or "pending" (not declared yet).
OPEN_APPLICATIONS = [
    (0, Status.DRAFT, 0, ()),
    (1, Status.SUBMITTED, 3, ()),
    (2, Status.SCREENING, 2, ((1, "pending"),)),
    (3, Status.INFO_REQUESTED, 1, ()),
    (4, Status.RESUBMITTED, 0, ((0, "pending"),)),
    (5, Status.IN_REVIEW, 2, ((0, "review"), (1, "review"))),
    (6, Status.WITHDRAWN, 1, ()),
]
CLOSED_APPLICATIONS = [
    (0, Status.SIGNED, 2, ((0, "review"), (1, "review"))),
    (7, Status.IN_REVIEW, 0, ((0, "review"), (1, "conflict"))),
    (8, Status.APPROVED, 3, ((0, "review"), (1, "review"))),
    (9, Status.REJECTED, 1, ((0, "review"), (1, "review"))),
    (12, Status.REJECTED, 0, ()),  # at screening
    (10, Status.REPORTED, 0, ((0, "review"), (1, "review"))),
    (11, Status.CLOSED, 3, ((0, "review"), (1, "review"))),
    (13, Status.CLOSED, 2, ((0, "review"), (1, "review"))),
]
# Scores per criterion (0–5) and recommendation of each expert's reviews, in turn.
REVIEWS = [
    ((5, 4, 4, 3), "approve", "Projet clair, devis cohérents, l'équipe est prête."),
    ((4, 3, 5, 3), "approve_changes", "Bon projet ; la formation mériterait une journée de plus."),
    ((4, 4, 3, 4), "approve", "Le lien avec le plan est net ; le budget est raisonnable."),
    ((2, 3, 2, 2), "reject", "Le projet sert peu la finalité sociale ; le budget est flou."),
]


class _Seed:
    def __init__(self, *, password: str):
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.agency = User.objects.get(email="agence@digitalees.test")
        self.experts = [
            demo_user(email, first, last, group=REVIEWER_GROUP, password=password)
            for email, first, last in EXPERTS
        ]
        self.categories = {c.code: c for c in CostCategory.objects.all()}
        self.documents = {d.code: d for d in DocumentType.objects.all()}
        numbers = [enterprise_number(pilot[1]) for pilot in PILOTS]
        by_number = {
            o.enterprise_number: o
            for o in Organisation.objects.filter(enterprise_number__in=numbers)
        }
        self.organisations = [by_number[n] for n in numbers]
        self.review_turn = 0

    # --- calls -------------------------------------------------------------------------

    def call(self, *, title: str, year: int, opens_at, deadline, envelope: str):
        call = services.call_create(
            created_by=self.agency,
            categories=[c for code, c in self.categories.items() if code != "staff"],
            required_documents=[self.documents["quote"]],
            criteria=CRITERIA,
            title_fr=title,
            title_en=f"Digitalisation grant {year}",
            summary_fr=(
                "Une bourse pour financer les outils, le matériel et les formations qui "
                "rendent une entreprise d'économie sociale plus autonome avec le numérique."
            ),
            summary_en=(
                "A grant for the tools, equipment and training that make a social-economy "
                "enterprise more self-reliant with digital technology."
            ),
            eligibility_fr=(
                "Les entreprises d'économie sociale établies en Wallonie, ayant réalisé "
                "l'autodiagnostic de maturité numérique. Un devis par dépense est requis."
            ),
            eligibility_en=(
                "Social-economy enterprises based in Wallonia that completed the digital "
                "maturity self-diagnostic. A quote for each expense is required."
            ),
            opens_at=opens_at,
            deadline=deadline,
            envelope=Decimal(envelope),
            max_grant=Decimal("15000.00"),
            cofinancing_rate=Decimal("80"),
            advance_rate=Decimal("50"),
        )
        services.call_publish(call, by=self.agency)
        return call

    # --- an application, step by step -------------------------------------------------

    def admin_of(self, organisation) -> User:
        membership = (
            organisation.memberships.filter(role=Membership.Role.ADMIN)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        return membership.user

    def plan_actions(self, application: Application) -> dict[str, Action]:
        if application.plan_id is None:
            return {}
        return {a.title: a for a in Action.objects.filter(plan_id=application.plan_id)}

    def draft(self, call, organisation, project: Project, *, complete: bool) -> Application:
        by = self.admin_of(organisation)
        past = call.title_fr == CLOSED_CALL
        application = services.application_create(
            call=call, organisation=organisation, by=by, title=project.title
        )
        services.application_save_project(
            application,
            version=application.version,
            title=project.title,
            summary=project.summary,
            objectives=project.objectives,
            expected_results=project.expected_results,
            # The closed call's projects ran since its decisions; the open call's are to come.
            starts_on=self.today + datetime.timedelta(days=-120 if past else 30),
            ends_on=self.today + datetime.timedelta(days=-10 if past else 300),
        )
        lines = [LINES[key] for key in project.lines]
        actions = self.plan_actions(application)
        linked = [actions[line.action] for line in lines if line.action in actions]
        if application.plan_id:
            services.application_save_actions(
                application, version=application.version, actions=list(dict.fromkeys(linked))
            )
        services.application_save_budget(
            application,
            version=application.version,
            lines=[self.line_input(line, actions) for line in lines],
        )
        if not complete:
            return application
        for line in lines:
            if line.category == "staff":
                continue
            services.attachment_add(
                application,
                by=by,
                file=self.quote(line, organisation),
                document_type=self.documents["quote"],
            )
        services.attachment_add(
            application,
            by=by,
            file=pdf_upload(
                "statuts.pdf",
                f"Statuts de {organisation.name}",
                [
                    "Coordination des statuts",
                    f"Numéro d'entreprise : {organisation.enterprise_number}",
                ],
            ),
            document_type=self.documents["statutes"],
        )
        services.application_save_de_minimis(
            application, version=application.version, aids=self.aids(organisation)
        )
        return application

    def line_input(self, line: Line, actions: dict[str, Action]) -> LineInput:
        action = actions.get(line.action)
        return LineInput(
            category_id=self.categories[line.category].pk,
            description=line.description,
            supplier=line.supplier,
            amount_excl_vat=line.amount_excl_vat,
            vat=line.vat,
            vat_recoverable=line.vat_recoverable,
            action_id=action.pk if action else None,
        )

    def quote(self, line: Line, organisation):
        return pdf_upload(
            f"devis-{slugify(line.supplier)}.pdf",
            f"Devis — {line.supplier}",
            [
                f"Pour : {organisation.name}",
                line.description,
                f"Montant HTVA : {line.amount_excl_vat} EUR",
                f"TVA : {line.vat} EUR",
                "Devis valable trois mois.",
            ],
        )

    def aids(self, organisation) -> list[AidInput]:
        """The de minimis aid received: none for some, one or two for the others."""
        index = self.organisations.index(organisation)
        aids = []
        if index % 3 != 2:
            aids.append(
                AidInput(
                    granting_body="Région wallonne — SPW Économie",
                    description="Aide à l'investissement",
                    granted_on=self.today - datetime.timedelta(days=200 + 40 * index),
                    amount=Decimal(4000 + 1500 * index),
                )
            )
        if index % 4 == 1:
            aids.append(
                AidInput(
                    granting_body="Province",
                    description="Subside d'équipement",
                    granted_on=self.today - datetime.timedelta(days=500),
                    amount=Decimal("2500.00"),
                )
            )
        return aids

    # --- the moves ---------------------------------------------------------------------

    def bring(self, application: Application, status: str, reviews) -> None:
        by = application.created_by
        if status == Status.DRAFT:
            return
        services.application_submit(
            application, by=by, comment="Merci pour l'examen de notre demande."
        )
        self.bring_submitted(application, status, reviews)

    def bring_submitted(self, application: Application, status: str, reviews) -> None:
        """Move a submitted application on to `status`, as the agency and the applicant
        would, through the services of each move."""
        by = application.created_by
        if status == Status.SUBMITTED:
            return
        if status == Status.WITHDRAWN:
            services.application_withdraw(
                application,
                by=by,
                comment="Le conseil d'administration a préféré reporter le projet à l'an prochain.",
            )
            return
        services.screening_start(application, by=self.agency)
        self.assign(application, reviews)
        if status == Status.SCREENING:
            return
        if status == Status.REJECTED and not reviews:
            services.application_reject(
                application,
                by=self.agency,
                reasons=(
                    "Le projet finance surtout du temps de travail interne, que l'appel ne "
                    "couvre pas, et le devis principal manque."
                ),
                internal_comment="Vu en comité de sélection.",
            )
            return
        if status in (Status.INFO_REQUESTED, Status.RESUBMITTED):
            services.info_request(
                application,
                by=self.agency,
                message="Pourriez-vous joindre un second devis pour le site web ?",
                internal_comment="Le devis semble élevé pour un site de cette taille.",
            )
            if status == Status.RESUBMITTED:
                services.attachment_add(
                    application,
                    by=by,
                    file=self.quote(LINES["website"], application.organisation),
                    document_type=self.documents["quote"],
                )
                services.info_respond(
                    application, by=by, response="Voici un second devis, d'un autre prestataire."
                )
            return
        services.review_start(application, by=self.agency)
        self.declare_and_review(application, reviews)
        if status == Status.IN_REVIEW:
            return
        if status == Status.REJECTED:
            services.application_reject(
                application,
                by=self.agency,
                reasons=(
                    "Le comité a jugé le lien avec la finalité sociale trop faible et le "
                    "budget insuffisamment détaillé. Vous pourrez présenter une nouvelle "
                    "demande à l'appel suivant."
                ),
            )
            return
        application.refresh_from_db()
        services.application_approve(
            application,
            by=self.agency,
            amount=application.requested_amount,
            reasons="Projet solide, en lien direct avec le plan de transformation.",
            internal_comment="Accordé au montant demandé.",
        )
        if status == Status.APPROVED:
            return
        signed_on = self.today - datetime.timedelta(days=40 if status != Status.SIGNED else 20)
        services.agreement_sign(application, by=self.agency, signed_on=signed_on)
        application.refresh_from_db()
        services.payment_record(
            application,
            by=self.agency,
            kind=Payment.Kind.ADVANCE,
            amount=services.amounts.advance_of(application),
            paid_on=signed_on + datetime.timedelta(days=5),
            reference=f"VIR-{application.reference}-A",
        )
        if status == Status.SIGNED:
            return
        self.final_report(application)
        if status == Status.REPORTED:
            return
        expenses = list(application.final_report.expenses.order_by("pk"))
        for n, expense in enumerate(expenses):
            refused = n == len(expenses) - 1 and len(expenses) > 3
            services.expense_check(
                expense,
                by=self.agency,
                accepted=not refused,
                comment="La preuve de paiement ne correspond pas à la facture." if refused else "",
            )
        application.refresh_from_db()
        services.payment_record(
            application,
            by=self.agency,
            kind=Payment.Kind.BALANCE,
            amount=services.amounts.balance_of(application).due,
            paid_on=self.today - datetime.timedelta(days=2),
            reference=f"VIR-{application.reference}-S",
        )

    def final_report(self, application: Application) -> None:
        by = application.created_by
        linked = list(application.actions.all())
        report = services.final_report_save(
            application,
            by=by,
            achievements=(
                "Le matériel est installé et l'outil en service depuis deux mois ; toute "
                "l'équipe a suivi la formation. Les tableurs ont été abandonnés."
            ),
            completed_actions=linked,
        )
        for n, line in enumerate(application.budget_lines.order_by("position")):
            if line.category.code == "staff":
                continue
            invoice_date = self.today - datetime.timedelta(days=25 - n)
            number = f"F-{invoice_date:%Y}-{100 + n:03d}"
            services.expense_add(
                report,
                invoice=pdf_upload(
                    f"facture-{number}.pdf",
                    f"Facture {number} — {line.supplier}",
                    [line.description, f"Montant HTVA : {line.amount_excl_vat} EUR"],
                ),
                proof_of_payment=pdf_upload(
                    f"preuve-{number}.pdf",
                    "Extrait de compte",
                    [f"Paiement de la facture {number}", f"{line.cost} EUR"],
                ),
                budget_line=line,
                category_id=line.category_id,
                description=line.description,
                supplier=line.supplier,
                invoice_number=number,
                invoice_date=invoice_date,
                amount_excl_vat=line.amount_excl_vat,
                vat=line.vat,
                vat_recoverable=line.vat_recoverable,
            )
        services.final_report_submit(application, by=by)

    # --- reviewers ----------------------------------------------------------------------

    def assign(self, application, reviews) -> None:
        for expert, _what in reviews:
            services.reviewer_assign(application, reviewer=self.experts[expert], by=self.agency)

    def declare_and_review(self, application, reviews) -> None:
        criteria = list(application.call.criteria.order_by("position"))
        assignments = {
            a.reviewer_id: a for a in ReviewerAssignment.objects.filter(application=application)
        }
        for expert, what in reviews:
            assignment = assignments[self.experts[expert].pk]
            if what == "pending":
                continue
            if what == "conflict":
                services.conflict_declare(
                    assignment,
                    conflict=True,
                    details="J'ai conseillé cette entreprise l'an dernier, à titre rémunéré.",
                )
                continue
            services.conflict_declare(assignment, conflict=False)
            scores, recommendation, comment = REVIEWS[self.review_turn % len(REVIEWS)]
            self.review_turn += 1
            services.review_save(
                assignment,
                scores={c.pk: s for c, s in zip(criteria, scores, strict=True)},
                recommendation=recommendation,
                comment=comment,
                comment_shared=recommendation != Review.Recommendation.REJECT,
            )


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    with translation.override("fr"):  # what the services write is in French, as in use
        return _seed(password=password, stdout=stdout)


def _seed(*, password: str, stdout) -> list[tuple[str, str]]:
    run = _Seed(password=password)
    logins = [(e.email, "reviewer (outside expert)") for e in run.experts]
    if Call.objects.filter(title_fr__in=[OPEN_CALL, CLOSED_CALL]).exists():
        return logins
    now = run.now
    open_call = run.call(
        title=OPEN_CALL,
        year=2027,
        opens_at=now - datetime.timedelta(days=14),
        deadline=now + datetime.timedelta(days=30),
        envelope="150000.00",
    )
    # Published while open, its applications submitted before the deadline that the agency
    # then moves back: a call closed two months ago, made through the services.
    closed_call = run.call(
        title=CLOSED_CALL,
        year=2026,
        opens_at=now - datetime.timedelta(days=150),
        deadline=now + datetime.timedelta(days=1),
        envelope="100000.00",
    )
    closed = []
    for index, status, project, reviews in CLOSED_APPLICATIONS:
        application = run.draft(
            closed_call, run.organisations[index], PROJECTS[project], complete=True
        )
        services.application_submit(application, by=application.created_by)
        closed.append((application, status, reviews))
    services.call_update(closed_call, deadline=now - datetime.timedelta(days=60))
    for application, status, reviews in closed:
        run.bring_submitted(application, status, reviews)
    for index, status, project, reviews in OPEN_APPLICATIONS:
        application = run.draft(
            open_call,
            run.organisations[index],
            PROJECTS[project],
            complete=status != Status.DRAFT,
        )
        run.bring(application, status, reviews)
    total = Application.objects.filter(call__in=[open_call, closed_call]).count()
    stdout.write(
        f"Grants: 2 calls, {total} applications in every status, with reviews and payments."
    )
    return logins
