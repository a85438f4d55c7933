"""Digitalisation grants ("bourses de digitalisation"): calls, applications and their
workflow, reviews, decisions, payments and final reports.

Amounts are decimals in euros, two places. An application's status moves only through
`grants.workflow.transition` (one table says which moves exist and who makes them); every
move is kept as a `StatusChange`, the applicant's timeline.
"""

import secrets
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from coaching.models import Action, Plan
from digitalees.bilingual import Bilingual
from digitalees.storage import private_storage
from network.models import Organisation

ZERO = Decimal("0.00")
# The de minimis ceiling of Regulation (EU) 2023/2831, art. 3(2): EUR 300,000 granted to a
# single undertaking over any period of three years.
DE_MINIMIS_CEILING = Decimal("300000.00")
DE_MINIMIS_YEARS = 3

money = {"max_digits": 12, "decimal_places": 2}
positive = [MinValueValidator(ZERO)]


def _random_name(folder: str, filename: str) -> str:
    """A stored file's name: random, in a folder of the month, keeping the (checked)
    extension only; the uploader's name is kept on the row, never in the path."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}{suffix}"


def attachment_path(instance, filename):
    return _random_name("grants/attachments", filename)


def expense_path(instance, filename):
    return _random_name("grants/expenses", filename)


def letter_path(instance, filename):
    return _random_name("grants/letters", filename)


class CostCategory(Bilingual, models.Model):
    """What a budget line pays for (equipment, software, services, training…); a call says
    which categories it funds. Loaded by a data migration, edited in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")
        ordering = ["position", "code"]

    def __str__(self):
        return self.tr("name")


class DocumentType(Bilingual, models.Model):
    """A kind of document an application may carry (a quote, the statutes…); a call says
    which it requires."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["position", "code"]

    def __str__(self):
        return self.tr("name")


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def open(self, now=None):
        now = now or timezone.now()
        return self.published().filter(opens_at__lte=now, deadline__gt=now)

    def upcoming(self, now=None):
        return self.published().filter(opens_at__gt=now or timezone.now())


class Call(Bilingual, models.Model):
    """A call for applications. Unpublished it is a draft only staff see; published, it is
    upcoming before `opens_at`, open until `deadline`, closed after: applications close at
    the deadline by the clock, with no task to run."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_fr = models.TextField(_("summary (French)"))
    summary_en = models.TextField(_("summary (English)"))
    eligibility_fr = models.TextField(_("eligibility rules (French)"))
    eligibility_en = models.TextField(_("eligibility rules (English)"))
    opens_at = models.DateTimeField(_("opening"))
    deadline = models.DateTimeField(_("deadline"))
    envelope = models.DecimalField(_("envelope"), validators=positive, **money)
    max_grant = models.DecimalField(
        _("maximum grant per application"), validators=positive, **money
    )
    cofinancing_rate = models.DecimalField(
        _("co-financing rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100"))],
        help_text=_("The share of the eligible costs that the grant pays."),
    )
    advance_rate = models.DecimalField(
        _("advance on signature (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
        help_text=_("The share of the approved amount paid when the agreement is signed."),
    )
    screening_days = models.PositiveSmallIntegerField(
        _("days to screen an application"),
        default=10,
        help_text=_("A submitted application not screened within this many days is overdue."),
    )
    categories = models.ManyToManyField(
        CostCategory, related_name="calls", verbose_name=_("eligible cost categories")
    )
    required_documents = models.ManyToManyField(
        DocumentType, related_name="calls", blank=True, verbose_name=_("documents required")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for applications")
        verbose_name_plural = _("calls for applications")
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opens_at")), name="call_dates"
            ),
            models.CheckConstraint(condition=Q(envelope__gte=0), name="call_envelope_positive"),
            models.CheckConstraint(
                condition=Q(max_grant__gt=0) & Q(max_grant__lte=models.F("envelope")),
                name="call_max_grant_within_envelope",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gt=0, cofinancing_rate__lte=100),
                name="call_rate_valid",
            ),
        ]

    def __str__(self):
        return self.tr("title")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_published and self.opens_at <= now < self.deadline

    def is_upcoming(self, now=None) -> bool:
        return self.is_published and (now or timezone.now()) < self.opens_at

    def is_closed(self, now=None) -> bool:
        return self.is_published and (now or timezone.now()) >= self.deadline


