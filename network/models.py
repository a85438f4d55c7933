from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalees.bilingual import Bilingual

from .validators import (
    format_enterprise_number,
    validate_enterprise_number,
    validate_logo,
    validate_resource_file,
    validate_walloon_postcode,
)


class OrganisationQuerySet(models.QuerySet):
    def coached_by(self, user):
        return self.filter(coach_assignments__coach=user)


class LegalForm(models.TextChoices):
    ASBL = "asbl", _("Non-profit association (ASBL)")
    COOPERATIVE = "scees", _("Cooperative accredited as a social enterprise")
    SOCIAL_PURPOSE = "sfs", _("Company with a social purpose")
    FOUNDATION = "foundation", _("Foundation")
    MUTUAL = "mutual", _("Mutual society")
    WORK_INTEGRATION = "ei", _("Work-integration enterprise")
    SHELTERED_WORKSHOP = "eta", _("Sheltered workshop (ETA)")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    SOCIAL_HEALTH = "social_health", _("Social action and health")
    EDUCATION = "education", _("Education and training")
    WORK_INTEGRATION = "integration", _("Socio-professional integration")
    CULTURE = "culture", _("Culture, sport and leisure")
    ENVIRONMENT = "environment", _("Environment, recycling and circular economy")
    FOOD = "food", _("Food and short supply chains")
    HOUSING = "housing", _("Housing and construction")
    ENERGY = "energy", _("Energy and mobility")
    FINANCE = "finance", _("Ethical finance and insurance")
    SERVICES = "services", _("Services to people and companies")
    INTERNATIONAL = "international", _("International solidarity")
    OTHER = "other", _("Other")


class Province(models.TextChoices):
    BRABANT_WALLON = "BW", _("Walloon Brabant")
    HAINAUT = "HT", _("Hainaut")
    LIEGE = "LG", _("Liège")
    LUXEMBOURG = "LX", _("Luxembourg")
    NAMUR = "NA", _("Namur")


# "4650, Liège" read as the city of Liège for an organisation in Herve: the province is
# always named as one, with the article French gives it.
PROVINCE_PHRASES = {
    Province.BRABANT_WALLON: _("province of Walloon Brabant"),
    Province.HAINAUT: _("province of Hainaut"),
    Province.LIEGE: _("province of Liège"),
    Province.LUXEMBOURG: _("province of Luxembourg"),
    Province.NAMUR: _("province of Namur"),
}


class SizeBand(models.TextChoices):
    VOLUNTEERS = "0", _("No paid staff")
    MICRO = "1-4", _("1 to 4 staff")
    SMALL = "5-9", _("5 to 9 staff")
    MEDIUM_SMALL = "10-19", _("10 to 19 staff")
    MEDIUM = "20-49", _("20 to 49 staff")
    LARGE_MEDIUM = "50-99", _("50 to 99 staff")
    LARGE = "100-249", _("100 to 249 staff")
    VERY_LARGE = "250+", _("250 staff or more")


