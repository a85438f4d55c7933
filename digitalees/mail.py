"""Every e-mail is three templates (subject, plain text, HTML) sent through one helper."""

import sys

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    *, template: str, to: list[str], context: dict, language: str | None = None
) -> int:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html`, and send.

    `language` is the recipient's; mail sent from a task has no request to take it from.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(subject=subject, body=text, to=to)
    message.attach_alternative(html, "text/html")
    return message.send()


class FileAndConsoleBackend(BaseEmailBackend):
    """Development default: each message goes to var/mail/ and to the console."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        settings.EMAIL_FILE_PATH.mkdir(parents=True, exist_ok=True)
        self.file = FileBackend(
            fail_silently=fail_silently, file_path=str(settings.EMAIL_FILE_PATH), **kwargs
        )
        self.console = ConsoleBackend(fail_silently=fail_silently, stream=sys.stdout, **kwargs)

    def send_messages(self, email_messages):
        self.console.send_messages(email_messages)
        return self.file.send_messages(email_messages)