class Criterion(Bilingual, models.Model):
    """A review criterion of a call, scored 0 to MAX_SCORE, with its weight in the total."""

    MAX_SCORE = 5

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["call", "position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight")]

    def __str__(self):
        return self.tr("title")


class Status(models.TextChoices):
    """An application's status. Which moves exist is `grants.workflow.TRANSITIONS`."""

    DRAFT = "draft", pgettext_lazy("grant application status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("grant application status", "Submitted")
    SCREENING = "screening", pgettext_lazy("grant application status", "Screening")
    INFO_REQUESTED = (
        "info_requested",
        pgettext_lazy("grant application status", "More information requested"),
    )
    RESUBMITTED = "resubmitted", pgettext_lazy("grant application status", "Resubmitted")
    IN_REVIEW = "in_review", pgettext_lazy("grant application status", "In review")
    APPROVED = "approved", pgettext_lazy("grant application status", "Approved")
    REJECTED = "rejected", pgettext_lazy("grant application status", "Rejected")
    SIGNED = "signed", pgettext_lazy("grant application status", "Agreement signed")
    REPORTED = "reported", pgettext_lazy("grant application status", "Final report submitted")
    CLOSED = "closed", pgettext_lazy("grant application status", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("grant application status", "Withdrawn")


ApplicationStatus = Status

# Statuses whose approved amount is held on the call's envelope (a closed application
# holds what was paid: see grants.selectors.call_figures).
COMMITTED_STATUSES = (Status.APPROVED, Status.SIGNED, Status.REPORTED)
# Before a decision: the applicant may still withdraw.
BEFORE_DECISION = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.INFO_REQUESTED,
    Status.RESUBMITTED,
    Status.IN_REVIEW,
)
# The applicant may change the application's content.
EDITABLE_STATUSES = (Status.DRAFT, Status.INFO_REQUESTED)


class Application(models.Model):
    """An organisation's application to a call. Several of its members may edit the draft:
    every write carries the `version` it was read at, and a stale one changes nothing."""

    Status = Status

    # The steps of the form, in order; `steps_done` lists those saved at least once.
    STEPS = ("project", "actions", "budget", "documents", "de_minimis")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("organisation"),
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    steps_done = models.JSONField(_("steps saved"), default=list, blank=True)
    # The project.
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    # The plan actions it funds (when the organisation has a plan).
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_applications",
        verbose_name=_("transformation plan"),
    )
    actions = models.ManyToManyField(
        Action, related_name="grant_applications", blank=True, verbose_name=_("plan actions")
    )
    # Totals of the budget lines, kept on every budget save (lists and exports read them).
    total_cost = models.DecimalField(_("total cost excl. VAT"), default=ZERO, **money)
    eligible_total = models.DecimalField(_("eligible costs"), default=ZERO, **money)
    requested_amount = models.DecimalField(
        _("amount requested"), default=ZERO, validators=positive, **money
    )
    # De minimis: the applicant's declaration of the aid received in the last three years.
    de_minimis_declared_at = models.DateTimeField(_("de minimis declared"), null=True, blank=True)
    # The decision.
    approved_amount = models.DecimalField(
        _("amount approved"), null=True, blank=True, validators=positive, **money
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="grant_application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__gte=0), name="grant_requested_positive"
            ),
            models.CheckConstraint(
                condition=Q(approved_amount__isnull=True) | Q(approved_amount__gte=0),
                name="grant_approved_positive",
            ),
            # One application per organisation and call, withdrawn ones aside.
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=~Q(status="withdrawn"),
                name="grant_one_application_per_call",
            ),
        ]
        indexes = [
            models.Index(fields=["call", "status"], name="grant_app_call_status_idx"),
            models.Index(fields=["organisation", "-created_at"], name="grant_app_org_idx"),
            # The staff pipeline: sorted by submission (a page of 50 read in index order),
            # and its "submitted between" filter.
            models.Index(fields=["submitted_at"], name="grant_app_submitted_idx"),
            # The pipeline's overdue screening: submitted or resubmitted, and since when.
            models.Index(fields=["status", "status_changed_at"], name="grant_app_waiting_idx"),
            # The de minimis register: the grants decided in a year.
            models.Index(
                fields=["decided_at"],
                condition=Q(approved_amount__isnull=False),
                name="grant_app_granted_idx",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class StatusChange(models.Model):
    """One move of an application's status: who, when, from, to, and a comment. An internal
    comment is the agency's (reviewers' and applicants' pages leave it out)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("application"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    internal_comment = models.TextField(_("internal comment"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "at"], name="grant_change_app_idx")]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class BudgetLine(models.Model):
    """One line of an application's budget. Its eligible cost is its amount excluding VAT,
    plus the VAT when the organisation cannot recover it, if the call funds its category."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("application"),
    )
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    description = models.CharField(_("description"), max_length=300)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    amount_excl_vat = models.DecimalField(_("amount excl. VAT"), validators=positive, **money)
    vat = models.DecimalField(_("VAT"), default=ZERO, validators=positive, **money)
    vat_recoverable = models.BooleanField(_("VAT recoverable"), default=False)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grant_budget_lines",
        verbose_name=_("plan action"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_excl_vat__gte=0) & Q(vat__gte=0), name="budget_line_positive"
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def cost(self) -> Decimal:
        """What the line costs the organisation: with VAT unless it recovers it."""
        return self.amount_excl_vat + (ZERO if self.vat_recoverable else self.vat)


class Attachment(models.Model):
    """A document of an application (a quote, the statutes…), checked by its content and
    stored in the private storage under a random name."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    document_type = models.ForeignKey(
        DocumentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document type"),
    )
    file = models.FileField(
        _("file"), upload_to=attachment_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class DeMinimisAid(models.Model):
    """A de minimis aid the applicant declared receiving from another body (the programme's
    own grants are counted from the approved applications)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="de_minimis_aids",
        verbose_name=_("application"),
    )
    granting_body = models.CharField(_("granting body"), max_length=200)
    description = models.CharField(_("purpose"), max_length=300, blank=True)
    granted_on = models.DateField(_("granted on"))
    amount = models.DecimalField(_("amount"), validators=positive, **money)

    class Meta:
        verbose_name = _("de minimis aid received")
        verbose_name_plural = _("de minimis aid received")
        ordering = ["application", "-granted_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="de_minimis_positive")
        ]

    def __str__(self):
        return f"{self.granting_body} ({self.amount})"


