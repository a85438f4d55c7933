"""Forms of sessions and intervisions: they check the input's shape; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Attendance
from .services import MAX_DURATION, QUESTION_MAX_LENGTH, RECORDED, SUMMARY_MAX_LENGTH


class DateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Give the date and time."),
                "invalid": _("Enter a date and time such as 2026-03-31 14:00."),
            },
        )
        super().__init__(**kwargs)


# Messages with a figure, translated when shown (a lazy string's `%` would translate at
# import time, in the default language).
DURATION_RANGE = lazy(
    lambda: gettext("A duration is from 1 to %(max)s minutes.") % {"max": MAX_DURATION}, str
)()
SUMMARY_TOO_LONG = lazy(
    lambda: gettext("A summary has at most %(max)s characters.") % {"max": SUMMARY_MAX_LENGTH},
    str,
)()
QUESTION_TOO_LONG = lazy(
    lambda: gettext("A question has at most %(max)s characters.") % {"max": QUESTION_MAX_LENGTH},
    str,
)()


def _duration_field(initial: int):
    return forms.IntegerField(
        label=_("Duration (minutes)"),
        initial=initial,
        min_value=1,
        max_value=MAX_DURATION,
        error_messages={
            "required": _("Give the duration in minutes."),
            "invalid": _("The duration is a number of minutes."),
            "min_value": DURATION_RANGE,
            "max_value": DURATION_RANGE,
        },
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.display_name


class SessionForm(forms.Form):
    coach = UserChoiceField(
        label=_("Coach"),
        queryset=None,
        error_messages={
            "required": _("Choose the coach who led the session."),
            "invalid_choice": _("Choose one of the enterprise's coaches."),
        },
    )
    starts_at = DateTimeField(
        label=_("Date and time"),
        help_text=_("A session in the future is a planned one: its participants are reminded."),
    )
    duration_minutes = _duration_field(90)
    topics = forms.CharField(
        label=_("Topics"),
        max_length=300,
        error_messages={
            "required": _("Say what the session was about."),
            "max_length": _("Topics have at most 300 characters."),
        },
    )
    shared_notes = forms.CharField(
        label=_("Notes shared with the enterprise"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The enterprise's members read these."),
    )
    private_notes = forms.CharField(
        label=_("Private coach notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the enterprise's coaches and the agency read these, never the enterprise."
        ),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line; each can then become an action of the plan."),
    )
    participants = UserMultipleChoiceField(
        label=_("Participants from the enterprise"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Who takes part for the enterprise: they get a reminder before a planned session."
        ),
        error_messages={
            "invalid_choice": _("Choose the participants among the enterprise's members.")
        },
    )

    def __init__(self, *args, coaches, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["participants"].queryset = members


class IntervisionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Give the intervision a title."),
            "max_length": _("A title has at most 200 characters."),
        },
    )
    starts_at = DateTimeField(label=_("Date and time"))
    duration_minutes = _duration_field(180)
    location = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("An address, or the link of an online meeting."),
        error_messages={"max_length": _("A place has at most 200 characters.")},
    )
    description = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class InviteForm(forms.Form):
    """Whom to invite: whole teams (every member of the chosen enterprises) and chosen
    people; by default, every member of every enrolled enterprise."""

    EVERYONE = "everyone"
    CHOSEN = "chosen"

    who = forms.ChoiceField(
        label=_("Whom to invite"),
        choices=[
            (EVERYONE, _("Every member of every enterprise of the cohort")),
            (CHOSEN, _("The enterprises and people ticked below")),
        ],
        initial=EVERYONE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose whom to invite from the list.")},
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Whole teams"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every member of each enterprise ticked."),
        error_messages={"invalid_choice": _("Choose enterprises of the cohort.")},
    )
    users = UserMultipleChoiceField(
        label=_("People"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose people of the cohort's enterprises.")},
    )

    def __init__(self, *args, organisations, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations
        self.fields["users"].queryset = users

    def clean(self):
        data = super().clean()
        if data.get("who") == self.CHOSEN and not (data.get("organisations") or data.get("users")):
            raise ValidationError(_("Tick at least one enterprise or one person to invite."))
        return data


class AttendanceForm(forms.Form):
    """One choice per invitation (field `attendance-<invitation id>`), all in one form."""

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in Attendance.choices if value in RECORDED]
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"attendance-{invitation.pk}"] = forms.ChoiceField(
                label=invitation.user.display_name,
                choices=choices,
                initial=invitation.attendance if invitation.attendance in RECORDED else None,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose present, absent or excused."),
                    "invalid_choice": _("Choose present, absent or excused."),
                },
            )

    def attendance(self) -> dict[int, str]:
        return {
            invitation.pk: self.cleaned_data[f"attendance-{invitation.pk}"]
            for invitation in self.invitations
        }

    def unknown_invitations(self) -> bool:
        """The form names an invitation that is not one of the intervision's."""
        known = {f"attendance-{i.pk}" for i in self.invitations}
        return any(key.startswith("attendance-") and key not in known for key in (self.data or {}))

    def rows(self):
        for invitation in self.invitations:
            yield invitation, self[f"attendance-{invitation.pk}"]


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary shared with the cohort"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What was discussed and decided. Everyone invited is e-mailed when it is first shared."
        ),
        error_messages={
            "required": _("Write the summary to share."),
            "max_length": SUMMARY_TOO_LONG,
        },
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write your question."),
            "max_length": QUESTION_TOO_LONG,
        },
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        required=False,
        help_text=_(
            "Your name is not kept with the question: nobody, the coaches included, can tell "
            "who asked it."
        ),
    )

    def __init__(self, *args, themes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("No particular theme")), *themes.items()]


class TakenUpForm(forms.Form):
    taken_up = forms.BooleanField(required=False)
