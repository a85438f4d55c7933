from celery import shared_task

from .mail import send_templated_mail


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=60, soft_time_limit=45
)
def send_mail_task(*, template: str, to: list[str], context: dict, language: str | None = None):
    """Send one templated e-mail from a worker. The context must be JSON-serialisable."""
    return send_templated_mail(template=template, to=to, context=context, language=language)
