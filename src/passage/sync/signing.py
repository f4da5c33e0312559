"""Signed requests between a post and HQ (HMAC-SHA256 with a per-node key).

A request carries the node id, a Unix timestamp, a random nonce and the SHA-256 of its
body; the signature covers all of them with the method and path::

    signature = HMAC-SHA256(key, "METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nSHA256(body)[\\nREPORT]")

``REPORT`` is the post's report (``X-Passage-Report``: its outbox head, its clock's
offset from HQ's, its last errors, as ASCII JSON); when sent it is signed with the rest,
so HQ's status pages show only what the post itself said (decision 0116).

HQ refuses a request outside ``CLOCK_SKEW`` of its clock, a nonce it has seen inside
that window, a body whose digest differs, and a revoked node. HQ's answer is signed the
same way over the request's nonce, the status and the answer's body, so a post knows
the reference data and acknowledgements it applies came from HQ. TLS (the reverse
proxy) protects confidentiality; the signatures do not depend on it.

Replays (decision 0112). A post's nonce begins with its request counter,
``"<counter>.<random hex>"``: a number that only grows at the post (the larger of the
last one plus one and the post's clock in milliseconds, so a post restored from a
backup still counts upwards). HQ keeps the highest counter each node has used (with
the used nonces, ``SeenNonce.counter``; the highest is never forgotten) and refuses a
request more than ``COUNTER_WINDOW`` below it, whatever its nonce; inside the window (pipelined requests may arrive out of order)
the used-nonce table decides. A restore of HQ's database loses used nonces and rolls
the counter back to the backup's, but the post's next request moves it past every
request captured before: from then on those are refused. Pushes are also bound to
the post's outbox sequence and the batch's content: a batch at a place HQ holds must
carry the audit events HQ holds there (``inbox.receive``), so a replayed or restored
batch never stores anything twice or differently.

Node keys are derived, not stored: ``HMAC-SHA256(master, "passage-sync-node|id|generation")``
(docs/decisions/0025-derived-node-keys.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from django.conf import settings

NODE = "X-Passage-Node"
TIMESTAMP = "X-Passage-Timestamp"
NONCE = "X-Passage-Nonce"
DIGEST = "X-Passage-Digest"
SIGNATURE = "X-Passage-Signature"
HEAD = "X-Passage-Outbox-Head"  # sent for HQs of before the report; HQ no longer reads it
REPORT = "X-Passage-Report"
MAX_REPORT = 4096  # characters of the report header
CLOCK_SKEW = 300  # seconds either way
# Milliseconds a request's counter may lie below the highest seen (requests in flight
# at once from one post reach HQ within this of each other).
COUNTER_WINDOW = 60_000


def master_key() -> bytes:
    """``PASSAGE_SYNC_MASTER_KEY``, or a random key kept in ``var/sync_master_key`` (HQ)."""
    if value := os.environ.get("PASSAGE_SYNC_MASTER_KEY", ""):
        return value.encode()
    path = Path(settings.VAR_DIR) / "sync_master_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it first
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def node_key(node_id: str, generation: int) -> str:
    digest = hmac.new(
        master_key(), f"passage-sync-node|{node_id}|{generation}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def fingerprint(key: str) -> str:
    """A short, non-secret identifier of a key, to compare what a post holds."""
    return hashlib.sha256(("fingerprint|" + key).encode()).hexdigest()[:16]


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _mac(key: str, text: str) -> str:
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def request_signature(
    key: str, method: str, path: str, timestamp: str, nonce: str, digest: str, report: str = ""
) -> str:
    parts = [method.upper(), path, timestamp, nonce, digest]
    if report:
        parts.append(report)
    return _mac(key, "\n".join(parts))


def response_signature(key: str, nonce: str, status: int, digest: str) -> str:
    return _mac(key, "\n".join(["response", nonce, str(status), digest]))


def sign_request(
    node_id: str,
    key: str,
    method: str,
    path: str,
    body: bytes,
    *,
    now: float | None = None,
    counter: int | None = None,
    report: str = "",
) -> dict[str, str]:
    timestamp = str(int(time.time() if now is None else now))
    nonce = secrets.token_hex(16) if counter is None else f"{counter}.{secrets.token_hex(16)}"
    digest = body_digest(body)
    headers = {
        NODE: node_id,
        TIMESTAMP: timestamp,
        NONCE: nonce,
        DIGEST: digest,
        SIGNATURE: request_signature(key, method, path, timestamp, nonce, digest, report),
    }
    if report:
        headers[REPORT] = report
    return headers


def next_counter(last: int, now: float | None = None) -> int:
    """The post's next request counter: above the last one and not behind its clock."""
    return max(last + 1, int((time.time() if now is None else now) * 1000))


def nonce_counter(nonce: str) -> int | None:
    """The request counter a nonce begins with, or None (a post from before counters)."""
    head, dot, _rest = nonce.partition(".")
    return int(head) if dot and head.isdigit() and len(head) <= 18 else None


class Refusal(Exception):
    """Why a request or batch was refused; ``status`` is the HTTP status to answer with.

    Refusal
    ├── Unauthenticated   not shown to be a fresh request of the node it names (no or a
    │                     bad signature, unknown node, replayed nonce, altered body):
    │                     counted and audited per address and window, never per request
    └── StaleClock        signed by the node but outside HQ's clock window: answered
                          signed, with HQ's time, so that the post can correct for it
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Unauthenticated(Refusal):
    """Anyone can send this; it says nothing about the node it names (decision 0116)."""


class StaleClock(Unauthenticated):
    """Signed with the node's key, but its timestamp is outside ``CLOCK_SKEW`` of HQ's
    clock: a post whose clock is wrong, or an old request replayed."""

    def __init__(self, status: int, message: str, nonce: str, timestamp: int) -> None:
        super().__init__(status, message)
        self.nonce, self.timestamp = nonce, timestamp


def check_request(
    key: str, method: str, path: str, headers: dict[str, str], body: bytes, now: float
) -> str:
    """Verify a request's digest, signature and clock; return its nonce or raise
    :class:`Unauthenticated` (or :class:`StaleClock`)."""
    timestamp, nonce = headers.get(TIMESTAMP, ""), headers.get(NONCE, "")
    signature, digest = headers.get(SIGNATURE, ""), headers.get(DIGEST, "")
    report = headers.get(REPORT, "")
    if not (timestamp.isdigit() and nonce and signature and digest):
        raise Unauthenticated(
            401, "unsigned request: timestamp, nonce, digest and signature required"
        )
    if len(nonce) > 64 or len(timestamp) > 12 or len(report) > MAX_REPORT:
        raise Unauthenticated(401, "nonce, timestamp or report too long")
    if not hmac.compare_digest(digest, body_digest(body)):
        raise Unauthenticated(
            400, "body digest mismatch: the batch was altered or truncated in transit"
        )
    expected = request_signature(key, method, path, timestamp, nonce, digest, report)
    if not hmac.compare_digest(expected, signature):
        raise Unauthenticated(401, "bad signature: wrong key, or the request was altered")
    if abs(now - int(timestamp)) > CLOCK_SKEW:
        raise StaleClock(
            401,
            f"timestamp outside ±{CLOCK_SKEW} s of HQ's clock: check the clock",
            nonce,
            int(timestamp),
        )
    return nonce
