"""Writes of calls beyond the core's (grants.services: call_create, call_update,
call_publish): the call's weighted review criteria."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Call, Criterion
from .selectors import has_submitted_reviews

MIN_WEIGHT, MAX_WEIGHT = 1, 100


@dataclass(frozen=True)
class CriterionInput:
    """One criterion as the form gives it: `pk` None for a new one; the list's order is the
    criteria's order."""

    title_fr: str
    title_en: str
    weight: int
    description_fr: str = ""
    description_en: str = ""
    pk: int | None = None


def criteria_check(criteria: Sequence[CriterionInput]) -> None:
    errors = []
    for n, criterion in enumerate(criteria, start=1):
        if not criterion.title_fr.strip() or not criterion.title_en.strip():
            errors.append(_("Criterion %(n)s: give its title in French and in English.") % {"n": n})
        if not MIN_WEIGHT <= criterion.weight <= MAX_WEIGHT:
            errors.append(
                _("Criterion %(n)s: the weight must be between %(min)s and %(max)s.")
                % {"n": n, "min": MIN_WEIGHT, "max": MAX_WEIGHT}
            )
    if errors:
        raise ValidationError(errors)


def criteria_save(call: Call, *, criteria: Sequence[CriterionInput]) -> list[Criterion]:
    """Replace the call's criteria by `criteria`, in that order: those with a `pk` are
    updated, the others added, the call's criteria not in the list removed.

    Refused once a review was submitted on one of the call's applications (its scores
    refer to the criteria and their weights), and for a published call left without any."""
    criteria_check(criteria)
    with transaction.atomic():
        # The call's row, locked: two staff saving at once do not interleave.
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if has_submitted_reviews(locked):
            raise ValidationError(
                _("A review has been submitted on this call: its criteria can no longer change."),
                code="reviewed",
            )
        if locked.is_published and not criteria:
            raise ValidationError(
                _("A published call keeps at least one review criterion."), code="empty"
            )
        existing = {c.pk: c for c in Criterion.objects.filter(call=locked)}
        unknown = [c.pk for c in criteria if c.pk is not None and c.pk not in existing]
        if unknown:
            raise ValidationError(
                _("These criteria were removed meanwhile: reload the page."), code="stale"
            )
        kept = {c.pk for c in criteria if c.pk is not None}
        Criterion.objects.filter(call=locked).exclude(pk__in=kept).delete()
        saved = []
        for position, data in enumerate(criteria):
            row = existing.get(data.pk) if data.pk is not None else Criterion(call=locked)
            assert row is not None
            row.title_fr = data.title_fr.strip()
            row.title_en = data.title_en.strip()
            row.description_fr = data.description_fr.strip()
            row.description_en = data.description_en.strip()
            row.weight = data.weight
            row.position = position
            row.save()
            saved.append(row)
    return saved
