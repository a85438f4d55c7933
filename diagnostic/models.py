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
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_fr = models.TextField(_("introduction (French)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
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
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="dimensions",
        verbose_name=_("questionnaire"),
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    dma = models.CharField(_("EU DMA dimension"), max_length=40, choices=DMA.choices, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # [{"below": 40, "text": {"fr": ..., "en": ...}}, ...], weakest band first.
    recommendations = models.JSONField(_("recommendations"), default=list)

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
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
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dimension")
    )
    code = models.CharField(_("code"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"))
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    help_fr = models.TextField(_("help (French)"), blank=True)
    help_en = models.TextField(_("help (English)"), blank=True)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("shown if the answer to"),
    )
    show_if_choices = models.JSONField(_("shown for the choices"), default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
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
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    code = models.CharField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"))
    label_fr = models.CharField(_("label (French)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    # Scale: rank 0–4; yes/partly/no: 2/1/0; checklist: weight; context: 0.
    value = models.PositiveSmallIntegerField(_("value"), default=0)
    exclusive = models.BooleanField(_("excludes the other choices"), default=False)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
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
        Organisation,
        on_delete=models.CASCADE,
        related_name="campaigns",
        verbose_name=_("organisation"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="+", verbose_name=_("questionnaire")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
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

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("questionnaire"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("organisation"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("campaign"),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("respondent"),
    )
    # A visitor's assessment is reached through a secret kept in their session or a
    # signed resume link; it is attached to an account when claimed.
    visitor_key = models.CharField(_("visitor key"), max_length=64, blank=True, db_index=True)
    # A campaign invitee answers through a signed link sent to this address; a visitor may
    # leave it to receive a resume link.
    respondent_email = models.EmailField(_("respondent e-mail address"), blank=True)
    # Who invited this campaign respondent (an e-mail was sent): the sending limits count it.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    overall_score = models.FloatField(_("overall score"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("maturity level"), null=True, blank=True)
    # {question code: 0–10 or null}, stored at submission for progress and aggregates.
    question_scores = models.JSONField(_("question scores"), default=dict, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
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
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="answers", verbose_name=_("assessment")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    choices = models.ManyToManyField(Choice, related_name="+", verbose_name=_("choices"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["assessment", "question"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_unique"),
        ]

    def __str__(self):
        return f"{self.assessment_id}:{self.question_id}"


class DimensionScore(models.Model):
    """A dimension's 0–100 score in one assessment, stored when it is submitted."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="dimension_scores",
        verbose_name=_("assessment"),
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="+", verbose_name=_("dimension")
    )
    score = models.FloatField(_("score"))

    class Meta:
        verbose_name = _("dimension score")
        verbose_name_plural = _("dimension scores")
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

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("organisation"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="+", verbose_name=_("questionnaire")
    )
    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="result",
        verbose_name=_("assessment"),
    )
    campaign = models.OneToOneField(
        Campaign,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="result",
        verbose_name=_("campaign"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    respondents = models.PositiveSmallIntegerField(_("respondents"), default=1)
    overall_score = models.FloatField(_("overall score"))
    level = models.PositiveSmallIntegerField(_("maturity level"))
    question_scores = models.JSONField(_("question scores"), default=dict)
    is_latest = models.BooleanField(_("latest of its organisation"), default=True)
    # The organisation's profile when the result was recorded: the peer group its benchmark
    # is drawn from, so that a later change of size or province keeps past benchmarks.
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    size_band = models.CharField(_("staff"), max_length=10, choices=SizeBand.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
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

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="scores", verbose_name=_("result")
    )
    dimension_code = models.SlugField(_("dimension code"), max_length=40)
    score = models.FloatField(_("score"))
    # Perception gap: highest minus lowest respondent score on this dimension (campaigns).
    spread = models.FloatField(_("gap between respondents"), null=True, blank=True)
    # Denormalised from result.is_latest so that benchmarks read one table and one index.
    is_latest = models.BooleanField(_("latest of its organisation"), default=True)

    class Meta:
        verbose_name = _("result score")
        verbose_name_plural = _("result scores")
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
        Assessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("assessment"),
    )
    result = models.ForeignKey(
        Result,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("result"),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # In the private storage: served only by the download view, which checks access.
    file = models.FileField(
        _("file"), upload_to="reports/%Y/%m/", storage=private_storage, blank=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # Where to send the "your report is ready" e-mail: the address of each one who asked
    # while it was being prepared (members' accounts, or the address a visitor typed).
    notify_emails = models.JSONField(_("e-mail addresses to notify"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The row is the render job's record. When it was last queued: a pending report that no
    # worker claimed for a while is queued again (its message was lost).
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    # The render in progress, claimed by a conditional update (no lock is held while it
    # renders): the attempt's task id, and since when. A claim older than the task's time
    # limit is a dead worker's and may be taken over.
    claim_token = models.CharField(_("claim token"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
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
