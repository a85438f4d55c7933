"""Helpers of the apply part's tests: the POST data of each step, as the pages send it."""

from tests.grants.factories import make_draft


def project_data(application, **overrides):
    data = {
        "version": application.version,
        "title": application.title,
        "summary": "Un agenda partagé des bénévoles.",
        "objectives": "Moins de tableurs.",
        "expected_results": "Un planning en ligne.",
        "starts_on": "2026-03-01",
        "ends_on": "2026-09-30",
        "save": "",
    }
    data.update(overrides)
    return data


def budget_data(application, lines, *, requested="", initial=0, **extra):
    """`lines`: dicts of a line's fields (category, description, amount_excl_vat, vat…)."""
    data = {
        "version": application.version,
        "requested_amount": requested,
        "line-TOTAL_FORMS": len(lines),
        "line-INITIAL_FORMS": initial,
        "line-MIN_NUM_FORMS": 0,
        "line-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for i, line in enumerate(lines):
        for name, value in line.items():
            if name == "vat_recoverable" and not value:
                continue
            data[f"line-{i}-{name}"] = value
    return data


def aid_data(application, aids, *, no_aid=False, initial=0, **extra):
    data = {
        "version": application.version,
        "aid-TOTAL_FORMS": len(aids),
        "aid-INITIAL_FORMS": initial,
        "aid-MIN_NUM_FORMS": 0,
        "aid-MAX_NUM_FORMS": 1000,
        **extra,
    }
    if no_aid:
        data["no_aid"] = "on"
    for i, aid in enumerate(aids):
        for name, value in aid.items():
            data[f"aid-{i}-{name}"] = value
    return data


def empty_draft(organisation, **kwargs):
    return make_draft(organisation, complete=False, **kwargs)
