from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from digitalees.bilingual import localised
from network.models import ExperienceItem, Organisation, Topic

Kind = ExperienceItem.Kind

# Each kind's fieldset: its legend, and the label of each of its three inputs.
ITEM_GROUPS = [
    (Kind.DIFFICULTY, _("Three difficulties to expect"), _("Difficulty %(n)s")),
    (Kind.TIP, _("Three tips to avoid them"), _("Tip %(n)s")),
    (Kind.PHASE, _("Three essential phases"), _("Phase %(n)s")),
    (Kind.TOOL, _("Three especially useful tools"), _("Tool %(n)s")),
    (Kind.KEYWORD, _("Three keywords for success"), _("Keyword %(n)s")),
]


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return localised(obj, "name")


class ExperienceForm(forms.Form):
    """The experience's structure: a title, why digitalise, three of each kind of item, a
    story (formatted text, cleaned by the service) and the digital themes concerned.
    A draft may be saved incomplete; submitting asks for everything."""

    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language of the experience"), choices=settings.LANGUAGES, initial="fr"
    )
    why = forms.CharField(
        label=_("Why digitalise as a social-economy enterprise?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In a few sentences, for an enterprise that wonders whether to start."),
    )
    story = forms.CharField(
        label=_("Your story"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Formatting allowed: paragraphs (a blank line), <strong>bold</strong>, "
            "<em>italics</em>, lists, quotes, subheadings (h3, h4) and links. "
            "Anything else is removed."
        ),
    )
    topics = TopicChoiceField(
        label=_("Digital themes concerned"),
        queryset=Topic.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, _legend, label in ITEM_GROUPS:
            for n in range(1, ExperienceItem.PER_KIND + 1):
                self.fields[f"{kind}_{n}"] = forms.CharField(
                    label=label % {"n": n}, max_length=300, required=False
                )

    def groups(self):
        """[(legend, [bound fields])] for the template's fieldsets."""
        return [
            (
                legend,
                [self[f"{kind}_{n}"] for n in range(1, ExperienceItem.PER_KIND + 1)],
            )
            for kind, legend, _label in ITEM_GROUPS
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "language": data["language"],
            "why": data["why"],
            "story": data["story"],
            "topics": list(data["topics"]),
            "items": {
                kind.value: [
                    data.get(f"{kind}_{n}", "") for n in range(1, ExperienceItem.PER_KIND + 1)
                ]
                for kind, _legend, _label in ITEM_GROUPS
            },
        }


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, 8 MB at most. Location and camera details are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Description for people who cannot see it"),
        max_length=250,
        help_text=_("What the photo shows, in one sentence."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)


class RemarksForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks for the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to send back, refuse or unpublish; optional to publish."),
    )


class ExperienceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("All sectors")), *Organisation.Sector.choices],
    )
    tool = forms.CharField(label=_("Tool"), required=False, max_length=300)
    keyword = forms.CharField(label=_("Keyword"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *((t.code, localised(t, "name")) for t in Topic.objects.order_by("code")),
        ]
