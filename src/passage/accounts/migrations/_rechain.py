"""The chain rule of decision 0120 as migrations 0004 (accounts) and 0004 (sync) apply it.

Frozen here rather than imported from ``passage.accounts.audit`` so that the migrations
keep meaning what they did when the live rule moves on.
"""

import datetime as dt
import hashlib
import json

ENVELOPE = (
    "actor_id",
    "actor_name",
    "request_id",
    "source_ip",
    "action",
    "object_type",
    "object_id",
)
PAYLOAD = ("object_repr", "data", "message")


def dumps(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def rechain(events, prev_hash):
    """Yield ``(event, digest, prev_hash, hash)`` for events in ``seq`` order."""
    for event in events:
        digest = hashlib.sha256(
            dumps({name: getattr(event, name) for name in PAYLOAD}).encode()
        ).hexdigest()
        at = event.at.astimezone(dt.UTC).isoformat(timespec="microseconds")
        chained = {
            "seq": event.seq,
            "at": at,
            **{name: getattr(event, name) for name in ENVELOPE},
            "payload": digest,
        }
        new_hash = hashlib.sha256((prev_hash + dumps(chained)).encode()).hexdigest()
        yield event, digest, prev_hash, new_hash
        prev_hash = new_hash


