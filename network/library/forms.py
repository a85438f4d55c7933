"""The library's forms: the public search and filters, the agency's list filter and its
resource form. They validate input; network.library.services decides."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from network.models import Resource, Topic

from .services import REMOVE


class ResourceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Words of the title or the summary; accents and capitals do not matter."),
    )
    topic = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("All kinds"))] + Resource.Kind.choices,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages"))] + list(settings.LANGUAGES),
        required=False,
    )

    def __init__(self, *args, topics: list[Topic], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All themes"))] + [
            (topic.code, topic.tr("name")) for topic in topics
        ]

    def filters(self) -> dict:
        """The valid filters (an invalid one is shown with its error and left out)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class StaffResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or summary"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Published or not")),
            ("published", pgettext_lazy("resource status", "Published")),
            ("unpublished", pgettext_lazy("resource status", "Not published")),
        ],
        required=False,
    )

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class ResourceForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        assume_scheme="https",
        help_text=_("Where the resource opens elsewhere (https://…), if it does."),
    )
    topics = TopicChoiceField(
        label=_("Themes"),
        queryset=Topic.objects.none(),
        help_text=_("The diagnostic's dimensions it helps with: their recommendations link to it."),
    )

    class Meta:
        model = Resource
        fields = [
            "title_fr",
            "summary_fr",
            "body_fr",
            "title_en",
            "summary_en",
            "body_en",
            "url",
            "file",
            "kind",
            "language",
            "topics",
            "is_published",
        ]
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_fr": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,.odt,.ods,.docx,.xlsx"}),
        }
        labels = {"language": _("Language of the resource")}
        help_texts = {
            "is_published": _(
                "Shown in the library and in the diagnostic's recommendations. Unticked, "
                "only agency staff see it."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()

    def _post_clean(self):
        # The resource is checked as a whole by the service (network.library.services),
        # which the view calls: the instance stays as it was read until the service changes it.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["topics"] = list(data["topics"])
        file = data.pop("file", None)
        if isinstance(file, UploadedFile):
            data["file"] = file
        elif file is False and self.instance.pk:
            data["file"] = REMOVE  # "clear" ticked
        return data
