"""The post's sync client: push the outbox, pull datasets.

The transport is injectable (a function taking method, URL, headers and body and
returning a :class:`Response`), so tests drive HQ in-process without a socket; the
default one uses ``urllib`` over HTTPS (or HTTP on loopback).

Push resumes from ``PostLink.acked_seq``: HQ's acknowledgement is the only thing that
moves it, so a post killed mid-batch sends that batch again and HQ ignores what it
already holds.

A round (:meth:`SyncClient.run_once`) pushes, pulls, builds the screening indexes a pull
left unbuilt, and pushes again; a failed pull never stops the pushes (issue 24). Every
request carries the post's signed report (outbox head, clock offset, last error), and
every HQ answer HQ's time, against which the post measures its clock and signs with the
corrected time (decision 0118).
"""

from __future__ import annotations

import gzip
import json
import logging
import math
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db import DatabaseError, transaction
from django.utils import timezone

from passage.accounts.models import AuditChainHead, AuditEvent

from . import alert_deltas, outbox, recovery, signing
from .models import DatasetCopy, OutboxAck, OutboxEvent, PostLink
from .registry import Export, datasets
from .services import apply_dataset

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


Transport = Callable[[str, str, dict[str, str], bytes], Response]


STATE = "/sync/node/state"

# Pull answers in one run at most (a million-entry alert list is 20 pages of 50,000).
MAX_PULLS = 100


class ClientError(RuntimeError):
    """HQ could not be reached, or refused; the message says which and why."""


def urllib_transport(timeout: float = 60) -> Transport:
    def send(method: str, url: str, headers: dict[str, str], body: bytes) -> Response:
        request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 - the HQ address the administrator configured
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310
                return Response(reply.status, dict(reply.headers.items()), reply.read())
        except urllib.error.HTTPError as exc:
            return Response(exc.code, dict(exc.headers.items()), exc.read())
        except (urllib.error.URLError, OSError) as exc:
            raise ClientError(f"HQ unreachable at {url}: {exc}") from exc

    return send


@dataclass
class Summary:
    sent: int = 0
    batches: int = 0
    acked: int = 0
    backlog: int = 0
    pulled: dict[str, str] = field(default_factory=dict)
    pages: int = 0  # dataset answers applied (a paged alert-list change counts each page)
    recovered: str = ""  # what taking back the history from HQ did (restored post)
    indexes_built: int = 0  # screening indexes a pull had left unbuilt, built this round
    push_error: str = ""
    pull_error: str = ""


