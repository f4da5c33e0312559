"""Decision 0120: the audit chain covers a digest of each event's personal payload.

Existing events are re-chained under the new rule (their content is unchanged; their
``hash`` and ``prev_hash`` change), and the head under the old rule is kept on the head
row so that an anchor taken before the migration can still be compared. The rule is
written out in ``_rechain.py``, not imported from ``audit``, so that these migrations
keep meaning what they did.
Migration sync/0004 re-chains HQ's copies of the posts' chains by the same rule, so post
and HQ arrive at the same hashes independently.
"""

from django.db import migrations, models

from passage.accounts.migrations._rechain import rechain

def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    AuditChainHead = apps.get_model("accounts", "AuditChainHead")
    head = AuditChainHead.objects.filter(pk=1).first()
    batch = []
    prev = "0" * 64
    for event, digest, prev, new_hash in rechain(
        AuditEvent.objects.order_by("seq").iterator(chunk_size=2000), "0" * 64
    ):
        event.payload_digest, event.prev_hash, event.hash = digest, prev, new_hash
        prev = new_hash
        batch.append(event)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["payload_digest", "prev_hash", "hash"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["payload_digest", "prev_hash", "hash"])
    if head is not None and head.last_seq:
        head.legacy_seq, head.legacy_hash = head.last_seq, head.last_hash
        head.last_hash = prev
        head.save(update_fields=["legacy_seq", "legacy_hash", "last_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_action_without_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditchainhead",
            name="legacy_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="legacy_seq",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="payload_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="purged_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
