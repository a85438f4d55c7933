"""The directory's filters (a django-filter FilterSet, validated as a form) and the form of
what an organisation shows publicly."""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digitalees.filters import StyledFilterSet
from network.models import Organisation, Topic

from . import selectors

SEARCH_MAX_LENGTH = 200


class DirectoryFilter(StyledFilterSet):
    """Search and filters of the public directory, over public organisations. The search
    and the theme are selectors' (accents and case ignored, hidden fields never searched;
    an organisation's themes or its published experiences' topics)."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "A name, a town, words of the social purpose. Accents and capitals do not matter."
        ),
        error_messages={"max_length": _("Search with at most 200 characters.")},
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"),
        choices=Organisation.Sector.choices,
        empty_label=_("All sectors"),
        error_messages={"invalid_choice": _("Choose a sector from the list.")},
    )
    province = django_filters.ChoiceFilter(
        label=_("Province"),
        choices=Organisation.Province.choices,
        empty_label=_("All provinces"),
        error_messages={"invalid_choice": _("Choose a province from the list.")},
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Legal form"),
        choices=Organisation.LegalForm.choices,
        empty_label=_("All legal forms"),
        error_messages={"invalid_choice": _("Choose a legal form from the list.")},
    )
    theme = django_filters.ChoiceFilter(
        label=_("Digital theme"),
        method="filter_theme",
        choices=[],  # the topics, in the reader's language (__init__)
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    # Bootstrap's classes on the widgets themselves: the page lays the five fields out by
    # hand, as grants' pipeline does, not through crispy, whose rendering of them took
    # about half of the page's time (profiled, 6,600 organisations).
    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = selectors.themes() if topics is None else topics
        # Before the form is built (lazily, from the filters): it validates against these.
        self.filters["theme"].extra["choices"] = [(t.code, t.tr("name")) for t in topics]
        self.style_widgets()

    def queryset_except_province(self) -> QuerySet[Organisation]:
        """The organisations every filter but the province's selects (the map's counts):
        the filters of a valid form, applied as FilterSet.filter_queryset would."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != "province":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_theme(self, queryset, name, value):
        return selectors.with_theme(queryset, value)


class TopicsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class PublicProfileForm(forms.ModelForm):
    """What an organisation shows in the public directory: its admins choose."""

    themes = TopicsField(
        label=_("Digital themes you worked on"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_(
            "Shown on your public profile, with the themes of your published experiences; "
            "visitors filter the directory by them."
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "is_public",
            "public_social_purpose",
            "public_municipality",
            "public_website",
            "public_logo",
            "accepts_contact",
            "themes",
        ]
        labels = {"is_public": _("Show the organisation in the public directory")}
        help_texts = {
            "is_public": _(
                "Its name, legal form, sector and province are then public, with what you "
                "choose below. Off: nobody outside the organisation sees its profile."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Topic.objects.order_by("code")  # the dimensions' order
