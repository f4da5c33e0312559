"""Decision 0120: HQ's copies of the posts' audit chains, and the audit events a post
still has to send, follow the chain rule over payload digests.

HQ re-chains each post's events by the same rule as accounts/0004, from the same content,
so it arrives at the hashes the post computes for itself; the post's queued audit rows
are rewritten from its (re-chained) audit log.
"""

import json

from django.db import migrations, models

from passage.accounts.migrations import _rechain


def forwards(apps, schema_editor):
    Node = apps.get_model("sync", "Node")
    NodeAuditEvent = apps.get_model("sync", "NodeAuditEvent")
    OutboxEvent = apps.get_model("sync", "OutboxEvent")
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    for node in Node.objects.all():
        events = NodeAuditEvent.objects.filter(node=node).order_by("seq")
        first = events.first()
        if first is None:
            continue
        # A chain HQ holds from its start begins at the genesis; one held from later
        # (a post enrolled with history) keeps the link HQ was given for its first event.
        prev = "0" * 64 if first.seq == 1 else first.prev_hash
        batch = []
        for event, digest, prev_hash, new_hash in _rechain.rechain(
            events.iterator(chunk_size=2000), prev
        ):
            event.payload_digest, event.prev_hash, event.hash = digest, prev_hash, new_hash
            prev = new_hash
            batch.append(event)
            if len(batch) >= 2000:
                NodeAuditEvent.objects.bulk_update(batch, ["payload_digest", "prev_hash", "hash"])
                batch = []
        NodeAuditEvent.objects.bulk_update(batch, ["payload_digest", "prev_hash", "hash"])
        if node.audit_head_seq:
            node.audit_head_hash = prev
            node.save(update_fields=["audit_head_hash"])
    for row in OutboxEvent.objects.filter(kind="audit").iterator(chunk_size=2000):
        event = AuditEvent.objects.filter(seq=int(row.object_id)).first()
        if event is None:
            continue
        data = json.loads(row.data)
        data.update(
            payload_digest=event.payload_digest,
            purged_on="",
            prev_hash=event.prev_hash,
            hash=event.hash,
        )
        row.data = _rechain.dumps(data)
        row.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_audit_chain_over_payload_digests"),
        ("sync", "0003_restore_recovery_replay_counter_prune"),
    ]

    operations = [
        migrations.AddField(
            model_name="nodeauditevent",
            name="payload_digest",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="nodeauditevent",
            name="purged_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="nodeauditevent",
            index=models.Index(fields=["object_id"], name="node_audit_object"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
