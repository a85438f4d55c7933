from django import template

from ..access import ACCESS_MAX_AGE

register = template.Library()


@register.filter
def emails_reader(report, user) -> bool:
    """{% if report|emails_reader:request.user %}: whether this reader gets the link of the
    report being prepared by e-mail. An account when its address asked for it; a visitor
    when an address was given, since only they see their own diagnostic's report."""
    if getattr(user, "is_authenticated", False):
        return report.emails(user.email)
    return bool(report.assessment_id and report.notify_emails)


@register.simple_tag
def access_link_days() -> int:
    """{% access_link_days as days %}: for how many days a visitor's e-mailed access link
    opens their results (the figure the e-mail gives too)."""
    return ACCESS_MAX_AGE.days
