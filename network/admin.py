from django.contrib import admin

from . import services
from .models import CoachAssignment, Invitation, Membership, Organisation


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