class SyncClient:
    def __init__(
        self,
        link: PostLink,
        transport: Transport | None = None,
        batch_size: int = 4000,
        pipeline: int = 1,
    ) -> None:
        self.link = link
        self.transport = transport or urllib_transport()
        self.batch_size = batch_size
        # Batches in flight at once: HQ decodes the next while it applies one (its node
        # lock keeps them in order; one that overtakes is refused and sent again).
        self.pipeline = max(1, pipeline)
        # This post's clock minus HQ's (seconds): requests are signed in HQ's time.
        self.clock_offset: float | None = link.clock_offset
        self.clock_checked_at: float | None = None

    # --- wire ------------------------------------------------------------------------

    def _call(self, path: str, body: bytes, extra: dict[str, str]) -> tuple[int, dict[str, Any]]:
        return self._send(path, body, self._headers(path, body, extra))

    def _report(self) -> str:
        """What HQ's status pages show of this post, signed with the request."""
        error = "; ".join(
            f"{what}: {text}"
            for what, text in (("push", self.link.last_error), ("pull", self.link.last_pull_error))
            if text
        )
        report: dict[str, Any] = {"head": outbox.head(), "error": error[:1000]}
        if self.clock_offset is not None:
            report["clock_offset"] = round(self.clock_offset, 3)
        text = json.dumps(report, ensure_ascii=True, separators=(",", ":"))
        # Escaped non-ASCII (a list's Arabic name) takes six characters a letter: shorten
        # the error until the header fits, or HQ would refuse the request as malformed.
        while len(text) > signing.MAX_REPORT - 100 and report["error"]:
            report["error"] = report["error"][: len(report["error"]) // 2]
            text = json.dumps(report, ensure_ascii=True, separators=(",", ":"))
        return text

    def _sign(self, path: str, body: bytes, report: str, counter: int | None) -> dict[str, str]:
        full_path = urlsplit(self.link.hq_url).path.rstrip("/") + path
        now = _now() - (self.clock_offset or 0.0)
        return signing.sign_request(
            self.link.node_id,
            self.link.key,
            "POST",
            full_path,
            body,
            now=now,
            counter=counter,
            report=report,
        )

    def _headers(self, path: str, body: bytes, extra: dict[str, str]) -> dict[str, str]:
        report = self._report()
        headers = self._sign(path, body, report, self._counter())
        headers.update(extra)
        headers[signing.HEAD] = str(outbox.head())
        return headers

    def _counter(self) -> int:
        """The next request counter, stored before the request leaves (decision 0112)."""
        with transaction.atomic():
            last = (
                PostLink.objects.select_for_update()
                .filter(pk=self.link.pk)
                .values_list("request_counter", flat=True)
                .first()
                or 0
            )
            counter = signing.next_counter(last)
            PostLink.objects.filter(pk=self.link.pk).update(request_counter=counter)
        return counter

    def _measure(self, sent: float, received: float, payload: dict[str, Any]) -> None:
        """This post's clock against the time in HQ's signed answer (half the round trip
        is the error, at most)."""
        hq_time = payload.get("hq_time")
        if isinstance(hq_time, int | float) and math.isfinite(hq_time):
            self.clock_offset = (sent + received) / 2 - float(hq_time)
            self.clock_checked_at = received

    def _send(
        self, path: str, body: bytes, headers: dict[str, str], *, retried: bool = False
    ) -> tuple[int, dict[str, Any]]:
        """Send and check the answer; touches no database (runs in a worker thread)."""
        sent = _now()
        reply = self.transport("POST", self.link.hq_url + path, headers, body)
        received = _now()
        if reply.status == 404 and path == STATE:
            return 404, {}  # an HQ from before restore detection
        lower = {k.lower(): v for k, v in reply.headers.items()}
        signature = lower.get(signing.SIGNATURE.lower(), "")
        expected = signing.response_signature(
            self.link.key, headers[signing.NONCE], reply.status, signing.body_digest(reply.body)
        )
        payload: dict[str, Any] = {}
        content = reply.body
        if lower.get("content-encoding") == "gzip":
            content = gzip.decompress(content)
        try:
            payload = json.loads(content) if content else {}
        except ValueError:
            payload = {"error": content[:200].decode(errors="replace")}
        signed = bool(signature) and _equal(signature, expected)
        if reply.status == 401 and signed and payload.get("clock") and not retried:
            # HQ's clock and this post's differ by more than HQ accepts: measured against
            # HQ's signed time, the request is signed again in HQ's time.
            self._measure(sent, received, payload)
            report = json.loads(headers.get(signing.REPORT) or "{}")
            if self.clock_offset is not None:
                report["clock_offset"] = round(self.clock_offset, 3)
            text = json.dumps(report, ensure_ascii=True, separators=(",", ":"))
            # The counter the refused request carried (HQ keeps no nonce of a request
            # outside its clock window): no database from this worker thread.
            counter = signing.nonce_counter(headers[signing.NONCE])
            again = {**headers, **self._sign(path, body, text, counter)}
            return self._send(path, body, again, retried=True)
        if reply.status not in (200, 409):
            raise ClientError(f"HQ refused ({reply.status}): {payload.get('error', payload)}")
        if not signed:
            raise ClientError("HQ's answer is not signed with this post's key: not applied")
        self._measure(sent, received, payload)
        return reply.status, payload

    # --- push ------------------------------------------------------------------------

    def _batch(self, after: int) -> tuple[int, int, bytes] | None:
        rows = list(
            OutboxEvent.objects.filter(seq__gt=after)
            .order_by("seq")
            .values_list("seq", "group", "kind", "model", "object_id", "data")[: self.batch_size]
        )
        if not rows:
            return None
        last_seq, last_group = rows[-1][0], rows[-1][1]
        # A batch never splits a group, whose last row is its audit event: the rest of
        # the group runs to that row, found by the (model, object id) index. (Filtering
        # the rows after by group scanned the whole rest of the outbox on SQLite, once
        # per batch: a drain quadratic in the backlog.)
        if not (rows[-1][2] == "audit" and rows[-1][4] == str(last_group)):
            end = (
                OutboxEvent.objects.filter(
                    model="accounts.auditevent", object_id=str(last_group), seq__gt=last_seq
                )
                .values_list("seq", flat=True)
                .first()
            )
            rows.extend(
                OutboxEvent.objects.filter(seq__gt=last_seq, group=last_group)
                .filter(**({} if end is None else {"seq__lte": end}))
                .order_by("seq")
                .values_list("seq", "group", "kind", "model", "object_id", "data")
            )
        first, last = rows[0][0], rows[-1][0]
        # The stored JSON goes into the batch as it is: no decoding and re-encoding.
        parts = [
            f'{{"seq":{seq},"kind":"{kind}","model":{json.dumps(model)},"id":{json.dumps(oid)},"data":{data}}}'
            for seq, _group, kind, model, oid, data in rows
        ]
        doc = (
            f'{{"format":1,"node":{json.dumps(self.link.node_id)},"first":{first},"last":{last},'
            f'"events":[{",".join(parts)}]}}'
        )
        # Level 3: 20,000 outbox rows (19 MB of JSON) in 85 ms of CPU to 2.4 MB, where
        # level 5 took 142 ms for 2.0 MB (decision 0160).
        return first, last, gzip.compress(doc.encode(), compresslevel=3)

    def check_history(self, summary: Summary) -> None:
        """Compare this post's audit chain with HQ's copy before sending anything.

        HQ holding more of this post's history than the post (restored from a backup)
        stops the push until the post has taken that history back (decision 0110)."""
        chain = AuditChainHead.objects.filter(pk=1).first()
        mine_seq, mine_hash = (chain.last_seq, chain.last_hash) if chain else (0, "")
        body = json.dumps(
            {
                "audit_seq": mine_seq,
                "audit_hash": mine_hash,
                "outbox_head": outbox.head(),
                "acked": self.link.acked_seq,
            }
        ).encode()
        status, hq = self._call(STATE, body, {"Content-Type": "application/json"})
        if status == 404:
            return
        received, hq_seq = int(hq.get("received", 0)), int(hq.get("audit_seq", 0))
        agrees = bool(hq.get("agrees")) and received <= outbox.head()
        if agrees and hq_seq:
            agrees = AuditEvent.objects.filter(seq=hq_seq, hash=hq.get("audit_hash", "")).exists()
        if not agrees:
            self.recover(summary, f"HQ holds this post's history up to #{received}")
            return
        if received > self.link.acked_seq:  # an acknowledgement lost on the way
            self._ack(received)
        verified = min(received, self.link.acked_seq)
        if verified > self.link.verified_seq:
            self.link.verified_seq = verified
            PostLink.objects.filter(pk=self.link.pk).update(verified_seq=verified)

    def compare_chains(self) -> str:
        """``sync verify`` at a post: HQ's copy of this post's chain against its own."""
        chain = AuditChainHead.objects.filter(pk=1).first()
        mine_seq, mine_hash = (chain.last_seq, chain.last_hash) if chain else (0, "")
        body = json.dumps({"audit_seq": mine_seq, "audit_hash": mine_hash}).encode()
        status, hq = self._call(STATE, body, {"Content-Type": "application/json"})
        if status == 404:
            raise ClientError("HQ does not compare chains (an older Passage)")
        hq_seq, hq_hash = int(hq.get("audit_seq", 0)), str(hq.get("audit_hash", ""))
        mine = AuditEvent.objects.filter(seq=hq_seq).values_list("hash", flat=True).first()
        if not hq.get("agrees") or (hq_seq and mine != hq_hash):
            raise ClientError(
                f"the chains DISAGREE: HQ holds this post's chain up to #{hq_seq}, and this "
                f"post's event #{hq_seq} is {'missing' if mine is None else 'another one'} "
                "(restored from a backup? run `passage sync`)"
            )
        return (
            f"HQ holds this chain up to #{hq_seq} and agrees with it "
            f"({mine_seq - hq_seq} events not yet sent)"
        )

    def recover(self, summary: Summary, why: str) -> None:
        """Stop, say so, and take back from HQ what HQ holds of this post's history."""
        PostLink.objects.filter(pk=self.link.pk).update(
            last_error=(
                f"this post was restored from a backup ({why}; its outbox ends at "
                f"#{outbox.head()}): sending stopped until it takes its history back "
                "from HQ (docs/operations.md)"
            )
        )
        # Datasets first: records HQ gives back may name reference data or alert-list
        # versions pulled after the backup, which the restore took away too.
        self.pull(summary)
        try:
            done = recovery.recover(self)
        except (recovery.RecoveryError, ClientError, DatabaseError) as exc:
            raise ClientError(
                f"this post was restored from a backup and cannot take its history back "
                f"from HQ: {exc}. Sending stays stopped; see docs/operations.md"
            ) from exc
        if done is not None:
            summary.recovered = done.describe()

    def push(self, summary: Summary) -> None:
        self.check_history(summary)
        self._push(summary)

    def _push(self, summary: Summary) -> None:
        path = "/sync/node/push"
        extra = {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        inflight: deque[tuple[int, int, Future[tuple[int, dict[str, Any]]]]] = deque()
        after = self.link.acked_seq
        refusals = 0
        with ThreadPoolExecutor(max_workers=self.pipeline) as pool:
            try:
                while True:
                    while len(inflight) < self.pipeline:
                        batch = self._batch(after)
                        if batch is None:
                            break
                        first, last, body = batch
                        headers = self._headers(path, body, extra)
                        inflight.append((first, last, self._submit(pool, path, body, headers)))
                        after = last
                    if not inflight:
                        break
                    first, last, future = inflight.popleft()
                    status, payload = future.result()
                    if status == 409 and payload.get("diverged"):
                        # HQ holds other events at these places: restored from a backup.
                        _drain(inflight)
                        self.recover(summary, str(payload.get("error", "")))
                        after = self.link.acked_seq
                        refusals += 1
                        if refusals > 3:
                            raise ClientError(f"HQ refused the batch: {payload.get('error')}")
                        continue
                    acked = payload.get("acked")
                    if not isinstance(acked, int) or acked < 0 or acked > outbox.head():
                        raise ClientError(
                            f"HQ acknowledges #{acked} but this post's outbox ends at "
                            f"#{outbox.head()}: was this post restored from an old backup? "
                            "See docs/operations.md"
                        )
                    if status == 409:
                        # Out of order at HQ: a batch overtook the one before it, or HQ
                        # holds less than it acknowledged (restored from a backup).
                        # Resend from HQ's point.
                        refusals += 1
                        if refusals > 3:
                            raise ClientError(f"HQ refused the batch: {payload.get('error')}")
                        _drain(inflight)
                        after = acked
                        self._ack(acked)
                        continue
                    refusals = 0
                    self._ack(max(acked, self.link.acked_seq))
                    summary.sent += last - first + 1
                    summary.batches += 1
            finally:
                _drain(inflight)
        summary.acked = self.link.acked_seq
        summary.backlog = max(0, outbox.head() - self.link.acked_seq)

    def _submit(
        self, pool: ThreadPoolExecutor, path: str, body: bytes, headers: dict[str, str]
    ) -> Future[tuple[int, dict[str, Any]]]:
        if self.pipeline > 1:
            return pool.submit(self._send, path, body, headers)
        # One at a time: in this thread (an injected transport may use its database).
        done: Future[tuple[int, dict[str, Any]]] = Future()
        try:
            done.set_result(self._send(path, body, headers))
        except Exception as exc:
            done.set_exception(exc)
        return done

    def _ack(self, acked: int) -> None:
        moved = acked > self.link.acked_seq
        self.link.acked_seq = acked
        PostLink.objects.filter(pk=self.link.pk).update(acked_seq=acked)
        if moved:  # when: pruning keeps what HQ's recent backups lack (decision 0111)
            OutboxAck.objects.update_or_create(seq=acked, defaults={"at": timezone.now()})

    # --- pull ------------------------------------------------------------------------

    def pull(self, summary: Summary) -> None:
        """Pull until HQ has nothing more to send (a large alert-list change comes in
        pages, one per answer, each applied in its own transaction), at most
        ``MAX_PULLS`` answers in one run: the next run goes on from what is held. Then
        build the screening indexes of the active alert-list versions that lack one (a
        post killed after a pull committed, before its indexes were built)."""
        try:
            for _ in range(MAX_PULLS):
                if not self._pull_once(summary):
                    break
        finally:
            summary.indexes_built = len(alert_deltas.build_missing_indexes())

    def _pull_once(self, summary: Summary) -> bool:
        held = {c.name: c.version for c in DatasetCopy.objects.all()}
        body = json.dumps({"datasets": {d.name: held.get(d.name) for d in datasets()}}).encode()
        _status, payload = self._call("/sync/node/pull", body, {"Content-Type": "application/json"})
        more = False
        for name, item in payload.get("datasets", {}).items():
            export = Export(
                version=item["version"],
                mode=item["mode"],
                data=item.get("data"),
                rows=item.get("rows", 0),
                published_at=item.get("published_at"),
                more=bool(item.get("more", False)),
            )
            if export.mode != "current":
                apply_dataset(None, name, export)
                summary.pulled[name] = export.version
                summary.pages += 1
                # Only an answer that moved what this post holds may lead to another.
                more = more or (export.more and export.version != held.get(name))
        return more

    # --- both ------------------------------------------------------------------------

    def run_once(self) -> Summary:
        """Push, pull, push again (the events the pull recorded). A failed pull does not
        stop the pushes; each failure is kept (``PostLink.last_error`` for pushes,
        ``last_pull_error``), sent to HQ with the next request, and the first one is
        raised once the round is over."""
        summary = Summary()
        PostLink.objects.filter(pk=self.link.pk).update(last_attempt_at=timezone.now())
        failures: list[Exception] = []
        push_failure = self._step(self.push, summary, failures)
        self.link.last_error = _describe(push_failure)  # reported with the pull
        pull_failure = self._step(self.pull, summary, failures)
        self.link.last_pull_error = _describe(pull_failure)  # reported with the next push
        if push_failure is None:
            push_failure = self._step(self.push, summary, failures)
        summary.push_error = _describe(push_failure)
        summary.pull_error = _describe(pull_failure)
        changes: dict[str, Any] = {
            "last_error": summary.push_error,
            "last_pull_error": summary.pull_error,
        }
        if push_failure is None:
            changes["last_success_at"] = timezone.now()
        if self.clock_checked_at is not None:
            changes["clock_offset"] = self.clock_offset
            changes["clock_checked_at"] = timezone.now()
        PostLink.objects.filter(pk=self.link.pk).update(**changes)
        for name, value in changes.items():
            setattr(self.link, name, value)
        if failures:
            raise failures[0]
        return summary

    def _step(
        self, step: Callable[[Summary], None], summary: Summary, failures: list[Exception]
    ) -> Exception | None:
        try:
            step(summary)
        except Exception as exc:
            if not isinstance(exc, ClientError):
                logger.exception("sync %s failed", step.__name__)
            failures.append(exc)
            return exc
        return None


def _now() -> float:
    """This post's clock (a seam for tests of a clock that is wrong)."""
    return time.time()


def _describe(exc: Exception | None) -> str:
    if exc is None:
        return ""
    text = str(exc) or type(exc).__name__
    if not isinstance(exc, ClientError):
        text = f"{type(exc).__name__}: {text}"
    return text[:2000]


def _drain(inflight: deque[tuple[int, int, Future[Any]]]) -> None:
    """Wait for the requests still in flight; their answers no longer matter."""
    while inflight:
        _first, _last, future = inflight.popleft()
        future.exception()


def _equal(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a, b)


def linked_client(transport: Transport | None = None, batch_size: int = 4000) -> SyncClient:
    link = PostLink.objects.filter(pk=1).first()
    if link is None:
        raise ClientError("this post has not joined HQ: run `passage sync join` first")
    return SyncClient(link, transport, batch_size, pipeline=2)
