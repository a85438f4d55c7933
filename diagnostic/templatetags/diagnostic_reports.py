from django import template

register = template.Library()


@register.filter
def emails_reader(report, user) -> bool:
    """{% if report|emails_reader:request.user %}: whether this reader gets the link of the
    report being prepared by e-mail. An account when its address asked for it; a visitor
    when an address was given, since only they see their own diagnostic's report."""
    if getattr(user, "is_authenticated", False):
        return report.emails(user.email)
    return bool(report.assessment_id and report.notify_emails)
