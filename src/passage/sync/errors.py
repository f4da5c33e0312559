"""The sync errors that the Posts page (HQ) and a post's Synchronisation page show, in the
reader's language.

They are stored as the English text they were raised with (``PostLink.last_error``,
``Node.last_error``, ``Node.post_error`` as a post reports it, possibly from an older
Passage), so they are recognised by their template (``passage.core.text.recognise``) and
translated by it; HQ's reason quoted inside a post's error is recognised in turn. A text
that fits no template (an operating system's words, a newer post's message) is shown as
it is. Keep each template here the same as the sentence where it is raised.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from passage.core.text import recognise

TEMPLATES = (
    # What a post reports of its last round (``SyncClient._report``); before the parts.
    N_("push: {detail}; pull: {reason}"),
    N_("push: {detail}"),
    N_("pull: {detail}"),
    # The post's client (sync/client.py).
    N_("HQ unreachable at {url}: {reason}"),
    N_("HQ refused ({status}): {detail}"),
    N_("HQ refused the batch: {detail}"),
    N_("HQ's answer is not signed with this post's key: not applied"),
    N_("HQ does not compare chains (an older Passage)"),
    N_(
        "the chains DISAGREE: HQ holds this post's chain up to #{seq}, and this post's "
        "event #{seq} is missing (restored from a backup? run `passage sync`)"
    ),
    N_(
        "the chains DISAGREE: HQ holds this post's chain up to #{seq}, and this post's "
        "event #{seq} is another one (restored from a backup? run `passage sync`)"
    ),
    N_(
        "this post was restored from a backup ({why}; its outbox ends at #{head}): sending "
        "stopped until it takes its history back from HQ (docs/operations.md)"
    ),
    N_(
        "this post was restored from a backup and cannot take its history back from HQ: "
        "{reason}. Sending stays stopped; see docs/operations.md"
    ),
    N_(
        "HQ acknowledges #{acked} but this post's outbox ends at #{head}: was this post "
        "restored from an old backup? See docs/operations.md"
    ),
    N_("this post has not joined HQ: run `passage sync join` first"),
    # HQ's refusals (sync/views.py, signing.py, inbox.py), which a post quotes.
    N_("this node's access has been revoked at HQ"),
    N_("unknown node: enrol this post at HQ first"),
    N_("bad signature: wrong key, or the request was altered"),
    N_("unsigned request: timestamp, nonce, digest and signature required"),
    N_("body digest mismatch: the batch was altered or truncated in transit"),
    N_("replayed request: this nonce was already used"),
    N_("replayed request: older than requests this post has already sent"),
    N_("more than {limit} unsigned or badly signed requests a minute: wait"),
    N_("request body larger than {limit} bytes"),
    N_("unknown crossing point {code}: add it at HQ, then resync"),
    N_("record for crossing point {code}: this node is enrolled for {enrolled} only"),
    N_("user {username} ({pk}) is unknown at this post"),
)
NESTED = ("detail", "reason")


def recognised(message: str) -> str:
    """``message`` as a ``Text`` when Passage wrote it from one of ``TEMPLATES``."""
    return recognise(message, TEMPLATES, NESTED) if message else message
