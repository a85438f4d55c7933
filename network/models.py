import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digitalees.bilingual import Bilingual
from digitalees.storage import private_storage

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

    def public(self):
        """Organisations whose admins opted in to the public directory."""
        return self.filter(is_public=True)


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
    # What a public profile shows besides its name, legal form, sector and province: each
    # organisation's admins choose (network/directory). Nothing shows while is_public is off.
    public_social_purpose = models.BooleanField(_("show the social purpose"), default=True)
    public_municipality = models.BooleanField(_("show the municipality"), default=True)
    public_website = models.BooleanField(_("show the website"), default=True)
    public_logo = models.BooleanField(_("show the logo"), default=True)
    accepts_contact = models.BooleanField(
        _("accept messages from other members"),
        default=True,
        help_text=_(
            "Members of other organisations may write to you through the platform; "
            "your address stays hidden until you answer."
        ),
    )
    # The digital themes the organisation worked on (the diagnostic's dimensions, as the
    # library's topics of the same codes), shown on its public profile and filtered on.
    themes = models.ManyToManyField(
        "Topic", blank=True, related_name="organisations", verbose_name=_("digital themes")
    )
    # Name, municipality and social purpose folded (network.text.fold) by the services
    # that write them: the directory's search ignores accents and case on every database.
    search_text = models.TextField(_("search text"), blank=True, editable=False)
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
            # The public directory: public profiles in name order, a page at a time.
            models.Index(
                fields=["name"], condition=Q(is_public=True), name="org_public_directory_idx"
            ),
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


def experience_photo_path(instance, filename):
    # A random name: nothing in it says whose photo it is.
    return f"experiences/{uuid.uuid4().hex}.webp"


def certificate_path(instance, filename):
    return f"certificates/{uuid.uuid4().hex}.pdf"


class ExperienceStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("experience status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("experience status", "Awaiting moderation")
    RETURNED = "returned", pgettext_lazy("experience status", "Sent back for changes")
    PUBLISHED = "published", pgettext_lazy("experience status", "Published")
    REFUSED = "refused", pgettext_lazy("experience status", "Refused")


class ExperienceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ExperienceStatus.PUBLISHED)

    def awaiting_moderation(self):
        return self.filter(status=ExperienceStatus.SUBMITTED)


class Experience(models.Model):
    """An organisation's "retour d'expérience": what the pilot enterprises pass on to those
    who follow (why digitalise; three difficulties, tips, phases, tools and keywords, as
    ExperienceItem rows), a free story and photos. Members draft and submit it; agency
    staff publish it, send it back with remarks or refuse it (network/experiences)."""

    Status = ExperienceStatus

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="experiences",
        verbose_name=_("organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    why = models.TextField(
        _("why digitalise as a social-economy enterprise"),
        help_text=_("In a few sentences, for an enterprise that wonders whether to start."),
    )
    # Formatted text, cleaned by nh3 (network.experiences) before it is stored: what is
    # stored is safe to show as it is.
    story = models.TextField(_("your story"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="experiences", verbose_name=_("digital themes")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExperienceStatus.choices, default=ExperienceStatus.DRAFT
    )
    # The moderator's last remarks, shown to the organisation's members (the history is in
    # ExperienceModeration).
    remarks = models.TextField(_("moderator's remarks"), blank=True)
    # Title, why, story (without tags) and every item, folded (network.text.fold) by the
    # services that write them: the full-text search's input (network/experiences).
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # search_text as a French tsvector, stored (PostgreSQL only; null elsewhere), written by
    # network.experiences.services.search_vectors_refresh after each write of search_text.
    # Computed per row at query time, a word found in nearly every experience ("numérique")
    # cost a second at 3,000 experiences; stored and GIN-indexed, a few milliseconds.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExperienceStatus.values), name="experience_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ExperienceStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="experience_published_has_date",
            ),
        ]
        indexes = [
            # The public list and the feed: published experiences, newest first.
            models.Index(
                fields=["-published_at"],
                condition=Q(status="published"),
                name="experience_published_idx",
            ),
            # The moderation queue, oldest submission first.
            models.Index(fields=["status", "submitted_at"], name="experience_queue_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:experience_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ExperienceStatus.PUBLISHED


class ExperienceItemKind(models.TextChoices):
    DIFFICULTY = "difficulty", _("Difficulty to expect")
    TIP = "tip", _("Tip to avoid it")
    PHASE = "phase", _("Essential phase")
    TOOL = "tool", _("Especially useful tool")
    KEYWORD = "keyword", _("Keyword for success")


class ExperienceItem(models.Model):
    """One of the three difficulties, tips, phases, tools or keywords of an experience."""

    Kind = ExperienceItemKind
    PER_KIND = 3

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="items", verbose_name=_("experience")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ExperienceItemKind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("text"), max_length=300)
    # The text folded (network.text.fold): tools and keywords are counted and filtered by it.
    key = models.CharField(_("key"), max_length=300, editable=False)

    class Meta:
        verbose_name = _("experience item")
        verbose_name_plural = _("experience items")
        ordering = ["experience", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["experience", "kind", "position"], name="experience_item_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ExperienceItemKind.values), name="experience_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=3),
                name="experience_item_position_valid",
            ),
        ]
        indexes = [
            # The most cited tools and keywords, and the filter by one of them.
            models.Index(fields=["kind", "key"], name="experience_item_key_idx"),
        ]

    def __str__(self):
        return self.text


