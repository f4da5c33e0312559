from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, public, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError

from . import inbox, services, signing, throttle
from .models import Node, SeenNonce
from .registry import datasets

logger = logging.getLogger(__name__)

MAX_PULL_BODY = 64 * 1024


# --- the node protocol (HQ) ----------------------------------------------------------------


class _Signed:
    """A request checked against its node's key; answers are signed with the same key."""

    def __init__(self, node: Node, key: str, nonce: str) -> None:
        self.node, self.key, self.nonce = node, key, nonce

    def answer(
        self, status: int, payload: dict[str, Any], *, compress: bool = False
    ) -> HttpResponse:
        # HQ's time, signed over the request's nonce: the post measures its clock by it.
        body = json.dumps({**payload, "hq_time": time.time()}).encode()
        response = HttpResponse(status=status, content_type="application/json")
        if compress:
            body = gzip.compress(body, compresslevel=5)
            response["Content-Encoding"] = "gzip"
        response.content = body
        response[signing.SIGNATURE] = signing.response_signature(
            self.key, self.nonce, status, signing.body_digest(body)
        )
        return response


def _refused(
    request: HttpRequest, status: int, message: str, node: Node | None = None
) -> HttpResponse:
    """Refuse a request proven to come, fresh, from ``node``: one audit event each, and
    the node's last error on the posts page (409: the post resends from HQ's point)."""
    audit.record_now(
        None,
        AuditAction.SYNC_REFUSED,
        object_type="sync.node" if node else "",
        object_id=str(node.pk) if node else "",
        details={"path": request.path, "status": status},
        message=message,
    )
    if node is not None and status != 409 and not node.revoked:  # revoked: shown as such
        Node.objects.filter(pk=node.pk).update(last_error=message[:2000])
    return HttpResponse(
        json.dumps({"error": message}), status=status, content_type="application/json"
    )


def _throttled(request: HttpRequest) -> HttpResponse | None:
    """429 for an address past its unauthenticated refusals this minute: before the body
    is read or a node looked up. Counted, audited like the refusals (per window)."""
    limit = settings.PASSAGE_SYNC_UNAUTHENTICATED_LIMIT
    if limit <= 0 or throttle.refusals(_address(request)) < limit:
        return None
    return _unauthenticated(
        request,
        signing.Unauthenticated(
            429, f"more than {limit} unsigned or badly signed requests a minute: wait"
        ),
        count=False,
    )


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _unauthenticated(
    request: HttpRequest, exc: signing.Unauthenticated, *, count: bool = True
) -> HttpResponse:
    """Refuse a request nobody is shown to have sent: counted per address and minute
    in the database, where every worker sees it (for the 429, ``throttle``; a 429 itself
    is not counted, so a flood writes nothing past the limit), audited once per address
    and window (``audit.record_anonymous``, decision 0044), and nothing of the node it
    names is touched (decision 0116)."""
    if count:
        throttle.count_refusal(_address(request))
    audit.record_anonymous(
        AuditAction.SYNC_REFUSED,
        details={
            "path": request.path,
            "status": exc.status,
            "node": request.headers.get(signing.NODE, "")[:64],
        },
        message=exc.message,
    )
    response = HttpResponse(
        json.dumps({"error": exc.message}), status=exc.status, content_type="application/json"
    )
    if exc.status == 429:
        response["Retry-After"] = "60"
    return response


class _Stale(signing.Unauthenticated):
    """A request signed by the node outside HQ's clock window, answered signed."""

    def __init__(self, exc: signing.StaleClock, signed: _Signed) -> None:
        super().__init__(exc.status, exc.message)
        self.signed = signed


def _stale(request: HttpRequest, exc: _Stale) -> HttpResponse:
    """Answer signed with HQ's time: a post whose clock is wrong measures its offset and
    signs again in HQ's time. Nothing is stored; anyone replaying an old request gets
    only HQ's time."""
    _unauthenticated(request, exc)
    return exc.signed.answer(401, {"error": exc.message, "clock": True})


def _authenticate(request: HttpRequest, body: bytes) -> _Signed:
    """The node that signed the request; raises ``signing.Unauthenticated`` (unknown node,
    bad signature, stale clock) or ``_NodeRefusal`` (a revoked node's own request)."""
    node_id = request.headers.get(signing.NODE, "")
    node = Node.objects.filter(pk=node_id).first() if _is_uuid(node_id) else None
    if node is None:
        raise signing.Unauthenticated(401, "unknown node: enrol this post at HQ first")
    key = services.node_key(node)
    headers = {
        name: request.headers.get(name, "")
        for name in (
            signing.TIMESTAMP,
            signing.NONCE,
            signing.SIGNATURE,
            signing.DIGEST,
            signing.REPORT,
        )
    }
    try:
        nonce = signing.check_request(
            key, request.method or "POST", request.path, headers, body, time.time()
        )
    except signing.StaleClock as exc:
        raise _Stale(exc, _Signed(node, key, exc.nonce)) from exc
    return _Signed(node, key, nonce)


