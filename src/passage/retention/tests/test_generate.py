"""The retention generator writes what the bench and the kill test rely on: records that
fall due together and audit events chained onto the log by the live rule."""

from __future__ import annotations

import pytest

from passage.accounts import audit
from passage.accounts.models import AuditEvent
from passage.crossings.models import Crossing

from .generate import due_population, due_population_fast

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("generate", [due_population, due_population_fast])
def test_generated_events_extend_the_chain_that_verifies(personas, generate):
    before = AuditEvent.objects.count()
    written = generate(7, personas.officer, personas.post)
    assert written == 14 == Crossing.objects.count()
    events = AuditEvent.objects.filter(object_type="crossings.crossing").order_by("seq")
    assert AuditEvent.objects.count() == before + 14 == events.last().seq
    assert {e.object_id for e in events} == {str(c.pk) for c in Crossing.objects.all()}
    result = audit.verify()
    assert result.ok, result.reason
    assert result.checked == before + 14
