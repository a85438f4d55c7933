"""Forms of the network's events: they validate input; the services decide
(network.events.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import AttendanceStatus, Event, EventMessage, EventQuestion, Topic
from .services import question_options

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TopicChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class TopicFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class EventForm(forms.ModelForm):
    topics = TopicChoiceField(
        label=_("Digital themes"), queryset=Topic.objects.all(), required=False
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "online_url",
            "capacity",
            "registration_closes_at",
            "topics",
            "is_published",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_closes_at": DATETIME,
            "description_fr": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "capacity": _("Empty: no limit."),
            "title_en": _("Optional: the French title is shown otherwise."),
            "description_en": _("Optional: the French description is shown otherwise."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        closes = data.get("registration_closes_at")
        if starts and closes and closes > starts:
            self.add_error(
                "registration_closes_at", _("Registration must close before the event starts.")
            )
        return data


class QuestionForm(forms.ModelForm):
    class Meta:
        model = EventQuestion
        fields = ["label_fr", "label_en", "kind", "options", "required", "position"]
        widgets = {"options": forms.Textarea(attrs={"rows": 3})}


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("event", "Kind"),
        choices=[("", _("All kinds of event"))] + Event.Kind.choices,
        required=False,
    )
    theme = TopicFilterField(
        label=_("Digital theme"),
        queryset=Topic.objects.all(),
        to_field_name="code",
        empty_label=_("All themes"),
        required=False,
    )


def _question_field(question: EventQuestion) -> forms.Field:
    label, required = question.label, question.required
    if question.kind == EventQuestion.Kind.LONG_TEXT:
        return forms.CharField(
            label=label,
            required=required,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    if question.kind == EventQuestion.Kind.CHOICE:
        options = question_options(question)
        choices = [(o, o) for o in options]
        if not required:
            choices = [("", "—")] + choices
        return forms.ChoiceField(label=label, required=required, choices=choices)
    if question.kind == EventQuestion.Kind.CHECKBOX:
        return forms.BooleanField(label=label, required=required)
    return forms.CharField(label=label, required=required, max_length=300)


class RegistrationForm(forms.Form):
    """Who registers (a visitor types it; a member's comes from their account) and the
    event's questions, each a field `question_<pk>`."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, *args, event, memberships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = memberships is not None
        if self.member:
            for name in ("first_name", "last_name", "email", "organisation_name"):
                del self.fields[name]
            self.organisations = {str(m.organisation.pk): m.organisation for m in memberships}
            self.fields["organisation"].choices = [("", _("None (in my own name)"))] + [
                (pk, org.name) for pk, org in self.organisations.items()
            ]
            if len(self.organisations) == 1:
                self.fields["organisation"].initial = next(iter(self.organisations))
        else:
            del self.fields["organisation"]
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _question_field(question)

    def answers(self) -> dict[int, str]:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}")
            if question.kind == EventQuestion.Kind.CHECKBOX:
                value = "yes" if value else ""
            answers[question.pk] = value or ""
        return answers

    def chosen_organisation(self):
        return self.organisations.get(self.cleaned_data.get("organisation") or "")


class AttendanceForm(forms.Form):
    """One choice per confirmed registration: the whole list in one form."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.full_name,
                choices=AttendanceStatus.choices,
                required=False,
                initial=registration.attendance,
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [(registration, self[f"r{registration.pk}"]) for registration in self.registrations]

    def attendance(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data.get(f"r{r.pk}") or "" for r in self.registrations}


class EventMessageForm(forms.ModelForm):
    class Meta:
        model = EventMessage
        fields = ["audience", "subject", "body"]
        widgets = {
            "audience": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
        }
