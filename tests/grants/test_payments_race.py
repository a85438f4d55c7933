"""Two staff recording the balance at the same moment, each on its own connection: the
application's row lock makes the second wait for the first, then refuse the same tranche."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from grants import services
from grants.models import Payment, Status
from tests.conftest import agency_with_mfa
from tests.factories import OrganisationFactory
from tests.grants.payments_factories import check_all, reported


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_balances_recorded_at_once_pay_it_once(published_questionnaire, monkeypatch):
    application = reported(OrganisationFactory())
    check_all(application)
    both_checked = threading.Barrier(2, timeout=20)
    real_lock = services.lock

    def lock_once_both_checked(app):
        both_checked.wait()  # both have checked the input, neither holds the row yet
        return real_lock(app)

    monkeypatch.setattr(services, "lock", lock_once_both_checked)
    paid, refused, errors = [], [], []

    def record(staff, reference):
        try:
            paid.append(
                services.payment_record(
                    application,
                    by=staff,
                    kind=Payment.Kind.BALANCE,
                    amount=Decimal("4840.00"),
                    paid_on=timezone.localdate(),
                    reference=reference,
                )
            )
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    people = [agency_with_mfa(), agency_with_mfa()]
    threads = [
        threading.Thread(target=record, args=(staff, f"VIR-{n}")) for n, staff in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(paid) == 1
    assert refused == ["Le solde a déjà été enregistré."]
    assert application.payments.filter(kind=Payment.Kind.BALANCE).count() == 1
    application.refresh_from_db()
    assert application.status == Status.CLOSED