class Organisation(models.Model):
    """A social-economy enterprise (EES)."""

    # The choices live at module level so that Meta's constraints can name them.
    LegalForm = LegalForm
    Sector = Sector
    Province = Province
    SizeBand = SizeBand

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    enterprise_number = models.CharField(
        _("enterprise number (BCE/KBO)"),
        max_length=10,
        unique=True,
        validators=[validate_enterprise_number],
        help_text=_("10 digits, e.g. 0403.170.701."),
        error_messages={"unique": _("An organisation with this enterprise number already exists.")},
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    postcode = models.CharField(_("postcode"), max_length=4, validators=[validate_walloon_postcode])
    # Blank only for organisations registered before it was asked: the profile form requires it.
    municipality = models.CharField(
        _("municipality"),
        max_length=100,
        blank=True,
        help_text=_("The town or municipality of the postcode, e.g. Herve."),
    )
    size_band = models.CharField(_("staff"), max_length=10, choices=SizeBand.choices)
    social_purpose = models.TextField(
        _("social purpose"), help_text=_("In a few sentences: whom you serve and how.")
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[
            validate_logo,
            FileExtensionValidator(allowed_extensions=["png", "jpg", "jpeg", "webp"]),
        ],
        help_text=_("PNG, JPEG or WebP, 1 MB and 4,000 × 4,000 pixels at most."),
    )
    is_public = models.BooleanField(
        _("public profile"),
        default=False,
        help_text=_("Show the name, sector, province and social purpose in the public directory."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("members"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(legal_form__in=LegalForm.values), name="org_legal_form_valid"
            ),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="org_sector_valid"),
            models.CheckConstraint(
                condition=Q(province__in=Province.values), name="org_province_valid"
            ),
            models.CheckConstraint(
                condition=Q(size_band__in=SizeBand.values), name="org_size_band_valid"
            ),
        ]
        indexes = [
            # Peer groups (benchmarks, public statistics) filter on these three together.
            models.Index(fields=["sector", "size_band", "province"], name="org_peer_group_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation_detail", kwargs={"slug": self.slug})

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    @property
    def province_phrase(self) -> str:
        """ "province de Liège": the province named as one, never mistaken for its city."""
        return str(PROVINCE_PHRASES[Province(self.province)])

    @property
    def location_display(self) -> str:
        """ "4650 Herve, province de Liège" (the postcode alone if no municipality is known)."""
        place = f"{self.postcode} {self.municipality}".strip()
        return f"{place}, {self.province_phrase}"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    MEMBER = "member", _("Member")


class Membership(models.Model):
    """An EES member: an account that belongs to an organisation, as admin or member."""

    Role = MembershipRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class CoachAssignment(models.Model):
    """A coach follows an organisation; agency staff assign them."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coach_assignments",
        verbose_name=_("coach"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="coach_assignments",
        verbose_name=_("organisation"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)
    # What this coach brings to this enterprise (coaches are multidisciplinary experts):
    # the diagnostic's dimensions, as the library's topics of the same codes.
    areas = models.ManyToManyField(
        "Topic", blank=True, related_name="+", verbose_name=_("areas of expertise")
    )

    class Meta:
        verbose_name = _("coach assignment")
        verbose_name_plural = _("coach assignments")
        ordering = ["organisation__name", "coach__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["coach", "organisation"], name="coach_assignment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.coach} → {self.organisation}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation; the link carries a signed token."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    # A revoked invitation is kept, not deleted: it still counts in the sending limits
    # (network.services.invitation_create), so revoking and re-sending is no way around them.
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="invitation_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class Topic(Bilingual, models.Model):
    """A theme of the resource library; the diagnostic's dimensions are topics by code."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["code"]

    def __str__(self):
        return self.name_fr


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def openable(self):
        """Resources that open something: an address elsewhere, or a page of their own
        (a content or a document). The others are not shown."""
        return self.exclude(url="", body_fr="", body_en="", file="")


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TOOL = "tool", _("Tool")
    TRAINING = "training", _("Training")
    TEMPLATE = "template", _("Template")
    VIDEO = "video", _("Video")


class Resource(Bilingual, models.Model):
    """An entry of the resource library: a guide, tool, training, template or video."""

    Kind = ResourceKind

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_fr = models.TextField(_("summary (French)"))
    summary_en = models.TextField(_("summary (English)"))
    url = models.URLField(_("address"), blank=True)
    # The platform's own guides and templates: their content, shown on their page.
    body_fr = models.TextField(
        _("content (French)"),
        blank=True,
        help_text=_("Plain text: paragraphs separated by a blank line."),
    )
    body_en = models.TextField(
        _("content (English)"),
        blank=True,
        help_text=_("Plain text: paragraphs separated by a blank line."),
    )
    # Public (the default storage): anyone may download a template.
    file = models.FileField(
        _("document"),
        upload_to="resources/",
        blank=True,
        max_length=200,
        validators=[validate_resource_file],
        help_text=_(
            "A document to download (PDF, OpenDocument, Word or Excel), 5 MB at most. "
            "Anyone can download it."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    topics = models.ManyToManyField(Topic, related_name="resources", verbose_name=_("topics"))
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["title_fr"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ResourceKind.values), name="resource_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title_fr

    def get_absolute_url(self):
        return reverse("network:resource_detail", kwargs={"slug": self.slug})

    @property
    def has_page(self) -> bool:
        return bool(self.body_fr or self.body_en or self.file)

    @property
    def link(self) -> str:
        """Where the resource opens: its address elsewhere, else its own page; "" when it
        opens nothing (such a resource is not shown)."""
        if self.url:
            return self.url
        return self.get_absolute_url() if self.has_page else ""