class ReviewerAssignment(models.Model):
    """A reviewer asked by staff to review an application. The reviewer first declares
    whether they have a conflict of interest: with one, they are taken off the application
    (the row stays, for the record) and see it no more."""

    class Declaration(models.TextChoices):
        PENDING = "pending", _("Not declared yet")
        NO_CONFLICT = "none", _("No conflict of interest")
        CONFLICT = "conflict", _("Conflict of interest")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reviewer_assignments",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grant_review_assignments",
        verbose_name=_("reviewer"),
    )
    declaration = models.CharField(
        _("declaration"), max_length=10, choices=Declaration.choices, default=Declaration.PENDING
    )
    conflict_details = models.TextField(_("conflict of interest"), blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["application", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="grant_reviewer_once"),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application_id}"

    @property
    def has_conflict(self) -> bool:
        return self.declaration == self.Declaration.CONFLICT


class Review(models.Model):
    """A reviewer's review: a score per criterion of the call, a recommendation and a
    comment, private to staff unless shared with the applicant."""

    class Recommendation(models.TextChoices):
        APPROVE = "approve", _("Approve")
        APPROVE_CHANGES = "approve_changes", _("Approve with changes")
        REJECT = "reject", _("Reject")

    assignment = models.OneToOneField(
        ReviewerAssignment,
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("assignment"),
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    comment = models.TextField(_("comment"))
    comment_shared = models.BooleanField(_("comment shared with the applicant"), default=False)
    # Sum(score × weight) / Sum(weight), on 0–Criterion.MAX_SCORE, kept on every save.
    weighted_score = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=2, default=ZERO
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assignment", "pk"]

    def __str__(self):
        return f"{self.assignment}: {self.recommendation}"


class ReviewScore(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MaxValueValidator(Criterion.MAX_SCORE)]
    )

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_once"),
            models.CheckConstraint(
                condition=Q(score__lte=Criterion.MAX_SCORE), name="review_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


class DecisionLetter(models.Model):
    """The decision letter's PDF, rendered by a Celery task (digitalees.jobs), attached to
    the application and e-mailed to its admins once ready."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="letters", verbose_name=_("application")
    )
    # The decision it states (a new decision is a new letter).
    decision = models.CharField(
        _("decision"),
        max_length=20,
        choices=[
            (ApplicationStatus.APPROVED, ApplicationStatus.APPROVED.label),
            (ApplicationStatus.REJECTED, ApplicationStatus.REJECTED.label),
        ],
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), upload_to=letter_path, storage=private_storage, blank=True, max_length=200
    )
    mailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    claim_token = models.CharField(_("claim token"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ready", "failed"]),
                name="decision_letter_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.application} ({self.language}, {self.status})"


class Payment(models.Model):
    """A tranche paid to the applicant: the advance on signature, the balance on the final
    report. The sum paid never exceeds the approved amount."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", _("Advance")
        BALANCE = "balance", _("Balance")

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("tranche"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), validators=positive, **money)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["application", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive"),
            models.UniqueConstraint(
                fields=["application", "kind"], name="payment_one_tranche_of_each_kind"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}: {self.kind} {self.amount}"


class FinalReport(models.Model):
    """The applicant's final report: what was done, the plan actions it completed, and the
    expenses with their invoices and proofs of payment. Staff check each expense; the
    balance is computed from the eligible justified ones."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="final_report",
        verbose_name=_("application"),
    )
    achievements = models.TextField(_("what was done"))
    completed_actions = models.ManyToManyField(
        Action, related_name="+", blank=True, verbose_name=_("plan actions completed")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")

    def __str__(self):
        return f"{self.application}"


class Expense(models.Model):
    """An expense of the final report, with its invoice and its proof of payment. Staff
    accept it (eligible, justified) or refuse it with a reason."""

    class Check(models.TextChoices):
        PENDING = "pending", _("To check")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    report = models.ForeignKey(
        FinalReport, on_delete=models.CASCADE, related_name="expenses", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
        verbose_name=_("budget line"),
    )
    category = models.ForeignKey(
        CostCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    description = models.CharField(_("description"), max_length=300)
    supplier = models.CharField(_("supplier"), max_length=200)
    invoice_number = models.CharField(_("invoice number"), max_length=100)
    invoice_date = models.DateField(_("invoice date"))
    amount_excl_vat = models.DecimalField(_("amount excl. VAT"), validators=positive, **money)
    vat = models.DecimalField(_("VAT"), default=ZERO, validators=positive, **money)
    vat_recoverable = models.BooleanField(_("VAT recoverable"), default=False)
    invoice = models.FileField(
        _("invoice"), upload_to=expense_path, storage=private_storage, max_length=200
    )
    invoice_name = models.CharField(_("invoice file name"), max_length=200)
    proof_of_payment = models.FileField(
        _("proof of payment"), upload_to=expense_path, storage=private_storage, max_length=200
    )
    proof_name = models.CharField(_("proof file name"), max_length=200)
    check_status = models.CharField(
        _("check"), max_length=10, choices=Check.choices, default=Check.PENDING
    )
    check_comment = models.TextField(_("reason"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["report", "invoice_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_excl_vat__gt=0) & Q(vat__gte=0), name="expense_positive"
            ),
        ]

    def __str__(self):
        return f"{self.supplier} {self.invoice_number}"

    @property
    def cost(self) -> Decimal:
        return self.amount_excl_vat + (ZERO if self.vat_recoverable else self.vat)
