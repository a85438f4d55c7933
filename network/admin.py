from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import services
from .models import CoachAssignment, Invitation, Membership, Organisation, Resource, Topic


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class CoachAssignmentInline(admin.TabularInline):
    model = CoachAssignment
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["coach"]
    exclude = ["assigned_by"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "enterprise_number",
        "legal_form",
        "sector",
        "postcode",
        "municipality",
        "province",
        "is_public",
    ]
    list_filter = ["province", "legal_form", "sector", "size_band", "is_public"]
    search_fields = ["name", "enterprise_number", "municipality", "postcode"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, CoachAssignmentInline]

    def save_model(self, request, obj, form, change):
        # An edit goes through the service, like the profile page's: the other apps hear
        # what changed (a new sector moves the organisation to another peer group). A new
        # organisation has no results yet: nothing to tell.
        if change:
            services.organisation_update(organisation=obj)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_en"]
    search_fields = ["code", "name_fr", "name_en"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    """The resource library. Its edits reach the results pages' recommendations at once
    (network.receivers renews the library's cache version)."""

    list_display = ["title_fr", "kind", "language", "is_published", "opens"]
    list_filter = ["kind", "language", "is_published", "topics"]
    search_fields = ["slug", "title_fr", "title_en"]
    prepopulated_fields = {"slug": ["title_fr"]}
    filter_horizontal = ["topics"]
    # An address typed without its scheme is https (and Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["slug", "kind", "language", "topics", "is_published"]}),
        (_("French"), {"fields": ["title_fr", "summary_fr", "body_fr"]}),
        (_("English"), {"fields": ["title_en", "summary_en", "body_en"]}),
        (_("Where it opens"), {"fields": ["url", "file"]}),
    ]

    @admin.display(boolean=True, description=_("opens something"))
    def opens(self, obj):
        return bool(obj.link)
