"""A service's refusal (a ValidationError) shown to the user: as one message, or on the form
whose input it refused, under the field it names."""

from django import forms
from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when it names one the form has."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
