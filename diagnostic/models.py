import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digitalees.bilingual import Bilingual
from digitalees.storage import private_storage
from network.models import Organisation, Province, Sector, SizeBand

from . import scoring


class Questionnaire(Bilingual, models.Model):
    """One published version of the questionnaire. A published version never changes:
    a new version gets new rows, and its questions keep their codes."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title_fr = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    intro_fr = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title_fr} (v{self.version})"

    @classmethod
    def current(cls):
        return cls.objects.order_by("-version").first()


class Dimension(Bilingual, models.Model):
    class DMA(models.TextChoices):
        """The EU Digital Maturity Assessment dimension this one corresponds to."""

        STRATEGY = "digital_business_strategy", _("Digital Business Strategy")
        READINESS = "digital_readiness", _("Digital Readiness")
        HUMAN = "human_centric_digitalisation", _("Human-Centric Digitalisation")
        DATA = "data_management", _("Data Management")
        AUTOMATION = "automation_ai", _("Automation & AI")
        GREEN = "green_digitalisation", _("Green Digitalisation")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions"
    )
    code = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField()
    dma = models.CharField(max_length=40, choices=DMA.choices, blank=True)
    title_fr = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200)
    description_fr = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    # [{"below": 40, "text": {"fr": ..., "en": ...}}, ...], weakest band first.
    recommendations = models.JSONField(default=list)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="dimension_code_unique"),
            models.UniqueConstraint(
                fields=["questionnaire", "position"], name="dimension_position_unique"
            ),
        ]

    def __str__(self):
        return self.title_fr

    def recommendation_for(self, score: float | None) -> str:
        if score is None:
            return ""
        language = (get_language() or "fr")[:2]
        for band in sorted(self.recommendations, key=lambda b: b["below"]):
            if score < band["below"]:
                return band["text"].get(language) or band["text"]["fr"]
        return ""


class Question(Bilingual, models.Model):
    class Type(models.TextChoices):
        SCALE = scoring.SCALE, _("Scale from 0 to 4")
        CHECKLIST = scoring.CHECKLIST, _("Checklist")
        YESNO = scoring.YESNO, _("Yes / partly / no")
        CONTEXT = scoring.CONTEXT, _("Context (not scored)")

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=10, choices=Type.choices)
    text_fr = models.TextField()
    text_en = models.TextField()
    help_fr = models.TextField(blank=True)
    help_en = models.TextField(blank=True)
    show_if_question = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="dependants"
    )
    show_if_choices = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["dimension__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "code"], name="question_code_unique"),
            models.CheckConstraint(
                condition=Q(
                    type__in=[scoring.SCALE, scoring.CHECKLIST, scoring.YESNO, scoring.CONTEXT]
                ),
                name="question_type_valid",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_scored(self) -> bool:
        return self.type in scoring.SCORED_TYPES

    @property
    def is_multiple(self) -> bool:
        return self.type == scoring.CHECKLIST


class Choice(Bilingual, models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    label_fr = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300)
    # Scale: rank 0–4; yes/partly/no: 2/1/0; checklist: weight; context: 0.
    value = models.PositiveSmallIntegerField(default=0)
    exclusive = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique"),
        ]

    def __str__(self):
        return f"{self.question.code}={self.code}"

    def as_value(self) -> scoring.ChoiceValue:
        return scoring.ChoiceValue(self.value, self.exclusive)


class Campaign(models.Model):
    """Several respondents of one organisation answer alone; the result is their aggregate."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaigns"
    )
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open campaign at a time per organisation.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(closed_at__isnull=True),
                name="campaign_one_open_per_org",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.created_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class AssessmentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Assessment.Status.SUBMITTED)

    def drafts(self):
        return self.filter(status=Assessment.Status.DRAFT)


class Assessment(models.Model):
    """One respondent's answers to one questionnaire version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    # A visitor's assessment is reached through a secret kept in their session or a
    # signed resume link; it is attached to an account when claimed.
    visitor_key = models.CharField(max_length=64, blank=True, db_index=True)
    # A campaign invitee answers through a signed link sent to this address; a visitor may
    # leave it to receive a resume link.
    respondent_email = models.EmailField(blank=True)
    # Who invited this campaign respondent (an e-mail was sent): the sending limits count it.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    overall_score = models.FloatField(null=True, blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    # {question code: 0–10 or null}, stored at submission for progress and aggregates.
    question_scores = models.JSONField(default=dict, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted"]), name="assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(submitted_at__isnull=False, overall_score__isnull=False),
                name="assessment_submitted_has_score",
            ),
        ]
        indexes = [
            # A member's dashboard: their drafts and submissions.
            models.Index(fields=["respondent", "status"], name="assessment_respondent_idx"),
            # The agency view: submitted assessments, newest first, filtered by period.
            models.Index(fields=["status", "-submitted_at"], name="assessment_submitted_idx"),
        ]

    def __str__(self):
        who = self.organisation or _("visitor")
        return f"{self.questionnaire} — {who} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("diagnostic:results", kwargs={"uuid": self.uuid})

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def get_level_display(self) -> str:
        """The maturity level as people read it ("3 – Structured"), or a dash before one."""
        level = next((lv for lv in scoring.LEVELS if lv.number == self.level), None)
        return f"{level.number} – {level.name}" if level else "—"


class Answer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    choices = models.ManyToManyField(Choice, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_unique"),
        ]

    def __str__(self):
        return f"{self.assessment_id}:{self.question_id}"


class DimensionScore(models.Model):
    """A dimension's 0–100 score in one assessment, stored when it is submitted."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="dimension_scores"
    )
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["assessment", "dimension__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "dimension"], name="dimension_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="dimension_score_range"
            ),
        ]

    def __str__(self):
        return f"{self.dimension.code}: {self.score}"


