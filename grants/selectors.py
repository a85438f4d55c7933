"""Reads of grants' core: an application's page (its budget, documents, timeline) and the
lists the other parts build on. Each part (calls, apply, decisions, review, payments,
pipeline) keeps its own reads in its folder's `selectors.py`."""

from dataclasses import dataclass

from .models import Application, StatusChange


@dataclass(frozen=True)
class TimelineEntry:
    change: StatusChange
    comment: str
    internal_comment: str  # empty unless the reader is agency staff


def timeline(application: Application, *, internal: bool) -> list[TimelineEntry]:
    """Every move of the application, oldest first; internal comments only for `internal`
    readers (agency staff)."""
    changes = StatusChange.objects.filter(application=application).select_related("by")
    return [
        TimelineEntry(
            change=change,
            comment=change.comment,
            internal_comment=change.internal_comment if internal else "",
        )
        for change in changes
    ]


def budget_of(application: Application):
    """The budget's lines with their category and action, in order (one query)."""
    return list(application.budget_lines.select_related("category", "action"))


def attachments_of(application: Application):
    return list(application.attachments.select_related("document_type"))