class ExperiencePhoto(models.Model):
    """A photo of an experience, re-encoded on upload (no metadata) and kept in the private
    storage: it is served by a view that shows it only where the experience may be seen."""

    MAX_PER_EXPERIENCE = 6

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="photos", verbose_name=_("experience")
    )
    image = models.FileField(
        _("photo"), upload_to=experience_photo_path, storage=private_storage, max_length=200
    )
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    alt_text = models.CharField(
        _("description for people who cannot see it"),
        max_length=250,
        help_text=_("What the photo shows, in one sentence."),
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("experience photo")
        verbose_name_plural = _("experience photos")
        ordering = ["experience", "position", "pk"]

    def __str__(self):
        return self.alt_text


class ModerationAction(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for moderation")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Sent back for changes")
    REFUSED = "refused", _("Refused")
    UNPUBLISHED = "unpublished", _("Unpublished")


class ExperienceModeration(models.Model):
    """One step of an experience's moderation, with the moderator's remarks."""

    Action = ModerationAction

    experience = models.ForeignKey(
        Experience,
        on_delete=models.CASCADE,
        related_name="moderations",
        verbose_name=_("experience"),
    )
    action = models.CharField(_("action"), max_length=12, choices=ModerationAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation step")
        verbose_name_plural = _("moderation steps")
        ordering = ["experience", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ModerationAction.values),
                name="experience_moderation_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.experience} — {self.get_action_display()}"


class EventKind(models.TextChoices):
    INTERVISION = "intervision", _("Intervision open to the network")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    CLOSING = "closing", _("Closing event")
    OTHER = "other", _("Other event")


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(Bilingual, models.Model):
    """An event of the network that agency staff publish; members and visitors register
    (network/events)."""

    Kind = EventKind

    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_fr = models.TextField(_("description (French)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("The venue's name, if it has one.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("For a webinar: sent to those registered, never shown publicly."),
    )
    # None: no limit.
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration stays open until the event starts."),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="events", verbose_name=_("digital themes")
    )
    is_published = models.BooleanField(_("published"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind_valid"),
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]
        indexes = [
            # The public list: published events by date (upcoming, then past).
            models.Index(
                fields=["starts_at"], condition=Q(is_published=True), name="event_published_idx"
            ),
        ]

    def __str__(self):
        return self.title_fr

    def get_absolute_url(self):
        return reverse("network:event_detail", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return self.tr("title")

    @property
    def description(self) -> str:
        return self.tr("description")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short answer")
    LONG_TEXT = "long_text", _("Long answer")
    CHOICE = "choice", _("One choice from a list")
    CHECKBOX = "checkbox", _("Yes or no")


class EventQuestion(Bilingual, models.Model):
    """A question asked on registering for an event (dietary needs, accessibility...)."""

    Kind = QuestionKind

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    label_fr = models.CharField(_("question (French)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    # For a choice: one option per line, "French | English".
    options = models.TextField(
        _("options"), blank=True, help_text=_('One per line, as "French | English".')
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="event_question_kind_valid"
            ),
        ]

    def __str__(self):
        return self.label_fr

    @property
    def label(self) -> str:
        return self.tr("label")


class RegistrationStatus(models.TextChoices):
    # A visitor's registration waits for the click in the e-mail; it holds no seat.
    UNCONFIRMED = "unconfirmed", pgettext_lazy("registration status", "Awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Registered")
    WAITING = "waiting", pgettext_lazy("registration status", "On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


class AttendanceStatus(models.TextChoices):
    UNKNOWN = "", pgettext_lazy("attendance", "Not recorded")
    PRESENT = "present", pgettext_lazy("attendance", "Present")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")
    EXCUSED = "excused", pgettext_lazy("attendance", "Excused")


class RegistrationQuerySet(models.QuerySet):
    def holding_seat(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def active(self):
        """Registrations that count against a second one with the same address."""
        return self.exclude(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    """Someone registered for an event: a member (logged in, confirmed at once) or a
    visitor (confirmed by the link e-mailed to them). A full event puts them on the
    waiting list, whose first person takes a seat a cancellation frees."""

    Status = RegistrationStatus
    Attendance = AttendanceStatus

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    # A visitor's organisation, as they typed it.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.UNKNOWN,
        blank=True,
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # When they joined the waiting list: its order.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=AttendanceStatus.values),
                name="registration_attendance_valid",
            ),
        ]
        indexes = [
            # Seats taken and the waiting list's order, per event.
            models.Index(fields=["event", "status", "waiting_since"], name="registration_seat_idx"),
            # The day-before reminders: confirmed registrations not yet reminded.
            models.Index(
                fields=["event"],
                condition=Q(status="confirmed", reminded_at__isnull=True),
                name="registration_remind_idx",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} → {self.event}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RegistrationAnswer(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("registration"),
    )
    question = models.ForeignKey(
        EventQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("registration answer")
        verbose_name_plural = _("registration answers")
        ordering = ["registration", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="registration_answer_unique"
            ),
        ]

    def __str__(self):
        return self.value


class EventMessage(models.Model):
    """An e-mail staff sent to an event's attendees (those present, e.g. a feedback survey)."""

    class Audience(models.TextChoices):
        PRESENT = "present", _("Those present")
        REGISTERED = "registered", _("Everyone registered")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event")
    )
    audience = models.CharField(_("sent to"), max_length=12, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to attendees")
        verbose_name_plural = _("messages to attendees")
        ordering = ["event", "-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience__in=["present", "registered"]),
                name="event_message_audience_valid",
            ),
        ]

    def __str__(self):
        return self.subject


class Certificate(models.Model):
    """An attendance certificate's PDF, rendered by a Celery task (digitalees.jobs) for a
    registration recorded present, e-mailed to them once ready."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), upload_to=certificate_path, storage=private_storage, blank=True, max_length=200
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
        verbose_name = _("attendance certificate")
        verbose_name_plural = _("attendance certificates")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "ready", "failed"]),
                name="certificate_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.registration} ({self.status})"


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed and not unsubscribed: those the digest goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """A newsletter subscriber (double opt-in: receiving only once confirmed by the link
    e-mailed to them; unsubscribed in one click)."""

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="fr"
    )
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # The first day of the last month whose digest they were sent: the monthly task claims
    # each subscriber by a conditional update on it, so that a task run twice sends once.
    digest_month = models.DateField(_("last digest"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_unique"),
        ]

    def __str__(self):
        return self.email


class ContactThread(models.Model):
    """A member writing to another organisation through the platform: the message is
    relayed by e-mail to the other organisation's admins, neither address shown, until
    one of them answers (then each side sees the other's address)."""

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_threads",
        verbose_name=_("sender"),
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts_sent",
        verbose_name=_("from"),
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts_received",
        verbose_name=_("to"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Who answered first for the other organisation, and when: from then on, both see
    # each other's address.
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    replied_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="contact_thread_other_organisation",
            ),
        ]
        indexes = [
            # The sending limits: how many threads a user started lately.
            models.Index(fields=["sender", "created_at"], name="contact_thread_sender_idx"),
        ]

    def __str__(self):
        return self.subject


class ContactMessage(models.Model):
    thread = models.ForeignKey(
        ContactThread, on_delete=models.CASCADE, related_name="messages", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["thread", "created_at", "pk"]

    def __str__(self):
        return self.body[:60]
