"""Protection notes never reach the audit log, which the data-protection officer reads
(decision 0041): audit events say what happened, the note stays in the protection record."""

from __future__ import annotations

import pytest

from passage.accounts.models import AuditEvent
from passage.protection import services
from passage.protection.choices import ReferralStatus
from passage.protection.services import ReferralInput

from .conftest import counter_post, passport
from .test_workflow import _flag

pytestmark = pytest.mark.django_db

SECRETS = (
    "disclosed trafficking by uncle",
    "insulin dependent diabetes",
    "fled forced marriage",
    "counter note: visible bruising",
)


def _all_audit_text() -> str:
    return "\n".join(
        f"{e.message}\n{e.data}\n{e.object_repr}" for e in AuditEvent.objects.order_by("seq")
    )


def test_protection_notes_stay_out_of_the_audit_log(client, protection):
    assessment = _flag(protection)
    assessment.note = ""
    referral = services.create_referral(
        protection.protection,
        assessment,
        ReferralInput(
            service="asylum",
            provider=protection.legal_provider.pk,
            consent="override",
            consent_override_reason=SECRETS[2],
        ),
    )
    services.change_status(protection.protection, referral, ReferralStatus.ACCEPTED, SECRETS[0])
    services.change_status(protection.protection, referral, ReferralStatus.DONE, SECRETS[1])
    services.close_assessment(protection.protection, assessment, SECRETS[1])
    text = _all_audit_text()
    for secret in SECRETS[:3]:
        assert secret not in text
    # The notes themselves are kept where protection officers read them.
    assert referral.events.filter(note=SECRETS[0]).exists()
    assessment.refresh_from_db()
    assert assessment.closing_note == SECRETS[1]
    # The data-protection officer sees that protection records changed, and when and by
    # whom, but not what (decision 0132): even "referral accepted" tells of a person's case.
    client.force_login(protection.dpo)
    page = client.get("/accounts/audit/").content.decode()
    assert "protection.referral" in page and "protection.assessment" in page
    assert "referral accepted" not in page and "protection flag closed" not in page
    for secret in SECRETS[:3]:
        assert secret not in page
    # A protection officer who also reads the audit log sees the messages.
    assert "referral accepted" in _all_audit_text()


def test_a_note_flagged_at_the_counter_stays_out_of_the_audit_log(client, protection):
    client.force_login(protection.officer)
    response = counter_post(
        client,
        passport(),
        "secondary",
        protection_indicators=["PR-FR"],
        protection_note=SECRETS[3],
    )
    assert response.status_code == 302, response.content[:2000]
    assert SECRETS[3] not in _all_audit_text()
    from passage.protection.models import Assessment

    assert Assessment.objects.get().note == SECRETS[3]