class _NodeRefusal(signing.Refusal):
    def __init__(self, node: Node, status: int, message: str) -> None:
        super().__init__(status, message)
        self.node = node


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _read(request: HttpRequest, limit: int) -> bytes:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > limit:
        raise signing.Unauthenticated(413, f"request body larger than {limit} bytes")
    return request.read(limit + 1)


def _remember_nonce(signed: _Signed) -> None:
    """Refuse a replayed request; forget nonces older than the clock window. A replay is
    anyone's to send, so it is refused as unauthenticated (decision 0116).

    The post's request counter (signed, in the nonce) survives a restore of HQ's
    database that loses the used nonces: a request far below the highest counter the
    post has used is a replay whatever its nonce (decision 0112)."""
    counter = signing.nonce_counter(signed.nonce)
    if counter is not None:
        highest = (
            SeenNonce.objects.filter(node=signed.node).aggregate(Max("counter"))["counter__max"]
            or 0
        )
        if counter <= highest - signing.COUNTER_WINDOW:
            raise signing.Unauthenticated(
                401, "replayed request: older than requests this post has already sent"
            )
    now = timezone.now()
    try:
        with transaction.atomic():
            SeenNonce.objects.create(node=signed.node, nonce=signed.nonce, at=now, counter=counter)
    except IntegrityError as exc:
        raise signing.Unauthenticated(401, "replayed request: this nonce was already used") from exc
    # Nonces outside the clock window go; the node's highest counter stays, so that a
    # request captured earlier is still refused after a quiet spell.
    top = (
        SeenNonce.objects.filter(node=signed.node, counter__isnull=False)
        .order_by("-counter")
        .values_list("pk", flat=True)
        .first()
    )
    stale = SeenNonce.objects.filter(
        node=signed.node, at__lt=now - dt.timedelta(seconds=2 * signing.CLOCK_SKEW)
    )
    if top is not None:
        stale = stale.exclude(pk=top)
    stale.delete()


def _admit(request: HttpRequest, signed: _Signed) -> None:
    """A fresh request of the node: take its signed report, then refuse it if the node
    is revoked (HQ still learns what the post holds: decision 0117)."""
    _remember_nonce(signed)
    services.take_report(
        signed.node,
        request.headers.get(signing.REPORT, ""),
        int(request.headers.get(signing.TIMESTAMP, "0")),
    )
    if signed.node.revoked:
        raise _NodeRefusal(signed.node, 403, "this node's access has been revoked at HQ")


NodeView = Callable[[HttpRequest, _Signed, bytes], HttpResponse]


def _node_endpoint(limit: int) -> Callable[[NodeView], Callable[[HttpRequest], HttpResponse]]:
    """What every node endpoint does around its own work: HQ only; the unauthenticated
    rate limit; the body read (at most ``limit`` bytes), authenticated and admitted
    (``_admit``); and one way to answer each failure — a stale clock signed with HQ's
    time, an unauthenticated request counted (never audited per request, decision
    0116), a refusal of a known node audited and shown on the Posts page."""

    def wrap(view: NodeView) -> Callable[[HttpRequest], HttpResponse]:
        @functools.wraps(view)
        def endpoint(request: HttpRequest) -> HttpResponse:
            if settings.PASSAGE_ROLE != "hq":
                return HttpResponse(status=404)
            if (throttled := _throttled(request)) is not None:
                return throttled
            signed: _Signed | None = None
            try:
                body = _read(request, limit)
                signed = _authenticate(request, body)
                _admit(request, signed)
                return view(request, signed, body)
            except _Stale as exc:
                return _stale(request, exc)
            except signing.Unauthenticated as exc:
                return _unauthenticated(request, exc)
            except signing.Refusal as exc:
                node = getattr(exc, "node", None) or (signed.node if signed else None)
                return _refused(request, exc.status, exc.message, node)

        return endpoint

    return wrap


@public("posts authenticate each request with their node key (HMAC signature), checked here")
@csrf_exempt
@require_POST
@_node_endpoint(inbox.MAX_BODY)
def node_push(request: HttpRequest, signed: _Signed, body: bytes) -> HttpResponse:
    if request.headers.get("Content-Encoding", "") != "gzip":
        raise signing.Refusal(415, "send batches gzip-compressed (Content-Encoding: gzip)")
    try:
        batch = inbox.decode(body, str(signed.node.pk))
        ack = inbox.receive(str(signed.node.pk), batch, signing.body_digest(body), body)
    except inbox.OutOfOrder as exc:
        # Quiet and cheap (decision 0113): the post resends from HQ's point; nothing to
        # audit and nothing wrong to show on the Posts page.
        held = Node.objects.get(pk=signed.node.pk).received_seq
        return signed.answer(409, {"error": exc.message, "acked": held})
    except inbox.Diverged as exc:
        services.mark_restored(signed.node, exc.message)
        held = Node.objects.get(pk=signed.node.pk).received_seq
        return signed.answer(409, {"error": exc.message, "acked": held, "diverged": True})
    return signed.answer(200, ack)


