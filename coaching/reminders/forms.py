from django import forms
from django.utils.translation import gettext_lazy as _


class ReminderSettingsForm(forms.Form):
    ON, OFF = "on", "off"

    reminders = forms.ChoiceField(
        label=_("Reminder e-mails"),
        choices=[
            (
                ON,
                _(
                    "Send me reminders: actions due or overdue, sessions and intervisions "
                    "coming, and for coaches the weekly digest"
                ),
            ),
            (OFF, _("Send me no reminders")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you want reminder e-mails.")},
        help_text=_(
            "Other e-mails (invitations, reports, the programme's decisions) are sent either way."
        ),
    )

    @property
    def enabled(self) -> bool:
        return self.cleaned_data["reminders"] == self.ON