class ResultQuerySet(models.QuerySet):
    def latest_per_organisation(self):
        return self.filter(is_latest=True)


class Result(models.Model):
    """An organisation's result: one member's submitted assessment, or the aggregate of a
    campaign's submitted assessments (mean of their answers). Benchmarks compare the latest
    result of each organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="results")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="result"
    )
    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="result"
    )
    created_at = models.DateTimeField(default=timezone.now)
    respondents = models.PositiveSmallIntegerField(default=1)
    overall_score = models.FloatField()
    level = models.PositiveSmallIntegerField()
    question_scores = models.JSONField(default=dict)
    is_latest = models.BooleanField(default=True)
    # The organisation's profile when the result was recorded: the peer group its benchmark
    # is drawn from, so that a later change of size or province keeps past benchmarks.
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size_band = models.CharField(_("staff"), max_length=10, choices=SizeBand.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment__isnull=False) | Q(campaign__isnull=False),
                name="result_has_source",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(is_latest=True),
                name="result_one_latest_per_org",
            ),
            models.CheckConstraint(
                condition=Q(overall_score__gte=0, overall_score__lte=100), name="result_score_range"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="result_sector_valid"
            ),
            models.CheckConstraint(
                condition=Q(size_band__in=SizeBand.values), name="result_size_band_valid"
            ),
            models.CheckConstraint(
                condition=Q(province__in=Province.values), name="result_province_valid"
            ),
        ]
        indexes = [
            # History page: an organisation's results by date.
            models.Index(fields=["organisation", "created_at"], name="result_org_history_idx"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.created_at:%Y-%m-%d}: {self.overall_score}"


class ResultScore(models.Model):
    """A dimension's score in a result, by dimension code so that versions compare."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="scores")
    dimension_code = models.SlugField(max_length=40)
    score = models.FloatField()
    # Perception gap: highest minus lowest respondent score on this dimension (campaigns).
    spread = models.FloatField(null=True, blank=True)
    # Denormalised from result.is_latest so that benchmarks read one table and one index.
    is_latest = models.BooleanField(default=True)

    class Meta:
        ordering = ["result", "dimension_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "dimension_code"], name="result_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="result_score_value_range"
            ),
        ]
        indexes = [
            # Benchmarks: latest scores per dimension, joined to the peer group.
            models.Index(
                fields=["dimension_code", "result"],
                condition=Q(is_latest=True),
                name="result_score_latest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.dimension_code}: {self.score}"


class Report(models.Model):
    """A PDF of a results page, rendered by a Celery task and kept: asking again for the same
    report (same results, same language) reuses the stored file."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # In the private storage: served only by the download view, which checks access.
    file = models.FileField(upload_to="reports/%Y/%m/", storage=private_storage, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Where to send the "your report is ready" e-mail: the address of each one who asked
    # while it was being prepared (members' accounts, or the address a visitor typed).
    notify_emails = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # The row is the render job's record. When it was last queued: a pending report that no
    # worker claimed for a while is queued again (its message was lost).
    queued_at = models.DateTimeField(default=timezone.now)
    # The render in progress, claimed by a conditional update (no lock is held while it
    # renders): the attempt's task id, and since when. A claim older than the task's time
    # limit is a dead worker's and may be taken over.
    claim_token = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment__isnull=False, result__isnull=True)
                | Q(assessment__isnull=True, result__isnull=False),
                name="report_one_source",
            ),
            models.UniqueConstraint(
                fields=["assessment", "language"],
                condition=Q(assessment__isnull=False),
                name="report_assessment_language_unique",
            ),
            models.UniqueConstraint(
                fields=["result", "language"],
                condition=Q(result__isnull=False),
                name="report_result_language_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ready", "failed"]), name="report_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.assessment or self.result} ({self.language}, {self.status})"

    def emails(self, address: str) -> bool:
        """Whether the ready report's link will be e-mailed to this address."""
        wanted = address.strip().casefold()
        return any(email.strip().casefold() == wanted for email in self.notify_emails)