@public("posts authenticate each request with their node key (HMAC signature), checked here")
@csrf_exempt
@require_POST
@_node_endpoint(MAX_PULL_BODY)
def node_pull(request: HttpRequest, signed: _Signed, body: bytes) -> HttpResponse:
    try:
        held = json.loads(body or b"{}").get("datasets", {})
    except (ValueError, AttributeError) as exc:
        raise signing.Refusal(400, "pull request: JSON with a datasets object expected") from exc
    if not isinstance(held, dict):
        raise signing.Refusal(400, "pull request: datasets must map names to versions")
    answer = {}
    node: Node = signed.node
    for ds in datasets():
        version = held.get(ds.name)
        version = version if isinstance(version, str) else None
        export = ds.export(version, node) if ds.per_node else ds.export(version)
        answer[ds.name] = export.as_dict()
    node.datasets = {
        name: (item["version"] if item["mode"] != "current" else held.get(name))
        for name, item in answer.items()
    }
    node.save(update_fields=["datasets"])
    return signed.answer(200, {"datasets": answer}, compress=True)


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(body or b"{}")
    except ValueError as exc:
        raise signing.Refusal(400, "JSON object expected") from exc
    if not isinstance(doc, dict):
        raise signing.Refusal(400, "JSON object expected")
    return doc


def _int_field(doc: dict[str, Any], name: str) -> int:
    value = doc.get(name, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise signing.Refusal(400, f"{name}: a non-negative integer expected")
    return value


@public("posts authenticate each request with their node key (HMAC signature), checked here")
@csrf_exempt
@require_POST
@_node_endpoint(MAX_PULL_BODY)
def node_state(request: HttpRequest, signed: _Signed, body: bytes) -> HttpResponse:
    """What HQ holds of the post's history, compared with the head the post reports."""
    doc = _json_object(body)
    seq = _int_field(doc, "audit_seq")
    digest = doc.get("audit_hash", "")
    if not isinstance(digest, str) or len(digest) > 64:
        raise signing.Refusal(400, "audit_hash: the hash of the post's last audit event")
    return signed.answer(200, services.compare_post_chain(signed.node, seq, digest))


@public("posts authenticate each request with their node key (HMAC signature), checked here")
@csrf_exempt
@require_POST
@_node_endpoint(MAX_PULL_BODY)
def node_history(request: HttpRequest, signed: _Signed, body: bytes) -> HttpResponse:
    """The post's own rows as HQ stored them, after a sequence: a restored post takes
    back what it lost (decision 0110)."""
    answer = services.post_history(signed.node, _int_field(_json_object(body), "after"))
    return signed.answer(200, answer, compress=True)


# --- pages ---------------------------------------------------------------------------------


@requires("sync.view_sync_status")
def status(request: SignedInRequest) -> HttpResponse:
    if settings.PASSAGE_ROLE == "node":
        return render(request, "sync/post_status.html", {"status": services.post_status()})
    return render(
        request,
        "sync/node_list.html",
        {
            "nodes": services.nodes_known(),
            "datasets": [(d.name, d.label, d.version()) for d in datasets()],
            "unauthenticated": services.unauthenticated_refusals(),
            "margin": settings.PASSAGE_SYNC_CLOCK_MARGIN,
        },
    )


@requires("sync.enrol_node")
def enrol(request: SignedInRequest) -> HttpResponse:
    if settings.PASSAGE_ROLE != "hq":
        raise Http404("Posts are enrolled at headquarters.")
    problems: dict[str, str] = {}
    values = {"name": "", "crossing_point": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        try:
            credentials = services.enrol_node(
                request.user, values["name"], values["crossing_point"]
            )
        except ProblemError as exc:
            problems = exc.problems
        else:
            return render(
                request,
                "sync/node_enrolled.html",
                {"credentials": credentials, "hq": request.build_absolute_uri("/").rstrip("/")},
            )
    return render(
        request,
        "sync/node_enrol.html",
        {"problems": problems, "values": values},
        status=400 if problems else 200,
    )


@requires("sync.enrol_node")
@require_POST
def revoke(request: SignedInRequest, pk: str) -> HttpResponse:
    node = get_object_or_404(Node, pk=pk)
    services.revoke_node(request.user, node, request.POST.get("reason", ""))
    messages.success(request, _("%(name)s can no longer sync.") % {"name": node.name})
    return redirect("sync:status")


@requires("sync.enrol_node")
@require_POST
def rekey(request: SignedInRequest, pk: str) -> HttpResponse:
    node = get_object_or_404(Node, pk=pk)
    credentials = services.rekey_node(request.user, node)
    return render(
        request,
        "sync/node_enrolled.html",
        {"credentials": credentials, "hq": request.build_absolute_uri("/").rstrip("/")},
    )


@requires("sync.view_sync_status")
def chain(request: SignedInRequest, pk: str) -> HttpResponse:
    node = get_object_or_404(Node, pk=pk)
    return render(
        request, "sync/node_chain.html", {"node": node, "result": services.verify_node_chain(node)}
    )
