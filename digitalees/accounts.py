"""allauth's sign-up and password-reset forms, narrowed so that nobody can squat someone
else's address.

With ACCOUNT_CHANGE_EMAIL an account has one address; a new one it asks for waits,
unverified, until its owner clicks the link sent to it. allauth still counts such a waiting
address as taken (the real owner's sign-up only gets an "account already exists" e-mail) and
sends a password reset for the account that asked for it. Here an address belongs to the
account whose own address it is (its primary one) or that has verified it, and to no other.
"""

from allauth.account.forms import ResetPasswordForm, SignupForm
from allauth.account.models import EmailAddress
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


def user_display(user) -> str:
    """ACCOUNT_USER_DISPLAY: allauth's pages and e-mails name people as ours do."""
    return user.display_name


def holds_address(user, email: str) -> bool:
    """Whether `email` is `user`'s own address, not one they asked for and never verified."""
    email = email.strip().casefold()
    if user.email.casefold() == email:
        return True
    return any(
        address.email.casefold() == email
        for address in EmailAddress.objects.filter(user=user, verified=True)
    )


def _address_held(email: str) -> bool:
    """Whether some account holds `email` (see holds_address)."""
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )


def _name_field(label) -> forms.CharField:
    # As long as the User columns (AbstractUser's 150 characters).
    return forms.CharField(label=label, max_length=150)


class NoSquatSignupForm(SignupForm):
    """Sign-up asks for a name: people show by name (User.display_name), not by address.
    allauth's adapter stores first_name and last_name from the cleaned data. An invitation's
    link to this page carries the invited address (?email=, which allauth's view prefills)."""

    first_name = _name_field(_("First name"))
    last_name = _name_field(_("Last name"))
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def _clean_name(self, field: str) -> str:
        value = " ".join(self.cleaned_data[field].split())
        if not value:
            raise forms.ValidationError(self.fields[field].error_messages["required"])
        return value

    def clean_first_name(self) -> str:
        return self._clean_name("first_name")

    def clean_last_name(self) -> str:
        return self._clean_name("last_name")

    def validate_unique_email(self, value) -> str:
        email = super().validate_unique_email(value)
        if self.account_already_exists and not _address_held(email):
            # Only someone else's unverified request for it: its owner may sign up.
            self.account_already_exists = False
        return email


class NoSquatResetPasswordForm(ResetPasswordForm):
    def clean_email(self) -> str:
        email = super().clean_email()
        # A reset goes to an account only through its own address.
        self.users = [user for user in self.users if holds_address(user, email)]
        return email
